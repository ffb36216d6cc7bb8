"""Transit and park-and-ride follow the timetable by default, as the
commands do: the package's default results equal the plain commands'
(`tnet commute --format json`, `tnet isochrone --profile transit`), the
frequency approximation equals `--frequency-model`, and a folder without a
feed warns and falls back as the commands do (their note on stderr).

The oracle is the command run as a subprocess: another front end of the
library (its own option parsing, timetable loading and JSON writer)."""
import math
import os
import shutil
import subprocess
import warnings

import numpy as np
import pytest
from shapely.geometry import shape

import tnet
from conftest import TNET_EXE, XUCHANG, cli
from test_points_compose import cli_cells

PARTS = ("access_min", "wait_min", "in_vehicle_min", "transfer_min", "egress_min")


def cli_round(minutes):
    """A package value as the command prints it: round(ms / 6000) / 10 in
    C (half away from zero) of the exact milliseconds; None for NaN."""
    if minutes is None or math.isnan(minutes):
        return None
    ms = round(minutes * 60000.0)
    return math.floor(ms / 6000.0 + 0.5) / 10.0


def check_commute_cells(frame, ref):
    """Every cell of *frame* (commute()) equals the command's JSON *ref*,
    every profile: minutes, parts, rides, within_budget, percentiles."""
    cells = ref["cells"]
    assert len(frame) == len(cells) > 0
    pcols = sorted((c for c in frame.columns if c.startswith("travel_time_p")),
                   key=lambda c: float(c[len("travel_time_p"):]))
    by_tt = any("percentiles" in c for c in cells)
    if by_tt:
        keys = list(next(c["percentiles"] for c in cells if "percentiles" in c))
        assert pcols == [f"travel_time_{k}" for k in keys]
    else:
        assert pcols == []
    for row, cell in zip(frame.to_dict("records"), cells):
        assert (row["profile"], row["origin"], row["destination"]) == \
            (cell["profile"], cell["origin"], cell["destination"])
        assert cli_round(row["minutes"]) == cell["minutes"], (row, cell)
        for k in PARTS:
            assert cli_round(row[k]) == cell[k], (k, row, cell)
        assert (None if row["rides"] < 0 else row["rides"]) == cell["rides"]
        assert bool(row["within_budget"]) == cell["within_budget"]
        for col in pcols:
            want = cell.get("percentiles", {}).get(col[len("travel_time_"):])
            assert cli_round(row[col]) == want, (col, row, cell)
    assert frame.attrs["methods"] == ref["methods"]
    models = {p: "frequency" if m == "frequency approximation" else m
              for p, m in ref["models"].items()}
    assert frame.attrs["models"] == models
    pop = frame.attrs["population"]
    assert pop["total"] == ref["population"]["total"]
    for profile in ref["methods"]:
        for dest, v in ref["population"][profile].items():
            assert pop[profile][dest]["within"] == v["within"]


def test_commute_default_equals_plain_command(xuchang):
    """The issue's done-when: the bundled data's commute matrix equals
    `tnet commute --format json`, cell by cell, every profile."""
    frame = tnet.Dataset(XUCHANG).commute()
    ref = cli("commute", "--format", "json", "--data", XUCHANG)
    check_commute_cells(frame, ref)
    # the plan's group has every profile, two of them by the timetable
    assert set(frame["profile"]) == {"car", "transit", "park_and_ride"}
    assert ref["models"]["transit"] == "timetable"
    assert frame.attrs["model"] == "timetable"
    assert frame.attrs["feed"] == ref["timetable"]["feed"]
    assert frame.attrs["date"] == ref["timetable"]["date"]
    # both take the plan's first [commute] group's depart and window
    # (data/xuchang/plan.ini: depart = 07:00, window = 120), not 08:00 / 0
    assert frame.attrs["depart"] == ref["timetable"]["depart"] == "07:00"
    assert frame.attrs["window_min"] == ref["timetable"]["window_min"] == 120
    # car has no percentiles; the timetable's rows have no parts
    car = frame[frame["profile"] == "car"]
    assert car["travel_time_p50"].isna().all() and car["minutes"].notna().any()
    tt = frame[frame["profile"] == "transit"]
    assert tt["access_min"].isna().all() and (tt["rides"] == -1).all()
    assert (tt["travel_time_p50"].fillna(-1) == tt["minutes"].fillna(-1)).all()
    pr = frame.attrs["park_and_ride"]
    assert {"drive_budget_min", "park_time_min", "parking_radius_m"} <= set(pr)
    assert (pr["drive_budget_min"], pr["park_time_min"], pr["parking_radius_m"]) == \
        (30.0, 5.0, 400.0)


