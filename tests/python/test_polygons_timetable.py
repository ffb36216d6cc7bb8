"""Isochrone polygons, routes by the timetable and corridors by profile
equal the command's output for the same options (`tnet isochrone
--polygons`, `tnet route --profile transit --depart ...`, `tnet corridors
--profile`), on the bundled data and on the São Paulo fixture (whose
timetable walks on the streets `tnet init` imported)."""
import math

import pytest
from shapely.geometry import shape

import tnet
from conftest import XUCHANG, cli


def close(value, cli_value, tol=0.05):
    """The command rounds minutes to 0.1 (areas to 0.001 km²)."""
    if cli_value is None:
        return value is None or (isinstance(value, float) and math.isnan(value))
    return abs(value - cli_value) <= tol + 1e-9


# ------------------------------------------------------------ polygons

def check_bands(frame, ref):
    feats = ref["features"]
    assert len(frame) == len(feats) > 0
    for row, f in zip(frame.to_dict("records"), feats):
        props = f["properties"]
        assert set(props) <= set(row)
        for k, v in props.items():
            if k == "area_km2":
                assert close(row[k], v, 0.0005), (k, row[k], v)
            else:
                assert row[k] == v, k
        # the same outline, vertex for vertex
        assert row["geometry"].equals_exact(shape(f["geometry"]), 1e-12)
        assert row["geometry"].geom_type == "MultiPolygon"
    # nested bands
    areas = frame["area_km2"].tolist()
    assert areas == sorted(areas) and areas[0] > 0


@pytest.mark.parametrize("profile", ["car", "transit"])
def test_isochrone_polygons_equal_cli(xuchang, profile):
    g = xuchang.isochrones("z_weidu", cutoffs=[20, 40], profile=profile, polygons=True,
                           model="frequency")
    ref = cli("isochrone", "z_weidu", "--minutes", "20,40", "--polygons", "--profile", profile,
              "--frequency-model", "--data", XUCHANG)
    check_bands(g, ref)
    assert g.crs.to_epsg() == 4326
    assert list(g["minutes"]) == [20.0, 40.0]


def test_isochrone_polygon_options_equal_cli(xuchang):
    g = xuchang.isochrones(["z_weidu", "z_changge"], cutoffs=[30], polygons=True,
                           walk_kmh=3, max_walk_m=400, simplify_m=0)
    ref = cli("isochrone", "z_weidu,z_changge", "--minutes", "30", "--polygons",
              "--walk-kmh", "3", "--max-walk-m", "400", "--simplify-m", "0", "--data", XUCHANG)
    check_bands(g, ref)
    # the options change the outline (else this test could not tell)
    plain = xuchang.isochrones(["z_weidu", "z_changge"], cutoffs=[30], polygons=True)
    assert plain["area_km2"].iloc[0] != g["area_km2"].iloc[0]


def test_isochrone_polygons_zone_columns(sao_paulo, sao_paulo_dir):
    """With zones.csv every numeric column is summed over the zones covered."""
    zone = sao_paulo.nodes().query("kind == 'zone'").id.iloc[0]
    g = sao_paulo.isochrones(zone, cutoffs=[10, 20], profile="transit", polygons=True,
                             model="frequency")
    ref = cli("isochrone", zone, "--minutes", "10,20", "--polygons", "--profile", "transit",
              "--frequency-model", "--data", sao_paulo_dir)
    check_bands(g, ref)
    assert {"jobs", "schools", "population"} <= set(g.columns)
    assert g["jobs"].iloc[1] >= g["jobs"].iloc[0] > 0


def test_isochrone_polygon_bad_arguments(xuchang):
    with pytest.raises(ValueError, match="cutoffs"):
        xuchang.isochrones("z_weidu", cutoffs=[0, 10], polygons=True)
    with pytest.raises(ValueError, match="cutoffs"):
        xuchang.isochrones("z_weidu", cutoffs=[], polygons=True)
    with pytest.raises(ValueError, match="profile"):
        xuchang.isochrones("z_weidu", cutoffs=[10], profile="bicycle", polygons=True)
    with pytest.raises(tnet.Error) as e:
        xuchang.isochrones("no_such_place", cutoffs=[10], polygons=True)
    assert "no_such_place" in str(e.value)
    with pytest.raises(tnet.Error) as e:
        xuchang.isochrones("z_weidu", cutoffs=[10], polygons=True, walk_kmh=-1)
    assert e.value.code == tnet.ERROR_CODES["invalid_input"]


