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

# The grid has no regions: make two, the halves of the grid's extent west
# and east of longitude -46.645 (its middle), as polygons, so that tnet
# init assigns the zones by point in polygon and the maps draw the outlines.
awk -F, 'NR > 1 { if (n++ == 0) { w = e = $2; s = nn = $3 }
                  if ($2 < w) w = $2; if ($2 > e) e = $2
                  if ($3 < s) s = $3; if ($3 > nn) nn = $3 }
  function box(id, x0, x1) {
    return sprintf("{\"type\":\"Feature\",\"id\":\"%s\",\"properties\":{\"name\":\"%s\"}," \
                   "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f]," \
                   "[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}}", id, id, x0, s - 0.01, x1, s - 0.01,
                   x1, nn + 0.01, x0, nn + 0.01, x0, s - 0.01) }
  END { printf "{\"type\":\"FeatureCollection\",\"features\":[%s,%s]}\n",
               box("west", w - 0.01, -46.645), box("east", -46.645, e + 0.01) }' \
  "$data/spo_hexgrid.csv" > "$out/regions.geojson"
cp "$data/spo_hexgrid.csv" "$out/zones.csv"

"$tnet" init "$out/spo" --osm "$data/spo_osm.pbf" --gtfs "$data/spo.zip" \
  --zones "$out/zones.csv" --regions "$out/regions.geojson" --name "São Paulo"

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
"$tnet" map $d -o "$out/map-network.png"
echo "outputs in $out"
