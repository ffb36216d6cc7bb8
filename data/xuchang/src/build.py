#!/usr/bin/env python3
"""Generate the Xuchang network CSV files from the tables in this folder.

Run from anywhere:  python3 data/xuchang/src/build.py
Standard library only.  The committed CSVs are the product; this script
documents how lengths were derived:

* A chain's segment length is the great-circle distance between its end
  nodes times a detour factor (DETOUR below), unless a sourced length covers
  a span of segments; then the sourced length is shared out over the span in
  proportion to the great-circle distances.
* Access links carry a fixed time_min; their length_km is the great-circle
  distance times 1.3 (nominal, never used for timing).
"""
import csv, math, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from nodes_def import NODES            # noqa: E402
from links_def import CHAINS, ACCESS, NEW_EXITS, CALIBRATED_MODES, CALIBRATED_LINES  # noqa: E402
import gtfs_def                         # noqa: E402


DETOUR = {"expressway": 1.08, "trunk": 1.15, "road": 1.20, "hsr": 1.03,
          "rail": 1.08, "suburban": 1.05, "access": 1.30, "metro": 1.30,
          "walk": 1.30, "bus": 1.25}

NODE = {n[0]: n for n in NODES}


def hav(a, b):
    lon1, lat1 = math.radians(NODE[a][3]), math.radians(NODE[a][4])
    lon2, lat2 = math.radians(NODE[b][3]), math.radians(NODE[b][4])
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def fmt(x, nd=2):
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return s


def build_links():
    rows = []
    used = set()
    for ch in CHAINS:
        nodes = ch["nodes"]
        mode = ch["mode"]
        n_seg = len(nodes) - 1
        d = [hav(nodes[i], nodes[i + 1]) for i in range(n_seg)]
        km = [x * ch.get("detour", DETOUR[mode]) for x in d]
        for (i, j, total, _src) in ch.get("spans", []):
            s = sum(d[i:j])
            for k in range(i, j):
                km[k] = total * d[k] / s
        for k in range(n_seg):
            if km[k] < d[k] * 0.999:
                # a sourced length shorter than the straight line between
                # the nodes: the node positions (or the stretch the source
                # measured) disagree; the straight line is the lower bound
                print(f"warning: {ch['prefix']} seg {k}: sourced share {km[k]:.2f} km < "
                      f"straight line {d[k]:.2f} km; straight line used", file=sys.stderr)
                km[k] = d[k]
        seg_over = ch.get("seg", {})
        for k in range(n_seg):
            lid = ch.get("ids", {}).get(k, f"l_{ch['prefix']}_{k + 1 + ch.get('start', 0):02d}")
            assert lid not in used, lid
            used.add(lid)
            attrs = dict(cls=ch.get("cls", ""), speed=ch.get("speed"),
                         open_year=ch.get("open_year"), status=ch.get("status", "existing"),
                         tags=list(ch.get("tags", [])), source=ch["source"],
                         confidence=ch["confidence"])
            attrs.update(seg_over.get(k, {}))
            src = attrs["source"]
            for (i, j, _t, ssrc) in ch.get("spans", []):
                if i <= k < j and ssrc and ssrc not in src.split(";"):
                    src = src + ";" + ssrc
            row = dict(id=lid, frm=nodes[k], to=nodes[k + 1], mode=mode, line=ch["line"],
                       length_km=km[k], speed=attrs["speed"], time_min=None, oneway="",
                       cls=attrs["cls"], open_year=attrs["open_year"], status=attrs["status"],
                       tags=attrs["tags"], source=src, confidence=attrs["confidence"])
            up = attrs.get("upgrade")
            if up:
                year, new_cls, new_speed = up
                old = dict(row, tags=row["tags"] + [f"until:{year - 1}"])
                new = dict(row, id=lid + "_up", cls=new_cls, speed=new_speed,
                           open_year=year, status="construction",
                           tags=row["tags"] + [f"replaces:{lid}"],
                           source=src if "P-C4" in src else src + ";P-C4")
                used.add(lid + "_up")
                rows += [old, new]
            else:
                rows.append(row)
    rows = station_openings(rows)
    for r in rows:
        for key in CALIBRATED_MODES.get(r["mode"], []) + CALIBRATED_LINES.get(r["line"], []):
            r["tags"] = r["tags"] + [f"calibrated:{key}"]
    # access links
    for k, a in enumerate(ACCESS):
        frm, to, tmin = a[0], a[1], a[2]
        opt = a[3] if len(a) > 3 else {}
        lid = opt.get("id", f"a_{frm}__{to}")
        assert lid not in used, lid
        used.add(lid)
        rows.append(dict(id=lid, frm=frm, to=to, mode=opt.get("mode", "access"),
                         line=opt.get("line", ""), length_km=max(hav(frm, to) * 1.3, 0.1),
                         speed=None, time_min=tmin, oneway="", cls="",
                         open_year=opt.get("open_year"), status=opt.get("status", "existing"),
                         tags=opt.get("tags", ["access"]), source=opt.get("source", "GK"),
                         confidence=opt.get("confidence", "low")))
    return rows


