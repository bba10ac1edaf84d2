#!/usr/bin/env python3
"""Build the word segmenter's dictionary (segmenter-dict.txt) from jieba's.

Usage:
    python3 rules/packs/data/build_segmenter_dict.py [--dict FILE] [--out FILE]

gwlint segments Chinese text with jieba-rs. Building jieba's trie from its
whole dictionary (349,045 words) is most of what one `gwlint check` spends
before it can lint: the trie takes a hash-table insert per character of every
word. Half of the dictionary is words jieba saw fewer than five times
(frequency 3 or 4: rare two- and three-character words, names, transliterations),
which almost never change how a report's text is cut. This script keeps:

  - every word of frequency MIN_FREQUENCY or more, and
  - every word of LONG_WORD characters or more, whatever its frequency: fixed
    phrases (法制宣传, 依法治市) decide where a word boundary falls for the
    rules that ask (`boundary = "word"`), and a long word seldom competes
    with a common short one;

each line as jieba wrote it (word, frequency, part of speech), in jieba's
order. How the threshold was chosen, and what it changes, is measured in
BENCHMARKS.md ("Start-up"): on every real report the project holds, gwlint's
findings are the same with the pruned dictionary as with the whole one.

The source is the dictionary jieba-rs ships (`src/data/dict.txt` of the crate
in Cargo's registry, MIT licence; the same as jieba 0.42.1's `jieba/dict.txt`,
(c) Sun Junyi, MIT, without the entry B超). `--dict` names another copy.
Deterministic: the same input gives the same bytes. Python 3.11 standard
library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

MIN_FREQUENCY = 5
LONG_WORD = 4


def crate_dictionary() -> Path:
    """jieba-rs's dict.txt, from the crate Cargo has for this workspace."""
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--locked"], cwd=HERE,
                          capture_output=True, text=True, check=True)
    for package in json.loads(meta.stdout)["packages"]:
        if package["name"] == "jieba-rs":
            return Path(package["manifest_path"]).parent / "src" / "data" / "dict.txt"
    raise SystemExit("jieba-rs is not a dependency of this workspace")


def keep(line: str) -> bool:
    fields = line.split()
    if len(fields) < 2:
        return False
    word, frequency = fields[0], int(fields[1])
    return frequency >= MIN_FREQUENCY or len(word) >= LONG_WORD


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dict", help="jieba's dict.txt (default: the one in the jieba-rs crate)")
    ap.add_argument("--out", default=str(HERE / "segmenter-dict.txt"))
    args = ap.parse_args()
    source = Path(args.dict) if args.dict else crate_dictionary()
    lines = source.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if keep(line)]
    Path(args.out).write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{source}: {len(lines)} words; wrote {args.out}: {len(kept)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
