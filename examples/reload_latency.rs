//! Benchmark: edit → page reloaded, under `accord serve`.
//!
//! `cargo run --release --example reload_latency -- [ROUNDS] [SITE]` copies
//! the site (the bundled corpus, or SITE, e.g. one made by `gen_corpus`) to a
//! temporary folder, serves it on loopback, then edits the title of its first
//! annotation ROUNDS times (an atomic save each), and times each round from
//! the save to the moment the edited page has been fetched again after the
//! reload event. Prints the median, minimum and maximum, and the median
//! time of the rebuilds themselves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("dir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn get(address: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut body = String::new();
    stream.read_to_string(&mut body).expect("read");
    body
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(21);
    let site = std::env::args().nth(2).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).to_owned(),
        Into::into,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "seeds", "themes"] {
        copy(&site.join(part), &dir.path().join(part));
    }
    let options = accord::serve::ServeOptions {
        build: accord::BuildOptions {
            root: dir.path().to_owned(),
            ..Default::default()
        },
        bind: "127.0.0.1".parse().expect("loopback"),
        port: 0,
    };
    let stop = Arc::new(AtomicBool::new(false));
    let (ready_tx, ready_rx) = channel();
    let server_stop = Arc::clone(&stop);
    let (build_tx, builds) = channel();
    let server = std::thread::spawn(move || {
        accord::serve::serve(
            &options,
            server_stop,
            move |address, _| ready_tx.send(address).expect("ready"),
            move |rebuilt| {
                if let accord::serve::Rebuilt::Built {
                    elapsed, processed, ..
                } = rebuilt
                {
                    let _ = build_tx.send((elapsed, processed));
                }
            },
        )
    });
    let address = ready_rx
        .recv_timeout(Duration::from_secs(120))
        .expect("server ready");

    let mut stream = TcpStream::connect(address).expect("connect events");
    write!(
        stream,
        "GET /__accord/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("send");
    let (event_tx, events) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let wanted = line == "event: hello" || line == "event: reload";
            if wanted && event_tx.send(()).is_err() {
                break;
            }
        }
    });
    // The stream is registered once the server has said hello.
    events
        .recv_timeout(Duration::from_secs(30))
        .expect("hello event");

    let mut annotations: Vec<_> = std::fs::read_dir(dir.path().join("content/documents"))
        .expect("annotations")
        .map(|e| e.expect("entry").path())
        .collect();
    annotations.sort();
    let annotation = annotations.swap_remove(0);
    let slug = annotation
        .file_stem()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let original = std::fs::read_to_string(&annotation).expect("annotation");
    let title_at = original.find("\ntitle: ").expect("a title line") + "\ntitle: ".len();
    let title_at = title_at + usize::from(original[title_at..].starts_with('"'));
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let marker = format!("Edit {round}: ");
        let text = format!("{}{marker}{}", &original[..title_at], &original[title_at..]);
        let temp = annotation.with_extension("yaml.tmp~");
        let started = Instant::now();
        std::fs::write(&temp, text).expect("write");
        std::fs::rename(&temp, &annotation).expect("rename");
        events
            .recv_timeout(Duration::from_secs(30))
            .expect("reload event");
        let page = get(address, &format!("/documents/{slug}/index.html"));
        assert!(page.contains(&marker), "the reloaded page shows the edit");
        times.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    stop.store(true, Ordering::SeqCst);
    let _ = server.join();
    times.sort();
    let mut rebuilds: Vec<(Duration, usize)> = builds.try_iter().collect();
    rebuilds.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "edit → page reloaded over {rounds} rounds: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    if let Some((elapsed, _)) = rebuilds.get(rebuilds.len() / 2) {
        let processed: Vec<usize> = rebuilds.iter().map(|(_, p)| *p).collect();
        println!(
            "  of which the rebuild itself: median {:.0} ms over {} rebuilds, each processing at most {} of the documents again",
            ms(*elapsed),
            rebuilds.len(),
            processed.iter().max().unwrap_or(&0)
        );
        println!(
            "  the rest is the watcher's quiet period ({} ms), the event and the fetch",
            accord::serve::watch::QUIET.as_millis()
        );
    }
}
