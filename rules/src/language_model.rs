//! A character language model of official Chinese and the confusion sets of
//! each character: the data behind the `spelling` rule kind.
//!
//! # What the model answers
//!
//! [`Model::log_prob`] gives `ln P(c | a b)`: how likely the character `c` is
//! after the two characters `a b`, estimated from about twenty million
//! characters of laws, regulations and official documents. A wrong character
//! makes its neighbourhood improbable — 大数局产业 is far less likely than
//! 大数据产业 — and that difference is what the `spelling` rule measures.
//!
//! # How it is stored
//!
//! `rules/packs/data/build_spelling.py` counts character trigrams in runs of
//! Han characters (a run boundary is a token of its own), smooths them with
//! interpolated Kneser-Ney and writes them in *backoff form*, as an ARPA file
//! would: a stored trigram has its probability; for an unseen trigram the
//! model backs off to the bigram, paying the context's backoff weight, and
//! from there to the single character:
//!
//! ```text
//! ln P(c | a b) = lp3(a b c)                         if a b c is stored
//!               = bow2(a b) + ln P(c | b)            otherwise
//! ln P(c | b)   = lp2(b c)                           if b c is stored
//!               = bow1(b) + lp1(c)                   otherwise
//! ```
//!
//! Every log value is quantised to one byte (steps of 0.1 nat, floor −25.5).
//! Characters get 16-bit ids (0: unknown, 1: run boundary); bigrams and
//! trigrams live in two open-addressing hash tables keyed by packed ids, so a
//! lookup is a multiply, a shift and usually one probe. The file format is
//! documented in the build script; [`Model::from_bytes`] checks every count and
//! id against the file's length, so a damaged file is an error, never a panic.
//!
//! # Confusion sets
//!
//! For each of the 3,500 common characters, the characters a writer may type
//! in its place, each with its [`Channel`]: same pinyin and tone (the first
//! page of an input method), same pinyin in another tone, similar pinyin
//! (z/zh, n/l, an/ang …) or similar shape.

use crate::fnv::{Fnv1a, fnv1a64};
use std::borrow::Cow;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// How a wrong character came to replace the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Channel {
    /// Same pinyin, same tone: the input method offered both.
    SameSoundSameTone,
    /// Same pinyin, another tone.
    SameSoundOtherTone,
    /// Similar pinyin (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing …).
    SimilarSound,
    /// Similar shape.
    SimilarShape,
}

impl Channel {
    fn from_byte(b: u8) -> Option<Channel> {
        Some(match b {
            0 => Channel::SameSoundSameTone,
            1 => Channel::SameSoundOtherTone,
            2 => Channel::SimilarSound,
            3 => Channel::SimilarShape,
            _ => return None,
        })
    }

    /// How the two characters are alike, in Chinese, for messages.
    pub fn label_zh(self) -> &'static str {
        match self {
            Channel::SameSoundSameTone => "同音",
            Channel::SameSoundOtherTone => "同音异调",
            Channel::SimilarSound => "近音",
            Channel::SimilarShape => "形近",
        }
    }
}

/// A character id: 0 is "not in the model", 1 the boundary of a Han run.
pub type CharId = u16;
pub const UNKNOWN: CharId = 0;
pub const BOUNDARY: CharId = 1;

const MAGIC: &[u8; 8] = b"GWSPELL\0";
/// The file format version this code reads.
pub const FORMAT_VERSION: u32 = 2;
const CJK_START: u32 = 0x4E00;
const CJK_END: u32 = 0x9FFF;

