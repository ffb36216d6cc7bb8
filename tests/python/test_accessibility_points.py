"""accessibility(origins=...): zone ids, other nodes and points, by car,
transit's frequency model and the timetable.

Oracles: every row is recounted here from a travel-time matrix — the sum
of the zones' opportunities whose time is within the cutoff — where a
point's time to a zone is composed from the plain matrix of its access
candidates' nodes plus their access times (whole milliseconds, as the
graph weighs a link); zone rows are those of every zone; by the
timetable, zone rows are `tnet accessibility --format json`'s, and a point's
row is recounted from the timetable matrix from the point (each cell
route(point, zone, depart=...))."""
import os

import numpy as np
import pandas as pd
import pytest

from conftest import cli

CUTOFFS = [5.0, 10.0, 20.0]


@pytest.fixture(scope="module")
def zone_table(sao_paulo_dir):
    return pd.read_csv(os.path.join(sao_paulo_dir, "zones.csv"), dtype={"id": str})


def points_of(table, picks, dlon, dlat):
    return [(float(table["lon"][i]) + dlon, float(table["lat"][i]) + dlat) for i in picks]


def composed(ds, points, zone_ids, **kw):
    """Minutes [point, zone]: the best over each point's access candidates
    of access (whole ms) + the plain matrix from the candidate's node."""
    cands = ds.access_candidates(points)
    nodes = sorted(set(cands["node"]))
    m = ds.travel_time_matrix(nodes, zone_ids, **kw)
    col = "travel_time" if "travel_time" in m.columns else "travel_time_p50"
    t = m[col].to_numpy().reshape(len(nodes), len(zone_ids))
    t = np.where(np.isnan(t), np.inf, t)
    out = np.full((len(points), len(zone_ids)), np.inf)
    for p, node, acc in zip(cands["point"], cands["node"], cands["access_min"]):
        acc_ms = np.floor(acc * 60000.0 + 0.5)
        out[p] = np.minimum(out[p], acc_ms / 60000.0 + t[nodes.index(node)])
    return out


def brute_sums(minutes, opportunities, cutoffs):
    return np.array([[opportunities[row <= c + 1e-9].sum() for c in cutoffs]
                     for row in minutes])


@pytest.mark.parametrize("profile", ["car", "transit"])
def test_points_against_brute_force(sao_paulo, zone_table, profile):
    # three points between zones and one exactly at a zone
    picks = [7, 60, 200]
    pts = points_of(zone_table, picks, 0.0011, -0.0007) + points_of(zone_table, [30], 0, 0)
    zone_ids = zone_table["id"].tolist()
    got = sao_paulo.accessibility("jobs", CUTOFFS, profile=profile, origins=pts,
                                  model="frequency")
    assert got.index.tolist() == [f"{x:.6f},{y:.6f}" for x, y in pts]
    want = brute_sums(composed(sao_paulo, pts, zone_ids, profile=profile,
                               **({} if profile == "car" else {"model": "frequency"})),
                      zone_table["jobs"].to_numpy(), CUTOFFS)
    assert np.array_equal(got.to_numpy(), want), (got, want)
    assert got.attrs["model"] == ("network" if profile == "car" else "frequency")
    # the test can fail: the rows differ between points and cutoffs
    assert len({tuple(r) for r in want}) > 1 and (want[:, 0] < want[:, -1]).any()
    # each origin weighs 1 in the mean
    assert np.allclose(got.attrs["mean_population_weighted"], want.mean(axis=0))


def test_zone_and_node_origins(sao_paulo, zone_table):
    everyone = sao_paulo.accessibility("jobs", CUTOFFS)
    ids = zone_table["id"].tolist()[5:9]
    rows = sao_paulo.accessibility("jobs", CUTOFFS, origins=ids)
    assert np.array_equal(rows.to_numpy(), everyone.loc[ids].to_numpy())
    # a GeoDataFrame whose ids are zone ids is those zones
    import geopandas
    gdf = geopandas.GeoDataFrame({"id": ids}, geometry=geopandas.points_from_xy(
        zone_table["lon"][5:9], zone_table["lat"][5:9]), crs="EPSG:4326")
    assert np.array_equal(sao_paulo.accessibility("jobs", CUTOFFS, origins=gdf).to_numpy(),
                          rows.to_numpy())
    # a street node: the plain matrix from it, summed
    nodes = sao_paulo.nodes()
    street = nodes[nodes["kind"] != "zone"]["id"].iloc[100]
    got = sao_paulo.accessibility("jobs", CUTOFFS, origins=[street])
    t = sao_paulo.travel_time_matrix([street], zone_table["id"].tolist())["travel_time"]
    want = brute_sums(np.where(np.isnan(t), np.inf, t)[None, :],
                      zone_table["jobs"].to_numpy(), CUTOFFS)
    assert np.array_equal(got.to_numpy(), want)


