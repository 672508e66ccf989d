//! The V2 API: routing on decoded path segments (literals case-insensitive, D1) and the
//! handlers, with the behaviour of contract sections 4–5 and D5–D15.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode};
use serde_json::{json, Value};

use crate::decisions;
use crate::model::*;
use crate::render;
use crate::reply::{self, bad_request, not_found, Reply};
use crate::shared::Shared;

mod data;
mod files;
mod projects;

use data::*;
use files::*;
use projects::*;

/// What the router needs of a request that passed the checks.
pub struct ApiRequest<'a> {
    /// HTTP method.
    pub method: &'a Method,
    /// The decoded segments after `/services/v2`.
    pub rest: &'a [String],
    /// Decoded query parameters.
    pub query: &'a HashMap<String, String>,
    /// Request headers.
    pub headers: &'a HeaderMap,
    /// Whether the caller's token is an administrator's.
    pub admin: bool,
    /// A scheduled Content-Disposition for a download.
    pub disposition_override: Option<String>,
}

/// Routes the request (literals case-insensitive, D1).
pub async fn route(shared: &Arc<Shared>, req: ApiRequest<'_>, body: Body) -> Reply {
    let ApiRequest {
        method,
        rest,
        query,
        headers,
        admin,
        disposition_override,
    } = req;
    let lower: Vec<String> = rest.iter().map(|s| s.to_ascii_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    let get = method == Method::GET;
    let post = method == Method::POST;
    match (l.as_slice(), r.as_slice()) {
        (["programs"], _) if get => programs(shared),
        (["programs", _, "forms"], [_, p, _]) if get => with_program(shared, p, |pr| {
            reply::json(
                json!({ "Forms": pr.forms.iter().map(|f| render::form(pr, f)).collect::<Vec<_>>() }),
            )
        }),
        (["programs", _, "forms", _, "schema"], _)
            if get && !shared.lock().knobs.schema_endpoint =>
        {
            not_found("No API method matches this address.")
        }
        (["programs", _, "forms", _, "schema"], [_, p, _, f, _]) if get => {
            with_program(shared, p, |pr| match pr.form(f) {
                Some(form) => reply::json(render::schema(form)),
                None => not_found(format!("Form '{f}' was not found.")),
            })
        }
        (["programs", _, "projects"], [_, p, _]) if get => list_projects(shared, p, query),
        (["programs", _, "newproject"], [_, p, _]) if post => new_project(shared, p),
        (["programs", _, "projects", _, "owner"], [_, p, _, x, _]) if post => {
            let body = match read_json(body).await {
                Ok(b) => b,
                Err(r) => return r,
            };
            set_owner(shared, p, x, &body)
        }
        (["programs", _, "projects", _, "forms", _, "data"], [_, p, _, x, _, f, _]) => {
            if get {
                get_data(shared, p, x, f, false)
            } else if post {
                if !admin {
                    return reply::error(StatusCode::FORBIDDEN, "Only administrators can save non-draft data. Save a draft and submit it instead.");
                }
                let body = match read_json(body).await {
                    Ok(b) => b,
                    Err(r) => return r,
                };
                let followups = query
                    .get("run_followup_actions")
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"));
                set_data(shared, p, x, f, &body, false, followups)
            } else {
                method_not_allowed()
            }
        }
        (["programs", _, "projects", _, "forms", _, "draft", "data"], [_, p, _, x, _, f, _, _]) => {
            if get {
                get_data(shared, p, x, f, true)
            } else if post {
                let body = match read_json(body).await {
                    Ok(b) => b,
                    Err(r) => return r,
                };
                set_data(shared, p, x, f, &body, true, false)
            } else {
                method_not_allowed()
            }
        }
        (
            ["programs", _, "projects", _, "forms", _, "draft", "submit"],
            [_, p, _, x, _, f, _, _],
        ) if post => submit(shared, p, x, f),
        (
            ["programs", _, "projects", _, "forms", _, "attachments", _, "download"],
            [_, p, _, x, _, f, _, a, _],
        ) if get => download(shared, p, x, f, a, false, disposition_override).await,
        (
            ["programs", _, "projects", _, "forms", _, "draft", "attachments", _, "download"],
            [_, p, _, x, _, f, _, _, a, _],
        ) if get => download(shared, p, x, f, a, true, disposition_override).await,
        (
            ["programs", _, "projects", _, "forms", _, "draft", "attachments", _, "upload"],
            [_, p, _, x, _, f, _, _, a, _],
        ) if post => upload(shared, p, x, f, a, headers, body).await,
        _ => not_found("No API method matches this address."),
    }
}

pub(super) fn method_not_allowed() -> Reply {
    reply::error(
        StatusCode::METHOD_NOT_ALLOWED,
        "The requested resource does not support this HTTP method.",
    )
}

pub(super) async fn read_json(body: Body) -> Result<Value, Reply> {
    let bytes = axum::body::to_bytes(body, decisions::MAX_JSON_BODY)
        .await
        .map_err(|_| {
            bad_request("The request body is too large or was not received completely.")
        })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| bad_request(format!("The request body is not valid JSON: {e}")))
}

pub(super) fn with_program(
    shared: &Shared,
    program: &str,
    f: impl FnOnce(&Program) -> Reply,
) -> Reply {
    let st = shared.lock();
    if st.program.id != program {
        return not_found(format!("Program '{program}' was not found."));
    }
    f(&st.program)
}
