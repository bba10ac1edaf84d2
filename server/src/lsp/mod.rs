//! `gwlint lsp`: the language server (LSP 3.17 over standard input and output).
//!
//! Editors send the text of the reports a writer has open; the server lints
//! them with the workspace's rules and answers with diagnostics, hovers that
//! explain each rule, quick fixes, the report's outline and completion of
//! heading ordinals. The modules each have one job:
//!
//! - [`server`]: session state, the protocol handlers, debounced linting and
//!   publishing, reloading when the rules change;
//! - [`documents`]: the open documents, one state each (the text in a rope,
//!   edited incrementally; the version; the last analysis; the lint cache);
//! - [`framing`]: a guard that keeps malformed messages from ending the session;
//! - [`convert`]: the one adapter between the engine's byte offsets and the
//!   protocol's positions, ranges and diagnostics (UTF-8/16/32), and between
//!   the answers of the engine's editor features (`gwlint_rules::ide`: hover,
//!   outline, completion — the domain logic) and the protocol's types;
//! - [`analysis`]: one linted version of a document, shared by all features;
//! - [`settings`]: the editor's settings, laid over each `gwlint.toml` when
//!   its rules are built (the rules themselves, one linter per configuration
//!   and what happens when a pack does not load, are the engine's
//!   `workspace::RuleCache`, shared with `gwlint check`);
//!   [`watch`]: noticing that configuration or packs changed on disk;
//! - [`actions`], [`config_edit`]: the code actions and the commands that
//!   edit `gwlint.toml`.
//!
//! The engine is synchronous and CPU-bound, so linting runs on tokio's
//! blocking threads while the protocol keeps flowing.

mod actions;
mod analysis;
mod config_edit;
mod convert;
mod documents;
mod framing;
#[cfg(feature = "fuzzing")]
pub mod fuzz;
mod server;
mod settings;
mod watch;

use gwlint_rules::workspace::RuleCache;
use server::Backend;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Exit code after `shutdown` then `exit`.
const EXIT_CLEAN: u8 = 0;
/// Exit code when the client exits (or disappears) without `shutdown`, as
/// the specification asks.
const EXIT_WITHOUT_SHUTDOWN: u8 = 1;

/// Serves LSP on standard input and output until the client exits.
pub fn run() -> u8 {
    // Every session lints: build jieba while the client initializes and the
    // packs load, not on the first keystroke (see `segment::warm_up`).
    gwlint_rules::segment::warm_up();
    gwlint_rules::pack::warm_up_builtin_models();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("无法启动语言服务器：{e}");
            return EXIT_WITHOUT_SHUTDOWN;
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Pending debounced lints and the file poller are abandoned.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if clean { EXIT_CLEAN } else { EXIT_WITHOUT_SHUTDOWN }
}

/// Serves one session: reads messages from `input` and writes replies and
/// notifications to `output` until the client exits or `input` ends. Returns
/// whether the client asked to shut down first.
pub async fn serve(input: impl AsyncRead + Unpin + Send + 'static, output: impl AsyncWrite + Unpin) -> bool {
    serve_with_rules(input, output, Arc::default()).await
}

/// [`serve`] with a rule cache that outlives the session: the fuzz target
/// runs many sessions and builds the rules once.
pub async fn serve_with_rules(
    input: impl AsyncRead + Unpin + Send + 'static,
    output: impl AsyncWrite + Unpin,
    rules: Arc<RuleCache>,
) -> bool {
    let (service, socket) = LspService::build(|client| Backend::new(client, rules))
        .custom_method("gwlint/documentText", Backend::document_text)
        .custom_method("gwlint/scorecard", Backend::scorecard)
        .custom_method(framing::MALFORMED_METHOD, Backend::malformed)
        .finish();
    let backend = service.inner().clone();
    let (guarded_input, guard_output) = tokio::io::duplex(1 << 16);
    let guard = tokio::spawn(framing::guard(input, guard_output));
    Server::new(guarded_input, output, socket).serve(service).await;
    guard.abort();
    backend.shutdown_requested()
}