# ----------------------------------------------------- timetable routes

def check_route(legs, ref, pcts):
    """legs equals the command's JSON: its legs (the package adds the walk
    from the last stop as a final leg), the totals, the per-minute series
    and the percentiles."""
    for k in ("from", "to", "feed", "date", "depart", "window_min", "model"):
        assert legs.attrs[k] == ref[k], k
    assert close(legs.attrs["total_min"], ref["total_min"])
    assert len(legs.attrs["minutes"]) == len(ref["minutes"])
    for got, want in zip(legs.attrs["minutes"], ref["minutes"]):
        assert close(got, want)
    for p in pcts:
        key = f"p{p:g}"
        assert close(legs.attrs["percentiles"][key], ref["percentiles"][key]), key
    rows = legs.to_dict("records")
    assert len(ref["legs"]) <= len(rows) <= len(ref["legs"]) + 1
    for row, leg in zip(rows, ref["legs"]):
        for k in ("kind", "line", "trip", "from", "to", "start", "end"):
            assert row[k] == leg[k], (k, row, leg)
        assert abs(row["wait_min"] - leg["wait_min"]) <= 1e-9
    if len(rows) > len(ref["legs"]):
        last = rows[-1]
        assert last["kind"] == "walk" and last["to"] == ref["to"]
        assert last["from"] == (ref["legs"][-1]["to"] if ref["legs"] else ref["from"])
    # the journey arrives when the first minute's travel time says
    if rows:
        arrive = rows[-1]["end_s"]
        depart = rows[0]["start_s"]
        assert rows[0]["start"] == ref["depart"]
        assert close((arrive - depart) / 60.0, ref["total_min"])


@pytest.mark.parametrize("window,pcts", [(0, [50]), (30, [5, 50, 95])])
def test_route_timetable_equals_cli(xuchang, window, pcts):
    legs = xuchang.route("z_changge", "zz_east_station", profile="transit", depart="07:40",
                         window=window, percentiles=pcts)
    ref = cli("route", "z_changge", "zz_east_station", "--profile", "transit", "--depart",
              "07:40", "--window", str(window), "--percentiles", ",".join(map(str, pcts)),
              "--format", "json", "--data", XUCHANG)
    check_route(legs, ref, pcts)
    assert (legs["kind"] == "ride").sum() >= 1


def test_route_timetable_defaults_and_scenario(xuchang):
    """depart alone: the command's other defaults, the bundled plan's
    (window 120, percentiles 5, 50, 95, 60-minute walks), on the 2020
    scenario's feed."""
    legs = xuchang.scenario(2020).route("z_weidu", "zz_center", profile="transit",
                                        depart="08:10")
    ref = cli("route", "z_weidu", "zz_center", "--profile", "transit", "--depart", "08:10",
              "--scenario", "2020", "--format", "json", "--data", XUCHANG)
    assert ref["feed"] == "gtfs-2020"
    check_route(legs, ref, [5, 50, 95])
    assert legs.attrs["window_min"] == ref["window_min"] == 120
    # a longer walk reaches a stop 15 minutes do not (襄城's access links
    # to stations take 35 and 50 min)
    with pytest.raises(tnet.Error, match="15 min walk"):
        xuchang.route("z_xiangcheng", "zz_center", profile="transit", depart="08:10",
                      max_walk=15)
    legs = xuchang.route("z_xiangcheng", "zz_center", profile="transit", depart="08:10",
                         max_walk=60, window=10)
    ref = cli("route", "z_xiangcheng", "zz_center", "--profile", "transit", "--depart", "08:10",
              "--max-walk", "60", "--window", "10", "--format", "json", "--data", XUCHANG)
    check_route(legs, ref, [5, 50, 95])


