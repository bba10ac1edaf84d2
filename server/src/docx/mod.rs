//! Word documents (.docx): reading the text a reader sees ([`read`]), and
//! writing findings back into a copy of the document as Word comments and
//! tracked changes ([`annotate`]).
//!
//! Both work on `word/document.xml` as it is: the reader records, for every
//! character of the text it extracts, the bytes of the document it came from
//! ([`TextMap`]), and the writer splices comments and revisions in at those
//! bytes, leaving every other byte of the part, and every other part of the
//! package, as it was.

pub mod annotate;
mod read;

#[cfg(feature = "fuzzing")]
pub use read::fuzz_read;
pub use read::{DocxText, Positions, TextMap, read};
