//! `accord serve` and `accord build --watch`, run as the real binary in a
//! temporary copy of the fixture site and spoken to over real HTTP on
//! loopback: pages, live reload, failed rebuilds, traversal attempts, Ctrl-C.
//!
//! Everything waits by polling with generous limits; nothing asserts on how
//! long anything took.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::fixture_site;
use tempfile::TempDir;

/// How long anything may take on a loaded machine before a test gives up.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `accord` in a copy of the fixture site, killed when dropped.
struct Accord {
    child: Child,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    site: TempDir,
}

impl Drop for Accord {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Accord {
    /// Starts `accord ARGS --root SITE` in a fresh copy of the fixture site.
    fn start(args: &[&str]) -> Accord {
        Accord::start_in(fixture_site("minimal"), args)
    }

    /// Starts `accord ARGS --root SITE` in `site`.
    fn start_in(site: tempfile::TempDir, args: &[&str]) -> Accord {
        let root = site.path().to_owned();
        Accord::spawn(
            site,
            Command::new(env!("CARGO_BIN_EXE_accord"))
                .args(args)
                .arg("--root")
                .arg(root),
        )
    }

    /// Starts `accord ARGS --root NAME` in the folder above `site`, as an
    /// editor who types the site's folder name does.
    fn start_relative(site: tempfile::TempDir, args: &[&str]) -> Accord {
        let (parent, name) = (
            site.path().parent().expect("parent").to_owned(),
            site.path().file_name().expect("name").to_owned(),
        );
        Accord::spawn(
            site,
            Command::new(env!("CARGO_BIN_EXE_accord"))
                .current_dir(parent)
                .args(args)
                .arg("--root")
                .arg(name),
        )
    }

