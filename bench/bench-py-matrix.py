#!/usr/bin/env python3
"""A SIZE x SIZE travel-time matrix from Python against the same call in C.

    bench-py-matrix.py C_BENCH [--size 1000] [--reps 7] [--profile car]
                       [--method m2m] [--inputs DIR] [--folder DIR]

Builds the São Paulo network folder from the fixture inputs
(tests/data/sao-paulo: OSM extract, GTFS feed, hexagon grid) with
tnet.Dataset.init, unless --folder names one; takes SIZE of its nodes
(every k-th, in file order) as origins and as destinations; then times, on
the loaded dataset, tnet.Dataset.travel_time_matrix() (scenario, layered
graph, matrix, NumPy array, long DataFrame) and C_BENCH (bench-py-matrix.c:
the same library calls from C, the matrix copied out in minutes). Prints,
per side, the wall and CPU time of the cold first call and the minimum and
median of the warm ones, the ratios Python / C, and one JSON line.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

import tnet

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("c_bench")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--profile", default="car")
    ap.add_argument("--method", default="m2m")
    ap.add_argument("--inputs", default=os.path.join(HERE, "..", "tests", "data", "sao-paulo"))
    ap.add_argument("--folder")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.folder:
            ds = tnet.Dataset(args.folder)
        else:
            ds = tnet.Dataset.init(os.path.join(tmp, "spo"),
                                   osm=os.path.join(args.inputs, "spo_osm.pbf"),
                                   gtfs=[os.path.join(args.inputs, "spo.zip")],
                                   zones=os.path.join(args.inputs, "spo_hexgrid.csv"))
        nodes = ds.nodes()
        if len(nodes) < args.size:
            sys.exit(f"the folder has {len(nodes)} nodes, fewer than {args.size}")
        step = len(nodes) // args.size
        ids = nodes["id"].iloc[::step].iloc[:args.size].tolist()
        ids_file = os.path.join(tmp, "ids.txt")
        with open(ids_file, "w", encoding="utf-8") as f:
            f.write("\n".join(ids) + "\n")

        # the C runs in one process, the Python ones in this one: on each
        # side the first call after loading is the cold one (first touch of
        # the allocator's memory, of the code and of the dataset's arrays),
        # the others are warm
        r = subprocess.run([args.c_bench, ds.path, ids_file, args.profile, args.method,
                            str(args.reps + 1)], capture_output=True, text=True, check=True)
        c = json.loads(r.stdout)
        c_ms, c_cpu = c["c_ms"][1:], c["c_cpu_ms"][1:]
        c_cold, c_cold_cpu = c["c_ms"][0], c["c_cpu_ms"][0]
        py_ms, py_cpu = [], []
        for _ in range(args.reps + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            m = ds.travel_time_matrix(ids, ids, profile=args.profile, method=args.method)
            py_ms.append((time.perf_counter() - t0) * 1000)
            py_cpu.append((time.process_time() - c0) * 1000)
        py_cold, py_cold_cpu = py_ms.pop(0), py_cpu.pop(0)
        reached_py = int(np.count_nonzero(~np.isnan(m["travel_time"].to_numpy())))
    if c["reached"] != reached_py:
        sys.exit(f"C reached {c['reached']} cells, Python {reached_py}")
    med = statistics.median
    py, cc = med(py_ms), med(c_ms)
    py_min, c_min = min(py_ms), min(c_ms)

    def runs(xs):
        return ", ".join(f"{x:.1f}" for x in xs)

    print(f"{args.size} x {args.size} {args.profile} matrix ({args.method}), "
          f"{len(m)} cells, {reached_py} reached, {args.reps} warm runs each after a cold one")
    print(f"C      wall min {c_min:7.1f} ms  median {cc:7.1f} ms  cold {c_cold:7.1f} ms  "
          f"(runs: {runs(c_ms)})")
    print(f"Python wall min {py_min:7.1f} ms  median {py:7.1f} ms  cold {py_cold:7.1f} ms  "
          f"(runs: {runs(py_ms)})")
    print(f"C      CPU  min {min(c_cpu):7.1f} ms  median {med(c_cpu):7.1f} ms  "
          f"cold {c_cold_cpu:7.1f} ms")
    print(f"Python CPU  min {min(py_cpu):7.1f} ms  median {med(py_cpu):7.1f} ms  "
          f"cold {py_cold_cpu:7.1f} ms")
    print(f"overhead of Python: min {py_min - c_min:+.1f} ms "
          f"({(py_min - c_min) / c_min * 100:+.1f} %), median {py - cc:+.1f} ms "
          f"({(py - cc) / cc * 100:+.1f} %)")
    print(f"Python / C, warm: wall {py / cc:.3f} (median), {py_min / c_min:.3f} (min); "
          f"CPU {med(py_cpu) / med(c_cpu):.3f} (median), {min(py_cpu) / min(c_cpu):.3f} (min); "
          f"cold: wall {py_cold / c_cold:.3f}, CPU {py_cold_cpu / c_cold_cpu:.3f}")
    print(json.dumps({"bench": "py-matrix", "size": args.size, "profile": args.profile,
                      "method": args.method, "c_min_ms": round(c_min, 3),
                      "py_min_ms": round(py_min, 3), "c_median_ms": round(cc, 3),
                      "py_median_ms": round(py, 3),
                      "overhead_min_pct": round((py_min - c_min) / c_min * 100, 2),
                      "overhead_median_pct": round((py - cc) / cc * 100, 2),
                      "c_cpu_median_ms": round(med(c_cpu), 3),
                      "py_cpu_median_ms": round(med(py_cpu), 3),
                      "wall_ratio_median": round(py / cc, 4),
                      "cpu_ratio_median": round(med(py_cpu) / med(c_cpu), 4),
                      "c_cold_ms": round(c_cold, 3), "py_cold_ms": round(py_cold, 3),
                      "c_cold_cpu_ms": round(c_cold_cpu, 3),
                      "py_cold_cpu_ms": round(py_cold_cpu, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