/// A loaded model. Immutable and shared between threads.
pub struct Model {
    /// The file: the tables below are read from it in place.
    data: Cow<'static, [u8]>,
    /// Id of each character of U+4E00..=U+9FFF (0: not in the model).
    ids: Vec<CharId>,
    /// The character of each id (ids 0 and 1 map to U+0000).
    chars: Vec<char>,
    /// Per id: quantised −ln P(c) and −ln bow1(c).
    unigrams: Vec<[u8; 2]>,
    /// `b << 16 | c` → `lp << 8 | bow`.
    bigrams: Table,
    /// A Bloom filter of the bigrams, small enough to stay in cache: most
    /// candidates make a bigram the texts never wrote, and the filter says so
    /// without touching the tables (a trigram is stored only if its last two
    /// characters are a stored bigram).
    bigram_filter: BlockedBloom,
    /// `a << 32 | b << 16 | c` → `lp`.
    trigrams: Table,
    /// Per id: (candidate, channel), for ids with a confusion set.
    confusions: Vec<Box<[(CharId, Channel)]>>,
    /// FNV-1a 64 hashes of the lexicon's words.
    words: Table,
    /// Per id: its sound class (toneless pinyin), 0 for none.
    sounds: Vec<u16>,
    /// Common two-character words by the sound classes of their characters.
    homophone_words: HomophoneWords,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("chars", &self.chars.len())
            .field("bigrams", &self.bigrams.len)
            .field("trigrams", &self.trigrams.len)
            .finish()
    }
}

/// What [`Model::score_substitution`] needs of one position.
#[derive(Debug, Clone, Copy)]
pub struct Substitution {
    a: CharId,
    b: CharId,
    t1: CharId,
    t2: Option<CharId>,
    bow_ab: f32,
    lp2_t1_t2: f32,
    t1_t2_known: bool,
}

/// A model shared by the rules that name it: decoded when a pack loads (a
/// user's file, so that a damaged one is a load error) or, for the model built
/// into the binary, on first use or on a warm-up thread, so that start-up does
/// not wait for it.
pub struct SharedModel {
    bytes: &'static [u8],
    cell: OnceLock<Model>,
}

impl fmt::Debug for SharedModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedModel").field("decoded", &self.cell.get().is_some()).finish()
    }
}

impl SharedModel {
    /// An already decoded model.
    pub fn decoded(model: Model) -> SharedModel {
        let cell = OnceLock::new();
        let _ = cell.set(model);
        SharedModel { bytes: &[], cell }
    }

    /// A model decoded from `bytes` when first used. Bytes that do not decode
    /// give an empty model (no confusion sets: the rule reports nothing); the
    /// built-in model's integrity is checked by the test suite.
    pub fn lazy(bytes: &'static [u8]) -> SharedModel {
        SharedModel { bytes, cell: OnceLock::new() }
    }

    /// Decodes the model now if it is not yet.
    pub fn get(&self) -> &Model {
        self.cell.get_or_init(|| Model::from_static(self.bytes).unwrap_or_else(|_| Model::empty()))
    }
}

impl std::ops::Deref for SharedModel {
    type Target = Model;
    fn deref(&self) -> &Model {
        self.get()
    }
}

fn dequantise(q: u8) -> f32 {
    -(q as f32) / 10.0
}

