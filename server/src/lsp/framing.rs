//! A guard between standard input and the protocol library.
//!
//! `tower-lsp-server` reads messages through a `FramedRead`, which ends the
//! stream at the first message it cannot decode: one malformed message from
//! a client would stop the server. So the server reads the `Content-Length`
//! frames itself first, passes well-formed messages through unchanged, and
//! replaces each malformed one by a request for [`MALFORMED_METHOD`] with a
//! `null` id, whose handler answers with the JSON-RPC error the bad message
//! deserves (`-32700` parse error or `-32600` invalid request, id `null`).
//! The session goes on.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The method the guard substitutes for a malformed message.
pub const MALFORMED_METHOD: &str = "gwlint/malformedMessage";

/// What was wrong with a message, as the substitute request's params.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Malformed {
    /// Broken framing, or a body that is not JSON.
    Parse,
    /// JSON, but not a JSON-RPC 2.0 message.
    InvalidRequest,
}

#[derive(Debug, serde::Deserialize)]
pub struct MalformedParams {
    pub problem: Malformed,
}

/// The largest message accepted (larger ones are treated as broken framing).
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// Copies frames from `input` to `output` until `input` ends, replacing
/// malformed messages as described in the module documentation.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut input = BufReader::new(input);
    loop {
        let body = match read_frame(&mut input).await {
            Frame::End => break,
            Frame::Broken => substitute(Malformed::Parse),
            Frame::Body(body) => match check(&body) {
                None => body,
                Some(problem) => substitute(problem),
            },
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let written = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if written.await.is_err() {
            break;
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`: the frame is skipped.
    Broken,
    End,
}

async fn read_frame(input: &mut (impl AsyncBufReadExt + Unpin)) -> Frame {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // Stray blank lines between messages.
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok().filter(|&n| n <= MAX_MESSAGE);
        }
    }
    let Some(length) = length else {
        return Frame::Broken;
    };
    let mut body = vec![0; length];
    match input.read_exact(&mut body).await {
        Ok(_) => Frame::Body(body),
        Err(_) => Frame::End,
    }
}

/// What is wrong with a message body, if anything.
fn check(body: &[u8]) -> Option<Malformed> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Some(Malformed::Parse);
    };
    // The protocol library reads an id as a 64-bit integer, a string or
    // null; any other id (1.5, 1e20, an object) made it end the session.
    let id_ok = match value.get("id") {
        None | Some(Value::Null | Value::String(_)) => true,
        Some(Value::Number(n)) => n.is_i64(),
        Some(_) => false,
    };
    let is_message = value.get("jsonrpc").and_then(Value::as_str) == Some("2.0")
        && id_ok
        && match value.get("method") {
            Some(method) => method.is_string(),
            None => value.get("id").is_some() && (value.get("result").is_some() || value.get("error").is_some()),
        };
    (!is_message).then_some(Malformed::InvalidRequest)
}

fn substitute(problem: Malformed) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "id": null, "method": MALFORMED_METHOD, "params": {"problem": problem}})
        .to_string()
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn through_guard(input: &[u8]) -> String {
        let mut output = Vec::new();
        guard(input, &mut output).await;
        String::from_utf8(output).unwrap()
    }

    #[tokio::test]
    async fn good_messages_pass_and_bad_ones_are_replaced() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: {}\r\n\r\n{good}Content-Length: 4\r\n\r\n{{oh!X-Nothing: 1\r\n\r\nContent-Length: 7\r\n\r\n[1,2,3]",
            good.len()
        );
        let output = through_guard(input.as_bytes()).await;
        let bodies: Vec<&str> =
            output.split("\r\n\r\n").skip(1).map(|b| b.split("Content-Length").next().unwrap()).collect();
        assert_eq!(bodies[0], good);
        assert!(bodies[1].contains(r#""problem":"parse""#), "{output}");
        assert!(bodies[2].contains(r#""problem":"parse""#), "{output}");
        assert!(bodies[3].contains(r#""problem":"invalidRequest""#), "{output}");
        assert_eq!(bodies.len(), 4);
    }

    #[test]
    fn responses_and_notifications_are_messages() {
        assert_eq!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#), None);
        assert_eq!(check(br#"{"jsonrpc":"2.0","method":"exit"}"#), None);
        assert_eq!(check(br#"{"jsonrpc":"2.0","method":5}"#), Some(Malformed::InvalidRequest));
        assert_eq!(check(b"\xff"), Some(Malformed::Parse));
    }

    #[test]
    fn ids_the_protocol_library_cannot_read_are_invalid_requests() {
        for id in ["1.5", "100000000000000000000", "{\"a\":1}", "[1]", "true"] {
            let request = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#);
            assert_eq!(check(request.as_bytes()), Some(Malformed::InvalidRequest), "{id}");
            let response = format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#);
            assert_eq!(check(response.as_bytes()), Some(Malformed::InvalidRequest), "{id}");
        }
        for id in ["-7", "9223372036854775807", "\"abc\"", "null"] {
            let request = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"x"}}"#);
            assert_eq!(check(request.as_bytes()), None, "{id}");
        }
    }
}
