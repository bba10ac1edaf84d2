#!/usr/bin/env python3
"""Score gwlint on one set of real reports with known answers (tests/bench/reports, heldout, heldout2).

Usage (from the repository root):
    target/release/gwlint check --format json tests/bench/reports/ > /tmp/gwlint.json
    python3 tests/bench/score.py tests/bench/reports /tmp/gwlint.json

Reads, in the set's folder:
  defects.tsv       file, line, text, category, correction, origin — every defect a reviewer marked
                    (origin "reviewer": marked before gwlint was run on the file; "added-after-run": a valid
                    gwlint finding the reviewer had missed, added afterwards)
  false-alarms.tsv  file, line, rule, text, why, verdict — every finding that matches no defect, judged:
                    verdict "false" = a careful reviewer would dismiss it (a false alarm);
                    verdict "n/a-excerpt" = about a part of the report that the stored excerpt does not contain
                    (the texts are the opening of each report), so it can be judged neither way
  */*.txt           the texts (for the character count)

A finding finds a defect when it is on the defect's line and its span overlaps the defect's text there. Findings
about whole parts (section.*, figures.density) only count for structure/figures defects, so that a part-level
finding spanning a heading is not credited with a typo inside that heading; copy.* findings (text shared with
another report) only count for copy defects.

Prints recall per category and overall (reviewer-marked defects, and all defects), false alarms per 1,000
characters (overall and per rule), and lists findings that are neither matched to a defect nor judged — those
must be judged (added to defects.tsv or false-alarms.tsv) before the figures are final. Exit status 1 if any.
Python 3 standard library only.
"""
import csv, json, os, sys
from collections import Counter, defaultdict

SET = '.'  # the set's folder, from the command line
PART_RULES = ('section.', 'figures.density')


def tsv(name):
    with open(os.path.join(SET, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


def main():
    global SET
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    SET = sys.argv[1]
    with open(sys.argv[2], encoding='utf-8') as f:
        report = json.load(f)
    texts = {}
    for name in sorted(os.listdir(SET)):
        if name.endswith('.txt'):
            with open(os.path.join(SET, name), encoding='utf-8') as f:
                texts[name] = f.read().split('\n')
    chars = sum(len(l) for ls in texts.values() for l in ls)

    findings = []
    for fobj in report['files']:
        name = os.path.basename(fobj['path'])
        if name not in texts:
            continue
        for x in fobj['findings']:
            findings.append((name, x))

    defects = tsv('defects.tsv')
    spans = []
    for d in defects:
        line = texts[d['file']][int(d['line']) - 1]
        start = line.find(d['text'])
        if start < 0:
            sys.exit('defects.tsv: text not on its line: %r' % (d,))
        # columns are 1-based character positions; the defect covers [start+1, start+1+len)
        spans.append((start + 1, start + 1 + len(d['text'])))

    def overlaps(x, d, span):
        if x['line'] != int(d['line']):
            return False
        part = x['rule'].startswith(PART_RULES)
        if part != (d['category'] in ('structure', 'figures')):
            return False
        if x['rule'].startswith('copy.') != (d['category'] == 'copy'):
            return False
        a, b = x['column'], x['end_column'] if x['end_line'] == x['line'] else 10**9
        if a == b:  # an empty span (something missing) touches the defect if it lies within it
            return span[0] <= a <= span[1]
        return a < span[1] and span[0] < b

    found = [False] * len(defects)
    matched = [False] * len(findings)
    for i, d in enumerate(defects):
        for j, (name, x) in enumerate(findings):
            if name == d['file'] and overlaps(x, d, spans[i]):
                found[i] = True
                matched[j] = True

    judged = {}
    for r in tsv('false-alarms.tsv'):
        judged[(r['file'], int(r['line']), r['rule'], r['text'])] = r
    fa, na, unjudged = [], [], []
    for j, (name, x) in enumerate(findings):
        if matched[j]:
            continue
        key = (name, x['line'], x['rule'], x['text'].replace('\t', ' ').replace('\n', ' '))
        r = judged.get(key)
        if r is None:
            unjudged.append((name, x))
        elif r['verdict'] == 'false':
            fa.append((name, x, r['why']))
        else:
            na.append((name, x))

    def recall_table(rows):
        by = defaultdict(lambda: [0, 0])
        for i in rows:
            by[defects[i]['category']][1] += 1
            by[defects[i]['category']][0] += found[i]
        tot = [sum(v[0] for v in by.values()), sum(v[1] for v in by.values())]
        for cat, (a, b) in sorted(by.items(), key=lambda kv: -kv[1][1]):
            print('  %-14s %3d / %3d  %5.1f %%' % (cat, a, b, 100.0 * a / b))
        print('  %-14s %3d / %3d  %5.1f %%' % ('overall', tot[0], tot[1], 100.0 * tot[0] / max(tot[1], 1)))

    print('Texts: %d files, %d characters; findings: %d' % (len(texts), chars, len(findings)))
    print('\nRecall, defects marked by the reviewer before running gwlint:')
    recall_table([i for i, d in enumerate(defects) if d['origin'] == 'reviewer'])
    print('\nRecall, all defects (including %d valid findings the reviewer had missed):'
          % sum(d['origin'] != 'reviewer' for d in defects))
    recall_table(range(len(defects)))

    print('\nFindings: %d match a defect, %d false alarms, %d not applicable to an excerpt, %d not judged'
          % (sum(matched), len(fa), len(na), len(unjudged)))
    print('False alarms per 1,000 characters: %.2f (%d / %d)' % (1000.0 * len(fa) / chars, len(fa), chars))
    info = [f for f in fa if f[1]['severity'] in ('info', 'hint')]
    print('  without info/hint findings:       %.2f (%d)' % (1000.0 * (len(fa) - len(info)) / chars, len(fa) - len(info)))
    for rule, n in Counter(f[1]['rule'] for f in fa).most_common():
        print('  %-28s %3d' % (rule, n))
    print('\nFound defects:')
    for i, d in enumerate(defects):
        if found[i]:
            print('  %s:%s [%s] %s' % (d['file'], d['line'], d['category'], d['text']))
    print('\nMissed defects:')
    for i, d in enumerate(defects):
        if not found[i]:
            print('  %s:%s [%s] %s — %s' % (d['file'], d['line'], d['category'], d['text'], d['correction']))
    print('\nFalse alarms:')
    for name, x, why in fa:
        print('  %s:%d %s %r — %s' % (name, x['line'], x['rule'], x['text'][:40], why))
    if unjudged:
        print('\nNot yet judged (add to defects.tsv or false-alarms.tsv):')
        for name, x in unjudged:
            print('  %s\t%d\t%s\t%s\t%s' % (name, x['line'], x['rule'], x['text'], x['message']))
        sys.exit(1)


if __name__ == '__main__':
    main()
