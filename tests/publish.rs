//! Publishing and archival: GitHub Pages files, `accord check`, reproducible
//! builds and snapshots, manifest verification, a snapshot opened from disk.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use common::{accord, fixture_site, read_tree, repo_root, stderr};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn root_arg(site: &Path) -> String {
    site.to_str().expect("utf-8 path").to_owned()
}

fn add_page(site: &Path, name: &str, body: &str) {
    fs::write(
        site.join(format!("content/pages/{name}.md")),
        format!("---\ntitle: {name}\n---\n\n{body}\n"),
    )
    .expect("page");
}

#[test]
fn check_fails_naming_a_broken_link_and_a_missing_anchor() {
    let site = fixture_site("minimal");
    add_page(
        site.path(),
        "links",
        "[gone](@/nowhere/index.html) and [anchor](@/documents/sample/index.html#en-99)",
    );
    let output = accord(&["check", "--root", &root_arg(site.path())]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{}", stderr(&output));
    assert!(out.contains("problem: links/index.html: ../nowhere/index.html: no such file in the site: nowhere/index.html"), "{out}");
    assert!(
        out.contains("problem: links/index.html: ../documents/sample/index.html#en-99: no element with id `en-99` in documents/sample/index.html"),
        "{out}"
    );
    assert!(out.contains(": 2 problems"), "{out}");
}

#[test]
fn check_passes_on_the_bundled_corpus() {
    let output = accord(&["check", "--root", &root_arg(&repo_root())]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(stdout(&output).contains(": 0 problems"));
}

#[test]
fn check_reports_cleaning_lint_findings_as_problems() {
    let site = fixture_site("minimal");
    let seed = site.path().join("seeds/sample.txt");
    let text = fs::read_to_string(&seed)
        .expect("seed")
        .replace("many matters", "many Fran?ais matters");
    fs::write(&seed, text).expect("seed");
    common::record_checksums(site.path());
    let output = accord(&["check", "--root", &root_arg(site.path())]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("seeds/sample.txt:3: cleaning lint [lost character]: stray `?`"),
        "{}",
        stdout(&output)
    );
}

/// A one-thread HTTP server on loopback: `/ok` answers 200, anything else 404.
#[cfg(feature = "external-links")]
fn local_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(20) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let status = if request.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    format!("http://{address}")
}

#[cfg(feature = "external-links")]
#[test]
fn external_links_are_listed_and_fetched_only_when_asked() {
    let server = local_server();
    let site = fixture_site("minimal");
    add_page(
        site.path(),
        "outside",
        &format!("[fine]({server}/ok) and [dead]({server}/dead)"),
    );
    let root = root_arg(site.path());
    let listed = accord(&["check", "--root", &root]);
    assert!(listed.status.success(), "{}", stdout(&listed));
    assert!(stdout(&listed).contains(&format!(
        "external (not fetched; use --external): {server}/dead on outside/index.html"
    )));

    let fetched = accord(&["check", "--root", &root, "--external"]);
    let out = stdout(&fetched);
    assert_eq!(fetched.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "problem: outside/index.html: {server}/dead: external link answers HTTP 404"
        )),
        "{out}"
    );
    assert!(!out.contains(&format!("{server}/ok:")), "{out}");
}

#[test]
fn github_pages_files_follow_the_base_url() {
    let site = fixture_site("minimal");
    let root = root_arg(site.path());
    let plain = accord(&["build", "--root", &root]);
    assert!(
        stderr(&plain).contains("notice: no base_url"),
        "{}",
        stderr(&plain)
    );
    let out = site.path().join("public");
    assert!(out.join(".nojekyll").is_file());
    assert!(out.join("404.html").is_file());
    assert!(!out.join("sitemap.xml").exists());
    assert!(
        !fs::read_to_string(out.join("index.html"))
            .expect("home")
            .contains("rel=\"canonical\"")
    );

    let based = accord(&[
        "build",
        "--root",
        &root,
        "--base-url",
        "https://example.org/accord",
    ]);
    assert!(based.status.success());
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://example.org/accord/documents/sample/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404"));
    let page = fs::read_to_string(out.join("documents/sample/index.html")).expect("page");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/accord/documents/sample/\">"
    ));
    let not_found = fs::read_to_string(out.join("404.html")).expect("404");
    assert!(
        not_found.contains("<base href=\"https://example.org/accord/\">"),
        "a 404 served at any depth resolves from the site root"
    );
    assert!(repo_root().join(".github/workflows/pages.yml").is_file());
}

#[test]
fn builds_ignore_the_clock_and_source_date_epoch() {
    let site = fixture_site("minimal");
    let root = root_arg(site.path());
    let a = site.path().join("a");
    let b = site.path().join("b");
    assert!(
        accord(&[
            "build",
            "--root",
            &root,
            "--out",
            a.to_str().expect("utf-8")
        ])
        .status
        .success()
    );
    let second = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args([
            "build",
            "--root",
            &root,
            "--out",
            b.to_str().expect("utf-8"),
        ])
        .env("SOURCE_DATE_EPOCH", "1000000000")
        .output()
        .expect("run");
    assert!(second.status.success());
    assert_eq!(read_tree(&a), read_tree(&b));
}

