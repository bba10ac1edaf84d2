//! `gwlint lsp`: the language server (LSP 3.17 over standard input and output).
//!
//! Editors send the text of the reports a writer has open; the server lints
//! them with the workspace's rules and answers with diagnostics, hovers that
//! explain each rule, quick fixes, the report's outline and completion of
//! heading ordinals. The modules each have one job:
//!
//! - [`server`]: session state, the protocol handlers, debounced linting and
//!   publishing, reloading when the rules change;
//! - [`documents`]: the open documents, kept in ropes and edited incrementally;
//! - [`framing`]: a guard that keeps malformed messages from ending the session;
//! - [`convert`]: the one adapter between the engine's byte offsets and the
//!   protocol's positions, ranges and diagnostics (UTF-8/16/32);
//! - [`analysis`]: one linted version of a document, shared by all features;
//! - [`rulebook`]: the linter for each `gwlint.toml`, and what happens when a
//!   pack does not load; [`settings`]: the editor's settings laid over it;
//!   [`watch`]: noticing that configuration or packs changed on disk;
//! - [`actions`], [`config_edit`], [`hover`], [`symbols`], [`completion`]:
//!   the features.
//!
//! The engine is synchronous and CPU-bound, so linting runs on tokio's
//! blocking threads while the protocol keeps flowing.

mod actions;
mod analysis;
mod completion;
mod config_edit;
mod convert;
mod documents;
mod framing;
mod hover;
mod rulebook;
mod server;
mod settings;
mod symbols;
mod watch;

use server::Backend;
use std::time::Duration;
use tower_lsp_server::{LspService, Server};

/// Exit code after `shutdown` then `exit`.
const EXIT_CLEAN: u8 = 0;
/// Exit code when the client exits (or disappears) without `shutdown`, as
/// the specification asks.
const EXIT_WITHOUT_SHUTDOWN: u8 = 1;

/// Serves LSP on standard input and output until the client exits.
pub fn run() -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("无法启动语言服务器：{e}");
            return EXIT_WITHOUT_SHUTDOWN;
        }
    };
    let clean = runtime.block_on(async {
        let (service, socket) = LspService::build(Backend::new)
            .custom_method("gwlint/documentText", Backend::document_text)
            .custom_method(framing::MALFORMED_METHOD, Backend::malformed)
            .finish();
        let backend = service.inner().clone();
        let (guarded_input, guard_output) = tokio::io::duplex(1 << 16);
        tokio::spawn(framing::guard(tokio::io::stdin(), guard_output));
        Server::new(guarded_input, tokio::io::stdout(), socket).serve(service).await;
        backend.shutdown_requested()
    });
    // Pending debounced lints and the file poller are abandoned.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if clean { EXIT_CLEAN } else { EXIT_WITHOUT_SHUTDOWN }
}
