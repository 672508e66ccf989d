//! OAuth 2.0 client-credentials tokens: fetched on demand, cached in memory, renewed shortly
//! before expiry; concurrent callers share one fetch. Every token request is bounded in
//! time and size, and its answer is checked before it is believed.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use crate::body;
use crate::config::{Credentials, RetryPolicy};
use crate::decisions;
use crate::error::{Details, Error, Result};
use crate::limits::{Limits, MAX_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME};
use crate::redact::Redactor;
use crate::response::{error_text, looks_like_html, read_error_body};
use crate::retry;

struct Token {
    value: SecretString,
    renew_at: Instant,
}

/// A token answer that was checked: a usable value and a lifetime within bounds.
#[derive(Debug, PartialEq)]
pub(crate) struct TokenAnswer {
    pub value: String,
    pub lifetime: Duration,
}

#[derive(Deserialize)]
struct RawAnswer {
    #[serde(default)]
    access_token: Option<serde_json::Value>,
    #[serde(default)]
    token_type: Option<serde_json::Value>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
struct TokenError {
    #[serde(default)]
    error: Option<String>,
}

fn unreadable(why: &str) -> Error {
    Error::UnexpectedResponse {
        details: Details {
            status: Some(200),
            server_message: Some(format!("sign-in answer: {why}")),
            field_errors: Vec::new(),
        },
    }
}

/// `expires_in` as seconds: a number or a numeric string; anything else is "not given".
fn lifetime_of(v: Option<&serde_json::Value>) -> Duration {
    let secs = match v {
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match secs {
        Some(s) if s.is_finite() => {
            // Clamped before converting: `Duration::from_secs_f64` panics on huge values.
            let s = s.clamp(
                MIN_TOKEN_LIFETIME.as_secs_f64(),
                MAX_TOKEN_LIFETIME.as_secs_f64(),
            );
            Duration::from_secs_f64(s)
        }
        _ => decisions::TOKEN_LIFETIME_WHEN_ABSENT,
    }
}

/// Checks a successful token answer: JSON, a non-empty token that can be sent in a header,
/// a Bearer token type (absent counts as Bearer, decision in [`decisions`]) and a lifetime
/// clamped to [`MIN_TOKEN_LIFETIME`]..[`MAX_TOKEN_LIFETIME`].
pub(crate) fn parse_token_answer(bytes: &[u8]) -> Result<TokenAnswer> {
    let bytes = crate::wire::strip_bom(bytes).0;
    let text = String::from_utf8_lossy(bytes);
    if looks_like_html(&text) {
        return Err(Error::HtmlPage {
            details: Details::http(200, Some(crate::response::html_excerpt(&text))),
        });
    }
    let raw: RawAnswer =
        serde_json::from_slice(bytes).map_err(|_| unreadable("not a JSON object"))?;
    if let Some(t) = raw.token_type.as_ref() {
        let t = t.as_str().unwrap_or("(not text)");
        if !t.eq_ignore_ascii_case(decisions::TOKEN_TYPE) {
            return Err(Error::UnsupportedToken {
                token_type: t.chars().take(40).collect(),
            });
        }
    }
    let value = match raw.access_token {
        Some(serde_json::Value::String(s)) => s,
        _ => return Err(unreadable("no access_token")),
    };
    if value.is_empty() || !value.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(unreadable(
            "the access_token is empty or has characters a header cannot carry",
        ));
    }
    Ok(TokenAnswer {
        value,
        lifetime: lifetime_of(raw.expires_in.as_ref()),
    })
}

/// The token cache of one client (and its clones).
pub(crate) struct TokenCache {
    http: reqwest::Client,
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    retry: RetryPolicy,
    limits: Limits,
    redactor: Redactor,
    current: Mutex<Option<Token>>,
}

impl TokenCache {
    pub(crate) fn new(
        http: reqwest::Client,
        token_url: Url,
        creds: &Credentials,
        retry: RetryPolicy,
        limits: Limits,
        redactor: Redactor,
    ) -> Self {
        Self {
            http,
            token_url,
            client_id: creds.client_id.clone(),
            client_secret: creds.client_secret.clone(),
            retry,
            limits,
            redactor,
            current: Mutex::new(None),
        }
    }

