"""Points start and end on their access links in commute() and in the
timetable matrix (travel_time_matrix(depart=...)), as in the car matrix.

Oracles: a point at a zone has that zone's row of `tnet commute`; a point
between zones has the minimum over its access candidates of access time
plus the command's value from the candidate's node (tnet commute --origins
NODE); in the timetable matrix each cell is route(point, zone,
depart=...) for the pair."""
import math

import numpy as np
import pytest

from conftest import cli


def gdf_of(ids, lons, lats):
    import geopandas
    return geopandas.GeoDataFrame({"id": ids}, geometry=geopandas.points_from_xy(lons, lats),
                                  crs="EPSG:4326")


def cli_cells(folder, origins, destinations, profile, extra=(), key="minutes"):
    ref = cli("commute", "--data", folder, "--origins", ";".join(origins), "--destinations",
              ";".join(destinations), "--profiles", profile, "--format", "json", *extra)
    out = {}
    for c in ref["cells"]:
        v = c[key] if key == "minutes" else c["percentiles"][key]
        out[(c["origin"], c["destination"])] = math.nan if v is None else v
    return out


@pytest.fixture(scope="module")
def zones(sao_paulo):
    nodes = sao_paulo.nodes()
    return nodes[nodes["kind"] == "zone"].reset_index(drop=True)


def between(zones, n, seed):
    rng = np.random.default_rng(seed)
    a = zones.sample(n, random_state=seed).reset_index(drop=True)
    b = zones.sample(n, random_state=seed + 1).reset_index(drop=True)
    t = rng.uniform(0.2, 0.45, size=n)
    return ((a["lon"] + t * (b["lon"] - a["lon"])).to_numpy(),
            (a["lat"] + t * (b["lat"] - a["lat"])).to_numpy())


@pytest.mark.parametrize("profile", ["car", "transit"])
def test_commute_point_between_zones(sao_paulo, sao_paulo_dir, zones, profile):
    lons, lats = between(zones, 5, 11)
    pts = gdf_of([f"q{i}" for i in range(5)], lons, lats)
    cands = sao_paulo.access_candidates(pts)
    dests = zones["id"].tolist()[::7]
    ref = cli_cells(sao_paulo_dir, sorted(set(cands["node"])), dests, profile,
                    ("--frequency-model",))
    got = sao_paulo.commute(pts, dests, profiles=[profile], budget=90, model="frequency")
    assert len(got) == 5 * len(dests)
    assert got["origin"].iloc[0] == "q0"
    g = got["minutes"].to_numpy().reshape(5, len(dests))
    n_reached = 0
    for i in range(5):
        mine = cands[cands["point"] == i]
        assert len(mine) >= 1
        for j, did in enumerate(dests):
            best = min((ref[(n, did)] + am for n, am in zip(mine["node"], mine["access_min"])
                        if not math.isnan(ref[(n, did)])), default=math.nan)
            if math.isnan(best):
                assert math.isnan(g[i, j])
            else:
                # the command rounds to 0.1 min
                assert abs(g[i, j] - best) <= 0.05 + 1e-9, (i, did, g[i, j], best)
                n_reached += 1
    assert n_reached > 0


def test_commute_point_at_zone_is_zone_row(sao_paulo, sao_paulo_dir, zones):
    picks = zones.iloc[::60]
    dests = zones["id"].tolist()[::5]
    pts = gdf_of([f"p{i}" for i in range(len(picks))], picks["lon"], picks["lat"])
    ref = cli_cells(sao_paulo_dir, picks["id"].tolist(), dests, "car")
    got = sao_paulo.commute(pts, dests, profiles=["car"], budget=90)
    g = got["minutes"].to_numpy().reshape(len(picks), len(dests))
    n = 0
    for i, zid in enumerate(picks["id"]):
        for j, did in enumerate(dests):
            if did == zid:
                continue   # the zone to itself is 0; the point goes out and back in
            want = ref[(zid, did)]
            assert (math.isnan(want) and math.isnan(g[i, j])) \
                or abs(g[i, j] - want) <= 0.05 + 1e-9, (zid, did, g[i, j], want)
            n += not math.isnan(want)
    assert n > 0


