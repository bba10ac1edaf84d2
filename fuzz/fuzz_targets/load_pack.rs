//! The pack loader on arbitrary TOML: parse, compile, run the specs, and lint
//! a sample with what loaded (`gwlint_rules::fuzz::load_pack_bytes`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gwlint_rules::fuzz::load_pack_bytes(data));
