//! robots.txt: fetched once per origin, cached, shared by concurrent pages
//! of that origin (they wait for the one fetch).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use texting_robots::Robot;
use tokio::sync::OnceCell;
use url::Url;

use super::client::{Purpose, send};
use super::{Inner, fetch_error};
use crate::{Error, ErrorKind};

/// Origins whose rules are kept; older ones are dropped (and fetched again
/// if met again), so memory stays bounded however many sites a list spans.
const CACHE_ORIGINS: usize = 4096;
/// RFC 9309 asks crawlers to follow at least five redirects for robots.txt.
const MAX_ROBOTS_REDIRECTS: usize = 5;

enum Rules {
    /// No robots.txt (4xx) or one without rules for us.
    AllowAll,
    Parsed(Box<Robot>),
    /// 5xx, 429 or unreachable after retries: complete disallow (RFC 9309).
    /// A network failure keeps its own kind (dns, connect, timeout) in the
    /// page's record, since the page could not have been fetched either.
    Unreachable(ErrorKind, String),
}

type Entry = Arc<OnceCell<Rules>>;

pub(crate) struct RobotsCache {
    agent: String,
    map: Mutex<(HashMap<String, Entry>, VecDeque<String>)>,
}

/// The robots.txt product token: the User-Agent up to the first `/` or space.
pub(crate) fn agent_token(user_agent: &str) -> String {
    let token: String = user_agent
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if token.is_empty() {
        "gleaner".to_string()
    } else {
        token
    }
}

impl RobotsCache {
    pub(crate) fn new(agent: String) -> RobotsCache {
        RobotsCache {
            agent,
            map: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    fn entry(&self, origin: &str) -> Entry {
        let Ok(mut guard) = self.map.lock() else {
            return Arc::new(OnceCell::new());
        };
        let (map, order) = &mut *guard;
        if let Some(e) = map.get(origin) {
            return e.clone();
        }
        while map.len() >= CACHE_ORIGINS {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
        let e: Entry = Arc::new(OnceCell::new());
        map.insert(origin.to_string(), e.clone());
        order.push_back(origin.to_string());
        e
    }

    /// Fail with `robots_denied` when robots.txt forbids `url`; apply the
    /// site's Crawl-delay to its host.
    pub(crate) async fn check(&self, inner: &Inner, url: &Url) -> Result<(), Error> {
        let origin = url.origin().ascii_serialization();
        let entry = self.entry(&origin);
        let rules = entry.get_or_init(|| self.load(inner, url, &origin)).await;
        match rules {
            Rules::AllowAll => Ok(()),
            Rules::Parsed(robot) => {
                if let Some(delay) = robot.delay.filter(|d| d.is_finite() && *d > 0.0) {
                    let d = Duration::from_secs_f32(delay).min(inner.opts.max_crawl_delay);
                    inner.hosts.get(url.host_str().unwrap_or("")).raise_delay(d);
                }
                if robot.allowed(url.as_str()) {
                    Ok(())
                } else {
                    Err(fetch_error(
                        ErrorKind::RobotsDenied,
                        None,
                        format!("robots.txt of {origin} disallows {url}"),
                    ))
                }
            }
            Rules::Unreachable(kind, why) => Err(fetch_error(
                *kind,
                None,
                format!(
                    "cannot read the robots.txt of {origin} ({why}), so the site is treated as disallowed (RFC 9309)"
                ),
            )),
        }
    }

    async fn load(&self, inner: &Inner, page: &Url, origin: &str) -> Rules {
        let mut url = match page.join("/robots.txt") {
            Ok(u) => u,
            Err(_) => return Rules::AllowAll,
        };
        for _ in 0..=MAX_ROBOTS_REDIRECTS {
            let answer = match send(inner, &url, Purpose::Robots).await {
                Ok(a) => a,
                Err(e) => {
                    let kind = e.kind();
                    return Rules::Unreachable(kind, e.to_string());
                }
            };
            let status = answer.status;
            match status {
                200..=299 => {
                    let coding = answer
                        .headers
                        .get(reqwest::header::CONTENT_ENCODING)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("");
                    let body = crate::decompress::decode_body(
                        &answer.body,
                        coding,
                        super::client::ROBOTS_MAX_BYTES * 4,
                    )
                    .unwrap_or_default();
                    // An unparsable file is treated as no rules at all.
                    return match Robot::new(&self.agent, &body) {
                        Ok(robot) => Rules::Parsed(Box::new(robot)),
                        Err(_) => Rules::AllowAll,
                    };
                }
                300..=399 => {
                    let next = answer
                        .headers
                        .get(reqwest::header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|l| url.join(l).ok());
                    match next {
                        Some(n) if n.scheme() == "http" || n.scheme() == "https" => url = n,
                        _ => return Rules::AllowAll,
                    }
                }
                429 => {
                    return Rules::Unreachable(
                        ErrorKind::RobotsDenied,
                        format!("HTTP 429 from {origin}"),
                    );
                }
                400..=499 => return Rules::AllowAll,
                _ => {
                    return Rules::Unreachable(
                        ErrorKind::RobotsDenied,
                        format!("HTTP {status} from {origin}"),
                    );
                }
            }
        }
        // Too many redirects: RFC 9309 treats this as unavailable (4xx).
        Rules::AllowAll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_token() {
        assert_eq!(agent_token("gleaner/0.1.0 (+https://x)"), "gleaner");
        assert_eq!(agent_token("MyBot-2 (contact)"), "MyBot-2");
        assert_eq!(agent_token("/weird"), "gleaner");
    }
}
