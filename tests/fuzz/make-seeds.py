#!/usr/bin/env python3
"""Writes the fuzz seed corpora into OUTDIR/<target>/.

Seeds are cut down at run time from the bundled data (data/xuchang) and the
shared real data (../shared/data, or $TNET_SHARED_DATA), so no copy of
third-party data is kept in the repository. Missing sources are skipped.
Inputs that stand for several files are joined with NUL bytes, in the order
the fuzz target splits them (see tests/fuzz/fuzz-*.c).

Usage: make-seeds.py OUTDIR
"""
import csv
import io
import lzma
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("TNET_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
XUCHANG = os.path.join(ROOT, "data", "xuchang")

# GTFS files in the order fuzz-gtfs-folder.c splits its input.
GTFS_FILES = ["agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt",
              "calendar.txt", "calendar_dates.txt", "frequencies.txt", "transfers.txt"]


def put(out, target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def head_lines(data, n):
    return b"".join(data.splitlines(keepends=True)[:n])


def csv_rows(data):
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def csv_bytes(rows):
    s = io.StringIO()
    w = csv.writer(s, lineterminator="\n")
    w.writerows(rows)
    return s.getvalue().encode()


def network_seeds(out):
    nodes_p, links_p = os.path.join(XUCHANG, "nodes.csv"), os.path.join(XUCHANG, "links.csv")
    if not (os.path.exists(nodes_p) and os.path.exists(links_p)):
        return
    nodes, links = read(nodes_p), read(links_p)
    put(out, "network-csv", "xuchang-full", nodes + b"\0" + links)
    # a consistent cut: the first 40 nodes and the links between them
    nrows = [r for r in csv_rows(nodes) if r and not r[0].startswith("#")]
    lrows = [r for r in csv_rows(links) if r and not r[0].startswith("#")]
    keep = set(r[0] for r in nrows[1:41])
    hl = lrows[0]
    fi, ti = hl.index("from"), hl.index("to")
    lcut = [hl] + [r for r in lrows[1:] if len(r) > max(fi, ti) and r[fi] in keep and r[ti] in keep]
    put(out, "network-csv", "xuchang-cut", csv_bytes(nrows[:41]) + b"\0" + csv_bytes(lcut))
    for name in ("targets.csv", "units.csv"):
        if not os.path.exists(os.path.join(XUCHANG, name)):
            return
    put(out, "tables-csv", "xuchang",
        read(os.path.join(XUCHANG, "targets.csv")) + b"\0" + nodes + b"\0" +
        read(os.path.join(XUCHANG, "units.csv")))


def dimacs_seeds(out):
    gr = os.path.join(SHARED, "dimacs9-rome99", "rome99.gr")
    if os.path.exists(gr):
        lines = read(gr).splitlines(keepends=True)
        comments = [l for l in lines if l.startswith(b"c")][:3]
        arcs = [l.split() for l in lines if l.startswith(b"a ")][:150]
        ids = {}
        for a in arcs:  # renumber the nodes densely, in order of appearance
            for v in (a[1], a[2]):
                ids.setdefault(v, len(ids) + 1)
        n = len(ids)
        body = b"".join(comments) + b"p sp %d %d\n" % (n, len(arcs)) + b"".join(
            b"a %d %d %s\n" % (ids[a[1]], ids[a[2]], a[3]) for a in arcs)
        co = b"c synthetic coordinates\np aux sp co %d\n" % n + b"".join(
            b"v %d %d %d\n" % (i, 12400000 + i * 1700, 41900000 - i * 1300)
            for i in range(1, n + 1))
        put(out, "dimacs", "rome99-cut", body)
        put(out, "dimacs", "rome99-cut-co", body + b"\0" + co)
    ny = os.path.join(SHARED, "pace16-dimacs-usa-topology", "NY.gr.xz")
    if os.path.exists(ny):
        with lzma.open(ny) as f:
            lines = [f.readline() for _ in range(400)]
        edges = [l for l in lines if l[:1].isdigit()][:300]
        n = max(max(int(x) for x in l.split()) for l in edges)
        put(out, "dimacs", "ny-topology-cut", b"p tw %d %d\n" % (n, len(edges)) + b"".join(edges))


def gtfs_cut(z, n_trips):
    """The first @n_trips trips of a zipped feed with everything they need."""
    members = {os.path.basename(i.filename): i.filename for i in z.infolist()}
    tables = {}
    for g in GTFS_FILES:
        if g in members:
            tables[g] = csv_rows(z.read(members[g]))

    def col(rows, name):
        return rows[0].index(name) if rows and name in rows[0] else None

    trips = tables["trips.txt"]
    keep_trips = trips[:1] + trips[1:1 + n_trips]
    trip_ids = set(r[col(trips, "trip_id")] for r in keep_trips[1:])
    route_ids = set(r[col(trips, "route_id")] for r in keep_trips[1:])
    service_ids = set(r[col(trips, "service_id")] for r in keep_trips[1:])
    st = tables["stop_times.txt"]
    keep_st = st[:1] + [r for r in st[1:] if r[col(st, "trip_id")] in trip_ids]
    stop_ids = set(r[col(st, "stop_id")] for r in keep_st[1:])
    stops = tables["stops.txt"]
    pc = col(stops, "parent_station")
    if pc is not None:
        stop_ids |= set(r[pc] for r in stops[1:] if r[col(stops, "stop_id")] in stop_ids and r[pc])
    out = {
        "trips.txt": keep_trips,
        "stop_times.txt": keep_st,
        "stops.txt": stops[:1] + [r for r in stops[1:] if r[col(stops, "stop_id")] in stop_ids],
        "routes.txt": tables["routes.txt"][:1] + [r for r in tables["routes.txt"][1:]
                                                  if r[col(tables["routes.txt"], "route_id")] in route_ids],
    }
    for g in ("agency.txt",):
        if g in tables:
            out[g] = tables[g]
    for g in ("calendar.txt", "calendar_dates.txt"):
        if g in tables:
            out[g] = tables[g][:1] + [r for r in tables[g][1:]
                                      if r[col(tables[g], "service_id")] in service_ids]
    if "frequencies.txt" in tables:
        f = tables["frequencies.txt"]
        out["frequencies.txt"] = f[:1] + [r for r in f[1:] if r[col(f, "trip_id")] in trip_ids]
    if "transfers.txt" in tables:
        t = tables["transfers.txt"]
        out["transfers.txt"] = t[:1] + [r for r in t[1:] if r[col(t, "from_stop_id")] in stop_ids
                                        and r[col(t, "to_stop_id")] in stop_ids]
    return {g: csv_bytes(rows) for g, rows in out.items()}


def gtfs_parts(files):
    """NUL-joined parts in GTFS_FILES order (an absent file is an empty part)."""
    last = max(i for i, g in enumerate(GTFS_FILES) if g in files)
    return b"\0".join(files.get(g, b"") for g in GTFS_FILES[:last + 1])


def gtfs_seeds(out):
    feeds = [os.path.join(SHARED, "gtfs-caltrain-otp", "caltrain_gtfs.zip"),
             os.path.join(SHARED, "gtfs-nyc-subway-gtfskit", "nyc_subway_gtfs.zip")]
    for feed in feeds:
        if not os.path.exists(feed):
            continue
        name = os.path.basename(feed).split("_")[0]
        with zipfile.ZipFile(feed) as z:
            files = gtfs_cut(z, 6)
        put(out, "gtfs-folder", name + "-cut", gtfs_parts(files))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for g, data in files.items():
                z.writestr(g, data)
        put(out, "gtfs-zip", name + "-cut.zip", buf.getvalue())
    bundled = [d for d in (os.path.join(XUCHANG, "gtfs"), os.path.join(XUCHANG, "gtfs-2025"),
                           os.path.join(XUCHANG, "gtfs-2020")) if os.path.isdir(d)]
    for d in bundled:
        present = [g for g in GTFS_FILES if os.path.exists(os.path.join(d, g))]
        if not present:
            continue
        files = {g: read(os.path.join(d, g)) for g in present}
        put(out, "gtfs-folder", "xuchang-" + os.path.basename(d), gtfs_parts(files))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for g in present:
                z.writestr(g, read(os.path.join(d, g)))
        put(out, "gtfs-zip", "xuchang-" + os.path.basename(d) + ".zip", buf.getvalue())


def scenario_seeds(out):
    d = os.path.join(ROOT, "examples", "scenarios")
    if os.path.isdir(d):
        for name in sorted(os.listdir(d)):
            if name.endswith(".ini"):
                put(out, "scenario-ini", name, read(os.path.join(d, name)))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-seeds.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    network_seeds(out)
    dimacs_seeds(out)
    gtfs_seeds(out)
    scenario_seeds(out)
    for target in sorted(os.listdir(out)):
        print("seeds: %s: %d files" % (target, len(os.listdir(os.path.join(out, target)))))


if __name__ == "__main__":
    main()
