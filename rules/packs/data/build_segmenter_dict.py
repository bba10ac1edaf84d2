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

  - every word of frequency MIN_FREQUENCY or more;
  - every word of LONG_WORD characters or more whose frequency is at least
    LONG_WORD_MIN_FREQUENCY, and every word longer than LONG_WORD: a long
    word seldom competes with a common short one, but fixed phrases
    (依法治市) decide where a word boundary falls. Most four-character words of
    frequency 3 (63,000 of them, a third of what the trie must hold) are
    idioms and names no report uses;
  - every word the built-in pack's word-boundary rules (`boundary = "word"`:
    typo.common, typo.fazhi, typo.dictionary and its data files) list, wrong
    or right, whatever its frequency: where such a word falls is what those
    rules ask (法制宣传, frequency 3, makes 法制宣传日 end on a boundary).

each line as jieba wrote it (word, frequency, part of speech), in jieba's
order. How the threshold was chosen, and what it changes, is measured in
BENCHMARKS.md ("Start-up"): on every real report the project holds, gwlint's
findings are the same with the pruned dictionary as with the whole one.

The source is the dictionary jieba-rs ships (`src/data/dict.txt` of the crate
in Cargo's registry, MIT licence; the same as jieba 0.42.1's `jieba/dict.txt`,
(c) Sun Junyi, MIT, without the entry B超). `--dict` names another copy.
Deterministic: the same input gives the same bytes. Python 3.11 standard
library only (tomllib reads the pack).
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
LONG_WORD_MIN_FREQUENCY = 4
PACK = HERE.parent / "fzzf-report.toml"


def crate_dictionary() -> Path:
    """jieba-rs's dict.txt, from the crate Cargo has for this workspace."""
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--locked"], cwd=HERE,
                          capture_output=True, text=True, check=True)
    for package in json.loads(meta.stdout)["packages"]:
        if package["name"] == "jieba-rs":
            return Path(package["manifest_path"]).parent / "src" / "data" / "dict.txt"
    raise SystemExit("jieba-rs is not a dependency of this workspace")


def boundary_words(pack: Path) -> set[str]:
    """Every word, wrong or right, of the pack's `boundary = "word"` typo rules."""
    import tomllib

    words: set[str] = set()
    rules = tomllib.loads(pack.read_text(encoding="utf-8")).get("rule", [])
    for rule in rules:
        if rule.get("kind") != "typo" or rule.get("boundary") != "word":
            continue
        for wrong, right in rule.get("entries", {}).items():
            words.update((wrong, right))
        for name in rule.get("dictionaries", []):
            for line in (pack.parent / name).read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    words.update(line.split("\t")[:2])
    return words


def keep(line: str, pack_words: set[str]) -> bool:
    fields = line.split()
    if len(fields) < 2:
        return False
    word, frequency = fields[0], int(fields[1])
    return (frequency >= MIN_FREQUENCY
            or len(word) > LONG_WORD
            or (len(word) == LONG_WORD and frequency >= LONG_WORD_MIN_FREQUENCY)
            or word in pack_words)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dict", help="jieba's dict.txt (default: the one in the jieba-rs crate)")
    ap.add_argument("--out", default=str(HERE / "segmenter-dict.txt"))
    args = ap.parse_args()
    source = Path(args.dict) if args.dict else crate_dictionary()
    lines = source.read_text(encoding="utf-8").splitlines()
    pack_words = boundary_words(PACK)
    kept = [line for line in lines if keep(line, pack_words)]
    Path(args.out).write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{source}: {len(lines)} words; wrote {args.out}: {len(kept)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
