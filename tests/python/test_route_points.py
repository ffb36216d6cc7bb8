"""route() with a point at either end starts (ends) on the point's access
links.

Oracles: the journey's total is recomputed here as the minimum over the
two points' access candidates of access (whole ms) + the plain matrix
between the candidates' nodes + egress; between its first and last legs
the journey is route() between the chosen links' nodes, and the access
legs carry the candidates' own times. On the bundled data (built by hand:
no street within tnet init's 2 km of a zone) a point takes its nearest
zone, as the other calls do."""
import numpy as np
import pytest

import tnet
from conftest import XUCHANG
from test_points import gdf_of


def ms(minutes):
    return np.floor(np.asarray(minutes) * 60000.0 + 0.5) / 60000.0


@pytest.fixture(scope="module")
def ends(sao_paulo):
    n = sao_paulo.nodes()
    z = n[n["kind"] == "zone"].reset_index(drop=True)
    p = (float(z["lon"][3]) + 0.001, float(z["lat"][3]) - 0.0005)
    q = (float(z["lon"][200]) - 0.0008, float(z["lat"][200]))
    return p, q, z


@pytest.mark.parametrize("profile", ["car", "transit"])
def test_route_between_points(sao_paulo, ends, profile):
    p, q, _ = ends
    cp, cq = sao_paulo.access_candidates([p]), sao_paulo.access_candidates([q])
    # the layered graphs (transit by the frequency approximation)
    kw = {} if profile == "car" else {"model": "frequency"}
    m = sao_paulo.travel_time_matrix(cp["node"].tolist(), cq["node"].tolist(),
                                     profile=profile, **kw)
    t = m["travel_time"].to_numpy().reshape(len(cp), len(cq))
    total = ms(cp["access_min"])[:, None] + t + ms(cq["access_min"])[None, :]
    i, j = np.unravel_index(np.nanargmin(total), total.shape)
    r = sao_paulo.route(p, q, profile=profile, **kw)
    assert r.attrs["total_min"] == pytest.approx(total[i, j], abs=1e-9)
    assert r["minutes"].sum() == pytest.approx(r.attrs["total_min"], abs=1e-9)
    first, last = r.iloc[0], r.iloc[-1]
    assert (first["mode"], last["mode"]) == ("access", "access")
    assert first["from"] == f"{p[0]:.6f},{p[1]:.6f}" and last["to"] == f"{q[0]:.6f},{q[1]:.6f}"
    assert first["to"] == cp["node"][i] and last["from"] == cq["node"][j]
    assert first["minutes"] == pytest.approx(ms(cp["access_min"][i]), abs=1e-9)
    assert last["minutes"] == pytest.approx(ms(cq["access_min"][j]), abs=1e-9)
    inner = sao_paulo.route(cp["node"][i], cq["node"][j], profile=profile, **kw)
    assert r.iloc[1:-1][["kind", "mode", "from", "to"]].values.tolist() \
        == inner[["kind", "mode", "from", "to"]].values.tolist()
    assert first["kind"] == inner["kind"].iloc[0] and last["kind"] == inner["kind"].iloc[-1]
    a = r.attrs
    if profile == "car":
        assert a["in_vehicle_min"] == pytest.approx(a["total_min"], abs=1e-9)
    else:
        assert a["rides"] == inner.attrs["rides"] > 0
        assert a["access_min"] == pytest.approx(inner.attrs["access_min"] + first["minutes"],
                                                abs=1e-9)
        assert a["egress_min"] == pytest.approx(inner.attrs["egress_min"] + last["minutes"],
                                                abs=1e-9)
    parts = ["access_min", "wait_min", "in_vehicle_min", "transfer_min", "egress_min"]
    assert sum(a[k] for k in parts) == pytest.approx(a["total_min"], abs=1e-9)