CONF_ORDER = {"low": 0, "medium": 1, "high": 2}


def station_openings(rows):
    """A chain's ``station_from`` {node: year} marks a station that opened
    on a line that already ran past it: the line's two links at the node
    open in that year, and until the year before, one link joins the node's
    two neighbours on the line (length = the two lengths added; the track
    existed, the station did not)."""
    late = {}
    for ch in CHAINS:
        for nid, year in ch.get("station_from", {}).items():
            late[(ch["line"], nid)] = year
    out = list(rows)
    for (line, nid), year in sorted(late.items()):
        at = [r for r in out if r["line"] == line and nid in (r["frm"], r["to"])]
        if len(at) != 2:
            raise SystemExit(f"station_from {nid} on {line}: {len(at)} links, need 2")
        a = at[0]["frm"] if at[0]["to"] == nid else at[0]["to"]
        b = at[1]["to"] if at[1]["frm"] == nid else at[1]["frm"]
        for r in at:
            r["open_year"] = max(r["open_year"] or 0, year)
        conf = min((r["confidence"] for r in at), key=CONF_ORDER.get)
        src = ";".join(dict.fromkeys(";".join(r["source"] for r in at).split(";")))
        by = dict(at[1], id=f"{at[1]['id']}_bypass", frm=a, to=b,
                  length_km=at[0]["length_km"] + at[1]["length_km"], open_year=None,
                  tags=[t for t in at[1]["tags"] if t != "shared_track"] + [f"until:{year - 1}"],
                  source=src, confidence=conf)
        out.insert(out.index(at[1]) + 1, by)
    return out


ZONE_ROAD_MIN = 3           # a county zone to the road place at its centre
ZONE_ROAD_MIN_CITY = 20     # Zhengzhou: as the expressway ramps of the centre zone


def zones_off_chains(chains):
    """Zones are trip ends, never through nodes: a zone named in a road or
    rail chain is replaced by a road place at the same position (id
    rp_<zone>), joined to the zone by an access link."""
    kind = {n[0]: n for n in NODES}
    extra_nodes, extra_access = [], []
    out = []
    for ch in chains:
        ns = list(ch["nodes"])
        for k, nid in enumerate(ns):
            z = kind[nid]
            if z[2] != "zone":
                continue
            rid = "rp_" + nid
            if rid not in kind:
                place = (rid, z[1] + "(道路)", "place", z[3], z[4], z[5] + " (road place)",
                         z[6], z[7], None, z[9], z[10])
                kind[rid] = place
                extra_nodes.append(place)
                tmin = ZONE_ROAD_MIN_CITY if nid == "zz_center" else ZONE_ROAD_MIN
                extra_access.append((nid, rid, tmin, {"tags": ["access", "road"],
                                                      "source": "GK"}))
            ns[k] = rid
        out.append(dict(ch, nodes=ns))
    return out, extra_nodes, extra_access


