//! Sending a call: token, the shared limiter, the retry policy and budget, the 401
//! re-authentication, and a bound on every wait — in that order.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::CONTENT_LENGTH;
use tokio::time::Instant;
use tokio_util::io::ReaderStream;

use crate::call::{Call, FileBody, Payload};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::response::error_from_response;
use crate::retry::{self, Repeat};

/// The last moment an upload's body moved, as milliseconds since `epoch`.
struct Activity {
    epoch: Instant,
    last_ms: AtomicU64,
}

impl Activity {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            epoch: Instant::now(),
            last_ms: AtomicU64::new(0),
        })
    }

    fn touch(&self) {
        self.last_ms
            .store(self.epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    fn idle(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        self.epoch.elapsed().saturating_sub(last)
    }
}

/// What one failed attempt means for the next.
struct Failure {
    error: Error,
    may_retry: bool,
    cost: u32,
}

impl Client {
    /// Sends a call under the policy and returns the successful response. The whole call —
    /// waits in the limiter, retries, token renewals — is bounded by the call deadline
    /// (uploads by their idle bounds instead, since a large file may rightly take long), and
    /// ends at once when its cancel token fires. Errors never carry a known secret.
    pub(crate) async fn send(&self, call: &Call<'_>) -> Result<reqwest::Response> {
        let deadline = self.inner.config.limits.call_deadline;
        let work = async {
            if matches!(call.payload, Payload::File(_)) {
                return self.send_with_retries(call).await;
            }
            match tokio::time::timeout(deadline, self.send_with_retries(call)).await {
                Ok(r) => r,
                Err(_) => Err(Error::timeout(
                    "the call did not finish (waits and retries included)",
                    deadline,
                )),
            }
        };
        let result = match &call.cancel {
            Some(cancel) => tokio::select! {
                r = work => r,
                _ = cancel.cancelled() => Err(Error::Cancelled),
            },
            None => work.await,
        };
        result.map_err(|e| e.redacted(&self.inner.redactor))
    }

    /// What a refusal means, from the start of its body (read within the error-body cap and
    /// the idle timeout).
    async fn refusal(&self, resp: reqwest::Response, what: &str) -> Error {
        let limits = &self.inner.config.limits;
        error_from_response(
            resp,
            what,
            limits.max_error_body,
            limits.idle_timeout,
            &self.inner.dialect,
        )
        .await
    }

    async fn send_with_retries(&self, call: &Call<'_>) -> Result<reqwest::Response> {
        let policy = &self.inner.config.retry;
        let bucket = &self.inner.retry_bucket;
        let mut failures = 0u32;
        let mut rate_limited = 0u32;
        let mut reauthenticated = false;
        let mut waited = Duration::ZERO;
        let mut last_cost = 0u32;
        loop {
            // A token fetch must not hold a rate-limit slot (other calls would queue behind
            // it), so make sure of a token first; after the limiter's wait, take it again —
            // normally from the cache, fresh only if it expired during the wait.
            self.inner.tokens.get().await?;
            let permit = self.inner.limiter.acquire().await;
            let token = self.inner.tokens.get().await?;
            let sent = self.attempt(call, &token).await;
            drop(permit);
            let failure = match sent {
                Ok(resp) if resp.status().is_success() => {
                    self.inner.limiter.on_accepted();
                    bucket.refund(if last_cost > 0 { last_cost } else { 1 });
                    return Ok(resp);
                }
                Ok(resp) => match resp.status().as_u16() {
                    // A refused call: safe to send again whatever it was.
                    401 if !reauthenticated => {
                        self.inner.tokens.invalidate(&token).await;
                        reauthenticated = true;
                        continue;
                    }
                    429 => {
                        let hint = retry::retry_after_from(resp.headers());
                        if let Some((_, header)) = hint {
                            self.inner.dialect.note_rate_limit_hint(header);
                        }
                        let retry_after = hint.map(|(d, _)| d);
                        let pause = self.inner.limiter.on_rate_limited(retry_after);
                        rate_limited += 1;
                        if rate_limited < policy.max_rate_limited_attempts
                            && waited + pause <= policy.max_retry_wait
                            && bucket.try_take(policy.retry_cost)
                        {
                            // The limiter itself holds every call back for `pause`.
                            waited += pause;
                            last_cost = policy.retry_cost;
                            continue;
                        }
                        let mut e = self.refusal(resp, &call.what).await;
                        if let Error::RateLimited { retry_after: r, .. } = &mut e {
                            *r = retry_after.or(Some(pause));
                        }
                        return Err(e);
                    }
                    s => Failure {
                        may_retry: call.repeat == Repeat::Safe && retry::is_retryable_status(s),
                        cost: policy.retry_cost,
                        error: self.refusal(resp, &call.what).await,
                    },
                },
                Err(f) => f,
            };
            failures += 1;
            let wait = retry::backoff(policy, failures - 1);
            if !failure.may_retry
                || failures >= policy.max_attempts
                || waited + wait > policy.max_retry_wait
                || !bucket.try_take(failure.cost)
            {
                return Err(failure.error);
            }
            waited += wait;
            last_cost = failure.cost;
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt: build, send, wait for the answer's headers within the header timeout
    /// (for an upload: within the header timeout of the last byte that moved).
    async fn attempt(
        &self,
        call: &Call<'_>,
        token: &secrecy::SecretString,
    ) -> std::result::Result<reqwest::Response, Failure> {
        let limits = &self.inner.config.limits;
        let policy = &self.inner.config.retry;
        let local = |error| Failure {
            error,
            may_retry: false,
            cost: 0,
        };
        let mut rb = self.request(call, token).map_err(local)?;
        let sent = match &call.payload {
            Payload::File(body) => {
                let activity = Activity::new();
                rb = rb
                    .headers(body.headers.clone())
                    .header(CONTENT_LENGTH, body.len)
                    .body(file_body(body, activity.clone()).await.map_err(local)?);
                watch_upload(rb.send(), &activity, limits.header_timeout).await
            }
            _ => match tokio::time::timeout(limits.header_timeout, rb.send()).await {
                Ok(r) => r.map_err(|e| Error::from_transport(&e)),
                Err(_) => Err(Error::timeout(
                    "PowerClerk did not start answering",
                    limits.header_timeout,
                )),
            },
        };
        sent.map_err(|error| {
            let timed_out = matches!(error, Error::Timeout { .. });
            // No connection means the server never saw the call: safe for any call.
            let may_retry = matches!(error, Error::Network { .. })
                || (call.repeat == Repeat::Safe
                    && matches!(error, Error::Timeout { .. } | Error::Interrupted { .. }));
            Failure {
                may_retry,
                cost: if timed_out {
                    policy.timeout_retry_cost
                } else {
                    policy.retry_cost
                },
                error,
            }
        })
    }
}

/// Waits for an upload's answer, giving up when nothing moved for `idle`: neither a byte of
/// the file nor, once it is all sent, the answer's headers.
async fn watch_upload(
    send: impl std::future::Future<Output = reqwest::Result<reqwest::Response>>,
    activity: &Activity,
    idle: Duration,
) -> Result<reqwest::Response> {
    tokio::pin!(send);
    let tick = (idle / 4).max(Duration::from_millis(10));
    loop {
        tokio::select! {
            r = &mut send => return r.map_err(|e| {
                if body_was_cancelled(&e) { Error::Cancelled } else { Error::from_transport(&e) }
            }),
            _ = tokio::time::sleep(tick) => {
                if activity.idle() >= idle {
                    return Err(Error::timeout("PowerClerk stopped taking the file or did not answer after it", idle));
                }
            }
        }
    }
}

async fn file_body(body: &FileBody, activity: Arc<Activity>) -> Result<reqwest::Body> {
    let file = tokio::fs::File::open(&body.path)
        .await
        .map_err(|e| Error::file(&body.path, &e))?;
    let transfer = body.transfer.clone();
    let total = body.len;
    let mut sent = 0u64;
    transfer.report(0, Some(total));
    let stream = ReaderStream::with_capacity(file, 256 * 1024).map(move |chunk| {
        if transfer.is_cancelled() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "cancelled",
            ));
        }
        activity.touch();
        if let Ok(c) = &chunk {
            sent += c.len() as u64;
            transfer.report(sent, Some(total));
        }
        chunk
    });
    Ok(reqwest::Body::wrap_stream(stream))
}

fn body_was_cancelled(e: &reqwest::Error) -> bool {
    use std::error::Error as _;
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::Interrupted && io.to_string() == "cancelled" {
                return true;
            }
        }
        source = s.source();
    }
    false
}
