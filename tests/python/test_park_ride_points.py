"""Park-and-ride by the timetable from and to points
(tnet_park_ride_matrix_ends()): a point drives from its car access links
to a parking place, parks, walks to a stop, rides, and walks to the
destination (a point's walk access links); walking to the first stop, or
all the way, stays possible.

Oracles:
* a hand-made folder where the journey is worked out by hand (a drive of
  known length, a park, a walk of known length, a timetabled train);
* a point placed at a zone of São Paulo (built by `tnet init`, so the
  zone's access links are the point's) has the zone's cells;
* a brute-force composition on São Paulo, minimised here: per departure
  minute, the best of transit from the point (travel_time_matrix by the
  timetable) and, per parking place and stop it serves, the car time from
  the point (travel_time_matrix by car from the point's access links),
  rounded up to the second, + park + the straight-line walk to the stop
  (measured here from the GTFS stops), then the timetable from that stop
  departing at that second;
* no cell is slower than transit from the same point.
"""
import csv
import io
import math
import zipfile

import numpy as np
import pytest

import tnet
from conftest import SAO_PAULO

DEPART, WINDOW, PCTS = "07:30", 10, [10, 50, 90]


def gdf_of(ids, lons, lats):
    import geopandas
    return geopandas.GeoDataFrame({"id": ids}, geometry=geopandas.points_from_xy(lons, lats),
                                  crs="EPSG:4326")


def haversine_m(lon1, lat1, lon2, lat2):
    r, k = 6371008.8, math.pi / 180
    dlat, dlon = (lat2 - lat1) * k, (lon2 - lon1) * k
    s = math.sin(dlat / 2) ** 2 + math.cos(lat1 * k) * math.cos(lat2 * k) * math.sin(dlon / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(s)))


def walk_s(metres):
    """The timetable's walk of a straight line: 4.8 km/h, detour 1.3,
    rounded up to the second."""
    return math.ceil(metres * 1.3 / (4.8 / 3.6) - 1e-9)


def p_r(ds, origins, dests, **kw):
    kw.setdefault("depart", DEPART)
    kw.setdefault("window", WINDOW)
    kw.setdefault("percentiles", PCTS)
    return ds.travel_time_matrix(origins, dests, profile="park_and_ride", **kw)


def cube(m, no, nd, pcts=PCTS):
    cols = [f"travel_time_p{p:g}" for p in pcts]
    return m[cols].to_numpy().reshape(no, nd, len(pcts))


# ------------------------------------------------------------ by hand

def write(path, text):
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """A street j0 -- pk (5 km at 50 km/h: 6 min), pk a parking place,
    stop A 0.0009 degrees north of it (100.08 m), a train A -> B at 08:10
    and 08:20 (20 min), and a place d at B. A point 0.0009 degrees west of
    j0 has j0 as its access link."""
    root = tmp_path_factory.mktemp("pr-hand")
    write(root / "nodes.csv", "id,name,kind,lon,lat\n"
          "j0,j0,junction,0.0,0.0\n"
          "j1,j1,junction,-0.02,0.0\n"
          "pk,P+R,parking,0.045,0.0\n"
          "d,there,place,0.5,0.0009\n")
    write(root / "links.csv", "id,from,to,mode,line,length_km,speed_kmh\n"
          "r0,j0,pk,road,main,5.0,50\n"
          "r1,j1,j0,road,side,2.224,50\n")
    g = root / "gtfs"
    g.mkdir()
    write(g / "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\n"
          "a,A,http://example.org,UTC\n")
    write(g / "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n"
          "A,A,0.0009,0.045\nB,B,0.0009,0.5\n")
    write(g / "routes.txt", "route_id,agency_id,route_short_name,route_type\nR,a,R,2\n")
    write(g / "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,"
          "sunday,start_date,end_date\nS,1,1,1,1,1,1,1,20200101,20301231\n")
    write(g / "trips.txt", "route_id,service_id,trip_id\nR,S,t1\nR,S,t2\n")
    write(g / "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
          "t1,08:10:00,08:10:00,A,1\nt1,08:30:00,08:30:00,B,2\n"
          "t2,08:20:00,08:20:00,A,1\nt2,08:40:00,08:40:00,B,2\n")
    return tnet.Dataset(str(root))


