"""Isochrone polygons from points start on the access links `tnet init`
would give a zone there, as the other calls do.

Oracles: the time of every network node from a point is composed here
from the package's plain matrix (the minimum over the point's access
candidates of access time plus the car time from the candidate's node),
independently of the multi-source search the polygons are drawn from;
a band must cover every node reached well within its cutoff; the bands'
zone counts and sums are recounted with shapely over zones.csv."""
import os

import numpy as np
import pandas as pd
import pytest

from test_points import gdf_of

# a node reached this many minutes before a cutoff is inside that band:
# 0.25 min on foot at 5 km/h is 20.8 m of buffer, more than the outline's
# 10 m simplification
MARGIN_MIN = 0.25


@pytest.fixture(scope="module")
def zones(sao_paulo):
    nodes = sao_paulo.nodes()
    return nodes[nodes["kind"] == "zone"].reset_index(drop=True)


def composed_minutes(ds, point):
    """Minutes from *point* to every node: min over its access candidates
    of access + the car matrix from the candidate's node."""
    cands = ds.access_candidates([point])
    assert len(cands) > 0
    ids = ds.nodes()["id"].tolist()
    m = ds.travel_time_matrix(cands["node"].tolist(), ids, profile="car")
    t = m["travel_time"].to_numpy().reshape(len(cands), len(ids))
    t = np.where(np.isnan(t), np.inf, t) + cands["access_min"].to_numpy()[:, None]
    return t.min(axis=0)


def zone_sums(folder, geom):
    """(zones covered, population) of zones.csv's points inside *geom*."""
    from shapely.geometry import Point
    from shapely.prepared import prep
    table = pd.read_csv(os.path.join(folder, "zones.csv"), dtype={"id": str})
    g = prep(geom)
    inside = np.array([g.covers(Point(x, y)) for x, y in zip(table["lon"], table["lat"])])
    return int(inside.sum()), float(table.loc[inside, "population"].sum())


def test_polygons_point_at_zone_equal_zone(sao_paulo, zones):
    """A point at a zone's coordinates has that zone's access links (tnet
    init linked the zone from the same position), so every street node has
    the zone's time and the bands are the zone's: measured identical."""
    z = zones.iloc[17]
    a = sao_paulo.isochrones(gdf_of(["p"], [z["lon"]], [z["lat"]]), cutoffs=[3, 6],
                             polygons=True)
    b = sao_paulo.isochrones(z["id"], cutoffs=[3, 6], polygons=True)
    for k in range(2):
        assert a.geometry[k].symmetric_difference(b.geometry[k]).area \
            <= 1e-9 * b.geometry[k].area
    for col in ("zones", "population", "jobs", "area_km2"):
        assert np.allclose(a[col], b[col])


@pytest.mark.parametrize("seed", [3, 8])
def test_polygons_point_between_zones(sao_paulo, sao_paulo_dir, zones, seed):
    cutoffs = [3.0, 6.0]
    a = zones.sample(2, random_state=seed).reset_index(drop=True)
    # a third of the way from one zone to another: off every zone
    lon = float(a["lon"][0] + (a["lon"][1] - a["lon"][0]) / 3)
    lat = float(a["lat"][0] + (a["lat"][1] - a["lat"][0]) / 3)
    want = composed_minutes(sao_paulo, (lon, lat))
    nodes = sao_paulo.nodes()
    # the reached nodes: the composed times (access in whole ms: 1e-5 min)
    pts = sao_paulo.isochrones([(lon, lat)], cutoffs=cutoffs).set_index("id")
    within = want <= cutoffs[-1]
    assert set(pts.index) == set(nodes["id"][within])
    assert np.allclose(pts.loc[nodes["id"][within], "minutes"], want[within], atol=1e-5)
    bands = sao_paulo.isochrones([(lon, lat)], cutoffs=cutoffs, polygons=True)
    assert bands["minutes"].tolist() == cutoffs
    from shapely.geometry import Point
    from shapely.prepared import prep
    snapped = sao_paulo.isochrones(gdf_of(["p"], [lon], [lat]).assign(id="p"),
                                   cutoffs=cutoffs, polygons=True)
    nearest = zones.iloc[int(np.argmin((zones["lon"] - lon) ** 2 + (zones["lat"] - lat) ** 2))]
    old = sao_paulo.isochrones(nearest["id"], cutoffs=cutoffs, polygons=True)
    n_discriminating = 0
    for k, c in enumerate(cutoffs):
        g, g_old = prep(bands.geometry[k]), prep(old.geometry[k])
        inner = np.flatnonzero(want <= c - MARGIN_MIN)
        assert len(inner) > 20
        for v in inner:
            p = Point(nodes["lon"][v], nodes["lat"][v])
            assert g.covers(p), (c, nodes["id"][v], want[v])
            n_discriminating += not g_old.covers(p)
        # a GeoDataFrame of the same point gives the same bands
        assert snapped.geometry[k].equals(bands.geometry[k])
        count, pop = zone_sums(sao_paulo_dir, bands.geometry[k])
        assert bands["zones"][k] == count
        assert bands["population"][k] == pytest.approx(pop, rel=1e-12)
    # the nearest zone's bands (the former snap) miss some of these nodes
    assert n_discriminating > 0


def test_polygons_transit_point_zone_sums(sao_paulo, sao_paulo_dir, zones):
    z = zones.iloc[40]
    lon, lat = float(z["lon"]) + 0.002, float(z["lat"]) - 0.001
    bands = sao_paulo.isochrones([(lon, lat)], cutoffs=[10, 20], profile="transit",
                                 polygons=True)
    assert bands["zones"].iloc[-1] > 0
    for k in range(2):
        count, pop = zone_sums(sao_paulo_dir, bands.geometry[k])
        assert bands["zones"][k] == count
        assert bands["population"][k] == pytest.approx(pop, rel=1e-12)


def test_isochrone_point_without_access(sao_paulo, zones):
    import tnet
    far = [(float(zones["lon"].iloc[0]) + 1.0, float(zones["lat"].iloc[0]))]
    for polygons in (False, True):
        with pytest.raises(tnet.Error, match="no street node within"):
            sao_paulo.isochrones(far, cutoffs=[5], polygons=polygons)
