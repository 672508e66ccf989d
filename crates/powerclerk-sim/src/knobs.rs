//! Behaviour knobs: the rate limit, token lifetime, size limit and fault injection. Set at
//! start-up and changed at run time through `/__sim/config` and `/__sim/faults`.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::decisions;

/// How a 429 says when to come back (D4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryAfterStyle {
    /// `Retry-After: 12`.
    #[default]
    Seconds,
    /// `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
    HttpDate,
    /// No header.
    Omit,
}

/// Everything that can be tuned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Knobs {
    /// Calls allowed per API key in any sliding window.
    pub max_calls: u32,
    /// The window, in milliseconds.
    pub window_ms: u64,
    /// How 429 answers carry Retry-After.
    pub retry_after: RetryAfterStyle,
    /// Lifetime of new tokens, in seconds.
    pub token_lifetime_s: u64,
    /// Largest attachment accepted, in bytes.
    pub size_limit: u64,
    /// Added to every request, in milliseconds.
    pub latency_ms: u64,
    /// Probability that an API call answers 500, 502 or 503 without acting.
    pub error_rate: f64,
    /// Probability that the connection is dropped before the request is processed.
    pub drop_before_rate: f64,
    /// Probability that the connection is dropped after the request was processed (the
    /// ambiguous case).
    pub drop_after_rate: f64,
    /// Whether GetFormSchema exists (false answers 404, to exercise the client's D7
    /// fallback).
    pub schema_endpoint: bool,
    /// GetProjects ignores `offset` and always answers the first page (a broken server that
    /// would make a naive client page forever).
    pub ignore_offset: bool,
    /// Probability that an API call starts a burst of three 429 answers without
    /// Retry-After (another program on the same key, or a throttling proxy).
    pub burst_429_rate: f64,
    /// Probability that every issued token is revoked just before an API call (which then
    /// answers 401).
    pub revoke_rate: f64,
    /// Ways of writing answers that differ from the contract (test hooks only).
    pub deviations: Vec<crate::variant::Deviation>,
}

impl Default for Knobs {
    fn default() -> Self {
        Self {
            max_calls: decisions::DEFAULT_MAX_CALLS,
            window_ms: decisions::DEFAULT_WINDOW.as_millis() as u64,
            retry_after: RetryAfterStyle::Seconds,
            token_lifetime_s: decisions::DEFAULT_TOKEN_LIFETIME.as_secs(),
            size_limit: decisions::DEFAULT_SIZE_LIMIT,
            latency_ms: 0,
            error_rate: 0.0,
            drop_before_rate: 0.0,
            drop_after_rate: 0.0,
            schema_endpoint: true,
            ignore_offset: false,
            burst_429_rate: 0.0,
            revoke_rate: 0.0,
            deviations: Vec::new(),
        }
    }
}

impl Knobs {
    /// The window as a duration.
    pub fn window(&self) -> Duration {
        Duration::from_millis(self.window_ms)
    }

    /// About one API call in ten fails (the bulk tests' and benchmarks' mix): 3 % answer
    /// 500/502/503, 2 % are dropped before and 3 % after being processed, 1 % start a burst
    /// of three 429s without Retry-After, 1 % find every token revoked.
    pub fn fail_one_in_ten(&mut self) {
        self.error_rate = 0.03;
        self.drop_before_rate = 0.02;
        self.drop_after_rate = 0.03;
        self.burst_429_rate = 0.01;
        self.revoke_rate = 0.01;
        self.retry_after = RetryAfterStyle::Omit;
    }

    /// No injected failure any more.
    pub fn fail_never(&mut self) {
        self.error_rate = 0.0;
        self.drop_before_rate = 0.0;
        self.drop_after_rate = 0.0;
        self.burst_429_rate = 0.0;
        self.revoke_rate = 0.0;
    }

    /// No rate limit (benchmarks of per-call cost).
    pub fn unlimited(mut self) -> Self {
        self.max_calls = u32::MAX;
        self
    }
}

/// What a scheduled fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Close the connection without processing the request.
    DropBefore,
    /// Process the request, then close the connection without answering.
    DropAfter,
    /// Answer `status` without processing.
    Status,
    /// Replace the Content-Disposition of a download with `value`, verbatim.
    Disposition,
    /// Read the request, then never answer (the connection stays open).
    Hang,
    /// Answer `status` (default 200) with headers promising a body, send a few bytes, then
    /// stall forever.
    StallBody,
    /// Answer `status` (default 200) with an endless chunked body.
    EndlessBody,
    /// Answer `status` (default 400) with a proxy's HTML error page.
    Html,
    /// Answer 429 with `Retry-After: value` (verbatim).
    RetryAfter,
    /// Answer 400 with a message that repeats the caller's API key and Authorization header.
    EchoSecrets,
    /// Answer `status` (default 200) with `value` as the body, verbatim, as JSON.
    Raw,
    /// Answer 302 with `Location: value`.
    Redirect,
}

impl FaultKind {
    /// Faults that replace the whole answer (as opposed to dropping the connection or
    /// changing one header).
    pub fn replaces_answer(self) -> bool {
        matches!(
            self,
            FaultKind::Hang
                | FaultKind::StallBody
                | FaultKind::EndlessBody
                | FaultKind::Html
                | FaultKind::RetryAfter
                | FaultKind::EchoSecrets
                | FaultKind::Raw
                | FaultKind::Redirect
        )
    }
}

/// A fault for the next `count` requests whose method and path match. Deterministic, for
/// tests; the `*_rate` knobs are the random equivalent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduledFault {
    /// What happens.
    pub kind: FaultKind,
    /// Only requests whose path contains this (case-insensitive).
    #[serde(default)]
    pub path_contains: Option<String>,
    /// Only requests with this method.
    #[serde(default)]
    pub method: Option<String>,
    /// How many matching requests it affects.
    #[serde(default = "one")]
    pub count: u32,
    /// For `status`.
    #[serde(default)]
    pub status: Option<u16>,
    /// For `disposition`.
    #[serde(default)]
    pub value: Option<String>,
}

fn one() -> u32 {
    1
}

impl ScheduledFault {
    /// Whether it applies to this request.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.count > 0
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_contains
                .as_deref()
                .is_none_or(|p| path.to_ascii_lowercase().contains(&p.to_ascii_lowercase()))
    }
}