impl Model {
    /// Reads a model file, copying it (a pack's own model file).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        Model::read(Cow::Owned(bytes.to_vec()))
    }

    /// Reads a model built into the binary, in place: its tables are never
    /// copied, and only the pages a lint touches are ever read in.
    pub fn from_static(bytes: &'static [u8]) -> Result<Model, String> {
        Model::read(Cow::Borrowed(bytes))
    }

    /// Checks every count, id and length, decodes the small sections and
    /// finds the tables. Nothing in a damaged file can make a lookup panic or
    /// loop: a table's slots are read with `get`, and a probe stops after
    /// one turn around the table.
    fn read(data: Cow<'static, [u8]>) -> Result<Model, String> {
        let mut r = Reader { bytes: &data, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("不是 gwlint 语言模型文件（文件头不符）".into());
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(format!("语言模型文件版本为 {version}，本程序只能读取版本 {FORMAT_VERSION}"));
        }
        let n_chars = r.u32()? as usize;
        if n_chars + 2 > CharId::MAX as usize {
            return Err("语言模型的字符数超出上限".into());
        }
        let mut ids = vec![UNKNOWN; (CJK_END - CJK_START + 1) as usize];
        let mut chars = vec!['\0'; 2];
        for i in 0..n_chars {
            let cp = r.u32()?;
            let c = char::from_u32(cp).ok_or_else(|| format!("语言模型含无效字符 U+{cp:04X}"))?;
            if (CJK_START..=CJK_END).contains(&cp) {
                ids[(cp - CJK_START) as usize] = (i + 2) as CharId;
            }
            chars.push(c);
        }
        let n_ids = n_chars + 2;
        let mut unigrams = Vec::with_capacity(n_ids);
        for _ in 0..n_ids {
            let b = r.take(2)?;
            unigrams.push([b[0], b[1]]);
        }
        let check_id = |id: u64| {
            if (id as usize) < n_ids { Ok(()) } else { Err("语言模型含越界的字符编号".to_string()) }
        };
        let n_conf = r.u32()? as usize;
        let mut confusions: Vec<Box<[(CharId, Channel)]>> = vec![Box::default(); n_ids];
        for _ in 0..n_conf {
            let id = r.u16()?;
            check_id(id as u64)?;
            let count = r.u8()? as usize;
            let mut set = Vec::with_capacity(count);
            for _ in 0..count {
                let cand = r.u16()?;
                check_id(cand as u64)?;
                let channel = Channel::from_byte(r.u8()?).ok_or("语言模型含未知的混淆类型")?;
                set.push((cand, channel));
            }
            confusions[id as usize] = most_likely(set);
        }
        let n_sounds = r.u32()? as usize;
        let mut sounds = Vec::with_capacity(n_ids);
        for _ in 0..n_ids {
            let class = r.u16()?;
            if class as usize > n_sounds {
                return Err("语言模型含越界的读音编号".into());
            }
            sounds.push(class);
        }
        let n_pairs = r.u32()? as usize;
        r.need(n_pairs.saturating_mul(4))?;
        let mut homophone_words = HomophoneWords::default();
        for _ in 0..n_pairs {
            let (a, b) = (r.u16()?, r.u16()?);
            check_id(a as u64)?;
            check_id(b as u64)?;
            let key = (sounds[a as usize] as u32) << 16 | sounds[b as usize] as u32;
            homophone_words.entry(key).or_default().push((a, b));
        }
        let bigrams = Table::read(&mut r, 16, "二元组")?;
        let bigram_filter = BlockedBloom::read(&mut r)?;
        let trigrams = Table::read(&mut r, 8, "三元组")?;
        let words = Table::read(&mut r, 0, "词表")?;
        if r.at != data.len() {
            return Err("语言模型文件末尾有多余数据".into());
        }
        Ok(Model {
            data,
            ids,
            chars,
            unigrams,
            bigrams,
            bigram_filter,
            trigrams,
            confusions,
            words,
            sounds,
            homophone_words,
        })
    }

    /// A model that knows nothing: every character is unknown.
    pub fn empty() -> Model {
        Model {
            data: Cow::Borrowed(&[]),
            ids: vec![UNKNOWN; (CJK_END - CJK_START + 1) as usize],
            chars: vec!['\0'; 2],
            unigrams: vec![[0, 0]; 2],
            bigrams: Table::EMPTY,
            bigram_filter: BlockedBloom::EMPTY,
            trigrams: Table::EMPTY,
            confusions: vec![Box::default(); 2],
            words: Table::EMPTY,
            sounds: vec![0; 2],
            homophone_words: Default::default(),
        }
    }

    /// The id of a character (0 if the model does not know it).
    #[inline]
    pub fn id(&self, c: char) -> CharId {
        let cp = c as u32;
        if (CJK_START..=CJK_END).contains(&cp) { self.ids[(cp - CJK_START) as usize] } else { UNKNOWN }
    }

    /// The character of an id.
    pub fn char(&self, id: CharId) -> char {
        self.chars.get(id as usize).copied().unwrap_or('\0')
    }

    /// Number of characters, bigrams and trigrams the model stores.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.chars.len() - 2, self.bigrams.len, self.trigrams.len)
    }

    /// The characters a writer may have meant instead of `id`.
    pub fn confusions(&self, id: CharId) -> &[(CharId, Channel)] {
        self.confusions.get(id as usize).map_or(&[], |s| s)
    }

    /// `ln P(c)`, the character's share of the training text.
    #[inline]
    pub fn log_unigram(&self, c: CharId) -> f32 {
        self.unigrams.get(c as usize).map_or(f32::NEG_INFINITY, |u| dequantise(u[0]))
    }

    /// `ln P(c | b)`.
    #[inline]
    pub fn log_prob2(&self, b: CharId, c: CharId) -> f32 {
        if let Some(v) = self.bigram(b, c) {
            return dequantise((v >> 8) as u8);
        }
        dequantise(self.unigrams[b as usize][1]) + dequantise(self.unigrams[c as usize][0])
    }

    /// `ln P(c | a b)`; `a` is [`BOUNDARY`] for the second character of a run,
    /// and for the first, `a` and `b` both are (the model then uses the bigram).
    #[inline]
    pub fn log_prob(&self, a: CharId, b: CharId, c: CharId) -> f32 {
        if a == BOUNDARY && b == BOUNDARY {
            return self.log_prob2(b, c);
        }
        // A trigram is stored only if its last two characters are a stored bigram.
        let bc = self.bigram(b, c);
        if bc.is_some()
            && let Some(lp) = self.trigrams.get(&self.data, trigram_key(a, b, c))
        {
            return dequantise(lp as u8);
        }
        let bow = self.bigram(a, b).map_or(0.0, |v| dequantise(v as u8));
        let lp2 = match bc {
            Some(v) => dequantise((v >> 8) as u8),
            None => dequantise(self.unigrams[b as usize][1]) + dequantise(self.unigrams[c as usize][0]),
        };
        bow + lp2
    }

    /// The entry of the bigram `b c`, if stored (`lp << 8 | bow`).
    #[inline]
    fn bigram(&self, b: CharId, c: CharId) -> Option<u32> {
        let key = bigram_key(b, c);
        if self.bigram_filter.may_contain(&self.data, key) { self.bigrams.get(&self.data, key) } else { None }
    }

    /// The score of every candidate for one position: the sum of
    /// [`Model::log_prob`] over the trigrams that end at the position and at
    /// the one or two tokens after it, with the candidate in its place.
    /// `a b` are the two tokens before the position, `t1` the token after it
    /// (possibly [`BOUNDARY`]) and `t2` the one after that, if that trigram is
    /// scored. Lookups that do not depend on the candidate are made once here,
    /// and each bigram entry a candidate needs is read once for two terms.
    pub fn substitution(&self, a: CharId, b: CharId, t1: CharId, t2: Option<CharId>) -> Substitution {
        let bow_ab = self.bigram(a, b).map_or(0.0, |v| dequantise(v as u8));
        let lp2_t1_t2 = t2.map_or(0.0, |t2| self.log_prob2(t1, t2));
        let t1_t2_known = t2.is_some_and(|t2| self.knows_bigram(t1, t2));
        Substitution { a, b, t1, t2, bow_ab, lp2_t1_t2, t1_t2_known }
    }

    /// The score of `x` at the position of `s` (see [`Model::substitution`]);
    /// stops, returning a lower partial sum, once the sum falls below `needed`
    /// (each term is at most 0, so it can only fall further).
    #[inline]
    pub fn score_substitution(&self, s: &Substitution, x: CharId, needed: f32) -> f32 {
        let bx = self.bigram(s.b, x);
        let lp2_bx = match bx {
            Some(v) => dequantise((v >> 8) as u8),
            None => dequantise(self.unigrams[s.b as usize][1]) + dequantise(self.unigrams[x as usize][0]),
        };
        let first = if s.a == BOUNDARY && s.b == BOUNDARY {
            lp2_bx
        } else if bx.is_none() {
            // No bigram `b x`, so no trigram `a b x` either.
            s.bow_ab + lp2_bx
        } else {
            match self.trigrams.get(&self.data, trigram_key(s.a, s.b, x)) {
                Some(lp) => dequantise(lp as u8),
                None => s.bow_ab + lp2_bx,
            }
        };
        let mut score = first;
        if score < needed {
            return score;
        }
        let xt1 = self.bigram(x, s.t1);
        let second = match xt1.and_then(|_| self.trigrams.get(&self.data, trigram_key(s.b, x, s.t1))) {
            Some(lp) => dequantise(lp as u8),
            None => {
                let bow_bx = bx.map_or(0.0, |v| dequantise(v as u8));
                let lp2_xt1 = match xt1 {
                    Some(v) => dequantise((v >> 8) as u8),
                    None => dequantise(self.unigrams[x as usize][1]) + dequantise(self.unigrams[s.t1 as usize][0]),
                };
                bow_bx + lp2_xt1
            }
        };
        score += second;
        let Some(t2) = s.t2 else { return score };
        if score < needed {
            return score;
        }
        let third = match s.t1_t2_known.then(|| self.trigrams.get(&self.data, trigram_key(x, s.t1, t2))).flatten() {
            Some(lp) => dequantise(lp as u8),
            None => xt1.map_or(0.0, |v| dequantise(v as u8)) + s.lp2_t1_t2,
        };
        score + third
    }

    /// Is `word` in the lexicon? (Hashes are compared: a false "yes" has a
    /// probability of about one in 10^13 per question.)
    pub fn is_word(&self, word: &str) -> bool {
        self.words.get(&self.data, fnv1a64(word)).is_some()
    }

    /// The common two-character words that sound like `a b` (toneless), `a b`
    /// itself included if it is one.
    pub fn homophone_words(&self, a: CharId, b: CharId) -> &[(CharId, CharId)] {
        let (sa, sb) = (self.sounds[a as usize], self.sounds[b as usize]);
        if sa == 0 || sb == 0 {
            return &[];
        }
        self.homophone_words.get(&((sa as u32) << 16 | sb as u32)).map_or(&[], |v| v)
    }

    /// [`Model::is_word`] for a word given as characters (no allocation).
    pub fn is_word_of(&self, chars: &[char]) -> bool {
        let mut h = Fnv1a::default();
        let mut buf = [0u8; 4];
        for c in chars {
            h.write(c.encode_utf8(&mut buf).as_bytes());
        }
        self.words.get(&self.data, h.finish()).is_some()
    }

    /// Is the bigram `b c` stored (seen in the texts)?
    pub fn knows_bigram(&self, b: CharId, c: CharId) -> bool {
        self.bigram(b, c).is_some()
    }
}