def test_commute_defaults_from_an_edited_plan(tmp_path):
    """The timetable's defaults are the library's resolution of the plan's
    first [commute] group (Dataset.commute_timing(), as every command takes
    them): in a copy of the bundled folder whose group says depart 06:40,
    window 20, percentiles 10;50;90, max_walk 25, drive_budget_min 20,
    park_time_min 3, parking_radius_m 600, commute() with no keyword equals
    the command with those values named (the oracle: the values this test
    wrote), and a keyword overrides its key alone, as the option does."""
    folder = tmp_path / "xuchang"
    shutil.copytree(XUCHANG, folder, ignore=shutil.ignore_patterns("src"))
    plan = (folder / "plan.ini").read_text(encoding="utf-8")
    edits = {"depart = 07:00\n": "depart = 06:40\n",
             "window = 120\n": "window = 20\nmax_walk = 25\ndrive_budget_min = 20\n"
                              "park_time_min = 3\nparking_radius_m = 600\n",
             "percentiles = 5;50;95\n": "percentiles = 10;50;90\n"}
    for old, new in edits.items():
        assert old in plan
        plan = plan.replace(old, new, 1)
    (folder / "plan.ini").write_text(plan, encoding="utf-8")
    ds = tnet.Dataset(str(folder))
    assert ds._c.commute_timing() == {
        "depart": "06:40", "date": None, "window": 20, "max_walk": 25.0,
        "percentiles": [10.0, 50.0, 90.0], "drive_budget": 20, "park_time": 3,
        "parking_radius": 600.0}
    places = ["--origins", "luohe_west_hsr;z_yuzhou", "--destinations", "xc_east_hsr",
              "--profiles", "transit;park_and_ride"]
    named = ["--depart", "06:40", "--window", "20", "--percentiles", "10,50,90",
             "--max-walk", "25", "--drive-budget", "20", "--park-time", "3",
             "--parking-radius", "600"]
    kw = dict(origins="luohe_west_hsr;z_yuzhou", destinations="xc_east_hsr",
              profiles=["transit", "park_and_ride"])
    frame = ds.scenario(2025).commute(**kw)
    ref = cli("commute", "--format", "json", "--data", str(folder), "--scenario", "2025",
              *places, *named)
    check_commute_cells(frame, ref)
    assert frame.attrs["depart"] == "06:40" and frame.attrs["window_min"] == 20
    named[1] = "07:10"
    over = ds.scenario(2025).commute(depart="07:10", **kw)
    ref = cli("commute", "--format", "json", "--data", str(folder), "--scenario", "2025",
              *places, *named)
    check_commute_cells(over, ref)
    assert over.attrs["depart"] == "07:10" and over.attrs["window_min"] == 20
    # the bundled plan's, and a plan whose group has no depart: the
    # built-in defaults
    assert tnet.Dataset(XUCHANG)._c.commute_timing()["depart"] == "07:00"
    plan = (folder / "plan.ini").read_text(encoding="utf-8")
    for key in ("depart = 06:40\n", "window = 20\n", "max_walk = 25\n",
                "drive_budget_min = 20\n", "park_time_min = 3\n",
                "parking_radius_m = 600\n", "percentiles = 10;50;90\n"):
        plan = plan.replace(key, "", 1)
    (folder / "plan.ini").write_text(plan, encoding="utf-8")
    assert tnet.Dataset(str(folder))._c.commute_timing() == {
        "depart": "08:00", "date": None, "window": 0, "max_walk": 15.0,
        "percentiles": [5.0, 25.0, 50.0, 75.0, 95.0], "drive_budget": 30, "park_time": 5,
        "parking_radius": 400.0}


