//! The HTTP server: an accept loop on hyper so that a request can end with the connection
//! dropped instead of an answer (the fault injection that makes Submit and Upload
//! ambiguous), latency, random errors, and dispatch to the token endpoint, the API and
//! `/__sim/`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use rand::Rng;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::hostile::{self, Hostile};
use crate::knobs::FaultKind;
use crate::reply::{self, Reply};
use crate::state::SimState;
use crate::{admin, api, auth};

/// State shared by every connection.
pub struct Shared {
    /// Everything mutable.
    pub state: Mutex<SimState>,
    /// The tenant in the paths.
    pub tenant: String,
}

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

impl Shared {
    /// The state, locked. A handler that panicked leaves it usable: the simulator keeps
    /// serving the other requests.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, SimState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
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
    if segs.first().map(String::as_str) == Some("__sim") {
        return Ok(admin::handle(&shared, &method, &segs[1..], &query, body).await);
    }
    let m = method.as_str();
    let (latency, drop_before, drop_after, forced_status, disposition, error_status) = {
        let mut st = shared.lock();
        let mut rng = rand::thread_rng();
        let drop_before = st.take_fault(FaultKind::DropBefore, m, &raw_path).is_some()
            || rng.gen_bool(st.knobs.drop_before_rate.clamp(0.0, 1.0));
        // A request dropped before processing consumes no other fault.
        let mut take = |kind| {
            (!drop_before)
                .then(|| st.take_fault(kind, m, &raw_path))
                .flatten()
        };
        let drop_after_fault = take(FaultKind::DropAfter).is_some();
        let forced = take(FaultKind::Status).and_then(|f| f.status);
        let disposition = take(FaultKind::Disposition).and_then(|f| f.value);
        let drop_after = drop_after_fault || rng.gen_bool(st.knobs.drop_after_rate.clamp(0.0, 1.0));
        let error_status = rng
            .gen_bool(st.knobs.error_rate.clamp(0.0, 1.0))
            .then(|| [500u16, 502, 503][rng.gen_range(0..3)]);
        (
            st.knobs.latency_ms,
            drop_before,
            drop_after,
            forced,
            disposition,
            error_status,
        )
    };
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }
    if drop_before {
        shared
            .lock()
            .log(arrived, m, &raw_path, 0, None, Some("before"));
        return Err(DropConnection);
    }
    let hostile_fault = shared.lock().take_answer_fault(m, &raw_path);
    if let Some(f) = hostile_fault {
        let answer = hostile::answer(&f, &parts.headers);
        let status = match &answer {
            Hostile::Hang => 0,
            Hostile::Answer(r) => r.status().as_u16(),
        };
        shared.lock().log(arrived, m, &raw_path, status, None, None);
        return match answer {
            Hostile::Hang => hostile::hang().await,
            Hostile::Answer(r) => Ok(r),
        };
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
                Err(r) => (r, None),
                Ok(caller) => {
                    let reply = if let Some(s) = forced_status.or(error_status) {
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
                            disposition_override: disposition,
                        };
                        api::route(&shared, req, body).await
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
    let status = reply.status().as_u16();
    let accept = parts
        .headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut st = shared.lock();
    if drop_after {
        st.log(arrived, m, &raw_path, 0, key, Some("after"));
        return Err(DropConnection);
    }
    st.log(arrived, m, &raw_path, status, key, None);
    if let Some(last) = st.log.back_mut() {
        last.accept = accept;
    }
    Ok(reply)
}
