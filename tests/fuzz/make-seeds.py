#!/usr/bin/env python3
"""Writes the fuzz seed corpora into OUTDIR/<target>/.

Seeds are cut down at run time from the bundled data (data/xuchang), the test
fixtures (tests/data) and, for the one larger graph, the benchmark data
(../shared/data, or $TNET_SHARED_DATA). Missing sources are skipped.
Inputs that stand for several files are joined with NUL bytes, in the order
the fuzz target splits them (see tests/fuzz/fuzz-*.c).

Usage: make-seeds.py OUTDIR
"""
import csv
import io
import lzma
import os
import struct
import sys
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("TNET_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
XUCHANG = os.path.join(ROOT, "data", "xuchang")
FIXTURES = os.path.join(ROOT, "tests", "data")

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
    gr = os.path.join(FIXTURES, "rome99", "rome99.gr")
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
    feeds = [os.path.join(FIXTURES, "caltrain", "caltrain_gtfs.zip"),
             os.path.join(FIXTURES, "nyc-subway", "nyc_subway_gtfs.zip")]
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


# ---- OSM: a tiny network written as .osm XML and as .osm.pbf

SYNTH_NODES = [(1, 34.0000, 113.8000), (2, 34.0010, 113.8010), (3, 34.0020, 113.8030),
               (4, 34.0030, 113.8050), (5, 34.0015, 113.8060), (6, 33.9990, 113.8040)]
SYNTH_WAYS = [(10, [1, 2, 3, 4], {"highway": "primary", "name": "Xuchang Rd", "maxspeed": "60"}),
              (11, [4, 5, 6, 3], {"highway": "residential", "oneway": "-1"}),
              (12, [6, 1], {"highway": "motorway", "ref": "G4", "maxspeed": "30 mph"}),
              (13, [2, 5, 2], {"highway": "tertiary", "junction": "roundabout"}),
              (14, [5, 6, 7], {"highway": "service", "access": "private"})]


def osm_xml(nodes, ways):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="tnet seeds">']
    for i, lat, lon in nodes:
        out.append('  <node id="%d" lat="%.7f" lon="%.7f" version="1"/>' % (i, lat, lon))
    for wid, refs, tags in ways:
        out.append('  <way id="%d" version="1">' % wid)
        out += ['    <nd ref="%d"/>' % r for r in refs]
        out += ['    <tag k="%s" v="%s"/>' % kv for kv in tags.items()]
        out.append("  </way>")
    out.append("</osm>")
    return ("\n".join(out) + "\n").encode()


def pb_varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_zigzag(v):
    return (v << 1) ^ (v >> 63)


def pb_key(field, wire):
    return pb_varint((field << 3) | wire)


def pb_bytes(field, data):
    return pb_key(field, 2) + pb_varint(len(data)) + data


def pb_uint(field, v):
    return pb_key(field, 0) + pb_varint(v)


def pb_packed(field, values, signed=False):
    return pb_bytes(field, b"".join(pb_varint(pb_zigzag(v) if signed else v) for v in values))


def pb_delta(values):
    prev, out = 0, []
    for v in values:
        out.append(v - prev)
        prev = v
    return out


def pbf_block(kind, payload, compress=True):
    if compress:
        blob = pb_uint(2, len(payload)) + pb_bytes(3, zlib.compress(payload))
    else:
        blob = pb_bytes(1, payload)
    header = pb_bytes(1, kind.encode()) + pb_uint(3, len(blob))
    return struct.pack(">I", len(header)) + header + blob


def osm_pbf(nodes, ways, compress=True):
    head = pb_bytes(4, b"OsmSchema-V0.6") + pb_bytes(4, b"DenseNodes")
    strings = [b""]
    index = {}

    def sid(s):
        s = s.encode()
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    dense = (pb_packed(1, pb_delta([n[0] for n in nodes]), True) +
             pb_packed(8, pb_delta([round(n[1] * 1e7) for n in nodes]), True) +
             pb_packed(9, pb_delta([round(n[2] * 1e7) for n in nodes]), True))
    wmsgs = b""
    for wid, refs, tags in ways:
        keys = [sid(k) for k in tags]
        vals = [sid(v) for v in tags.values()]
        w = pb_uint(1, wid) + pb_packed(2, keys) + pb_packed(3, vals) + \
            pb_packed(8, pb_delta(refs), True)
        wmsgs += pb_bytes(3, w)
    st = b"".join(pb_bytes(1, s) for s in strings)
    block = pb_bytes(1, st) + pb_bytes(2, pb_bytes(2, dense)) + pb_bytes(2, wmsgs)
    return pbf_block("OSMHeader", head, compress) + pbf_block("OSMData", block, compress)


def osm_seeds(out):
    put(out, "osm-xml", "synthetic.osm", osm_xml(SYNTH_NODES, SYNTH_WAYS))
    put(out, "osm-pbf", "synthetic.osm.pbf", osm_pbf(SYNTH_NODES, SYNTH_WAYS))
    put(out, "osm-pbf", "synthetic-raw.osm.pbf", osm_pbf(SYNTH_NODES, SYNTH_WAYS, False))


# ---- contraction hierarchy files (format of lib/paths/ch-file.c)

def ch_file(n, arcs):
    """A valid hierarchy with rank = node index: each arc u-v (weight w) is
    stored at the lower end, pointing up, forward or backward."""
    INF = 2**31 - 1
    pairs = {}
    for u, v, w in arcs:
        if u == v:
            continue
        lo, hi = min(u, v), max(u, v)
        wf, wb = pairs.get((lo, hi), (INF, INF))
        pairs[(lo, hi)] = (min(wf, w), wb) if u == lo else (wf, min(wb, w))
    # version 2: one entry per pair, heads increasing within a node
    up = [[] for _ in range(n)]
    for (lo, hi), (wf, wb) in sorted(pairs.items()):
        up[lo].append((hi, wf, wb))
    entries = [e for r in range(n) for e in up[r]]
    first, k = [], 0
    for r in range(n):
        first.append(k)
        k += len(up[r])
    first.append(k)
    payload = struct.pack("<%dI" % n, *range(n)) + struct.pack("<%dI" % (n + 1), *first) + \
        b"".join(struct.pack("<3I", *e) for e in entries) + \
        b"".join(struct.pack("<2I", 2**32 - 1, 2**32 - 1) for e in entries)  # input arcs: no middle node
    h = 0xcbf29ce484222325
    for b in payload:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    header = b"TNETCH\r\n" + struct.pack("<IIQQQQ", 2, 48, n, len(entries), h, 0)
    return header + payload


def ch_seeds(out):
    put(out, "ch-file", "synthetic.ch", ch_file(5, [(0, 1, 5), (1, 2, 7), (2, 4, 1), (4, 3, 2),
                                                    (3, 0, 9), (1, 4, 20)]))
    gr = os.path.join(FIXTURES, "rome99", "rome99.gr")
    if os.path.exists(gr):
        arcs = [l.split() for l in read(gr).splitlines() if l.startswith(b"a ")][:200]
        ids = {}
        for a in arcs:
            for v in (a[1], a[2]):
                ids.setdefault(v, len(ids))
        put(out, "ch-file", "rome99-cut.ch",
            ch_file(len(ids), [(ids[a[1]], ids[a[2]], int(a[3])) for a in arcs]))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-seeds.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    network_seeds(out)
    dimacs_seeds(out)
    gtfs_seeds(out)
    scenario_seeds(out)
    osm_seeds(out)
    ch_seeds(out)
    for target in sorted(os.listdir(out)):
        print("seeds: %s: %d files" % (target, len(os.listdir(os.path.join(out, target)))))


if __name__ == "__main__":
    main()
