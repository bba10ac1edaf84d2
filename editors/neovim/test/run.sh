#!/usr/bin/env bash
# Checks that editors/neovim/lua/gwlint.lua, loaded as a user would load it,
# brings gwlint's findings on a corpus report into Neovim (headless).
# Uses GWLINT_BIN, else target/debug/gwlint (built if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"          # editors/neovim
repo="$(cd "$here/../.." && pwd)"
bin="${GWLINT_BIN:-$repo/target/debug/gwlint}"
if [ ! -x "$bin" ]; then
  (cd "$repo" && cargo build --locked -q -p gwlint)
fi
report="$(ls "$repo"/../shared/corpus/*.txt | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$report" "$work/report.txt"
"$bin" check --format json "$work/report.txt" > "$work/expected.json" || [ $? -eq 1 ]   # 1: error-level findings

if GWLINT_NEOVIM_DIR="$here" GWLINT_BIN="$bin" GWLINT_REPORT="$work/report.txt" GWLINT_EXPECTED="$work/expected.json" \
   HOME="$work" nvim --headless -u NONE -i NONE -c "luafile $here/test/diagnostics.lua"; then
  echo "neovim: 1 passed, 0 failed"
else
  echo "neovim: 0 passed, 1 failed"
  exit 1
fi