def hand_minutes(depart_min, window):
    """The per-minute times luohe_west_hsr -> xc_east_hsr worked out by
    hand: the 京广高铁 pattern leaves every 15 minutes on the quarter hour
    and rides 16 minutes, so the minute *depart_min* + k (minutes after
    midnight) waits until the next quarter hour."""
    return [16.0 + (-(depart_min + k)) % 15 for k in range(window)]


def nearest_rank(values, p):
    """The nearest-rank percentile *p* of *values*."""
    v = sorted(values)
    return v[max(math.ceil(p / 100.0 * len(v)), 1) - 1]


def test_route_and_matrix_take_the_plan_defaults(tmp_path):
    """route() and travel_time_matrix() with no timetable argument take
    the plan's first [commute] group as `tnet route` and `tnet commute`
    do: in a copy of the bundled folder whose group departs 06:40 with
    window 20 and percentiles 10;50;90, the per-minute times are those
    worked out by hand (hand_minutes()), equal the same calls with the
    values given and the plain commands; an argument given overrides its
    key alone. The matrix keeps its one p50 column unless asked."""
    folder = tmp_path / "xuchang"
    shutil.copytree(XUCHANG, folder, ignore=shutil.ignore_patterns("src"))
    plan = (folder / "plan.ini").read_text(encoding="utf-8")
    edits = {"depart = 07:00\n": "depart = 06:40\n", "window = 120\n": "window = 20\n",
             "percentiles = 5;50;95\n": "percentiles = 10;50;90\n"}
    for old, new in edits.items():
        assert old in plan
        plan = plan.replace(old, new, 1)
    (folder / "plan.ini").write_text(plan, encoding="utf-8")
    sc = tnet.Dataset(str(folder)).scenario(2025)
    a, b = "luohe_west_hsr", "xc_east_hsr"
    want = hand_minutes(6 * 60 + 40, 20)
    pcts = {"p10": 17.0, "p50": 21.0, "p90": 28.0}
    assert {k: nearest_rank(want, float(k[1:])) for k in pcts} == pcts

    legs = sc.route(a, b, profile="transit")
    assert legs.attrs["depart"].startswith("06:40") and legs.attrs["window_min"] == 20
    assert legs.attrs["minutes"] == pytest.approx(want, abs=1e-9)
    assert legs.attrs["percentiles"] == pytest.approx(pcts, abs=1e-9)
    named = sc.route(a, b, profile="transit", depart="06:40", window=20,
                     percentiles=[10, 50, 90])
    assert named.attrs["minutes"] == pytest.approx(want, abs=1e-9)
    ref = cli("route", a, b, "--profile", "transit", "--scenario", "2025", "--format",
              "json", "--data", str(folder))
    assert ref["depart"] == "06:40:00" and ref["minutes"] == pytest.approx(want, abs=0.05)
    assert cli_round(legs.attrs["total_min"]) == ref["total_min"]
    assert {k: cli_round(v) for k, v in legs.attrs["percentiles"].items()} == \
        ref["percentiles"]

    m = sc.travel_time_matrix([a], [b], profile="transit")
    assert m.attrs["depart"] == "06:40" and m.attrs["window_min"] == 20
    assert list(m.columns) == ["from_id", "to_id", "travel_time_p50"]
    assert m["travel_time_p50"].iloc[0] == pytest.approx(21.0, abs=1e-9)
    m = sc.travel_time_matrix([a], [b], profile="transit", percentiles=[10, 50, 90])
    cells = {k: cli_cells(str(folder), [a], [b], "transit", ("--scenario", "2025"), k)[(a, b)]
             for k in pcts}
    assert cells == pcts
    for k, v in pcts.items():
        assert m[f"travel_time_{k}"].iloc[0] == pytest.approx(v, abs=1e-9)

    # depart given: 06:50 + k waits until the next quarter hour, window 20
    over = hand_minutes(6 * 60 + 50, 20)
    legs = sc.route(a, b, profile="transit", depart="06:50")
    assert legs.attrs["window_min"] == 20
    assert legs.attrs["minutes"] == pytest.approx(over, abs=1e-9)
    m = sc.travel_time_matrix([a], [b], profile="transit", depart="06:50")
    assert m["travel_time_p50"].iloc[0] == pytest.approx(nearest_rank(over, 50), abs=1e-9)
    assert nearest_rank(over, 50) == 23.0


