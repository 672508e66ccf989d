//! Client configuration: where PowerClerk is, who we are, and how politely to call it.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::{Host, Url};

use crate::decisions;
use crate::error::Error;
use crate::limits::Limits;

/// What PowerClerk needs to know who calls. `Debug` never prints the secrets, and they are
/// wiped from memory when dropped (`secrecy`).
#[derive(Clone)]
pub struct Credentials {
    /// Sent as `X-ApiKey` on every API call.
    pub api_key: SecretString,
    /// OAuth 2.0 client id (sent only to the token URL; not a secret).
    pub client_id: String,
    /// OAuth 2.0 client secret (sent only to the token URL).
    pub client_secret: SecretString,
}

impl Credentials {
    /// Bundles the three values.
    pub fn new(
        api_key: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            api_key: SecretString::from(api_key.into()),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
        }
    }

    /// The API key, for sending it.
    pub fn api_key(&self) -> &str {
        self.api_key.expose_secret()
    }

    /// The client secret, for sending it.
    pub fn client_secret(&self) -> &str {
        self.client_secret.expose_secret()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The client id is not secret, but showing it next to redacted values invites
        // copying the whole struct into a bug report; keep it short.
        f.debug_struct("Credentials")
            .field("api_key", &"<redacted>")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish()
    }
}

/// How many calls the shared limiter lets through.
#[derive(Clone, Debug, PartialEq)]
pub struct RateLimit {
    /// At most this many calls ...
    pub max_calls: u32,
    /// ... in any sliding window of this length.
    pub window: Duration,
    /// Optional second cap for servers that count in smaller windows: at most `.0` calls in
    /// any window of `.1`.
    pub burst: Option<(u32, Duration)>,
    /// How long a 429 without `Retry-After` pauses every call.
    pub retry_after_when_absent: Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            max_calls: decisions::DEFAULT_MAX_CALLS,
            window: decisions::DEFAULT_WINDOW,
            burst: None,
            retry_after_when_absent: decisions::RETRY_AFTER_WHEN_ABSENT,
        }
    }
}

impl RateLimit {
    /// `max_calls` per `window`, no burst cap.
    pub fn new(max_calls: u32, window: Duration) -> Self {
        Self {
            max_calls,
            window,
            ..Self::default()
        }
    }

    /// Effectively no limit (benchmarks of per-call cost).
    pub fn unlimited() -> Self {
        Self::new(u32::MAX, Duration::from_secs(1))
    }
}

/// Retry behaviour for calls that may safely be repeated. Modelled on the AWS SDKs'
/// "standard" mode: a per-call ceiling, plus a token bucket shared by every call of the
/// client, so that a failing service gets fewer retries, not more; and a cap on the total
/// time one call may spend waiting for retries and `Retry-After`.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Attempts for a retryable failure (5xx/timeouts/connect), the first included.
    pub max_attempts: u32,
    /// Attempts when the server keeps answering 429.
    pub max_rate_limited_attempts: u32,
    /// First backoff; doubles each time, with full jitter.
    pub base_delay: Duration,
    /// Backoff never exceeds this.
    pub max_delay: Duration,
    /// Total time one call may spend waiting before retries (backoff and `Retry-After`
    /// pauses); a wait that would pass it ends the call with the last error instead.
    pub max_retry_wait: Duration,
    /// The retry bucket's size (shared by every call of the client and its clones).
    pub budget: u32,
    /// What a retry after a 5xx, a 429 or a refused connection takes from the bucket.
    pub retry_cost: u32,
    /// What a retry after a timeout takes from the bucket.
    pub timeout_retry_cost: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            max_rate_limited_attempts: 8,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_retry_wait: Duration::from_secs(180),
            budget: 500,
            retry_cost: 5,
            timeout_retry_cost: 10,
        }
    }
}

/// Everything [`crate::Client`] needs.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The V2 root, e.g. `https://api.cleanpowerdemo.com/PCITrial/services/v2`.
    pub api_url: Url,
    /// The OAuth 2.0 token endpoint.
    pub token_url: Url,
    /// API key, client id and secret.
    pub credentials: Credentials,
    /// The shared limiter's settings.
    pub rate_limit: RateLimit,
    /// Retries of safe calls.
    pub retry: RetryPolicy,
    /// Every timeout and body cap.
    pub limits: Limits,
    /// The section-8 choices the user can switch (defaults: the contract).
    pub switches: decisions::Switches,
}

impl ClientConfig {
    /// Builds a configuration, refusing URLs that are not https (loopback excepted).
    pub fn new(api_url: &str, token_url: &str, credentials: Credentials) -> Result<Self, Error> {
        Ok(Self {
            api_url: parse_service_url(api_url)?,
            token_url: parse_service_url(token_url)?,
            credentials,
            rate_limit: RateLimit::default(),
            retry: RetryPolicy::default(),
            limits: Limits::default(),
            switches: decisions::Switches::default(),
        })
    }

    /// The PCI Trial sandbox URLs.
    pub fn pci_trial(credentials: Credentials) -> Result<Self, Error> {
        Self::new(
            decisions::PCI_TRIAL_API_URL,
            decisions::PCI_TRIAL_TOKEN_URL,
            credentials,
        )
    }

    /// Replaces the rate limit.
    pub fn with_rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.rate_limit = rate_limit;
        self
    }

    /// Replaces the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Replaces the timeouts and body caps.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Parses a service URL and accepts it only if it is `https://`, or `http://` to a loopback
/// host (the simulator). Checked before any request is made.
pub fn parse_service_url(raw: &str) -> Result<Url, Error> {
    let url = Url::parse(raw.trim()).map_err(|_| Error::InvalidConfig {
        message: format!("\"{raw}\" is not a web address. It should look like https://api.powerclerk.com/services/v2."),
    })?;
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::InsecureUrl {
            url: strip_credentials(&url),
        }),
        _ => Err(Error::InvalidConfig {
            message: format!("\"{raw}\" is not an https:// address."),
        }),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

fn strip_credentials(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_loopback_accepted() {
        for ok in [
            "https://api.powerclerk.com/services/v2",
            "http://127.0.0.1:8080/PCITrial/services/v2",
            "http://127.5.6.7/x",
            "http://localhost:1/x",
            "http://[::1]:9/x",
        ] {
            assert!(parse_service_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn plain_http_elsewhere_refused() {
        for bad in [
            "http://api.powerclerk.com/services/v2",
            "http://10.0.0.1/x",
            "http://localhost.evil.com/x",
            "http://127.0.0.1.nip.io/x",
        ] {
            let e = parse_service_url(bad).unwrap_err();
            assert_eq!(e.kind(), "insecure_url", "{bad}");
        }
        assert_eq!(parse_service_url("ftp://x/y").unwrap_err().kind(), "config");
        assert_eq!(parse_service_url("not a url").unwrap_err().kind(), "config");
    }

    #[test]
    fn debug_hides_secrets() {
        let c = Credentials::new("KEY-123", "client", "SECRET-456");
        let s = format!("{c:?}");
        assert!(!s.contains("KEY-123") && !s.contains("SECRET-456"), "{s}");
        let cfg = ClientConfig::new("https://a.example/v2", "https://b.example/t", c).unwrap();
        let s = format!("{cfg:?}");
        assert!(!s.contains("KEY-123") && !s.contains("SECRET-456"), "{s}");
    }
}
