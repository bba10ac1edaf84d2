#!/usr/bin/env python3
"""Count gwlint's findings on correct official text: the laws and regulations of LawRefBook/Laws.

Usage (from the repository root, after `cargo build --release`):
    python3 tests/bench/official_text.py LAWREFBOOK_GIT_DIR [--commit C] [--gwlint target/release/gwlint]
                                         [--extra FILE ...] [--show RULE ...]

Laws, administrative regulations and judicial interpretations are edited with care and published: a word-level or
sentence-level finding there (a typo, a wrong formulation, a date written with a dot, a name) is most likely a false
alarm of the rule, whatever the rule is for. That makes them a large test of false alarms on text nobody tuned gwlint
to — 1,565 texts, 8.3 million characters at the commit below — beside the real reports (which are short excerpts).

Every national text of the repository (not `DLC/`, local regulations) is written to a temporary folder as plain
text, one paragraph per line (Markdown headings and bold marks removed), and checked with `gwlint check --format
json`. Rules about a report's structure and layout, which a law does not follow (missing parts, broken lines, the
spaces after 第X条, half-width brackets of the source's conversion, unmarked titles of other laws, numbering), are
not counted; what is left is printed per rule, with the rate per 1,000 characters. `--extra` adds text files (e.g.
the correct side of ECSpell's odw.train, one sentence a line); `--show RULE` prints each finding of that rule.

The texts are official documents, not protected by copyright (著作权法 第五条); nothing is copied into the
repository. Python 3 standard library only.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

LAWREFBOOK_COMMIT = "2f4c5c23716267af9dbebbbbd6cbbf732b101981"

# Findings about what a report must contain or how it is laid out, which a law's text does not follow.
NOT_COUNTED = ('section.', 'figures.density', 'copy.', 'numbering.', 'artefact.broken-line', 'artefact.inner-space',
               'punctuation.half-width', 'punctuation.unbalanced', 'punctuation.quoted-list-comma',
               'punctuation.nested-title-marks', 'citation.unmarked')


def law_texts(git_dir, commit):
    names = subprocess.run(['git', '-C', git_dir, '-c', 'core.quotepath=off', 'ls-tree', '-r', '--name-only', commit],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    for name in names:
        if not name.endswith('.md') or name.startswith('DLC/') or name.endswith(('README.md', '_index.md')):
            continue
        raw = subprocess.run(['git', '-C', git_dir, 'show', f'{commit}:{name}'], capture_output=True).stdout
        lines = []
        for line in raw.decode('utf-8', 'replace').split('\n'):
            line = line.strip()
            if not line or line.startswith('<!--'):
                continue
            lines.append(re.sub(r'^#+\s*', '', line).replace('**', ''))
        yield name, '\n'.join(lines) + '\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('lawrefbook')
    ap.add_argument('--commit', default=LAWREFBOOK_COMMIT)
    ap.add_argument('--gwlint', default='target/release/gwlint')
    ap.add_argument('--extra', nargs='*', default=[])
    ap.add_argument('--show', nargs='*', default=[])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths, chars = [], 0
        for i, (name, text) in enumerate(law_texts(args.lawrefbook, args.commit)):
            path = os.path.join(tmp, f'{i:04d}.txt')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            paths.append(path)
            chars += len(text.replace('\n', ''))
        for extra in args.extra:
            with open(extra, encoding='utf-8') as f:
                chars += len(f.read().replace('\n', ''))
            paths.append(extra)
        out = subprocess.run([args.gwlint, 'check', '--format', 'json', *paths], capture_output=True, text=True)
        report = json.loads(out.stdout)
    counts = collections.Counter()
    shown = []
    for file in report['files']:
        for finding in file['findings']:
            if finding['rule'].startswith(NOT_COUNTED):
                continue
            counts[finding['rule']] += 1
            if finding['rule'] in args.show:
                shown.append(f"  {finding['rule']} {os.path.basename(file['path'])}:{finding['line']} "
                             f"{finding['text']!r} — {finding['message']}")
    total = sum(counts.values())
    print(f'{len(paths)} texts, {chars:,} characters; findings counted: {total} ({1000 * total / chars:.3f} per 1,000)')
    for rule, n in counts.most_common():
        print(f'  {rule:40s} {n:5d}  {1000 * n / chars:.4f} per 1,000')
    print('\n'.join(shown))
    return 0


if __name__ == '__main__':
    sys.exit(main())
