#!/usr/bin/env bash
# The samples' HTML audit reports as a reader and a validator see them:
#   report                        procedures/ (Mỹ An), as of 2012-06-30, Vietnamese
#   report-en                     the same in English
#   report-injection-moulding     examples/injection-moulding/, as of 2025-06-30, English
#   report-injection-moulding-vi  the same in Vietnamese
# Each NAME gives NAME.html, a PNG screenshot (NAME.png), an A4 PDF
# (NAME.pdf) and its pages as PNG (NAME-page-NN.png). Fails when:
#   - the Nu HTML checker (vnu-jar) reports any error in a report;
#   - Chromium cannot render a report, or a PDF is empty;
#   - a table is wider than the printable width of the A4 page (measured in
#     Chromium by scripts/print-probe.js, with the report's print rules);
#   - a heading is the last line of a PDF page (pdftotext, page by page).
#
# Usage: scripts/browser-check.sh [OUT_DIR]   (default: target/browser-check)
# Installs what it needs when missing: Debian's chromium, poppler-utils and a
# Java runtime (apt-get, as root or with sudo -n), and vnu-jar from the npm
# registry into target/vnu (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/browser-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
vnu_version="26.9.27"

source scripts/lib/apt.sh
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || apt_install chromium || exit 1
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils || exit 1
command -v java >/dev/null 2>&1 || apt_install default-jre-headless || exit 1
chromium="$(command -v chromium || command -v chromium-browser)"

vnu="target/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$vnu" ]; then
  echo "browser-check: installing vnu-jar $vnu_version (npm)"
  mkdir -p target/vnu
  npm install --prefix target/vnu --no-save --no-audit --no-fund --silent "vnu-jar@$vnu_version" >/dev/null
fi

qms() { cargo run --locked -q -- "$@"; }
qms report procedures --as-of 2012-06-30 --lang vi -o "$out/report.html"
qms report procedures --as-of 2012-06-30 --lang en -o "$out/report-en.html"
qms report examples/injection-moulding --as-of 2025-06-30 --lang en -o "$out/report-injection-moulding.html"
qms report examples/injection-moulding --as-of 2025-06-30 --lang vi -o "$out/report-injection-moulding-vi.html"
names=(report report-en report-injection-moulding report-injection-moulding-vi)

echo "browser-check: the Nu HTML checker (vnu-jar $vnu_version)"
# vnu exits 1 on any error and prints each one with its line and column.
html=()
for n in "${names[@]}"; do html+=("$out/$n.html"); done
if ! java -jar "$vnu" --errors-only "${html[@]}"; then
  echo "browser-check: the Nu HTML checker found errors" >&2
  exit 1
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-quic --user-data-dir="$profile")

# run LOG ARGS...: Chromium with ARGS, its output in LOG.
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

failed=0
# check NAME: render $out/NAME.html and measure it as printed.
check() {
  local name="$1" f
  run "$out/$name.screenshot.log" --window-size=1100,9000 --screenshot="$out/$name.png" "file://$out/$name.html"
  run "$out/$name.pdf.log" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$out/$name.html"
  for f in "$name.png" "$name.pdf"; do
    if [ ! -s "$out/$f" ]; then echo "browser-check: $f is empty" >&2; exit 1; fi
  done
  head -c 5 "$out/$name.pdf" | grep -q '%PDF-' || { echo "browser-check: $name.pdf is not a PDF" >&2; exit 1; }
  rm -f "$out/$name"-page-*.png
  pdftoppm -r 60 -png "$out/$name.pdf" "$out/$name-page"
  local pages
  pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')

  # The widths, measured in the page (a copy of the report with the probe).
  { sed '/<\/body>/,$d' "$out/$name.html"
    printf '<script>\n'; cat scripts/print-probe.js; printf '</script>\n</body>\n</html>\n'
  } >"$out/$name.probe.html"
  run "$out/$name.probe.log" --dump-dom "file://$out/$name.probe.html"
  sed -n '/<pre id="print-probe">/,/<\/pre>/p' "$out/$name.probe.log" | sed 's/<[^>]*>//g' >"$out/$name.probe.txt"
  if ! grep -q '^width ' "$out/$name.probe.txt"; then
    echo "browser-check: $name: the print probe did not measure the page:" >&2
    cat "$out/$name.probe.txt" "$out/$name.probe.log" >&2
    failed=1
  fi
  if grep '^overflow ' "$out/$name.probe.txt" | sed "s/^/browser-check: $name: /" >&2; then failed=1; fi

  # No heading is the last line of a page (the text of each page's PDF).
  local p last
  for ((p = 1; p < pages; p++)); do
    last=$(pdftotext -f "$p" -l "$p" "$out/$name.pdf" - | tr -d '\f' | sed 's/[[:space:]]\+/ /g; s/^ //; s/ $//' | grep -v '^$' | tail -n 1 || true)
    if grep -qxF "heading $last" "$out/$name.probe.txt"; then
      echo "browser-check: $name: page $p ends with the heading \"$last\"" >&2
      failed=1
    fi
  done
  echo "browser-check: $out/$name.pdf: $pages A4 pages ($out/$name-page-01.png ...), $(grep -c '^overflow ' "$out/$name.probe.txt" || true) tables too wide"
}

for n in "${names[@]}"; do check "$n"; done
if [ "$failed" -ne 0 ]; then
  echo "browser-check: failed" >&2
  exit 1
fi
echo "browser-check: passed: ${#names[@]} reports valid HTML, no table wider than the A4 page, no heading last on a page"
