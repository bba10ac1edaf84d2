//! The language server itself: session state, linting and publishing, rule
//! reloads, and the protocol handlers, which hand their real work to the
//! feature modules and to the engine's editor features (`gwlint_rules::ide`),
//! whose answers `convert` turns into the protocol's types.

use super::actions::{self, DISABLE_COMMAND, FIX_ALL_KIND, FindingRef, IGNORE_COMMAND};
use super::analysis::Analysis;
use super::config_edit::{self, ConfigChange};
use super::convert::{self, Encoding};
use super::documents::{ChangeError, Documents, Lookup};
use super::framing::{Malformed, MalformedParams};
use super::settings::ClientSettings;
use super::watch;
use gwlint_rules::LoadError;
use gwlint_rules::ide;
use gwlint_rules::scorecard::{self, Scorecard};
use gwlint_rules::workspace::{self, ConfigKey, RuleCache, RuleSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// The server. Cheap to clone: tasks it spawns (debounced lints, the file
/// poller) hold a clone.
#[derive(Clone)]
pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    /// The open documents, each with its text, last analysis and lint cache.
    documents: Documents,
    /// One rule set per `gwlint.toml`, shared with `gwlint check`'s code
    /// (and, in the fuzz target, with the sessions before).
    rules: Arc<RuleCache>,
    session: Mutex<Session>,
    /// The load errors last published, by file, to clear them once mended.
    published_load_errors: Mutex<BTreeMap<PathBuf, Vec<LoadError>>>,
    /// Rule builds under way, by configuration and rule cache generation.
    building: Mutex<HashMap<(ConfigKey, u64), BuildDone>>,
    shutdown_requested: AtomicBool,
}

/// Receives the rules once a build is done.
type BuildDone = tokio::sync::watch::Receiver<Option<Arc<RuleSet>>>;

/// How long a request waits for rules being built before it goes on with
/// interim ones (see [`Backend::rules_or_interim`]). Generous, so that an
/// ordinary workspace on a slow machine never sees interim rules.
const BUILD_PATIENCE: Duration = Duration::from_secs(8);

/// What `initialize` settled.
#[derive(Default)]
struct Session {
    encoding: Encoding,
    root: Option<PathBuf>,
    settings: ClientSettings,
    /// A message about unusable initialization options, shown once initialized.
    settings_error: Option<String>,
    /// The client pulls diagnostics (`textDocument/diagnostic`): do not push them.
    pull_diagnostics: bool,
    /// The client can be asked to refresh pulled diagnostics.
    diagnostic_refresh: bool,
    /// The client watches files for us when asked through dynamic registration.
    watches_files: bool,
}

/// `gwlint/documentText`: the server's copy of an open document (also the
/// parameters of `gwlint/scorecard`).
#[derive(Debug, Deserialize)]
pub struct DocumentTextParams {
    pub uri: Uri,
}

#[derive(Debug, Serialize)]
pub struct DocumentText {
    pub text: String,
    pub version: i32,
}

impl Backend {
    /// A server whose rule cache is `rules`.
    pub fn new(client: Client, rules: Arc<RuleCache>) -> Backend {
        Backend {
            inner: Arc::new(Inner {
                client,
                documents: Documents::default(),
                rules,
                session: Mutex::default(),
                published_load_errors: Mutex::default(),
                building: Mutex::default(),
                shutdown_requested: AtomicBool::new(false),
            }),
        }
    }

    /// Did the client ask to shut down before exiting? (Decides the exit code.)
    pub fn shutdown_requested(&self) -> bool {
        self.inner.shutdown_requested.load(Ordering::SeqCst)
    }

