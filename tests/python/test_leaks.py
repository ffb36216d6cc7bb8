"""No leak over 1000 calls: neither Python objects (tracemalloc) nor C
memory (the process's resident set)."""
import gc
import tracemalloc

import tnet
from conftest import XUCHANG


def rss_kib():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    import os
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def a_street_point(ds):
    """A junction's position that has access candidates (points start on
    the access links tnet init would give them)."""
    nodes = ds.nodes()
    for lon, lat in zip(nodes.lon[nodes.kind == "junction"], nodes.lat[nodes.kind == "junction"]):
        if len(ds.access_candidates([(float(lon), float(lat))])):
            return (float(lon), float(lat))
    raise AssertionError("no junction with access candidates")


def calls(ds, n):
    pt = a_street_point(ds)
    for i in range(n):
        # points: snapping and the multi-source searches from their links
        ds.travel_time_matrix([pt, "zz_center"], ["zz_center", pt])
        ds.access_candidates([pt, pt])
        try:
            ds.access_candidates([(float("nan"), 0.0)])
        except tnet.Error:
            pass
        ds.travel_time_matrix("region:xuchang", "zz_center;zz_east_station")
        # points in routes and isochrones (the journey's access legs, the
        # candidates of both ends), and a point that starts nowhere
        ds.route(pt, "zz_center")
        ds.isochrones([pt], cutoffs=[1], polygons=True)
        try:
            ds.route((pt[0] + 1.0, pt[1]), pt)
        except tnet.Error:
            pass
        ds.route("z_weidu", "zz_center", profile="transit")
        ds.commute()
        ds.corridors("region:xuchang", "region:zhengzhou")
        ds.criticality("region:xuchang", "region:zhengzhou", threads=1)
        ds.transfers()
        try:
            ds.route("z_weidu", "nowhere")
        except tnet.Error:
            pass
        # polygons (GEOS geometry freed with the bands), timetable routes
        # (the timetable and its workspace), corridors on a profile's graph
        ds.isochrones("z_weidu", cutoffs=[2, 4], polygons=True)
        ds.route("z_changge", "zz_east_station", profile="transit", depart="07:40", window=5)
        ds.corridors("region:xuchang", "region:zhengzhou", profile="transit")
        try:
            ds.route("z_changge", "nowhere", profile="transit", depart="07:40")
        except tnet.Error:
            pass
        # the timetable matrix from and to points (their ends, the
        # timetable), and one failing on an unknown id after the snapping
        ds.travel_time_matrix([pt, "z_changge"], ["zz_east_station", pt], profile="transit",
                              depart="07:40", window=5)
        try:
            ds.travel_time_matrix([pt], ["nowhere"], profile="transit", depart="07:40")
        except tnet.Error:
            pass
        # park-and-ride by the timetable (the parking places, the car search)
        ds.route("z_jingkaiqu", "z_linying", profile="park_and_ride", depart="07:30")
        ds.travel_time_matrix(["z_jingkaiqu", "z_changge"], ["z_linying"],
                              profile="park_and_ride", depart="07:30", window=3)
        try:
            ds.route("z_jingkaiqu", "nowhere", profile="park_and_ride", depart="07:30")
        except tnet.Error:
            pass


def test_no_leak_over_1000_calls():
    ds = tnet.Dataset(XUCHANG)
    calls(ds, 50)        # warm up: caches, feeds, allocator pools
    gc.collect()
    rss0 = rss_kib()
    tracemalloc.start()
    snap0 = tracemalloc.take_snapshot()
    calls(ds, 1000)
    gc.collect()
    snap1 = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in snap1.compare_to(snap0, "filename"))
    rss1 = rss_kib()
    # a leak of one small object per call would be >= 1000 * 14 * 50 bytes;
    # a leaked C result (a commute matrix, a journey, a path set, a band's
    # rings, a timetable) >= 1000 * 14 * 200 bytes
    assert grown < 64 * 1024, f"Python memory grew by {grown} bytes"
    assert rss1 - rss0 < 4 * 1024, f"resident set grew by {rss1 - rss0} KiB"
