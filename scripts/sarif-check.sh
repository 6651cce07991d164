#!/usr/bin/env bash
# SARIF as GitHub code scanning takes it: the sample's `qms check --format
# sarif`, and a defective copy's (a file named QT-01-kiểm-soát.md with a
# finding, and no qms.toml: LOAD006, a finding without a file), validated by
# Microsoft's SARIF multitool with GitHub's rules (`--rule-kind "Sarif;Gh"`).
# Fails on any error or warning the validator reports.
set -euo pipefail
cd "$(dirname "$0")/.."

qms=${QMS:-target/debug/qms}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The multitool from the npm registry, into a temporary folder (not the repository).
npm install --silent --no-audit --no-fund --prefix "$work/npm" @microsoft/sarif-multitool@5.7.0 >/dev/null
mt="$work/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$mt" ] || mt="$work/npm/node_modules/.bin/sarif-multitool"

# The defective copy, in a git repository of its own so paths start at its root.
git init -q "$work/repo"
cp -r procedures "$work/repo/qms"
doc="$work/repo/qms/documents/he-thong"
sed 's/^next_review = .*/next_review = 2012-01-31/' "$doc/QT-01-kiem-soat-tai-lieu.md" >"$doc/QT-01-kiểm-soát.md"
rm "$doc/QT-01-kiem-soat-tai-lieu.md" "$work/repo/qms/qms.toml"

"$qms" check procedures --as-of 2012-06-30 --format sarif >"$work/sample.sarif"
status=0
"$qms" check "$work/repo/qms" --as-of 2012-06-30 --format sarif >"$work/defective.sarif" || status=$?
[ "$status" = 1 ] || { echo "the defective copy should fail the check (exit 1), got $status" >&2; exit 1; }
grep -q 'QT-01-ki%E1%BB%83m-so%C3%A1t.md' "$work/defective.sarif" || { echo "no percent-encoded file name in the defective copy's SARIF" >&2; exit 1; }
grep -q '"LOAD006"' "$work/defective.sarif" || { echo "no LOAD006 in the defective copy's SARIF" >&2; exit 1; }

# SARIF2005 asks for the tool's informationUri, the project's public address
# (Cargo.toml `repository`). Until it has one qms leaves the link out rather
# than invent it, and that one warning is allowed, said aloud; with a
# `repository` nothing is.
allowed=""
if ! grep -q '^repository = "https://' Cargo.toml; then
  allowed="SARIF2005"
  echo "note: no \`repository\` in Cargo.toml, so no informationUri or helpUri; SARIF2005 (ProvideToolProperties) allowed"
fi

failed=0
for name in sample defective; do
  "$mt" validate --rule-kind "Sarif;Gh" -o "$work/$name.validation.sarif" "$work/$name.sarif" >"$work/$name.log" 2>&1 \
    || { cat "$work/$name.log" >&2; failed=1; continue; }
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const allowed = process.argv[2] ? process.argv[2].split(",") : [];
    const bad = log.runs.flatMap(r => r.results || [])
      .filter(r => (r.level || "warning") !== "note" && r.level !== "none")
      .filter(r => !(r.ruleId === "SARIF2005" && allowed.includes(r.ruleId) && (r.level || "warning") === "warning"));
    for (const r of bad) console.error(`${r.level || "warning"} ${r.ruleId}: ${(r.message.arguments || []).join("; ")}`);
    process.exit(bad.length ? 1 : 0);
  ' "$work/$name.validation.sarif" "$allowed" || failed=1
  echo "$name.sarif: $(grep -c '"ruleId"' "$work/$name.sarif" | tr -d ' ') results; multitool --rule-kind Sarif;Gh: $([ $failed = 0 ] && echo "no error, no warning${allowed:+ other than $allowed}" || echo FAILED)"
done
exit $failed
