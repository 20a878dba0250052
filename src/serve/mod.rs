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
//! event stream never holds up a page; at most [`MAX_CONNECTIONS`] at once,
//! and a client gets [`http::HEAD_DEADLINE`] to send its request), and one
//! waits for changes and
//! rebuilds. The rebuild thread watches the stop flag and, when it ends,
//! wakes the accepting thread by connecting to it; then the streams end,
//! the open connections are shut and every thread is joined.

mod http;
mod rebuild;
mod reload;
mod respond;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::build::{BuildOptions, BuildReport, Cache};
use crate::error::{Error, Result};
use crate::pipeline::load::config::SiteConfig;
use crate::serve::watch::Watcher;

use rebuild::{POLL, rebuild_loop};
pub use rebuild::{Rebuilt, watch_and_build};
use respond::Server;

/// Connections answered at once. Each open tab holds one for its reload
/// events; past this, a client is told to come back rather than given a
/// thread, so no number of clients can exhaust the machine.
pub(crate) const MAX_CONNECTIONS: usize = 64;

/// What `accord serve` was asked for: how to build, and where to listen.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// Loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
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

    // Past the cap, one thread answers every client "503, retry": it reads
    // the request first, as closing with unread data would reset the
    // connection before the client reads the answer.
    let (refuse, refused) = mpsc::sync_channel::<TcpStream>(MAX_CONNECTIONS);
    let refuser = spawn("accord-refuse", &options.build.root, move || {
        for mut stream in refused {
            respond::refuse_busy(&mut stream);
        }
    })?;
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
        if connections.len() >= MAX_CONNECTIONS {
            // A full queue means a flood: the client is dropped unanswered.
            let _ = refuse.try_send(stream);
            continue;
        }
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
    drop(refuse);
    let _ = refuser.join();
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
