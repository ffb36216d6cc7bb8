#!/usr/bin/env python3
"""Commute table from Python through ctypes: the car travel time from every
zone of a region to each destination, and the population within the budget.

    python3 commute_table.py [--data DIR] [--year 2025] [--region xuchang]
                             [--budget 60] [DEST ...]

It loads the installed libtnet.so.0 (or the file named by $TNET_LIB) and
calls the C API directly: load the network, make a scenario, compile the
car graph, then one backward search per destination (the time *to* the
destination from every node at once). Only the standard library is needed.
"""
import argparse
import ctypes
import ctypes.util
import os
import sys


class GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int),
                ("message", ctypes.c_char_p)]


class TnetNode(ctypes.Structure):
    # mirrors TnetNode in <tnet/tnet-network.h>
    _fields_ = [("id", ctypes.c_char_p), ("name", ctypes.c_char_p),
                ("name_en", ctypes.c_char_p), ("county", ctypes.c_char_p),
                ("region", ctypes.c_char_p), ("source", ctypes.c_char_p),
                ("confidence", ctypes.c_char_p), ("kind", ctypes.c_int),
                ("lon", ctypes.c_double), ("lat", ctypes.c_double),
                ("population", ctypes.c_double)]


TNET_NODE_ZONE = 0
TNET_BACKWARD = 1
TNET_WEIGHT_INF = 2**31 - 1
TNET_ID_NONE = 2**32 - 1
# TnetMode: expressway, trunk, road, ..., access = 9
CAR_MODES = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 9)


def load_library():
    path = os.environ.get("TNET_LIB") or ctypes.util.find_library("tnet") or "libtnet.so.0"
    lib = ctypes.CDLL(path)
    p, u32 = ctypes.c_void_p, ctypes.c_uint32
    perr = ctypes.POINTER(ctypes.POINTER(GError))
    sigs = {
        "tnet_version_string": (ctypes.c_char_p, []),
        "tnet_network_load_csv": (p, [ctypes.c_char_p, perr]),
        "tnet_network_free": (None, [p]),
        "tnet_network_n_nodes": (ctypes.c_uint, [p]),
        "tnet_network_node": (ctypes.POINTER(TnetNode), [p, u32]),
        "tnet_network_find_node": (u32, [p, ctypes.c_char_p]),
        "tnet_scenario_new": (p, [ctypes.c_int]),
        "tnet_scenario_free": (None, [p]),
        "tnet_graph_compile_modes": (p, [p, p, ctypes.c_uint, ctypes.POINTER(p),
                                         ctypes.POINTER(p), perr]),
        "tnet_graph_unref": (None, [p]),
        "tnet_metric_unref": (None, [p]),
        "tnet_search_new": (p, [p]),
        "tnet_search_free": (None, [p]),
        "tnet_search_run": (None, [p, p, u32, ctypes.c_int, u32, u32]),
        "tnet_search_distance": (u32, [p, u32]),
    }
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args
    return lib


def fail(err):
    msg = err.contents.message.decode() if err else "unknown error"
    sys.exit("commute_table: " + msg)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("TNET_DATA",
                    os.path.join(here, "..", "..", "data", "xuchang")))
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--region", default="xuchang")
    ap.add_argument("--budget", type=float, default=60.0)
    ap.add_argument("dest", nargs="*", default=["zz_center", "airport_center"])
    args = ap.parse_args()

    lib = load_library()
    err = ctypes.POINTER(GError)()
    net = lib.tnet_network_load_csv(args.data.encode(), ctypes.byref(err))
    if not net:
        fail(err)
    scen = lib.tnet_scenario_new(args.year)
    time = ctypes.c_void_p()
    graph = lib.tnet_graph_compile_modes(net, scen, CAR_MODES, ctypes.byref(time), None,
                                         ctypes.byref(err))
    if not graph:
        fail(err)
    search = lib.tnet_search_new(graph)

    n = lib.tnet_network_n_nodes(net)
    zones = []
    for i in range(n):
        node = lib.tnet_network_node(net, i).contents
        if node.kind == TNET_NODE_ZONE and (node.region or b"").decode() == args.region:
            zones.append((i, node.id.decode(), node.name.decode(), node.population))
    if not zones:
        sys.exit("commute_table: no zone in region '%s'" % args.region)

    table = {}
    for d in args.dest:
        dest = lib.tnet_network_find_node(net, d.encode())
        if dest == TNET_ID_NONE:
            sys.exit("commute_table: unknown destination '%s'" % d)
        # backward: distance from every node *to* dest, in one search
        lib.tnet_search_run(search, time, dest, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE)
        for i, _, _, _ in zones:
            ms = lib.tnet_search_distance(search, i)
            table[(i, d)] = None if ms == TNET_WEIGHT_INF else ms / 60000.0

    print("tnet %s, %s, year %d, car, minutes to each destination"
          % (lib.tnet_version_string().decode(), args.data, args.year))
    print("%-16s %-10s %10s" % ("zone", "name", "population")
          + "".join(" %14s" % d for d in args.dest))
    total = sum(z[3] for z in zones)
    within = {d: 0.0 for d in args.dest}
    for i, zid, name, pop in zones:
        cells = []
        for d in args.dest:
            t = table[(i, d)]
            cells.append(" %14s" % ("-" if t is None else "%.1f" % t))
            if t is not None and t <= args.budget:
                within[d] += pop
        print("%-16s %-10s %10.0f" % (zid, name, pop) + "".join(cells))
    if total > 0:
        print("%-38s" % ("population within %.0f min" % args.budget)
              + "".join(" %13.1f%%" % (100.0 * within[d] / total) for d in args.dest))

    lib.tnet_search_free(search)
    lib.tnet_metric_unref(time)
    lib.tnet_graph_unref(graph)
    lib.tnet_scenario_free(scen)
    lib.tnet_network_free(net)


if __name__ == "__main__":
    main()
