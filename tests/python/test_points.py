"""Points as origins and destinations start and end on the access links
`tnet init` would give a zone there (tnet_network_snap_points()).

Oracles: a point at a zone of São Paulo (built by the `tnet init` command)
has the car times of that zone's own row in `tnet commute`; a point off
the zones has, to every zone, the minimum over its access candidates of
access time plus the command's time from the candidate's node; the
candidates themselves are those of a brute-force nearest-node scan over
the nodes `tnet init` linked zones to."""
import math

import numpy as np
import pytest

from conftest import cli


def cli_car_rows(folder, origins, destinations):
    ref = cli("commute", "--data", folder, "--origins", ";".join(origins), "--destinations",
              ";".join(destinations), "--profiles", "car", "--format", "json")
    out = {}
    for c in ref["cells"]:
        out[(c["origin"], c["destination"])] = (np.nan if c["minutes"] is None
                                                else c["minutes"])
    return out


@pytest.fixture(scope="module")
def zones(sao_paulo):
    nodes = sao_paulo.nodes()
    return nodes[nodes["kind"] == "zone"].reset_index(drop=True)


def gdf_of(ids, lons, lats):
    import geopandas
    return geopandas.GeoDataFrame({"id": ids}, geometry=geopandas.points_from_xy(lons, lats),
                                  crs="EPSG:4326")


def test_point_at_zone_equals_zone_row(sao_paulo, sao_paulo_dir, zones):
    picks = zones.iloc[::40]
    dests = zones["id"].tolist()
    pts = gdf_of([f"p{i}" for i in range(len(picks))], picks["lon"], picks["lat"])
    m = sao_paulo.travel_time_matrix(pts, dests, profile="car")
    assert len(m) == len(picks) * len(dests)
    assert m["from_id"].iloc[0] == "p0"
    ref = cli_car_rows(sao_paulo_dir, picks["id"].tolist(), dests)
    got = m["travel_time"].to_numpy().reshape(len(picks), len(dests))
    n_checked = 0
    for i, zid in enumerate(picks["id"]):
        for j, did in enumerate(dests):
            if did == zid:
                # the zone to itself is 0; the point goes out and back in
                assert got[i, j] > 0
                continue
            want = ref[(zid, did)]
            assert (math.isnan(want) and math.isnan(got[i, j])) \
                or abs(got[i, j] - want) <= 0.05 + 1e-9, (zid, did, got[i, j], want)
            n_checked += not math.isnan(want)
    assert n_checked > len(picks) * len(dests) // 2


def haversine_m(lon1, lat1, lon2, lat2):
    r, k = 6371008.8, math.pi / 180
    dlat, dlon = (lat2 - lat1) * k, (lon2 - lon1) * k
    s = math.sin(dlat / 2) ** 2 + math.cos(lat1 * k) * math.cos(lat2 * k) * math.sin(dlon / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(s)))


def test_point_off_grid_equals_brute_force(sao_paulo, sao_paulo_dir, zones):
    rng = np.random.default_rng(34)
    nodes = sao_paulo.nodes()
    # points between zones: a zone's position moved by a third of the way
    # to another zone
    a = zones.sample(8, random_state=3).reset_index(drop=True)
    b = zones.sample(8, random_state=4).reset_index(drop=True)
    t = rng.uniform(0.2, 0.45, size=8)
    lons = (a["lon"] + t * (b["lon"] - a["lon"])).to_numpy()
    lats = (a["lat"] + t * (b["lat"] - a["lat"])).to_numpy()
    pts = gdf_of([f"q{i}" for i in range(8)], lons, lats)
    cands = sao_paulo.access_candidates(pts)
    assert set(cands["point"]) == set(range(8))
    dests = zones["id"].tolist()
    ref = cli_car_rows(sao_paulo_dir, sorted(set(cands["node"])), dests)
    m = sao_paulo.travel_time_matrix(pts, dests, profile="car")
    got = m["travel_time"].to_numpy().reshape(8, len(dests))
    for i in range(8):
        mine = cands[cands["point"] == i]
        road = mine[mine["network"] == "road"]
        assert len(road) == 1
        c = road.iloc[0]
        cn = nodes.set_index("id").loc[c["node"]]
        assert abs(c["distance_m"] - haversine_m(lons[i], lats[i], cn.lon, cn.lat)) < 1e-6
        # the access time to the nearest millisecond
        exact_ms = c["distance_m"] * 1.2 / (4.8 / 3.6) * 1000
        assert abs(c["access_min"] * 60000 - exact_ms) <= 0.5 + 1e-6
        assert c["access_min"] * 60000 == pytest.approx(round(c["access_min"] * 60000), abs=1e-6)
        for j, did in enumerate(dests):
            best = min((ref[(n, did)] + am for n, am in zip(mine["node"], mine["access_min"])
                        if not math.isnan(ref[(n, did)])), default=math.nan)
            if math.isnan(best):
                assert math.isnan(got[i, j])
            else:
                # the command rounds each time to 0.1 min
                assert abs(got[i, j] - best) <= 0.05 + 1e-9, (i, did, got[i, j], best)


def test_points_as_destinations_and_pairs(sao_paulo, zones):
    z = zones.iloc[5]
    pairs = [(float(z["lon"]), float(z["lat"]))]
    fwd = sao_paulo.travel_time_matrix([zones["id"].iloc[0]], pairs, profile="car")
    cands = sao_paulo.access_candidates(pairs)
    to_nodes = sao_paulo.travel_time_matrix([zones["id"].iloc[0]], cands["node"].tolist(),
                                            profile="car")
    want = min(to_nodes["travel_time"].to_numpy() + cands["access_min"].to_numpy())
    # the access time counts in whole milliseconds, as a link's does
    assert fwd["travel_time"].iloc[0] == pytest.approx(want, abs=0.5 / 60000 + 1e-12)
    assert fwd["to_id"].iloc[0] == f"{pairs[0][0]:.6f},{pairs[0][1]:.6f}"


def test_point_errors_and_far_points(sao_paulo, zones):
    import tnet
    far = [(float(zones["lon"].iloc[0]) + 1.0, float(zones["lat"].iloc[0]))]
    assert len(sao_paulo.access_candidates(far)) == 0
    m = sao_paulo.travel_time_matrix(far, zones["id"].tolist()[:3], profile="car")
    assert m["travel_time"].isna().all()
    with pytest.raises(tnet.Error, match="point 0"):
        sao_paulo.access_candidates([(float("nan"), 0.0)])
    with pytest.raises(tnet.Error, match="point 0"):
        sao_paulo.travel_time_matrix([(0.0, 95.0)], zones["id"].tolist()[:1])


def test_isochrone_from_point_at_zone(sao_paulo, zones):
    z = zones.iloc[17]
    pt = gdf_of(["p"], [z["lon"]], [z["lat"]])
    a = sao_paulo.isochrones(pt, cutoffs=[3, 6], profile="car")
    b = sao_paulo.isochrones([z["id"]], cutoffs=[3, 6], profile="car")
    a = a[a["id"] != z["id"]].set_index("id")
    b = b[b["id"] != z["id"]].set_index("id")
    assert len(b) > 10
    assert set(a.index) == set(b.index)
    assert np.allclose(a.loc[b.index, "minutes"], b["minutes"], atol=1e-9)
    assert (a.loc[b.index, "cutoff"] == b["cutoff"]).all()
