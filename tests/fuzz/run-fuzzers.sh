#!/usr/bin/env bash
# Builds the libFuzzer targets with clang under ASan/UBSan and runs each for
# SECONDS. Usage: tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]
#
# Environment: TNET_FUZZ_BUILD (build folder, default build-fuzz under the
# source root), TNET_FUZZ_JOBS (ninja jobs, default 2), TNET_FUZZ_TOTAL
# (seconds for all targets together: SECONDS shrinks to fit, for CI).
# Seeds: tests/fuzz/seeds/<target> (hand-written, read only) plus seeds cut
# at run time from data/xuchang and ../shared/data (make-seeds.py). The
# growing corpus lives in BUILD/fuzz-corpus/<target>; findings (crash-*,
# leak-*, timeout-*, oom-*) in BUILD/fuzz-findings/<target>/. A finding is
# fixed in the loader and its input copied to tests/fuzz/regressions/<target>/
# so the normal test suite replays it. Exits 1 when any target found one.
set -euo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${TNET_FUZZ_BUILD:-$src/build-fuzz}
jobs=${TNET_FUZZ_JOBS:-2}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" -Dfuzzers=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dexamples=false -Dbenchmarks=false
fi
ninja -C "$build" -j "$jobs"

python3 "$src/tests/fuzz/make-seeds.py" "$build/fuzz-seeds"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for exe in "$build"/tests/fuzz/fuzz-*; do
    name=$(basename "$exe")
    case "$name" in fuzz-replay-*|*.p) continue ;; esac
    [ -x "$exe" ] && targets+=("${name#fuzz-}")
  done
fi

if [ -n "${TNET_FUZZ_TOTAL:-}" ] && [ $((seconds * ${#targets[@]})) -gt "$TNET_FUZZ_TOTAL" ]; then
  seconds=$((TNET_FUZZ_TOTAL / ${#targets[@]}))
  [ "$seconds" -lt 1 ] && seconds=1
  echo "fuzz: ${#targets[@]} targets in ${TNET_FUZZ_TOTAL}s: ${seconds}s each"
fi

# Per-target input size limits and dictionaries.
max_len_of () {
  case "$1" in
    gtfs-zip|osm-pbf|ch-file) echo 65536 ;;
    gtfs-folder|osm-xml) echo 32768 ;;
    *) echo 16384 ;;
  esac
}
dict_of () {
  case "$1" in
    network-csv|tables-csv|hubs-csv) echo "$src/tests/fuzz/dicts/csv.dict" ;;
    gtfs-folder) echo "$src/tests/fuzz/dicts/gtfs.dict" ;;
    dimacs) echo "$src/tests/fuzz/dicts/dimacs.dict" ;;
    *) [ -f "$src/tests/fuzz/dicts/$1.dict" ] && echo "$src/tests/fuzz/dicts/$1.dict" ;;
  esac
  return 0
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp}

failed=()
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/fuzz-$t"
  if [ ! -x "$exe" ]; then
    echo "no fuzz target $t (built: $(ls "$build"/tests/fuzz | grep -v replay | grep -v '\.p$' | tr '\n' ' '))" >&2
    exit 2
  fi
  corpus="$build/fuzz-corpus/$t"
  findings="$build/fuzz-findings/$t"
  mkdir -p "$corpus" "$findings"
  dirs=("$corpus")
  [ -d "$src/tests/fuzz/seeds/$t" ] && dirs+=("$src/tests/fuzz/seeds/$t")
  [ -d "$build/fuzz-seeds/$t" ] && dirs+=("$build/fuzz-seeds/$t")
  [ -d "$src/tests/fuzz/regressions/$t" ] && dirs+=("$src/tests/fuzz/regressions/$t")
  # a fixed seed (TNET_FUZZ_SEED) makes a CI run repeatable: the same tree
  # explores the same inputs, so a finding can be reproduced from the log
  opts=(-seed="${TNET_FUZZ_SEED:-20261129}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
        -max_len="$(max_len_of "$t")" -artifact_prefix="$findings/" -print_final_stats=1)
  dict=$(dict_of "$t")
  [ -n "$dict" ] && opts+=(-dict="$dict")
  echo "== fuzz $t for ${seconds}s"
  log="$build/fuzz-findings/$t.log"
  if "$exe" "${opts[@]}" "${dirs[@]}" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 || true
    echo "   $t: no finding ($(ls "$corpus" | wc -l) inputs in the corpus)"
  else
    echo "   $t: FINDING, log: $log" >&2
    grep -E 'ERROR:|SUMMARY:|runtime error|Test unit written' "$log" | head -10 >&2 || true
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz findings in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each with no finding"
