//! The little HTTP/1.1 the preview server needs: read a request line and
//! headers, map a URL path to a file inside the output folder and nowhere
//! else, and write responses.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

/// A request: method and the raw path (before decoding).
pub struct Request {
    pub method: String,
    pub path: String,
}

pub fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    // Headers are read and dropped: nothing here depends on them.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    Some(Request { method, path })
}

pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// What a URL path names inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this path.
    Redirect(String),
    NotFound,
    /// Anything that tries to leave the output folder.
    Forbidden,
}

/// Resolves a raw URL path. Refused: `..` segments (decoded or not), an
/// encoded `/` or `\\`, NUL, and anything that resolves, through symlinks,
/// outside `root`.
pub fn resolve(root: &Path, raw: &str) -> Target {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || raw.contains('\\')
    {
        return Target::Forbidden;
    }
    let Some(decoded) = percent_decode(raw) else {
        return Target::Forbidden;
    };
    if !decoded.starts_with('/') || decoded.split('/').any(|s| s == ".." || s == ".") {
        return Target::Forbidden;
    }
    let Ok(root) = root.canonicalize() else {
        return Target::NotFound;
    };
    let relative = decoded.trim_start_matches('/');
    let candidate = root.join(relative);
    let Ok(real) = candidate.canonicalize() else {
        return Target::NotFound;
    };
    if !real.starts_with(&root) {
        return Target::Forbidden;
    }
    if real.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Redirect(format!("{decoded}/"));
        }
        let index = real.join("index.html");
        return match index.canonicalize() {
            Ok(i) if i.starts_with(&root) && i.is_file() => Target::File(i),
            _ => Target::NotFound,
        };
    }
    Target::File(real)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/docs/%2E%2E/%2E%2E/secret.txt",
            "/a\\b",
            "/%00",
        ] {
            assert_eq!(resolve(&root, bad), Target::Forbidden, "{bad}");
        }
        #[cfg(unix)]
        assert_eq!(resolve(&root, "/link.txt"), Target::Forbidden);
        assert_eq!(resolve(&root, "/docs"), Target::Redirect("/docs/".into()));
        assert!(matches!(resolve(&root, "/docs/"), Target::File(_)));
        assert_eq!(resolve(&root, "/nope.html"), Target::NotFound);
    }
}
