//! Answers of a hostile or broken server, for the client's robustness tests: never
//! answering, stalling mid-body, endless bodies, proxy HTML pages, huge `Retry-After`,
//! echoed secrets, raw token answers and redirects. Scheduled like any fault
//! (`/__sim/faults`), on the API and the token endpoint alike.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use bytes::Bytes;
use futures_util::stream;

use crate::knobs::{FaultKind, ScheduledFault};
use crate::reply::{self, Hostile, Reply};

fn status_or(f: &ScheduledFault, default: StatusCode) -> StatusCode {
    f.status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(default)
}

fn with_body(status: StatusCode, content_type: &'static str, body: Body) -> Reply {
    let mut r = Reply::new(body);
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// The answer for a fault that [`FaultKind::replaces_answer`].
pub fn answer(f: &ScheduledFault, headers: &HeaderMap) -> Hostile {
    match f.kind {
        FaultKind::Hang => Hostile::Hang,
        FaultKind::StallBody => {
            // Promise a megabyte, send 16 bytes, then nothing.
            let first = stream::once(async {
                Ok::<_, std::io::Error>(Bytes::from_static(b"{\"Projects\": [ "))
            });
            let body = Body::from_stream(futures_util::StreamExt::chain(first, stream::pending()));
            let mut r = with_body(status_or(f, StatusCode::OK), "application/json", body);
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from_static("1048576"));
            Hostile::Answer(r)
        }
        FaultKind::EndlessBody => {
            let chunk = Bytes::from(r#"{"ProjectNumber":"INTG-00001","Status":"x"},"#.repeat(1500));
            let start = stream::once(async {
                Ok::<_, std::io::Error>(Bytes::from_static(b"{\"Projects\": ["))
            });
            let endless = stream::repeat_with(move || Ok(chunk.clone()));
            let body = Body::from_stream(futures_util::StreamExt::chain(start, endless));
            Hostile::Answer(with_body(
                status_or(f, StatusCode::OK),
                "application/json",
                body,
            ))
        }
        FaultKind::Html => Hostile::Answer(with_body(
            status_or(f, StatusCode::BAD_REQUEST),
            "text/html; charset=utf-8",
            Body::from(HTML_PAGE),
        )),
        FaultKind::RetryAfter => {
            let mut r = reply::error(StatusCode::TOO_MANY_REQUESTS, "Too many requests.");
            if let Some(v) = f
                .value
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Hostile::Answer(r)
        }
        FaultKind::EchoSecrets => {
            let get = |h| {
                headers
                    .get(h)
                    .and_then(|v: &HeaderValue| v.to_str().ok())
                    .unwrap_or("")
                    .to_string()
            };
            let message = format!(
                "The key {} is not valid here (you sent Authorization: {}).",
                get("x-apikey"),
                get("authorization")
            );
            Hostile::Answer(reply::bad_request(message))
        }
        FaultKind::Raw => Hostile::Answer(with_body(
            status_or(f, StatusCode::OK),
            "application/json",
            Body::from(f.value.clone().unwrap_or_default()),
        )),
        FaultKind::Redirect => {
            let mut r = with_body(StatusCode::FOUND, "text/plain", Body::from("Moved."));
            if let Some(v) = f
                .value
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                r.headers_mut().insert(header::LOCATION, v);
            }
            Hostile::Answer(r)
        }
        FaultKind::DropBefore
        | FaultKind::DropAfter
        | FaultKind::Status
        | FaultKind::Disposition => Hostile::Answer(reply::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Not a hostile fault.",
        )),
    }
}

const HTML_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Request blocked</title></head>\n<body><h1>Access denied</h1><p>Your request was blocked by the corporate web filter.</p></body></html>\n";
