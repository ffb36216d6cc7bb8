"""Park-and-ride by the timetable: travel_time_matrix(), route() and
accessibility() with profile="park_and_ride" and depart=...

Oracle: the `tnet` command with --profile(s) park_and_ride and the same
timetable and park-and-ride options (`tnet commute`, `tnet route`, `tnet
accessibility`, --format json): an independent front end of the
library's park-and-ride (the command builds its own timetable, parking
places and JSON). The command rounds minutes to 0.1, so a package value
equals it within half a tenth. The São Paulo fixture (tnet init) has 3 OSM
parking places; the bundled folder's stations are parking places."""
import math

import numpy as np
import pandas as pd
import pytest

import tnet
from conftest import XUCHANG, cli
from test_points_compose import cli_cells

DEPART, WINDOW, PCTS = "07:30", 10, [10, 50, 90]
OPTS = ("--depart", DEPART, "--window", str(WINDOW), "--percentiles", "10,50,90")


def zone_ids(ds):
    nodes = ds.nodes()
    return nodes[nodes["kind"] == "zone"]["id"].tolist()


def assert_matrix_equals_commute(ds, folder, origins, dests, extra=(), **kw):
    """Every cell and percentile equals `tnet commute --profiles
    park_and_ride`'s; returns the matrix of p50 [origin, destination]."""
    m = ds.travel_time_matrix(origins, dests, profile="park_and_ride", depart=DEPART,
                              window=WINDOW, percentiles=PCTS, **kw)
    assert m.attrs["profile"] == "park_and_ride" and m.attrs["model"] == "timetable"
    finite = 0
    for p in PCTS:
        ref = cli_cells(folder, origins, dests, "park_and_ride", OPTS + tuple(extra), f"p{p:g}")
        g = m[f"travel_time_p{p:g}"].to_numpy().reshape(len(origins), len(dests))
        for i, a in enumerate(origins):
            for j, b in enumerate(dests):
                want = ref[(a, b)]
                assert (math.isnan(want) and math.isnan(g[i, j])) \
                    or abs(g[i, j] - want) <= 0.05 + 1e-9, (a, b, p, g[i, j], want)
                finite += not math.isnan(want)
    assert finite > 0
    return m["travel_time_p50"].to_numpy().reshape(len(origins), len(dests))


def transit_p50(ds, origins, dests):
    m = ds.travel_time_matrix(origins, dests, profile="transit", depart=DEPART,
                              window=WINDOW, percentiles=PCTS)
    return m["travel_time_p50"].to_numpy().reshape(len(origins), len(dests))


def test_xuchang_matrix_equals_commute(xuchang):
    z = zone_ids(xuchang)
    g = assert_matrix_equals_commute(xuchang, XUCHANG, z, z)
    # the stations park: some cells are faster than by transit, none slower
    # (walking to the first stop stays possible), so the cells are not
    # transit's
    t = np.where(np.isnan(transit_p50(xuchang, z, z)), np.inf, transit_p50(xuchang, z, z))
    gg = np.where(np.isnan(g), np.inf, g)
    assert (gg <= t + 1e-9).all()
    assert (gg < t - 1).sum() >= 5


def test_xuchang_matrix_options_equal_commute(xuchang):
    """Other drive budget, park time and radius: the command's options."""
    z = zone_ids(xuchang)
    kw = dict(drive_budget=12, park_time=2, parking_radius=600)
    g = assert_matrix_equals_commute(
        xuchang, XUCHANG, z, z,
        ("--drive-budget", "12", "--park-time", "2", "--parking-radius", "600"), **kw)
    d = assert_matrix_equals_commute(xuchang, XUCHANG, z, z)
    both = np.isfinite(g) & np.isfinite(d)
    assert (np.abs(g - d)[both] > 1e-9).any() or np.isfinite(g).sum() != np.isfinite(d).sum()


def test_sao_paulo_matrix_equals_commute(sao_paulo, sao_paulo_dir):
    z = zone_ids(sao_paulo)
    origins, dests = z[::7], z[3::11]
    g = assert_matrix_equals_commute(sao_paulo, sao_paulo_dir, origins, dests)
    # of the 3 parking places, those serving a stop within 400 m
    r = cli_route(sao_paulo_dir, origins[0], dests[0])
    assert r["park_and_ride"]["parking_places"] >= 1
    t = transit_p50(sao_paulo, origins, dests)
    g, t = np.where(np.isnan(g), np.inf, g), np.where(np.isnan(t), np.inf, t)
    assert (g <= t + 1e-9).all()
    assert (g < t - 1e-9).any(), "no cell parks"


def cli_route(folder, a, b, *extra):
    return cli("route", a, b, "--data", folder, "--profile", "park_and_ride", "--depart",
               DEPART, "--format", "json", *extra)


