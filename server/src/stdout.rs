//! Standard output for the command-line subcommands.
//!
//! `print!` panics when standard output is gone: `gwlint check …/*.txt | head`
//! stops reading after ten lines, the pipe closes, and the next write fails
//! with `BrokenPipe` (Rust ignores SIGPIPE, so the write returns an error
//! instead of ending the process as it ends `cat`). A reader that has seen
//! enough is not a failure of gwlint: [`out!`] and [`outln!`] end the process
//! quietly then, with status 0, as ripgrep does. Any other write error is
//! reported on standard error and ends the run with the trouble status.

use std::io::{ErrorKind, Write};

/// Writes `args` to standard output, ending the process if it cannot.
pub fn write(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("无法写入标准输出：{e}");
        std::process::exit(i32::from(crate::check::EXIT_TROUBLE));
    }
}

/// `print!` that ends the process quietly when the reader has gone.
macro_rules! out {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!($($arg)*)) };
}

/// `println!` that ends the process quietly when the reader has gone.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {out, outln};
