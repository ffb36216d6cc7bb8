"""The package's results equal the command's JSON for the same inputs."""
import math

import numpy as np
import pandas as pd
import pytest

import tnet
from conftest import XUCHANG, SOURCE_ROOT, cli


def close_to_cli(value, cli_value):
    """The command rounds minutes to 0.1 (round(ms / 6000) / 10); the
    package gives them exactly: equal within half a tenth, None <-> NaN."""
    if cli_value is None:
        return value is None or (isinstance(value, float) and math.isnan(value))
    return abs(value - cli_value) <= 0.05 + 1e-9


def check_commute(frame, ref):
    cells = ref["cells"]
    assert len(frame) == len(cells)
    assert frame.attrs["budget_min"] == ref["budget_min"]
    assert frame.attrs["methods"] == ref["methods"]
    for row, cell in zip(frame.itertuples(index=False), cells):
        assert (row.profile, row.origin, row.destination) == \
            (cell["profile"], cell["origin"], cell["destination"])
        for k in ("minutes", "access_min", "wait_min", "in_vehicle_min", "transfer_min",
                  "egress_min"):
            assert close_to_cli(getattr(row, k), cell[k]), (k, row, cell)
        assert (None if row.rides < 0 else row.rides) == cell["rides"]
        assert bool(row.within_budget) == cell["within_budget"]
    pop = frame.attrs["population"]
    assert pop["total"] == ref["population"]["total"]
    for profile in ref["methods"]:
        for dest, v in ref["population"][profile].items():
            assert pop[profile][dest]["within"] == v["within"]
            if v["pct"] is None:
                assert math.isnan(pop[profile][dest]["pct"])
            else:
                assert round(pop[profile][dest]["pct"] * 10) / 10 == v["pct"]


def test_commute_defaults_equal_cli(xuchang):
    """`tnet commute --frequency-model`: the plan's first [commute] group
    (the timetable default: test_timetable_default.py)."""
    check_commute(xuchang.commute(model="frequency"),
                  cli("commute", "--format", "json", "--data", XUCHANG, "--frequency-model"))


def test_commute_from_2020_equal_cli(xuchang):
    frame = xuchang.scenario(2020).commute(origins="kind:zone", destinations="zz_center;zz_station",
                                           profiles=["transit", "car"], budget=45,
                                           direction="from", model="frequency")
    check_commute(frame, cli("commute", "--format", "json", "--data", XUCHANG,
                             "--scenario", "2020", "--origins", "kind:zone",
                             "--destinations", "zz_center;zz_station",
                             "--profiles", "transit;car", "--budget", "45",
                             "--direction", "from", "--frequency-model"))


def test_closures_equal_scenario_file(xuchang):
    """closures=[...] does what a scenario file's [closures] does."""
    ini = f"{SOURCE_ROOT}/examples/scenarios/g4-closure-changge.ini"
    frame = xuchang.scenario(2025, closures=["l_g4_03", "l_g4_cg_n"]).commute(model="frequency")
    check_commute(frame, cli("commute", "--format", "json", "--data", XUCHANG,
                             "--scenario", ini, "--frequency-model"))
    # and the closure changes something (else this test could not fail)
    assert not np.allclose(frame["minutes"], xuchang.commute(model="frequency")["minutes"],
                           equal_nan=True)


def test_travel_time_matrix_long_form(xuchang):
    ref = cli("commute", "--format", "json", "--data", XUCHANG, "--origins", "region:xuchang",
              "--destinations", "kind:zone", "--profiles", "park_and_ride",
              "--frequency-model")
    m = xuchang.travel_time_matrix("region:xuchang", "kind:zone", profile="park_and_ride",
                                   model="frequency")
    assert list(m.columns) == ["from_id", "to_id", "travel_time"]
    assert len(m) == len(ref["cells"])
    for row, cell in zip(m.itertuples(index=False), ref["cells"]):
        assert (row.from_id, row.to_id) == (cell["origin"], cell["destination"])
        assert close_to_cli(row.travel_time, cell["minutes"])


