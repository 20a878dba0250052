//! `accord serve` over real HTTP on loopback, in a temporary copy of the
//! fixture site: pages, live reload, a failed rebuild, traversal attempts.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::fixture_site;
use tempfile::TempDir;

/// A running `accord serve`, killed when dropped.
struct Server {
    child: Child,
    address: String,
    site: TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        let site = fixture_site("minimal");
        let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start accord serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let address = loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the server says where it listens");
            if let Some(url) = line.strip_prefix("serving http://") {
                break url.split('/').next().expect("host:port").to_owned();
            }
        };
        Server {
            child,
            address,
            site,
        }
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    /// Sends a raw request line and returns (status, headers, body).
    fn request(&self, target: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers end");
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        (status, head, response[split + 4..].to_vec())
    }

    fn page(&self, target: &str) -> String {
        let (status, _, body) = self.request(target);
        assert_eq!(status, 200, "{target}");
        String::from_utf8(body).expect("utf-8")
    }

    /// Opens the event stream; its events arrive on the returned channel.
    fn events(&self) -> Receiver<String> {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        write!(stream, "GET /__accord/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_owned();
                } else if let Some(data) = line.strip_prefix("data: ")
                    && tx.send(format!("{event} {data}")).is_err()
                {
                    break;
                }
            }
        });
        rx
    }
}

fn next_event(events: &Receiver<String>) -> String {
    events
        .recv_timeout(Duration::from_secs(30))
        .expect("an event within 30 s")
}

/// An editor's atomic save: write a temporary file, rename it over the old one.
fn atomic_save(path: &Path, text: &str) {
    let temp = path.with_extension("tmp~");
    fs::write(&temp, text).expect("write temp");
    fs::rename(&temp, path).expect("rename");
}

fn annotation(root: &Path) -> PathBuf {
    root.join("content/documents/sample.yaml")
}

#[test]
fn pages_are_served_with_content_types_the_reload_script_and_the_sites_404() {
    let server = Server::start();
    let (status, head, body) = server.request("/documents/sample/");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    let html = String::from_utf8(body).expect("utf-8");
    assert!(
        html.contains("/__accord/events"),
        "the reload script is injected when serving"
    );
    let (_, head, _) = server.request("/assets/style.css");
    assert!(
        head.contains("Content-Type: text/css; charset=utf-8"),
        "{head}"
    );
    let (status, head, _) = server.request("/documents/sample");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /documents/sample/"), "{head}");
    let (status, _, body) = server.request("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("Page not found"),
        "the site's own 404 page"
    );
    let built = fs::read_to_string(server.root().join("public/documents/sample/index.html"))
        .expect("built page");
    assert!(
        !built.contains("__accord"),
        "the reload script is never written into the output"
    );
}

#[test]
fn an_edit_rebuilds_the_page_and_emits_a_reload_event() {
    let server = Server::start();
    let events = server.events();
    let path = annotation(server.root());
    let text = fs::read_to_string(&path)
        .expect("annotation")
        .replace("A sample statement", "An edited statement");
    atomic_save(&path, &text);
    assert_eq!(next_event(&events), "reload {}");
    assert!(
        server
            .page("/documents/sample/index.html")
            .contains("An edited statement")
    );
}

#[test]
fn a_burst_of_saves_causes_one_rebuild() {
    let server = Server::start();
    let events = server.events();
    let path = annotation(server.root());
    let original = fs::read_to_string(&path).expect("annotation");
    for n in 0..5 {
        atomic_save(
            &path,
            &original.replace("A sample statement", &format!("Edit {n}")),
        );
    }
    assert_eq!(next_event(&events), "reload {}");
    assert!(
        events.recv_timeout(Duration::from_secs(2)).is_err(),
        "one reload for the burst"
    );
    assert!(
        server
            .page("/documents/sample/index.html")
            .contains("Edit 4")
    );
}

#[test]
fn new_and_deleted_files_are_picked_up() {
    let server = Server::start();
    let events = server.events();
    fs::write(
        server.root().join("content/pages/added.md"),
        "---\ntitle: Added\n---\n\nA new page.\n",
    )
    .expect("new page");
    assert_eq!(next_event(&events), "reload {}");
    assert!(server.page("/added/").contains("A new page."));
    fs::remove_file(server.root().join("content/pages/about.md")).expect("delete");
    assert_eq!(next_event(&events), "reload {}");
    assert_eq!(server.request("/about/").0, 404);
}

#[test]
fn a_broken_annotation_keeps_the_old_page_and_reports_the_error() {
    let server = Server::start();
    let events = server.events();
    let path = annotation(server.root());
    let good = fs::read_to_string(&path).expect("annotation");
    atomic_save(&path, &format!("{good}colour: red\n"));
    let event = next_event(&events);
    assert!(event.starts_with("build-error "), "{event}");
    assert!(
        event.contains("sample.yaml:") && event.contains("unknown field `colour`"),
        "{event}"
    );
    assert!(
        server
            .page("/documents/sample/index.html")
            .contains("A sample statement"),
        "the last good page stays"
    );

    let late = server.events();
    assert!(
        next_event(&late).starts_with("build-error "),
        "a tab opened now sees the standing error"
    );
    atomic_save(&path, &good.replace("A sample statement", "Fixed"));
    assert_eq!(next_event(&events), "reload {}");
    assert!(
        server
            .page("/documents/sample/index.html")
            .contains("Fixed")
    );
}

#[test]
fn traversal_attempts_are_refused() {
    let server = Server::start();
    fs::write(server.root().join("secret.txt"), "do not serve").expect("secret");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        server.root().join("secret.txt"),
        server.root().join("public/link.txt"),
    )
    .expect("symlink");
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/documents/%2E%2E/%2E%2E/secret.txt",
        "/link.txt",
    ] {
        let (status, _, body) = server.request(target);
        assert!(status == 403 || status == 404, "{target}: {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("do not serve"),
            "{target} leaked the file"
        );
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let site = fixture_site("minimal");
    let output = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("127.0.0.1:{port}")) && err.contains("in use"),
        "{err}"
    );
}
