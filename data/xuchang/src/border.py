#!/usr/bin/env python3
"""Where the lines of the data set cross the Xuchang prefecture boundary.

Usage:  python3 data/xuchang/src/border.py BOUNDARY.json

BOUNDARY.json is a GeoJSON FeatureCollection of the prefecture's districts
in GCJ-02 (the DataV "411000_full.json" layout).  It is not part of the data
set: this script only derives facts from it, namely the WGS84 positions of
the border nodes (id prefix bnd_), which are then written by hand into
nodes_def.py with the source key B-datav.  For every border node the script
prints where its chain's straight line between the last node inside and the
first node outside crosses the boundary (or, for a chain that ends at the
border, the nearest point of the boundary), and the distance it would move.
It also lists the nodes whose region column disagrees with the boundary.

Standard library only.
"""
import json, math, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from nodes_def import NODES            # noqa: E402
from links_def import CHAINS           # noqa: E402

A_WGS, EE = 6378245.0, 0.00669342162296594323


def _tlat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _tlon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs_to_gcj(lon, lat):
    """The published GCJ-02 offset formula (forward direction)."""
    dlat = _tlat(lon - 105.0, lat - 35.0)
    dlon = _tlon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    m = 1 - EE * math.sin(rad) ** 2
    s = math.sqrt(m)
    dlat = (dlat * 180.0) / ((A_WGS * (1 - EE)) / (m * s) * math.pi)
    dlon = (dlon * 180.0) / (A_WGS / s * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon, lat):
    """Inverse by fixed-point iteration (converges to < 1e-7 degrees)."""
    x, y = lon, lat
    for _ in range(6):
        gx, gy = wgs_to_gcj(x, y)
        x, y = x - (gx - lon), y - (gy - lat)
    return x, y


def km(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def rings_of(fc):
    """Every ring of every district polygon, converted to WGS84."""
    out = []
    for ft in fc["features"]:
        g = ft["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for poly in polys:
            for ring in poly:
                out.append([gcj_to_wgs(x, y) for x, y in ring])
    return out


def inside_ring(pt, ring):
    x, y = pt
    c = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c


def inside(pt, rings):
    """In the prefecture: inside an odd number of rings of some district
    (holes are rings too; the districts do not overlap)."""
    return sum(inside_ring(pt, r) for r in rings) % 2 == 1


def lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def crossings(a, b, rings, steps=400):
    """Points where the straight line a-b crosses the boundary (bisection
    between samples 1/steps of the line apart)."""
    out = []
    prev_t, prev_in = 0.0, inside(a, rings)
    for s in range(1, steps + 1):
        t = s / steps
        now = inside(lerp(a, b, t), rings)
        if now != prev_in:
            lo, hi = prev_t, t
            for _ in range(30):
                mid = (lo + hi) / 2
                if inside(lerp(a, b, mid), rings) == prev_in:
                    lo = mid
                else:
                    hi = mid
            out.append(lerp(a, b, (lo + hi) / 2))
        prev_t, prev_in = t, now
    return out


def nearest_boundary(p, rings):
    """The nearest point of the prefecture's outer boundary to p: the
    nearest crossing on lines from p in 720 directions up to 30 km."""
    best = None
    for k in range(720):
        ang = math.radians(k / 2)
        far = (p[0] + 0.33 * math.cos(ang), p[1] + 0.27 * math.sin(ang))
        for c in crossings(p, far, rings, steps=120):
            if best is None or km(p, c) < km(p, best):
                best = c
            break
    return best


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        rings = rings_of(json.load(f))
    pos = {n[0]: (n[3], n[4]) for n in NODES}
    reg = {n[0]: n[7] for n in NODES}
    for nid, p in pos.items():
        if nid.startswith("bnd_"):
            continue
        if inside(p, rings) != (reg[nid] == "xuchang"):
            print(f"# region mismatch: {nid} region={reg[nid]} inside={inside(p, rings)}")
    done = set()
    for ch in CHAINS:
        ns = ch["nodes"]
        for k, nid in enumerate(ns):
            if not nid.startswith("bnd_") or nid in done:
                continue
            done.add(nid)
            here = pos[nid]
            prev = [m for m in ns[:k] if not m.startswith("bnd_")]
            nxt = [m for m in ns[k + 1:] if not m.startswith("bnd_")]
            best, how = None, "crossing"
            if prev and nxt:
                # the crossing of the chain (through its other nodes) nearest the old node
                path = prev + nxt
                cands = []
                for a, b in zip(path, path[1:]):
                    cands += crossings(pos[a], pos[b], rings)
                if cands:
                    best = min(cands, key=lambda c: km(c, here))
            if best is None:
                best, how = nearest_boundary(here, rings), "nearest"
            print(f"{nid:22s} {best[0]:.4f} {best[1]:.4f}  moved {km(here, best):5.1f} km "
                  f"({how}; was {'inside' if inside(here, rings) else 'outside'}) [{ch['prefix']}]")


if __name__ == "__main__":
    main()