def test_matrix_node_lists_and_m2m(xuchang):
    """Lists of node ids, many-to-many on a contraction hierarchy."""
    nodes = xuchang.nodes()
    zones = nodes[nodes.kind == "zone"].id.tolist()
    m = xuchang.travel_time_matrix(zones[:5], zones, method="m2m")
    ref = cli("commute", "--format", "json", "--data", XUCHANG, "--origins", ";".join(zones[:5]),
              "--destinations", ";".join(zones), "--profiles", "car", "--method", "m2m")
    assert m.attrs["method"] == "m2m"
    for row, cell in zip(m.itertuples(index=False), ref["cells"]):
        assert (row.from_id, row.to_id) == (cell["origin"], cell["destination"])
        assert close_to_cli(row.travel_time, cell["minutes"])


@pytest.mark.parametrize("profile", ["transit", "park_and_ride", "car"])
def test_route_equals_cli(xuchang, profile):
    legs = xuchang.route("z_changge", "zz_east_station", profile=profile, model="frequency")
    # the frequency model (the layered graphs; the default, the timetable,
    # is test_timetable_default.py's)
    ref = cli("route", "z_changge", "zz_east_station", "--profile", profile, "--format", "json",
              "--data", XUCHANG, *(["--frequency-model"] if profile != "car" else []))
    if profile == "car":
        # the car route of the command is link-level (legs by line); the
        # package's is the layered graph's journey: the same total
        assert abs(legs.attrs["total_min"] - ref["total_min"]) <= 0.0005 + 1e-9
        return
    for k in ("total_min", "access_min", "wait_min", "in_vehicle_min", "transfer_min",
              "egress_min"):
        assert abs(legs.attrs[k] - ref[k]) <= 0.0005 + 1e-9, k
    assert legs.attrs["feed"] == ref["feed"]
    assert len(legs) == len(ref["legs"])
    for row, leg in zip(legs.itertuples(index=False), ref["legs"]):
        assert (row.kind, row.mode, row.line, getattr(row, "_3"), row.to) == \
            (leg["kind"], leg["mode"], leg["line"], leg["from"], leg["to"])
        assert abs(row.minutes - leg["min"]) <= 0.0005 + 1e-9


def test_report_equals_cli(xuchang):
    data, table = xuchang.report()
    ref = cli("report", "--format", "json", "--data", XUCHANG)
    assert data == ref
    assert table.loc["expressway_km", "2025"] == ref["scenarios"]["2025"]["indicators"]["expressway_km"]
    assert table.loc["expressway_km", "target"] == ref["targets"]["expressway_km"]["target_2025"]


def test_isochrones_equal_cli(xuchang):
    g = xuchang.isochrones("z_weidu", cutoffs=[20, 40], profile="transit", model="frequency")
    ref = cli("isochrone", "z_weidu", "--minutes", "40", "--profile", "transit",
              "--frequency-model", "--format", "json", "--data", XUCHANG)
    points = {f["properties"]["id"]: f for f in ref["features"]
              if f["geometry"]["type"] == "Point"}
    assert set(g["id"]) == set(points)
    for row in g.itertuples():
        f = points[row.id]
        assert close_to_cli(row.minutes, f["properties"]["minutes"])
        assert (row.geometry.x, row.geometry.y) == tuple(f["geometry"]["coordinates"])
        assert row.cutoff == (20 if row.minutes <= 20 else 40)
    assert g.crs.to_epsg() == 4326


def test_sao_paulo_accessibility_equals_cli(sao_paulo, sao_paulo_dir):
    for profile in ("car", "transit"):
        acc = sao_paulo.accessibility("jobs", cutoffs=[10, 20, 30], profile=profile,
                                      model="frequency")
        ref = cli("accessibility", "--data", sao_paulo_dir, "--opportunities", "jobs",
                  "--cutoffs", "10,20,30", "--profile", profile, "--frequency-model",
                  "--format", "json")
        assert acc.attrs["total"] == ref["total"]
        assert list(acc.index) == [z["id"] for z in ref["zones"]]
        assert acc.to_numpy().tolist() == [z["accessibility"] for z in ref["zones"]]
        assert acc.attrs["mean_population_weighted"] == pytest.approx(
            ref["mean_population_weighted"], rel=1e-12)


