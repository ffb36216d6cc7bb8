#!/usr/bin/env python3
"""Compares scenarios of the bundled data set with the tnet package: the
2020 network, the 2025 plan, and the 2025 plan with links or lines closed.

    python3 scenario_comparison.py [--data DIR] [--close LINK_OR_LINE ...]

Prints, per origin zone, the car and transit minutes to the first
destination of the plan's commute group in each scenario and the change
the closures cause, then the plan indicators of 2020 beside 2025.
"""
import argparse
import os
import sys

import pandas as pd

import tnet

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TNET_DATA")
                    or os.path.join(HERE, "..", "..", "data", "xuchang"))
    ap.add_argument("--close", nargs="*", default=["l_g4_03", "l_g4_cg_n"],
                    help="link ids or line names closed in the third scenario")
    args = ap.parse_args(argv)

    ds = tnet.Dataset(args.data)
    scenarios = {"2020": ds.scenario(2020), "2025": ds.scenario(2025),
                 "2025 closed": ds.scenario(2025, closures=args.close)}
    columns = {}
    for name, scen in scenarios.items():
        cells = scen.commute(profiles=["car", "transit"])
        dest = cells.destination.iloc[0]
        mine = cells[cells.destination == dest]
        for profile, part in mine.groupby("profile", sort=False):
            columns[(profile, name)] = part.set_index("origin")["minutes"]
    table = pd.DataFrame(columns)
    for profile in ("car", "transit"):
        table[(profile, "closure effect")] = (table[(profile, "2025 closed")]
                                              - table[(profile, "2025")])
    table = table.sort_index(axis=1, level=0, sort_remaining=False)
    print(f"Minutes to {dest}; closed: {', '.join(args.close)}")
    print(table.round(1).to_string())

    _, report = ds.report()
    keep = [c for c in ("2020", "2025", "target") if c in report.columns]
    print("\nPlan indicators")
    print(report[keep].dropna(how="all").to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
