//! The gwlint rules engine.
//!
//! A report flows through three stages, each in its own module:
//!
//! 1. [`document`]: the text is parsed once into a [`Document`]: title,
//!    addressee, headings and the sections they open, paragraphs, sentences and
//!    the closing block, every part with its byte range.
//! 2. [`pack`]: rule packs (declarative TOML files) are loaded, validated and
//!    compiled; [`workspace`] combines them with `gwlint.toml` into a
//!    [`Linter`]. Every rule's `specs` run at load time, so a pack that loads is
//!    a pack whose examples hold.
//! 3. [`rule`]: each compiled rule looks at the document and reports
//!    [`Finding`]s, each with a byte range, a message and optional fixes, which
//!    [`fix`] applies.
//!
//! The crate knows nothing about editors, terminals or async: the `gwlint`
//! binary in `server/` adapts it to the command line and the language server.

pub mod across;
pub mod builtin;
pub mod config;
pub mod copies;
pub mod dictionary;
pub mod document;
pub mod embedded;
pub mod engine;
pub mod figure_finder;
pub mod file_limits;
pub mod finding;
pub mod fix;
pub mod fnv;
#[cfg(feature = "fuzzing")]
pub mod fuzz;
pub mod ide;
pub mod json_schema;
pub mod language_model;
pub mod pack;
pub mod pack_data;
pub mod parallel;
pub mod pattern;
pub mod rule;
pub mod rule_pages;
pub mod schema;
pub mod scorecard;
pub mod segment;
pub mod specs;
pub mod text;
pub mod workspace;

pub use config::Config;
pub use document::{Document, Format};
pub use engine::Linter;
pub use finding::{Edit, Finding, Fix, Severity};
pub use pack::{LoadError, Pack};
pub use specs::load_pack;

/// Where the documentation page of a rule lives (the pages are generated from
/// the packs into `rules/docs/rules/`).
pub const RULE_DOCS_BASE: &str = "https://github.com/gwlint/gwlint/blob/main/rules/docs/rules/";

/// The URL of a rule's documentation page.
pub fn rule_doc_url(rule_id: &str) -> String {
    format!("{RULE_DOCS_BASE}{rule_id}.md")
}
