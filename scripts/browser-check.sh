#!/usr/bin/env bash
# Renders the sample's HTML audit report in headless Chromium, as a reader
# would see it: a PNG screenshot and an A4 PDF. Fails if the report cannot be
# rendered, Chromium reports an error, or the PDF is empty.
#
# Usage: scripts/browser-check.sh [OUT_DIR]   (default: target/browser-check)
# Needs Debian's chromium (/usr/bin/chromium); .ci/run installs it if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/browser-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "browser-check: chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi

cargo run --locked -q -- report procedures --as-of 2012-06-30 -o "$out/report.html"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-quic --user-data-dir="$profile")

run() {
  local log="$1"; shift
  if ! timeout 120 "$chromium" "${flags[@]}" "$@" >"$log" 2>&1; then
    echo "browser-check: chromium failed:" >&2; cat "$log" >&2; exit 1
  fi
  # Chromium's own noise (dbus, GPU, fonts) is not a page error; a page that
  # failed to load is.
  if grep -E "ERR_(FILE_NOT_FOUND|ACCESS_DENIED|INVALID_URL)|Failed to load" "$log" >&2; then
    echo "browser-check: chromium could not load the report" >&2; exit 1
  fi
}

run "$out/screenshot.log" --window-size=1100,9000 --screenshot="$out/report.png" "file://$out/report.html"
run "$out/pdf.log" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$out/report.html"

for f in report.png report.pdf; do
  if [ ! -s "$out/$f" ]; then echo "browser-check: $f is empty" >&2; exit 1; fi
done
head -c 5 "$out/report.pdf" | grep -q '%PDF-' || { echo "browser-check: report.pdf is not a PDF" >&2; exit 1; }
pages=""
if command -v pdfinfo >/dev/null 2>&1; then
  pages=", $(pdfinfo "$out/report.pdf" | awk '/^Pages:/ {print $2}') A4 pages"
fi
echo "browser-check: $out/report.png ($(stat -c %s "$out/report.png") bytes), $out/report.pdf ($(stat -c %s "$out/report.pdf") bytes${pages})"
