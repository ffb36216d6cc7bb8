#!/usr/bin/env bash
# Malformed-input corpus for the tnet command (docs/hardening.md).
# Usage: run.sh TNET_EXE [SOURCE_ROOT]
#
# Builds some forty broken inputs on the fly (truncated files, binary junk,
# huge numbers, NaN, negative weights, Latin-1 and UTF-16 text, CRLF mixes,
# empty files, duplicate ids, dangling references, truncated and bomb zips,
# GTFS with missing files, broken .ini) and runs `tnet route`, `tnet import
# gtfs`, `tnet import osm` or `tnet run` on each. Every case must exit with
# code 1 (bad input), never by a signal (exit code >= 128), and say where:
# FILE:LINE:COLUMN for text formats, the file and a byte offset or member for
# binary ones. Prints TAP.
set -u
tnet=${1:?usage: run.sh TNET_EXE [SOURCE_ROOT]}
src=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/tnet-malformed-XXXXXX")
trap 'rm -rf "$work"' EXIT
xuchang="$src/data/xuchang"

n=0
failed=0
# check NAME PATTERN CMD...: exit 1, stderr matches the extended regex PATTERN
check () {
  local name=$1 pattern=$2
  shift 2
  n=$((n + 1))
  local err="$work/stderr.$n"
  timeout 120 "$@" >/dev/null 2>"$err"
  local rc=$?
  if [ "$rc" -ne 1 ]; then
    echo "not ok $n - $name: exit code $rc (expected 1)"
    sed 's/^/# /' "$err" | head -5
    failed=$((failed + 1))
  elif ! grep -Eq "$pattern" "$err"; then
    echo "not ok $n - $name: message lacks /$pattern/"
    sed 's/^/# /' "$err" | head -5
    failed=$((failed + 1))
  else
    echo "ok $n - $name: $(head -c 160 "$err" | tr '\n' ' ')"
  fi
}

# A network folder: the bundled one with nodes.csv / links.csv replaced.
net () {
  local d="$work/net.$1"
  mkdir -p "$d"
  cp "$xuchang/nodes.csv" "$xuchang/links.csv" "$d/"
  echo "$d"
}
LOC='[a-z._-]+\.csv:[0-9]+:[0-9]+:'
NODES_H='id,name,kind,lon,lat'
LINKS_H='id,from,to,mode,line,length_km,speed_kmh,time_min'


# ---- network CSV (tnet route)
d=$(net empty); : > "$d/nodes.csv"
check "empty nodes.csv" "nodes.csv:1:1:" "$tnet" route -q --data "$d" a b
d=$(net trunc); head -c 700 "$xuchang/nodes.csv" > "$d/nodes.csv"
check "nodes.csv cut mid-row" "$LOC" "$tnet" route -q --data "$d" a b
d=$(net junk); head -c 4096 /dev/urandom > "$d/links.csv"
check "binary junk links.csv" "links.csv:[0-9]+:[0-9]+:" "$tnet" route -q --data "$d" a b
d=$(net latin1); printf '%s\na,Xu\xe9chang,zone,113.8,34.0\nb,B,zone,113.9,34.1\n' "$NODES_H" > "$d/nodes.csv"
check "Latin-1 nodes.csv" "nodes.csv:2:5:.*UTF-8" "$tnet" route -q --data "$d" a b
d=$(net utf16); printf '%s\na,A,zone,1,1\n' "$NODES_H" | iconv -f UTF-8 -t UTF-16 > "$d/nodes.csv"
check "UTF-16 nodes.csv with BOM" "nodes.csv:1:1:" "$tnet" route -q --data "$d" a b
d=$(net nan); printf '%s\na,A,zone,113.8,34\nb,B,zone,NaN,34\n' "$NODES_H" > "$d/nodes.csv"
check "NaN longitude" "nodes.csv:3:10:" "$tnet" route -q --data "$d" a b
d=$(net huge); printf '%s\na,A,zone,1,1\nb,B,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"; printf '%s\nl,a,b,road,R,99999999999999999999999,60,\n' "$LINKS_H" > "$d/links.csv"
check "huge length" "links.csv:2:14:" "$tnet" route -q --data "$d" a b
d=$(net neg); printf '%s\na,A,zone,1,1\nb,B,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"; printf '%s\nl,a,b,road,R,1,-60,\n' "$LINKS_H" > "$d/links.csv"
check "negative speed" "links.csv:2:16:" "$tnet" route -q --data "$d" a b
d=$(net negt); printf '%s\na,A,zone,1,1\nb,B,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"; printf '%s\nl,a,b,road,R,1,,-5\n' "$LINKS_H" > "$d/links.csv"
check "negative time" "links.csv:2:17:" "$tnet" route -q --data "$d" a b
d=$(net dup); printf '%s\na,A,zone,1,1\na,B,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"
check "duplicate node id" "nodes.csv:3:1:.*duplicate" "$tnet" route -q --data "$d" a b
d=$(net dangle); printf '%s\na,A,zone,1,1\nb,B,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"; printf '%s\nl,a,zz,road,R,1,60,\n' "$LINKS_H" > "$d/links.csv"
check "dangling link end" "links.csv:2:5:.*zz" "$tnet" route -q --data "$d" a b
d=$(net crlf); printf '%s\r\na,A,zone,1,1\nb,B,zone,1,1\r\n' "$NODES_H" > "$d/nodes.csv"; printf '%s\r\nl,a,b,road,R,1,60\r\n' "$LINKS_H" > "$d/links.csv"
check "CRLF mix with a short row" "links.csv:2:[0-9]+:" "$tnet" route -q --data "$d" a b
d=$(net quote); printf '%s\na,"A,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"
check "unterminated quote" "nodes.csv:2:3:.*quote" "$tnet" route -q --data "$d" a b
d=$(net longline); { printf '%s\na,' "$NODES_H"; head -c 1100000 /dev/zero | tr '\0' n; printf ',zone,1,1\n'; } > "$d/nodes.csv"
check "line over 1 MiB" "nodes.csv:2:1:.*longer" "$tnet" route -q --data "$d" a b
d=$(net nolinks); rm "$d/links.csv"
check "missing links.csv" "links.csv" "$tnet" route -q --data "$d" a b
d=$(net badmode); printf '%s\na,A,zone,1,1\nb,B,zone,1,1\n' "$NODES_H" > "$d/nodes.csv"; printf '%s\nl,a,b,hovercraft,R,1,60,\n' "$LINKS_H" > "$d/links.csv"
check "unknown mode" "links.csv:2:7:" "$tnet" route -q --data "$d" a b

