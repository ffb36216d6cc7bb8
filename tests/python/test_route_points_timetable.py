"""route(..., depart=...) with a point at either end: the journey by the
timetable starts (ends) on the point's access links.

Oracles, from route() between node ids alone (the rule for node places is
`tnet route --profile transit --depart`'s, tested against the command
elsewhere): a point P with access links (node_i, t_i) (t_i in whole
seconds: the link's time rounded to the millisecond, then to the second)
departing at second M arrives at min_i A_i(M + t_i), A_i(d) the arrival
from node_i departing at d; a destination point Q reached from O arrives at
min_j (A_O->node_j(M) + t_j). The API departs on whole minutes, so the
origin's oracle brackets A_i(M + t_i) between A_i at the minutes before
and after M + t_i (the earliest arrival never decreases with a later
departure); the destination's is exact. The two ends are far apart (no
walk all the way)."""
import math

import numpy as np
import pytest

import tnet
from test_points import gdf_of

WINDOW = 20


def access_seconds(minutes):
    """A link's access time as the timetable counts it: rounded to the
    millisecond (at least 1), then to the second."""
    ms = max(1.0, math.floor(minutes * 60000.0 + 0.5))
    return int((ms + 500) // 1000)


@pytest.fixture(scope="module")
def ends(sao_paulo):
    n = sao_paulo.nodes()
    z = n[n["kind"] == "zone"].reset_index(drop=True)
    p = (float(z["lon"][3]) + 0.001, float(z["lat"][3]) - 0.0005)
    q = (float(z["lon"][200]) - 0.0008, float(z["lat"][200]))
    return p, q, z


def node_minutes(ds, node, dest, depart, window):
    """Travel minutes from *node* to *dest* per departure minute from
    *depart* (NaN: not reached)."""
    return np.asarray(ds.route(node, dest, profile="transit", depart=depart,
                               window=window).attrs["minutes"], dtype=float)


def test_timetable_from_point_bracketed(sao_paulo, ends):
    p, _, z = ends
    dest = z["id"][200]
    cand = sao_paulo.access_candidates([p])
    assert len(cand) >= 1
    r = sao_paulo.route(p, dest, profile="transit", depart="07:30", window=WINDOW)
    got = np.asarray(r.attrs["minutes"], dtype=float) * 60.0
    assert len(got) == WINDOW and np.isfinite(got).all()
    lo = np.full(WINDOW, np.inf)
    hi = np.full(WINDOW, np.inf)
    for node, minutes in zip(cand["node"], cand["access_min"]):
        t = access_seconds(minutes)
        f, c = t // 60, -(-t // 60)
        # departures 07:30 + k + f and + c minutes, k < WINDOW
        m = node_minutes(sao_paulo, node, dest, "07:30", WINDOW + c + 1) * 60.0
        m = np.where(np.isnan(m), np.inf, m)
        for k in range(WINDOW):
            lo[k] = min(lo[k], 60 * f + m[k + f])
            hi[k] = min(hi[k], 60 * c + m[k + c])
    assert (lo <= got + 1e-6).all() and (got <= hi + 1e-6).all()
    # the bracket is not empty of content: where it closes, equality
    tight = lo == hi
    assert tight.any()
    np.testing.assert_allclose(got[tight], lo[tight], atol=1e-6)
    assert r.attrs["total_min"] == pytest.approx(got[0] / 60.0, abs=1e-9)


def test_timetable_to_point_exact(sao_paulo, ends):
    _, q, z = ends
    origin = z["id"][3]
    cand = sao_paulo.access_candidates([q])
    assert len(cand) >= 1
    r = sao_paulo.route(origin, q, profile="transit", depart="07:30", window=WINDOW)
    got = np.asarray(r.attrs["minutes"], dtype=float) * 60.0
    want = np.full(WINDOW, np.inf)
    for node, minutes in zip(cand["node"], cand["access_min"]):
        m = node_minutes(sao_paulo, origin, node, "07:30", WINDOW) * 60.0
        want = np.minimum(want, np.where(np.isnan(m), np.inf, m) + access_seconds(minutes))
    np.testing.assert_allclose(got, want, atol=1e-6)
    pct = np.sort(want)[int(math.ceil(0.5 * WINDOW)) - 1] / 60.0   # nearest rank
    assert r.attrs["percentiles"]["p50"] == pytest.approx(pct, abs=1e-9)


def test_timetable_point_legs(sao_paulo, ends):
    """The legs begin with the origin's access link (from the point to one
    of its candidates' nodes, in that link's seconds) and end with the
    destination's; they chain in place and time from the departure to the
    arrival."""
    p, q, _ = ends
    cp, cq = sao_paulo.access_candidates([p]), sao_paulo.access_candidates([q])
    r = sao_paulo.route(p, q, profile="transit", depart="07:30")
    first, last = r.iloc[0], r.iloc[-1]
    assert (first["mode"], first["kind"]) == ("access", "walk")
    assert (last["mode"], last["kind"]) == ("access", "walk")
    assert first["from"] == f"{p[0]:.6f},{p[1]:.6f}" and last["to"] == f"{q[0]:.6f},{q[1]:.6f}"
    i = cp.index[cp["node"] == first["to"]][0]
    j = cq.index[cq["node"] == last["from"]][0]
    assert first["start_s"] == 7 * 3600 + 30 * 60
    assert first["end_s"] - first["start_s"] == access_seconds(cp["access_min"][i])
    assert last["end_s"] - last["start_s"] == access_seconds(cq["access_min"][j])
    # the legs chain: each starts where and when (or after) the previous ended
    rows = r.to_dict("records")
    for a, b in zip(rows[:-1], rows[1:]):
        assert a["to"] == b["from"] and a["end_s"] <= b["start_s"]
    assert rows[-1]["end_s"] - rows[0]["start_s"] == pytest.approx(r.attrs["total_min"] * 60)
    assert r["minutes"].sum() + r["wait_min"].sum() == pytest.approx(r.attrs["total_min"],
                                                                     abs=1e-9)
    assert (r["kind"] == "ride").any()
    # a GeoDataFrame's id names its point
    g = sao_paulo.route(gdf_of(["home"], [p[0]], [p[1]]), gdf_of(["work"], [q[0]], [q[1]]),
                        profile="transit", depart="07:30")
    assert (g.attrs["from"], g.attrs["to"]) == ("home", "work")
    assert (g["from"].iloc[0], g["to"].iloc[-1]) == ("home", "work")
    assert g.attrs["total_min"] == r.attrs["total_min"]


def test_timetable_point_without_access(sao_paulo, ends):
    _, q, z = ends
    far = (float(z["lon"][0]) + 1.0, float(z["lat"][0]))
    for a, b in ((far, q), (z["id"][3], far)):
        with pytest.raises(tnet.Error, match="no street node within") as e:
            sao_paulo.route(a, b, profile="transit", depart="07:30")
        assert e.value.code == tnet.ERROR_CODES["not_found"]


def test_timetable_point_bundled_takes_nearest_zone(xuchang):
    """The bundled folder was built by hand (no street node within tnet
    init's 2 km of 长葛's zone): a point 100 m off it starts at the zone,
    with a warning, as route() without depart does; the journey is the
    zone's."""
    nodes = xuchang.nodes().set_index("id")
    c = nodes.loc["z_changge"]
    pt = (float(c["lon"]) + 0.001, float(c["lat"]) - 0.001)
    with pytest.warns(UserWarning, match="nearest zone"):
        r = xuchang.route(pt, "zz_east_station", profile="transit", depart="07:40", window=10)
    want = xuchang.route("z_changge", "zz_east_station", profile="transit", depart="07:40",
                         window=10)
    np.testing.assert_array_equal(r.attrs["minutes"], want.attrs["minutes"])
    assert r[["kind", "from", "to"]].values.tolist() == want[["kind", "from", "to"]].values.tolist()
