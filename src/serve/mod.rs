//! `accord serve`: build, watch, and serve the output folder on loopback with
//! live reload. Nothing in the pipeline knows about serving: this module calls
//! [`crate::build::build_with`] and watches the files, and the reload script
//! is added to HTML as it is served, never written into the output.
//!
//! A rebuild that fails leaves the last good site in place (the build writes
//! to a staging folder and swaps only on success), prints the error, and sends
//! it to open tabs as an overlay; the next good rebuild reloads them.

mod http;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, Cache, build_with};
use crate::error::{Error, Location, Result};
use crate::files::content_type;
use crate::watch::Watcher;

pub use http::{Target, resolve};

/// The path of the event stream; no site file can have it (slugs have no `_`).
const EVENTS: &str = "/__accord/events";

const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  // Injected by `accord serve` only; never part of the built site.
  var overlay = null;
  var source = new EventSource("/__accord/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("build-error", function (event) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:9999;max-height:50vh;overflow:auto;" +
        "background:#fff4f4;color:#6b0000;border:2px solid #b00020;border-radius:6px;padding:1rem;" +
        "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 4px 24px rgba(0,0,0,.25)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "accord: the last rebuild failed; this page is the last good build.\n\n" + JSON.parse(event.data);
  });
})();
</script>
"#;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// What the server shares between its threads.
struct State {
    out: PathBuf,
    /// Open event streams.
    clients: Mutex<Vec<Sender<String>>>,
    /// The error of the last rebuild, while it stands.
    error: Mutex<Option<String>>,
    stop: Arc<AtomicBool>,
}

impl State {
    fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(message.clone()).is_ok());
        }
    }
}

/// What a rebuild reports to whoever runs the server (the CLI prints it).
pub enum Rebuilt {
    Built {
        report: BuildReport,
        processed: usize,
        changed: Vec<PathBuf>,
        elapsed: Duration,
    },
    Failed(Error),
}

/// Serves until `stop` is set. `ready` gets the bound address once the first
/// build is done and the port is open; `rebuilt` gets every rebuild's outcome.
pub fn serve(
    options: &ServeOptions,
    stop: Arc<AtomicBool>,
    ready: impl FnOnce(SocketAddr, &Result<BuildReport>),
    rebuilt: impl FnMut(Rebuilt) + Send + 'static,
) -> Result<()> {
    let mut build = options.build.clone();
    let out = build
        .out
        .clone()
        .unwrap_or_else(|| build.root.join("public"));
    build.out = Some(out.clone());
    let mut cache = Cache::default();
    let first = build_with(&build, &mut cache);

    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            "the port is in use; choose another with --port"
        } else {
            ""
        };
        Error::input(
            Location::file(address.to_string()),
            format!("cannot listen: {e}. {hint}").trim_end().to_owned(),
        )
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io(&out, e))?;
    let bound = listener.local_addr().map_err(|e| Error::io(&out, e))?;

    let state = Arc::new(State {
        out,
        clients: Mutex::new(Vec::new()),
        error: Mutex::new(first.as_ref().err().map(ToString::to_string)),
        stop: Arc::clone(&stop),
    });
    let watcher = Watcher::new(&build.root)?;
    ready(bound, &first);

    let rebuild_state = Arc::clone(&state);
    let rebuilder =
        thread::spawn(move || rebuild_loop(&watcher, &build, &mut cache, &rebuild_state, rebuilt));

    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let state = Arc::clone(&state);
                thread::spawn(move || handle(stream, &state));
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(20))
            }
            Err(_) => thread::sleep(Duration::from_millis(20)),
        }
    }
    state.broadcast("bye", "{}");
    let _ = rebuilder.join();
    Ok(())
}

fn rebuild_loop(
    watcher: &Watcher,
    build: &BuildOptions,
    cache: &mut Cache,
    state: &State,
    mut rebuilt: impl FnMut(Rebuilt),
) {
    while !state.stop.load(Ordering::SeqCst) {
        let Some(changed) = watcher.next_change(Duration::from_millis(200)) else {
            continue;
        };
        let started = Instant::now();
        match build_with(build, cache) {
            Ok(report) => {
                if let Ok(mut error) = state.error.lock() {
                    *error = None;
                }
                state.broadcast("reload", "{}");
                rebuilt(Rebuilt::Built {
                    report,
                    processed: cache.processed,
                    changed,
                    elapsed: started.elapsed(),
                });
            }
            Err(e) => {
                let message = e.to_string();
                if let Ok(mut error) = state.error.lock() {
                    *error = Some(message.clone());
                }
                state.broadcast("build-error", &json_string(&message));
                rebuilt(Rebuilt::Failed(e));
            }
        }
    }
}

