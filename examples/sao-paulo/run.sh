#!/bin/sh
# São Paulo from public inputs with tnet init, then the analyses on it.
# Inputs: the fixtures of tests/data/sao-paulo (OSM extract, SPTrans GTFS,
# r5r's hexagon grid). Usage: examples/sao-paulo/run.sh [TNET] [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tnet=${1:-"$root/build/tools/tnet/tnet"}
out=${2:-"${TMPDIR:-/tmp}/tnet-sao-paulo"}
data="$root/tests/data/sao-paulo"
mkdir -p "$out"

# The grid has no region column: call the hexagons west of longitude
# -46.645 (the middle of the extract) "west" and the others "east".
awk -F, 'NR == 1 { print $0 ",district"; next }
         { print $0 "," ($2 < -46.645 ? "west" : "east") }' \
  "$data/spo_hexgrid.csv" > "$out/zones.csv"

"$tnet" init "$out/spo" --osm "$data/spo_osm.pbf" --gtfs "$data/spo.zip" \
  --zones "$out/zones.csv" --region-column district --name "São Paulo"

d="--data $out/spo"
"$tnet" commute $d --origins kind:zone --destinations kind:zone \
  --profiles 'car;transit' --format csv -o "$out/commute.csv"
"$tnet" accessibility $d --opportunities jobs --cutoffs 15,30,45 --profile transit \
  --format csv -o "$out/access-jobs-transit.csv"
"$tnet" accessibility $d --opportunities jobs --cutoffs 5,10,15 | tail -n 1
"$tnet" isochrone $d "$(sed -n 2p "$out/zones.csv" | cut -d, -f1)" --minutes 10 \
  -o "$out/isochrone.geojson"
"$tnet" corridors region:west region:east $d --modes road | head -n 3
"$tnet" criticality region:west region:east $d --profile car --top 5
"$tnet" transfers $d | head -n 8
"$tnet" report $d > "$out/report.txt"
echo "outputs in $out"