# one departure and walks of at most 15 minutes, given to the package and
# the command alike: with the bundled plan's (window 120, 60-minute walks)
# most zones walk to a station and a route's legs are its first minute's
SHORT_WALK = {"window": 0, "max_walk": 15}
SHORT_WALK_CLI = ("--window", "0", "--max-walk", "15")


def assert_route_equals_cli(ds, folder, a, b, short_walk=False):
    """route()'s legs and totals equal `tnet route --profile park_and_ride
    --depart`'s (each with SHORT_WALK when *short_walk*, else with no other
    option); the package adds the walk from the last stop to the
    destination (the command's JSON ends at the stop). Returns the legs."""
    r = ds.route(a, b, profile="park_and_ride", depart=DEPART,
                 **(SHORT_WALK if short_walk else {}))
    ref = cli_route(folder, a, b, *(SHORT_WALK_CLI if short_walk else ()))
    assert r.attrs["profile"] == "park_and_ride"
    # the package names the options drive_budget_min, park_time_min and
    # parking_radius_m (the command's JSON takes the same keys)
    want = dict(ref["park_and_ride"])
    if "park_min" in want:
        want["park_time_min"] = want.pop("park_min")
    assert r.attrs["park_and_ride"] == want
    assert abs(r.attrs["total_min"] - ref["total_min"]) <= 0.05 + 1e-9
    for k, v in ref["percentiles"].items():
        assert abs(r.attrs["percentiles"][k] - v) <= 0.05 + 1e-9
    legs = ref["legs"]
    assert len(r) in (len(legs), len(legs) + 1)
    for i, leg in enumerate(legs):
        got = r.iloc[i]
        for key in ("kind", "line", "trip", "from", "to", "start", "end"):
            assert got[key] == leg[key], (a, b, i, key, got[key], leg[key])
        assert abs(got["wait_min"] - leg["wait_min"]) < 1e-9
    if len(r) > len(legs):
        last = r.iloc[-1]
        assert last["kind"] == "walk" and last["to"] == b
    # the legs follow each other and end at the total
    assert (r["start_s"].to_numpy()[1:] >= r["end_s"].to_numpy()[:-1]).all()
    assert abs((r["end_s"].iloc[-1] - 27000) / 60 - r.attrs["total_min"]) < 1e-9
    return r


def test_xuchang_route_equals_cli(xuchang):
    """Pairs whose journey drives, parks and rides, and one that walks to
    its first stop."""
    z = zone_ids(xuchang)
    g = xuchang.travel_time_matrix(z, z, profile="park_and_ride", depart=DEPART, **SHORT_WALK)
    t = xuchang.travel_time_matrix(z, z, profile="transit", depart=DEPART, **SHORT_WALK)
    gain = t["travel_time_p50"].fillna(1e9) - g["travel_time_p50"]
    pairs = g[gain > 1][["from_id", "to_id"]].astype(str).values.tolist()
    assert len(pairs) >= 3
    kinds = set()
    rides_after_park = 0
    for a, b in pairs[:8]:
        r = assert_route_equals_cli(xuchang, XUCHANG, a, b, short_walk=True)
        kinds |= set(r["kind"])
        ks = r["kind"].tolist()
        assert ks[:2] == ["drive", "park"]
        assert r["from"].iloc[0] == a and r["to"].iloc[0] == r["from"].iloc[1]
        rides_after_park += "ride" in ks
        # drive + park + the rest: the drive budget and park time hold
        assert r["minutes"].iloc[0] <= 30 and r["minutes"].iloc[1] == 5
    assert {"drive", "park", "walk"} <= kinds
    assert rides_after_park >= 1, "no pair drove, parked and rode"
    same = g[gain.abs() < 1e-9][["from_id", "to_id"]].astype(str).values.tolist()
    same = [p for p in same if p[0] != p[1]]
    r = assert_route_equals_cli(xuchang, XUCHANG, *same[0], short_walk=True)
    assert "drive" not in set(r["kind"])
    # with no option, both take the plan's (window 120, 60-minute walks)
    r = assert_route_equals_cli(xuchang, XUCHANG, *pairs[0])
    assert r.attrs["window_min"] == 120


def test_sao_paulo_route_equals_cli(sao_paulo, sao_paulo_dir):
    z = zone_ids(sao_paulo)
    for a, b in [(z[0], z[-1]), (z[10], z[200]), (z[50], z[120])]:
        try:
            assert_route_equals_cli(sao_paulo, sao_paulo_dir, a, b)
        except tnet.Error as e:
            assert "no path by park-and-ride" in str(e)