    /// The custom request `gwlint/documentText`.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<Option<DocumentText>> {
        Ok(self.inner.documents.snapshot(&params.uri).map(|s| DocumentText { text: s.text, version: s.version }))
    }

    /// The custom request `gwlint/scorecard`: the scorecard of an open
    /// document, as `gwlint check --format json` gives each file's (the
    /// parameters are `gwlint/documentText`'s); `null` for a document not open.
    pub async fn scorecard(&self, params: DocumentTextParams) -> Result<Option<Scorecard>> {
        let Some(analysis) = self.analysis(&params.uri).await else {
            return Ok(None);
        };
        if analysis.too_long.is_some() {
            return Ok(None);
        }
        let linter = &analysis.rules.linter;
        Ok(Some(scorecard::compute(linter, &analysis.doc, &analysis.lint.parts, &analysis.lint.findings)))
    }

    /// The reply to a malformed message (see [`framing`](super::framing)).
    pub async fn malformed(&self, params: MalformedParams) -> Result<()> {
        Err(match params.problem {
            Malformed::Parse => Error::parse_error(),
            Malformed::InvalidRequest => Error::invalid_request(),
        })
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.inner.session)
    }

    fn encoding(&self) -> Encoding {
        self.session().encoding
    }

    fn root(&self) -> Option<PathBuf> {
        self.session().root.clone()
    }

    /// The rules for a document at `path`, built on first use.
    async fn rules_for(&self, path: Option<&Path>) -> Arc<RuleSet> {
        self.rules_or_interim(path).await.0
    }

    /// The rules for a document at `path`, and whether they are only interim.
    ///
    /// Building runs in its own task, shared by every caller that needs the
    /// same configuration. A caller waits for it at most [`BUILD_PATIENCE`]:
    /// a workspace pack of 100,000 rules takes far longer to load, and the
    /// server must go on answering meanwhile. Such a caller gets interim
    /// rules (the last ones that loaded for this configuration, else the
    /// built-in packs), and when the build ends the open documents are linted
    /// again with the real ones.
    async fn rules_or_interim(&self, path: Option<&Path>) -> (Arc<RuleSet>, bool) {
        let key = workspace::config_for(path, self.root().as_deref());
        if let Some(rules) = self.inner.rules.cached(&key) {
            return (rules, false);
        }
        let mut done = self.start_build(key.clone());
        if let Ok(Ok(rules)) = tokio::time::timeout(BUILD_PATIENCE, done.wait_for(Option::is_some)).await
            && let Some(rules) = rules.as_ref()
        {
            return (rules.clone(), false);
        }
        let interim = match self.inner.rules.last_good(&key) {
            Some(rules) => rules,
            // Nothing has loaded for this configuration yet, and it is not
            // read here: the built-in packs with default settings.
            None => Arc::new(RuleSet::fallback(&key, &gwlint_rules::Config::default())),
        };
        (interim, true)
    }

    /// Starts building the rules for `key` under the current generation, or
    /// joins the build already running.
    fn start_build(&self, key: ConfigKey) -> BuildDone {
        let generation = self.inner.rules.generation();
        let mut building = lock(&self.inner.building);
        if let Some(done) = building.get(&(key.clone(), generation)) {
            return done.clone();
        }
        let (sender, done) = tokio::sync::watch::channel(None);
        building.insert((key.clone(), generation), done.clone());
        drop(building);
        let this = self.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let settings = this.session().settings.clone();
            let worker = this.clone();
            let build_key = key.clone();
            let built =
                tokio::task::spawn_blocking(move || worker.inner.rules.load(&build_key, |c| settings.apply(c))).await;
            let rules = match built {
                // Rules read before a reload are not stored: a newer build follows.
                Ok(built) if this.inner.rules.generation() == generation => {
                    this.inner.rules.store(key.clone(), &built);
                    for warning in &built.rules.warnings {
                        this.inner.client.log_message(MessageType::WARNING, warning).await;
                    }
                    this.report_load_errors().await;
                    built.rules
                }
                Ok(built) => built.rules,
                // Building panicked: lint with no rules rather than not at all.
                Err(_) => Arc::new(RuleSet::empty(&key)),
            };
            lock(&this.inner.building).remove(&(key, generation));
            let _ = sender.send(Some(rules));
            if started.elapsed() >= BUILD_PATIENCE && this.inner.rules.generation() == generation {
                // Someone went on with interim rules: lint again with these.
                this.inner.documents.forget_analyses();
                this.republish().await;
            }
        });
        done
    }

    /// The analysis of the document's current text, computed if needed.
    async fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let generation = self.inner.rules.generation();
        let (snapshot, cache) = match self.inner.documents.lookup(uri, generation)? {
            Lookup::Current(analysis) => return Some(analysis),
            Lookup::Stale { snapshot, cache } => (snapshot, cache),
        };
        let (rules, interim) = self.rules_or_interim(snapshot.path.as_deref()).await;
        let analysis =
            tokio::task::spawn_blocking(move || Analysis::compute(snapshot, rules, generation, &mut lock(&cache)))
                .await
                .ok()?;
        let analysis = Arc::new(analysis);
        // An analysis under interim rules is not kept: the real rules follow.
        if !interim {
            self.inner.documents.keep(&analysis);
        }
        Some(analysis)
    }

    /// Lints the document `delay` from now, unless it changes in between.
    fn schedule_lint(&self, uri: Uri, delay: Duration) {
        let this = self.clone();
        let expected = self.inner.documents.version(&uri);
        tokio::spawn(async move {
            // tokio's timer ticks in milliseconds: sleeping for zero would
            // still wait for the next tick.
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if this.inner.documents.version(&uri) == expected {
                this.lint_and_publish(&uri).await;
            }
        });
    }

    /// Pushes the document's diagnostics, unless the client pulls them or the
    /// document changed while it was linted (a newer lint is on its way).
    async fn lint_and_publish(&self, uri: &Uri) {
        if self.session().pull_diagnostics {
            return;
        }
        let Some(analysis) = self.analysis(uri).await else {
            return;
        };
        let version = analysis.version;
        if self.inner.documents.version(uri) != Some(version) {
            return;
        }
        let diagnostics = self.diagnostics(&analysis);
        self.inner.client.publish_diagnostics(uri.clone(), diagnostics, Some(version)).await;
    }

    fn diagnostics(&self, analysis: &Analysis) -> Vec<Diagnostic> {
        if let Some(length) = analysis.too_long {
            return vec![convert::too_long_diagnostic(length)];
        }
        let index = analysis.positions(self.encoding());
        analysis.lint.findings.iter().map(|f| convert::diagnostic(f, &index, &analysis.uri)).collect()
    }

    /// Rebuilds the rules (a configuration or pack changed) and re-lints
    /// every open document.
    async fn reload(&self) {
        self.inner.rules.invalidate();
        self.inner.documents.forget_analyses();
        // The workspace's own configuration, so that its pack errors show
        // even while no document is open.
        if self.root().is_some() {
            self.rules_for(None).await;
        }
        for path in self.inner.documents.paths() {
            self.rules_for(Some(&path)).await;
        }
        self.report_load_errors().await;
        self.republish().await;
    }

    /// Lints every open document again and publishes (or, for a client that
    /// pulls diagnostics, asks it to pull again).
    async fn republish(&self) {
        let (pull, refresh) = {
            let session = self.session();
            (session.pull_diagnostics, session.diagnostic_refresh)
        };
        if pull {
            if refresh {
                let _ = self.inner.client.workspace_diagnostic_refresh().await;
            }
            return;
        }
        for uri in self.inner.documents.uris() {
            self.lint_and_publish(&uri).await;
        }
    }

    /// Publishes load errors on the files they are in, clears the files that
    /// were mended, and tells the user when the situation changed.
    async fn report_load_errors(&self) {
        let now = self.inner.rules.errors_by_file();
        let before = std::mem::replace(&mut *lock(&self.inner.published_load_errors), now.clone());
        if before == now {
            return;
        }
        let encoding = self.encoding();
        for (file, errors) in &now {
            let Some(uri) = Uri::from_file_path(file) else { continue };
            let source =
                gwlint_rules::file_limits::read_text_at_most(Path::new(file), gwlint_rules::file_limits::PACK_FILE)
                    .ok();
            let diagnostics =
                errors.iter().map(|e| convert::load_error_diagnostic(e, source.as_deref(), encoding)).collect();
            self.inner.client.publish_diagnostics(uri, diagnostics, None).await;
        }
        for file in before.keys().filter(|f| !now.contains_key(*f)) {
            if let Some(uri) = Uri::from_file_path(file) {
                self.inner.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        let client = &self.inner.client;
        // Taken out of `now` before awaiting: the iterator's closures would not be `Send`.
        let first_error = now.iter().find_map(|(file, errors)| Some((file.clone(), errors.first()?.clone())));
        match first_error {
            Some((file, first)) => {
                let count: usize = now.values().map(Vec::len).sum();
                let place = match first.line {
                    0 => file.display().to_string(),
                    line => format!("{}:{line}:{}", file.display(), first.column),
                };
                let message = format!(
                    "gwlint 规则加载失败（共 {count} 处错误），继续使用上次成功加载的规则。{place}：{}",
                    first.message
                );
                client.show_message(MessageType::ERROR, message).await;
            }
            None => client.show_message(MessageType::INFO, "gwlint 规则已恢复正常并重新加载。").await,
        }
    }

    /// Records a reviewer's decision in `gwlint.toml`, then reloads.
    async fn change_config(&self, finding: FindingRef, disable: bool) -> Result<()> {
        let document = finding.uri.to_file_path().map(|p| p.into_owned());
        let root = self.root();
        let in_force = workspace::config_for(document.as_deref(), root.as_deref());
        let Some(target) = config_edit::target_file(in_force.as_deref(), root.as_deref(), document.as_deref()) else {
            return Err(invalid_params("无法确定 gwlint.toml 的位置：文档不是本地文件，也没有打开工作区文件夹"));
        };
        let change = if disable {
            ConfigChange::Disable { rule: finding.rule }
        } else {
            let file = document.as_deref().and_then(|d| config_edit::relative_file(&target, d));
            ConfigChange::Ignore { rule: finding.rule, text: finding.text, file }
        };
        if let Err(message) = config_edit::write_change(&target, &change) {
            self.inner.client.show_message(MessageType::ERROR, &message).await;
            return Err(invalid_params(&message));
        }
        self.reload().await;
        Ok(())
    }

    /// Starts the polling watcher (for clients that do not watch files).
    fn start_polling(&self) {
        let this = self.clone();
        let paths = move || {
            let mut paths = this.inner.rules.files_in_use();
            let mut documents = this.inner.documents.paths();
            documents.extend(this.root().map(|r| r.join(gwlint_rules::config::CONFIG_FILE)));
            paths.extend(watch::config_candidates(&documents));
            paths
        };
        let this = self.clone();
        let reload = move || {
            let this = this.clone();
            async move { this.reload().await }
        };
        let this = self.clone();
        tokio::spawn(watch::poll(paths, reload, move || !this.shutdown_requested()));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn invalid_params(message: &str) -> Error {
    Error { code: tower_lsp_server::jsonrpc::ErrorCode::InvalidParams, message: message.to_string().into(), data: None }
}

fn server_capabilities(session: &Session) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(session.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions::default()),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL_KIND]),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![IGNORE_COMMAND.to_string(), DISABLE_COMMAND.to_string()],
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: session.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(convert::SOURCE.to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..DiagnosticOptions::default()
            })
        }),
        ..ServerCapabilities::default()
    }
}

