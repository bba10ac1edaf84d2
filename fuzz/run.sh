#!/usr/bin/env bash
# Runs each fuzz target for a bounded time, one after the other.
#
#   fuzz/run.sh            # every target, 60 s each
#   fuzz/run.sh 120 lint_text load_pack
#   RUNS=1000000 fuzz/run.sh 1800   # each target until 10^6 executions or 30 min
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer needs nightly
# compiler flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
# New interesting inputs go to fuzz/scratch/ (ignored by git); the committed
# corpus in fuzz/corpus/ is only read. A crash stops the run and leaves its
# input in fuzz/artifacts/<target>/: fix the cause, then copy the input to
# fuzz/corpus/<target>/crash-<what>, where `cargo test` replays it.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(lint_text load_pack lsp_session docx_read docx_structured)
fi
runs="${RUNS:--1}"
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
    mkdir -p "scratch/$target"
    echo "== $target: ${seconds}s"
    # -s none: no AddressSanitizer. The workspace forbids unsafe code, so
    # what ASan checks cannot go wrong in gwlint's own code, and it made the
    # targets 5-30 times slower (lsp_session: 14 executions per second with
    # it, 438 without). Panics, hangs and memory limits are still caught.
    # -rss_limit_mb: a 100,000-rule pack is legitimately large; -timeout: an
    # input that takes longer than 20 s is a hang worth reporting.
    cargo fuzz run -O -s none "$target" "scratch/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -runs="$runs" -timeout=20 -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1
done
