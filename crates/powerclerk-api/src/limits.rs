//! Every bound on a network wait and on a body read, in one place. docs/powerclerk.md's "Limits and
//! timeouts" table lists the same values; change both together.

use std::time::Duration;

/// Bounds of one client. Every wait on the network and every body read has one, so that a
/// server that never answers, stalls or sends without end costs a bounded time and memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Establishing a TCP + TLS connection.
    pub connect_timeout: Duration,
    /// A whole token request (sending, headers and body).
    pub token_timeout: Duration,
    /// From sending a request (for an upload: from its last byte) to the answer's headers;
    /// also the most an upload may go without the server reading any of it.
    pub header_timeout: Duration,
    /// A whole JSON call (sending, headers and body).
    pub request_timeout: Duration,
    /// Between two pieces of a streamed attachment body.
    pub idle_timeout: Duration,
    /// A whole API call including its waits in the rate limiter, its retries and token
    /// renewals; for attachments, until the body starts to stream.
    pub call_deadline: Duration,
    /// Largest JSON answer read.
    pub max_json_body: u64,
    /// Largest error body read (the rest is not read).
    pub max_error_body: usize,
    /// Largest token answer read.
    pub max_token_body: usize,
    /// Most pages one listing of projects may take (1,000 pages of 1,000 projects).
    pub max_pages: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            token_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(60),
            request_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(60),
            call_deadline: Duration::from_secs(600),
            max_json_body: 16 * 1024 * 1024,
            max_error_body: 64 * 1024,
            max_token_body: 64 * 1024,
            max_pages: 1000,
        }
    }
}

impl Limits {
    /// Every timeout scaled down to `t` (tests of the bounds, which must not take minutes).
    pub fn all_timeouts(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self.token_timeout = t;
        self.header_timeout = t;
        self.request_timeout = t;
        self.idle_timeout = t;
        self
    }
}

/// Shortest token lifetime believed: a server answering 0 or a negative lifetime would
/// otherwise make every call fetch a new token.
pub const MIN_TOKEN_LIFETIME: Duration = Duration::from_secs(1);
/// Longest token lifetime believed (a day): a huge `expires_in` must not overflow a clock or
/// keep a revoked token for years.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);
