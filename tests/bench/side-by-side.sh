#!/usr/bin/env bash
# Side-by-side: gwlint check against the tools a reviewer would pick instead,
# on the same files in one run. Usage (from anywhere):
#
#   bash tests/bench/side-by-side.sh [CORPUS_DIR] [COPIES]
#
# CORPUS_DIR defaults to ../shared/corpus beside the repository; COPIES (250
# reports by default: the corpus repeated) sets the size of the large set.
#
# The peers are installed from npm into ~/.cache/gwlint-bench (override with
# GWLINT_BENCH_CACHE), never into the repository:
#   - autocorrect-node, run as `autocorrect --lint` (CJK spacing and punctuation);
#   - textlint with textlint-rule-prh, given gwlint's own typo dictionary
#     (rules/packs/data/typos*.tsv and the pack's typo entries are not needed:
#     the 10k-entry dictionary is the expensive part) converted to prh YAML;
#   - zhlint (Chinese typography).
# Each tool runs once per set on all files in one process (the way a reviewer
# runs it on a folder), timed with GNU time: wall-clock seconds and peak
# resident memory. The ratios are peer / gwlint: above 1 means gwlint is faster
# or smaller. gwlint runs its whole default pack (41 rules) on every file.
#
# The peers check far less than gwlint (no sections, figures, privacy,
# numbering…), so this compares what a user waits for, not equal work.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$repo/../shared/corpus}
copies=${2:-250}
cache=${GWLINT_BENCH_CACHE:-$HOME/.cache/gwlint-bench}
work=$(mktemp -d "${TMPDIR:-/tmp}/gwlint-side-by-side.XXXXXX")
trap 'rm -rf "$work"' EXIT

command -v node >/dev/null || { echo "node is needed for the peers" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }

# --- peers ---------------------------------------------------------------
mkdir -p "$cache"
if [ ! -x "$cache/node_modules/.bin/textlint" ] || [ ! -x "$cache/node_modules/.bin/autocorrect" ] \
  || [ ! -x "$cache/node_modules/.bin/zhlint" ]; then
  echo "installing peers into $cache …" >&2
  [ -f "$cache/package.json" ] || echo '{"name":"gwlint-bench-peers","private":true}' >"$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --silent autocorrect-node textlint textlint-rule-prh zhlint)
fi
bin=$cache/node_modules/.bin
versions="autocorrect-node $(node -p "require('$cache/node_modules/autocorrect-node/package.json').version"), \
textlint $(node -p "require('$cache/node_modules/textlint/package.json').version"), \
textlint-rule-prh $(node -p "require('$cache/node_modules/textlint-rule-prh/package.json').version"), \
zhlint $(node -p "require('$cache/node_modules/zhlint/package.json').version")"

# gwlint's typo dictionary as prh rules: one {expected, patterns} per entry.
prh=$work/prh.yml
{
  echo "version: 1"
  echo "rules:"
  cat "$repo"/rules/packs/data/typos*.tsv | grep -v '^#' | awk -F'\t' 'NF == 2 && $1 != "" {
    gsub(/"/, "\\\"", $1); gsub(/"/, "\\\"", $2);
    printf "  - expected: \"%s\"\n    patterns: [\"%s\"]\n", $2, $1 }'
} >"$prh"
printf '{"rules": {"prh": {"rulePaths": ["%s"]}}}\n' "$prh" >"$work/.textlintrc.json"
entries=$(grep -c 'expected:' "$prh")

# --- gwlint ----------------------------------------------------------------
(cd "$repo" && cargo build --release -q -p gwlint)
gwlint=$repo/target/release/gwlint

# --- the two sets ----------------------------------------------------------
mkdir -p "$work/corpus" "$work/many"
cp "$corpus"/*.txt "$work/corpus/"
n=$(ls "$work/corpus" | wc -l)
i=0
while [ "$i" -lt "$copies" ]; do
  for f in "$work"/corpus/*.txt; do
    [ "$i" -lt "$copies" ] || break
    cp "$f" "$work/many/$(printf '%04d' "$i")-$(basename "$f")"
    i=$((i + 1))
  done
done

# measure NAME SET COMMAND...: prints "seconds kib" (the tool's exit code is ignored:
# linters exit non-zero when they find something).
measure() {
  local out=$work/time.$1.$2
  (cd "$work/$2" && /usr/bin/time -f '%e %M' -o "$out" "${@:3}" >/dev/null 2>&1) || true
  tail -1 "$out"
}

declare -A secs kib
for set in corpus many; do
  files=("$work/$set"/*.txt)
  run() { local name=$1; shift; read -r secs[$name.$set] kib[$name.$set] < <(measure "$name" "$set" "$@"); }
  run gwlint "$gwlint" check --format json .
  run autocorrect "$bin/autocorrect" --lint "${files[@]}"
  run textlint "$bin/textlint" --config "$work/.textlintrc.json" --no-color "${files[@]}"
  # zhlint lints only its first argument; a quoted glob makes it take them all.
  run zhlint "$bin/zhlint" '*.txt'
done

bytes() { cat "$work/$1"/*.txt | wc -c; }
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%F)"
echo "Peers: $versions; prh rules: $entries (gwlint's typo dictionary)"
echo
echo "| set | tool | wall s | peak RSS MiB | time ratio (tool / gwlint) | memory ratio |"
echo "|---|---|---:|---:|---:|---:|"
for set in corpus many; do
  label="$set: $(ls "$work/$set" | wc -l) files, $(( $(bytes "$set") / 1024 )) KiB"
  for tool in gwlint autocorrect textlint zhlint; do
    s=${secs[$tool.$set]}; k=${kib[$tool.$set]}
    awk -v l="$label" -v t="$tool" -v s="$s" -v k="$k" -v gs="${secs[gwlint.$set]}" -v gk="${kib[gwlint.$set]}" \
      'BEGIN { printf "| %s | %s | %.2f | %.1f | %.2f | %.2f |\n", l, t, s, k/1024, (gs > 0 ? s/gs : 0), k/gk }'
  done
done
