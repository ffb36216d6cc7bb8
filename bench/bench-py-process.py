#!/usr/bin/env python3
"""Whole processes of bench-py-matrix, paired and interleaved.

    bench-py-process.py C_BENCH [--size 1000] [--calls 5] [--runs 15]
                        [--inputs DIR] [--folder DIR] [--hyperfine]

bench-py-matrix.py times calls inside two processes; this times the two
processes whole, one after the other, alternating (C, Python, C, Python,
...; the first pair is a warm-up, not counted), so a change of the
machine's load falls on both sides alike:

* C: ``C_BENCH FOLDER IDS car m2m CALLS`` (bench-py-matrix.c): load the
  folder, CALLS matrices;
* Python: this script with ``--child FOLDER IDS CALLS``: start the
  interpreter, import tnet (NumPy, pandas), load the folder, CALLS
  ``travel_time_matrix()`` calls.

Prints per side the median and minimum wall time and the median CPU time
of the process (user + system, from the children's rusage), the ratios
Python / C, the median of the per-pair ratios, and the load average
before and after. With --hyperfine, also runs ``hyperfine -N`` on the same
two commands (which runs each command's series in turn, not interleaved).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def child(folder, ids_file, calls):
    import tnet
    ds = tnet.Dataset(folder)
    with open(ids_file, encoding="utf-8") as f:
        ids = f.read().split()
    for _ in range(calls):
        m = ds.travel_time_matrix(ids, ids, profile="car", method="m2m")
    print(json.dumps({"cells": len(m)}))
    return 0


def timed(cmd):
    """(wall ms, CPU ms of the child) of one run of *cmd*."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    return wall, cpu


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    ap = argparse.ArgumentParser()
    ap.add_argument("c_bench")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--calls", type=int, default=5)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--inputs", default=os.path.join(HERE, "..", "tests", "data", "sao-paulo"))
    ap.add_argument("--folder")
    ap.add_argument("--hyperfine", action="store_true")
    args = ap.parse_args()
    import tnet
    with tempfile.TemporaryDirectory() as tmp:
        if args.folder:
            ds = tnet.Dataset(args.folder)
        else:
            ds = tnet.Dataset.init(os.path.join(tmp, "spo"),
                                   osm=os.path.join(args.inputs, "spo_osm.pbf"),
                                   gtfs=[os.path.join(args.inputs, "spo.zip")],
                                   zones=os.path.join(args.inputs, "spo_hexgrid.csv"))
        nodes = ds.nodes()
        step = len(nodes) // args.size
        ids = nodes["id"].iloc[::step].iloc[:args.size].tolist()
        ids_file = os.path.join(tmp, "ids.txt")
        with open(ids_file, "w", encoding="utf-8") as f:
            f.write("\n".join(ids) + "\n")
        c_cmd = [args.c_bench, ds.path, ids_file, "car", "m2m", str(args.calls)]
        py_cmd = [sys.executable, os.path.abspath(__file__), "--child", ds.path, ids_file,
                  str(args.calls)]
        load0 = os.getloadavg()
        timed(c_cmd)
        timed(py_cmd)
        c, py = [], []
        for _ in range(args.runs):
            c.append(timed(c_cmd))
            py.append(timed(py_cmd))
        load1 = os.getloadavg()
        med = statistics.median
        cw, pw = [x[0] for x in c], [x[0] for x in py]
        cc, pc = [x[1] for x in c], [x[1] for x in py]
        pairs = [p / q for p, q in zip(pw, cw)]
        print(f"{args.size} x {args.size} car matrix, {args.calls} calls per process, "
              f"{args.runs} interleaved pairs after one warm-up pair; "
              f"load average {load0[0]:.1f} before, {load1[0]:.1f} after")
        print(f"C process       wall median {med(cw):8.1f} ms  min {min(cw):8.1f} ms  "
              f"CPU median {med(cc):8.1f} ms")
        print(f"Python process  wall median {med(pw):8.1f} ms  min {min(pw):8.1f} ms  "
              f"CPU median {med(pc):8.1f} ms")
        print(f"Python / C: wall {med(pw) / med(cw):.3f} (medians), {min(pw) / min(cw):.3f} "
              f"(minima), {med(pairs):.3f} (median of the pairs); CPU {med(pc) / med(cc):.3f}")
        print(json.dumps({"bench": "py-process", "size": args.size, "calls": args.calls,
                          "runs": args.runs, "c_wall_ms": [round(x, 1) for x in cw],
                          "py_wall_ms": [round(x, 1) for x in pw],
                          "c_cpu_ms": [round(x, 1) for x in cc],
                          "py_cpu_ms": [round(x, 1) for x in pc],
                          "load_before": load0[0], "load_after": load1[0]}))
        if args.hyperfine and shutil.which("hyperfine"):
            subprocess.run(["hyperfine", "-N", "--warmup", "1", "--runs", str(args.runs),
                            "--export-json", os.path.join(tmp, "hf.json"),
                            " ".join(c_cmd), " ".join(py_cmd)], check=True)
            with open(os.path.join(tmp, "hf.json"), encoding="utf-8") as f:
                hf = json.load(f)["results"]
            print(json.dumps({"hyperfine": [{"command": "C" if i == 0 else "Python",
                                             "median_ms": round(r["median"] * 1000, 1),
                                             "min_ms": round(r["min"] * 1000, 1),
                                             "user_ms": round(r["user"] * 1000, 1),
                                             "system_ms": round(r["system"] * 1000, 1)}
                                            for i, r in enumerate(hf)]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
