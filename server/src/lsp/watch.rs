//! Noticing that `gwlint.toml` or a rule pack changed on disk.
//!
//! Editors that can watch files for the server are asked to, through a
//! dynamic registration of `workspace/didChangeWatchedFiles` for `*.toml`
//! files. For editors that cannot, the server polls: once a second it looks
//! at the modification time and size of the files that shape the rules (the
//! configuration and pack files in use, and every place a `gwlint.toml`
//! could appear above an open document) and reloads when any of them moved.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
};

/// How often the polling watcher looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The id of the server's file watching registration.
const REGISTRATION_ID: &str = "gwlint-watch-toml";

/// The registration asking the editor to report changes to `*.toml` files.
pub fn registration() -> Registration {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher { glob_pattern: GlobPattern::String("**/*.toml".to_string()), kind: None }],
    };
    Registration {
        id: REGISTRATION_ID.to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// Does a change to `path` concern the rules?
pub fn concerns_rules(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// Where a `gwlint.toml` would take effect for documents in these files' folders.
pub fn config_candidates(documents: &[PathBuf]) -> Vec<PathBuf> {
    let mut candidates: Vec<PathBuf> = documents
        .iter()
        .filter_map(|p| p.parent())
        .flat_map(Path::ancestors)
        .map(|dir| dir.join(gwlint_rules::config::CONFIG_FILE))
        .collect();
    candidates.sort();
    candidates.dedup();
    candidates
}

/// What the watcher compares: modification time and size, or nothing when
/// the file does not exist (so that creating or deleting a file counts).
type Stamp = Option<(SystemTime, u64)>;

fn stamps(paths: &[PathBuf]) -> BTreeMap<PathBuf, Stamp> {
    paths
        .iter()
        .map(|path| {
            let stamp = std::fs::metadata(path).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
            (path.clone(), stamp)
        })
        .collect()
}

/// Polls the files `paths()` names while `serving()`, calling `on_change`
/// when one of the files seen last time changed, appeared or disappeared.
/// (A poller that outlived its session would keep the session's server, and
/// its documents, alive for as long as the runtime runs.)
pub async fn poll<P, C, F>(paths: P, on_change: C, serving: impl Fn() -> bool)
where
    P: Fn() -> Vec<PathBuf>,
    C: Fn() -> F,
    F: Future<Output = ()>,
{
    let mut seen = stamps(&paths());
    loop {
        tokio::time::sleep(POLL_INTERVAL).await;
        if !serving() {
            return;
        }
        let now = stamps(&paths());
        let changed = now.iter().any(|(path, stamp)| seen.get(path).is_some_and(|before| before != stamp));
        if changed {
            on_change().await;
            // The reload may have brought new files into use: start from them.
            seen = stamps(&paths());
        } else {
            seen = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_may_come_from_any_folder_above_a_document() {
        let candidates = config_candidates(&[PathBuf::from("/ws/报告/a.txt")]);
        assert_eq!(
            candidates,
            [PathBuf::from("/gwlint.toml"), PathBuf::from("/ws/gwlint.toml"), PathBuf::from("/ws/报告/gwlint.toml")]
        );
        assert!(concerns_rules(Path::new("/ws/规则/本县.TOML")));
        assert!(!concerns_rules(Path::new("/ws/a.txt")));
    }
}
