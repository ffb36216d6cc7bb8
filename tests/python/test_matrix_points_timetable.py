"""travel_time_matrix(depart=...) with points at either end: each cell is
what route(point, place, depart=...) gives for the pair.

Oracles: route() by the timetable from and to points (itself tested
against per-link compositions of node routes in
test_route_points_timetable.py) for every cell and every percentile;
for the node-only matrix, `tnet commute --depart --format json` (the
command, an independent front end of the library's own matrix). The
matrix of points runs one range query per origin with every destination's
egress rows; route runs one per pair with that pair's rows: the same
access and egress code, so the values must be equal exactly."""
import math
import warnings

import numpy as np
import pytest

import tnet
from conftest import cli
from test_points_compose import between, cli_cells, gdf_of

DEPART, WINDOW, PCTS = "07:30", 15, [10, 50, 90]


def route_percentiles(ds, a, b, depart=DEPART, window=WINDOW, pcts=PCTS):
    """route()'s percentiles for the pair, NaN for each when it says no
    path (not_found)."""
    try:
        r = ds.route(a, b, profile="transit", depart=depart, window=window, percentiles=pcts)
    except tnet.Error as e:
        assert "no path" in str(e)
        return [math.nan] * len(pcts)
    return [r.attrs["percentiles"][f"p{p:g}"] for p in pcts]


def assert_cells_equal_route(ds, m, origins, dests, depart=DEPART, window=WINDOW, pcts=PCTS):
    """Every cell of *m* equals route() for its pair; returns the number of
    finite cells and of NaN cells."""
    cols = [f"travel_time_p{p:g}" for p in pcts]
    g = m[cols].to_numpy().reshape(len(origins), len(dests), len(pcts))
    finite = missing = 0
    for i, a in enumerate(origins):
        for j, b in enumerate(dests):
            want = route_percentiles(ds, a, b, depart, window, pcts)
            for k in range(len(pcts)):
                if math.isnan(want[k]):
                    assert math.isnan(g[i, j, k]), (a, b, pcts[k], g[i, j, k])
                    missing += 1
                else:
                    assert g[i, j, k] == want[k], (a, b, pcts[k], g[i, j, k], want[k])
                    finite += 1
    return finite, missing


@pytest.fixture(scope="module")
def zones(sao_paulo):
    nodes = sao_paulo.nodes()
    return nodes[nodes["kind"] == "zone"].reset_index(drop=True)


def test_sao_paulo_points_to_places_equal_route(sao_paulo, zones):
    lons, lats = between(zones, 3, 31)
    # points between zones, one exactly at a zone, and a point near the
    # origins (a walk all the way competes)
    pts = [(float(x), float(y)) for x, y in zip(lons, lats)]
    pts.append((float(zones["lon"][40]), float(zones["lat"][40])))
    near = (pts[0][0] + 0.002, pts[0][1] - 0.001)
    dests = zones["id"].tolist()[::47][:5] + [near, (float(zones["lon"][200]) - 0.0008,
                                                       float(zones["lat"][200]))]
    m = sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART,
                                     window=WINDOW, percentiles=PCTS)
    assert m["from_id"].tolist()[0] == f"{pts[0][0]:.6f},{pts[0][1]:.6f}"
    assert m["to_id"].tolist()[len(dests) - 2] == f"{near[0]:.6f},{near[1]:.6f}"
    finite, _ = assert_cells_equal_route(sao_paulo, m, pts, dests)
    assert finite >= len(pts) * len(dests)
    # the percentiles differ somewhere (the window matters)
    assert (m["travel_time_p10"] != m["travel_time_p90"]).any()


def test_sao_paulo_places_to_points_equal_route(sao_paulo, zones):
    """Node origins (zone ids) to point destinations, and a GeoDataFrame
    of points whose one row names a node (that node)."""
    lons, lats = between(zones, 3, 41)
    origins = zones["id"].tolist()[5:200:60]
    gdf = gdf_of(["d0", "d1", "d2", zones["id"][77]], list(lons) + [zones["lon"][77]],
                 list(lats) + [zones["lat"][77]])
    m = sao_paulo.travel_time_matrix(origins, gdf, profile="transit", depart="08:05",
                                     window=12, percentiles=[25, 75])
    assert m["to_id"].tolist()[:4] == ["d0", "d1", "d2", zones["id"][77]]
    ends = [(float(x), float(y)) for x, y in zip(lons, lats)] + [zones["id"][77]]
    finite, _ = assert_cells_equal_route(sao_paulo, m, origins, ends, "08:05", 12, [25, 75])
    assert finite > 0