def test_sao_paulo_matrix_equals_cli(sao_paulo, sao_paulo_dir):
    m = sao_paulo.travel_time_matrix(profile="transit", model="frequency")
    ref = cli("commute", "--data", sao_paulo_dir, "--origins", "kind:zone", "--destinations",
              "kind:zone", "--profiles", "transit", "--frequency-model", "--format", "json")
    assert len(m) == len(ref["cells"]) == 323 * 323
    got = m["travel_time"].to_numpy()
    want = np.array([np.nan if c["minutes"] is None else c["minutes"] for c in ref["cells"]])
    assert np.array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(got)
    assert np.all(np.abs(got[ok] - want[ok]) <= 0.05 + 1e-9)
    assert m["from_id"].tolist() == [c["origin"] for c in ref["cells"]]
    assert m["to_id"].tolist() == [c["destination"] for c in ref["cells"]]


def test_init_equals_cli_init(sao_paulo_dir, tmp_path):
    """Dataset.init writes the folder `tnet init` writes."""
    zones = f"{sao_paulo_dir}/zones.csv"
    ds = tnet.Dataset.init(tmp_path / "spo", osm=f"{SOURCE_ROOT}/tests/data/sao-paulo/spo_osm.pbf",
                           gtfs=[f"{SOURCE_ROOT}/tests/data/sao-paulo/spo.zip"],
                           zones=zones, region_column="district")
    for name in ("nodes.csv", "links.csv"):
        with open(tmp_path / "spo" / name, encoding="utf-8") as a, \
                open(f"{sao_paulo_dir}/{name}", encoding="utf-8") as b:
            assert a.read() == b.read(), name
    assert ds.init_stats["zones"] == 323
    assert len(ds.nodes()) == len(tnet.Dataset(sao_paulo_dir).nodes())


def test_geodataframe_places(xuchang):
    """commute() and travel_time_matrix(): ids that are node ids are kept;
    a point uses the access links tnet init would give it and keeps its
    own id. The hand-built folder has no street
    within 2 km of it, so it starts at its nearest zone instead, with a
    warning."""
    import geopandas
    from shapely.geometry import Point
    nodes = xuchang.nodes().set_index("id")
    target = nodes.loc["z_changge"]
    gdf = geopandas.GeoDataFrame(
        {"id": ["somewhere", "zz_center"]},
        geometry=[Point(target.lon + 0.001, target.lat - 0.001), Point(0, 0)], crs="EPSG:4326")
    with pytest.warns(UserWarning, match="1 point"):
        c = xuchang.commute(gdf, ["zz_center"], profiles=["car"])
    assert c["origin"].tolist() == ["somewhere", "zz_center"]
    cz = xuchang.commute(["z_changge"], ["zz_center"], profiles=["car"])
    assert c["minutes"].iloc[0] == cz["minutes"].iloc[0]
    with pytest.warns(UserWarning, match="1 point"):
        m = xuchang.travel_time_matrix(gdf, ["zz_center"])
    assert m["from_id"].tolist() == ["somewhere", "zz_center"]
    zone = xuchang.travel_time_matrix(["z_changge"], ["zz_center"])
    assert m["travel_time"].iloc[0] == zone["travel_time"].iloc[0]
    assert m["travel_time"].iloc[1] == 0
    assert len(xuchang.access_candidates(gdf.iloc[:1])) == 0


@pytest.mark.parametrize("extra", [[], ["--by", "line", "--top", "4"],
                                   ["--profile", "transit", "--top", "5"]])