/// The workspace folder: the first one the client names, else its root URI.
#[allow(deprecated)] // `root_uri` is deprecated but still what older clients send.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| &f.uri);
    folder.or(params.root_uri.as_ref()).and_then(|uri| uri.to_file_path()).map(|p| p.into_owned())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let root = workspace_root(&params);
        let options = params.initialization_options.clone().unwrap_or_default();
        let (settings, settings_error) = match ClientSettings::parse(&options, root.as_deref()) {
            Ok(settings) => (settings, None),
            Err(message) => (ClientSettings::default(), Some(message)),
        };
        let workspace = capabilities.workspace.as_ref();
        let session = Session {
            encoding: Encoding::negotiate(capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref())),
            root,
            settings,
            settings_error,
            pull_diagnostics: capabilities.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some()),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            watches_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        };
        let result = InitializeResult {
            capabilities: server_capabilities(&session),
            server_info: Some(ServerInfo {
                name: "gwlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            ..InitializeResult::default()
        };
        *self.session() = session;
        Ok(result)
    }

    async fn initialized(&self, _: InitializedParams) {
        let (settings_error, watches_files) = {
            let mut session = self.session();
            (session.settings_error.take(), session.watches_files)
        };
        if let Some(message) = settings_error {
            self.inner.client.show_message(MessageType::WARNING, message).await;
        }
        let registered =
            watches_files && self.inner.client.register_capability(vec![watch::registration()]).await.is_ok();
        if !registered {
            self.start_polling();
        }
        if self.root().is_some() {
            self.rules_for(None).await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.inner.documents.open(document.uri.clone(), &document.text, document.version, &document.language_id);
        self.schedule_lint(document.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any `.await`: handlers run concurrently, and only
        // this keeps edits in the order the client sent them.
        let uri = params.text_document.uri;
        let applied =
            self.inner.documents.change(&uri, params.text_document.version, &params.content_changes, self.encoding());
        match applied {
            Ok(()) => {
                let debounce = self.session().settings.debounce;
                self.schedule_lint(uri, debounce);
            }
            Err(ChangeError::UnknownDocument) => {
                let message = format!("忽略对未打开文档的修改：{}", uri.as_str());
                self.inner.client.log_message(MessageType::WARNING, message).await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.inner.documents.close(&uri);
        if !self.session().pull_diagnostics {
            self.inner.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Some clients (eglot) announce a change with no settings at all right
        // after connecting; that must not wipe what initializationOptions set.
        let empty = params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty());
        if empty {
            return;
        }
        let root = self.root();
        match ClientSettings::parse(&params.settings, root.as_deref()) {
            Ok(settings) => {
                self.session().settings = settings;
                self.reload().await;
            }
            Err(message) => self.inner.client.show_message(MessageType::WARNING, message).await,
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let concerns_rules =
            params.changes.iter().any(|c| c.uri.to_file_path().is_some_and(|p| watch::concerns_rules(&p)));
        if concerns_rules {
            self.reload().await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let Some(analysis) = self.analysis(&uri).await else {
            return Err(invalid_params(&format!("文档未打开：{}", uri.as_str())));
        };
        let report = RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items: self.diagnostics(&analysis),
            },
        };
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(report)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(analysis) = self.analysis(&at.text_document.uri).await else {
            return Ok(None);
        };
        let index = analysis.positions(self.encoding());
        let offset = index.offset(at.position);
        let hover = ide::hover(&analysis.doc, &analysis.rules.linter, &analysis.lint, offset);
        Ok(hover.map(|hover| convert::hover(hover, &index)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(analysis) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let index = analysis.positions(self.encoding());
        let outline = ide::outline(&analysis.doc, &analysis.rules.linter, &analysis.lint);
        Ok(Some(DocumentSymbolResponse::Nested(
            outline.iter().map(|item| convert::document_symbol(item, &index)).collect(),
        )))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let Some(analysis) = self.analysis(&at.text_document.uri).await else {
            return Ok(None);
        };
        let index = analysis.positions(self.encoding());
        let (offset, line_start) = (index.offset(at.position), index.offset(Position::new(at.position.line, 0)));
        let completions = ide::completions(&analysis.doc, &analysis.rules.linter, &analysis.lint, line_start, offset);
        let items: Vec<CompletionItem> =
            completions.into_iter().enumerate().map(|(rank, c)| convert::completion_item(rank, c, &index)).collect();
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(analysis) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let (range, only, encoding) = (params.range, params.context.only, self.encoding());
        // Off the async threads: "fix all" may lint the document again, a few
        // times, to fix what its first round uncovers.
        let actions =
            tokio::task::spawn_blocking(move || actions::code_actions(&analysis, range, only.as_deref(), encoding));
        match actions.await {
            Ok(actions) => Ok(Some(actions)),
            // A panic stays a panic, as it was when the actions were made here.
            Err(error) => match error.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(_) => Ok(None),
            },
        }
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let disable = match params.command.as_str() {
            IGNORE_COMMAND => false,
            DISABLE_COMMAND => true,
            other => return Err(invalid_params(&format!("未知命令：{other}"))),
        };
        let argument = params.arguments.into_iter().next().unwrap_or_default();
        let finding: FindingRef =
            serde_json::from_value(argument).map_err(|e| invalid_params(&format!("命令参数有误：{e}")))?;
        self.change_config(finding, disable).await?;
        Ok(None)
    }
}