/// Common two-character words by the sound classes of their characters. The
/// key is two small integers, asked about for every pair of characters a
/// lint scores: FNV-1a hashes it in a few instructions, where the standard
/// library's SipHash (built to resist chosen keys, which a table built from
/// the model's own file does not face) took several times as many.
type HomophoneWords = std::collections::HashMap<u32, Vec<(CharId, CharId)>, BuildHasherDefault<Fnv1a>>;

/// How many candidates of each channel a confusion set keeps. As many of
/// another tone as of the same: pinyin is typed without tones, so the input
/// method lists both together (普查十点 for 试点, 自贸实验区 for 试验区; the
/// ECSpell development split det-F1 0.680 → 0.687 at 10 → 16, the real texts'
/// findings unchanged, the rule's lint of 44 KB about 6 % slower).
const KEEP_PER_CHANNEL: [usize; 4] = [16, 16, 6, 16];

/// The candidates a writer most likely meant: per channel, the most frequent
/// characters (ids are given in order of frequency), cheapest channel first.
/// An input method lists frequent characters first, and a rare character
/// meant by the writer is a rare event; a long tail of candidates would cost
/// time and add false alarms for little recall.
fn most_likely(mut set: Vec<(CharId, Channel)>) -> Box<[(CharId, Channel)]> {
    // The build script writes each set in id order; a channel at a time, the
    // first ids are then the most frequent, with no sort (sorting every set
    // was 4 % of a one-report check).
    if !set.is_sorted_by_key(|&(id, _)| id) {
        set.sort_unstable_by_key(|&(id, _)| id);
    }
    let mut kept = Vec::with_capacity(set.len().min(KEEP_PER_CHANNEL.iter().sum()));
    for (channel, &keep) in KEEP_PER_CHANNEL.iter().enumerate() {
        kept.extend(set.iter().filter(|&&(_, c)| c as usize == channel).take(keep));
    }
    kept.into_boxed_slice()
}