def test_timetable_zone_rows_equal_cli(sao_paulo, sao_paulo_dir, zone_table):
    ref = cli("accessibility", "--data", sao_paulo_dir, "--opportunities", "jobs",
              "--cutoffs", "10,20", "--profile", "transit", "--depart", "07:30",
              "--window", "10", "--percentile", "75", "--format", "json")
    got = sao_paulo.accessibility("jobs", [10, 20], profile="transit", depart="07:30",
                                  window=10, percentile=75)
    want = np.array([z["accessibility"] for z in ref["zones"]])
    assert got.index.tolist() == [z["id"] for z in ref["zones"]]
    assert np.array_equal(got.to_numpy(), want)
    assert np.allclose(got.attrs["mean_population_weighted"], ref["mean_population_weighted"])
    assert got.attrs["model"] == "timetable"
    assert got.attrs["feed"] == ref["timetable"]["feed"]
    assert got.attrs["date"] == ref["timetable"]["date"]
    ids = zone_table["id"].tolist()[:5]
    some = sao_paulo.accessibility("jobs", [10, 20], profile="transit", depart="07:30",
                                   window=10, percentile=75, origins=ids)
    assert np.array_equal(some.to_numpy(), want[:5])
    # the frequency model counts otherwise
    assert not np.array_equal(
        sao_paulo.accessibility("jobs", [10, 20], profile="transit",
                                model="frequency").to_numpy(), want)


def test_timetable_points_against_brute_force(sao_paulo, zone_table):
    """By the timetable a point's row is recounted from the timetable
    matrix from the point (whose cells are route(point, zone, depart=...),
    tested in test_matrix_points_timetable.py), not composed from its
    links' nodes: the traveller leaves the point at the departure, so the
    departures from the nodes differ, and a percentile of the minimum is
    not the minimum of the percentiles."""
    pts = points_of(zone_table, [12, 90, 150], -0.0009, 0.0012)
    zone_ids = zone_table["id"].tolist()
    got = sao_paulo.accessibility("jobs", CUTOFFS + [30], profile="transit", depart="07:30",
                                  window=10, percentile=50, origins=pts)
    m = sao_paulo.travel_time_matrix(pts, zone_ids, profile="transit", depart="07:30",
                                     window=10, percentiles=[50])
    t = m["travel_time_p50"].to_numpy().reshape(len(pts), len(zone_ids))
    want = brute_sums(np.where(np.isnan(t), np.inf, t), zone_table["jobs"].to_numpy(),
                      CUTOFFS + [30])
    assert np.array_equal(got.to_numpy(), want), (got, want)
    assert want[:, -1].max() > 0 and len({tuple(r) for r in want}) > 1
    assert got.attrs["model"] == "timetable" and got.attrs["percentile"] == 50
    # each cell checked against route() for a few zones
    import tnet
    for i, z in ((0, 0), (1, 45), (2, 130)):
        try:
            r = sao_paulo.route(pts[i], zone_ids[z], profile="transit", depart="07:30",
                                window=10, percentiles=[50]).attrs["percentiles"]["p50"]
        except tnet.Error:
            r = np.nan
        assert (np.isnan(r) and np.isnan(t[i, z])) or t[i, z] == r


def test_accessibility_bad_arguments(sao_paulo, zone_table):
    with pytest.raises(ValueError, match="profile='transit'"):
        sao_paulo.accessibility("jobs", CUTOFFS, depart="07:30")
    with pytest.raises(ValueError, match="depart"):
        sao_paulo.accessibility("jobs", CUTOFFS, profile="transit", depart="7h30")
    import tnet
    with pytest.raises(tnet.Error, match="unknown node"):
        sao_paulo.accessibility("jobs", CUTOFFS, origins=["no_such_node"])
    # a point far from every street node and zone reaches nothing
    far = [(float(zone_table["lon"][0]) + 1.0, float(zone_table["lat"][0]))]
    got = sao_paulo.accessibility("jobs", CUTOFFS, origins=far)
    assert (got.to_numpy() == 0).all()
