//! Turning an HTTP answer that is not a success into an [`Error`], without depending on the
//! shape of the server's error body (contract D3, section 7).

use std::time::Duration;

use crate::body;
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

/// Reads the start of an error body (at most `cap` bytes, for at most `wait`), tolerating
/// a broken connection, and says what the answer means: a redirect, a web page from
/// something between us and PowerClerk, or PowerClerk's own refusal.
pub(crate) async fn error_from_response(
    resp: reqwest::Response,
    what: &str,
    cap: usize,
    wait: Duration,
) -> Error {
    match read_error_body(resp, cap, wait).await {
        Ok((status, text)) => error_for_status(status, &text, what),
        Err(e) => e,
    }
}

/// The status and the start of the body of a refusal; a redirect or an HTML page is an
/// error of its own.
pub(crate) async fn read_error_body(
    resp: reqwest::Response,
    cap: usize,
    wait: Duration,
) -> Result<(u16, String), Error> {
    let status = resp.status().as_u16();
    if (300..400).contains(&status) {
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| l.chars().take(decisions::RAW_ERROR_BODY_CHARS).collect());
        return Err(Error::Redirected {
            location,
            details: Details::http(status, None),
        });
    }
    let html_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
    let bytes = tokio::time::timeout(wait, body::read_start(resp, cap))
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if html_type || looks_like_html(&text) {
        return Err(Error::HtmlPage {
            details: Details::http(status, Some(html_excerpt(&text))),
        });
    }
    Ok((status, text))
}

/// True for a body that is an HTML document rather than JSON or plain text.
pub(crate) fn looks_like_html(body: &str) -> bool {
    let start: String = body
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<head")
}

/// A page's title, or else its text without tags, shortened: what the Details show of an
/// HTML page instead of its markup.
pub(crate) fn html_excerpt(page: &str) -> String {
    let lower = page.to_ascii_lowercase();
    let title = lower
        .find("<title>")
        .and_then(|a| lower[a..].find("</title>").map(|b| (a + 7, a + b)))
        .map(|(a, b)| page.get(a..b).unwrap_or(""));
    let source = title.filter(|t| !t.trim().is_empty()).unwrap_or(page);
    let mut text = String::new();
    let mut in_tag = false;
    for c in source.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    let short: String = joined
        .chars()
        .take(decisions::RAW_ERROR_BODY_CHARS)
        .collect();
    format!("a web page titled or saying \"{short}\"")
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
    fn html_pages_are_recognised_and_shortened() {
        let page = "<!DOCTYPE html>\n<html><head><title>Request blocked</title></head><body>x</body></html>";
        assert!(looks_like_html(page));
        assert!(!looks_like_html(r#"{"Message":"<html>"}"#));
        assert_eq!(
            html_excerpt(page),
            "a web page titled or saying \"Request blocked\""
        );
        let untitled = "<html><body><h1>Access   denied</h1><p>by policy</p></body></html>";
        assert_eq!(
            html_excerpt(untitled),
            "a web page titled or saying \"Access denied by policy\""
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
