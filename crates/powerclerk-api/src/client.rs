//! The client: configuration, connection pool, token cache, the shared limiter, the retry
//! budget and the redactor. Sending is in `transport`, calls are described in `call`.

use std::sync::Arc;

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;

use crate::body;
use crate::call::{Call, CallTimeout, Payload};
use crate::config::ClientConfig;
use crate::error::{Details, Error, Result};
use crate::limiter::{RateLimiter, RateStatus};
use crate::redact::Redactor;
use crate::retry::RetryBucket;
use crate::token::TokenCache;
pub use crate::transfer::{throttled, ProgressFn, Transfer};
use crate::wire::{self, Dialect};

/// A PowerClerk API V2 client. Cheap to clone; clones share the token cache, the
/// connection pool, the retry budget and (through the per-key registry) the rate limiter.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) config: ClientConfig,
    pub(crate) tokens: TokenCache,
    pub(crate) limiter: RateLimiter,
    pub(crate) redactor: Redactor,
    pub(crate) retry_bucket: RetryBucket,
    pub(crate) dialect: Dialect,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish()
    }
}

impl Client {
    /// Creates a client. Fails only on an unusable configuration; nothing is sent yet.
    pub fn new(config: ClientConfig) -> Result<Self> {
        // Re-check here too: a config built by hand must not bypass the https rule.
        crate::config::parse_service_url(config.api_url.as_str())?;
        crate::config::parse_service_url(config.token_url.as_str())?;
        let creds = &config.credentials;
        if creds.api_key().trim().is_empty() {
            return Err(Error::InvalidConfig {
                message: "The API key is empty. Enter it in Settings.".into(),
            });
        }
        let http = reqwest::Client::builder()
            .connect_timeout(config.limits.connect_timeout)
            .user_agent(concat!("Clerkdesk/", env!("CARGO_PKG_VERSION")))
            // The API never redirects; following one could send the bearer token elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::InvalidConfig {
                message: format!("Could not set up the network connection: {e}"),
            })?;
        let basic = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{}:{}", creds.client_id, creds.client_secret()),
        );
        let redactor = Redactor::new([creds.api_key(), creds.client_secret(), basic.as_str()]);
        let tokens = TokenCache::new(
            http.clone(),
            config.token_url.clone(),
            creds,
            config.retry.clone(),
            config.limits.clone(),
            redactor.clone(),
        );
        let limiter = RateLimiter::shared(
            config.api_url.origin().ascii_serialization().as_str(),
            creds.api_key(),
            config.rate_limit.clone(),
        );
        let retry_bucket = RetryBucket::new(config.retry.budget);
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                config,
                tokens,
                limiter,
                redactor,
                retry_bucket,
                dialect: Dialect::default(),
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

    /// `text` with this client's secrets (API key, client secret, tokens) removed: for
    /// anything the caller writes to a screen, a log or a file.
    pub fn redact(&self, text: &str) -> String {
        self.inner.redactor.redact(text)
    }

    /// The client's redactor (shared: it learns each new token).
    pub fn redactor(&self) -> Redactor {
        self.inner.redactor.clone()
    }

    /// Fetches a token now (to check credentials without an API call).
    pub async fn authenticate(&self) -> Result<()> {
        self.inner
            .tokens
            .get()
            .await
            .map(|_| ())
            .map_err(|e| e.redacted(&self.inner.redactor))
    }

    pub(crate) fn request(
        &self,
        call: &Call<'_>,
        token: &secrecy::SecretString,
    ) -> Result<reqwest::RequestBuilder> {
        let url = call.path.url(&self.inner.config.api_url);
        let mut rb = self
            .inner
            .http
            .request(call.method.clone(), url)
            // `bearer_auth` marks the header sensitive (kept out of reqwest's Debug output).
            .bearer_auth(token.expose_secret())
            .header(ACCEPT, "application/json");
        let mut key =
            HeaderValue::from_str(self.inner.config.credentials.api_key()).map_err(|_| {
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
            rb = rb.timeout(self.inner.config.limits.request_timeout);
        }
        Ok(match &call.payload {
            Payload::Empty => rb.header(CONTENT_LENGTH, 0),
            Payload::Json(bytes) => rb
                .header(CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            Payload::File(_) => rb,
        })
    }

    /// Sends a call and reads its whole body, up to the JSON body cap within the request
    /// timeout. Returns the status too.
    async fn send_for_body(&self, call: &Call<'_>) -> Result<(u16, Vec<u8>)> {
        let resp = self.send(call).await?;
        let status = resp.status().as_u16();
        let limits = &self.inner.config.limits;
        let bytes = match tokio::time::timeout(
            limits.request_timeout,
            body::read_capped(resp, limits.max_json_body),
        )
        .await
        {
            Ok(r) => r,
            Err(_) => Err(Error::timeout(
                "PowerClerk did not finish its answer",
                limits.request_timeout,
            )),
        }
        .map_err(|e| e.redacted(&self.inner.redactor))?;
        Ok((status, bytes))
    }

    /// Sends a call and reads its JSON answer by what it means ([`crate::wire`]). An empty
    /// answer to a read is an answer Clerkdesk cannot use, said as such.
    pub(crate) async fn send_json<T: DeserializeOwned>(&self, call: &Call<'_>) -> Result<T> {
        let (status, bytes) = self.send_for_body(call).await?;
        let read = wire::parse(&bytes, status, &call.what, &self.inner.dialect).and_then(|v| {
            let v = v.ok_or_else(|| Error::UnexpectedResponse {
                details: Details::http(
                    status,
                    Some(format!("The answer to '{}' was empty.", call.what)),
                ),
            })?;
            wire::typed(v, &call.what, status)
        });
        read.map_err(|e| e.redacted(&self.inner.redactor))
    }

    /// Sends a write and reads its answer when it is the documented `{envelope: ...}`.
    /// `Ok(None)` when PowerClerk accepted the write but answered with no body (`204`), with
    /// another body, or with one Clerkdesk cannot read: the caller then reads back what it
    /// needs, so that what it reports is the server's state, never a guess.
    pub(crate) async fn send_write<T: DeserializeOwned>(
        &self,
        call: &Call<'_>,
        envelope: &str,
    ) -> Result<Option<T>> {
        let (status, bytes) = self.send_for_body(call).await?;
        let value = wire::parse(&bytes, status, &call.what, &self.inner.dialect)
            .ok()
            .flatten()
            .filter(|v| v.get(envelope).is_some_and(|e| e.is_object()));
        let typed = value.and_then(|v| wire::typed::<T>(v, &call.what, status).ok());
        if typed.is_none() {
            self.inner.dialect.note(|o| o.write_without_body = true);
        }
        Ok(typed)
    }

    /// What this client has noticed of the server's ways of writing its answers where they
    /// differ from the contract (for the compatibility check).
    pub fn observed(&self) -> wire::Observed {
        self.inner.dialect.observed()
    }
}