fn handle(mut stream: TcpStream, state: &State) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = http::read_request(&stream) else {
        return;
    };
    if request.method != "GET" && request.method != "HEAD" {
        http::respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n",
            &[("Allow", "GET, HEAD")],
        );
        return;
    }
    if request.path == EVENTS {
        events(stream, state);
        return;
    }
    let head_only = request.method == "HEAD";
    match http::resolve(&state.out, &request.path) {
        http::Target::File(path) => match std::fs::read(&path) {
            Ok(bytes) => {
                let name = path.to_string_lossy();
                let kind = content_type(&name);
                let body = if kind.starts_with("text/html") {
                    inject(bytes)
                } else {
                    bytes
                };
                let body = if head_only { Vec::new() } else { body };
                http::respond(&mut stream, "200 OK", kind, &body, &[]);
            }
            Err(_) => not_found(&mut stream, state),
        },
        http::Target::Redirect(location) => {
            http::respond(
                &mut stream,
                "301 Moved Permanently",
                "text/plain; charset=utf-8",
                b"",
                &[("Location", &location)],
            );
        }
        http::Target::NotFound => not_found(&mut stream, state),
        http::Target::Forbidden => {
            http::respond(
                &mut stream,
                "403 Forbidden",
                "text/plain; charset=utf-8",
                b"403: outside the site\n",
                &[],
            );
        }
    }
}

/// The site's own 404 page when it has one.
fn not_found(stream: &mut TcpStream, state: &State) {
    let page = std::fs::read(state.out.join("404.html"))
        .map(inject)
        .unwrap_or_else(|_| b"404: not found\n".to_vec());
    http::respond(
        stream,
        "404 Not Found",
        "text/html; charset=utf-8",
        &page,
        &[],
    );
}

fn inject(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
    }
}

/// A server-sent event stream: reload and build-error events, and a comment
/// every few seconds so a dead connection is noticed.
fn events(mut stream: TcpStream, state: &State) {
    let (tx, rx) = channel::<String>();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(b"retry: 1000\n\n"))
        .is_err()
    {
        return;
    }
    if let Some(error) = state.error.lock().ok().and_then(|e| e.clone()) {
        let _ = stream
            .write_all(format!("event: build-error\ndata: {}\n\n", json_string(&error)).as_bytes());
    }
    let _ = stream.flush();
    if let Ok(mut clients) = state.clients.lock() {
        clients.push(tx);
    }
    while !state.stop.load(Ordering::SeqCst) {
        let message = match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(message) => message,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_owned(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            break;
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// `accord build --watch`: rebuild on every change until `stop` is set.
pub fn watch_and_build(
    options: &BuildOptions,
    stop: Arc<AtomicBool>,
    mut rebuilt: impl FnMut(Rebuilt),
) -> Result<()> {
    let watcher = Watcher::new(&options.root)?;
    let mut cache = Cache::default();
    match build_with(options, &mut cache) {
        Ok(report) => rebuilt(Rebuilt::Built {
            report,
            processed: cache.processed,
            changed: Vec::new(),
            elapsed: Duration::ZERO,
        }),
        Err(e) => rebuilt(Rebuilt::Failed(e)),
    }
    while !stop.load(Ordering::SeqCst) {
        let Some(changed) = watcher.next_change(Duration::from_millis(200)) else {
            continue;
        };
        let started = Instant::now();
        match build_with(options, &mut cache) {
            Ok(report) => rebuilt(Rebuilt::Built {
                report,
                processed: cache.processed,
                changed,
                elapsed: started.elapsed(),
            }),
            Err(e) => rebuilt(Rebuilt::Failed(e)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_closing_body() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec());
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("<p>x</p><script>"));
        assert!(text.ends_with("</script>\n</body></html>"));
    }
}