    fn spawn(site: tempfile::TempDir, command: &mut Command) -> Accord {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start accord");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let mut pipe = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
            }
        });
        Accord {
            child,
            stdout: lines,
            stderr,
            site,
        }
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// The next line on stdout that satisfies `wanted`.
    fn line(&self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + 2 * PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(_) => {}
                Err(_) => panic!("no such line on stdout; stderr:\n{}", self.stderr()),
            }
        }
    }

    /// Waits until stderr contains `text`.
    fn stderr_contains(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let stderr = self.stderr();
            if stderr.contains(text) {
                return stderr;
            }
            assert!(
                Instant::now() < deadline,
                "stderr never said {text:?}:\n{stderr}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the process to end.
    #[cfg(unix)]
    fn interrupt(&mut self) -> ExitStatus {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -INT");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "still running after Ctrl-C; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A running `accord serve --port 0` and the address it says it listens on.
struct Server {
    accord: Accord,
    address: String,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Server {
        let accord = Accord::start(&[&["serve", "--port", "0"], args].concat());
        let line = accord.line(|l| l.starts_with("serving http://"));
        let address = line["serving http://".len()..]
            .split('/')
            .next()
            .expect("host:port")
            .to_owned();
        Server { accord, address }
    }

    fn root(&self) -> &Path {
        self.accord.root()
    }

    /// Sends `METHOD target` and returns (status, headers, body).
    fn send(&self, method: &str, target: &str) -> (u16, String, Vec<u8>) {
        self.send_for(&self.address, method, target)
    }

    /// [`Server::send`] with the `Host` header `host`.
    fn send_for(&self, host: &str, method: &str, target: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
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

    fn request(&self, target: &str) -> (u16, String, Vec<u8>) {
        self.send("GET", target)
    }

    fn page(&self, target: &str) -> String {
        let (status, _, body) = self.request(target);
        assert_eq!(status, 200, "{target}");
        String::from_utf8(body).expect("utf-8")
    }

    /// Opens the event stream and returns it once the server has said
    /// hello (so no later event can be missed), with the hello's data.
    fn events(&self) -> (Receiver<String>, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        write!(
            stream,
            "GET /__accord/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .expect("send");
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
        let hello = next_event(&rx);
        let generation = hello
            .strip_prefix("hello ")
            .unwrap_or_else(|| panic!("the stream starts with hello: {hello}"))
            .to_owned();
        (rx, generation)
    }
}

fn next_event(events: &Receiver<String>) -> String {
    events
        .recv_timeout(PATIENCE)
        .expect("an event within the time allowed")
}

/// The generation a served page was built from, as its reload script says.
fn generation_of(page: &str) -> String {
    let start = page.find("var generation = ").expect("the reload script") + 17;
    page[start..]
        .split(';')
        .next()
        .expect("a number")
        .to_owned()
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
    let script = html.find("/__accord/events").expect("the reload script");
    assert!(
        script < html.rfind("</body>").expect("</body>"),
        "the script goes before </body>"
    );
    let (_, head, _) = server.request("/assets/style.css");
    assert!(
        head.contains("Content-Type: text/css; charset=utf-8"),
        "{head}"
    );
    let (status, head, _) = server.request("/documents/sample");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /documents/sample/"), "{head}");

    let (status, head, body) = server.request("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("Page not found"), "the site's own 404 page");
    assert!(
        body.contains(r#"<base href="/">"#),
        "its links resolve from the server's root at any depth"
    );

    let (status, head, body) = server.send("HEAD", "/documents/sample/");
    assert_eq!(status, 200);
    assert!(body.is_empty(), "HEAD has no body");
    assert!(!head.contains("Content-Length: 0\r"), "{head}");
    assert_eq!(server.send("POST", "/").0, 405);

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
    let before = server.page("/documents/sample/index.html");
    let (events, hello) = server.events();
    assert_eq!(generation_of(&before), hello);
    let path = annotation(server.root());
    let text = fs::read_to_string(&path)
        .expect("annotation")
        .replace("A sample statement", "An edited statement");
    atomic_save(&path, &text);
    let reload = next_event(&events);
    assert!(reload.starts_with("reload "), "{reload}");
    let after = server.page("/documents/sample/index.html");
    assert!(after.contains("An edited statement"));
    assert_eq!(
        format!("reload {}", generation_of(&after)),
        reload,
        "the page carries the build it comes from"
    );
    let (_, hello) = server.events();
    assert_ne!(
        generation_of(&before),
        hello,
        "a tab opened before the rebuild that missed the reload still learns of it"
    );
    server
        .accord
        .line(|l| l.starts_with("changed: ") && l.contains("(1 of 1 documents processed)"));
}

/// The lines `accord` has printed on stdout so far and not yet read.
fn printed(accord: &Accord) -> Vec<String> {
    accord.stdout.try_iter().collect()
}

/// Waits until no event has come for `quiet`, and returns those that came.
fn events_until_quiet(events: &Receiver<String>, quiet: Duration) -> Vec<String> {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Ok(event) = events.recv_timeout(quiet) {
        seen.push(event);
        assert!(Instant::now() < deadline, "events never stopped: {seen:?}");
    }
    seen
}

#[test]
fn a_burst_of_saves_causes_one_rebuild() {
    // The saves are made as renames of files written beforehand (outside
    // the watched folders, on the same file system), so the burst is a few
    // system calls long: far inside the watcher's quiet period however
    // loaded the machine. Should it still take longer than a tenth of the
    // period (the debouncer looks for quiet paths every 25 ms), the burst is
    // made again, up to three times; a burst that fits is always checked
    // for one rebuild and its outcome.
    const ATTEMPTS: usize = 3;
    let server = Server::start();
    let (events, _) = server.events();
    let path = annotation(server.root());
    let original = fs::read_to_string(&path).expect("annotation");
    let parent = server.root().parent().expect("the site's parent folder");
    let mut slow = Vec::new();
    for attempt in 0..ATTEMPTS {
        let staging = tempfile::tempdir_in(parent).expect("staging folder");
        let versions: Vec<PathBuf> = (0..5)
            .map(|n| {
                let version = staging.path().join(format!("sample-{n}.yaml"));
                let text =
                    original.replace("A sample statement", &format!("Burst {attempt} edit {n}"));
                fs::write(&version, text).expect("write version");
                version
            })
            .collect();
        let started = Instant::now();
        for version in &versions {
            fs::rename(version, &path).expect("rename into place");
        }
        let burst = started.elapsed();
        let first = next_event(&events);
        assert!(first.starts_with("reload "), "{first}");
        let more = events_until_quiet(
            &events,
            4 * accord::serve::watch::QUIET + Duration::from_secs(1),
        );
        let rebuilds: Vec<String> = printed(&server.accord)
            .into_iter()
            .filter(|l| l.starts_with("changed: "))
            .collect();
        let page = server.page("/documents/sample/index.html");
        assert!(
            page.contains(&format!("Burst {attempt} edit 4")),
            "the last save of the burst is served"
        );
        if burst >= accord::serve::watch::QUIET / 10 {
            slow.push(burst);
            continue;
        }
        assert!(
            more.is_empty(),
            "one reload for five saves within {burst:?}; after {first:?} also {more:?}"
        );
        assert_eq!(
            rebuilds.len(),
            1,
            "one rebuild for five saves within {burst:?}: {rebuilds:?}"
        );
        return;
    }
    panic!(
        "five renames took at least {:?} in each of {ATTEMPTS} attempts ({slow:?}): too slow to make a burst",
        accord::serve::watch::QUIET / 10
    );
}

#[test]
fn new_and_deleted_files_are_picked_up() {
    let server = Server::start();
    let (events, _) = server.events();
    fs::write(
        server.root().join("content/pages/added.md"),
        "---\ntitle: Added\n---\n\nA new page.\n",
    )
    .expect("new page");
    assert!(next_event(&events).starts_with("reload "));
    assert!(server.page("/added/").contains("A new page."));
    fs::remove_file(server.root().join("content/pages/about.md")).expect("delete");
    assert!(next_event(&events).starts_with("reload "));
    assert_eq!(server.request("/about/").0, 404);
}

#[test]
fn a_broken_annotation_keeps_the_old_page_and_reports_the_error() {
    let server = Server::start();
    let (events, _) = server.events();
    let path = annotation(server.root());
    let good = fs::read_to_string(&path).expect("annotation");
    atomic_save(&path, &format!("{good}colour: red\n"));
    let event = next_event(&events);
    assert!(event.starts_with("build-error "), "{event}");
    assert!(
        event.contains("sample.yaml:") && event.contains("unknown field `colour`"),
        "{event}"
    );
    let stderr = server.accord.stderr_contains("unknown field `colour`");
    assert!(stderr.contains("the last good site stays"), "{stderr}");
    assert!(
        server
            .page("/documents/sample/index.html")
            .contains("A sample statement"),
        "the last good page stays"
    );

    let (late, _) = server.events();
    assert!(
        next_event(&late).starts_with("build-error "),
        "a tab opened now sees the standing error"
    );
    atomic_save(&path, &good.replace("A sample statement", "Fixed"));
    assert!(next_event(&events).starts_with("reload "));
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
        "/../Cargo.toml",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/documents/%2E%2E/%2E%2E/secret.txt",
        "/documents/../../secret.txt",
        "/..\\secret.txt",
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
fn only_local_host_names_are_answered_on_loopback() {
    let server = Server::start();
    let port = server.address.rsplit(':').next().expect("port").to_owned();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "preview.localhost".to_owned(),
    ] {
        let (status, ..) = server.send_for(&host, "GET", "/index.html");
        assert_eq!(status, 200, "Host: {host}");
    }
    // A name another site could point at 127.0.0.1 (DNS rebinding).
    for host in [format!("attacker.example:{port}"), "localhost.evil".into()] {
        for target in ["/index.html", "/__accord/events"] {
            let (status, _, body) = server.send_for(&host, "GET", target);
            assert_eq!(status, 403, "Host: {host} {target}");
            assert!(String::from_utf8_lossy(&body).contains("localhost or an IP address"));
        }
    }
}

#[test]
fn a_folder_the_build_refused_to_replace_is_not_served() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    fs::write(elsewhere.path().join("private.html"), "not a site").expect("file");
    let out = elsewhere.path().to_string_lossy().into_owned();
    let server = Server::start_with(&["--out", &out]);
    server
        .accord
        .stderr_contains("refusing to replace this folder");
    let (status, _, body) = server.request("/private.html");
    assert_eq!(status, 404);
    assert!(!String::from_utf8_lossy(&body).contains("not a site"));
    let (events, _) = server.events();
    assert!(
        next_event(&events).starts_with("build-error "),
        "the tab shows why there is no site"
    );
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
    assert!(
        !site.path().join("public").exists(),
        "nothing is built when the server cannot start"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly_with_streams_and_idle_connections_open() {
    let mut server = Server::start();
    let (_events, _) = server.events();
    // A connection that never sends its request.
    let _idle = TcpStream::connect(&server.address).expect("connect");
    let status = server.accord.interrupt();
    let stderr = server.accord.stderr();
    assert!(status.success(), "{status}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    server.accord.line(|l| l == "stopped");
}

#[test]
fn build_watch_rebuilds_on_changes_and_keeps_the_last_good_site() {
    let accord = Accord::start(&["build", "--watch"]);
    accord.line(|l| l.starts_with("built 1 documents"));
    let page = accord.root().join("public/documents/sample/index.html");
    assert!(
        fs::read_to_string(&page)
            .expect("built page")
            .contains("A sample statement")
    );

    let path = annotation(accord.root());
    let good = fs::read_to_string(&path).expect("annotation");
    atomic_save(&path, &good.replace("A sample statement", "Watched edit"));
    accord.line(|l| l.starts_with("changed: "));
    accord.line(|l| l.starts_with("built 1 documents"));
    assert!(
        fs::read_to_string(&page)
            .expect("rebuilt page")
            .contains("Watched edit")
    );
    // Time for a repeated notice, printed before that line, to be read.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        accord.stderr().matches("notice: no base_url").count(),
        1,
        "a notice is not repeated after every rebuild"
    );

    atomic_save(&path, &format!("{good}colour: red\n"));
    accord.stderr_contains("unknown field `colour`");
    assert!(
        fs::read_to_string(&page)
            .expect("the last good page")
            .contains("Watched edit")
    );
    assert!(
        !fs::read_to_string(&page)
            .expect("page")
            .contains("__accord"),
        "build output never has the reload script"
    );
}

#[test]
fn a_closed_standard_output_stops_neither_serving_nor_rebuilding() {
    let mut server = Server::start();
    // Dropping the receiver ends the thread that reads accord's standard
    // output at its next line, and the pipe closes (`accord serve | head -1`).
    drop(std::mem::replace(&mut server.accord.stdout, channel().1));
    let path = annotation(server.root());
    let original = fs::read_to_string(&path).expect("annotation");
    for n in 1..=3 {
        atomic_save(
            &path,
            &original.replace("A sample statement", &format!("Edit {n}")),
        );
        let deadline = Instant::now() + PATIENCE;
        while !server
            .page("/documents/sample/index.html")
            .contains(&format!("Edit {n}"))
        {
            assert!(
                Instant::now() < deadline,
                "edit {n} was never rebuilt; stderr:\n{}",
                server.accord.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    assert!(
        !server.accord.stderr().contains("panicked"),
        "{}",
        server.accord.stderr()
    );
}

#[test]
fn the_build_s_own_writes_set_off_no_rebuild_under_a_relative_root() {
    // A note makes every build write content/anchors.lock; the output
    // folder is swapped in at the top of the site folder.
    let site = fixture_site("minimal");
    let path = annotation(site.path());
    let original = fs::read_to_string(&path).expect("annotation");
    fs::write(
        &path,
        format!("{original}notes:\n  - on: [en-2]\n    text: A note.\n"),
    )
    .expect("add a note");
    let accord = Accord::start_relative(site, &["build", "--watch"]);
    accord.line(|l| l.starts_with("built 1 documents"));
    assert!(accord.root().join("content/anchors.lock").is_file());
    let noted = fs::read_to_string(&path).expect("annotation");
    atomic_save(&path, &noted.replace("A sample statement", "Watched edit"));
    let changed = accord.line(|l| l.starts_with("changed: "));
    assert!(
        changed.starts_with("changed: content/documents/sample.yaml;"),
        "{changed}"
    );
    accord.line(|l| l.starts_with("built 1 documents"));
    std::thread::sleep(4 * accord::serve::watch::QUIET + Duration::from_secs(1));
    let after: Vec<String> = printed(&accord)
        .into_iter()
        .filter(|l| l.starts_with("changed: "))
        .collect();
    assert!(after.is_empty(), "the build set off more builds: {after:?}");
}

#[cfg(unix)]
#[test]
fn a_watched_folder_made_after_the_start_is_watched() {
    let site = fixture_site("minimal");
    let themes = site.path().join("themes");
    let away = site.path().join("themes.away");
    fs::rename(&themes, &away).expect("move themes/ away");
    let accord = Accord::start_in(site, &["build", "--watch"]);
    accord.stderr_contains("theme `default` not found");

    fs::rename(&away, &themes).expect("put themes/ back");
    accord.line(|l| l.starts_with("built 1 documents"));
    // And the new folder is watched: a template edit rebuilds.
    let base = themes.join("default/templates/base.html");
    let text = fs::read_to_string(&base).expect("base.html");
    atomic_save(&base, &text.replace("</body>", "<!-- watched --></body>"));
    accord.line(|l| l.starts_with("changed: "));
    accord.line(|l| l.starts_with("built 1 documents"));
    let page = fs::read_to_string(accord.root().join("public/index.html")).expect("home");
    assert!(page.contains("<!-- watched -->"));
}

#[test]
fn ctrl_c_stops_build_watch_cleanly() {
    let mut accord = Accord::start(&["build", "--watch"]);
    accord.line(|l| l.starts_with("built 1 documents"));
    let status = accord.interrupt();
    let stderr = accord.stderr();
    assert!(status.success(), "{status}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_client_sending_a_byte_every_few_seconds_is_cut_off_at_the_head_deadline() {
    let server = Server::start();
    let mut slow = TcpStream::connect(&server.address).expect("connect");
    slow.set_read_timeout(Some(Duration::from_millis(50)))
        .expect("timeout");
    let started = Instant::now();
    let request =
        b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaa";
    let mut answer = Vec::new();
    // One byte every 2 s: each read is well inside a per-read timeout.
    'dribble: for byte in request.iter().cycle() {
        if slow.write_all(&[*byte]).is_err() {
            break;
        }
        let wait = Instant::now();
        while wait.elapsed() < Duration::from_secs(2) {
            let mut buf = [0; 256];
            match slow.read(&mut buf) {
                Ok(0) => break 'dribble,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(_) => break 'dribble,
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(10) + PATIENCE,
            "the server still holds a client that has sent {} bytes in {:?}",
            answer.len(),
            started.elapsed()
        );
    }
    let held = started.elapsed();
    assert!(
        held >= Duration::from_secs(9),
        "cut off too early: {held:?}"
    );
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 400"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    // The server answers others all along.
    assert_eq!(server.request("/index.html").0, 200);
}

#[test]
fn past_the_connection_cap_a_client_is_told_to_retry_and_the_server_recovers() {
    let server = Server::start();
    // Idle clients, each holding a connection thread until the deadline.
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(&server.address).expect("connect"))
        .collect();
    // Every idle connection has been accepted once one after them is.
    let deadline = Instant::now() + PATIENCE;
    let (status, head, _) = loop {
        let answer = server.request("/index.html");
        if answer.0 == 503 || Instant::now() > deadline {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status, 503, "the 65th connection is refused: {head}");
    assert!(head.contains("Retry-After: 1"), "{head}");
    drop(idle);
    let deadline = Instant::now() + PATIENCE;
    while server.request("/index.html").0 != 200 {
        assert!(Instant::now() < deadline, "the server never recovered");
        std::thread::sleep(Duration::from_millis(50));
    }
}