def test_hand_made_point(hand):
    pt = (-0.0009, 0.0)
    acc = hand.access_candidates([pt])
    assert acc["node"].tolist()[0] == "j0"
    # by hand: the access link (its time rounded to the ms) + 6 min drive,
    # rounded up to the second, 5 min park, 100.08 m walk
    link_ms = round(acc["access_min"].iloc[0] * 60000)
    drive = math.ceil((link_ms + 360000) / 1000)
    at_a = 8 * 3600 + drive + 300 + walk_s(haversine_m(0.045, 0, 0.045, 0.0009))
    assert 8 * 3600 + 600 < at_a and at_a + 120 <= 8 * 3600 + 1200
    # departing 08:00, 08:01, 08:02: the 08:20 train, at d (= B) at 08:40
    m = hand.travel_time_matrix([pt], ["d"], profile="park_and_ride", depart="08:00",
                                window=3, percentiles=[0, 50, 100])
    assert m.attrs["profile"] == "park_and_ride"
    assert m[["travel_time_p0", "travel_time_p50", "travel_time_p100"]].iloc[0].tolist() \
        == [38.0, 39.0, 40.0]
    # no stop within a walk of the point: transit reaches nothing
    t = hand.travel_time_matrix([pt], ["d"], profile="transit", depart="08:00", window=3)
    assert math.isnan(t["travel_time_p50"].iloc[0])
    # a smaller drive budget than the drive: nothing
    short = hand.travel_time_matrix([pt], ["d"], profile="park_and_ride", depart="08:00",
                                    drive_budget=6)
    assert math.isnan(short["travel_time_p50"].iloc[0])
    # the journey: drive from the point to pk, park, walk to A, ride to B
    r = hand.route(pt, "d", profile="park_and_ride", depart="08:00")
    assert r["kind"].tolist()[:4] == ["drive", "park", "walk", "ride"]
    assert r["from"].iloc[0] == "-0.000900,0.000000" and r["to"].iloc[0] == "pk"
    assert r["start_s"].iloc[0] == 8 * 3600 and r["end_s"].iloc[0] == 8 * 3600 + drive
    assert r["end_s"].iloc[2] == at_a and r["start"].iloc[3] == "08:20:00"
    assert r.attrs["total_min"] == 40.0
    # the node the point snaps to gives what the point gives, less its link
    n = hand.travel_time_matrix(["j0"], ["d"], profile="park_and_ride", depart="08:00")
    assert n["travel_time_p50"].iloc[0] == 40.0
    # an unknown id beside a point is an error naming it
    with pytest.raises(tnet.Error, match="unknown place 'nowhere'"):
        hand.travel_time_matrix([pt, "nowhere"], ["d"], profile="park_and_ride",
                                depart="08:00")


def test_hand_made_point_as_destination(hand):
    """A point at B has no street node within the access distance (and the
    folder no zone to fall back on): nothing reaches it. A point at j1
    drives 2.224 km more (160.128 s at 50 km/h) to j0 before the same
    journey."""
    m = hand.travel_time_matrix(["j0"], [(0.5, 0.0009)], profile="park_and_ride",
                                depart="08:00")
    assert math.isnan(m["travel_time_p50"].iloc[0])
    # from a point at j1: 2.224 km more at 50 km/h (160.128 s) before j0
    pt = (-0.02, 0.0)
    acc = hand.access_candidates([pt])
    assert acc["node"].tolist()[0] == "j1"
    link_ms = round(acc["access_min"].iloc[0] * 60000)
    drive = math.ceil((link_ms + 160128 + 360000) / 1000)
    at_a = 8 * 3600 + drive + 300 + walk_s(haversine_m(0.045, 0, 0.045, 0.0009))
    want = (8 * 3600 + 1800 if at_a <= 8 * 3600 + 600 else 8 * 3600 + 2400) / 60 - 480
    m = hand.travel_time_matrix([pt], ["d"], profile="park_and_ride", depart="08:00")
    assert m["travel_time_p50"].iloc[0] == want


# ------------------------------------------------------------ São Paulo

@pytest.fixture(scope="module")
def zones(sao_paulo):
    nodes = sao_paulo.nodes()
    return nodes[nodes["kind"] == "zone"].reset_index(drop=True)