def test_old_composition_differs(sao_paulo, zones):
    """The test above can fail: the best over the links of access + the
    node matrix departing at the departure (the former rule) is not what
    the matrix gives now for some cell (the traveller reaches the link's
    node later, and a minimum of percentiles is not a percentile of the
    minima)."""
    lons, lats = between(zones, 4, 51)
    pts = [(float(x), float(y)) for x, y in zip(lons, lats)]
    dests = zones["id"].tolist()[::23]
    m = sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART,
                                     window=WINDOW, percentiles=[50])
    cands = sao_paulo.access_candidates(pts)
    nodes = sorted(set(cands["node"]))
    nm = sao_paulo.travel_time_matrix(nodes, dests, profile="transit", depart=DEPART,
                                      window=WINDOW, percentiles=[50])
    t = nm["travel_time_p50"].to_numpy().reshape(len(nodes), len(dests))
    old = np.full((len(pts), len(dests)), np.inf)
    for p, node, acc in zip(cands["point"], cands["node"], cands["access_min"]):
        old[p] = np.minimum(old[p], acc + np.where(np.isnan(t[nodes.index(node)]), np.inf,
                                                    t[nodes.index(node)]))
    new = m["travel_time_p50"].to_numpy().reshape(len(pts), len(dests))
    both = np.isfinite(old) & np.isfinite(new)
    assert both.sum() > 10
    assert (np.abs(old - new)[both] > 1e-9).any()


def test_sao_paulo_node_matrix_unchanged(sao_paulo, sao_paulo_dir, zones):
    """Node ids only: the library's matrix, the command's cells."""
    origins = zones["id"].tolist()[3:200:50]
    dests = zones["id"].tolist()[::31]
    opts = ("--depart", DEPART, "--window", str(WINDOW), "--percentiles", "10,50,90")
    m = sao_paulo.travel_time_matrix(origins, dests, profile="transit", depart=DEPART,
                                     window=WINDOW, percentiles=PCTS)
    n = 0
    for p in PCTS:
        ref = cli_cells(sao_paulo_dir, origins, dests, "transit", opts, f"p{p:g}")
        g = m[f"travel_time_p{p:g}"].to_numpy().reshape(len(origins), len(dests))
        for i, a in enumerate(origins):
            for j, b in enumerate(dests):
                want = ref[(a, b)]
                assert (math.isnan(want) and math.isnan(g[i, j])) \
                    or abs(g[i, j] - want) <= 0.05 + 1e-9, (a, b, p, g[i, j], want)
                n += not math.isnan(want)
    assert n > 0


def test_xuchang_points_equal_route(xuchang):
    """The bundled folder: points with and without access links (the
    latter start at their nearest zone, with a warning, in both)."""
    nodes = xuchang.nodes()
    z = nodes[nodes["kind"] == "zone"].reset_index(drop=True)
    pts = [(float(z["lon"][i]) + 0.001, float(z["lat"][i]) - 0.0005) for i in (0, len(z) // 2)]
    dests = z["id"].tolist()[::max(1, len(z) // 6)][:6] \
        + [(float(z["lon"][len(z) - 1]) - 0.0008, float(z["lat"][len(z) - 1]))]
    lost = len(pts) - len(set(xuchang.access_candidates(pts)["point"]))
    if lost:
        with pytest.warns(UserWarning, match=f"{lost} point\\(s\\) have no street node"):
            m = xuchang.travel_time_matrix(pts, dests, profile="transit", depart="07:40",
                                           window=WINDOW, percentiles=PCTS)
    else:
        m = xuchang.travel_time_matrix(pts, dests, profile="transit", depart="07:40",
                                       window=WINDOW, percentiles=PCTS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        finite, _ = assert_cells_equal_route(xuchang, m, pts, dests, "07:40")
    assert finite > 0


def test_progress_and_errors(sao_paulo, zones):
    lons, lats = between(zones, 3, 61)
    pts = [(float(x), float(y)) for x, y in zip(lons, lats)]
    dests = zones["id"].tolist()[:4]
    seen = []
    sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART, window=5,
                                 progress=lambda done, total, what: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(tnet.Error, match="cancelled"):
        sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART, window=5,
                                     progress=lambda *a: False)

    def boom(*a):
        raise KeyError("stop here")
    with pytest.raises(KeyError, match="stop here"):
        sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART, window=5,
                                     progress=boom)
    with pytest.raises(tnet.Error, match="no_such_node"):
        sao_paulo.travel_time_matrix(pts, ["no_such_node"], profile="transit", depart=DEPART)