def test_criticality_equals_cli(xuchang, extra):
    # Scenario.criticality follows the timetable for transit, as the command
    # does by default
    ref = cli("criticality", "region:xuchang", "region:zhengzhou", "--format", "json",
              "--data", XUCHANG, *extra)
    opts = dict(zip([e.lstrip("-") for e in extra[::2]], extra[1::2]))
    df = xuchang.criticality("region:xuchang", "region:zhengzhou", by=opts.get("by", "link"),
                             profile=opts.get("profile"),
                             top=int(opts["top"]) if "top" in opts else None)
    assert df.attrs["pairs"] == ref["pairs"] and df.attrs["candidates"] == ref["candidates"]
    assert len(df) == len(ref["ranked"])
    by = ref["by"]
    for row, item in zip(df.to_dict("records"), ref["ranked"]):
        assert row[by] == item[by]
        for k in ("pairs_slower", "pairs_cut", "pairs_out_of_budget", "population_lost"):
            assert row[k] == item[k], k
        for k in ("max_increase_min", "total_increase_min"):
            assert close_to_cli(row[k], item[k]), k
        w = item["worst_pair"]
        assert (row["worst_from"], row["worst_to"]) == (w["from"], w["to"])
        assert close_to_cli(row["before_min"], w["before_min"])
        assert close_to_cli(row["after_min"], w["after_min"])


@pytest.mark.parametrize("year", [2020, 2025])
def test_transfers_equal_cli(xuchang, year):
    ref = cli("transfers", "--format", "json", "--data", XUCHANG, "--scenario", str(year))
    pairs = xuchang.scenario(year).transfers()
    hubs = pairs.attrs["hubs"]

    def same(value, want):
        # the command rounds to 0.01
        if want is None:
            return value is None or (isinstance(value, float) and math.isnan(value))
        return abs(value - want) <= 0.005 + 1e-9

    assert list(hubs.index) == [h["id"] for h in ref["hubs"]]
    n = 0
    for h in ref["hubs"]:
        row = hubs.loc[h["id"]]
        assert (row["in_service"], row["status"], row["services"]) == \
            (h["in_service"], h["status"], h["services"])
        for k in ("mean_walk_min", "mean_walk_wait_min", "weighted_walk_min",
                  "weighted_walk_wait_min"):
            assert same(row[k], h[k]), (h["id"], k)
        mine = pairs[pairs.hub == h["id"]].to_dict("records")
        assert len(mine) == len(h["pairs"])
        for got, want in zip(mine, h["pairs"]):
            n += 1
            for k in ("from", "to", "from_route", "to_route", "from_mode", "to_mode",
                      "from_stop", "to_stop", "timetabled"):
                assert got[k] == want[k], k
            for k in ("walk_min", "headway_min", "wait_min", "walk_wait_min",
                      "from_trips_per_hour", "to_trips_per_hour", "weight"):
                assert same(got[k], want[k]), k
    assert n == len(pairs)
    with pytest.raises(tnet.Error):
        xuchang.transfers(hub="no_such_hub")


@pytest.mark.parametrize("modes", ["all", "rail"])
def test_corridors_equal_cli(xuchang, modes):
    ref = cli("corridors", "region:xuchang", "region:zhengzhou", "--modes", modes,
              "--format", "json", "--data", XUCHANG)
    df = xuchang.corridors("region:xuchang", "region:zhengzhou", modes=modes)
    for k in ("line_count", "lines", "budget_min", "within_budget", "factor", "within_factor",
              "modes", "year"):
        assert df.attrs[k] == ref[k], k
    for name in ("link_disjoint", "node_disjoint", "least_time"):
        mine = df[df.set == name]
        assert df.attrs[name] == ref[name]["count"] == len(mine)
        for row, path in zip(mine.itertuples(index=False), ref[name]["paths"]):
            assert close_to_cli(row.minutes, path["minutes"])
            assert row.nodes == path["nodes"] and row.links == path["links"]