def auto_access(rows):
    """Give every station, stop and interchange without an access link one to
    the nearest zone (stations, stops) or zone/road place (interchanges)."""
    have = set()
    for r in rows:
        if r["mode"] in ("access", "metro"):
            have.add(r["frm"]); have.add(r["to"])
    trunk_nodes = set()
    for r in rows:
        if r["mode"] in ("trunk", "road"):
            trunk_nodes.add(r["frm"]); trunk_nodes.add(r["to"])
    # open year of each interchange = earliest year an expressway link at it is active
    ic_year = {}
    for r in rows:
        if r["mode"] == "expressway" and r["status"] != "study":
            for n in (r["frm"], r["to"]):
                y = r["open_year"] or 0
                ic_year[n] = min(ic_year.get(n, 9999), y)
    for r in rows:
        if r["mode"] == "expressway" and r["status"] == "study":
            for n in (r["frm"], r["to"]):
                ic_year.setdefault(n, r["open_year"])
    out = []
    for n in NODES:
        nid, kind, region = n[0], n[2], n[7]
        if nid in have or kind not in ("station", "stop", "interchange"):
            continue
        if kind == "interchange" and nid in trunk_nodes:
            continue
        cands = [m for m in NODES if m[7] == region and m[0] != nid and
                 (m[2] == "zone" or (kind == "interchange" and m[2] == "place"))]
        best = min(cands, key=lambda m: hav(nid, m[0]))
        dist = hav(nid, best[0])
        if kind == "interchange":
            tmin = round(2 + dist / 40 * 60)
            y = ic_year.get(nid) or None
            if nid in NEW_EXITS:
                y = 2025
            status = "existing" if (y is None or y <= 2025) else ("study" if y >= 2030 else "construction")
            tags = ["access", "ramp"]
        else:
            tmin = round(5 + dist * 2)
            y, status, tags = None, "existing", ["access"]
        out.append(dict(id=f"a_{best[0]}__{nid}", frm=best[0], to=nid, mode="access", line="",
                        length_km=max(dist * 1.3, 0.1), speed=None, time_min=tmin, oneway="",
                        cls="", open_year=y, status=status, tags=tags, source="GK",
                        confidence="low"))
    return out


ROAD_PICKUP_MIN, ROAD_MIN_PER_KM = 3, 2.6     # taxi/car: 1.3 x straight line at 30 km/h
ZONE_PICKUP_MIN = 5
ZONE_STATIONS = ["xc_east_hsr", "xc_north_hsr", "cg_north_hsr", "yz_hsr", "yl_hsr",
                 "bus_xc_east"]
ZONE_STATION_KM = 25


