//! Turning an HTTP answer that is not a success into an [`Error`], without depending on the
//! shape of the server's error body (contract D3, section 7).

use std::time::Duration;

use crate::body;
use crate::decisions;
use crate::error::{Details, Error};

/// What an error body says, whatever its shape: ASP.NET Web API's `{"Message"}` (with
/// `ModelState`), RFC 7807 problem details (`title` / `detail` / `errors`), OAuth's
/// `error_description`, or plain text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Refusal {
    /// The overall message.
    pub(crate) message: Option<String>,
    /// Field-level texts: (the key the server used, its text).
    pub(crate) fields: Vec<(String, String)>,
    /// Which shape it was, for the compatibility check.
    pub(crate) style: &'static str,
}

/// The texts of a `{key: [texts]}` or `{key: text}` map (ModelState, problem `errors`).
fn field_texts(map: &serde_json::Map<String, serde_json::Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, v) in map {
        let texts: Vec<String> = match v {
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|i| match i {
                    serde_json::Value::String(t) => Some(t.clone()),
                    // ModelState's long form: {"errors":[{"errorMessage": "..."}]}.
                    serde_json::Value::Object(o) => o
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case("errormessage"))
                        .and_then(|(_, v)| v.as_str().map(String::from)),
                    _ => None,
                })
                .collect(),
            serde_json::Value::String(t) => vec![t.clone()],
            _ => Vec::new(),
        };
        for t in texts.into_iter().filter(|t| !t.trim().is_empty()) {
            out.push((k.clone(), t));
        }
    }
    out
}

/// Reads an error body.
pub(crate) fn error_text(body: &str) -> Refusal {
    let body = crate::wire::strip_bom(body.as_bytes()).0;
    let body = String::from_utf8_lossy(body);
    let body = body.trim();
    if body.is_empty() {
        return Refusal::default();
    }
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) else {
        return Refusal {
            message: Some(body.chars().take(decisions::RAW_ERROR_BODY_CHARS).collect()),
            fields: Vec::new(),
            style: "text",
        };
    };
    // Property names in any letter case.
    let get = |name: &str| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let text = |name: &str| get(name).and_then(|v| v.as_str()).map(String::from);
    let (fields, style) = match (get("ModelState"), get("errors")) {
        (Some(serde_json::Value::Object(m)), _) => (field_texts(m), "ModelState"),
        (_, Some(serde_json::Value::Object(m))) => (field_texts(m), "problem details"),
        _ if get("title").is_some() || get("detail").is_some() => (Vec::new(), "problem details"),
        _ => (Vec::new(), "Message"),
    };
    let message = [
        decisions::ERROR_MESSAGE_KEY,
        "detail",
        "title",
        "error_description",
        "error",
    ]
    .into_iter()
    .find_map(text);
    Refusal {
        message,
        fields,
        style,
    }
}

