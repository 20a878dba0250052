//! Live reload: the script added to pages as they are served, and the
//! server-sent event stream that tells open tabs to reload or to show why
//! the last rebuild failed.
//!
//! Every good build has a number, its generation. A page carries the
//! generation it was served from, and the stream starts with the current
//! one (`hello`), so a tab that loaded just before a rebuild, and missed its
//! `reload`, reloads all the same.
//!
//! Events: `hello` (data: the generation), `reload` (data: the new
//! generation), `build-error` (data: the error as a JSON string).

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The path of the event stream; no site file can have it (slugs have no `_`).
pub(crate) const EVENTS: &str = "/__accord/events";

/// How often an idle stream gets a comment, so a closed tab is noticed.
const PING: Duration = Duration::from_secs(10);

/// The script, with `GENERATION` to be replaced by the page's generation.
const SCRIPT: &str = r#"<script>
(function () {
  // Added by `accord serve` as the page is served; never part of the built site.
  var generation = GENERATION;
  var overlay = null;
  var source = new EventSource("/__accord/events");
  source.addEventListener("hello", function (event) {
    if (Number(event.data) !== generation) { window.location.reload(); }
  });
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("build-error", function (event) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.title = "Click to hide";
      overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:50vh;" +
        "overflow:auto;background:#fff4f4;color:#6b0000;border:2px solid #b00020;border-radius:6px;" +
        "padding:1rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;" +
        "box-shadow:0 4px 24px rgba(0,0,0,.25);cursor:pointer";
      overlay.addEventListener("click", function () { overlay.hidden = true; });
      document.body.appendChild(overlay);
    }
    overlay.hidden = false;
    overlay.textContent = "accord: the last rebuild failed; this page is from the last good build.\n\n" +
      JSON.parse(event.data);
  });
})();
</script>
"#;

/// Adds the reload script, for a page of `generation`, before `</body>`
/// (at the end when there is none).
pub(crate) fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let script = SCRIPT.replace("GENERATION", &generation.to_string());
    let text = String::from_utf8_lossy(html);
    let at = text
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(text.len());
    format!("{}{script}{}", &text[..at], &text[at..]).into_bytes()
}

/// Makes a 404 page's links work at any depth of the preview: its `<base>`
/// (which names the published site, when known) becomes the server's root,
/// and a page without one gets one.
pub(crate) fn rebase(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let lower = text.to_ascii_lowercase();
    let base = r#"<base href="/">"#;
    if let Some(start) = lower.find("<base ")
        && let Some(len) = lower[start..].find('>')
    {
        return format!("{}{base}{}", &text[..start], &text[start + len + 1..]).into_bytes();
    }
    // After `<head>` or `<head …>`, not `<header>`.
    let head = lower.match_indices("<head").find_map(|(start, _)| {
        let rest = &lower[start + "<head".len()..];
        let next = rest.chars().next()?;
        if next != '>' && !next.is_ascii_whitespace() {
            return None;
        }
        Some(start + "<head".len() + rest.find('>')? + 1)
    });
    match head {
        Some(at) => format!("{}{base}{}", &text[..at], &text[at..]).into_bytes(),
        None => text.into_owned().into_bytes(),
    }
}

/// The minimal page sent for a missing file when the site has no 404 page
/// (or has not been built yet).
pub(crate) fn plain_not_found() -> &'static [u8] {
    b"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body><h1>404: not found</h1></body></html>\n"
}

/// The state of the site as open tabs should see it, and their streams.
pub(crate) struct Hub {
    /// Good builds so far.
    generation: AtomicU64,
    /// The error of the last build, while it stands.
    error: Mutex<Option<String>>,
    /// One sender per open stream.
    clients: Mutex<Vec<Sender<String>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

impl Hub {
    /// A hub after the first build, which failed with `error` or not.
    pub fn new(error: Option<String>) -> Hub {
        Hub {
            generation: AtomicU64::new(0),
            error: Mutex::new(error),
            clients: Mutex::new(Vec::new()),
        }
    }

    /// The generation of what the output folder holds now. Read it before
    /// reading a page, so a page is never marked newer than it is.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// A good build has been swapped in: open tabs reload.
    pub fn built(&self) {
        *lock(&self.error) = None;
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.broadcast(&event("reload", &generation.to_string()));
    }

    /// A build failed; the last good site stays, and open tabs show why.
    pub fn failed(&self, message: &str) {
        *lock(&self.error) = Some(message.to_owned());
        self.broadcast(&event("build-error", &json_string(message)));
    }

    fn broadcast(&self, message: &str) {
        lock(&self.clients).retain(|client| client.send(message.to_owned()).is_ok());
    }

    /// Ends every open stream (the server is stopping).
    pub fn close(&self) {
        lock(&self.clients).clear();
    }

    /// Serves one event stream until the client goes away or the hub closes.
    pub fn stream(&self, stream: &mut TcpStream, stop: &AtomicBool) {
        let (tx, rx) = channel::<String>();
        // Registered before anything is written: a client that has read the
        // `hello` will see every later event.
        lock(&self.clients).push(tx);
        let mut first = String::from(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n",
        );
        first.push_str(&event("hello", &self.generation().to_string()));
        if let Some(error) = lock(&self.error).clone() {
            first.push_str(&event("build-error", &json_string(&error)));
        }
        if send(stream, &first).is_err() {
            return;
        }
        while !stop.load(Ordering::SeqCst) {
            let message = match rx.recv_timeout(PING) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_owned(),
                Err(RecvTimeoutError::Disconnected) => break,
            };
            if send(stream, &message).is_err() {
                break;
            }
        }
    }
}

fn send(stream: &mut TcpStream, text: &str) -> std::io::Result<()> {
    stream.write_all(text.as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_closing_body() {
        let html = inject(b"<html><body><p>x</p></body></html>", 7);
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("<p>x</p><script>"));
        assert!(text.contains("var generation = 7;"));
        assert!(text.ends_with("</script>\n</body></html>"));
        let bare = String::from_utf8(inject(b"<p>x</p>", 0)).unwrap();
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn a_404_page_is_rebased_on_the_servers_root() {
        let published = rebase(
            b"<html><head><meta charset=\"utf-8\"><base href=\"https://example.org/site/\"></head></html>",
        );
        assert_eq!(
            String::from_utf8(published).unwrap(),
            "<html><head><meta charset=\"utf-8\"><base href=\"/\"></head></html>"
        );
        let local =
            rebase(b"<html lang=\"en\"><head><title>x</title></head><body><header>h</header></body></html>");
        assert_eq!(
            String::from_utf8(local).unwrap(),
            "<html lang=\"en\"><head><base href=\"/\"><title>x</title></head><body><header>h</header></body></html>"
        );
    }

    #[test]
    fn errors_are_sent_as_json_strings() {
        assert_eq!(
            json_string("a.yaml:1:2: bad \"x\"\nnext"),
            r#""a.yaml:1:2: bad \"x\"\nnext""#
        );
    }
}
