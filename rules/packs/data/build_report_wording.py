#!/usr/bin/env python3
"""Build report-wording.txt: the established wording of rule-of-law reports.

Usage:
    python3 rules/packs/data/build_report_wording.py [--min-reports N] [--out FILE]

The `spelling` rule's language model is built from law texts and official
sentences, which lack much of the newer wording reports are written in
(学深悟透, 学深一层: slogans of the last few years). Such wording is not a
typo when many independent reports write it. This script lists every string of
four Han characters that at least N (default 3) reports of different issuers
write, taken from the real reports the project holds as development sets
(tests/bench/…: each set has one report per issuer, and no issuer of an
earlier set); a `spelling` suggestion inside one of them is dropped.

A string the pack's typo rules correct is not established, however many
reports write it (法治审核 for 法制审核): every wrong string of the typo
dictionaries (typos.tsv, typos-boundary.tsv) and of the typo rules' entries in
fzzf-report.toml is cut out of the reports before counting.

Only sets whose blind run is over are read (DEVELOPMENT_SETS below): a set is
added here after it has been measured, never before, so that it stays unseen
until then. The reports are official documents of state organs, not protected
by copyright (《中华人民共和国著作权法》第五条); each set's sources.tsv gives
where every report came from.
"""
import argparse
import csv
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEVELOPMENT_SETS = [
    "reports", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37",
]
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def reports():
    """(issuer key, text) of every report of the development sets."""
    for name in DEVELOPMENT_SETS:
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
    ap.add_argument("--out", default=str(ROOT / "rules" / "packs" / "data" / "report-wording.txt"))
    args = ap.parse_args()
    writers = {}
    count = 0
    typos = re.compile("|".join(re.escape(w) for w in known_typos()))
    for key, text in reports():
        count += 1
        text = typos.sub("|", text)
        grams = {run[i:i + 4] for run in HAN_RUN.findall(text) for i in range(len(run) - 3)}
        for g in grams:
            writers.setdefault(g, set()).add(key)
    kept = sorted(g for g, keys in writers.items() if len(keys) >= args.min_reports)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# Established wording of rule-of-law reports: every string of four Han characters that at least\n")
        out.write(f"# {args.min_reports} of {count} real reports of different issuers write (tests/bench: "
                  + ", ".join(DEVELOPMENT_SETS) + ").\n")
        out.write("# Built by rules/packs/data/build_report_wording.py; do not edit by hand.\n")
        for g in kept:
            out.write(g + "\n")
    print(f"{len(kept)} strings from {count} reports -> {args.out}")


if __name__ == "__main__":
    main()
