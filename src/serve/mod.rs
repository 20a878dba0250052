//! `accord serve` and `accord build --watch`: build, watch the inputs,
//! rebuild on every change, and (for `serve`) serve the output folder on
//! loopback with live reload.
//!
//! Nothing in the pipeline knows about serving: this module calls
//! [`Cache::build`], which reuses the processed documents kept in
//! a [`Cache`] (see [`crate::incremental`]), and [`crate::serve::watch::Watcher`].
//! The reload script is added to HTML as it is served (see `reload.rs`), never
//! written into the output.
//!
//! A rebuild that fails leaves the last good site in place (the build writes
//! to a staging folder and swaps only on success), is reported to the caller
//! (the CLI prints it), and is sent to open tabs as an overlay; the next good
//! rebuild reloads them.
//!
//! Threads: one accepts connections, one per connection answers it (so an
//! event stream never holds up a page), and one waits for changes and
//! rebuilds. The rebuild thread watches the stop flag and, when it ends,
//! wakes the accepting thread by connecting to it; then the streams end,
//! the open connections are shut and every thread is joined.

mod http;
mod reload;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, Cache};
use crate::error::{Error, Result};
use crate::pipeline::load::config::SiteConfig;
use crate::serve::watch::Watcher;

pub(crate) use http::Target;

/// How long the rebuild thread waits for a change before it looks at the
/// stop flag again (it then wakes the accepting thread).
const POLL: Duration = Duration::from_millis(50);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// Loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// What a build reports to whoever runs the watcher (the CLI prints it).
pub enum Rebuilt {
    Built {
        report: BuildReport,
        /// Documents processed again; the others came from the cache.
        processed: usize,
        /// The files whose change caused the build; empty for the first one.
        changed: Vec<PathBuf>,
        elapsed: Duration,
    },
    Failed(Error),
}

/// Everything the server's threads share: one struct, no globals.
struct Server {
    out: PathBuf,
    /// Bound to loopback: answer only requests for local names (see
    /// [`http::is_local_host`]).
    local_only: bool,
    stop: Arc<AtomicBool>,
    hub: reload::Hub,
}

/// Builds, then serves until `stop` is set. `ready` gets the bound address
/// and the first build's outcome once the port is open; `rebuilt` gets every
/// later build's outcome. A first build that fails does not stop the server:
/// the error is shown until a change fixes it.
pub fn serve(
    options: &ServeOptions,
    stop: Arc<AtomicBool>,
    ready: impl FnOnce(SocketAddr, &Result<BuildReport>),
    rebuilt: impl FnMut(Rebuilt) + Send + 'static,
) -> Result<()> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener =
        TcpListener::bind(address).map_err(|source| Error::Listen { address, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| Error::Listen { address, source })?;

    // Pinned, so every rebuild writes where the server serves from.
    let mut build = options.build.clone();
    let out = output_folder(&build);
    build.out = Some(out.clone());
    let mut watcher = Watcher::new(&build.root)?;
    let mut cache = Cache::default();
    let first = cache.build(&build);
    let server = Arc::new(Server {
        out,
        local_only: options.bind.is_loopback(),
        stop: Arc::clone(&stop),
        hub: reload::Hub::new(first.as_ref().err().map(ToString::to_string)),
    });
    ready(bound, &first);

    let rebuilder = {
        let server = Arc::clone(&server);
        let root = build.root.clone();
        spawn("accord-rebuild", &root, move || {
            // However this thread ends, the accepting thread wakes to see why.
            let _waker = Waker(bound);
            rebuild_loop(
                &mut watcher,
                &build,
                &mut cache,
                &server.stop,
                rebuilt,
                |ok| match ok {
                    Ok(()) => server.hub.built(),
                    Err(message) => server.hub.failed(message),
                },
            )
        })?
    };

    let mut connections: Vec<(TcpStream, JoinHandle<()>)> = Vec::new();
    for incoming in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        connections.retain(|(_, thread)| !thread.is_finished());
        let Ok(stream) = incoming else {
            // Out of file descriptors, say: let some connections end.
            thread::sleep(POLL);
            continue;
        };
        // A clone to shut the connection when stopping; without one, or
        // without a thread, the connection is dropped.
        let Ok(handle) = stream.try_clone() else {
            continue;
        };
        let server = Arc::clone(&server);
        let thread = thread::Builder::new()
            .name("accord-http".into())
            .spawn(move || server.answer(stream));
        if let Ok(thread) = thread {
            connections.push((handle, thread));
        }
    }

    server.hub.close();
    for (stream, _) in &connections {
        let _ = stream.shutdown(Shutdown::Both);
    }
    for (_, thread) in connections {
        let _ = thread.join();
    }
    let _ = rebuilder.join();
    Ok(())
}

