#!/usr/bin/env python3
"""Build report-wording.txt: the established wording of rule-of-law reports.

Usage:
    python3 rules/packs/data/build_report_wording.py [--min-reports N] [--exclude SET ...] [--out FILE]

The `spelling` rule's language model is built from law texts and official
sentences, which lack much of the newer wording reports are written in
(学深悟透, 学深一层: slogans of the last few years; 迎检, 住建: words of
today's administration). Such wording is not a typo when many independent
reports write it. This script lists every string of four Han characters, and
every string of two, that at least N (default 3) reports of different issuers
write (a two-character one only when written between varied characters: a
word, not the seam of one fixed phrase), taken from the real reports the project holds as development sets
(tests/bench/…: each set has one report per issuer, and no issuer of an
earlier set). A `spelling` suggestion inside a four-character string of the
list is dropped; inside a two-character one only when the model's texts never
wrote that pair (the rule reads the model for that: 法治 and 总数 are in the
list and in the laws, and a slip that makes them can still be found).

A string the pack's typo rules correct is not established, however many
reports write it (法治审核 for 法制审核): every wrong string of the typo
dictionaries (typos.tsv, typos-boundary.tsv) and of the typo rules' entries in
fzzf-report.toml is cut out of the reports before counting.

Only sets whose blind run is over are read (DEVELOPMENT_SETS below): a set is
added here after it has been measured, never before, so that it stays unseen
until then. `--exclude` leaves sets out, to measure the list on reports it was
not built from (BENCHMARKS.md, "Spelling, session 23"). The reports are
official documents of state organs, not protected by copyright
(《中华人民共和国著作权法》第五条); each set's sources.tsv gives where every
report came from.
"""
import argparse
import csv
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEVELOPMENT_SETS = [
    "reports", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37",
    "heldout38", "heldout39", "heldout40", "heldout41", "heldout42", "heldout43", "heldout44", "heldout45", "heldout46",
    "heldout47", "heldout48", "heldout49", "heldout50", "heldout51", "heldout52", "heldout53", "heldout54",
]
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def reports(sets):
    """(issuer key, text) of every report of the given sets."""
    for name in sets:
        folder = ROOT / "tests" / "bench" / name
        with open(folder / "sources.tsv", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                text = (folder / row["file"]).read_text(encoding="utf-8")
                yield f"{name}/{row['file']}", text


def known_typos():
    """The wrong strings the pack's typo rules correct."""
    data = ROOT / "rules" / "packs" / "data"
    wrong = set()
    for name in ("typos.tsv", "typos-boundary.tsv"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                wrong.add(line.split("\t")[0])
    pack = tomllib.loads((ROOT / "rules" / "packs" / "fzzf-report.toml").read_text(encoding="utf-8"))
    for rule in pack.get("rule", []):
        if rule.get("kind") == "typo":
            wrong.update(rule.get("entries", {}).keys())
    return sorted(wrong, key=len, reverse=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-reports", type=int, default=3)
    ap.add_argument("--exclude", nargs="*", default=[], help="development sets to leave out")
    ap.add_argument("--out", default=str(ROOT / "rules" / "packs" / "data" / "report-wording.txt"))
    args = ap.parse_args()
    writers = {}
    count = 0
    typos = re.compile("|".join(re.escape(w) for w in known_typos()))
    unknown = sorted(set(args.exclude) - set(DEVELOPMENT_SETS))
    if unknown:
        ap.error(f"not a development set: {', '.join(unknown)}")
    sets = [s for s in DEVELOPMENT_SETS if s not in args.exclude]
    # The characters seen before and after each two-character string (^ and $: the ends of a run).
    company = {}
    for key, text in reports(sets):
        count += 1
        text = typos.sub("|", text)
        runs = HAN_RUN.findall(text)
        grams = {run[i:i + n] for run in runs for n in (2, 4) for i in range(len(run) - n + 1)}
        for g in grams:
            writers.setdefault(g, set()).add(key)
        for run in runs:
            for i in range(len(run) - 1):
                before, after = company.setdefault(run[i:i + 2], (set(), set()))
                before.add(run[i - 1] if i > 0 else "^")
                after.add(run[i + 2] if i + 2 < len(run) else "$")

    def established(g, keys):
        if len(keys) < args.min_reports:
            return False
        # A word is written in varied company (迎检工作, 迎检材料, 创建迎检); a pair that straddles two
        # words of one fixed phrase (认真|对照, 认真|对待: 真对) is always written between the same
        # characters, and a slip can make it (真对性 for 针对性).
        return len(g) == 4 or all(len(side) >= 2 for side in company[g])

    kept = sorted((g for g, keys in writers.items() if established(g, keys)), key=lambda g: (len(g), g))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# Established wording of rule-of-law reports: every string of two and of four Han characters that\n")
        out.write(f"# at least {args.min_reports} of {count} real reports of different issuers write (tests/bench: "
                  + ", ".join(sets) + ").\n")
        out.write("# Built by rules/packs/data/build_report_wording.py; do not edit by hand.\n")
        for g in kept:
            out.write(g + "\n")
    print(f"{len(kept)} strings from {count} reports -> {args.out}")


if __name__ == "__main__":
    main()