def test_commute_default_is_not_the_frequency_model(xuchang):
    """The two models differ on the bundled data (else the tests above
    could not tell them apart)."""
    t = xuchang.commute(profiles=["transit"])
    f = xuchang.commute(profiles=["transit"], model="frequency")
    assert not np.allclose(t["minutes"], f["minutes"], equal_nan=True)
    assert "travel_time_p50" in t.columns and "travel_time_p50" not in f.columns
    assert f.attrs["model"] == "frequency"


def test_commute_frequency_model_equals_command(xuchang):
    frame = xuchang.commute(model="frequency")
    check_commute_cells(frame, cli("commute", "--format", "json", "--data", XUCHANG,
                                   "--frequency-model"))


def test_commute_timetable_options_equal_command(xuchang):
    frame = xuchang.scenario(2020).commute(
        origins="kind:zone", destinations="zz_center;zz_station",
        profiles=["park_and_ride", "car", "transit"], depart="07:30", window=10,
        percentiles=[10, 90], drive_budget=20, park_time=3, parking_radius=600)
    ref = cli("commute", "--format", "json", "--data", XUCHANG, "--scenario", "2020",
              "--origins", "kind:zone", "--destinations", "zz_center;zz_station",
              "--profiles", "park_and_ride;car;transit", "--depart", "07:30", "--window", "10",
              "--percentiles", "10,90", "--drive-budget", "20", "--park-time", "3",
              "--parking-radius", "600")
    check_commute_cells(frame, ref)
    assert list(c for c in frame.columns if c.startswith("travel_time_p")) == \
        ["travel_time_p10", "travel_time_p90"]
    pr = frame.attrs["park_and_ride"]
    assert (pr["drive_budget_min"], pr["park_time_min"], pr["parking_radius_m"]) == \
        (20.0, 3.0, 600.0)


def test_commute_car_only_has_no_timetable(xuchang):
    frame = xuchang.commute(profiles=["car"])
    assert frame.attrs["model"] == "network" and frame.attrs["models"] == {"car": "network"}
    assert not any(c.startswith("travel_time_p") for c in frame.columns)
    check_commute_cells(frame, cli("commute", "--format", "json", "--data", XUCHANG,
                                   "--profiles", "car"))


def cells_minutes(ref, key="p50"):
    return np.array([np.nan if c["percentiles"][key] is None else c["percentiles"][key]
                     for c in ref["cells"]])


@pytest.mark.parametrize("profile", ["transit", "park_and_ride"])
def test_sao_paulo_matrix_default_equals_command(sao_paulo, sao_paulo_dir, profile):
    zones = sao_paulo.nodes().query("kind == 'zone'")["id"].tolist()
    origins = zones[::40]
    m = sao_paulo.travel_time_matrix(origins, "kind:zone", profile=profile)
    ref = cli("commute", "--data", sao_paulo_dir, "--origins", ";".join(origins),
              "--destinations", "kind:zone", "--profiles", profile, "--format", "json")
    assert list(m.columns) == ["from_id", "to_id", "travel_time_p50"]
    assert m.attrs["model"] == "timetable" and ref["models"][profile] == "timetable"
    assert (m.attrs["feed"], m.attrs["date"]) == (ref["timetable"]["feed"],
                                                  ref["timetable"]["date"])
    assert len(m) == len(ref["cells"]) == len(origins) * len(zones)
    assert m["from_id"].tolist() == [c["origin"] for c in ref["cells"]]
    assert m["to_id"].tolist() == [c["destination"] for c in ref["cells"]]
    got = [cli_round(v) for v in m["travel_time_p50"]]
    want = [c["percentiles"]["p50"] for c in ref["cells"]]
    assert got == want
    assert sum(v is not None for v in want) > len(want) // 4