@pytest.mark.parametrize("window", [0, 30])
def test_timetable_percentiles_equal_cli_route(xuchang, window):
    """Each cell of the timetable matrix equals `tnet route --profile
    transit` (the timetable, range RAPTOR) for that pair."""
    origins, dests = ["z_changge", "z_weidu", "z_xiangcheng"], ["zz_east_station", "zz_center"]
    m = xuchang.travel_time_matrix(origins, dests, profile="transit", depart="07:40",
                                   window=window, percentiles=[5, 50, 95])
    assert list(m.columns) == ["from_id", "to_id", "travel_time_p5", "travel_time_p50",
                               "travel_time_p95"]
    checked = 0
    for row in m.itertuples(index=False):
        try:
            ref = cli("route", row.from_id, row.to_id, "--profile", "transit", "--depart",
                      "07:40", "--window", str(window), "--percentiles", "5,50,95",
                      "--format", "json", "--data", XUCHANG)
        except AssertionError as e:
            # the command says "no path" (exit 1) for a pair that no
            # departure connects (or with no stop within the walk of an
            # end): the matrix has NaN there
            assert "no path" in str(e)
            assert all(math.isnan(v) for v in row[2:])
            continue
        checked += 1
        for p, got in zip(("p5", "p50", "p95"), row[2:]):
            assert close_to_cli(got, ref["percentiles"][p]), (row, p)
        assert m.attrs["feed"] == ref["feed"] and m.attrs["date"] == ref["date"]
    assert checked >= 4


def test_graph_cache_same_as_fresh_dataset(xuchang):
    """A Dataset keeps the built graphs (and the many-to-many hierarchy) of
    its last four (year, closures, profile); a matrix asked again, after
    other scenarios have pushed it out of the cache or not, equals the one
    of a fresh Dataset that builds everything anew. Six keys cycle through
    a cache of four, twice, both methods."""
    keys = [(2025, []), (2020, []), (2025, ["l_g4_03"]), (2020, ["l_g4_03"]),
            (2025, ["l_g4_03", "l_g4_cg_n"]), (2025, [])]
    seen = {}
    for year, closures in keys * 2:
        for profile, method in (("car", "m2m"), ("transit", "m2m"), ("car", "search")):
            # the graphs: transit by the frequency approximation
            m = xuchang.scenario(year, closures=closures).travel_time_matrix(
                "kind:zone", "kind:zone", profile=profile, method=method, model="frequency")
            k = (year, tuple(closures), profile, method)
            if k not in seen:
                fresh = tnet.Dataset(XUCHANG).scenario(year, closures=closures)
                seen[k] = fresh.travel_time_matrix("kind:zone", "kind:zone", profile=profile,
                                                   method=method, model="frequency")
            pd.testing.assert_frame_equal(m, seen[k], check_exact=True)
    # the closures change the car matrix (else the keys could be confused
    # without this test noticing)
    a, b = seen[(2025, (), "car", "m2m")], seen[(2025, ("l_g4_03", "l_g4_cg_n"), "car", "m2m")]
    assert not np.allclose(a["travel_time"], b["travel_time"], equal_nan=True)


def test_timetable_walks_follow_closures(xuchang, tmp_path):
    """By the timetable the walks follow the scenario's closures, as the
    command's do: without 市区's access link to 许昌东站 (15 min,
    links.csv) the journey to 郑州东站 changes, and equals `tnet route
    --scenario FILE` with that closure."""
    closed = "a_z_weidu__xc_east_hsr"
    ini = tmp_path / "no-access.ini"
    ini.write_text(f"[scenario]\nyear = 2025\n[closures]\nlinks = {closed}\n", encoding="utf-8")
    got = {}
    for name, scen, spec in (("plain", xuchang.scenario(2025), "2025"),
                             ("closed", xuchang.scenario(2025, closures=[closed]), str(ini))):
        m = scen.travel_time_matrix(["z_weidu"], ["zz_east_station"], profile="transit",
                                    depart="07:00", window=10, percentiles=[50])
        ref = cli("route", "z_weidu", "zz_east_station", "--profile", "transit", "--depart",
                  "07:00", "--window", "10", "--percentiles", "50", "--format", "json",
                  "--data", XUCHANG, "--scenario", spec)
        got[name] = m["travel_time_p50"].iloc[0]
        assert close_to_cli(got[name], ref["percentiles"]["p50"]), (name, got[name], ref)
    assert got["closed"] > got["plain"] + 1
