#!/usr/bin/env bash
# Renders the samples' HTML audit reports in headless Chromium, as a reader
# would see them: a PNG screenshot and an A4 PDF of each. The Mỹ An sample
# (procedures/, Vietnamese) gives report.{html,png,pdf}; the English sample
# (examples/injection-moulding/) gives report-injection-moulding.{html,png,pdf}.
# Fails if a report cannot be rendered, Chromium reports an error, or a PDF is
# empty.
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
cargo run --locked -q -- report examples/injection-moulding --as-of 2025-06-30 --lang en \
  -o "$out/report-injection-moulding.html"
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

# render NAME LOG_PREFIX: $out/NAME.html to NAME.png and NAME.pdf, Chromium's
# output in LOG_PREFIXscreenshot.log and LOG_PREFIXpdf.log.
render() {
  local name="$1" log="$2"
  run "$out/${log}screenshot.log" --window-size=1100,9000 --screenshot="$out/$name.png" "file://$out/$name.html"
  run "$out/${log}pdf.log" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$out/$name.html"

  for f in "$name.png" "$name.pdf"; do
    if [ ! -s "$out/$f" ]; then echo "browser-check: $f is empty" >&2; exit 1; fi
  done
  head -c 5 "$out/$name.pdf" | grep -q '%PDF-' || { echo "browser-check: $name.pdf is not a PDF" >&2; exit 1; }
  local pages=""
  if command -v pdfinfo >/dev/null 2>&1; then
    pages=", $(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}') A4 pages"
  fi
  echo "browser-check: $out/$name.png ($(stat -c %s "$out/$name.png") bytes), $out/$name.pdf ($(stat -c %s "$out/$name.pdf") bytes${pages})"
}

render report ""
render report-injection-moulding injection-moulding-