def test_sao_paulo_matrix_frequency_equals_command(sao_paulo, sao_paulo_dir):
    zones = sao_paulo.nodes().query("kind == 'zone'")["id"].tolist()
    m = sao_paulo.travel_time_matrix(zones[:7], "kind:zone", profile="transit",
                                     model="frequency")
    ref = cli("commute", "--data", sao_paulo_dir, "--origins", ";".join(zones[:7]),
              "--destinations", "kind:zone", "--profiles", "transit", "--frequency-model",
              "--format", "json")
    assert list(m.columns) == ["from_id", "to_id", "travel_time"]
    assert m.attrs["model"] == "frequency"
    assert [cli_round(v) for v in m["travel_time"]] == [c["minutes"] for c in ref["cells"]]


def isochrone_points(ref):
    return {f["properties"]["id"]: f for f in ref["features"]
            if f["geometry"]["type"] == "Point"}


@pytest.mark.parametrize("profile", ["transit", "park_and_ride"])
def test_sao_paulo_isochrones_default_equal_command(sao_paulo, sao_paulo_dir, profile):
    origin = sao_paulo.nodes().query("kind == 'zone'")["id"].iloc[100]
    g = sao_paulo.isochrones(origin, cutoffs=[15, 30], profile=profile)
    ref = cli("isochrone", origin, "--minutes", "30", "--profile", profile,
              "--format", "geojson", "--data", sao_paulo_dir)
    assert ref["properties"]["model"] == "timetable" and g.attrs["model"] == "timetable"
    points = isochrone_points(ref)
    assert set(g["id"]) == set(points) and len(points) > 10
    for row in g.itertuples():
        f = points[row.id]
        assert cli_round(row.minutes) == f["properties"]["minutes"], row.id
        assert row.cutoff == (15 if row.minutes <= 15 else 30)
    # not the frequency approximation's nodes
    freq = sao_paulo.isochrones(origin, cutoffs=[15, 30], profile=profile, model="frequency")
    ref_f = cli("isochrone", origin, "--minutes", "30", "--profile", profile,
                "--frequency-model", "--format", "json", "--data", sao_paulo_dir)
    assert set(freq["id"]) == set(isochrone_points(ref_f))
    assert freq.attrs["model"] == "frequency"
    assert not (set(freq["id"]) == set(g["id"])
                and np.allclose(np.sort(freq["minutes"]), np.sort(g["minutes"])))


def test_sao_paulo_isochrone_polygons_default_equal_command(sao_paulo, sao_paulo_dir):
    origin = sao_paulo.nodes().query("kind == 'zone'")["id"].iloc[100]
    g = sao_paulo.isochrones(origin, cutoffs=[15, 30], profile="transit", polygons=True,
                             depart="07:45", window=5)
    ref = cli("isochrone", origin, "--minutes", "15,30", "--polygons", "--profile",
              "transit", "--depart", "07:45", "--window", "5", "--format", "geojson",
              "--data", sao_paulo_dir)
    feats = ref["features"]
    assert len(g) == len(feats) == 2
    for row, f in zip(g.to_dict("records"), feats):
        for k, v in f["properties"].items():
            if k == "area_km2":
                assert abs(row[k] - v) <= 0.0005 + 1e-9
            else:
                assert row[k] == v, k
        assert row["geometry"].equals_exact(shape(f["geometry"]), 1e-12)
    assert g.attrs["model"] == "timetable" and g.attrs["depart"] == "07:45"