def test_sao_paulo_accessibility_equals_cli(sao_paulo, sao_paulo_dir):
    a = sao_paulo.accessibility("jobs", cutoffs=(20, 40), profile="park_and_ride",
                                depart=DEPART, window=WINDOW)
    ref = cli("accessibility", "--data", sao_paulo_dir, "--opportunities", "jobs",
              "--cutoffs", "20,40", "--profile", "park_and_ride", "--depart", DEPART,
              "--window", str(WINDOW), "--format", "json")
    assert a.attrs["model"] == "timetable" and a.attrs["profile"] == "park_and_ride"
    assert a.index.tolist() == [z["id"] for z in ref["zones"]]
    assert a.to_numpy().tolist() == [z["accessibility"] for z in ref["zones"]]
    assert (a.to_numpy() > 0).sum() > 0
    # not transit's: parking reaches more jobs somewhere
    t = sao_paulo.accessibility("jobs", cutoffs=(20, 40), profile="transit",
                                depart=DEPART, window=WINDOW)
    assert (a.to_numpy() >= t.to_numpy()).all() and (a.to_numpy() > t.to_numpy()).any()
    # a subset of zone origins: the same rows; other nodes by the matrix
    z = zone_ids(sao_paulo)
    sub = sao_paulo.accessibility("jobs", cutoffs=(20, 40), profile="park_and_ride",
                                  depart=DEPART, window=WINDOW, origins=z[:5])
    assert (sub.to_numpy() == a.loc[z[:5]].to_numpy()).all()
    # other nodes: the matrix's p50 within the cutoff, summed by hand
    nodes = sao_paulo.nodes()
    other = nodes[nodes["kind"] != "zone"]["id"].tolist()[:3]
    acc = sao_paulo.accessibility("jobs", cutoffs=(20, 40), profile="park_and_ride",
                                  depart=DEPART, window=WINDOW, origins=other)
    m = sao_paulo.travel_time_matrix(other, z, profile="park_and_ride", depart=DEPART,
                                     window=WINDOW)
    zt = pd.read_csv(f"{sao_paulo_dir}/zones.csv", dtype={"id": str})
    jobs = dict(zip(zt["id"], zt["jobs"]))
    for o in other:
        cells = m[m["from_id"] == o]
        for c in (20, 40):
            want = sum(float(jobs[d]) for d, t in zip(cells["to_id"], cells["travel_time_p50"])
                       if t <= c)
            assert acc.loc[o, f"within_{c}_min"] == want, (o, c)


def test_progress_and_errors(xuchang):
    z = zone_ids(xuchang)
    seen = []
    xuchang.travel_time_matrix(z[:3], z, profile="park_and_ride", depart=DEPART,
                               progress=lambda done, total, what: seen.append((done, total)))
    assert seen[:3] == [(0, 3), (1, 3), (2, 3)]
    with pytest.raises(tnet.Error, match="cancelled"):
        xuchang.travel_time_matrix(z[:3], z, profile="park_and_ride", depart=DEPART,
                                   progress=lambda *a: False)

    def boom(*a):
        raise KeyError("stop here")
    with pytest.raises(KeyError, match="stop here"):
        xuchang.travel_time_matrix(z[:3], z, profile="park_and_ride", depart=DEPART,
                                   progress=boom)
    with pytest.raises(tnet.Error, match="no_such_node"):
        xuchang.travel_time_matrix(z[:3], ["no_such_node"], profile="park_and_ride",
                                   depart=DEPART)
    with pytest.raises(tnet.Error, match="no_such_node"):
        xuchang.route(z[0], "no_such_node", profile="park_and_ride", depart=DEPART)
    nodes = xuchang.nodes()
    pt = (float(nodes["lon"][0]) + 0.001, float(nodes["lat"][0]))
    # points are taken now (test_park_ride_points.py); on the bundled
    # folder, with no street near, a point starts at its nearest zone
    with pytest.warns(UserWarning, match="1 point"):
        m = xuchang.travel_time_matrix([pt], z, profile="park_and_ride", depart=DEPART)
    assert m["travel_time_p50"].notna().sum() > 1
    with pytest.raises(ValueError, match="drive_budget"):
        xuchang.travel_time_matrix(z[:2], z[:2], profile="park_and_ride", depart=DEPART,
                                   drive_budget=-1)
    with pytest.raises(ValueError, match="parking_radius"):
        xuchang.route(z[0], z[1], profile="park_and_ride", depart=DEPART,
                      parking_radius=20000)
    with pytest.raises(ValueError, match="whole minutes"):
        xuchang.route(z[0], z[1], profile="park_and_ride", depart=DEPART, park_time=2.5)
    with pytest.raises(ValueError, match="'transit' or 'park_and_ride'"):
        xuchang.travel_time_matrix(z[:2], z[:2], profile="car", depart=DEPART)
    with pytest.raises(ValueError, match="by the timetable"):
        xuchang.accessibility("population", profile="park_and_ride", model="frequency")
