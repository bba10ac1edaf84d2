//! Word packages built from the fuzz bytes (`tests/support/docx_program.rs`):
//! valid structure — paragraphs, runs in several formats, tables, numbering,
//! fields, hyperlinks, tracked changes, comments, bookmarks, text boxes — and
//! now and then damage, read and written back by `gwlint::docx::fuzz_read`.
#![no_main]

#[path = "../../tests/support/docx_program.rs"]
mod docx_program;

libfuzzer_sys::fuzz_target!(|data: &[u8]| gwlint::docx::fuzz_read(&docx_program::build(data)));
