//! Serving a request through the deviations in force.

use axum::http::{HeaderMap, Method};
use serde_json::Value;

use super::{answer, Deviation};
use crate::model::{FieldKind, Program};
use crate::reply::Reply;

/// The request, as far as the rewriting needs it.
pub(crate) struct Asked<'a> {
    pub method: &'a Method,
    /// The API path's segments after `services/v2`, lower-cased.
    pub rest: Vec<String>,
    pub headers: &'a HeaderMap,
    /// The JSON body of a write, if any (ids in request order, for ModelState keys).
    pub body: Option<&'a Value>,
}

impl Asked<'_> {
    /// A write: a draft or data save, a submit, an upload.
    pub(super) fn is_write(&self) -> bool {
        self.method == Method::POST
            && matches!(
                self.rest.last().map(String::as_str),
                Some("data" | "submit" | "upload")
            )
    }
}

/// The field kinds of the program, by every id in lower case.
pub(crate) fn field_kinds(program: &Program) -> std::collections::HashMap<String, FieldKind> {
    let mut out = std::collections::HashMap::new();
    for f in program.forms.iter().flat_map(|f| f.fields.iter()) {
        out.insert(f.id.to_lowercase(), f.kind);
        if let Some(c) = &f.custom_id {
            out.insert(c.to_lowercase(), f.kind);
        }
    }
    out
}

/// Rewrites a request before the simulator reads it: a capped `limit`, typed values back to
/// text. Returns how many typed values arrived (the test checks they were written back so).
fn rewrite_request(
    deviations: &[Deviation],
    query: &mut std::collections::HashMap<String, String>,
    body: Option<&mut Value>,
) -> u64 {
    if deviations.contains(&Deviation::PageCap100) {
        if let Some(l) = query.get_mut("limit") {
            if l.parse::<u32>().is_ok_and(|n| n > 100) {
                *l = "100".into();
            }
        } else {
            query.insert("limit".into(), "100".into());
        }
    }
    let mut typed = 0;
    if let Some(b) = body {
        answer::untype_values(b, &mut typed);
    }
    typed
}

/// Routes one API request through the deviations: the request rewritten, answered by the
/// simulator, the answer rewritten.
pub(crate) async fn route(
    shared: &std::sync::Arc<crate::shared::Shared>,
    devs: &[Deviation],
    kinds: &std::collections::HashMap<String, FieldKind>,
    req: crate::api::ApiRequest<'_>,
    body: axum::body::Body,
) -> Reply {
    let mut query = req.query.clone();
    let is_json = req
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    let (body, json) = if is_json {
        let bytes = axum::body::to_bytes(body, crate::decisions::MAX_JSON_BODY)
            .await
            .unwrap_or_default();
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(mut v) => {
                let typed = rewrite_request(devs, &mut query, Some(&mut v));
                shared.lock().stats.typed_values_received += typed;
                let out = serde_json::to_vec(&v).unwrap_or_default();
                (axum::body::Body::from(out), Some(v))
            }
            Err(_) => (axum::body::Body::from(bytes), None),
        }
    } else {
        rewrite_request(devs, &mut query, None);
        (body, None)
    };
    let asked = Asked {
        method: req.method,
        rest: req.rest.iter().map(|s| s.to_lowercase()).collect(),
        headers: req.headers,
        body: json.as_ref(),
    };
    let reply = crate::api::route(
        shared,
        crate::api::ApiRequest {
            query: &query,
            ..req
        },
        body,
    )
    .await;
    answer::rewrite(devs, &asked, kinds, reply).await
}

/// A sign-in answer with the deviations that apply to it (the byte-order mark).
pub(crate) async fn token_answer(devs: &[Deviation], reply: Reply) -> Reply {
    if !devs.contains(&Deviation::Bom) {
        return reply;
    }
    let (mut parts, body) = reply.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(&bytes);
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Reply::from_parts(parts, axum::body::Body::from(out))
}

/// A refusal before routing (the API key and token check) with the deviations that apply.
pub(crate) fn refusal(devs: &[Deviation], reply: Reply) -> Reply {
    if reply.status() != axum::http::StatusCode::UNAUTHORIZED || !devs.contains(&Deviation::Bare401)
    {
        return reply;
    }
    let (mut parts, _) = reply.into_parts();
    answer::bare_401(&mut parts.headers);
    Reply::from_parts(parts, axum::body::Body::empty())
}