def test_route_default_is_the_timetable(xuchang):
    legs = xuchang.route("z_changge", "zz_east_station", profile="transit")
    ref = cli("route", "z_changge", "zz_east_station", "--profile", "transit", "--format",
              "json", "--data", XUCHANG)
    assert legs.attrs["model"] == "timetable"
    assert cli_round(legs.attrs["total_min"]) == ref["total_min"]
    # the bundled plan's first [commute] group departs 07:00 (plan.ini)
    assert legs.attrs["depart"].startswith("07:00")
    assert legs.attrs["depart"] == ref["depart"]
    freq = xuchang.route("z_changge", "zz_east_station", profile="transit", model="frequency")
    assert freq.attrs["model"] == "frequency" and "start_s" not in freq.columns


def test_accessibility_default_is_the_timetable(sao_paulo, sao_paulo_dir):
    acc = sao_paulo.accessibility("jobs", cutoffs=[20, 40], profile="transit")
    ref = cli("accessibility", "--data", sao_paulo_dir, "--opportunities", "jobs",
              "--cutoffs", "20,40", "--profile", "transit", "--format", "json")
    assert acc.attrs["model"] == "timetable"
    assert acc.to_numpy().tolist() == [z["accessibility"] for z in ref["zones"]]
    freq = sao_paulo.accessibility("jobs", cutoffs=[20, 40], profile="transit",
                                   model="frequency")
    assert freq.attrs["model"] == "frequency"
    assert freq.to_numpy().tolist() != acc.to_numpy().tolist()


def test_model_errors(xuchang):
    with pytest.raises(ValueError, match="model"):
        xuchang.commute(model="raptor")
    with pytest.raises(ValueError, match="model='frequency'"):
        xuchang.travel_time_matrix(profile="transit", model="frequency", depart="07:00")
    with pytest.raises(ValueError, match="model='frequency'"):
        xuchang.route("z_changge", "zz_east_station", profile="transit", model="frequency",
                      window=10)


@pytest.fixture
def no_feed(tmp_path):
    """A copy of the bundled folder without its GTFS feeds."""
    dst = tmp_path / "xuchang"
    shutil.copytree(XUCHANG, dst, ignore=shutil.ignore_patterns("src", "gtfs*"))
    assert not any(p.startswith("gtfs") for p in os.listdir(dst))
    return str(dst)


def test_no_feed_warns_and_falls_back(no_feed):
    ds = tnet.Dataset(no_feed)
    with pytest.warns(UserWarning, match=tnet.NO_FEED_NOTE):
        frame = ds.commute()
    assert frame.attrs["model"] == "frequency"
    # the command says the same note and computes the same cells
    r = subprocess.run([TNET_EXE, "commute", "--format", "json", "--data", no_feed],
                       capture_output=True, text=True, check=True)
    assert tnet.NO_FEED_NOTE in r.stderr
    import json
    check_commute_cells(frame, json.loads(r.stdout))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_commute_cells(ds.commute(model="frequency"), json.loads(r.stdout))
        ds.commute(profiles=["car"])     # car alone needs no feed: no warning
    with pytest.warns(UserWarning, match=tnet.NO_FEED_NOTE):
        m = ds.travel_time_matrix("kind:zone", "zz_center", profile="transit")
    assert list(m.columns) == ["from_id", "to_id", "travel_time"]
    with pytest.warns(UserWarning, match=tnet.NO_FEED_NOTE):
        g = ds.isochrones("z_weidu", cutoffs=[30], profile="transit")
    assert g.attrs["model"] == "frequency"
    with pytest.warns(UserWarning, match=tnet.NO_FEED_NOTE):
        legs = ds.route("z_changge", "zz_east_station", profile="transit")
    assert legs.attrs["model"] == "frequency"