fn snapshot(root: &str, out: &Path, epoch: Option<&str>) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command.args([
        "snapshot",
        "--root",
        root,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    match epoch {
        Some(e) => command.env("SOURCE_DATE_EPOCH", e),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    command.output().expect("run accord snapshot")
}

/// The one snapshot file ending in `extension` in `dir`.
fn archive_in(dir: &Path, extension: &str) -> std::path::PathBuf {
    let found: Vec<_> = fs::read_dir(dir)
        .expect("snapshot folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(extension))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().expect("one")
}

/// The entry `name` of a snapshot's `.tar.gz`.
fn entry_of(archive: &Path, name: &str) -> Vec<u8> {
    let file = fs::File::open(archive).expect("archive");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    for entry in tar.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        if entry.path().expect("path").to_string_lossy() == format!("accord-snapshot/{name}") {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            return bytes;
        }
    }
    panic!("no {name} in {}", archive.display());
}

#[test]
fn snapshots_of_the_same_inputs_and_capture_time_are_byte_identical() {
    let root = root_arg(&repo_root());
    let dir = tempfile::tempdir().expect("temp");
    for n in ["one", "two"] {
        let output = snapshot(&root, &dir.path().join(n), Some("1700000000"));
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("timestamp 1700000000; content as of 2023-04-28"),
            "{}",
            stdout(&output)
        );
    }
    for name in [
        "accord-snapshot-20231114T221320Z.tar.gz",
        "accord-snapshot-20231114T221320Z.wacz",
    ] {
        let one = fs::read(dir.path().join("one").join(name)).expect("first");
        let two = fs::read(dir.path().join("two").join(name)).expect("second");
        assert!(one == two, "{name} differs between two snapshots");
    }
}

#[test]
fn a_snapshot_records_when_and_by_which_accord_and_never_overwrites_another() {
    let site = fixture_site("minimal");
    let root = root_arg(site.path());
    let dir = tempfile::tempdir().expect("temp");
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let first = snapshot(&root, dir.path(), None);
    assert!(first.status.success(), "{}", stderr(&first));
    let archive = archive_in(dir.path(), ".tar.gz");
    let record: serde_json::Value =
        serde_json::from_slice(&entry_of(&archive, "SNAPSHOT.json")).expect("SNAPSHOT.json");
    assert_eq!(record["content_date"], "2020-05-02");
    assert_eq!(record["accord_version"], env!("CARGO_PKG_VERSION"));
    let commit = record["accord_commit"].as_str().expect("commit");
    assert!(
        commit == "unknown" || commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
        "{commit}"
    );
    // Captured now, not at the content's date.
    let timestamp: u64 = stdout(&first)
        .split("timestamp ")
        .nth(1)
        .and_then(|t| t.split(';').next())
        .and_then(|t| t.parse().ok())
        .expect("timestamp");
    assert!(timestamp >= before, "{timestamp} < {before}");
    let captured = record["captured"].as_str().expect("captured");
    assert!(
        captured.ends_with('Z') && captured.len() == 20,
        "{captured}"
    );
    let manifest = String::from_utf8(entry_of(&archive, "MANIFEST.sha256")).expect("utf-8");
    assert!(manifest.contains("  SNAPSHOT.json\n"), "{manifest}");
    // The archived site says when it was captured; a plain build does not.
    let page = String::from_utf8(entry_of(&archive, "site/index.html")).expect("utf-8");
    let footer = common::select(&scraper::Html::parse_document(&page), "footer .generator")
        .first()
        .map(common::text_of)
        .expect("footer");
    assert!(
        footer.starts_with("accord ") && footer.contains("· captured "),
        "{footer}"
    );
    let built = accord(&["build", "--root", &root]);
    assert!(built.status.success());
    let page = common::parse_html(&site.path().join("public/index.html"));
    let footer = common::text_of(&common::select(&page, "footer .generator")[0]);
    assert!(
        footer.contains("(commit ") && !footer.contains("captured"),
        "{footer}"
    );

    // The same capture time again is refused, and leaves the first as it was.
    let first_bytes = fs::read(&archive).expect("first");
    let again = snapshot(&root, dir.path(), Some(&timestamp.to_string()));
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));
    assert!(stderr(&again).contains("--replace"), "{}", stderr(&again));
    assert_eq!(fs::read(&archive).expect("first"), first_bytes);
    let mut replace = Command::new(env!("CARGO_BIN_EXE_accord"));
    replace
        .args(["snapshot", "--replace", "--root", &root, "--out"])
        .arg(dir.path())
        .env("SOURCE_DATE_EPOCH", timestamp.to_string());
    assert!(replace.output().expect("run").status.success());
}