def test_route_timetable_stop_ends_and_unknown_place_equal_cli(xuchang):
    """Ends given as stop ids of the feed (a stop is itself and the stops at
    its position) resolve as the command resolves them, both ways; an
    unknown place fails with the command's own message, suggestion
    included."""
    def both(a, b):
        legs = xuchang.route(a, b, profile="transit", depart="07:40", window=20,
                             percentiles=[50])
        ref = cli("route", a, b, "--profile", "transit", "--depart", "07:40", "--window", "20",
                  "--percentiles", "50", "--format", "json", "--data", XUCHANG)
        return legs, ref

    check_route(*both("z_weidu", "zz_east_station"), [50])
    # from a stop the journey boards there (no first walk): the legs, the
    # totals and the series are the command's
    legs, ref = both("xc_east_hsr", "zz_center")
    rows = legs.to_dict("records")
    assert rows[0]["kind"] == "ride" and rows[0]["from"] == "xc_east_hsr"
    assert len(ref["legs"]) <= len(rows) <= len(ref["legs"]) + 1
    for row, leg in zip(rows, ref["legs"]):
        for k in ("kind", "line", "trip", "from", "to", "start", "end"):
            assert row[k] == leg[k], (k, row, leg)
    assert close(legs.attrs["total_min"], ref["total_min"])
    assert close(legs.attrs["percentiles"]["p50"], ref["percentiles"]["p50"])
    for got, want in zip(legs.attrs["minutes"], ref["minutes"]):
        assert close(got, want)
    with pytest.raises(AssertionError) as want:
        cli("route", "xc_east_hsx", "zz_center", "--profile", "transit", "--depart", "08:00",
            "--format", "json", "--data", XUCHANG)
    with pytest.raises(tnet.Error) as got:
        xuchang.route("xc_east_hsx", "zz_center", profile="transit", depart="08:00")
    assert "did you mean 'xc_east_hsr'" in str(got.value)
    assert str(got.value) in str(want.value)


def test_route_timetable_street_walks_equal_cli(sao_paulo, sao_paulo_dir):
    """São Paulo walks on its streets: every pair of a few zones (picked by
    position, both ways) equals the command, or both say there is no path."""
    zones = sao_paulo.nodes().query("kind == 'zone'").id.tolist()
    picks = [zones[i] for i in (0, 39, 119, 249, len(zones) - 1)]
    checked = failed = 0
    for a in picks:
        for b in picks:
            if a == b:
                continue
            try:
                ref = cli("route", a, b, "--profile", "transit", "--depart", "07:30",
                          "--window", "20", "--percentiles", "25,50", "--format", "json",
                          "--data", sao_paulo_dir)
            except AssertionError as e:
                assert "no path" in str(e)
                with pytest.raises(tnet.Error) as err:
                    sao_paulo.route(a, b, profile="transit", depart="07:30", window=20,
                                    percentiles=[25, 50])
                assert err.value.code == tnet.ERROR_CODES["not_found"]
                assert "no path" in str(err.value)
                failed += 1
                continue
            legs = sao_paulo.route(a, b, profile="transit", depart="07:30", window=20,
                                   percentiles=[25, 50])
            check_route(legs, ref, [25, 50])
            checked += 1
    assert checked >= 6 and failed >= 1


def test_timetable_matrix_street_transfers_equal_cli_commute(sao_paulo, sao_paulo_dir):
    """On a folder with a walk network the timetable matrix transfers over
    the streets as `tnet commute --depart` does: every cell equals it."""
    zones = sao_paulo.nodes().query("kind == 'zone'").id.tolist()[::29]
    m = sao_paulo.travel_time_matrix(zones, zones, profile="transit", depart="07:30",
                                     window=20, percentiles=[25, 50])
    ref = cli("commute", "--data", sao_paulo_dir, "--origins", ";".join(zones),
              "--destinations", ";".join(zones), "--profiles", "transit", "--depart", "07:30",
              "--window", "20", "--percentiles", "25,50", "--format", "json")
    assert len(m) == len(ref["cells"]) == len(zones) ** 2
    reached = 0
    for row, cell in zip(m.itertuples(index=False), ref["cells"]):
        assert (row.from_id, row.to_id) == (cell["origin"], cell["destination"])
        assert close(row.travel_time_p25, cell["percentiles"]["p25"])
        assert close(row.travel_time_p50, cell["percentiles"]["p50"])
        reached += not math.isnan(row.travel_time_p50)
    assert reached > len(zones)


