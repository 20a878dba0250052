//! The web archive: WACZ 1.1.1, a zip (stored, fixed timestamps) holding
//! `archive/data.warc.gz` (one gzip member per WARC/1.1 record, so the index
//! can point into it), `indexes/index.cdx` (CDXJ), `pages/pages.jsonl`,
//! `datapackage.json` and `datapackage-digest.json`.

use std::io::{Cursor, Write};

use flate2::Compression;
use flate2::write::GzEncoder;
use scraper::{Html, Selector};
use serde_json::json;

use super::{civil_from_seconds, iso_8601, sha256_hex};
use crate::mime::content_type;
use crate::pipeline::write::OutputFile;

/// Where the site is recorded when it has no base URL (`.invalid` can never
/// be a real host).
pub(crate) const PLACEHOLDER_BASE: &str = "https://accord.invalid/";

pub fn write(
    files: &[OutputFile],
    base: &str,
    title: &str,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let (y, mo, d, h, mi, s) = civil_from_seconds(timestamp);
    let iso = iso_8601(timestamp);
    let ts14 = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}");
    let mut warc = Warc::new(title, &iso, ts14)?;
    for file in files.iter().filter(|f| !f.path.starts_with('.')) {
        warc.add(file, base)?;
    }
    warc.index.sort();

    let resources: Vec<(&str, Vec<u8>)> = vec![
        ("archive/data.warc.gz", warc.data),
        (
            "indexes/index.cdx",
            (warc.index.join("\n") + "\n").into_bytes(),
        ),
        (
            "pages/pages.jsonl",
            (warc.pages.join("\n") + "\n").into_bytes(),
        ),
    ];
    let package = datapackage(&resources, title, base, &iso)?;
    let digest =
        json!({"path": "datapackage.json", "hash": format!("sha256:{}", sha256_hex(&package))});
    let digest = serde_json::to_vec_pretty(&digest).map_err(|e| e.to_string())?;

    let mut all: Vec<(&str, &[u8])> = resources.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    all.push(("datapackage.json", &package));
    all.push(("datapackage-digest.json", &digest));
    all.sort_by(|a, b| a.0.cmp(b.0));
    let time = zip::DateTime::from_date_and_time(
        y.clamp(1980, 2107) as u16,
        mo as u8,
        d as u8,
        h as u8,
        mi as u8,
        (s as u8) & !1,
    )
    .unwrap_or_default();
    stored_zip(&all, time)
}

/// The WARC file being written, with the CDXJ lines and pages that point
/// into it.
struct Warc {
    data: Vec<u8>,
    index: Vec<String>,
    pages: Vec<String>,
    iso: String,
    ts14: String,
}

impl Warc {
    fn new(title: &str, iso: &str, ts14: String) -> Result<Warc, String> {
        let info = format!(
            "software: {}\r\nformat: WARC File Format 1.1\r\ntitle: {title}\r\n",
            crate::version::GENERATOR
        );
        let data = gzip(&record(
            "warcinfo",
            None,
            iso,
            "application/warc-fields",
            info.as_bytes(),
        ))?;
        let pages = vec![
            json!({"format": "json-pages-1.0", "id": "pages", "title": "All pages"}).to_string(),
        ];
        Ok(Warc {
            data,
            index: Vec::new(),
            pages,
            iso: iso.to_owned(),
            ts14,
        })
    }

