//! Reading a file the user names, with a ceiling on its size.
//!
//! A rule pack, a configuration, a pack's data file and a report are each read
//! whole into memory. A file far larger than any of them can be — a log or a
//! data dump picked by mistake, or a device such as `/dev/zero` — would
//! otherwise take the process's memory before anything could say what is
//! wrong (a 300 MB line of text once made `gwlint check` abort on a failed
//! 4.8 GB allocation). Each kind of file has its ceiling here, far above what
//! a real one needs; past it the caller gets a sentence that says so.

use std::fs::File;
use std::io::Read;
use std::path::Path;

const MIB: u64 = 1 << 20;

/// A rule pack (`*.toml`). The built-in pack is 0.2 MiB; a pack of 100,000
/// rules, which the loader is tested with, about 30 MiB.
pub const PACK_FILE: u64 = 64 * MIB;

/// A `gwlint.toml`: a few lines.
pub const CONFIG_FILE: u64 = 4 * MIB;

/// A data file a pack names (a dictionary, a catalogue, a language model; the
/// built-in model is 16 MiB).
pub const DATA_FILE: u64 = 512 * MIB;

/// A report, as text or as a Word document. The longest real report the
/// project holds is under 0.1 MiB; a 10 MiB document is linted in seconds.
pub const REPORT_FILE: u64 = 64 * MIB;

/// The bytes of `path`, if it holds at most `limit` of them. The error is a
/// sentence (in Chinese, for the user) naming the ceiling or the I/O error.
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| io_error_zh(&e))?;
    // A regular file says its size: refuse it before reading a byte. A device
    // or a pipe does not, so the read itself stops one byte past the ceiling.
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > limit
    {
        return Err(too_large(limit));
    }
    read_stream_at_most(file, limit)
}

/// Reads a stream that does not say its size (standard input, a pipe) up to
/// `limit` bytes: one byte past it says it is over, and the rest is never read.
pub fn read_stream_at_most(stream: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    stream.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_error_zh(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> String {
    format!("文件超过 {} MiB 的上限，不像是本工具要读的文件", limit / MIB)
}

/// An I/O error in the words of the messages around it: the common cases in
/// Chinese, anything else as the system says it (with its code).
pub fn io_error_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "文件不存在".into(),
        ErrorKind::PermissionDenied => "没有读取权限".into(),
        ErrorKind::IsADirectory => "这是文件夹，不是文件".into(),
        _ => e.to_string(),
    }
}

/// [`io_error_zh`] for writing a file: a fix or a reviewed copy that could
/// not be saved. A report open in Word or WPS is the usual reason on Windows
/// (the file is locked), so the message says so.
pub fn io_write_error_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => "没有写入权限：文件是只读的，或正在 Word、WPS 中打开（请先关闭）".into(),
        ErrorKind::NotFound => "文件所在的文件夹不存在".into(),
        ErrorKind::IsADirectory => "这是文件夹，不是文件".into(),
        ErrorKind::StorageFull => "磁盘已满".into(),
        ErrorKind::ReadOnlyFilesystem => "文件所在的磁盘或文件夹是只读的".into(),
        _ => e.to_string(),
    }
}

/// [`read_at_most`] for a text file: the bytes must be UTF-8.
pub fn read_text_at_most(path: &Path, limit: u64) -> Result<String, String> {
    String::from_utf8(read_at_most(path, limit)?).map_err(|_| "不是 UTF-8 编码的文本".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_errors_say_what_to_do_in_chinese() {
        use std::io::{Error, ErrorKind};
        let said = |kind| io_write_error_zh(&Error::from(kind));
        assert!(said(ErrorKind::PermissionDenied).contains("没有写入权限"));
        assert!(said(ErrorKind::PermissionDenied).contains("Word"));
        assert_eq!(said(ErrorKind::StorageFull), "磁盘已满");
        // Reading says 读取, writing 写入: the same kind, two messages.
        assert!(io_error_zh(&Error::from(ErrorKind::PermissionDenied)).contains("读取"));
        // Anything else as the system says it.
        assert_eq!(io_write_error_zh(&Error::other("奇怪的错误")), "奇怪的错误");
    }

    #[test]
    fn a_file_at_the_ceiling_is_read_and_one_byte_more_is_refused() {
        let dir = std::env::temp_dir().join(format!("gwlint-file-limits-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.txt");
        std::fs::write(&path, "法治政府").unwrap(); // 12 bytes
        assert_eq!(read_text_at_most(&path, 12).unwrap(), "法治政府");
        let error = read_at_most(&path, 11).unwrap_err();
        assert!(error.contains("上限"), "{error}");
        // A sparse file far larger than the ceiling is refused by its size,
        // without being read.
        let sparse = dir.join("sparse.txt");
        File::create(&sparse).unwrap().set_len(REPORT_FILE + 1).unwrap();
        assert!(read_at_most(&sparse, REPORT_FILE).unwrap_err().contains("64 MiB"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stream_is_read_to_the_ceiling_and_refused_one_byte_past_it() {
        assert_eq!(read_stream_at_most(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(read_stream_at_most(&b"abcd"[..], 3).unwrap_err().contains("上限"));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_without_end_is_read_only_to_the_ceiling() {
        let error = read_at_most(Path::new("/dev/zero"), 4096).unwrap_err();
        assert!(error.contains("上限"), "{error}");
    }

    #[test]
    fn a_missing_file_or_a_folder_is_an_io_error_in_chinese() {
        let error = read_at_most(Path::new("/nonexistent/gwlint/pack.toml"), PACK_FILE).unwrap_err();
        assert_eq!(error, "文件不存在");
        // Windows refuses to open a folder at all (access denied).
        if cfg!(unix) {
            let error = read_at_most(&std::env::temp_dir(), PACK_FILE).unwrap_err();
            assert_eq!(error, "这是文件夹，不是文件");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let dir = std::env::temp_dir().join(format!("gwlint-file-limits-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gbk.txt");
        std::fs::write(&path, [0xB7u8, 0xA8, 0xD6, 0xCE]).unwrap(); // 法治 in GBK
        assert!(read_text_at_most(&path, PACK_FILE).unwrap_err().contains("UTF-8"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