def test_route_timetable_bad_input(xuchang):
    with pytest.raises(ValueError, match="profile='transit'"):
        xuchang.route("z_changge", "zz_center", profile="car", depart="08:00")
    with pytest.raises(ValueError, match="depart"):
        xuchang.route("z_changge", "zz_center", profile="transit", depart="8 o'clock")
    with pytest.raises(ValueError, match="depart"):
        xuchang.route("z_changge", "zz_center", profile="transit", depart="08:75")
    with pytest.raises(ValueError, match="date"):
        xuchang.route("z_changge", "zz_center", profile="transit", date="2025-13-01")
    with pytest.raises(ValueError, match="percentiles"):
        xuchang.route("z_changge", "zz_center", profile="transit", percentiles=[101])
    with pytest.raises(tnet.Error) as e:
        xuchang.route("z_changge", "no_such_place", profile="transit", depart="08:00")
    assert e.value.code == tnet.ERROR_CODES["not_found"]
    assert "no_such_place" in str(e.value)


def test_route_timetable_without_feed(broken_copy):
    """A folder without a GTFS feed: route() takes the frequency
    approximation with the commands' note as a warning (as `tnet route
    --depart` does); the library's timetable itself is a located not_found
    error."""
    import shutil
    for d in broken_copy.iterdir():
        if d.name.startswith("gtfs"):
            shutil.rmtree(d)
    ds = tnet.Dataset(broken_copy)
    with pytest.warns(UserWarning, match=tnet.NO_FEED_NOTE):
        legs = ds.route("z_changge", "zz_center", profile="transit", depart="08:00")
    want = ds.route("z_changge", "zz_center", profile="transit", model="frequency")
    assert legs.attrs["model"] == want.attrs["model"] == "frequency"
    assert legs.attrs["total_min"] == want.attrs["total_min"]
    with pytest.raises(tnet.Error) as e:
        ds._c.timetable_matrix(2025, [], ["z_changge"], ["zz_center"], 8 * 3600, 0, [50.0])
    assert e.value.code == tnet.ERROR_CODES["not_found"]
    assert str(broken_copy) in str(e.value) and "GTFS" in str(e.value)


# ----------------------------------------------------- corridors by profile

def check_corridors(df, ref, profile):
    """The frame of corridors() against the command's JSON *ref*: the
    figures, and each set's rows in order (minutes within the command's
    rounding, nodes and links)."""
    assert df.attrs["profile"] == ref["profile"] == profile
    assert df.attrs["model"] == ref["model"]
    assert df.attrs.get("timetable") == ref.get("timetable")
    for k in ("line_count", "lines", "budget_min", "within_budget", "factor", "within_factor",
              "modes", "year"):
        assert df.attrs[k] == ref[k], k
    for name in ("link_disjoint", "node_disjoint", "least_time"):
        mine = df[df.set == name]
        assert df.attrs[name] == ref[name]["count"] == len(mine)
        for row, path in zip(mine.itertuples(index=False), ref[name]["paths"]):
            assert close(row.minutes, path["minutes"])
            assert row.nodes == path["nodes"] and row.links == path["links"]
    assert df.attrs["least_time"] >= 1


@pytest.mark.parametrize("profile,modes", [("transit", "all"), ("car", "road"),
                                           ("park_and_ride", "all")])
