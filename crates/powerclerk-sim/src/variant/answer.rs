//! Rewriting one answer for the deviations in force.

use std::collections::HashMap;
use std::io::Write;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use serde_json::{json, Map, Value};

use super::serve::Asked;
use super::Deviation;
use crate::model::FieldKind;
use crate::reply::Reply;

const KINDS: [FieldKind; 6] = [
    FieldKind::Text,
    FieldKind::Number,
    FieldKind::Date,
    FieldKind::Checkbox,
    FieldKind::Choice,
    FieldKind::MultiChoice,
];

/// Typed values of a request back to text, counting them.
pub(super) fn untype_values(v: &mut Value, typed: &mut u64) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match (k.as_str(), &mut *x) {
                    ("Value", Value::Number(_) | Value::Bool(_)) => {
                        *typed += 1;
                        *x = Value::String(x.to_string());
                    }
                    ("Values", Value::Array(items)) => {
                        for i in items.iter_mut() {
                            if matches!(i, Value::Number(_) | Value::Bool(_)) {
                                *typed += 1;
                                *i = Value::String(i.to_string());
                            }
                        }
                    }
                    _ => untype_values(x, typed),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| untype_values(x, typed)),
        _ => {}
    }
}

pub(super) async fn rewrite(
    devs: &[Deviation],
    asked: &Asked<'_>,
    kinds: &HashMap<String, FieldKind>,
    reply: Reply,
) -> Reply {
    let has = |d: Deviation| devs.contains(&d);
    let (mut parts, body) = reply.into_parts();
    let status = parts.status.as_u16();
    if has(Deviation::ConnectionClose) {
        parts
            .headers
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    if asked.rest.last().map(String::as_str) == Some("download") && status == 200 {
        disposition(devs, &mut parts.headers);
        return Reply::from_parts(parts, body);
    }
    if status == 429 {
        rate_limit_headers(devs, &mut parts.headers);
    }
    if status == 401 && has(Deviation::Bare401) {
        bare_401(&mut parts.headers);
        return Reply::from_parts(parts, Body::empty());
    }
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !is_json {
        return Reply::from_parts(parts, body);
    }
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        return Reply::from_parts(parts, Body::from(bytes));
    };
    if parts.status.is_success() {
        if asked.is_write() && has(Deviation::NoContentWrites) {
            parts.status = StatusCode::NO_CONTENT;
            parts.headers.remove(header::CONTENT_TYPE);
            return Reply::from_parts(parts, Body::empty());
        }
        if asked.is_write() && has(Deviation::OtherWriteBody) {
            v = json!({ "Success": true });
        } else {
            values(devs, kinds, &mut v);
        }
    } else {
        error_body(devs, asked, status, &mut v, &mut parts.headers);
    }
    if has(Deviation::CamelCase) {
        camel_case(&mut v);
    }
    let mut out = serde_json::to_vec(&v).unwrap_or_default();
    if has(Deviation::Bom) {
        out.splice(0..0, *b"\xEF\xBB\xBF");
    }
    let accepts_gzip = asked
        .headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    if has(Deviation::Gzip) && accepts_gzip {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        if gz.write_all(&out).is_ok() {
            if let Ok(z) = gz.finish() {
                out = z;
                parts
                    .headers
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Reply::from_parts(parts, Body::from(out))
}

/// A 401's headers when its only explanation is `WWW-Authenticate`.
pub(super) fn bare_401(headers: &mut axum::http::HeaderMap) {
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(
            r#"Bearer error="invalid_token", error_description="The access token is missing, expired or revoked""#,
        ),
    );
}

fn disposition(devs: &[Deviation], headers: &mut axum::http::HeaderMap) {
    if devs.contains(&Deviation::NoDisposition) {
        headers.remove(header::CONTENT_DISPOSITION);
    } else if devs.contains(&Deviation::FilenameStarOnly) {
        let name = headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split("filename=\"").nth(1))
            .and_then(|v| v.split('"').next())
            .unwrap_or("file")
            .to_string();
        let encoded =
            percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC);
        if let Ok(h) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
            headers.insert(header::CONTENT_DISPOSITION, h);
        }
    }
}

fn rate_limit_headers(devs: &[Deviation], headers: &mut axum::http::HeaderMap) {
    let Some(secs) = headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    if devs.contains(&Deviation::RateLimitReset) {
        headers.remove(header::RETRY_AFTER);
        headers.insert("RateLimit-Reset", HeaderValue::from(secs));
    } else if devs.contains(&Deviation::XRateLimitReset) {
        headers.remove(header::RETRY_AFTER);
        let at = chrono::Utc::now().timestamp() as u64 + secs + 1;
        headers.insert("X-Rate-Limit-Reset", HeaderValue::from(at));
    }
}

