#!/usr/bin/env python3
"""Accessibility to jobs in São Paulo, drawn with GeoPandas.

    python3 sao_paulo_jobs.py [--inputs DIR] [--out DIR] [--cutoff 30]
                              [--car-cutoff 5]

Builds a network folder from public inputs with tnet.Dataset.init (the
OpenStreetMap extract, the SPTrans GTFS feed and r5r's hexagon grid of
tests/data/sao-paulo by default), computes for every hexagon the jobs
reachable by transit within --cutoff minutes (by the feed's timetable,
departing 08:00 on its busiest day, as `tnet accessibility`) and by car within
--car-cutoff minutes (the extract is small: by car every job is within half
an hour), and draws the share of all jobs per hexagon for both into OUT/sao_paulo_jobs.png
(matplotlib's Agg backend: no display needed). The table is written to
OUT/sao_paulo_jobs.csv.
"""
import argparse
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import geopandas  # noqa: E402
import pandas as pd  # noqa: E402

import tnet  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", default=os.path.join(HERE, "..", "..", "tests", "data",
                                                     "sao-paulo"))
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                  "tnet-sao-paulo-py"))
    ap.add_argument("--cutoff", type=float, default=30)
    ap.add_argument("--car-cutoff", type=float, default=5)
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    # the zones as a GeoDataFrame: hexagon centres with their opportunities
    grid = pd.read_csv(os.path.join(args.inputs, "spo_hexgrid.csv"), dtype={"id": str})
    zones = geopandas.GeoDataFrame(grid, geometry=geopandas.points_from_xy(grid.lon, grid.lat),
                                   crs="EPSG:4326").drop(columns=["lon", "lat"])
    def progress(done, total, what):
        # the library calls back from its worker (the GIL taken back for it)
        if done == total:
            print(f"  {what}: done", file=sys.stderr, flush=True)
        return True     # False would cancel

    ds = tnet.Dataset.init(os.path.join(args.out, "spo"),
                           osm=os.path.join(args.inputs, "spo_osm.pbf"),
                           gtfs=[os.path.join(args.inputs, "spo.zip")],
                           zones=zones, name="São Paulo", progress=progress)
    print(f"{ds.name}: {ds.init_stats['zones']} zones, {ds.init_stats['stops']} stops")

    transit = ds.accessibility("jobs", cutoffs=[args.cutoff], profile="transit")
    car = ds.accessibility("jobs", cutoffs=[args.car_cutoff], profile="car")
    total = transit.attrs["total"]
    table = pd.DataFrame({"transit_jobs": transit.iloc[:, 0], "car_jobs": car.iloc[:, 0]})
    table["transit_pct"] = table.transit_jobs / total * 100
    table["car_pct"] = table.car_jobs / total * 100
    table.to_csv(os.path.join(args.out, "sao_paulo_jobs.csv"))

    # hexagon-sized marks: project to metres, buffer the centres (r5r's grid
    # is H3 resolution 9, edge about 174 m)
    shown = zones.set_index("id").join(table, how="inner").to_crs(epsg=31983)
    shown["geometry"] = shown.geometry.buffer(174, resolution=2)
    fig, axes = plt.subplots(1, 2, figsize=(11, 5.5), constrained_layout=True)
    for ax, key, label, cut in ((axes[0], "transit_pct", "transit", args.cutoff),
                                (axes[1], "car_pct", "car", args.car_cutoff)):
        shown.plot(column=key, ax=ax, cmap="viridis", legend=True, vmin=0, vmax=100,
                   legend_kwds={"label": "% of all jobs"})
        ax.set_title(f"São Paulo: jobs within {cut:g} min by {label}")
        ax.set_axis_off()
    png = os.path.join(args.out, "sao_paulo_jobs.png")
    fig.savefig(png, dpi=80)
    print(f"mean share of all jobs: within {args.cutoff:g} min by transit "
          f"{table.transit_pct.mean():.1f} %, within {args.car_cutoff:g} min by car "
          f"{table.car_pct.mean():.1f} %")
    print(f"map: {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