def test_route_point_and_zone(sao_paulo, ends):
    p, _, z = ends
    home = gdf_of(["home"], [p[0]], [p[1]])
    r = sao_paulo.route(home, z["id"][200])
    assert r.attrs["from"] == "home" and r["from"].iloc[0] == "home"
    assert r["to"].iloc[-1] == z["id"][200] and r["mode"].iloc[-1] == "access"
    want = sao_paulo.travel_time_matrix([p], [z["id"][200]])["travel_time"].iloc[0]
    assert r.attrs["total_min"] == pytest.approx(want, abs=1e-9)
    back = sao_paulo.route(z["id"][200], p)
    want = sao_paulo.travel_time_matrix([z["id"][200]], [p])["travel_time"].iloc[0]
    assert back.attrs["total_min"] == pytest.approx(want, abs=1e-9)
    assert back["mode"].iloc[-1] == "access" and back.attrs["to"] == f"{p[0]:.6f},{p[1]:.6f}"
    # a GeoDataFrame row whose id is a node is that node
    zone = gdf_of([z["id"][3]], [p[0]], [p[1]])
    assert sao_paulo.route(zone, z["id"][200]).attrs["total_min"] \
        == sao_paulo.route(z["id"][3], z["id"][200]).attrs["total_min"]


def test_route_point_errors(sao_paulo, ends):
    p, q, z = ends
    far = (float(z["lon"][0]) + 1.0, float(z["lat"][0]))
    with pytest.raises(tnet.Error, match="no street node within") as e:
        sao_paulo.route(far, q)
    assert e.value.code == tnet.ERROR_CODES["not_found"]
    with pytest.raises(ValueError, match="one-row"):
        sao_paulo.route(gdf_of(["a", "b"], [p[0], q[0]], [p[1], q[1]]), q)


def test_route_point_bundled_takes_nearest_zone(xuchang):
    """The bundled folder was built by hand: 100 m from 长葛 there is no
    street node within 2 km, so the point starts at 长葛's zone node
    (the nearest zone, 0.14 km away), with a warning."""
    nodes = xuchang.nodes().set_index("id")
    c = nodes.loc["z_changge"]
    pt = (float(c["lon"]) + 0.001, float(c["lat"]) - 0.001)
    assert len(xuchang.access_candidates([pt])) == 0
    with pytest.warns(UserWarning, match="nearest zone"):
        r = xuchang.route(pt, "zz_east_station", profile="transit")
    want = xuchang.route("z_changge", "zz_east_station", profile="transit")
    assert r.attrs["total_min"] == want.attrs["total_min"]
    assert r[["kind", "from", "to"]].values.tolist() == want[["kind", "from", "to"]].values.tolist()


def test_route_point_bundled_by_hand(xuchang):
    """A point 0.002° east and 0.001° north of the junction bnd_zl_south
    (113.3878, 34.0344): 0.002 × 111.195 km × cos 34.035° = 184.3 m east,
    111.2 m north, 215.2 m; tnet init's access link there is 215.2 m ×
    1.2 detour at 4.8 km/h (80 m/min) = 3.229 min to bnd_zl_south, the
    nearest node of the car network; then `tnet route bnd_zl_south
    zz_center` (61.705 min by car)."""
    from conftest import cli
    pt = (113.3878 + 0.002, 34.0344 + 0.001)
    dx = 0.002 * 111195.0 * np.cos(np.radians(34.0344 + 0.0005))
    dist = np.hypot(dx, 0.001 * 111195.0)
    assert dist == pytest.approx(215.2, abs=0.1)
    access = dist * 1.2 / 80.0
    ref = cli("route", "bnd_zl_south", "zz_center", "--data", XUCHANG, "--format", "json")
    r = xuchang.route(pt, "zz_center")
    assert r["from"].iloc[0] == "113.389800,34.035400"
    assert (r["to"].iloc[0], r["mode"].iloc[0], r["kind"].iloc[0]) == \
        ("bnd_zl_south", "access", "drive")
    # the straight line on the sphere vs. the flat one here: within 0.1 m
    assert r["minutes"].iloc[0] == pytest.approx(access, abs=0.1 * 1.2 / 80)
    # the command prints minutes to 0.001
    assert r.attrs["total_min"] == pytest.approx(access + ref["total_min"], abs=0.1 * 1.2 / 80
                                                 + 0.0005)
    assert r["to"].iloc[-1] == "zz_center"