def test_point_at_node_equals_node(sao_paulo, zones):
    """A point exactly on a street junction whose only access link is that
    junction (0 m, 0.0015 min: 90 ms) has the junction's cells, to
    destinations beyond a walk (a walk all the way from a point is the
    straight line, from a node over the street). Its walks are the node's
    (90 ms rounds to 0 s), its drive starts 90 ms later: rounded up to the
    second, a drive may end 1 s later, so a cell may be 1 s longer, no
    more and never shorter."""
    nodes = sao_paulo.nodes()
    junctions = nodes[nodes["kind"] == "junction"].iloc[::150]
    acc = sao_paulo.access_candidates(list(zip(junctions["lon"], junctions["lat"])))
    keep = [k for k in range(len(junctions))
            if (acc["point"] == k).sum() == 1
            and acc[acc["point"] == k]["node"].iloc[0] == junctions["id"].iloc[k]]
    on = junctions.iloc[keep]
    assert len(on) >= 20
    assert (acc[acc["point"].isin(keep)]["access_min"] == 0.0015).all()
    pts = list(zip(on["lon"], on["lat"]))
    dests = zones.iloc[::7]
    far = np.array([[haversine_m(x, y, dx, dy) > 1300 for dx, dy in zip(dests["lon"], dests["lat"])]
                    for x, y in pts])
    g = cube(p_r(sao_paulo, pts, dests["id"].tolist()), len(pts), len(dests))
    n = cube(p_r(sao_paulo, on["id"].tolist(), dests["id"].tolist()), len(pts), len(dests))
    gf, nf = g[far], n[far]
    assert (np.isnan(gf) == np.isnan(nf)).all()
    d = np.round((gf - nf)[~np.isnan(nf)] * 60, 6)
    assert set(d.tolist()) <= {0.0, 1.0}, sorted(set(d.tolist()))
    assert (d == 0).sum() >= 0.9 * len(d) and len(d) > 300
    # that is transit's rule too, where there is no drive: equal
    t = sao_paulo.travel_time_matrix(pts, dests["id"].tolist(), profile="transit",
                                     depart=DEPART, window=WINDOW, percentiles=PCTS)
    tn = sao_paulo.travel_time_matrix(on["id"].tolist(), dests["id"].tolist(),
                                      profile="transit", depart=DEPART, window=WINDOW,
                                      percentiles=PCTS)
    a, b = cube(t, len(pts), len(dests))[far], cube(tn, len(pts), len(dests))[far]
    assert ((a == b) | (np.isnan(a) & np.isnan(b))).all()
    # and park-and-ride does park from some of them
    assert (np.nan_to_num(gf, nan=1e9) < np.nan_to_num(a, nan=1e9) - 1e-9).any()


def gtfs_stops(path):
    with zipfile.ZipFile(path) as z:
        with z.open("stops.txt") as f:
            rows = list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8-sig")))
    # the timetable names a stop by its feed's name and its stop_id
    return {"spo:" + r["stop_id"]: (float(r["stop_lon"]), float(r["stop_lat"])) for r in rows
            if r.get("location_type", "0") in ("", "0")}


def test_sao_paulo_brute_force(sao_paulo, zones):
    nodes = sao_paulo.nodes()
    parking = nodes[nodes["kind"].isin(["parking", "station"])]
    stops = gtfs_stops(f"{SAO_PAULO}/spo.zip")
    served = []   # (parking id, stop id, walk s)
    for pid, plon, plat in zip(parking["id"], parking["lon"], parking["lat"]):
        for sid, (slon, slat) in stops.items():
            d = haversine_m(plon, plat, slon, slat)
            if d <= 400:
                served.append((pid, sid, walk_s(d)))
    assert len(served) >= 10, "few parking places serve a stop"
    # destinations beyond a walk (15 min: 923 m straight) of every served
    # stop, so the composition's timetable from a stop cannot walk there
    # without riding (park-and-ride walks all the way only from the origin)
    far = [zid for zid, zlon, zlat in zip(zones["id"], zones["lon"], zones["lat"])
           if all(haversine_m(zlon, zlat, *stops[s]) > 1000 for _, s, _ in served)]
    dests = far[::12][:12]
    assert len(dests) >= 4, len(far)
    # origins: points between zones, and near a parking place
    a, b = zones.iloc[17], zones.iloc[18]
    p0 = parking.iloc[0]
    origins = [((a["lon"] + b["lon"]) / 2, (a["lat"] + b["lat"]) / 2 + 0.001),
               (p0["lon"] - 0.004, p0["lat"] + 0.003)]
    dest_pts = [(zones.iloc[200]["lon"] + 0.0013, zones.iloc[200]["lat"] - 0.0011)]
    all_dests = dests + dest_pts
    park_s, budget_s = 300, 1800
    y = sao_paulo.scenario()
    drive = sao_paulo.travel_time_matrix(origins, sorted({p for p, _, _ in served}),
                                         profile="car")
    drive_s = {(f, t): (math.nan if math.isnan(v) else math.ceil(round(v * 60000) / 1000))
               for f, t, v in zip(drive["from_id"], drive["to_id"], drive["travel_time"])}
    labels = [f"{lon:.6f},{lat:.6f}" for lon, lat in origins]
    parks = 0
    for minute in (0, 4, 9):
        t0 = 7 * 3600 + 30 * 60 + 60 * minute
        clock = f"{t0 // 3600:02d}:{t0 // 60 % 60:02d}"
        got = p_r(sao_paulo, origins, all_dests, depart=clock, window=1, percentiles=[50])
        got = got["travel_time_p50"].to_numpy().reshape(len(origins), len(all_dests))
        tr = sao_paulo.travel_time_matrix(origins, all_dests, profile="transit", depart=clock)
        best = np.where(np.isnan(tr["travel_time_p50"].to_numpy()), np.inf,
                        tr["travel_time_p50"].to_numpy()).reshape(len(origins), len(all_dests))
        transit = best.copy()
        for i, lab in enumerate(labels):
            for pid, sid, w in served:
                ds_ = drive_s[(lab, pid)]
                if math.isnan(ds_) or ds_ > budget_s:
                    continue
                at = t0 + ds_ + park_s + w
                try:
                    r = y.dataset._c.timetable_point_matrix(y.year, y.closures, [sid],
                                                            all_dests, at, 1, [50.0])
                except tnet.Error as e:
                    # a stop of stops.txt no trip of the day calls at
                    assert "unknown place" in str(e)
                    continue
                via = np.asarray(r["minutes"], dtype=float)[0, 0] + (at - t0) / 60
                best[i] = np.fmin(best[i], np.where(np.isnan(via), np.inf, via))
        want = np.where(np.isinf(best), np.nan, best)
        ok = (np.isnan(want) & np.isnan(got)) | (np.abs(want - got) < 1e-9)
        assert ok.all(), (minute, got, want)
        parks += int((want < transit - 1e-9).sum())
    assert parks > 0, "no cell parks: the composition checks transit alone"