#[inline]
fn bigram_key(b: CharId, c: CharId) -> u64 {
    (b as u64) << 16 | c as u64
}

#[inline]
fn trigram_key(a: CharId, b: CharId, c: CharId) -> u64 {
    (a as u64) << 32 | (b as u64) << 16 | c as u64
}

/// An open-addressing hash table with linear probing, at most ~70 % full,
/// laid out by the build script and read in place: a power of two of `u32`
/// slots, each holding a *fingerprint* of its key beside its value
/// (`fingerprint << value_bits | value`; 0 marks an empty slot). A lookup
/// touches one cache line, and the tables of the shipped model take 10 MiB
/// instead of 20: on a model this size nearly every lookup is a cache miss,
/// and that, not arithmetic, is its cost.
///
/// A key that is not stored is taken for one that is when its probe run
/// holds an entry with the same fingerprint: for a fingerprint of `32 -
/// value_bits` bits and runs of one to three entries, about one lookup in
/// 20,000 (bigrams, 16 bits; and the Bloom filter in front of them turns
/// away 98 % of the absent ones first), one in five million (trigrams, 24
/// bits), one in a billion (words, 32 bits). Two stored keys with the same
/// fingerprint in one run (a few of the 280k bigrams) answer with the first
/// one's value. Neither can make a lookup fail or panic.
struct Table {
    /// Where the slots are in the model's bytes.
    slots: Range<usize>,
    mask: usize,
    len: usize,
    value_bits: u32,
}