#[test]
fn a_negative_or_absurd_source_date_epoch_is_refused() {
    let site = fixture_site("minimal");
    let dir = tempfile::tempdir().expect("temp");
    for epoch in ["-1", "0", "99999999999999", "soon", "315532799"] {
        let output = snapshot(&root_arg(site.path()), dir.path(), Some(epoch));
        assert_eq!(output.status.code(), Some(1), "{epoch} accepted");
        assert!(
            stderr(&output).contains("SOURCE_DATE_EPOCH"),
            "{}",
            stderr(&output)
        );
    }
    let earliest = snapshot(&root_arg(site.path()), dir.path(), Some("315532800"));
    assert!(earliest.status.success(), "{}", stderr(&earliest));
}

#[test]
fn verification_detects_a_changed_byte() {
    let dir = tempfile::tempdir().expect("temp");
    let site = fixture_site("minimal");
    let output = snapshot(&root_arg(site.path()), dir.path(), None);
    assert!(output.status.success(), "{}", stderr(&output));
    let archive = archive_in(dir.path(), ".tar.gz");
    let ok = accord(&["snapshot", "--verify", archive.to_str().expect("utf-8")]);
    assert!(ok.status.success(), "{}", stdout(&ok));

    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(fs::File::open(&archive).expect("open"))
        .read_to_end(&mut tar)
        .expect("gunzip");
    let at = tar
        .windows(11)
        .position(|w| w == b"Home / News")
        .expect("seed text in the archive");
    tar[at] = b'X';
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&tar).expect("gzip");
    fs::write(&archive, gz.finish().expect("gzip")).expect("write");
    let bad = accord(&["snapshot", "--verify", archive.to_str().expect("utf-8")]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad)
            .contains("problem: inputs/seeds/sample.txt: checksum differs from the manifest"),
        "{}",
        stdout(&bad)
    );
}

#[test]
#[ignore = "needs wacz"]
fn the_web_archive_passes_the_reference_validator() {
    common::require(
        Command::new("wacz")
            .arg("--help")
            .output()
            .is_ok_and(|o| o.status.success()),
        "this test needs webrecorder's `wacz` on the PATH (`pip install wacz`, see .ci/run)",
    );
    let dir = tempfile::tempdir().expect("temp");
    let output = snapshot(&root_arg(&repo_root()), dir.path(), None);
    assert!(output.status.success());
    let validate = Command::new("wacz")
        .args(["validate", "-f"])
        .arg(archive_in(dir.path(), ".wacz"))
        .output()
        .expect("run wacz");
    let text = format!(
        "{}{}",
        stdout(&validate),
        String::from_utf8_lossy(&validate.stderr)
    );
    assert!(
        validate.status.success() && text.contains("Validation succeeded"),
        "{text}"
    );
}

#[test]
#[ignore = "needs chromium"]
fn an_unpacked_snapshot_works_from_file_in_chromium() {
    common::require_browser();
    let dir = tempfile::tempdir().expect("temp");
    let output = snapshot(&root_arg(&repo_root()), dir.path(), None);
    assert!(output.status.success());
    let unpacked = dir.path().join("unpacked");
    let file = fs::File::open(archive_in(dir.path(), ".tar.gz")).expect("archive");
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(&unpacked)
        .expect("unpack");
    common::run_browser_script("snapshot.mjs", &unpacked.join("accord-snapshot/site"));
}

/// The peak resident memory of a running process, in KiB (Linux).
#[cfg(target_os = "linux")]
fn peak_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(target_os = "linux")]
#[test]
fn verifying_a_gzip_bomb_takes_memory_for_names_not_contents() {
    use flate2::{Compression, write::GzEncoder};
    const INFLATED: usize = 96 * 1024 * 1024;
    let dir = tempfile::tempdir().expect("temp dir");
    let bomb = dir.path().join("bomb.tar.gz");
    let gz = GzEncoder::new(
        fs::File::create(&bomb).expect("create"),
        Compression::fast(),
    );
    let mut tar = tar::Builder::new(gz);
    let mut header = tar::Header::new_gnu();
    header.set_size(INFLATED as u64);
    header.set_mode(0o644);
    tar.append_data(
        &mut header,
        "accord-snapshot/site/zeros.bin",
        std::io::repeat(0).take(INFLATED as u64),
    )
    .expect("entry");
    let manifest = format!("{}  site/zeros.bin\n", "0".repeat(64));
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest.len() as u64);
    header.set_mode(0o644);
    tar.append_data(
        &mut header,
        "accord-snapshot/MANIFEST.sha256",
        manifest.as_bytes(),
    )
    .expect("manifest");
    tar.into_inner().expect("tar").finish().expect("gzip");
    let compressed = fs::metadata(&bomb).expect("bomb").len();
    assert!(compressed < 1024 * 1024, "{compressed} bytes");

    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["snapshot", "--verify", bomb.to_str().expect("utf-8")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run accord");
    let mut peak = 0;
    while child.try_wait().expect("wait").is_none() {
        peak = peak.max(peak_kib(child.id()).unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let output = child.wait_with_output().expect("output");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("site/zeros.bin: checksum differs"),
        "{}",
        stdout(&output)
    );
    assert!(
        peak > 0 && peak < 48 * 1024,
        "peak {peak} KiB verifying a {compressed}-byte archive of {INFLATED} bytes"
    );
}