def test_timetable_matrix_points(sao_paulo, zones):
    """The timetable matrix from points equals route(point, zone,
    depart=...) for each pair, exactly. (It was composed before, the best
    over the links of access + the command's cell from the link's node
    departing at the departure itself; that is not what a traveller leaving
    the point at the departure gets, who reaches the node later, and a
    minimum of percentiles is not a percentile of the minimum, so the
    oracle is now route(), itself tested against per-link compositions of
    node routes departing at each link's time in
    test_route_points_timetable.py.)"""
    import tnet
    lons, lats = between(zones, 4, 21)
    at = zones.iloc[[3, 40]]
    pts = gdf_of([f"q{i}" for i in range(4)] + ["a0", "a1"], list(lons) + list(at["lon"]),
                 list(lats) + list(at["lat"]))
    ends = [(float(x), float(y)) for x, y in zip(pts.geometry.x, pts.geometry.y)]
    dests = zones["id"].tolist()[::9]
    got = sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart="07:30",
                                      window=10, percentiles=[50])
    assert got["from_id"].tolist()[::len(dests)] == ["q0", "q1", "q2", "q3", "a0", "a1"]
    g = got["travel_time_p50"].to_numpy().reshape(6, len(dests))
    n = 0
    for i in range(6):
        for j, did in enumerate(dests):
            try:
                want = sao_paulo.route(ends[i], did, profile="transit", depart="07:30",
                                       window=10, percentiles=[50]).attrs["percentiles"]["p50"]
            except tnet.Error as e:
                assert "no path" in str(e)
                want = math.nan
            assert (math.isnan(want) and math.isnan(g[i, j])) or g[i, j] == want, \
                (i, did, g[i, j], want)
            n += not math.isnan(want)
    assert n > 0


def test_commute_xuchang_points(xuchang):
    nodes = xuchang.nodes()
    z = nodes[nodes["kind"] == "zone"].reset_index(drop=True)
    pts = [(float(z["lon"].iloc[0]), float(z["lat"].iloc[0]))]
    dests = z["id"].tolist()
    cands = xuchang.access_candidates(pts)
    if len(cands):
        got = xuchang.commute(pts, dests, profiles=["car"], budget=120)
        via = xuchang.commute(cands["node"].tolist(), dests, profiles=["car"], budget=120)
        m = via["minutes"].to_numpy().reshape(len(cands), len(dests))
        want = np.nanmin(m + cands["access_min"].to_numpy()[:, None], axis=0)
    else:
        # no access candidate: the nearest zone, with a warning
        with pytest.warns(UserWarning, match="nearest zone"):
            got = xuchang.commute(pts, dests, profiles=["car"], budget=120)
        want = xuchang.commute([z["id"].iloc[0]], dests, profiles=["car"],
                               budget=120)["minutes"].to_numpy()
    assert np.allclose(got["minutes"].to_numpy(), want, equal_nan=True, atol=1e-9)


@pytest.mark.parametrize("profile", ["car", "transit"])
def test_commute_points_equal_matrix(sao_paulo, zones, profile):
    """commute() with points gives travel_time_matrix()'s cells for the same
    points and profile: its composition (the best over the candidates'
    pairs of access + the node-to-node cell + egress) is the search from
    every access link at once that the matrix runs, the access links
    counted in whole milliseconds as there. From points to zones, zones
    to points and points to points (a point to itself included)."""
    lons, lats = between(zones, 6, 23)
    pts = gdf_of([f"q{i}" for i in range(6)], lons, lats)
    dl, dt = between(zones, 4, 29)
    dpts = gdf_of([f"d{i}" for i in range(4)], dl, dt)
    zids = zones["id"].tolist()[::17]
    for o, d in ((pts, zids), (zids, dpts), (pts, dpts), (pts, pts)):
        c = sao_paulo.commute(o, d, profiles=[profile], budget=300, model="frequency")
        m = sao_paulo.travel_time_matrix(o, d, profile=profile, model="frequency")
        assert c["origin"].tolist() == m["from_id"].tolist()
        assert c["destination"].tolist() == m["to_id"].tolist()
        a, b = c["minutes"].to_numpy(), m["travel_time"].to_numpy()
        assert np.array_equal(a, b, equal_nan=True), np.nanmax(np.abs(a - b))
        assert np.isfinite(b).sum() >= len(b) // 2


def test_commute_points_equal_matrix_park_and_ride(xuchang):
    """The same for park-and-ride (the frequency model reaches nothing on
    the São Paulo fixture, whose parking places serve no layered graph): on
    the bundled folder, whose points (no street within the access distance)
    start at their nearest zone, with a warning."""
    nodes = xuchang.nodes()
    z = nodes[nodes["kind"] == "zone"]
    pts = [(lon + 0.002, lat - 0.001) for lon, lat in zip(z["lon"][::3], z["lat"][::3])]
    with pytest.warns(UserWarning):
        c = xuchang.commute(pts, z["id"].tolist(), profiles=["park_and_ride"], budget=300,
                            model="frequency")
    with pytest.warns(UserWarning):
        m = xuchang.travel_time_matrix(pts, z["id"].tolist(), profile="park_and_ride",
                                       model="frequency")
    a, b = c["minutes"].to_numpy(), m["travel_time"].to_numpy()
    assert np.array_equal(a, b, equal_nan=True)
    assert np.isfinite(b).sum() >= len(b) // 2
