#!/usr/bin/env python3
"""The commute table with the tnet package: minutes from every origin zone to
each destination by profile, as a pandas pivot table, and the share of the
population within the budget.

    python3 commute_table.py [--data DIR] [--year 2025] [--origins SPEC]
                             [--profiles car,transit,park_and_ride]
                             [--budget MIN] [--frequency-model] [--csv FILE]
                             [DEST ...]

Without options it computes what `tnet commute` computes: the plan's first
[commute] group of the folder (for the bundled data: the Xuchang zones to
the Zhengzhou destinations by car, transit and park-and-ride), transit and
park-and-ride by the GTFS timetable (departing 08:00 on the feed's busiest
day; the median is `minutes`, the percentiles travel_time_p5 ... p95).
--frequency-model asks for the frequency approximation instead, as the
command's option does.
"""
import argparse
import os
import sys

import tnet

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TNET_DATA")
                    or os.path.join(HERE, "..", "..", "data", "xuchang"))
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--origins")
    ap.add_argument("--profiles", help="comma-separated (default: the plan's)")
    ap.add_argument("--budget", type=float)
    ap.add_argument("--frequency-model", action="store_true",
                    help="transit by the frequency approximation, not the timetable")
    ap.add_argument("--csv", help="also write the long table to this CSV file")
    ap.add_argument("destinations", nargs="*")
    args = ap.parse_args(argv)

    ds = tnet.Dataset(args.data)
    cells = ds.scenario(args.year).commute(
        origins=args.origins,
        destinations=";".join(args.destinations) if args.destinations else None,
        profiles=args.profiles.split(",") if args.profiles else None,
        budget=args.budget, model="frequency" if args.frequency_model else "timetable")
    table = cells.pivot(index="origin", columns=["destination", "profile"], values="minutes")
    print(f"Commute {args.year} ({ds.name}), minutes door to door, transit by the "
          f"{cells.attrs['model']}")
    print(table.round(1).to_string())
    pop = cells.attrs["population"]
    budget = cells.attrs["budget_min"]
    for profile in cells.attrs["methods"]:
        share = pop[profile]["any"]
        print(f"population within {budget:g} min by {profile}: "
              f"{share['within']:.0f} of {pop['total']:.0f} ({share['pct']:.1f} %)")
    if args.csv:
        cells.to_csv(args.csv, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
