//! OAuth 2.0 client-credentials tokens: fetched on demand, cached in memory, renewed shortly
//! before expiry; concurrent callers share one fetch.

use std::time::Duration;

use base64::Engine as _;
use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use crate::config::{Credentials, RetryPolicy};
use crate::decisions;
use crate::error::{Details, Error, Result};
use crate::response::error_text;
use crate::retry;

struct Token {
    value: String,
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize, Default)]
struct TokenError {
    #[serde(default)]
    error: Option<String>,
}

/// The token cache of one client (and its clones).
pub(crate) struct TokenCache {
    http: reqwest::Client,
    token_url: Url,
    /// `Basic base64(id:secret)`; never printed.
    basic: String,
    retry: RetryPolicy,
    current: Mutex<Option<Token>>,
}

impl TokenCache {
    pub(crate) fn new(
        http: reqwest::Client,
        token_url: Url,
        creds: &Credentials,
        retry: RetryPolicy,
    ) -> Self {
        let raw = format!("{}:{}", creds.client_id, creds.client_secret);
        Self {
            http,
            token_url,
            basic: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            ),
            retry,
            current: Mutex::new(None),
        }
    }

    /// A token valid for a while yet. Holding the lock during the fetch makes concurrent
    /// callers wait for the one fetch in flight instead of starting their own.
    pub(crate) async fn get(&self) -> Result<String> {
        let mut current = self.current.lock().await;
        if let Some(t) = current.as_ref() {
            if Instant::now() < t.renew_at {
                return Ok(t.value.clone());
            }
        }
        let fresh = self.fetch().await?;
        let value = fresh.value.clone();
        *current = Some(fresh);
        Ok(value)
    }

    /// Forgets `used` after the API refused it (401), unless another caller already
    /// replaced it.
    pub(crate) async fn invalidate(&self, used: &str) {
        let mut current = self.current.lock().await;
        if current.as_ref().is_some_and(|t| t.value == used) {
            *current = None;
        }
    }

    async fn fetch(&self) -> Result<Token> {
        let mut attempt = 0;
        loop {
            let requested_at = Instant::now();
            let sent = self
                .http
                .post(self.token_url.clone())
                .header(reqwest::header::AUTHORIZATION, &self.basic)
                .header(reqwest::header::ACCEPT, "application/json")
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await;
            let transient = match sent {
                Ok(resp) if resp.status().is_success() => {
                    let body: TokenResponse =
                        resp.json().await.map_err(|e| Error::UnexpectedResponse {
                            details: Details {
                                status: Some(200),
                                server_message: Some(format!("token response: {e}")),
                            },
                        })?;
                    let lifetime = Duration::from_secs(body.expires_in.unwrap_or(3600));
                    let margin = decisions::TOKEN_REFRESH_MARGIN.min(lifetime / 5);
                    return Ok(Token {
                        value: body.access_token,
                        renew_at: requested_at + lifetime - margin,
                    });
                }
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    if !retry::is_retryable_status(status) {
                        let text = resp.text().await.unwrap_or_default();
                        let code = serde_json::from_str::<TokenError>(&text)
                            .unwrap_or_default()
                            .error;
                        let details = Details::http(status, error_text(&text));
                        return Err(match (status, code.as_deref()) {
                            (400 | 401, Some("invalid_client" | "unauthorized_client"))
                            | (401, _) => Error::BadCredentials { details },
                            (400, _) => Error::Rejected {
                                message: "the sign-in request was refused. Check the token address in Settings.".into(),
                                details,
                            },
                            (404 | 405, _) => Error::InvalidConfig {
                                message: format!("There is no PowerClerk sign-in service at {}. Check the token address in Settings.", self.token_url),
                            },
                            (s, _) if s >= 500 => Error::Server { details },
                            _ => Error::Rejected {
                                message: "the sign-in request was refused.".into(),
                                details,
                            },
                        });
                    }
                    Error::Server {
                        details: Details::http(status, None),
                    }
                }
                Err(e) => Error::from_transport(&e),
            };
            attempt += 1;
            if attempt >= self.retry.max_attempts {
                return Err(transient);
            }
            tokio::time::sleep(retry::backoff(&self.retry, attempt - 1)).await;
        }
    }
}