    /// A token valid for a while yet. Holding the lock during the fetch makes concurrent
    /// callers wait for the one fetch in flight instead of starting their own; the fetch is
    /// bounded by the token timeout, so so is their wait.
    pub(crate) async fn get(&self) -> Result<SecretString> {
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
    pub(crate) async fn invalidate(&self, used: &SecretString) {
        let mut current = self.current.lock().await;
        if current
            .as_ref()
            .is_some_and(|t| t.value.expose_secret() == used.expose_secret())
        {
            *current = None;
        }
    }

    async fn fetch(&self) -> Result<Token> {
        let mut attempt = 0;
        loop {
            let requested_at = Instant::now();
            let transient = match self.request_once().await {
                Ok(answer) => {
                    self.redactor.add_token(&answer.value);
                    let margin = decisions::TOKEN_REFRESH_MARGIN.min(answer.lifetime / 5);
                    return Ok(Token {
                        value: SecretString::from(answer.value),
                        renew_at: requested_at + answer.lifetime - margin,
                    });
                }
                Err(e) if is_transient(&e) => e,
                Err(e) => return Err(e),
            };
            attempt += 1;
            if attempt >= self.retry.max_attempts {
                return Err(transient);
            }
            tokio::time::sleep(retry::backoff(&self.retry, attempt - 1)).await;
        }
    }

    /// One token request, bounded by the token timeout as a whole and by the token body cap.
    async fn request_once(&self) -> Result<TokenAnswer> {
        let limit = self.limits.token_timeout;
        let attempt = async {
            let resp = self
                .http
                .post(self.token_url.clone())
                // `basic_auth` marks the header sensitive (kept out of reqwest's Debug output).
                .basic_auth(&self.client_id, Some(self.client_secret.expose_secret()))
                .header(reqwest::header::ACCEPT, "application/json")
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .map_err(|e| Error::from_transport(&e))?;
            let status = resp.status().as_u16();
            if resp.status().is_success() {
                let bytes = body::read_capped(resp, self.limits.max_token_body as u64).await?;
                return parse_token_answer(&bytes);
            }
            Err(self.refusal(resp, status).await)
        };
        match tokio::time::timeout(limit, attempt).await {
            Ok(r) => r,
            Err(_) => Err(Error::timeout("the sign-in service did not answer", limit)),
        }
    }

    async fn refusal(&self, resp: reqwest::Response, status: u16) -> Error {
        let text = match read_error_body(resp, self.limits.max_error_body, self.limits.idle_timeout)
            .await
        {
            Ok(r) => r.text,
            // Redirects and web pages say more than the status alone.
            Err(e) => return e,
        };
        let code = serde_json::from_str::<TokenError>(&text)
            .unwrap_or_default()
            .error;
        let details = Details::http(status, error_text(&text).message);
        match (status, code.as_deref()) {
            (400 | 401, Some("invalid_client" | "unauthorized_client")) | (401, _) => {
                Error::BadCredentials { details }
            }
            (400, _) => Error::Rejected {
                message:
                    "the sign-in request was refused. Check the token address in Settings.".into(),
                details,
            },
            (404 | 405, _) => Error::InvalidConfig {
                message: format!(
                    "There is no PowerClerk sign-in service at {}. Check the token address in Settings.",
                    self.token_url
                ),
            },
            (s, _) if s >= 500 => Error::Server { details },
            _ => Error::Rejected {
                message: "the sign-in request was refused.".into(),
                details,
            },
        }
    }
}

/// Failures worth another token request: no connection, no answer in time, a connection
/// that broke before the answer (asking for a token again is always safe: a second token is
/// as good as the first), a gateway error.
fn is_transient(e: &Error) -> bool {
    match e {
        Error::Network { .. } | Error::Timeout { .. } | Error::Interrupted { .. } => true,
        Error::Server { details } => details.status.is_some_and(retry::is_retryable_status),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn answers_are_checked() {
        let ok = parse_token_answer(
            br#"{"access_token":"abc","token_type":"bearer","expires_in":3600}"#,
        )
        .unwrap();
        assert_eq!(ok.lifetime, Duration::from_secs(3600));
        let huge = parse_token_answer(
            br#"{"access_token":"abc","token_type":"Bearer","expires_in":18446744073709551615}"#,
        )
        .unwrap();
        assert_eq!(huge.lifetime, MAX_TOKEN_LIFETIME);
        for small in ["0", "-5", "\"-1e300\""] {
            let body = format!(r#"{{"access_token":"abc","expires_in":{small}}}"#);
            assert_eq!(
                parse_token_answer(body.as_bytes()).unwrap().lifetime,
                MIN_TOKEN_LIFETIME
            );
        }
        let mac = parse_token_answer(br#"{"access_token":"abc","token_type":"mac"}"#).unwrap_err();
        assert_eq!(mac.kind(), "unsupported_token");
        assert!(mac.to_string().contains("\"mac\""), "{mac}");
        for bad in [
            &br#"{"token_type":"Bearer"}"#[..],
            br#"{"access_token":""}"#,
            b"[]",
            b"nonsense",
            br#"{"access_token":"a b"}"#,
        ] {
            assert_eq!(
                parse_token_answer(bad).unwrap_err().kind(),
                "unexpected_response"
            );
        }
        assert_eq!(
            parse_token_answer(b"<!DOCTYPE html><html></html>")
                .unwrap_err()
                .kind(),
            "html_page"
        );
    }

    proptest! {
        #[test]
        fn any_answer_parses_or_fails_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_token_answer(&bytes);
        }

        #[test]
        fn any_lifetime_is_clamped(secs in any::<f64>(), as_text in any::<bool>()) {
            let v = if as_text { format!("\"{secs}\"") } else { serde_json::to_string(&secs).unwrap_or("null".into()) };
            let body = format!(r#"{{"access_token":"abc","expires_in":{v}}}"#);
            if let Ok(a) = parse_token_answer(body.as_bytes()) {
                prop_assert!(a.lifetime >= MIN_TOKEN_LIFETIME && a.lifetime <= MAX_TOKEN_LIFETIME);
            }
        }
    }
}
