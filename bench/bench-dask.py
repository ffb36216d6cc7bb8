#!/usr/bin/env python3
"""tnet.distributed on 1 and 2 local Dask workers against the plain call.

    bench-dask.py [--reps 5] [--workers 1,2] [--folder DIR] [--inputs DIR]
                  [--scheduler ADDRESS] [--only matrix,timetable,criticality,uncertainty]

Four workloads, each timed warm (the first call of every configuration,
which loads the folder in the workers, is not counted) REPS times, median
reported:
  matrix       the São Paulo transit zone-to-zone matrix (323 × 323 zones,
               frequency-based layered graph, many-to-many)
  timetable    the same matrix by the timetable: range RAPTOR per origin,
               06:00 + 240 min, p10, p50, p90
  criticality  the São Paulo car criticality scan, 40 west zones to 40 east
               zones, budget 20 min, every link
  uncertainty  the bundled Xuchang report with 40 uncertainty draws
  porto        (only when asked: --only porto) the Porto car criticality
               scan, 2 random origins to 10 random destinations (seed 42),
               budget 60 min, every link; the network is imported from
               $TNET_SHARED_DATA/osm-porto-r5 with `tnet import osm`
The plain call runs in this process on one thread where the library lets
it choose (criticality threads=1, report threads=1) and with the library's
default threads (0: one per processor) — the matrix kernel picks its own.
Each distributed configuration is a LocalCluster of N worker processes with
one thread each on 127.0.0.1 (or, with --scheduler, the cluster at
ADDRESS; the folder must then be at the same path on every worker). The
São Paulo folder is built from tests/data/sao-paulo by tnet.Dataset.init
unless --folder names one. Prints a table and one JSON line per
measurement; every distributed result is checked equal to the plain one
(`same` in the JSON). The machine's processor count is printed: with 2
processors, 2 workers can at best halve the time.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd

import tnet
import tnet.distributed as td

HERE = os.path.dirname(os.path.abspath(__file__))
XUCHANG = os.path.join(HERE, "..", "data", "xuchang")


def timed(fn, reps):
    fn()  # warm: folder loaded, caches filled, pages in
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(times), out


def frames_equal(a, b):
    try:
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    except AssertionError:
        return False
    return a.attrs == b.attrs


def zones_of(ds, region, n):
    nodes = ds.nodes()
    return ";".join(nodes[(nodes["kind"] == "zone") & (nodes["region"] == region)]["id"][:n])


def porto_folder(tmp):
    """The Porto car network imported by `tnet import osm` ($TNET_EXE, else
    build/tools/tnet/tnet) from $TNET_SHARED_DATA (default ../shared/data),
    or None with a note when the extract is absent."""
    shared = os.environ.get("TNET_SHARED_DATA", os.path.join(HERE, "..", "..", "shared", "data"))
    pbf = os.path.join(shared, "osm-porto-r5", "porto_portugal.osm.pbf")
    if not os.path.exists(pbf):
        print(f"# porto: {pbf} is missing (set TNET_SHARED_DATA); skipped")
        return None
    exe = os.environ.get("TNET_EXE") or os.path.join(HERE, "..", "build", "tools", "tnet", "tnet")
    folder = os.path.join(tmp, "porto")
    subprocess.run([exe, "import", "osm", pbf, "-o", folder, "-q"], check=True)
    return folder


def workloads(spo, spo_dir, only, tmp):
    ds = tnet.Dataset(spo_dir)
    west, east = zones_of(ds, "west", 40), zones_of(ds, "east", 40)
    xu = tnet.Dataset(XUCHANG)
    w = {}
    if "matrix" in only:
        w["matrix"] = (
            {"plain": lambda: ds.travel_time_matrix(profile="transit")},
            lambda c: td.travel_time_matrix(c, spo_dir, profile="transit"),
            frames_equal, "sao-paulo transit 323x323")
    if "timetable" in only:
        tt = dict(profile="transit", depart="06:00", window=240, percentiles=[10, 50, 90])
        w["timetable"] = (
            {"plain": lambda: ds.travel_time_matrix(**tt)},
            lambda c: td.travel_time_matrix(c, spo_dir, **tt),
            frames_equal, "sao-paulo timetable 323x323, 06:00 + 240 min, p10/50/90")
    if "criticality" in only:
        w["criticality"] = (
            {"plain-1-thread": lambda: ds.criticality(west, east, budget=20, top=100_000,
                                                      threads=1),
             "plain": lambda: ds.criticality(west, east, budget=20, top=100_000, threads=0)},
            lambda c: td.criticality(c, spo_dir, west, east, budget=20, top=100_000),
            frames_equal, "sao-paulo car 40x40 zones")
    if "porto" in only:
        folder = porto_folder(tmp)
        if folder:
            pt = tnet.Dataset(folder)
            ids = pt.nodes()["id"].tolist()
            rng = random.Random(42)
            a, b = ";".join(rng.sample(ids, 2)), ";".join(rng.sample(ids, 10))
            w["porto"] = (
                {"plain-1-thread": lambda: pt.criticality(a, b, budget=60, top=100_000,
                                                          threads=1),
                 "plain": lambda: pt.criticality(a, b, budget=60, top=100_000, threads=0)},
                lambda c: td.criticality(c, folder, a, b, budget=60, top=100_000),
                frames_equal, "porto car 2x10 random nodes, every link")
    if "uncertainty" in only:
        w["uncertainty"] = (
            {"plain-1-thread": lambda: json.loads(xu._c.report_json(2025, [], draws=40,
                                                                    seed=1, threads=1)),
             "plain": lambda: json.loads(xu._c.report_json(2025, [], draws=40, seed=1))},
            lambda c: td.report_uncertainty(c, XUCHANG, 40, seed=1),
            lambda a, b: a == b, "xuchang report 40 draws")
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--inputs", default=os.path.join(HERE, "..", "tests", "data", "sao-paulo"))
    ap.add_argument("--folder")
    ap.add_argument("--scheduler")
    ap.add_argument("--only", default="matrix,timetable,criticality,uncertainty")
    args = ap.parse_args()
    from dask.distributed import Client, LocalCluster

    only = set(args.only.split(","))
    n_cpu = os.cpu_count()
    print(f"# {n_cpu} processors; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        spo_dir = args.folder
        if spo_dir is None:
            zones = os.path.join(tmp, "zones.csv")
            with open(os.path.join(args.inputs, "spo_hexgrid.csv"), encoding="utf-8") as f, \
                    open(zones, "w", encoding="utf-8") as g:
                for i, line in enumerate(f):
                    line = line.rstrip("\n")
                    side = "district" if i == 0 else \
                        ("west" if float(line.split(",")[1]) < -46.645 else "east")
                    g.write(f"{line},{side}\n")
            spo_dir = os.path.join(tmp, "spo")
            tnet.Dataset.init(spo_dir, osm=os.path.join(args.inputs, "spo_osm.pbf"),
                              gtfs=[os.path.join(args.inputs, "spo.zip")], zones=zones,
                              region_column="district")
        spo_dir = os.path.abspath(spo_dir)
        work = workloads(None, spo_dir, only, tmp)
        results = []
        for name, (plains, dist, equal, what) in work.items():
            base = {}
            for label, fn in plains.items():
                ms, out = timed(fn, args.reps)
                base[label] = (ms, out)
                results.append({"bench": "dask", "work": name, "what": what, "run": label,
                                "workers": 0, "ms": round(ms, 1)})
            ref_ms, ref = base["plain"]
            for n in [int(x) for x in args.workers.split(",")]:
                if args.scheduler:
                    cluster, client = None, Client(args.scheduler)
                else:
                    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None,
                                           local_directory=tmp)
                    client = Client(cluster)
                try:
                    ms, out = timed(lambda: dist(client), args.reps)
                finally:
                    client.close()
                    if cluster:
                        cluster.close()
                results.append({"bench": "dask", "work": name, "what": what,
                                "run": f"dask-{n}", "workers": n, "ms": round(ms, 1),
                                "vs_plain": round(ms / ref_ms, 2),
                                "same": bool(equal(ref, out))})
        print(f"{'work':<12} {'run':<15} {'median ms':>10} {'/ plain':>8}  same")
        for r in results:
            ratio = f"{r['vs_plain']:.2f}" if "vs_plain" in r else ""
            print(f"{r['work']:<12} {r['run']:<15} {r['ms']:>10.1f} {ratio:>8}  "
                  f"{r.get('same', '')}")
        by = {(r["work"], r["workers"]): r["ms"] for r in results if r["workers"]}
        for name in work:
            if (name, 1) in by and (name, 2) in by:
                print(f"# {name}: 2 workers / 1 worker = {by[(name, 2)] / by[(name, 1)]:.2f}")
        print(f"# load average {os.getloadavg()[0]:.1f} at the end")
        for r in results:
            print(json.dumps(r))
        if not all(r.get("same", True) for r in results):
            sys.exit("a distributed result differs from the plain one")


if __name__ == "__main__":
    main()
