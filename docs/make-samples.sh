#!/usr/bin/env bash
# Writes the sample agendas of the Pittsburgh return visit from the sample store, with the CLI's
# own `agenda` command, and a picture of the first printed page:
#
#   docs/samples/agenda-pittsburgh-2022.en.html
#   docs/samples/agenda-pittsburgh-2022.de.html
#   docs/samples/agenda-pittsburgh-2022.en.png   (page 1 as Chromium prints it on A4, 80 dpi)
#   docs/samples/web-dashboard.png, web-visit.png, web-conflict.png   (the web interface in Chromium)
#
#   docs/make-samples.sh [STORE_DIR]      (default: events/ in the repository; build it with
#                                          docs/sample-store.sh)
#
# VISITS_BIN: the command that runs visits (default: "swift run --quiet visits", run from the
# repository root); it is split on spaces, so use a path without spaces.
# CHROMIUM: the browser to print with (default: chromium, else chromium-browser).
# Needs headless Chromium and poppler-utils (pdftoppm): apt-get install chromium poppler-utils.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="${1:-$ROOT/events}"
read -r -a BIN <<<"${VISITS_BIN:-swift run --quiet visits}"
VISIT=pittsburgh-2022
SAMPLES="$ROOT/docs/samples"
BASE="$SAMPLES/agenda-$VISIT"

fail() {
  echo "make-samples.sh: $*" >&2
  exit 1
}

[[ -d $STORE ]] || fail "no store at $STORE (build it with docs/sample-store.sh)"
STORE="$(cd "$STORE" && pwd)"
[[ -f $STORE/$VISIT.jsonl ]] || fail "$STORE holds no visit $VISIT (build the store with docs/sample-store.sh)"

CHROME="${CHROMIUM:-}"
if [[ -z $CHROME ]]; then
  for candidate in chromium chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then
      CHROME="$(command -v "$candidate")"
      break
    fi
  done
fi
[[ -n $CHROME ]] || fail "chromium not found (apt-get install chromium, or set CHROMIUM)"
command -v pdftoppm >/dev/null 2>&1 || fail "pdftoppm not found (apt-get install poppler-utils)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$SAMPLES"

# agenda LANG FILE: the HTML agenda in one language, through the CLI.
agenda() {
  local lang="$1" out="$2"
  (cd "$ROOT" && "${BIN[@]}" --store "$STORE" agenda "$VISIT" --lang "$lang" --format html -o "$out") || {
    local rc=$?
    fail "visits agenda $VISIT --lang $lang --format html failed (exit $rc)"
  }
  [[ -s $out ]] || fail "visits agenda wrote nothing to $out"
}

agenda en "$BASE.en.html"
agenda de "$BASE.de.html"

# Print the English agenda as Chromium prints it (A4 from the page's own @page rule; Chromium's
# own header and footer off, so the page's margin boxes show), then picture page 1.
PDF="$WORK/agenda.en.pdf"
if ! "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --user-data-dir="$WORK/profile" --print-to-pdf="$PDF" "file://$BASE.en.html" >"$WORK/chromium.log" 2>&1; then
  cat "$WORK/chromium.log" >&2
  fail "chromium could not print $BASE.en.html"
fi
[[ -s $PDF ]] || {
  cat "$WORK/chromium.log" >&2
  fail "chromium wrote no PDF"
}
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$PDF" "$WORK/page" || fail "pdftoppm could not render the PDF"
mv "$WORK/page.png" "$BASE.en.png"

echo "make-samples.sh: wrote $BASE.en.html, $BASE.de.html and $BASE.en.png"

# Screenshots of the web interface, taken by the browser check the tests run
# (docs/browser-check.py): `visits serve` on a copy of the store, Chromium through Selenium.
if ! command -v htpasswd >/dev/null || ! command -v chromedriver >/dev/null \
  || ! python3 -c 'import selenium' 2>/dev/null || ! { command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ]; }; then
  echo "make-samples.sh: web screenshots skipped (needs lighttpd apache2-utils chromium-driver, pip selenium)" >&2
  exit 0
fi
cp -r "$STORE" "$WORK/store"
rm -f "$WORK/store/.lock"
htpasswd -bBc "$WORK/users" jana.hoffmann sample-password 2>/dev/null
htpasswd -bB "$WORK/users" tanja.becker sample-password 2>/dev/null
PORT=$((20000 + RANDOM % 20000))
(cd "$ROOT" && exec "${BIN[@]}" --store "$WORK/store" serve --users "$WORK/users" --port "$PORT" >"$WORK/serve.log" 2>&1) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q serving "$WORK/serve.log" && break; sleep 0.1; done
grep -q serving "$WORK/serve.log" || fail "visits serve did not start: $(cat "$WORK/serve.log")"
python3 "$ROOT/docs/browser-check.py" "http://127.0.0.1:$PORT" "$SAMPLES" \
  jana.hoffmann:sample-password tanja.becker:sample-password >"$WORK/browser.json" || fail "the browser check failed"
echo "make-samples.sh: wrote $SAMPLES/web-dashboard.png, web-visit.png and web-conflict.png ($(cat "$WORK/browser.json"))"
