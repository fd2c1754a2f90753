#!/bin/sh
# Builds the libFuzzer target Tests/Fuzz/RecordFuzzer.swift (with Sources/EventLog, one module) and
# runs it on a corpus seeded from the sample store. Everything goes to a work directory outside the
# repository (default /tmp/visits-fuzz); nothing is written into the repository.
#
#   Tests/Fuzz/run.sh [RUNS] [extra libFuzzer options...]
#
#   RUNS              inputs to run (default 1000000; -1 runs until stopped or a crash)
#   FUZZ_ASAN=0       build without AddressSanitizer (faster; default 1, with ASan and LeakSanitizer)
#   FUZZ_WORK=dir     the work directory (binary, build log, corpus, crash files)
#   FUZZ_MAX_LEN=n    the longest input (default 4096: about ten lines of a stream)
#   FUZZ_TIMEOUT=s    an input that takes longer is a hang (default 10)
#
# A crash or leak stops the run with exit code 77, a hang with 70, and leaves the input as crash-*,
# leak-* or timeout-* in the work directory; replay it with
# `SWIFT_BACKTRACE=enable=no VISITS_FUZZ_VAULT=$FUZZ_WORK/vault.jsonl $FUZZ_WORK/record-fuzzer <file>`.
#
# Measured on a shared 2-core machine: about 900 inputs/s with ASan (1,000,000 in 18 minutes),
# 3,400/s without.
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-1000000}
[ $# -gt 0 ] && shift
asan=${FUZZ_ASAN:-1}
work=${FUZZ_WORK:-/tmp/visits-fuzz}
max_len=${FUZZ_MAX_LEN:-4096}
timeout=${FUZZ_TIMEOUT:-10}

mkdir -p "$work/corpus" "$work/tmp"
if [ "$asan" = 1 ]; then sanitize=fuzzer,address; binary=$work/record-fuzzer; else
  sanitize=fuzzer; binary=$work/record-fuzzer-noasan; fi

# The Swift sources of EventLog and the target, compiled as one module named EventLog.
echo "building $binary (-sanitize=$sanitize)" >&2
swiftc -sanitize="$sanitize" -parse-as-library -module-name EventLog -swift-version 6 -O -g \
  "$repo"/Sources/EventLog/*.swift "$repo/Tests/Fuzz/RecordFuzzer.swift" -o "$binary" 2>"$work/build.log" ||
  { cat "$work/build.log" >&2; exit 1; }

# Seeds: every line of the sample streams and vaults alone (without its newline), and each stream's
# first 1, 2, 3, 5 and 8 lines as a whole file.
cat "$repo"/events/.vault/*.jsonl >"$work/vault.jsonl"
for f in "$repo"/events/*.jsonl "$repo"/events/.vault/*.jsonl; do
  base=$(basename "$f" .jsonl)
  case $f in */.vault/*) base=vault-$base ;; esac
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$work/corpus/$base-line-$n"
  done <"$f"
  case $base in vault-*) continue ;; esac
  for k in 1 2 3 5 8; do head -n "$k" "$f" >"$work/corpus/$base-head-$k"; done
done

# The target's temporary store is best in memory (tmpfs); it is removed after the run, even when
# a crash or an interrupt kept the target from removing it itself.
store_tmp=$work/tmp
if [ -d /dev/shm ] && [ -w /dev/shm ]; then store_tmp=/dev/shm; fi
store_tmp=$(mktemp -d "$store_tmp/visits-fuzz-run.XXXXXX")
trap 'rm -rf "$store_tmp"' EXIT
trap 'exit 130' INT TERM

# Crashes go to libFuzzer, not to the Swift runtime's backtracer (which would keep the process).
# With ASan, LeakSanitizer checks for leaks after each input that allocated more than it freed.
cd "$work"
echo "running $binary -runs=$runs -max_len=$max_len -timeout=$timeout" >&2
SWIFT_BACKTRACE=enable=no TMPDIR=$store_tmp VISITS_FUZZ_VAULT=$work/vault.jsonl \
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  "$binary" -runs="$runs" -max_len="$max_len" -timeout="$timeout" -detect_leaks="$asan" \
  -print_final_stats=1 -artifact_prefix="$work/" "$@" "$work/corpus"
