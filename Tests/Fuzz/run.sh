#!/bin/sh
# Builds the libFuzzer target Tests/Fuzz/RecordFuzzer.swift (with Sources/EventLog, one module) and
# runs it on a corpus seeded from the sample store. Everything goes to a work directory outside the
# repository (default /tmp/visits-fuzz); nothing is written into the repository.
#
#   Tests/Fuzz/run.sh [RUNS] [extra libFuzzer options...]
#
#   RUNS              inputs to run (default 1000000; -1 runs until stopped or a crash)
#   FUZZ_ASAN=0       build without AddressSanitizer (faster; default 1, with ASan and LeakSanitizer)
#   FUZZ_WORK=dir     the work directory (binary, corpus, crash files, log)
#   FUZZ_MAX_LEN=n    the longest input (default 4096: about ten lines of a stream)
#   FUZZ_TIMEOUT=s    an input that takes longer is a hang (default 10)
#
# A crash, hang or leak stops the run with exit code 1 and leaves the input as crash-*, timeout-*
# or leak-* in the work directory; replay it with `$FUZZ_WORK/record-fuzzer <file>`.
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

# Crashes go to libFuzzer, not to the Swift runtime's backtracer (which would keep the process).
# With ASan, LeakSanitizer checks for leaks after each input that allocated more than it freed.
cd "$work"
echo "running $binary -runs=$runs -max_len=$max_len -timeout=$timeout" >&2
# The target's temporary store is best in memory (tmpfs).
store_tmp=$work/tmp
if [ -d /dev/shm ] && [ -w /dev/shm ]; then store_tmp=/dev/shm; fi
SWIFT_BACKTRACE=enable=no TMPDIR=$store_tmp VISITS_FUZZ_VAULT=$work/vault.jsonl \
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  "$binary" -runs="$runs" -max_len="$max_len" -timeout="$timeout" -detect_leaks="$asan" \
  -print_final_stats=1 -artifact_prefix="$work/" "$@" "$work/corpus"
