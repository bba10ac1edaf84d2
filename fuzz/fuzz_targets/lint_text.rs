//! The document model and a full lint with the built-in packs on arbitrary
//! text, then safe fixes until the text settles (`gwlint_rules::fuzz::lint_bytes`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gwlint_rules::fuzz::lint_bytes(data));
