//! The transport every endpoint goes through: token, headers, the shared limiter, the retry
//! policy and the 401 re-authentication, in that order.

use std::sync::Arc;

use futures_util::StreamExt;
use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE,
};
use reqwest::Method;
use serde::de::DeserializeOwned;
use tokio_util::io::ReaderStream;
use tokio_util::sync::CancellationToken;

use crate::config::ClientConfig;
use crate::error::{Details, Error, Result};
use crate::limiter::{RateLimiter, RateStatus};
use crate::paths::ApiPath;
use crate::response::error_from_response;
use crate::retry::{self, Repeat};
use crate::token::TokenCache;

/// Progress of a transfer: bytes done and, when known, the total.
pub type ProgressFn = Arc<dyn Fn(u64, Option<u64>) + Send + Sync>;

/// Options of an attachment transfer.
#[derive(Clone, Default)]
pub struct Transfer {
    /// Called as bytes move.
    pub progress: Option<ProgressFn>,
    /// Cancels the transfer when triggered.
    pub cancel: Option<CancellationToken>,
}

impl Transfer {
    pub(crate) fn report(&self, done: u64, total: Option<u64>) {
        if let Some(p) = &self.progress {
            p(done, total)
        }
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
    }
}

/// A PowerClerk API V2 client. Cheap to clone; clones share the token cache, the
/// connection pool and (through the per-key registry) the rate limiter.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    config: ClientConfig,
    tokens: TokenCache,
    limiter: RateLimiter,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish()
    }
}

/// A file body for an upload.
pub(crate) struct FileBody {
    pub path: std::path::PathBuf,
    pub len: u64,
    pub headers: HeaderMap,
    pub transfer: Transfer,
}

/// What a request carries.
pub(crate) enum Payload<'a> {
    Empty,
    Json(Vec<u8>),
    File(&'a FileBody),
}

/// How long a call may take as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallTimeout {
    /// The configured `request_timeout` (JSON calls).
    Configured,
    /// No whole-call limit: attachment bodies stream for as long as data keeps coming.
    Streamed,
}

/// One API call, described once and sent as many times as the policy allows.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub path: ApiPath,
    pub query: Vec<(&'static str, String)>,
    pub payload: Payload<'a>,
    pub repeat: Repeat,
    /// What the call is about, for "could not find ...".
    pub what: String,
    /// Whole-call timeout.
    pub timeout: CallTimeout,
}

impl<'a> Call<'a> {
    pub(crate) fn get(path: ApiPath, what: impl Into<String>) -> Self {
        Self {
            method: Method::GET,
            path,
            query: Vec::new(),
            payload: Payload::Empty,
            repeat: Repeat::Safe,
            what: what.into(),
            timeout: CallTimeout::Configured,
        }
    }

    pub(crate) fn post(path: ApiPath, what: impl Into<String>, repeat: Repeat) -> Self {
        Self {
            method: Method::POST,
            repeat,
            ..Self::get(path, what)
        }
    }

    pub(crate) fn json(mut self, body: &impl serde::Serialize) -> Self {
        self.payload = Payload::Json(serde_json::to_vec(body).expect("request types serialise"));
        self
    }

    pub(crate) fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }
}