/// Wakes the thread waiting in `accept` when dropped, by connecting to it.
struct Waker(SocketAddr);

impl Drop for Waker {
    fn drop(&mut self) {
        let mut address = self.0;
        if address.ip().is_unspecified() {
            address.set_ip(match address {
                SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = TcpStream::connect_timeout(&address, Duration::from_secs(5));
    }
}

/// `accord build --watch`: builds, then rebuilds on every change until
/// `stop` is set; every outcome goes to `rebuilt`.
pub fn watch_and_build(
    options: &BuildOptions,
    stop: Arc<AtomicBool>,
    mut rebuilt: impl FnMut(Rebuilt),
) -> Result<()> {
    let mut watcher = Watcher::new(&options.root)?;
    let mut cache = Cache::default();
    rebuilt(timed_build(options, &mut cache, Vec::new()));
    rebuild_loop(&mut watcher, options, &mut cache, &stop, rebuilt, |_| {});
    Ok(())
}

/// Opens `url` in the desktop's browser.
pub fn open_in_browser(url: &str) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{opener}: {e}")))
}

/// Where the site is written: `--out`, else the site's `output_dir`, else
/// `public/` (when `site.yaml` cannot be read yet; the build will say why).
fn output_folder(options: &BuildOptions) -> PathBuf {
    if let Some(out) = &options.out {
        return out.clone();
    }
    let config_path = options.root.join("content/site.yaml");
    let output_dir = crate::pipeline::load::read_text(&config_path)
        .and_then(|text| crate::pipeline::load::yaml::parse::<SiteConfig>(&config_path, &text))
        .map_or_else(|_| "public".to_owned(), |config| config.output_dir);
    options.root.join(output_dir)
}

fn spawn(name: &str, root: &Path, work: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>> {
    thread::Builder::new()
        .name(name.into())
        .spawn(work)
        .map_err(|e| Error::Watch {
            path: root.to_owned(),
            message: format!("cannot start a thread: {e}"),
        })
}

fn timed_build(options: &BuildOptions, cache: &mut Cache, changed: Vec<PathBuf>) -> Rebuilt {
    let started = Instant::now();
    match cache.build(options) {
        Ok(report) => Rebuilt::Built {
            report,
            processed: cache.processed,
            changed,
            elapsed: started.elapsed(),
        },
        Err(e) => Rebuilt::Failed(e),
    }
}

/// Rebuilds on every change until `stop` is set. `notify` hears of each
/// outcome first (with the error's text), then `rebuilt` gets it.
fn rebuild_loop(
    watcher: &mut Watcher,
    options: &BuildOptions,
    cache: &mut Cache,
    stop: &AtomicBool,
    mut rebuilt: impl FnMut(Rebuilt),
    notify: impl Fn(std::result::Result<(), &str>),
) {
    while !stop.load(Ordering::SeqCst) {
        let Some(changed) = watcher.next_change(POLL) else {
            continue;
        };
        let outcome = timed_build(options, cache, changed);
        match &outcome {
            Rebuilt::Built { .. } => notify(Ok(())),
            Rebuilt::Failed(e) => notify(Err(&e.to_string())),
        }
        rebuilt(outcome);
    }
}

impl Server {
    /// Answers one connection, then closes it: the accepting thread holds a
    /// clone of the socket, so dropping this one would not.
    fn answer(&self, mut stream: TcpStream) {
        self.respond(&mut stream);
        let _ = stream.shutdown(Shutdown::Write);
    }

    /// Answers one request: a file, a redirect, a refusal, or the event stream.
    fn respond(&self, stream: &mut TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
        let Some(request) = http::read_request(stream) else {
            http::Response::text("400 Bad Request", "400: bad request\n").send(stream, false);
            return;
        };
        if self.local_only && !http::is_local_host(request.host.as_deref()) {
            let body = format!(
                "403: this preview server answers to localhost or an IP address, not to `{}`\n",
                request.host.as_deref().unwrap_or_default()
            );
            http::Response::text("403 Forbidden", &body).send(stream, false);
            return;
        }
        let head_only = request.method == "HEAD";
        if request.method != "GET" && !head_only {
            http::Response {
                headers: &[("Allow", "GET, HEAD")],
                ..http::Response::text("405 Method Not Allowed", "only GET and HEAD\n")
            }
            .send(stream, false);
            return;
        }
        if request.path == reload::EVENTS {
            self.hub.stream(stream, &self.stop);
            return;
        }
        if !self.serves_a_site() {
            self.not_found(stream, head_only);
            return;
        }
        match http::resolve(&self.out, &request.path) {
            Target::File(path) => {
                // The generation first: a page is never marked newer than it is.
                let generation = self.hub.generation();
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        let content_type = http::content_type(&path);
                        let body = if content_type.starts_with("text/html") {
                            reload::inject(&bytes, generation)
                        } else {
                            bytes
                        };
                        http::Response {
                            status: "200 OK",
                            content_type,
                            body: &body,
                            headers: &[],
                        }
                        .send(stream, head_only);
                    }
                    Err(_) => self.not_found(stream, head_only),
                }
            }
            Target::Redirect(location) => http::Response {
                headers: &[("Location", location.as_str())],
                ..http::Response::text("301 Moved Permanently", "moved\n")
            }
            .send(stream, head_only),
            Target::NotFound => self.not_found(stream, head_only),
            Target::Forbidden => http::Response::text("403 Forbidden", "403: outside the site\n")
                .send(stream, head_only),
        }
    }

    /// Whether the output folder holds a site accord built. A folder that a
    /// build refused to replace (`--out ~`, say) is not served.
    fn serves_a_site(&self) -> bool {
        self.out.join(crate::pipeline::write::MARKER).is_file()
    }

    /// The site's own 404 page when it has one, with its links working at
    /// any depth; else a minimal page. Either way with the reload script, so
    /// the tab reloads when the page appears.
    fn not_found(&self, stream: &mut TcpStream, head_only: bool) {
        let generation = self.hub.generation();
        let page = std::fs::read(self.out.join("404.html"))
            .ok()
            .filter(|_| self.serves_a_site())
            .map(|page| reload::rebase(&page))
            .unwrap_or_else(|| reload::plain_not_found().to_vec());
        http::Response {
            status: "404 Not Found",
            content_type: "text/html; charset=utf-8",
            body: &reload::inject(&page, generation),
            headers: &[],
        }
        .send(stream, head_only);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_folder_follows_the_site_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        let options = BuildOptions {
            root: root.clone(),
            ..Default::default()
        };
        assert_eq!(
            output_folder(&options),
            root.join("public"),
            "no site.yaml yet"
        );
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(
            root.join("content/site.yaml"),
            "title: T\ndescription: D\noutput_dir: site-out\n",
        )
        .unwrap();
        assert_eq!(output_folder(&options), root.join("site-out"));
        let pinned = BuildOptions {
            out: Some(root.join("elsewhere")),
            ..options
        };
        assert_eq!(output_folder(&pinned), root.join("elsewhere"));
    }
}
