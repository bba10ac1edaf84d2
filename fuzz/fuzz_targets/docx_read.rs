//! Reading arbitrary bytes as a Word document (.docx): no panic, lines map to
//! paragraphs in order, and the extracted text lints (`gwlint::docx::fuzz_read`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gwlint::docx::fuzz_read(data));
