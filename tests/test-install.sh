#!/bin/sh
# test-install.sh BUILD_DIR SOURCE_DIR: installs tnet into a temporary
# destdir, builds examples/c there with pkg-config alone (the Makefile), runs
# them, and runs the Python example with the installed package (PYTHON, the
# third argument, when the package was built).
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; exit 1; }
pc=$(find "$tmp/root" -name tnet-0.pc | head -n 1)
test -n "$pc" || { echo "tnet-0.pc was not installed"; exit 1; }
# the staged install lives under $tmp/root: point the .pc's prefix there
# (what moving an installed tree elsewhere amounts to)
prefix=$(sed -n 's/^prefix=//p' "$pc")
sed -i "s|^prefix=.*|prefix=$tmp/root$prefix|" "$pc"
export PKG_CONFIG_PATH="$(dirname "$pc")"
pkg-config --exists tnet-0
echo "# cflags: $(pkg-config --cflags tnet-0)"

# the examples, outside the source tree, with nothing but the Makefile
mkdir "$tmp/ex"
cp "$src/examples/c/"*.c "$src/examples/c/Makefile" "$tmp/ex/"
make -s -C "$tmp/ex" CFLAGS="-O1 -Wall -Wextra -Werror"
export LD_LIBRARY_PATH="$(pkg-config --variable=libdir tnet-0)"
data="$src/data/xuchang"
"$tmp/ex/route" "$data" z_changge zz_center >"$tmp/route.out"
grep -q "z_changge -> zz_center: " "$tmp/route.out" || { cat "$tmp/route.out"; exit 1; }
"$tmp/ex/isochrone" "$data" z_weidu 30 >"$tmp/iso.geojson" 2>/dev/null
grep -q '"FeatureCollection"' "$tmp/iso.geojson"
"$tmp/ex/corridor" "$data" xuchang zhengzhou >"$tmp/corridor.out"
grep -q "^rail xuchang -> zhengzhou: 5 lines" "$tmp/corridor.out" || { cat "$tmp/corridor.out"; exit 1; }

# the public JSON writer with the caller's own json-glib, whichever header
# comes first (tnet-io.h repeats json-glib's JsonNode typedef)
for first in tnet json; do
  if [ "$first" = tnet ]; then
    head='#include <tnet/tnet.h>
#include <json-glib/json-glib.h>'
  else
    head='#include <json-glib/json-glib.h>
#include <tnet/tnet.h>'
  fi
  cat >"$tmp/json-$first.c" <<EOC
$head
#include <stdio.h>
int
main (void)
{
  JsonBuilder *b = json_builder_new ();
  json_builder_begin_array (b);
  json_builder_add_double_value (b, 0.1);
  json_builder_add_double_value (b, 2.0);
  json_builder_end_array (b);
  JsonNode *root = json_builder_get_root (b);
  char *text = tnet_json_to_text (root, 0);
  fputs (text, stdout);
  g_free (text);
  json_node_unref (root);
  g_object_unref (b);
  return 0;
}
EOC
  cc -std=c11 -Wall -Wextra -Werror -o "$tmp/json-$first" "$tmp/json-$first.c" \
    $(pkg-config --cflags --libs tnet-0 json-glib-1.0)
  test "$("$tmp/json-$first")" = "[0.1,2.0]" || { "$tmp/json-$first"; exit 1; }
done

# the Python example with the installed package
py=${3:-}
init=$(find "$tmp/root" -path '*/tnet/__init__.py' | head -n 1)
if [ -n "$py" ]; then
  test -n "$init" || { echo "the Python package was not installed"; exit 1; }
  PYTHONPATH="$(dirname "$(dirname "$init")")" "$py" "$src/examples/python/commute_table.py" \
    --data "$data" >"$tmp/py.out"
  grep -q "^z_changge " "$tmp/py.out" || { cat "$tmp/py.out"; exit 1; }
  grep -q "population within 60 min" "$tmp/py.out"
fi
echo "ok"
