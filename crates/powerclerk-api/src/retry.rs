//! Which failures may be retried, and how long to wait before the next attempt.

use std::sync::Mutex;
use std::time::Duration;

use rand::Rng;

use crate::config::RetryPolicy;

/// Whether a request may be sent again after an ambiguous failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// Reads and draft saves: sending twice has the same effect as once.
    Safe,
    /// Submit and upload: after a timeout, a dropped connection or a 5xx the server may
    /// have acted; only a call the server provably refused (429, 401, no connection) is
    /// sent again.
    OnlyIfRefused,
}

/// The retry bucket of one client (AWS SDK "standard" mode): each retry takes tokens, each
/// success puts one back. While the service fails, the bucket empties and calls stop being
/// retried at all, instead of every call retrying its full count against a dead service.
pub(crate) struct RetryBucket {
    capacity: u32,
    tokens: Mutex<u32>,
}

impl RetryBucket {
    /// A full bucket.
    pub(crate) fn new(capacity: u32) -> Self {
        Self {
            capacity,
            tokens: Mutex::new(capacity),
        }
    }

    /// Takes `cost` tokens for a retry; false (and nothing taken) when there are too few.
    pub(crate) fn try_take(&self, cost: u32) -> bool {
        let mut t = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if *t < cost {
            return false;
        }
        *t -= cost;
        true
    }

    /// Puts tokens back after a success.
    pub(crate) fn refund(&self, n: u32) {
        let mut t = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        *t = (*t + n).min(self.capacity);
    }
}

/// Server errors worth another try for a call that is safe to repeat: 500 and the gateway
/// statuses that mean "the service behind me did not answer" (the AWS SDKs' standard set).
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 500 | 502..=504)
}

/// Backoff before attempt `attempt + 1` (`attempt` starts at 0): exponential, capped, with
/// "equal jitter" so that concurrent callers do not retry in lockstep.
pub(crate) fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let exp = policy
        .base_delay
        .saturating_mul(1u32 << attempt.min(16))
        .min(policy.max_delay);
    let half = exp / 2;
    let jitter = rand::thread_rng().gen_range(0..=half.as_millis() as u64);
    half + Duration::from_millis(jitter)
}

/// Parses `Retry-After`: delay-seconds or an HTTP date.
/// The wait a 429 asks for and the header that said it: `Retry-After` (seconds or an HTTP
/// date); else `RateLimit-Reset` (seconds, the IETF RateLimit draft); else
/// `X-Rate-Limit-Reset` (seconds, or a Unix time when the number is one — both are in use).
pub(crate) fn retry_after_from(
    headers: &reqwest::header::HeaderMap,
) -> Option<(Duration, &'static str)> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(d) = get("retry-after").and_then(parse_retry_after) {
        return Some((d, "Retry-After"));
    }
    for (name, label) in [
        ("ratelimit-reset", "RateLimit-Reset"),
        ("x-rate-limit-reset", "X-Rate-Limit-Reset"),
        ("x-ratelimit-reset", "X-Rate-Limit-Reset"),
    ] {
        if let Some(d) = get(name).and_then(parse_reset) {
            return Some((d, label));
        }
    }
    None
}

/// A reset header: seconds to wait, or (a number past 2001 in Unix time) the moment.
fn parse_reset(value: &str) -> Option<Duration> {
    let n: f64 = value
        .trim()
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    const UNIX_2001: f64 = 978_307_200.0;
    if n >= UNIX_2001 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs_f64();
        return Some(Duration::from_secs_f64((n - now).clamp(0.0, 86_400.0)));
    }
    Some(Duration::from_secs_f64(n.min(86_400.0)))
}

pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        for attempt in 0..20 {
            let d = backoff(&p, attempt);
            assert!(d <= p.max_delay, "{attempt}: {d:?}");
        }
        assert!(backoff(&p, 0) <= p.base_delay);
        assert!(backoff(&p, 10) >= p.max_delay / 2);
    }

    #[test]
    fn bucket_empties_and_refills() {
        let b = RetryBucket::new(12);
        assert!(b.try_take(5) && b.try_take(5));
        assert!(!b.try_take(5), "only 2 tokens left");
        b.refund(100);
        assert!(
            b.try_take(10) && !b.try_take(5),
            "refunds are capped at the capacity"
        );
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        let in_30 = std::time::SystemTime::now() + Duration::from_secs(30);
        let d = parse_retry_after(&httpdate::fmt_http_date(in_30)).unwrap();
        assert!(
            d <= Duration::from_secs(30) && d >= Duration::from_secs(28),
            "{d:?}"
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn reset_headers_give_the_wait_when_retry_after_is_absent() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("RateLimit-Reset", "7".parse().unwrap());
        assert_eq!(
            retry_after_from(&h),
            Some((Duration::from_secs(7), "RateLimit-Reset"))
        );
        let mut h = reqwest::header::HeaderMap::new();
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 20;
        h.insert("X-Rate-Limit-Reset", at.to_string().parse().unwrap());
        let (d, from) = retry_after_from(&h).unwrap();
        assert_eq!(from, "X-Rate-Limit-Reset");
        assert!(
            d <= Duration::from_secs(20) && d >= Duration::from_secs(18),
            "{d:?}"
        );
        h.insert("Retry-After", "3".parse().unwrap());
        assert_eq!(
            retry_after_from(&h),
            Some((Duration::from_secs(3), "Retry-After"))
        );
        assert_eq!(retry_after_from(&reqwest::header::HeaderMap::new()), None);
    }
}
