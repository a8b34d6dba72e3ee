//! When to retry and how long to wait.

use std::time::Duration;

use crate::Error;

/// Statuses worth another try: the server may answer differently soon.
pub(crate) fn transient_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// Whether a failed attempt is worth another try.
pub(crate) fn is_transient(err: &Error) -> bool {
    match err {
        Error::Timeout(_) | Error::Connect(_) => true,
        Error::HttpStatus { status, .. } => transient_status(*status),
        _ => false,
    }
}

/// Exponential backoff with "equal jitter": half the step fixed, half random,
/// so that clients that failed together do not retry together.
pub(crate) fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    let step = base
        .saturating_mul(1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX))
        .min(max);
    let half = step / 2;
    half + half.mul_f64(fastrand::f64())
}

/// Parse a `Retry-After` value: delay-seconds or an HTTP-date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") is valid RFC 2822.
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = chrono::Utc::now();
    let delta = when.signed_duration_since(now);
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let later = (chrono::Utc::now() + chrono::Duration::seconds(100)).to_rfc2822();
        let d = parse_retry_after(&later).unwrap_or_default();
        assert!(
            d > Duration::from_secs(90) && d <= Duration::from_secs(100),
            "{d:?}"
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(1);
        for attempt in 0..40 {
            let d = backoff(attempt, base, max);
            assert!(d <= max);
            let step = (base * 2u32.pow(attempt.min(10))).min(max);
            assert!(d >= step / 2, "{attempt}: {d:?}");
        }
    }

    #[test]
    fn only_transient_failures_retry() {
        let status = |s| Error::HttpStatus {
            status: s,
            message: String::new(),
        };
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(is_transient(&status(s)), "{s}");
        }
        for s in [400, 401, 403, 404, 410, 501] {
            assert!(!is_transient(&status(s)), "{s}");
        }
    }
}
