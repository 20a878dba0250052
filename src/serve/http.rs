//! The little HTTP/1.1 the preview server needs: read a request line and
//! headers, map a URL path to a file inside the output folder and nowhere
//! else, and write responses. One request per connection (`Connection:
//! close`), which is all a preview needs.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The most a request line and its headers may take; a preview server has
/// no use for more, and a client sending more is cut off.
const MAX_HEAD: u64 = 16 * 1024;

/// The time a client has to send its request line and headers, in all. A
/// timeout on each read is not enough: a client sending a byte every few
/// seconds would hold its thread for ever.
pub(crate) const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// A request: method and the raw path (before decoding), without query or fragment.
pub(crate) struct Request {
    pub method: String,
    pub path: String,
    /// The `Host` header, without its port.
    pub host: Option<String>,
}

/// Reads a request's line and headers, sent within `deadline`; `None` when
/// the client sent no complete, well-formed request in that time.
pub(crate) fn read_request(stream: &TcpStream, deadline: Duration) -> Option<Request> {
    let until = Instant::now() + deadline;
    let mut reader = BufReader::new(Deadline { stream, until }.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let mut host = None;
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => return None,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("host")
                {
                    host = Some(without_port(value.trim()).to_ascii_lowercase());
                }
            }
            Err(_) => return None,
        }
    }
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    Some(Request { method, path, host })
}

/// Reads from a stream until a moment, then fails: each read waits at most
/// for what is left of the time.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// `localhost:1111` → `localhost`, `[::1]:1111` → `[::1]`.
fn without_port(host: &str) -> &str {
    match host.rfind(':') {
        Some(i)
            if !host[i..].contains(']') && (host.starts_with('[') || !host[..i].contains(':')) =>
        {
            &host[..i]
        }
        _ => host,
    }
}

/// Whether a server on loopback should answer a request for `host`: an IP
/// address, `localhost` or a name under `.localhost`, or no `Host` at all.
/// A page on another site can make a browser send requests to a loopback
/// port under a name of its own that it points at 127.0.0.1 (DNS
/// rebinding), then read the answers; refusing other names stops it.
pub(crate) fn is_local_host(host: Option<&str>) -> bool {
    let Some(host) = host else {
        return true;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<std::net::IpAddr>().is_ok() || host == "localhost" || host.ends_with(".localhost")
}

/// A complete response.
pub(crate) struct Response<'a> {
    pub status: &'a str,
    pub content_type: &'a str,
    pub body: &'a [u8],
    pub headers: &'a [(&'a str, &'a str)],
}

impl Response<'_> {
    /// A short plain-text response.
    pub fn text<'a>(status: &'a str, body: &'a str) -> Response<'a> {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes(),
            headers: &[],
        }
    }

    /// Writes the response; for a HEAD request, without the body. A client
    /// that went away is not an error worth reporting.
    pub fn send(&self, stream: &mut TcpStream, head_only: bool) {
        let mut head = format!(
            "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        for (name, value) in self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let body = if head_only { &[][..] } else { self.body };
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body))
            .and_then(|()| stream.flush());
    }
}

/// The `Content-Type` of a file served from the output: the site's own
/// mapping, with the charset that XML lacks there.
pub(crate) fn content_type(path: &Path) -> &'static str {
    match crate::mime::content_type(&path.to_string_lossy()) {
        "application/xml" => "application/xml; charset=utf-8",
        "image/svg+xml" => "image/svg+xml; charset=utf-8",
        other => other,
    }
}

/// What a URL path names inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this path.
    Redirect(String),
    NotFound,
    /// Anything that tries to leave the output folder.
    Forbidden,
}