# ---- GTFS (tnet import gtfs)
gtfs () {
  local d="$work/gtfs.$1"
  mkdir -p "$d"
  cp "$xuchang/gtfs-2025/"*.txt "$d/"
  echo "$d"
}
d=$(gtfs nostops); rm "$d/stops.txt"
check "GTFS without stops.txt" "stops.txt" "$tnet" import gtfs -q "$d"
d=$(gtfs empty); : > "$d/trips.txt"
check "GTFS empty trips.txt" "trips.txt:1:1:" "$tnet" import gtfs -q "$d"
d=$(gtfs time); sed -i '2s/[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/07:99:00/' "$d/stop_times.txt"
check "GTFS bad time" "stop_times.txt:2:[0-9]+:" "$tnet" import gtfs -q "$d"
d=$(gtfs dupstop); tail -n 1 "$d/stops.txt" >> "$d/stops.txt"
check "GTFS duplicate stop" "stops.txt:[0-9]+:[0-9]+:.*(duplicate|twice)" "$tnet" import gtfs -q "$d"
d=$(gtfs dangle); sed -i '2s/^[^,]*,/nosuchtrip,/' "$d/stop_times.txt"
check "GTFS stop time of an unknown trip" "stop_times.txt:2:1:" "$tnet" import gtfs -q "$d"
d=$(gtfs latin1); printf 'stop_id,stop_name,stop_lat,stop_lon\nS,Caf\xe9,34,113\n' > "$d/stops.txt"
check "GTFS Latin-1 stops.txt" "stops.txt:2:[0-9]+:.*UTF-8" "$tnet" import gtfs -q "$d"
d=$(gtfs negfreq); sed -i '2s/,900,/,-600,/' "$d/frequencies.txt"
check "GTFS negative headway" "frequencies.txt:2:[0-9]+:" "$tnet" import gtfs -q "$d"
z="$work/feed.zip"
(cd "$(gtfs zip)" && python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for f in sys.argv[2:]: z.write(f)' "$z" *.txt)
head -c $(( $(stat -c %s "$z") / 2 )) "$z" > "$work/trunc.zip"
check "truncated zip" "trunc.zip" "$tnet" import gtfs -q "$work/trunc.zip"
head -c 3000 /dev/urandom > "$work/junk.zip"
check "junk zip" "junk.zip" "$tnet" import gtfs -q "$work/junk.zip"
python3 - "$work/bomb.zip" "$xuchang/gtfs-2025" <<'PY'
import os, sys, zipfile, zlib
out, feed = sys.argv[1], sys.argv[2]
# stop_times.txt inflates to 2.2 GiB of one repeated row (a few MiB zipped);
# the reader must refuse it from its declared size, before inflating it
row = b"t_bomb,07:00:00,07:00:00,S,1\n"
chunk = row * (1 << 15)
total = (2 << 30) + (200 << 20)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for f in os.listdir(feed):
        if f != "stop_times.txt":
            z.write(os.path.join(feed, f), f)
    with z.open("stop_times.txt", "w", force_zip64=True) as w:
        w.write(b"trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
        done = 0
        while done < total:
            w.write(chunk)
            done += len(chunk)
PY
check "zip bomb (2.2 GiB stop_times.txt)" "bomb.zip/stop_times.txt: uncompressed size" "$tnet" import gtfs -q "$work/bomb.zip"
: > "$work/empty.zip"
check "empty zip file" "empty.zip" "$tnet" import gtfs -q "$work/empty.zip"

# ---- OSM (tnet import osm)
printf '<?xml version="1.0"?>\n<osm version="0.6">\n<node id="1" lat="34" lon="113"/>\n<way id="2"><nd ref="1"/><tag k="highway" v="primary"' > "$work/cut.osm"
check "truncated .osm XML" "cut.osm" "$tnet" import osm -q "$work/cut.osm" -o "$work/osm-out"
head -c 5000 /dev/urandom > "$work/junk.osm.pbf"
check "junk .osm.pbf" "junk.osm.pbf" "$tnet" import osm -q "$work/junk.osm.pbf" -o "$work/osm-out"
head -c 300000 "$src/tests/data/monaco/monaco.osm.pbf" > "$work/cut.osm.pbf"
check "truncated .osm.pbf" "cut.osm.pbf" "$tnet" import osm -q "$work/cut.osm.pbf" -o "$work/osm-out"
printf '\0\0\0\x0d\x0a\x09OSMHeader\x18\xff\xff\xff\xff\x0f' > "$work/liar.osm.pbf"
check ".osm.pbf whose header claims 4 GiB" "liar.osm.pbf.*byte 0" "$tnet" import osm -q "$work/liar.osm.pbf" -o "$work/osm-out"
: > "$work/empty.osm"
check "empty .osm" "empty.osm" "$tnet" import osm -q "$work/empty.osm" -o "$work/osm-out"

# ---- scenario files (tnet run)
ini () { printf "$2" > "$work/$1.ini"; echo "$work/$1.ini"; }
NETLINE="network = $xuchang"
check "ini: unknown section" "s1.ini:1:1:" "$tnet" run -q "$(ini s1 "[scenrio]\nyear = 2025\n")"
check "ini: unknown key with suggestion" "s2.ini:3:1:.*did you mean" "$tnet" run -q "$(ini s2 "[scenario]\n$NETLINE\nyaer = 2025\n")"
check "ini: year not a number" "s3.ini:3:[0-9]+:" "$tnet" run -q "$(ini s3 "[scenario]\n$NETLINE\nyear = twenty\n")"
check "ini: absurd speed override" "s4.ini:4:[0-9]+:" "$tnet" run -q "$(ini s4 "[scenario]\n$NETLINE\n[overrides]\nl_g4_01.speed_kmh = 1e9\n")"
check "ini: line without =" "s5.ini:2:1:" "$tnet" run -q "$(ini s5 "[scenario]\nthis is not a key\n")"
check "ini: unknown link closed" "s6.ini:4:[0-9]+:.*l_g4_0x" "$tnet" run -q "$(ini s6 "[scenario]\n$NETLINE\n[closures]\nlinks = l_g4_0x\n")"
check "ini: bad escape" "s7.ini:3:[0-9]+:.*escape" "$tnet" run -q "$(ini s7 "[scenario]\n$NETLINE\nstatuses = existing\\\\\n")"
printf '[scenario]\nname = caf\xe9\n' > "$work/s8.ini"
check "ini: Latin-1 text" "s8.ini:2:[0-9]+:" "$tnet" run -q "$work/s8.ini"
check "ini: missing network folder" "/nonexistent/net/nodes.csv" "$tnet" run -q "$(ini s9 "[scenario]\nnetwork = /nonexistent/net\n")"

echo "1..$n"
[ "$failed" -eq 0 ] || { echo "# $failed of $n malformed inputs misbehaved"; exit 1; }