    /// Records `file` as a response at its URL, and at its folder's URL for
    /// an `index.html`; lists HTML pages other than the 404 page.
    fn add(&mut self, file: &OutputFile, base: &str) -> Result<(), String> {
        let mime = content_type(&file.path);
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\r\n",
            file.bytes.len()
        )
        .into_bytes();
        http.extend_from_slice(&file.bytes);
        let mut urls = vec![format!("{base}{}", file.path)];
        if let Some(folder) = file.path.strip_suffix("index.html") {
            urls.push(format!("{base}{folder}"));
        }
        for url in &urls {
            let member = gzip(&record(
                "response",
                Some(url),
                &self.iso,
                "application/http; msgtype=response",
                &http,
            ))?;
            let entry = json!({
                "url": url, "mime": mime.split(';').next().unwrap_or(mime), "status": "200",
                "digest": format!("sha256:{}", sha256_hex(&file.bytes)),
                "length": member.len(), "offset": self.data.len(), "filename": "data.warc.gz",
            });
            self.index
                .push(format!("{} {} {entry}", surt(url), self.ts14));
            self.data.extend(member);
        }
        if file.path.ends_with(".html") && file.path != "404.html" {
            let url = urls.last().map_or_else(String::new, Clone::clone);
            let title = page_title(&file.bytes);
            self.pages
                .push(json!({"url": url, "ts": self.iso, "title": title}).to_string());
        }
        Ok(())
    }
}

fn datapackage(
    resources: &[(&str, Vec<u8>)],
    title: &str,
    base: &str,
    iso: &str,
) -> Result<Vec<u8>, String> {
    let package = json!({
        "profile": "data-package",
        "wacz_version": "1.1.1",
        "title": title,
        "software": crate::version::GENERATOR,
        "created": iso,
        "mainPageURL": base,
        "mainPageDate": iso,
        "resources": resources.iter().map(|(path, bytes)| json!({
            "name": path.rsplit('/').next().unwrap_or(path), "path": path,
            "hash": format!("sha256:{}", sha256_hex(bytes)), "bytes": bytes.len(),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_vec_pretty(&package).map_err(|e| e.to_string())
}

/// A zip of `entries` stored uncompressed (the WARC is already gzipped and
/// replay tools seek into it) with one fixed timestamp.
fn stored_zip(entries: &[(&str, &[u8])], time: zip::DateTime) -> Result<Vec<u8>, String> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in entries {
        zip.start_file(*path, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// One WARC/1.1 record. Its id is derived from its content, not random.
fn record(kind: &str, url: Option<&str>, date: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let id = sha256_hex(&[kind.as_bytes(), url.unwrap_or("").as_bytes(), block].concat());
    let uuid = format!(
        "{}-{}-4{}-8{}-{}",
        &id[0..8],
        &id[8..12],
        &id[13..16],
        &id[17..20],
        &id[20..32]
    );
    let mut head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid}>\r\nWARC-Date: {date}\r\n"
    );
    if let Some(url) = url {
        head.push_str(&format!("WARC-Target-URI: {url}\r\n"));
    }
    head.push_str(&format!(
        "WARC-Block-Digest: sha256:{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        sha256_hex(block),
        block.len()
    ));
    let mut out = head.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

/// Sort-friendly URI Reordering Transform: `https://www.example.org/a` → `org,example)/a`.
fn surt(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    let reversed: Vec<&str> = host.split('.').rev().collect();
    format!("{})/{}", reversed.join(","), path.to_ascii_lowercase())
}

fn page_title(html: &[u8]) -> String {
    let doc = Html::parse_document(&String::from_utf8_lossy(html));
    let Ok(selector) = Selector::parse("title") else {
        return String::new();
    };
    doc.select(&selector)
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surt_reverses_the_host() {
        assert_eq!(
            surt("https://www.Example.org/Accord/a.html"),
            "org,example)/accord/a.html"
        );
    }

    #[test]
    fn records_carry_type_uri_and_length() {
        let r = String::from_utf8(record(
            "response",
            Some("https://e.org/"),
            "2023-04-28T00:00:00Z",
            "application/http",
            b"abc",
        ))
        .unwrap();
        assert!(r.starts_with("WARC/1.1\r\nWARC-Type: response\r\n"));
        assert!(r.contains("WARC-Target-URI: https://e.org/\r\n"));
        assert!(r.contains("Content-Length: 3\r\n\r\nabc\r\n\r\n"));
    }
}