def test_corridors_profile_equal_cli(xuchang, profile, modes):
    """corridors() by profile equals `tnet corridors --profile P`: transit
    and park_and_ride by the timetable with the plan's defaults (the same
    document as the command with them written out: 07:00, a 120-minute
    window, walks up to the 60-minute budget), and with
    ``model="frequency"`` the command's --frequency-model."""
    args = ("corridors", "region:xuchang", "region:zhengzhou", "--profile", profile,
            "--modes", modes, "--format", "json", "--data", XUCHANG)
    ref = cli(*args)
    df = xuchang.corridors("region:xuchang", "region:zhengzhou", modes=modes, profile=profile)
    check_corridors(df, ref, profile)
    assert xuchang.corridors_document("region:xuchang", "region:zhengzhou", modes=modes,
                                      profile=profile) == ref
    if profile == "car":
        assert ref["model"] == "network"
        return
    assert ref["model"] == "timetable"
    assert cli(*args, "--depart", "07:00", "--window", "120", "--max-walk", "60") == ref
    ref_f = cli(*args, "--frequency-model")
    df_f = xuchang.corridors("region:xuchang", "region:zhengzhou", modes=modes,
                             profile=profile, model="frequency")
    assert ref_f["model"] == "frequency approximation"
    check_corridors(df_f, ref_f, profile)


@pytest.mark.parametrize("profile", ["transit", "park_and_ride"])
def test_corridors_timetable_options_equal_cli(xuchang, profile):
    """Every timetable option of corridors() is the command's: the
    document equals `tnet corridors` with the same options named, and its
    least-time alternatives are journeys (legs with clock times)."""
    pr = profile == "park_and_ride"
    ref = cli("corridors", "region:zhengzhou", "region:xuchang", "--profile", profile,
              "--depart", "07:30", "--window", "10", "--percentile", "80", "--max-walk", "20",
              "--disjoint", "lines", "-k", "3",
              *(["--drive-budget", "25", "--park-time", "4", "--parking-radius", "500"]
                if pr else []), "--format", "json", "--data", XUCHANG)
    kw = dict(profile=profile, depart="07:30", window=10, percentile=80, max_walk=20,
              disjoint="lines", k=3)
    if pr:
        kw.update(drive_budget=25, park_time=4, parking_radius=500)
    doc = xuchang.corridors_document("region:zhengzhou", "region:xuchang", **kw)
    assert doc == ref
    assert ref["timetable"]["disjoint"] == "lines" and ref["timetable"]["depart"] == "07:30"
    assert ("park_and_ride" in ref["timetable"]) == pr
    paths = ref["least_time"]["paths"]
    assert len(paths) >= 2 and all(p["legs"] for p in paths[:1])
    df = xuchang.corridors("region:zhengzhou", "region:xuchang", **kw)
    check_corridors(df, ref, profile)
    with pytest.raises(ValueError, match="disjoint"):
        xuchang.corridors("region:zhengzhou", "region:xuchang", profile=profile,
                          disjoint="stops")
    with pytest.raises(ValueError, match="timetable"):
        xuchang.corridors("region:zhengzhou", "region:xuchang", profile="car", depart="07:30")


def test_corridors_profile_differs_from_infrastructure(xuchang):
    """The profile's alternatives are journeys (waits included), not the
    links of the mode group: the transit ones pass stops."""
    infra = xuchang.corridors("region:xuchang", "region:zhengzhou")
    assert infra.attrs["profile"] is None
    transit = xuchang.corridors("region:xuchang", "region:zhengzhou", profile="transit")
    a = infra[infra.set == "least_time"]["minutes"].tolist()
    b = transit[transit.set == "least_time"]["minutes"].tolist()
    assert a != b
    with pytest.raises(ValueError, match="profile"):
        xuchang.corridors("region:xuchang", "region:zhengzhou", profile="bicycle")


def test_new_calls_from_two_threads(xuchang):
    """Polygons, timetable routes and corridors by profile computed by two
    threads at once (the GIL released inside) equal one thread's."""
    import threading

    def work():
        g = xuchang.isochrones("z_weidu", cutoffs=[5, 10], polygons=True)
        r = xuchang.route("z_changge", "zz_east_station", profile="transit", depart="07:40",
                          window=10)
        c = xuchang.corridors("region:xuchang", "region:zhengzhou", profile="transit")
        return ([geom.wkb for geom in g.geometry], r.to_dict("records"),
                list(r.attrs["minutes"]), c.to_dict("records"))

    want = work()
    out = [[], []]

    def run(i):
        for _ in range(3):
            out[i].append(work())

    ts = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for results in out:
        assert len(results) == 3
        for got in results:
            assert got == want
