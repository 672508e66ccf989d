//! The HTTP server: an accept loop on hyper so that a request can end with the connection
//! dropped instead of an answer (the fault injection that makes Submit and Upload
//! ambiguous), latency, random errors, and dispatch to the token endpoint, the API and
//! `/__sim/`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::reply::{self, Reply};
use crate::shared::Shared;
use crate::{api, auth, faults};

/// Returned instead of an answer to make hyper close the connection.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for DropConnection {}

/// Accepts connections until `stop` is cancelled.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>, stop: CancellationToken) {
    loop {
        let accepted = tokio::select! {
            _ = stop.cancelled() => return,
            a = listener.accept() => a,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let shared = shared.clone();
                async move { handle(shared, req.map(Body::new)).await }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = stop.cancelled() => {}
            }
        });
    }
}

fn decode_segments(path: &str) -> Vec<String> {
    path.split('/')
        .skip(1)
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect()
}

fn parse_query(q: Option<&str>) -> HashMap<String, String> {
    q.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| {
                percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

async fn handle(shared: Arc<Shared>, req: Request<Body>) -> Result<Reply, DropConnection> {
    let arrived = tokio::time::Instant::now();
    let (parts, body) = req.into_parts();
    let raw_path = parts.uri.path().to_string();
    let method = parts.method.clone();
    let segs = decode_segments(&raw_path);
    let query = parse_query(parts.uri.query());
    // The test hooks exist only in builds for tests, benchmarks and the simulator binary;
    // elsewhere `/__sim/` is an unknown address like any other (404).
    #[cfg(feature = "test-hooks")]
    if segs.first().map(String::as_str) == Some("__sim") {
        return Ok(crate::admin::handle(&shared, &method, &segs[1..], &query, body).await);
    }
    let m = method.as_str();
    let plan = faults::plan(&shared, m, &raw_path);
    if plan.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(plan.latency_ms)).await;
    }
    if plan.drop_before {
        shared
            .lock()
            .log(arrived, m, &raw_path, 0, None, Some("before"));
        return Err(DropConnection);
    }
    if let Some(answer) = faults::hostile_answer(&shared, m, &raw_path, &parts.headers) {
        shared
            .lock()
            .log(arrived, m, &raw_path, answer.status(), None, None);
        return Ok(answer.into_reply().await);
    }
    let tenant_ok = segs
        .first()
        .is_some_and(|t| t.eq_ignore_ascii_case(&shared.tenant));
    let lower: Vec<String> = segs
        .iter()
        .skip(1)
        .map(|s| s.to_ascii_lowercase())
        .collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let (reply, key) = match (tenant_ok, lower.as_slice()) {
        (true, ["connect", "token"]) if method == Method::POST => {
            let bytes = axum::body::to_bytes(body, 64 * 1024)
                .await
                .unwrap_or_default();
            (
                auth::token(&mut shared.lock(), &parts.headers, &bytes),
                None,
            )
        }
        (true, ["services", "v2", ..]) => {
            let checked = auth::check(&mut shared.lock(), &parts.headers);
            match checked {
                #[cfg(feature = "test-hooks")]
                Err(r) => {
                    let devs = shared.lock().knobs.deviations.clone();
                    (crate::variant::refusal(&devs, r), None)
                }
                #[cfg(not(feature = "test-hooks"))]
                Err(r) => (r, None),
                Ok(caller) => {
                    let reply = if let Some(s) = plan.status {
                        reply::error(
                            StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                            "Injected failure.",
                        )
                    } else {
                        let req = api::ApiRequest {
                            method: &method,
                            rest: &segs[3..],
                            query: &query,
                            headers: &parts.headers,
                            admin: caller.admin,
                            disposition_override: plan.disposition,
                        };
                        route(&shared, req, body).await
                    };
                    (reply, Some(caller.key_label))
                }
            }
        }
        _ => (
            reply::not_found("No API method matches this address."),
            None,
        ),
    };
    #[cfg(feature = "test-hooks")]
    let reply = if key.is_none() {
        // The sign-in answer: only the byte-order mark of the deviations applies to it.
        let devs = shared.lock().knobs.deviations.clone();
        crate::variant::token_answer(&devs, reply).await
    } else {
        reply
    };
    let status = reply.status().as_u16();
    let accept = parts
        .headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut st = shared.lock();
    if plan.drop_after {
        st.log(arrived, m, &raw_path, 0, key, Some("after"));
        return Err(DropConnection);
    }
    st.log(arrived, m, &raw_path, status, key, None);
    if let Some(last) = st.log.back_mut() {
        last.accept = accept;
    }
    Ok(reply)
}

/// The API, as the deviations in force (test hooks only) make it answer.
async fn route(shared: &Arc<Shared>, req: api::ApiRequest<'_>, body: Body) -> Reply {
    #[cfg(feature = "test-hooks")]
    {
        let (devs, kinds) = {
            let st = shared.lock();
            (
                st.knobs.deviations.clone(),
                crate::variant::field_kinds(&st.program),
            )
        };
        if !devs.is_empty() {
            return crate::variant::route(shared, &devs, &kinds, req, body).await;
        }
    }
    api::route(shared, req, body).await
}
