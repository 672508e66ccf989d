//! The token endpoint (D2) and the checks every API call passes: API key, bearer token,
//! and the per-key sliding window (D4).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use base64::Engine as _;
use serde_json::json;
use tokio::time::Instant;

use crate::knobs::RetryAfterStyle;
use crate::reply::{self, Reply};
use crate::state::{SimState, TokenInfo};
use crate::{ids, DEMO_API_KEYS, DEMO_CLIENTS};

/// `POST /{tenant}/connect/token` with Basic auth and `grant_type=client_credentials`.
pub fn token(st: &mut SimState, headers: &HeaderMap, body: &[u8]) -> Reply {
    let invalid_client = || {
        reply::json_status(
            StatusCode::BAD_REQUEST,
            json!({ "error": "invalid_client" }),
        )
    };
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok());
    let Some((id, secret)) = basic.as_deref().and_then(|s| s.split_once(':')) else {
        return invalid_client();
    };
    let Some(&(_, _, admin)) = DEMO_CLIENTS
        .iter()
        .find(|(i, s, _)| *i == id && *s == secret)
    else {
        return invalid_client();
    };
    let grant = form_urlencoded_value(body, "grant_type");
    if grant.as_deref() != Some("client_credentials") {
        return reply::json_status(
            StatusCode::BAD_REQUEST,
            json!({ "error": "unsupported_grant_type" }),
        );
    }
    let lifetime = st.knobs.token_lifetime_s;
    let token = ids::random_token();
    st.tokens.insert(
        token.clone(),
        TokenInfo {
            expires: Instant::now() + std::time::Duration::from_secs(lifetime),
            admin,
        },
    );
    st.stats.tokens_issued += 1;
    reply::json(json!({
        "access_token": token, "token_type": "Bearer", "expires_in": lifetime, "scope": "powerclerk.api",
    }))
}

fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    std::str::from_utf8(body).ok()?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// Who is calling, once checked.
pub struct Caller {
    /// Which demo key (for the log), e.g. `key1`.
    pub key_label: String,
    /// Administrator token.
    pub admin: bool,
}

/// Checks key and token, then the window. An answer means "refuse with this".
pub fn check(st: &mut SimState, headers: &HeaderMap) -> Result<Caller, Reply> {
    let key = headers
        .get("x-apikey")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(index) = DEMO_API_KEYS.iter().position(|k| *k == key) else {
        return Err(reply::error(
            StatusCode::UNAUTHORIZED,
            "Missing or unknown API key (X-ApiKey).",
        ));
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let now = Instant::now();
    let admin = match st.tokens.get(bearer) {
        Some(t) if t.expires > now => t.admin,
        _ => {
            return Err(reply::error(
                StatusCode::UNAUTHORIZED,
                "Authorization has been denied for this request.",
            ))
        }
    };
    if let Err(wait) = st.admit(key, now) {
        st.stats.rate_limited += 1;
        let mut r = reply::error(
            StatusCode::TOO_MANY_REQUESTS,
            "API rate limit exceeded for this API key.",
        );
        // Round up: coming back after the advertised time must succeed.
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let value = match st.knobs.retry_after {
            RetryAfterStyle::Seconds => Some(secs.max(1).to_string()),
            RetryAfterStyle::HttpDate => Some(httpdate::fmt_http_date(
                std::time::SystemTime::now() + std::time::Duration::from_secs(secs.max(1) + 1),
            )),
            RetryAfterStyle::Omit => None,
        };
        if let Some(v) = value {
            r.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_str(&v).expect("ascii"),
            );
        }
        return Err(r);
    }
    Ok(Caller {
        key_label: format!("key{}", index + 1),
        admin,
    })
}
