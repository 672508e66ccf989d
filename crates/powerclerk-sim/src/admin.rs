//! `/__sim/`: read the request log, submit counts and statistics; change knobs; schedule
//! faults; revoke tokens. Never collides with API paths (those start with the tenant).

use std::collections::HashMap;

use axum::body::Body;
use axum::http::Method;
use serde_json::{json, Value};

use crate::knobs::{Knobs, ScheduledFault};
use crate::reply::{self, bad_request, Reply};
use crate::shared::Shared;
use crate::state::{SimState, SubmitCount};

/// Dispatches `/__sim/{rest}`.
pub async fn handle(
    shared: &Shared,
    method: &Method,
    rest: &[String],
    query: &HashMap<String, String>,
    body: Body,
) -> Reply {
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .unwrap_or_default();
    let mut st = shared.lock();
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    match (method.as_str(), r.as_slice()) {
        ("GET", ["config"]) => reply::json(serde_json::to_value(&st.knobs).expect("knobs")),
        ("POST", ["config"]) => {
            // A partial update: merge the given keys into the current knobs.
            let mut current = serde_json::to_value(&st.knobs).expect("knobs");
            let patch: Value = match serde_json::from_slice(&bytes) {
                Ok(v) => v,
                Err(e) => return bad_request(format!("not JSON: {e}")),
            };
            if let (Value::Object(c), Value::Object(p)) = (&mut current, patch) {
                c.extend(p);
            }
            match serde_json::from_value::<Knobs>(current) {
                Ok(k) => {
                    st.knobs = k;
                    reply::json(serde_json::to_value(&st.knobs).expect("knobs"))
                }
                Err(e) => bad_request(format!("unknown or invalid knob: {e}")),
            }
        }
        ("POST", ["faults"]) => match serde_json::from_slice::<ScheduledFault>(&bytes) {
            Ok(f) => {
                st.scheduled.push(f);
                reply::json(json!({ "scheduled": st.scheduled.len() }))
            }
            Err(e) => bad_request(format!("invalid fault: {e}")),
        },
        ("DELETE", ["faults"]) => {
            st.scheduled.clear();
            reply::json(json!({ "scheduled": 0 }))
        }
        ("POST", ["revoke-tokens"]) => {
            let n = st.tokens.len();
            st.tokens.clear();
            reply::json(json!({ "revoked": n }))
        }
        ("GET", ["log"]) => {
            let since: u64 = query.get("since").and_then(|s| s.parse().ok()).unwrap_or(0);
            let entries: Vec<_> = st.log.iter().filter(|e| e.seq >= since).cloned().collect();
            reply::json(json!({ "entries": entries, "next": st.next_seq }))
        }
        ("DELETE", ["log"]) => {
            st.log.clear();
            reply::json(json!({ "next": st.next_seq }))
        }
        ("GET", ["submits"]) => reply::json(json!({ "submits": submit_counts(&st) })),
        ("GET", ["uploads"]) => reply::json(json!({ "uploads": upload_counts(&st) })),
        ("GET", ["stats"]) => reply::json(serde_json::to_value(&st.stats).expect("stats")),
        ("POST", ["reset-window"]) => {
            st.windows.clear();
            reply::json(json!({}))
        }
        _ => reply::not_found("Unknown simulator endpoint. Try /__sim/config, /__sim/log, /__sim/submits, /__sim/uploads, /__sim/stats, /__sim/faults, /__sim/revoke-tokens."),
    }
}

/// Submit counts, for `/__sim/submits`.
pub fn submit_counts(st: &SimState) -> Vec<SubmitCount> {
    st.submits
        .iter()
        .map(|((project_id, form_id), count)| SubmitCount {
            project_number: st
                .program
                .projects
                .iter()
                .find(|p| &p.id == project_id)
                .and_then(|p| p.number.clone()),
            project_id: project_id.clone(),
            form_id: form_id.clone(),
            count: *count,
        })
        .collect()
}

/// Accepted uploads, for `/__sim/uploads`.
pub fn upload_counts(st: &SimState) -> Vec<serde_json::Value> {
    st.uploads
        .iter()
        .map(|((project_id, form_id, attachment_id), count)| {
            let number = st
                .program
                .projects
                .iter()
                .find(|p| &p.id == project_id)
                .and_then(|p| p.number.clone());
            json!({
                "project_id": project_id,
                "project_number": number,
                "form_id": form_id,
                "attachment_id": attachment_id,
                "count": count,
            })
        })
        .collect()
}
