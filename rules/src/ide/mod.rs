//! What an editor shows about a linted report, as pure functions over a
//! [`Lint`](crate::engine::Lint) and the [`Document`](crate::Document) it is
//! about: the hover over a finding or a required part ([`hover`]), the outline
//! ([`outline`]) and the headings to complete at the start of a line
//! ([`completion`]).
//!
//! Like rust-analyzer's `ide` crate, this layer knows the report and its rules
//! but no protocol: places are byte ranges into the text, the answers are
//! plain structs, and the language server (`server/src/lsp/`) only converts
//! them (byte offsets ↔ positions, structs ↔ LSP types) and routes requests.
//! Nothing here finds the required parts again: they come from the lint
//! ([`Lint::parts`](crate::engine::Lint::parts)).

pub mod completion;
pub mod hover;
pub mod outline;

pub use completion::{Completion, CompletionKind, completions};
pub use hover::{Hover, hover, rule_markdown};
pub use outline::{OutlineItem, outline};
