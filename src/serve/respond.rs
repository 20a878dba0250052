//! Answering one connection: a file of the output folder, a redirect, a
//! refusal, the site's 404 page, or the live-reload event stream.

use std::net::{Shutdown, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::serve::http::{self, Target};
use crate::serve::reload;

/// Everything the server's threads share: one struct, no globals.
pub(super) struct Server {
    pub(super) out: PathBuf,
    /// Bound to loopback: answer only requests for local names (see
    /// [`http::is_local_host`]).
    pub(super) local_only: bool,
    pub(super) stop: Arc<AtomicBool>,
    pub(super) hub: reload::Hub,
}

/// Tells a client the server is at its connection cap. The request is read
/// first (briefly), so that closing does not reset the connection before
/// the client has read the answer.
pub(super) fn refuse_busy(stream: &mut TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = http::read_request(stream, Duration::from_secs(1));
    http::Response {
        headers: &[("Retry-After", "1")],
        ..http::Response::text(
            "503 Service Unavailable",
            "503: too many connections to this preview server at once\n",
        )
    }
    .send(stream, false);
    let _ = stream.shutdown(Shutdown::Write);
}

impl Server {
    /// Answers one connection, then closes it: the accepting thread holds a
    /// clone of the socket, so dropping this one would not.
    pub(super) fn answer(&self, mut stream: TcpStream) {
        self.respond(&mut stream);
        let _ = stream.shutdown(Shutdown::Write);
    }

    /// Answers one request: a file, a redirect, a refusal, or the event stream.
    fn respond(&self, stream: &mut TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
        let Some(request) = http::read_request(stream, http::HEAD_DEADLINE) else {
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