def test_commute_points_by_timetable_compose_command_cells(sao_paulo, sao_paulo_dir):
    """commute() from points by the timetable (the default): a cell is the
    best over the point's access links of access + the command's cell from
    the link's node (`tnet commute --origins NODES`, by the timetable);
    its travel_time_pNN are the chosen node's, with the access link."""
    import geopandas
    z = sao_paulo.nodes().query("kind == 'zone'").reset_index(drop=True)
    picks = z.iloc[[11, 90, 170, 250]]
    pts = geopandas.GeoDataFrame(
        {"id": [f"q{i}" for i in range(len(picks))]},
        geometry=geopandas.points_from_xy(picks["lon"] + 0.0012, picks["lat"] - 0.0009),
        crs="EPSG:4326")
    dests = z["id"].tolist()[::29]
    got = sao_paulo.commute(pts, dests, profiles=["transit"], budget=120)
    assert got.attrs["model"] == "timetable"
    cands = sao_paulo.access_candidates(pts)
    nodes = sorted(set(cands["node"]))
    ref = cli("commute", "--data", sao_paulo_dir, "--origins", ";".join(nodes),
              "--destinations", ";".join(dests), "--profiles", "transit", "--format", "json")
    cell = {(c["origin"], c["destination"]): math.inf if c["minutes"] is None else c["minutes"]
            for c in ref["cells"]}
    want = np.full((len(pts), len(dests)), np.inf)
    for p, node, acc in zip(cands["point"], cands["node"], cands["access_min"]):
        acc_min = max(math.floor(acc * 60000.0 + 0.5), 1) / 60000.0
        for j, d in enumerate(dests):
            want[p, j] = min(want[p, j], acc_min + cell[(node, d)])
    g = got["minutes"].to_numpy().reshape(len(pts), len(dests))
    assert np.array_equal(np.isnan(g), np.isinf(want))
    ok = np.isfinite(want)
    assert ok.sum() >= want.size // 3
    assert np.all(np.abs(g[ok] - want[ok]) <= 0.05 + 1e-9)
    # the median is the cell's total, with the same links
    p50 = got["travel_time_p50"].to_numpy()
    m = got["minutes"].to_numpy()
    assert np.allclose(p50, m, atol=1e-9, equal_nan=True)
    assert (got["travel_time_p95"].dropna() >= got["travel_time_p5"].dropna() - 1e-9).all()


def test_isochrone_point_by_timetable_starts_at_its_coordinates(sao_paulo, sao_paulo_dir):
    """By the timetable a point origin starts from its own coordinates, as
    the command starts a node from the node's: a point placed on a zone
    reaches what `tnet isochrone ZONE` reaches, minute for minute."""
    z = sao_paulo.nodes().query("kind == 'zone'").iloc[60]
    g = sao_paulo.isochrones([(float(z["lon"]), float(z["lat"]))], cutoffs=[25],
                             profile="transit")
    ref = cli("isochrone", z["id"], "--minutes", "25", "--profile", "transit",
              "--format", "json", "--data", sao_paulo_dir)
    points = isochrone_points(ref)
    assert set(g["id"]) == set(points) and len(points) > 5
    for row in g.itertuples():
        assert cli_round(row.minutes) == points[row.id]["properties"]["minutes"]
    # a point 300 m off reaches other times (else this could not fail)
    off = sao_paulo.isochrones([(float(z["lon"]) + 0.003, float(z["lat"]))], cutoffs=[25],
                               profile="transit")
    common = sorted(set(off["id"]) & set(g["id"]))
    a = g.set_index("id").loc[common, "minutes"].to_numpy()
    b = off.set_index("id").loc[common, "minutes"].to_numpy()
    assert set(off["id"]) != set(g["id"]) or not np.array_equal(a, b)



