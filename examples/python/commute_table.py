#!/usr/bin/env python3
"""Commute table from Python through ctypes: minutes from every zone of a
region to each destination, by profile (car, transit, park-and-ride), and
the share of the population within the budget.

    python3 commute_table.py [--data DIR] [--year 2025] [--origins SPEC]
                             [--profiles car,transit,park_and_ride]
                             [--budget 60] [--parts] [DEST ...]

It loads the installed libtnet.so.0 (or the file named by $TNET_LIB) and
calls the commute API of <tnet/tnet-commute.h> directly: load the network,
make a scenario, resolve origins and destinations (tnet_commute_select),
build one layered graph per profile with the folder's transit feed
(tnet_commute_build_graphs), compute the matrix (tnet_commute_compute: one
backward search per destination and profile) and read its cells. Origins
default to the zones of Xuchang (`region:xuchang`), destinations to the
Zhengzhou ones of the report (zz_center, zz_east_station, zz_station).
Only the standard library is needed (GLib is reached through the library's
own dependency).
"""
import argparse
import ctypes
import ctypes.util
import os
import sys


class GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int),
                ("message", ctypes.c_char_p)]


class GArray(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_uint)]


class TnetNode(ctypes.Structure):
    # mirrors TnetNode in <tnet/tnet-network.h>
    _fields_ = [("id", ctypes.c_char_p), ("name", ctypes.c_char_p),
                ("name_en", ctypes.c_char_p), ("county", ctypes.c_char_p),
                ("region", ctypes.c_char_p), ("source", ctypes.c_char_p),
                ("confidence", ctypes.c_char_p), ("kind", ctypes.c_int),
                ("lon", ctypes.c_double), ("lat", ctypes.c_double),
                ("population", ctypes.c_double)]


class TnetCommuteCell(ctypes.Structure):
    # mirrors TnetCommuteCell in <tnet/tnet-commute.h>
    _fields_ = [("total_ms", ctypes.c_uint32), ("access_ms", ctypes.c_uint32),
                ("wait_ms", ctypes.c_uint32), ("in_vehicle_ms", ctypes.c_uint32),
                ("transfer_ms", ctypes.c_uint32), ("egress_ms", ctypes.c_uint32),
                ("n_rides", ctypes.c_uint), ("lines", ctypes.POINTER(ctypes.c_char_p))]


TNET_WEIGHT_INF = 2**31 - 1
TNET_COMMUTE_TO = 0
TNET_COMMUTE_ANY = 2**32 - 1


def load_library():
    path = os.environ.get("TNET_LIB") or ctypes.util.find_library("tnet") or "libtnet.so.0"
    lib = ctypes.CDLL(path)
    p, u32, uint = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint
    perr = ctypes.POINTER(ctypes.POINTER(GError))
    sigs = {
        "tnet_version_string": (ctypes.c_char_p, []),
        "tnet_network_load_csv": (p, [ctypes.c_char_p, perr]),
        "tnet_network_free": (None, [p]),
        "tnet_network_node": (ctypes.POINTER(TnetNode), [p, u32]),
        "tnet_scenario_new": (p, [ctypes.c_int]),
        "tnet_scenario_free": (None, [p]),
        "tnet_profile_from_string": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]),
        "tnet_profile_to_string": (ctypes.c_char_p, [ctypes.c_int]),
        "tnet_commute_select": (ctypes.c_int, [p, ctypes.c_char_p, ctypes.POINTER(GArray), perr]),
        "tnet_commute_build_graphs": (ctypes.c_int, [p, p, p, p, ctypes.POINTER(ctypes.c_int),
                                                     uint, ctypes.POINTER(p), perr]),
        "tnet_dataset_load": (p, [ctypes.c_char_p, p, perr]),
        "tnet_dataset_get_feed": (ctypes.c_int, [p, ctypes.c_int, ctypes.POINTER(p), perr]),
        "tnet_dataset_get_hubs": (p, [p]),
        "tnet_commute_compute": (p, [p, ctypes.POINTER(p), uint, ctypes.POINTER(u32), uint,
                                     ctypes.POINTER(u32), uint, ctypes.c_int, ctypes.c_double]),
        "tnet_commute_free": (None, [p]),
        "tnet_commute_cell": (ctypes.POINTER(TnetCommuteCell), [p, uint, uint, uint]),
        "tnet_commute_population_total": (ctypes.c_double, [p]),
        "tnet_commute_population_within": (ctypes.c_double, [p, uint, uint]),
        "tnet_commute_share_pct": (ctypes.c_double, [p, uint, uint]),
        "tnet_multimodal_unref": (None, [p]),
    }
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args
    # GLib is already loaded as libtnet's dependency; GArray comes from it
    glib = ctypes.CDLL(ctypes.util.find_library("glib-2.0") or "libglib-2.0.so.0")
    glib.g_array_new.restype = ctypes.POINTER(GArray)
    glib.g_array_new.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_uint]
    glib.g_array_free.restype = ctypes.c_void_p
    glib.g_array_free.argtypes = [ctypes.POINTER(GArray), ctypes.c_int]
    return lib, glib


def fail(err):
    msg = err.contents.message.decode() if err else "unknown error"
    sys.exit("commute_table: " + msg)