impl Table {
    const EMPTY: Table = Table { slots: 0..0, mask: 0, len: 0, value_bits: 0 };

    /// Reads a table's header and steps over its slots.
    fn read(r: &mut Reader<'_>, value_bits: u32, what: &str) -> Result<Table, String> {
        let len = r.u32()? as usize;
        let n_slots = r.u32()? as usize;
        if r.u32()? != value_bits || !n_slots.is_power_of_two() || len >= n_slots {
            return Err(format!("语言模型的{what}表头无效"));
        }
        let start = r.at;
        r.take(n_slots.checked_mul(4).ok_or_else(|| format!("语言模型的{what}表过大"))?)?;
        Ok(Table { slots: start..r.at, mask: n_slots - 1, len, value_bits })
    }

    /// The slot a key's probe run starts at, and its fingerprint (never 0).
    /// `place` in `build_spelling.py` computes the same.
    #[inline]
    fn place(&self, key: u64) -> (usize, u32) {
        let mixed = key ^ (key >> 29);
        // The high bits of a multiplicative hash are the well-mixed ones; the
        // fingerprint comes from a second product, so it is independent of the slot.
        let slot = (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask;
        let fingerprint = ((mixed.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 32) as u32) >> self.value_bits;
        (slot, fingerprint.max(1))
    }

    #[inline]
    fn get(&self, data: &[u8], key: u64) -> Option<u32> {
        let (slots, _) = data.get(self.slots.clone())?.as_chunks::<4>();
        let (mut i, fingerprint) = self.place(key);
        // At most once around: a damaged table may have no empty slot.
        for _ in 0..slots.len() {
            let e = u32::from_le_bytes(*slots.get(i)?);
            if e == 0 {
                return None;
            }
            if e >> self.value_bits == fingerprint {
                return Some(e & ((1u32 << self.value_bits) - 1));
            }
            i = (i + 1) & self.mask;
        }
        None
    }
}

/// A Bloom filter whose bits for a key all lie in one 64-bit word (one
/// memory access per question), about 16 bits per key: a false "maybe" in
/// well under 1 % of questions, never a false "no". Laid out by the build
/// script (`bloom_bits`) and read in place, like [`Table`].
struct BlockedBloom {
    words: Range<usize>,
    mask: usize,
}

impl BlockedBloom {
    /// Says "maybe" to every question.
    const EMPTY: BlockedBloom = BlockedBloom { words: 0..0, mask: 0 };