impl Client {
    /// Creates a client. Fails only on an unusable configuration; nothing is sent yet.
    pub fn new(config: ClientConfig) -> Result<Self> {
        // Re-check here too: a config built by hand must not bypass the https rule.
        crate::config::parse_service_url(config.api_url.as_str())?;
        crate::config::parse_service_url(config.token_url.as_str())?;
        if config.credentials.api_key.trim().is_empty() {
            return Err(Error::InvalidConfig {
                message: "The API key is empty. Enter it in Settings.".into(),
            });
        }
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("Clerkdesk/", env!("CARGO_PKG_VERSION")))
            // The API never redirects; following one could send the bearer token elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::InvalidConfig {
                message: format!("Could not set up the network connection: {e}"),
            })?;
        let tokens = TokenCache::new(
            http.clone(),
            config.token_url.clone(),
            &config.credentials,
            config.retry.clone(),
        );
        let limiter = RateLimiter::shared(
            config.api_url.origin().ascii_serialization().as_str(),
            &config.credentials.api_key,
            config.rate_limit.clone(),
        );
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                config,
                tokens,
                limiter,
            }),
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// The rate limiter shared by every client of this API key.
    pub fn limiter(&self) -> &RateLimiter {
        &self.inner.limiter
    }

    /// The limiter's status right now (for "Waiting N s for PowerClerk's rate limit").
    pub fn rate_status(&self) -> RateStatus {
        self.inner.limiter.status()
    }

    /// Fetches a token now (to check credentials without an API call).
    pub async fn authenticate(&self) -> Result<()> {
        self.inner.tokens.get().await.map(|_| ())
    }

    fn request(&self, call: &Call<'_>, token: &str) -> Result<reqwest::RequestBuilder> {
        let url = call.path.url(&self.inner.config.api_url);
        let mut rb = self
            .inner
            .http
            .request(call.method.clone(), url)
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header(ACCEPT, "application/json");
        let mut key =
            HeaderValue::from_str(&self.inner.config.credentials.api_key).map_err(|_| {
                Error::InvalidConfig {
                message:
                    "The API key contains characters that cannot be sent. Re-enter it in Settings."
                        .into(),
            }
            })?;
        key.set_sensitive(true);
        rb = rb.header("X-ApiKey", key);
        if !call.query.is_empty() {
            rb = rb.query(&call.query);
        }
        if call.timeout == CallTimeout::Configured {
            rb = rb.timeout(self.inner.config.request_timeout);
        }
        Ok(match &call.payload {
            Payload::Empty => rb.header(CONTENT_LENGTH, 0),
            Payload::Json(bytes) => rb
                .header(CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            Payload::File(_) => rb,
        })
    }

    async fn file_body(body: &FileBody) -> Result<reqwest::Body> {
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
            if let Ok(c) = &chunk {
                sent += c.len() as u64;
                transfer.report(sent, Some(total));
            }
            chunk
        });
        Ok(reqwest::Body::wrap_stream(stream))
    }

    /// Sends a call under the policy and returns the successful response.
    pub(crate) async fn send(&self, call: &Call<'_>) -> Result<reqwest::Response> {
        let policy = &self.inner.config.retry;
        let mut failures = 0u32;
        let mut rate_limited = 0u32;
        let mut reauthenticated = false;
        loop {
            // The limiter first: a call may wait there for most of a window, and a token
            // taken before the wait could expire during it.
            let permit = self.inner.limiter.acquire().await;
            let token = self.inner.tokens.get().await?;
            let mut rb = self.request(call, &token)?;
            if let Payload::File(body) = &call.payload {
                rb = rb
                    .headers(body.headers.clone())
                    .header(CONTENT_LENGTH, body.len)
                    .body(Self::file_body(body).await?);
            }
            // A transfer's Cancel takes effect at once, even while the network is stalled.
            let cancel = match &call.payload {
                Payload::File(body) => body.transfer.cancel.clone(),
                _ => None,
            };
            let sent = match cancel {
                Some(token) => tokio::select! {
                    r = rb.send() => r,
                    _ = token.cancelled() => return Err(Error::Cancelled),
                },
                None => rb.send().await,
            };
            drop(permit);
            let (err, may_retry) = match sent {
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    match status {
                        // A refused call: safe to send again whatever it was.
                        401 if !reauthenticated => {
                            self.inner.tokens.invalidate(&token).await;
                            reauthenticated = true;
                            continue;
                        }
                        429 => {
                            let retry_after = resp
                                .headers()
                                .get(reqwest::header::RETRY_AFTER)
                                .and_then(|v| v.to_str().ok())
                                .and_then(retry::parse_retry_after);
                            self.inner.limiter.on_rate_limited(retry_after);
                            rate_limited += 1;
                            if rate_limited < policy.max_rate_limited_attempts {
                                continue;
                            }
                            let mut e = error_from_response(resp, &call.what).await;
                            if let Error::RateLimited { retry_after: r, .. } = &mut e {
                                *r = retry_after;
                            }
                            return Err(e);
                        }
                        s => {
                            let retryable =
                                call.repeat == Repeat::Safe && retry::is_retryable_status(s);
                            (error_from_response(resp, &call.what).await, retryable)
                        }
                    }
                }
                Err(e) if e.is_builder() => {
                    return Err(Error::InvalidConfig {
                        message: format!("Could not build the request: {e}"),
                    })
                }
                Err(e) => {
                    if body_was_cancelled(&e) {
                        return Err(Error::Cancelled);
                    }
                    // No connection means the server never saw the call: safe for any call.
                    let retryable = e.is_connect()
                        || (call.repeat == Repeat::Safe && (e.is_timeout() || e.is_request()));
                    (Error::from_transport(&e), retryable)
                }
            };
            failures += 1;
            if !may_retry || failures >= policy.max_attempts {
                return Err(err);
            }
            tokio::time::sleep(retry::backoff(policy, failures - 1)).await;
        }
    }

    /// Sends a call and parses its JSON answer.
    pub(crate) async fn send_json<T: DeserializeOwned>(&self, call: &Call<'_>) -> Result<T> {
        let resp = self.send(call).await?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.map_err(|e| Error::from_transport(&e))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::UnexpectedResponse {
            details: Details::http(status, Some(format!("{e}"))),
        })
    }
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
