//! Turning an HTTP answer that is not a success into an [`Error`], without depending on the
//! shape of the server's error body (contract D3, section 7).

use crate::decisions;
use crate::error::{Details, Error};

/// The server's message: `Message` of a JSON body when present, otherwise the start of the
/// raw text; `None` for an empty body.
pub(crate) fn error_text(body: &str) -> Option<String> {
    let body = body.trim();
    if body.is_empty() {
        return None;
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) {
        for key in [
            decisions::ERROR_MESSAGE_KEY,
            "message",
            "error_description",
            "error",
        ] {
            if let Some(serde_json::Value::String(m)) = map.get(key) {
                return Some(m.clone());
            }
        }
    }
    Some(body.chars().take(decisions::RAW_ERROR_BODY_CHARS).collect())
}

/// The error for a non-success status. `what` names the thing the call was about, for
/// "PowerClerk could not find {what}".
pub(crate) fn error_for_status(status: u16, body: &str, what: &str) -> Error {
    let server_message = error_text(body);
    let details = Details::http(status, server_message.clone());
    match status {
        401 => Error::Unauthorized { details },
        403 => Error::Forbidden { details },
        404 => Error::NotFound {
            what: what.to_string(),
            details,
        },
        413 => Error::TooLarge { details },
        429 => Error::RateLimited {
            retry_after: None,
            details,
        },
        s if s >= 500 => Error::Server { details },
        _ => Error::Rejected {
            message: server_message
                .map(|m| sentence(&m))
                .unwrap_or_else(|| "the request was not valid.".into()),
            details,
        },
    }
}

fn sentence(m: &str) -> String {
    let m = m.trim();
    if m.ends_with(['.', '!', '?']) {
        m.to_string()
    } else {
        format!("{m}.")
    }
}

/// Reads an error body, tolerating a broken connection.
pub(crate) async fn error_from_response(resp: reqwest::Response, what: &str) -> Error {
    let status = resp.status().as_u16();
    let body = resp.text().await.unwrap_or_default();
    error_for_status(status, &body, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_from_json_or_raw_text() {
        assert_eq!(
            error_text(r#"{"Message":"No such form"}"#).as_deref(),
            Some("No such form")
        );
        assert_eq!(
            error_text("<html>oops</html>").as_deref(),
            Some("<html>oops</html>")
        );
        assert_eq!(error_text("  "), None);
        let long = "x".repeat(5000);
        assert_eq!(
            error_text(&long).unwrap().len(),
            decisions::RAW_ERROR_BODY_CHARS
        );
    }

    #[test]
    fn statuses_map_to_kinds() {
        assert_eq!(error_for_status(404, "", "project X").kind(), "not_found");
        assert_eq!(
            error_for_status(400, r#"{"Message":"HCA_RESULTS: bad"}"#, "").to_string(),
            "PowerClerk did not accept this: HCA_RESULTS: bad."
        );
        assert_eq!(error_for_status(503, "", "").kind(), "server");
        assert_eq!(error_for_status(413, "", "").kind(), "too_large");
        assert_eq!(error_for_status(409, "", "").kind(), "rejected");
    }
}