def test_sao_paulo_points_not_slower_than_transit(sao_paulo, sao_paulo_dir, zones):
    picks = zones.iloc[3::29]
    pts = [(lon + 0.0017, lat - 0.0009) for lon, lat in zip(picks["lon"], picks["lat"])]
    dests = zones["id"].tolist()[1::13]
    g = cube(p_r(sao_paulo, pts, dests), len(pts), len(dests))
    t = sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART,
                                     window=WINDOW, percentiles=PCTS)
    t = cube(t, len(pts), len(dests))
    gi, ti = np.where(np.isnan(g), np.inf, g), np.where(np.isnan(t), np.inf, t)
    assert (gi <= ti + 1e-9).all()
    assert (gi < ti - 1e-9).any(), "no cell parks"
    # route() from a point gives the matrix's cell, and, where the first
    # minute parks, its legs drive from the point
    g1 = cube(p_r(sao_paulo, pts, dests, window=1, percentiles=[50]), len(pts), len(dests),
              [50])[:, :, 0]
    t1 = sao_paulo.travel_time_matrix(pts, dests, profile="transit", depart=DEPART)
    t1 = t1["travel_time_p50"].to_numpy().reshape(len(pts), len(dests))
    parks = np.argwhere(np.nan_to_num(g1, nan=1e9) < np.nan_to_num(t1, nan=1e9) - 1e-9)
    assert len(parks) > 0
    for i, j in parks[:3]:
        r = sao_paulo.route(pts[i], dests[j], profile="park_and_ride", depart=DEPART,
                            window=WINDOW, percentiles=PCTS)
        assert [r.attrs["percentiles"][f"p{p:g}"] for p in PCTS] == g[i, j].tolist()
        assert r.attrs["total_min"] == g1[i, j]
        assert r["kind"].tolist()[:3] == ["drive", "park", "walk"]
        assert r["from"].iloc[0] == f"{pts[i][0]:.6f},{pts[i][1]:.6f}"
        assert r["end_s"].iloc[-1] == 27000 + round(g1[i, j] * 60)
    # accessibility from points: the matrix's p50 within the cutoff, summed
    import pandas as pd
    acc = sao_paulo.accessibility("jobs", cutoffs=(30,), profile="park_and_ride",
                                  depart=DEPART, window=WINDOW, origins=pts[:2])
    assert acc.attrs["park_and_ride"]["drive_budget_min"] == 30.0
    zt = pd.read_csv(f"{sao_paulo_dir}/zones.csv", dtype={"id": str})
    jobs = dict(zip(zt["id"], zt["jobs"]))
    zall = zt["id"].tolist()
    m = sao_paulo.travel_time_matrix(pts[:2], zall, profile="park_and_ride", depart=DEPART,
                                     window=WINDOW)
    cells = m["travel_time_p50"].to_numpy().reshape(2, len(zall))
    for k in range(2):
        want = sum(float(jobs[z]) for z, v in zip(zall, cells[k]) if v <= 30)
        assert acc.iloc[k, 0] == want
    assert acc.iloc[:, 0].sum() > 0