    fn read(r: &mut Reader<'_>) -> Result<BlockedBloom, String> {
        let n_words = r.u32()? as usize;
        if !n_words.is_power_of_two() {
            return Err("语言模型的二元组过滤器无效".into());
        }
        let start = r.at;
        r.take(n_words.checked_mul(8).ok_or("语言模型的二元组过滤器过大")?)?;
        Ok(BlockedBloom { words: start..r.at, mask: n_words - 1 })
    }

    #[inline]
    fn bits(&self, key: u64) -> (usize, u64) {
        let h = (key ^ (key >> 31)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let word = (h >> 40) as usize & self.mask;
        let bits = 1u64 << (h & 63) | 1u64 << ((h >> 6) & 63) | 1u64 << ((h >> 12) & 63);
        (word, bits)
    }

    #[inline]
    fn may_contain(&self, data: &[u8], key: u64) -> bool {
        let (word, bits) = self.bits(key);
        let Some((words, _)) = data.get(self.words.clone()).map(<[u8]>::as_chunks::<8>) else {
            return true;
        };
        words.get(word).is_none_or(|w| u64::from_le_bytes(*w) & bits == bits)
    }
}

/// Reads the little-endian fields of a model file, failing at its end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// The error of a model file that ends too soon.
#[cold]
fn truncated() -> String {
    "语言模型文件不完整（提前结束）".into()
}

// Inlined: the confusion sets alone are 600,000 reads of a byte or two.
impl<'a> Reader<'a> {
    #[inline]
    fn need(&self, n: usize) -> Result<(), String> {
        if self.bytes.len() - self.at < n { Err(truncated()) } else { Ok(()) }
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        self.need(n)?;
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }

    #[inline]
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    #[inline]
    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    #[inline]
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `table` of `build_spelling.py`, for files built in tests.
    fn table_bytes(entries: &[(u64, u32)], value_bits: u32) -> Vec<u8> {
        let size = (entries.len() * 10 / 7 + 1).next_power_of_two().max(16);
        let shape = Table { slots: 0..0, mask: size - 1, len: 0, value_bits };
        let mut slots = vec![0u32; size];
        for &(key, value) in entries {
            let (mut i, fingerprint) = shape.place(key);
            while slots[i] != 0 {
                i = (i + 1) & shape.mask;
            }
            slots[i] = fingerprint << value_bits | value;
        }
        let mut out = Vec::new();
        for v in [entries.len() as u32, size as u32, value_bits] {
            out.extend(v.to_le_bytes());
        }
        out.extend(slots.iter().flat_map(|s| s.to_le_bytes()));
        out
    }

    /// `bloom` of `build_spelling.py`.
    fn bloom_bytes(keys: &[u64]) -> Vec<u8> {
        let size = (keys.len() / 4 + 1).next_power_of_two().max(8);
        let shape = BlockedBloom { words: 0..0, mask: size - 1 };
        let mut words = vec![0u64; size];
        for &key in keys {
            let (word, bits) = shape.bits(key);
            words[word] |= bits;
        }
        let mut out = (size as u32).to_le_bytes().to_vec();
        out.extend(words.iter().flat_map(|w| w.to_le_bytes()));
        out
    }

    fn read_table(bytes: Vec<u8>, value_bits: u32) -> (Vec<u8>, Table) {
        let table = Table::read(&mut Reader { bytes: &bytes, at: 0 }, value_bits, "测试").expect("reads");
        (bytes, table)
    }

    #[test]
    fn table_finds_what_it_holds_and_nothing_else() {
        let entries: Vec<(u64, u32)> = (1..=1000u64).map(|k| (k * 7919, (k % 251) as u32)).collect();
        let (data, t) = read_table(table_bytes(&entries, 8), 8);
        for k in 1..=1000u64 {
            assert_eq!(t.get(&data, k * 7919), Some((k % 251) as u32));
            assert_eq!(t.get(&data, k * 7919 + 1), None);
        }
        let (data, words) = read_table(table_bytes(&[(u64::MAX, 0)], 0), 0);
        assert_eq!(words.get(&data, u64::MAX), Some(0));
        assert_eq!(words.get(&data, u64::MAX - 1), None);
    }