@pytest.fixture(scope="module")
def spo_planned(sao_paulo_dir, tmp_path_factory):
    """A copy of the São Paulo folder whose plan gains a [commute] group
    with depart 07:20, window 10, max_walk 12, drive_budget_min 20,
    park_time_min 3, parking_radius_m 600 (values none of the built-in
    defaults share)."""
    folder = tmp_path_factory.mktemp("planned") / "spo"
    shutil.copytree(sao_paulo_dir, folder)
    with open(folder / "plan.ini", "a", encoding="utf-8") as f:
        f.write("\n[commute work]\norigins = kind:zone\ndestinations = 89a8100c603ffff\n"
                "profiles = car;transit;park_and_ride\nbudget_min = 45\ndepart = 07:20\n"
                "window = 10\nmax_walk = 12\ndrive_budget_min = 20\npark_time_min = 3\n"
                "parking_radius_m = 600\n")
    return str(folder)


# the plan's values written out, as the command's options
PLAN_NAMED = {"transit": ["--depart", "07:20", "--window", "10", "--max-walk", "12"],
              "park_and_ride": ["--depart", "07:20", "--window", "10", "--max-walk", "12",
                                "--drive-budget", "20", "--park-time", "3",
                                "--parking-radius", "600"]}
BUILTIN = {"transit": ["--depart", "08:00", "--window", "0", "--max-walk", "15"],
           "park_and_ride": ["--depart", "08:00", "--window", "0", "--max-walk", "15",
                             "--drive-budget", "30", "--park-time", "5",
                             "--parking-radius", "400"]}


@pytest.mark.parametrize("profile", ["transit", "park_and_ride"])
def test_isochrones_take_the_plan_defaults(spo_planned, profile):
    """isochrones() with no timetable argument equals `tnet isochrone` with
    no option, and that the command with the plan's values written out (the
    values the fixture wrote): both take the plan's first [commute] group,
    as commute() does; the built-in defaults give other times."""
    ds = tnet.Dataset(spo_planned)
    origin = ds.nodes().query("kind == 'zone'")["id"].iloc[100]
    g = ds.isochrones(origin, cutoffs=[15, 30], profile=profile)
    assert (g.attrs["depart"], g.attrs["window_min"], g.attrs["max_walk_min"]) == \
        ("07:20", 10, 12)
    base = ["isochrone", origin, "--minutes", "30", "--profile", profile, "--format",
            "geojson", "--data", spo_planned]
    plain = cli(*base)
    assert plain == cli(*base, *PLAN_NAMED[profile])
    points = isochrone_points(plain)
    assert set(g["id"]) == set(points) and len(points) > 10
    for row in g.itertuples():
        assert cli_round(row.minutes) == points[row.id]["properties"]["minutes"], row.id
    builtin = isochrone_points(cli(*base, *BUILTIN[profile]))
    assert builtin.keys() != points.keys() or any(
        builtin[k]["properties"]["minutes"] != points[k]["properties"]["minutes"]
        for k in points)


@pytest.mark.parametrize("profile", ["transit", "park_and_ride"])
def test_accessibility_takes_the_plan_defaults(spo_planned, profile):
    """accessibility() with no timetable argument equals `tnet
    accessibility` with no option and with the plan's values written out;
    the built-in defaults give other values."""
    ds = tnet.Dataset(spo_planned)
    acc = ds.accessibility("jobs", cutoffs=[20, 40], profile=profile)
    assert (acc.attrs["depart"], acc.attrs["window_min"], acc.attrs["max_walk_min"]) == \
        ("07:20", 10, 12)
    base = ["accessibility", "--data", spo_planned, "--opportunities", "jobs",
            "--cutoffs", "20,40", "--profile", profile, "--format", "json"]
    plain = cli(*base)
    assert plain == cli(*base, *PLAN_NAMED[profile])
    assert acc.to_numpy().tolist() == [z["accessibility"] for z in plain["zones"]]
    if profile == "park_and_ride":
        assert acc.attrs["park_and_ride"] == {"drive_budget_min": 20.0, "park_time_min": 3.0,
                                              "parking_radius_m": 600.0}
    builtin = cli(*base, *BUILTIN[profile])
    assert [z["accessibility"] for z in builtin["zones"]] != acc.to_numpy().tolist()
