//! The library half of the `gwlint` package: the language server and the
//! Word (.docx) reader, both of which the fuzz targets drive in-process.
//!
//! The `gwlint` binary (`main.rs`) calls [`lsp::run`]. The server lives in a
//! library so that it can also be driven in-process, over in-memory pipes:
//! the fuzz target `fuzz/fuzz_targets/lsp_session.rs` and the corpus replay
//! test `tests/fuzz_corpus.rs` both run whole sessions through
//! `lsp::fuzz::session_bytes` without starting a process per input. The fuzz
//! entry points (`lsp::fuzz`, `docx::fuzz_read`) are compiled with the
//! `fuzzing` feature only, which `fuzz/` and the package's tests turn on.

pub mod docx;
pub mod lsp;
