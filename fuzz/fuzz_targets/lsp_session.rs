//! The language server on arbitrary sequences of open, change, hover, code
//! action, completion, outline, cancel and garbage messages with arbitrary
//! positions, run in-process (`gwlint::lsp::fuzz::session_bytes`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gwlint::lsp::fuzz::session_bytes(data);
});