def road_access(rows):
    """Zones are trip ends: a trip cannot reach a station through a zone's
    connectors.  Give every station and stop without a direct access link to
    a road place or an interchange one to its two nearest road nodes open in
    2020 (and to any nearer one opening by 2025), and join every county zone
    to the HSR stations and the 许昌东 bus terminal within 25 km that it has
    no link to.  Times: pick-up + 1.3 x straight line at 30 km/h."""
    kind = {n[0]: n[2] for n in NODES}
    year = {}
    for r in rows:
        if r["status"] == "study":
            continue
        if (r["mode"] in ("trunk", "road") and True) or r["mode"] == "expressway":
            for n in (r["frm"], r["to"]):
                if kind[n] == "place" or (kind[n] == "interchange" and r["mode"] == "expressway"):
                    year[n] = min(year.get(n, 9999), r["open_year"] or 0)
    for n in NEW_EXITS:
        if n in year:
            year[n] = max(year[n], 2025)
    linked, pairs = set(), set()
    for r in rows:
        if r["mode"] == "access":
            pairs.add((r["frm"], r["to"])); pairs.add((r["to"], r["frm"]))
            for a, b in ((r["frm"], r["to"]), (r["to"], r["frm"])):
                if kind[a] in ("station", "stop") and b in year:
                    linked.add(a)
    out = []

    def add(frm, to, tmin, y, tags):
        out.append(dict(id=f"a_{frm}__{to}", frm=frm, to=to, mode="access", line="",
                        length_km=max(hav(frm, to) * 1.3, 0.1), speed=None, time_min=tmin,
                        oneway="", cls="", open_year=y or None, status="existing", tags=tags,
                        source="GK", confidence="low"))
        pairs.add((frm, to)); pairs.add((to, frm))

    cands = sorted(year)
    for n in NODES:
        nid = n[0]
        if n[2] not in ("station", "stop") or nid in linked:
            continue
        near = sorted(cands, key=lambda m: (hav(nid, m), m))
        old = [m for m in near if year[m] <= 2020][:2]
        limit = hav(nid, old[-1])
        new = [m for m in near if 2020 < year[m] <= 2025 and hav(nid, m) < limit]
        for m in old + new:
            if (nid, m) not in pairs:
                add(nid, m, round(ROAD_PICKUP_MIN + ROAD_MIN_PER_KM * hav(nid, m)),
                    year[m], ["access", "road"])
    for n in NODES:
        if n[2] != "zone" or n[8] is None or n[7] != "xuchang":
            continue
        for s in ZONE_STATIONS:
            d = hav(n[0], s)
            if d <= ZONE_STATION_KM and (n[0], s) not in pairs:
                add(n[0], s, round(ZONE_PICKUP_MIN + ROAD_MIN_PER_KM * d), None,
                    ["access", "taxi"])
    return out


HEADER_N = ["id", "name", "kind", "lon", "lat", "name_en", "county", "region",
            "population", "source", "confidence"]
HEADER_L = ["id", "from", "to", "mode", "line", "length_km", "speed_kmh", "time_min",
            "oneway", "class", "open_year", "status", "tags", "source", "confidence"]


def write_csv(path, header, rows, comments=()):
    with open(path, "w", newline="", encoding="utf-8") as f:
        for c in comments:
            f.write("# " + c + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def main():
    global CHAINS, NODES, ACCESS
    CHAINS, rp_nodes, rp_access = zones_off_chains(CHAINS)
    NODES = NODES + rp_nodes
    NODE.update((n[0], n) for n in rp_nodes)
    ACCESS = ACCESS + rp_access
    write_csv(os.path.join(OUT, "nodes.csv"), HEADER_N,
              [(n[0], n[1], n[2], f"{n[3]:.4f}", f"{n[4]:.4f}", n[5], n[6], n[7],
                "" if n[8] is None else n[8], n[9], n[10]) for n in NODES],
              ["tnet bundled data set: Xuchang (许昌) and its links to Zhengzhou and the airport zone.",
               "WGS84 lon/lat. See README.md for sources, confidence and conventions."])
    rows = build_links()
    rows += auto_access(rows)
    rows += road_access(rows)
    ids = set(NODE)
    for r in rows:
        assert r["frm"] in ids and r["to"] in ids, r
    write_csv(os.path.join(OUT, "links.csv"), HEADER_L,
              [(r["id"], r["frm"], r["to"], r["mode"], r["line"], fmt(r["length_km"]),
                "" if r["speed"] is None else r["speed"],
                "" if r["time_min"] is None else fmt(r["time_min"], 1), r["oneway"],
                r["cls"], "" if r["open_year"] is None else r["open_year"], r["status"],
                ";".join(r["tags"]), r["source"], r["confidence"]) for r in rows],
              ["tnet bundled data set: links. A scenario of year Y uses a link when open_year is blank or <= Y,",
               "its status is not 'study' (unless the scenario asks for study items) and no tag until:YYYY has YYYY < Y.",
               "See README.md for sources, detour factors, speeds and conventions."])
    gtfs_def.write_all(OUT, NODE)
    print(f"{len(NODES)} nodes, {len(rows)} links")


if __name__ == "__main__":
    main()
