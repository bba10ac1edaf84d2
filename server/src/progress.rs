//! A progress line on standard error for long `gwlint check` runs:
//!
//! ```text
//! 检查中 [██████████░░░░░░░░░░] 24/48 报告/青山镇.docx
//! ```
//!
//! Shown only when standard error is a terminal and the run has enough files
//! to take a while; scripts, pipes and CI logs see nothing. The line is
//! redrawn at most ten times a second and erased when the run ends.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Runs with fewer files finish before a progress line would help.
const MIN_FILES: usize = 5;
const WIDTH: usize = 20;
const REDRAW_EVERY: Duration = Duration::from_millis(100);

pub struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    last_drawn: Mutex<Option<Instant>>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let enabled = total >= MIN_FILES && std::io::stderr().is_terminal();
        Progress { total, done: AtomicUsize::new(0), enabled, last_drawn: Mutex::new(None) }
    }

    /// One more file is done.
    pub fn file_done(&self, path: &Path) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let mut last = self.last_drawn.lock().unwrap_or_else(|e| e.into_inner());
        let due = last.is_none_or(|t| t.elapsed() >= REDRAW_EVERY) || done == self.total;
        if !due {
            return;
        }
        *last = Some(Instant::now());
        let filled = done * WIDTH / self.total.max(1);
        let bar = format!("{}{}", "█".repeat(filled), "░".repeat(WIDTH - filled));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K检查中 [{bar}] {done}/{} {}", self.total, path.display());
        let _ = err.flush();
    }

    /// Erases the line before the results are printed.
    pub fn finish(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