def select(lib, glib, net, spec):
    """Node indices of an origin/destination specification."""
    arr = glib.g_array_new(0, 0, 4)
    err = ctypes.POINTER(GError)()
    if not lib.tnet_commute_select(net, spec.encode(), arr, ctypes.byref(err)):
        glib.g_array_free(arr, 1)
        fail(err)
    ids = ctypes.cast(arr.contents.data, ctypes.POINTER(ctypes.c_uint32))
    out = [ids[i] for i in range(arr.contents.len)]
    glib.g_array_free(arr, 1)
    return out


def minutes(ms):
    return None if ms == TNET_WEIGHT_INF else ms / 60000.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("TNET_DATA",
                    os.path.join(here, "..", "..", "data", "xuchang")))
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--origins", default="region:xuchang")
    ap.add_argument("--profiles", default="car,transit,park_and_ride")
    ap.add_argument("--budget", type=float, default=60.0)
    ap.add_argument("--parts", action="store_true",
                    help="also print each cell's parts and lines")
    ap.add_argument("dest", nargs="*", default=["zz_center", "zz_east_station", "zz_station"])
    args = ap.parse_args()

    lib, glib = load_library()
    err = ctypes.POINTER(GError)()
    net = lib.tnet_network_load_csv(args.data.encode(), ctypes.byref(err))
    if not net:
        fail(err)
    scen = lib.tnet_scenario_new(args.year)

    origins = select(lib, glib, net, args.origins)
    dests = select(lib, glib, net, ";".join(args.dest))
    if not origins or not dests:
        sys.exit("commute_table: no origin or no destination")
    profiles = []
    for name in args.profiles.split(","):
        prof = ctypes.c_int()
        if not lib.tnet_profile_from_string(name.encode(), ctypes.byref(prof)):
            sys.exit("commute_table: unknown profile '%s'" % name)
        profiles.append(prof.value)

    n_p = len(profiles)
    prof_arr = (ctypes.c_int * n_p)(*profiles)
    graphs = (ctypes.c_void_p * n_p)()
    # the folder's feed for the year and its hubs, loaded once by a dataset
    ds = lib.tnet_dataset_load(args.data.encode(), None, ctypes.byref(err))
    if not ds:
        fail(err)
    feed = ctypes.c_void_p()
    if not lib.tnet_dataset_get_feed(ds, args.year, ctypes.byref(feed), ctypes.byref(err)):
        fail(err)
    hubs = lib.tnet_dataset_get_hubs(ds)
    if not lib.tnet_commute_build_graphs(net, scen, feed, hubs, prof_arr, n_p, graphs,
                                         ctypes.byref(err)):
        fail(err)
    o_arr = (ctypes.c_uint32 * len(origins))(*origins)
    d_arr = (ctypes.c_uint32 * len(dests))(*dests)
    commute = lib.tnet_commute_compute(net, graphs, n_p, o_arr, len(origins), d_arr, len(dests),
                                       TNET_COMMUTE_TO, args.budget)

    def node(i):
        return lib.tnet_network_node(net, i).contents

    pnames = [lib.tnet_profile_to_string(p).decode() for p in profiles]
    dnames = [node(d).id.decode() for d in dests]
    cols = [(p, d) for d in range(len(dests)) for p in range(n_p)]
    print("tnet %s, %s, year %d, minutes from each origin to each destination by profile"
          % (lib.tnet_version_string().decode(), args.data, args.year))
    print("%-16s %-10s %10s" % ("", "", "") + "".join(" %14.14s" % dnames[d] for p, d in cols))
    print("%-16s %-10s %10s" % ("origin", "name", "population")
          + "".join(" %14.14s" % pnames[p] for p, d in cols))
    for o, oi in enumerate(origins):
        nd = node(oi)
        row = "%-16s %-10s %10.0f" % (nd.id.decode(), (nd.name or b"").decode(), nd.population)
        for p, d in cols:
            t = minutes(lib.tnet_commute_cell(commute, p, o, d).contents.total_ms)
            row += " %14s" % ("-" if t is None else "%.1f" % t)
        print(row)
    if lib.tnet_commute_population_total(commute) > 0:
        print("%-38s" % ("population within %.0f min" % args.budget)
              + "".join(" %13.1f%%" % lib.tnet_commute_share_pct(commute, p, d) for p, d in cols))
        print("%-38s" % ("  ... of any destination")
              + "".join(" %13.1f%%" % lib.tnet_commute_share_pct(commute, p, TNET_COMMUTE_ANY)
                        for p, d in cols))

    if args.parts:
        print()
        print("parts (min): access / wait / in-vehicle / transfer / egress, lines")
        for o, oi in enumerate(origins):
            for p, d in cols:
                c = lib.tnet_commute_cell(commute, p, o, d).contents
                if c.total_ms == TNET_WEIGHT_INF:
                    continue
                lines = []
                k = 0
                while c.lines[k]:
                    lines.append(c.lines[k].decode())
                    k += 1
                print("%-16s %-16s %-14s %6.1f = %5.1f / %5.1f / %5.1f / %5.1f / %5.1f  %s"
                      % (node(oi).id.decode(), dnames[d], pnames[p], c.total_ms / 60000.0,
                         c.access_ms / 60000.0, c.wait_ms / 60000.0, c.in_vehicle_ms / 60000.0,
                         c.transfer_ms / 60000.0, c.egress_ms / 60000.0, " > ".join(lines)))

    lib.tnet_commute_free(commute)
    for g in graphs:
        lib.tnet_multimodal_unref(g)
    lib.tnet_scenario_free(scen)
    lib.tnet_network_free(net)


if __name__ == "__main__":
    main()