    #[test]
    fn a_full_or_damaged_table_never_loops_or_panics() {
        // Every slot taken (the build never writes this, a damaged file may).
        let mut full = vec![0u8; 12];
        full[..4].copy_from_slice(&1u32.to_le_bytes());
        full[4..8].copy_from_slice(&16u32.to_le_bytes());
        full.extend(std::iter::repeat_n(0xFFu8, 64));
        let (data, t) = read_table(full, 0);
        assert_eq!(t.get(&data, 12345), None);
        assert_eq!(t.get(&[], 12345), None, "bytes shorter than the table");
        let header =
            |n: u32, size: u32, bits: u32| [n, size, bits].iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>();
        let read = |bytes: Vec<u8>| Table::read(&mut Reader { bytes: &bytes, at: 0 }, 0, "测试").map(|_| ());
        assert!(read(header(0, 12, 0)).is_err(), "not a power of two");
        assert!(read(header(16, 16, 0)).is_err(), "no empty slot");
        assert!(read(header(0, 16, 8)).is_err(), "other value bits");
        assert!(read(header(0, 1 << 30, 0)).is_err(), "slots past the end");
    }

    #[test]
    fn the_shipped_tables_answer_as_the_build_laid_them_out() {
        // A mismatch between the build script's hashing and this reader's
        // would leave every table empty to the reader.
        let model = Model::from_static(include_bytes!("../packs/data/spelling.model")).expect("loads");
        let id = |c| model.id(c);
        for (b, c) in [('法', '治'), ('政', '府'), ('依', '法'), ('建', '设')] {
            assert!(model.bigram_filter.may_contain(&model.data, bigram_key(id(b), id(c))));
            assert!(model.knows_bigram(id(b), id(c)), "{b}{c}");
        }
        assert!(model.trigrams.get(&model.data, trigram_key(id('法'), id('治'), id('政'))).is_some());
        assert!(model.is_word("法治") && model.is_word("依法行政") && !model.is_word("依法决车"));
        // And the filter rules most pairs out (its reason to exist).
        let (mut absent, mut passed) = (0, 0);
        for b in 2..400u16 {
            for c in 2..400u16 {
                if model.bigrams.get(&model.data, bigram_key(b, c)).is_none() {
                    absent += 1;
                    passed += model.bigram_filter.may_contain(&model.data, bigram_key(b, c)) as usize;
                }
            }
        }
        assert!(passed * 50 < absent, "{passed} of {absent} absent bigrams pass the filter");
    }

    #[test]
    fn damaged_files_are_errors() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"GWSPELL\0\x01\0\0\0").unwrap_err().contains("版本"));
        let mut tiny = b"GWSPELL\0\x02\0\0\0".to_vec();
        tiny.extend(1u32.to_le_bytes()); // one character
        tiny.extend(('法' as u32).to_le_bytes());
        tiny.extend([10, 0, 10, 0, 20, 0]); // three unigrams
        tiny.extend(0u32.to_le_bytes()); // no confusion sets
        tiny.extend(1u32.to_le_bytes()); // one sound class
        tiny.extend([0, 0, 0, 0, 1, 0]); // …that of 法
        tiny.extend(0u32.to_le_bytes()); // no common words
        tiny.extend(table_bytes(&[], 16)); // no bigrams
        tiny.extend(bloom_bytes(&[]));
        tiny.extend(table_bytes(&[], 8)); // no trigrams
        tiny.extend(table_bytes(&[(fnv1a64("法治"), 0)], 0)); // one word
        let model = Model::from_bytes(&tiny).expect("a minimal model loads");
        assert_eq!(model.char(model.id('法')), '法');
        assert_eq!(model.id('治'), UNKNOWN);
        assert!((model.log_prob2(BOUNDARY, model.id('法')) + 2.0).abs() < 1e-6);
        assert!(model.is_word("法治"));
        assert!(!model.is_word("法制"));
        for cut in 0..tiny.len() {
            assert!(Model::from_bytes(&tiny[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = tiny.clone();
        extra.push(0);
        assert!(Model::from_bytes(&extra).is_err());
    }
}