/// Resolves a raw URL path. Refused: `..` and `.` segments (decoded or
/// not), an encoded `/` or `\`, a `\`, NUL, invalid percent-encoding or
/// UTF-8, and anything that resolves, through symlinks, outside `root`.
/// Hidden files (a segment starting with `.`, such as the output marker)
/// are not found.
pub fn resolve(root: &Path, raw: &str) -> Target {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || raw.contains('\\') {
        return Target::Forbidden;
    }
    let Some(decoded) = percent_decode(raw) else {
        return Target::Forbidden;
    };
    if !decoded.starts_with('/')
        || decoded.contains('\0')
        || decoded.split('/').any(|s| s == ".." || s == ".")
    {
        return Target::Forbidden;
    }
    if decoded.split('/').any(|s| s.starts_with('.')) {
        return Target::NotFound;
    }
    let Ok(root) = root.canonicalize() else {
        return Target::NotFound;
    };
    let Ok(real) = root.join(decoded.trim_start_matches('/')).canonicalize() else {
        return Target::NotFound;
    };
    if !real.starts_with(&root) {
        return Target::Forbidden;
    }
    if real.is_dir() {
        if !decoded.ends_with('/') {
            // Re-encode nothing: the raw path is what the client sent. But
            // one leading slash only: `//documents/` is another host's
            // address to a browser.
            return Target::Redirect(format!("/{}/", raw.trim_start_matches('/')));
        }
        return match real.join("index.html").canonicalize() {
            Ok(index) if !index.starts_with(&root) => Target::Forbidden,
            Ok(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

fn percent_decode(text: &str) -> Option<String> {
    // Every `%` must start a valid escape: percent-encoding leaves a bad one
    // as it is, where a request with it is refused.
    let bytes = text.as_bytes();
    let valid = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !valid {
        return None;
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_refuses_bad_escapes_and_bad_utf8() {
        assert_eq!(
            percent_decode("/a%20b/%E4%b8%ad").as_deref(),
            Some("/a b/中")
        );
        assert_eq!(percent_decode("/plain").as_deref(), Some("/plain"));
        for bad in ["/%", "/%4", "/%zz", "/%+1", "/%%41", "/%ff", "/%e4%b8"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_names_are_local_or_not() {
        assert_eq!(without_port("localhost:1111"), "localhost");
        assert_eq!(without_port("[::1]:1111"), "[::1]");
        assert_eq!(without_port("[::1]"), "[::1]");
        assert_eq!(without_port("::1"), "::1");
        assert_eq!(without_port("127.0.0.1"), "127.0.0.1");
        for local in [
            "localhost",
            "a.localhost",
            "127.0.0.1",
            "[::1]",
            "192.168.1.4",
        ] {
            assert!(is_local_host(Some(local)), "{local}");
        }
        assert!(is_local_host(None));
        for remote in ["example.com", "localhost.example", "127.0.0.1.nip.io"] {
            assert!(!is_local_host(Some(remote)), "{remote}");
        }
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        }
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/docs/%2E%2E/%2E%2E/secret.txt",
            "/docs/../../secret.txt",
            "/./secret.txt",
            "/a\\b",
            "/%5c..%5csecret.txt",
            "/%00",
            "/%zz",
            "/%ff",
            "secret.txt",
        ] {
            assert_eq!(resolve(&root, bad), Target::Forbidden, "{bad}");
        }
        #[cfg(unix)]
        {
            assert_eq!(resolve(&root, "/link.txt"), Target::Forbidden);
            assert_eq!(resolve(&root, "/up/secret.txt"), Target::Forbidden);
        }
    }

    #[test]
    fn folders_serve_their_index_after_a_redirect_to_the_slash() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("docs/empty")).unwrap();
        std::fs::write(root.join("docs/index.html"), "x").unwrap();
        std::fs::write(root.join("a b.html"), "x").unwrap();
        std::fs::write(root.join(".accord-output"), "x").unwrap();
        assert_eq!(resolve(root, "/docs"), Target::Redirect("/docs/".into()));
        // Never a protocol-relative address, which names another host.
        assert_eq!(resolve(root, "//docs"), Target::Redirect("/docs/".into()));
        assert!(matches!(resolve(root, "/docs/"), Target::File(_)));
        assert!(matches!(resolve(root, "/a%20b.html"), Target::File(_)));
        assert_eq!(resolve(root, "/docs/empty/"), Target::NotFound);
        assert_eq!(resolve(root, "/nope.html"), Target::NotFound);
        assert_eq!(resolve(root, "/docs/index.html/"), Target::NotFound);
        assert_eq!(resolve(root, "/.accord-output"), Target::NotFound);
    }

    #[test]
    fn text_is_served_with_its_charset() {
        for (name, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/site.js", "text/javascript; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