/// `key: text; key: text` — field-level texts as one sentence (keys are ids; the core puts
/// the fields' labels in their place).
pub(crate) fn fields_sentence(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, t)| {
            let t = t.trim().trim_end_matches('.');
            if k.is_empty() {
                t.to_string()
            } else {
                format!("{k}: {t}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The error for a non-success status. `what` names the thing the call was about, for
/// "PowerClerk could not find {what}". `authenticate` is a 401's `WWW-Authenticate`
/// header, its only explanation when the body is empty.
pub(crate) fn error_for_status(
    status: u16,
    body: &str,
    what: &str,
    authenticate: Option<&str>,
) -> Error {
    let refusal = error_text(body);
    let server_message = refusal
        .message
        .clone()
        .or_else(|| (!refusal.fields.is_empty()).then(|| fields_sentence(&refusal.fields)))
        .or_else(|| authenticate.map(authenticate_text));
    let details = Details {
        field_errors: refusal.fields.clone(),
        ..Details::http(status, server_message.clone())
    };
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
            message: if refusal.fields.is_empty() {
                server_message.map(|m| sentence(&m))
            } else {
                Some(sentence(&fields_sentence(&refusal.fields)))
            }
            .unwrap_or_else(|| "the request was not valid.".into()),
            details,
        },
    }
}

/// A `WWW-Authenticate` header in words: its `error_description`, else its `error`, else
/// the header itself (shortened).
fn authenticate_text(header: &str) -> String {
    for key in ["error_description", "error"] {
        if let Some(i) = header.find(&format!("{key}=")) {
            let rest = &header[i + key.len() + 1..];
            let v = match rest.strip_prefix('"') {
                Some(q) => q.split('"').next().unwrap_or(""),
                None => rest.split([',', ' ']).next().unwrap_or(""),
            };
            if !v.is_empty() {
                return v.to_string();
            }
        }
    }
    header
        .chars()
        .take(decisions::RAW_ERROR_BODY_CHARS)
        .collect()
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
    dialect: &crate::wire::Dialect,
) -> Error {
    match read_error_body(resp, cap, wait).await {
        Ok(r) => {
            let refusal = error_text(&r.text);
            if !refusal.style.is_empty() {
                dialect.note_error_style(refusal.style);
            } else if r.authenticate.is_some() {
                dialect.note_error_style("WWW-Authenticate");
            }
            error_for_status(r.status, &r.text, what, r.authenticate.as_deref())
        }
        Err(e) => e,
    }
}

/// The start of a refusal's body, with what its headers add.
pub(crate) struct ErrorBody {
    pub(crate) status: u16,
    pub(crate) text: String,
    /// A 401's `WWW-Authenticate`.
    pub(crate) authenticate: Option<String>,
}

/// The status and the start of the body of a refusal; a redirect or an HTML page is an
/// error of its own.
pub(crate) async fn read_error_body(
    resp: reqwest::Response,
    cap: usize,
    wait: Duration,
) -> Result<ErrorBody, Error> {
    let status = resp.status().as_u16();
    let authenticate = resp
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
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
    Ok(ErrorBody {
        status,
        text,
        authenticate,
    })
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
            error_text(r#"{"Message":"No such form"}"#)
                .message
                .as_deref(),
            Some("No such form")
        );
        assert_eq!(
            error_text("<html>oops</html>").message.as_deref(),
            Some("<html>oops</html>")
        );
        assert_eq!(error_text("  ").message, None);
        let long = "x".repeat(5000);
        assert_eq!(
            error_text(&long).message.unwrap().len(),
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
        assert_eq!(
            error_for_status(404, "", "project X", None).kind(),
            "not_found"
        );
        assert_eq!(
            error_for_status(400, r#"{"Message":"HCA_RESULTS: bad"}"#, "", None).to_string(),
            "PowerClerk did not accept this: HCA_RESULTS: bad."
        );
        assert_eq!(error_for_status(503, "", "", None).kind(), "server");
        assert_eq!(error_for_status(413, "", "", None).kind(), "too_large");
        assert_eq!(error_for_status(409, "", "", None).kind(), "rejected");
    }

    #[test]
    fn field_level_texts_from_every_error_shape() {
        let model_state = r#"{"Message":"The request is invalid.","ModelState":{"request.Project.DataFields[0].Value":["'Maybe' is not one of the choices."]}}"#;
        let e = error_for_status(400, model_state, "", None);
        assert_eq!(
            e.to_string(),
            "PowerClerk did not accept this: request.Project.DataFields[0].Value: 'Maybe' is not one of the choices."
        );
        let problem = r#"{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"HCA_RESULTS":["Not a choice"]}}"#;
        let r = error_text(problem);
        assert_eq!(r.style, "problem details");
        assert_eq!(
            r.fields,
            vec![("HCA_RESULTS".to_string(), "Not a choice".to_string())]
        );
        assert_eq!(
            error_for_status(400, problem, "", None).to_string(),
            "PowerClerk did not accept this: HCA_RESULTS: Not a choice."
        );
        let lower = r#"{"message":"Nope"}"#;
        assert_eq!(error_text(lower).message.as_deref(), Some("Nope"));
        let bom = "\u{FEFF}{\"Message\":\"With a BOM\"}";
        assert_eq!(error_text(bom).message.as_deref(), Some("With a BOM"));
    }

    #[test]
    fn a_bare_401_is_explained_by_its_header() {
        let e = error_for_status(
            401,
            "",
            "",
            Some(r#"Bearer error="invalid_token", error_description="The token expired""#),
        );
        assert_eq!(
            e.details().unwrap().server_message.as_deref(),
            Some("The token expired")
        );
    }
}
