//! A small HTTP/1.1 test server on 127.0.0.1 for the fetcher's tests and
//! benchmark: keep-alive, per-request handler, misbehaviours on demand
//! (slow heads, endless bodies, connections dropped mid-body), and a log of
//! every request with its start and end, to check politeness server-side.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A request as the handler sees it.
#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    /// The Host header without its port.
    pub host: String,
    pub headers: HashMap<String, String>,
}

/// How the body is sent.
pub enum Body {
    Bytes(Vec<u8>),
    /// Chunked, never ending (bounded at 1 GiB so the loop stops by itself).
    Endless,
    /// Declares more than it sends, then closes the connection.
    DropAfter(Vec<u8>),
}

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Wait before sending the head.
    pub delay: Duration,
}

impl Resp {
    pub fn html(body: impl Into<Vec<u8>>) -> Resp {
        Resp::new(200, "text/html; charset=utf-8", body)
    }
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Resp {
        Resp {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body.into()),
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> Resp {
        Resp::new(status, "text/plain", format!("status {status}"))
    }
    pub fn header(mut self, name: &str, value: &str) -> Resp {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn delayed(mut self, d: Duration) -> Resp {
        self.delay = d;
        self
    }
    pub fn redirect(status: u16, to: &str) -> Resp {
        Resp::status(status).header("Location", to)
    }
}

/// One request as the server saw it. Timing checks compare `start` with an
/// instant the test took before the client began, never two arrivals with
/// each other: on a loaded machine one request can arrive late and the next
/// on time, so gaps between arrivals can shrink, but no request can arrive
/// before the client sent it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub host: String,
    pub path: String,
    pub start: Instant,
    pub end: Instant,
    /// Requests to this host open when this one arrived (itself included).
    pub open_at_start: usize,
    pub user_agent: String,
}

#[derive(Default)]
struct Shared {
    hits: Vec<Hit>,
    open: HashMap<String, usize>,
    keep_log: bool,
    served: u64,
}

type Handler = dyn Fn(&Req) -> Resp + Send + Sync;

#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl Server {
    /// Start on 127.0.0.1 on an ephemeral port, on the current runtime.
    pub async fn start(
        handler: impl Fn(&Req) -> Resp + Send + Sync + 'static,
    ) -> std::io::Result<Server> {
        Server::start_with(handler, true).await
    }

    /// Like `start`; `keep_log: false` keeps only a count (for benchmarks).
    pub async fn start_with(
        handler: impl Fn(&Req) -> Resp + Send + Sync + 'static,
        keep_log: bool,
    ) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Mutex::new(Shared {
            keep_log,
            ..Shared::default()
        }));
        let handler: Arc<Handler> = Arc::new(handler);
        let s2 = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, handler.clone(), s2.clone()));
            }
        });
        Ok(Server { addr, shared })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://HOST:PORT/PATH` for a host name pinned to this server.
    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port())
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.shared
            .lock()
            .map(|s| s.hits.clone())
            .unwrap_or_default()
    }

    pub fn count(&self, path: &str) -> usize {
        self.hits().iter().filter(|h| h.path == path).count()
    }

    pub fn served(&self) -> u64 {
        self.shared.lock().map(|s| s.served).unwrap_or(0)
    }
}

async fn serve(stream: TcpStream, handler: Arc<Handler>, shared: Arc<Mutex<Shared>>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut headers = HashMap::new();
        loop {
            let mut h = String::new();
            match reader.read_line(&mut h).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let host = headers.get("host").cloned().unwrap_or_default();
        let host = host
            .rsplit_once(':')
            .map(|(h, _)| h.to_string())
            .unwrap_or(host);
        let start = Instant::now();
        let open_at_start = {
            let Ok(mut s) = shared.lock() else { return };
            let n = s.open.entry(host.clone()).or_default();
            *n += 1;
            *n
        };
        let req = Req {
            path: path.clone(),
            host: host.clone(),
            headers,
        };
        let resp = handler(&req);
        if !resp.delay.is_zero() {
            tokio::time::sleep(resp.delay).await;
        }
        // The request stops counting as open before its answer is written:
        // the client cannot send the next one on this slot before it reads
        // the answer, so "open at once" is exact however loaded the machine.
        if let Ok(mut s) = shared.lock() {
            if let Some(n) = s.open.get_mut(&host) {
                *n -= 1;
            }
            s.served += 1;
            if s.keep_log {
                let user_agent = req.headers.get("user-agent").cloned().unwrap_or_default();
                s.hits.push(Hit {
                    host,
                    path,
                    start,
                    end: Instant::now(),
                    open_at_start,
                    user_agent,
                });
            }
        }
        let keep = write_response(&mut write, resp).await;
        if !keep {
            let _ = write.shutdown().await;
            return;
        }
    }
}

/// Write one response; false when the connection must close.
async fn write_response(w: &mut tokio::net::tcp::OwnedWriteHalf, resp: Resp) -> bool {
    let reason = match resp.status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", resp.status);
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    match resp.body {
        Body::Bytes(b) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", b.len()));
            let mut all = head.into_bytes();
            all.extend_from_slice(&b);
            w.write_all(&all).await.is_ok()
        }
        Body::DropAfter(b) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", b.len() * 2 + 10));
            let _ = w.write_all(head.as_bytes()).await;
            let _ = w.write_all(&b).await;
            let _ = w.flush().await;
            false
        }
        Body::Endless => {
            head.push_str("Transfer-Encoding: chunked\r\n\r\n");
            if w.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            let chunk = format!(
                "4000\r\n{}\r\n",
                "<p>endless</p>"
                    .repeat(16384 / 14 + 1)
                    .get(..16384)
                    .unwrap_or("")
            );
            for _ in 0..65536 {
                if w.write_all(chunk.as_bytes()).await.is_err() {
                    break;
                }
            }
            false
        }
    }
}

/// The `gleaner` command pointed at this server: the test hosts `a.test`
/// and `b.test` resolve to it, with no politeness delay and no retries.
/// (Integration tests know the built binary; the examples that share this
/// module do not use it.)
pub fn gleaner_cli(args: &[&str]) -> std::process::Command {
    let bin = option_env!("CARGO_BIN_EXE_gleaner").unwrap_or("gleaner");
    let mut c = std::process::Command::new(bin);
    c.args([
        "--resolve",
        "a.test:127.0.0.1",
        "--resolve",
        "b.test:127.0.0.1",
        "--delay",
        "0",
        "--retries",
        "0",
    ]);
    c.args(args);
    c
}