/// Values, types, timestamps, ids and extra properties of a successful answer.
fn values(devs: &[Deviation], kinds: &HashMap<String, FieldKind>, v: &mut Value) {
    match v {
        Value::Object(m) => {
            let kind = m
                .get("DataFieldId")
                .and_then(Value::as_str)
                .and_then(|id| kinds.get(&id.to_lowercase()))
                .copied();
            for (k, x) in m.iter_mut() {
                one(devs, kind, k, x);
                values(devs, kinds, x);
            }
            if devs.contains(&Deviation::UnknownProperties) {
                m.insert("ETag".into(), json!("W/\"1\""));
                m.insert(
                    "Links".into(),
                    json!({ "Self": { "Href": "/x", "Rel": ["self"] } }),
                );
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| values(devs, kinds, x)),
        _ => {}
    }
}

fn one(devs: &[Deviation], kind: Option<FieldKind>, key: &str, x: &mut Value) {
    let has = |d: Deviation| devs.contains(&d);
    match (key, &mut *x) {
        ("Value", Value::String(s)) if !s.is_empty() => match kind {
            Some(FieldKind::Number) if has(Deviation::TypedValues) => {
                if let Ok(n) = serde_json::from_str::<serde_json::Number>(s) {
                    *x = Value::Number(n);
                }
            }
            Some(FieldKind::Checkbox) if has(Deviation::TypedValues) => {
                *x = Value::Bool(s == "true");
            }
            Some(FieldKind::Date) if has(Deviation::DateTimes) => {
                *s = format!("{s}T00:00:00");
            }
            _ => {}
        },
        ("Type", Value::String(s)) if has(Deviation::NumericEnums) => {
            if let Some(i) = KINDS.iter().position(|k| k.as_str() == s) {
                *x = Value::from(i);
            }
        }
        ("CustomId", Value::String(s)) if has(Deviation::IdCase) => *s = s.to_lowercase(),
        ("Timestamp" | "LastChangeTimestamp" | "RequestTimestamp", Value::String(s)) => {
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                if has(Deviation::NoOffset) {
                    *s = t.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string();
                } else if has(Deviation::SevenDigits) {
                    let frac = t.timestamp_subsec_nanos() / 100;
                    *s = format!(
                        "{}.{frac:07}{}",
                        t.format("%Y-%m-%dT%H:%M:%S"),
                        t.format("%:z")
                    );
                }
            }
        }
        _ => {}
    }
}

/// A field-level refusal as ModelState or problem details.
fn error_body(
    devs: &[Deviation],
    asked: &Asked<'_>,
    status: u16,
    v: &mut Value,
    headers: &mut axum::http::HeaderMap,
) {
    let message = v
        .get("Message")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    // "HCA results (HCA_RESULTS): 'Maybe' is not one of the choices."
    let field = message.split_once("): ").and_then(|(head, text)| {
        let key = head.rsplit_once(" (")?.1;
        Some((key.to_string(), text.to_string()))
    });
    if devs.contains(&Deviation::ModelStateErrors) && status == 400 {
        if let Some((key, text)) = field {
            let index = asked
                .body
                .and_then(|b| b.pointer("/Project/DataFields"))
                .and_then(Value::as_array)
                .and_then(|items| {
                    items.iter().position(|i| {
                        i.get("DataFieldId")
                            .and_then(Value::as_str)
                            .is_some_and(|id| id.eq_ignore_ascii_case(&key))
                    })
                });
            let path = match index {
                Some(i) => format!("request.Project.DataFields[{i}].Value"),
                None => key,
            };
            let mut state = Map::new();
            state.insert(path, json!([text]));
            *v = json!({ "Message": "The request is invalid.", "ModelState": state });
        }
    } else if devs.contains(&Deviation::ProblemErrors) {
        let title = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error");
        *v = match field {
            Some((key, text)) => {
                let mut errors = Map::new();
                errors.insert(key, json!([text]));
                json!({
                    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
                    "title": "One or more validation errors occurred.",
                    "status": status,
                    "errors": errors,
                })
            }
            None => json!({ "title": title, "status": status, "detail": message }),
        };
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json; charset=utf-8"),
        );
    }
}

/// Property names with a lower-case first letter, at every depth.
fn camel_case(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let old = std::mem::take(m);
            for (k, mut x) in old {
                camel_case(&mut x);
                let mut c = k.chars();
                let key = match c.next() {
                    Some(f) => f.to_lowercase().chain(c).collect(),
                    None => k,
                };
                m.insert(key, x);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(camel_case),
        _ => {}
    }
}
