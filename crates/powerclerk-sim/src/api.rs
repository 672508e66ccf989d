//! The V2 API: routing on decoded path segments (literals case-insensitive, D1) and the
//! handlers, with the behaviour of contract sections 4–5 and D5–D15.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

use crate::clock;
use crate::decisions;
use crate::demo;
use crate::disposition;
use crate::model::*;
use crate::render;
use crate::reply::{self, bad_request, not_found, Reply};
use crate::shared::Shared;
use crate::state::SimState;

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

fn method_not_allowed() -> Reply {
    reply::error(
        StatusCode::METHOD_NOT_ALLOWED,
        "The requested resource does not support this HTTP method.",
    )
}

async fn read_json(body: Body) -> Result<Value, Reply> {
    let bytes = axum::body::to_bytes(body, decisions::MAX_JSON_BODY)
        .await
        .map_err(|_| {
            bad_request("The request body is too large or was not received completely.")
        })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| bad_request(format!("The request body is not valid JSON: {e}")))
}

fn with_program(shared: &Shared, program: &str, f: impl FnOnce(&Program) -> Reply) -> Reply {
    let st = shared.lock();
    if st.program.id != program {
        return not_found(format!("Program '{program}' was not found."));
    }
    f(&st.program)
}

fn programs(shared: &Shared) -> Reply {
    let st = shared.lock();
    reply::json(
        json!({ "Programs": [{ "ProgramId": st.program.id, "CustomId": null, "Name": st.program.name }] }),
    )
}

fn list_projects(shared: &Shared, program: &str, query: &HashMap<String, String>) -> Reply {
    let limit = match query.get("limit").map(|v| v.parse::<usize>()) {
        None => decisions::DEFAULT_PAGE_SIZE,
        Some(Ok(n)) if (1..=decisions::MAX_PAGE_SIZE).contains(&n) => n,
        Some(_) => {
            return bad_request(format!(
                "limit must be a whole number from 1 to {}.",
                decisions::MAX_PAGE_SIZE
            ))
        }
    };
    let offset = match query.get("offset").map(|v| v.parse::<usize>()) {
        None => 0,
        Some(Ok(_)) if shared.lock().knobs.ignore_offset => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return bad_request("offset must be a whole number."),
    };
    let since = match query.get("changed_since") {
        None => None,
        Some(raw) => match clock::parse_changed_since(raw) {
            Some(t) => Some(t),
            None => return bad_request("changed_since must look like 2022-11-14T15:15:55-08:00."),
        },
    };
    let request_ts = clock::now();
    with_program(shared, program, |pr| {
        let projects: Vec<Value> = pr
            .projects
            .iter()
            .filter(|p| since.is_none_or(|s| p.last_change > s))
            .skip(offset)
            .take(limit)
            .map(|p| render::project_summary(pr, p))
            .collect();
        reply::json(json!({ "Projects": projects, "RequestTimestamp": clock::format(&request_ts) }))
    })
}

fn new_project(shared: &Shared, program: &str) -> Reply {
    let mut st = shared.lock();
    if st.program.id != program {
        return not_found(format!("Program '{program}' was not found."));
    }
    let now = clock::now();
    let n = st.program.projects.len();
    let pr = &mut st.program;
    let project = Project {
        id: crate::ids::id_for(&format!("project:new:{n}:{}", crate::ids::random_token())),
        number: None,
        created: now,
        last_change: now,
        status: 0,
        status_since: now,
        owner_name: demo::USERS[5].0.into(),
        owner_email: demo::USERS[5].1.into(),
        forms: pr
            .forms
            .iter()
            .map(|f| (f.id.clone(), FormState::default()))
            .collect(),
    };
    pr.projects.push(project);
    let p = pr.projects.last().expect("just pushed");
    let mut m = render::envelope(pr, p);
    m.insert(
        "Forms".into(),
        pr.forms
            .iter()
            .map(|f| {
                let mut v = render::form(pr, f);
                if let Value::Object(o) = &mut v {
                    o.remove("LeadsToStatus");
                }
                v
            })
            .collect(),
    );
    reply::json(json!({ "Project": Value::Object(m) }))
}

fn set_owner(shared: &Shared, program: &str, project: &str, body: &Value) -> Reply {
    let email = body
        .pointer("/OwnerEmail")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    let mut st = shared.lock();
    if st.program.id != program {
        return not_found(format!("Program '{program}' was not found."));
    }
    let Some(i) = st.program.project_index(project) else {
        return not_found(format!("Project '{project}' was not found."));
    };
    let Some(&(name, mail)) = demo::USERS
        .iter()
        .find(|(_, m)| m.eq_ignore_ascii_case(&email))
    else {
        return if decisions::UNKNOWN_OWNER_IS_ERROR {
            bad_request(format!(
                "No PowerClerk user has the e-mail address '{email}'."
            ))
        } else {
            reply::json(json!({ "Owner": { "Name": null, "Email": email } }))
        };
    };
    let p = &mut st.program.projects[i];
    p.owner_name = name.into();
    p.owner_email = mail.into();
    p.last_change = clock::now();
    reply::json(json!({ "Owner": { "Name": name, "Email": mail } }))
}

/// Resolves program, project and form, or answers 404.
fn locate(
    st: &SimState,
    program: &str,
    project: &str,
    form: &str,
) -> Result<(usize, usize), Reply> {
    if st.program.id != program {
        return Err(not_found(format!("Program '{program}' was not found.")));
    }
    let p = st
        .program
        .project_index(project)
        .ok_or_else(|| not_found(format!("Project '{project}' was not found.")))?;
    let f = st
        .program
        .forms
        .iter()
        .position(|x| x.is(form))
        .ok_or_else(|| not_found(format!("Form '{form}' was not found.")))?;
    Ok((p, f))
}

fn get_data(shared: &Shared, program: &str, project: &str, form: &str, draft: bool) -> Reply {
    let st = shared.lock();
    let (pi, fi) = match locate(&st, program, project, form) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (p, f) = (&st.program.projects[pi], &st.program.forms[fi]);
    let fs = &p.forms[&f.id];
    // D8: a draft GET without a draft returns the submitted values.
    let data = if draft {
        fs.draft.as_ref().unwrap_or(&fs.submitted)
    } else {
        &fs.submitted
    };
    reply::json(render::project_data(&st.program, p, f, data))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Update {
    data_field_id: Option<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    values: Option<Vec<String>>,
}

/// D9: validates one value of a field; `Err` is the reason, for the message.
fn check_value(f: &FieldDef, v: &str) -> Result<(), String> {
    if v.is_empty() {
        return Ok(());
    }
    match f.kind {
        FieldKind::Text => Ok(()),
        FieldKind::Number => v
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|_| ())
            .ok_or_else(|| format!("'{v}' is not a number")),
        FieldKind::Date => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(|_| ())
            .map_err(|_| format!("'{v}' is not a date in the form YYYY-MM-DD")),
        FieldKind::Checkbox => matches!(v, "true" | "false")
            .then_some(())
            .ok_or_else(|| format!("'{v}' must be true or false")),
        FieldKind::Choice | FieldKind::MultiChoice => {
            let choices = f.choices.as_deref().unwrap_or_default();
            choices
                .iter()
                .any(|c| c == v)
                .then_some(())
                .ok_or_else(|| format!("'{v}' is not one of the choices: {}", choices.join(", ")))
        }
    }
}

fn parse_updates(form: &FormDef, body: &Value) -> Result<Vec<(String, Val)>, String> {
    let list = body
        .pointer("/Project/DataFields")
        .ok_or("The body must look like {\"Project\":{\"DataFields\":[...]}}.")?;
    let updates: Vec<Update> = serde_json::from_value(list.clone())
        .map_err(|e| format!("DataFields is not valid: {e}"))?;
    let mut out = Vec::new();
    for u in updates {
        let id = u.data_field_id.unwrap_or_default();
        let f = form
            .fields
            .iter()
            .find(|f| f.is(&id))
            .ok_or_else(|| format!("Data field '{id}' is not on the form {}.", form.name))?;
        let name = format!("{} ({})", f.name, f.custom_id.as_deref().unwrap_or(&f.id));
        let val = match (u.value, u.values, f.multi()) {
            (Some(v), None, false) => Val::Single(v),
            (None, Some(vs), true) => Val::Multi(vs),
            (Some(v), None, true) if v.is_empty() => Val::Multi(Vec::new()),
            (None, None, _) => Val::Single(String::new()),
            (_, _, true) => return Err(format!("{name}: this field takes a list in Values.")),
            (_, _, false) => return Err(format!("{name}: this field takes a single Value.")),
        };
        let items: Vec<&str> = match &val {
            Val::Single(s) => vec![s.as_str()],
            Val::Multi(v) => v.iter().map(String::as_str).collect(),
        };
        for item in items {
            check_value(f, item).map_err(|why| format!("{name}: {why}."))?;
        }
        out.push((f.id.clone(), val));
    }
    Ok(out)
}

fn set_data(
    shared: &Shared,
    program: &str,
    project: &str,
    form: &str,
    body: &Value,
    draft: bool,
    followups: bool,
) -> Reply {
    let mut st = shared.lock();
    let (pi, fi) = match locate(&st, program, project, form) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = st.program.forms[fi].clone();
    // D9: validate everything first; nothing of a failed call is saved.
    let updates = match parse_updates(&f, body) {
        Ok(u) => u,
        Err(m) => return bad_request(m),
    };
    let now = clock::now();
    let p = &mut st.program.projects[pi];
    let fs = p.forms.get_mut(&f.id).expect("every form has a state");
    let mut data = if draft {
        fs.draft.clone().unwrap_or_else(|| fs.submitted.clone())
    } else {
        fs.submitted.clone()
    };
    for (id, v) in updates {
        if v.is_empty() {
            data.values.remove(&id);
        } else {
            data.values.insert(id, v);
        }
    }
    if !draft {
        if let Err(missing) = can_submit(&f, &data) {
            return bad_request(format!(
                "The form is not complete. Missing: {}.",
                missing.join(", ")
            ));
        }
        fs.submitted = data;
    } else {
        fs.draft = Some(data);
    }
    p.last_change = now;
    if followups {
        st.stats.followup_actions_run += 1;
    }
    let p = &st.program.projects[pi];
    let fs = &p.forms[&f.id];
    let shown = if draft {
        fs.draft.as_ref().expect("just saved")
    } else {
        &fs.submitted
    };
    reply::json(render::project_data(&st.program, p, &f, shown))
}

fn submit(shared: &Shared, program: &str, project: &str, form: &str) -> Reply {
    let mut st = shared.lock();
    let (pi, fi) = match locate(&st, program, project, form) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = st.program.forms[fi].clone();
    let status_name = st.program.statuses[st.program.projects[pi].status]
        .name
        .clone();
    if !f.available_in.contains(&st.program.projects[pi].status) {
        return bad_request(format!(
            "The form {} cannot be submitted while the project is in {status_name}.",
            f.name
        ));
    }
    let Some(draft) = st.program.projects[pi].forms[&f.id].draft.clone() else {
        return bad_request(format!(
            "There is nothing to submit: the form {} has no draft.",
            f.name
        ));
    };
    if let Err(missing) = can_submit(&f, &draft) {
        return bad_request(format!(
            "The form {} is not complete. Missing: {}.",
            f.name,
            missing.join(", ")
        ));
    }
    let now = clock::now();
    let number = match st.program.projects[pi].number.clone() {
        Some(n) => n,
        None => {
            let n = format!("{}-{:05}", st.program.prefix, st.program.next_number);
            st.program.next_number += 1;
            n
        }
    };
    let p = &mut st.program.projects[pi];
    let fs = p.forms.get_mut(&f.id).expect("form state");
    fs.submitted = draft;
    fs.draft = None;
    p.number = Some(number.clone());
    if let Some(next) = f.leads_to {
        p.status = next;
        p.status_since = now;
    }
    p.last_change = now;
    let key = (p.id.clone(), f.id.clone());
    *st.submits.entry(key).or_insert(0) += 1;
    let p = &st.program.projects[pi];
    reply::json(json!({ "Project": Value::Object(render::envelope(&st.program, p)) }))
}

async fn download(
    shared: &Shared,
    program: &str,
    project: &str,
    form: &str,
    attachment: &str,
    draft: bool,
    disposition_override: Option<String>,
) -> Reply {
    let file = {
        let st = shared.lock();
        let (pi, fi) = match locate(&st, program, project, form) {
            Ok(x) => x,
            Err(r) => return r,
        };
        let f = &st.program.forms[fi];
        let Some(a) = f.attachments.iter().find(|a| a.is(attachment)) else {
            return not_found(format!(
                "Attachment '{attachment}' was not found on the form {}.",
                f.name
            ));
        };
        let fs = &st.program.projects[pi].forms[&f.id];
        let data = if draft {
            fs.draft.as_ref().unwrap_or(&fs.submitted)
        } else {
            &fs.submitted
        };
        match data.files.get(&a.id) {
            Some(file) => file.clone(),
            None => return not_found(format!("No file has been uploaded for {}.", a.name)),
        }
    };
    let handle = match tokio::fs::File::open(&file.path).await {
        Ok(h) => h,
        Err(_) => return not_found("The file is no longer available."),
    };
    let stream = tokio_util::io::ReaderStream::with_capacity(handle, 256 * 1024);
    let mut r = Reply::new(Body::from_stream(stream));
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&file.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    let disp = disposition_override.unwrap_or_else(|| disposition::header_for(&file.name));
    if let Ok(v) = HeaderValue::from_bytes(disp.as_bytes()) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// Reads and discards the rest of a body, so that the client sees our answer instead of
/// a reset connection while it is still sending.
async fn drain(body: Body) {
    let mut s = body.into_data_stream();
    while let Some(Ok(_)) = s.next().await {}
}

async fn upload(
    shared: &Shared,
    program: &str,
    project: &str,
    form: &str,
    attachment: &str,
    headers: &HeaderMap,
    body: Body,
) -> Reply {
    let name = headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .and_then(disposition::parse_filename)
        .unwrap_or_else(|| "upload.bin".to_string());
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    let prepared: Result<(std::path::PathBuf, u64), Reply> = {
        let mut st = shared.lock();
        let checked = locate(&st, program, project, form).and_then(|(_, fi)| {
            let f = &st.program.forms[fi];
            let a = f
                .attachments
                .iter()
                .find(|a| a.is(attachment))
                .ok_or_else(|| {
                    not_found(format!(
                        "Attachment '{attachment}' was not found on the form {}.",
                        f.name
                    ))
                })?;
            let ext = std::path::Path::new(&name)
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if !a.extensions.is_empty() && !a.extensions.contains(&ext) {
                return Err(bad_request(format!(
                    "Files of type '.{ext}' are not allowed for {}. Allowed: {}.",
                    a.name,
                    a.extensions
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            Ok(())
        });
        checked.map(|()| {
            st.next_upload += 1;
            (
                st.files_dir.join(format!("upload-{}", st.next_upload)),
                st.knobs.size_limit,
            )
        })
    };
    let (dest, limit) = match prepared {
        Ok(x) => x,
        Err(r) => {
            drain(body).await;
            return r;
        }
    };
    let too_large = || {
        reply::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The file is larger than the limit of {limit} bytes."),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        drain(body).await;
        return too_large();
    }
    let mut out = match tokio::fs::File::create(&dest).await {
        Ok(f) => f,
        Err(e) => return reply::error(StatusCode::INTERNAL_SERVER_ERROR, format!("storage: {e}")),
    };
    let mut size = 0u64;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            // The client went away: nothing is stored.
            let _ = tokio::fs::remove_file(&dest).await;
            return bad_request("The upload was not received completely.");
        };
        size += chunk.len() as u64;
        if size > limit {
            drop(out);
            let _ = tokio::fs::remove_file(&dest).await;
            while let Some(Ok(_)) = stream.next().await {}
            return too_large();
        }
        if out.write_all(&chunk).await.is_err() {
            let _ = tokio::fs::remove_file(&dest).await;
            return reply::error(StatusCode::INTERNAL_SERVER_ERROR, "storage failed");
        }
    }
    if out.flush().await.is_err() {
        return reply::error(StatusCode::INTERNAL_SERVER_ERROR, "storage failed");
    }
    drop(out);
    let stored = Arc::new(StoredFile {
        path: dest,
        name,
        content_type,
        size,
    });
    let mut st = shared.lock();
    let (pi, fi) = match locate(&st, program, project, form) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = st.program.forms[fi].clone();
    let a = f
        .attachments
        .iter()
        .find(|a| a.is(attachment))
        .expect("checked above")
        .clone();
    let p = &mut st.program.projects[pi];
    let fs = p.forms.get_mut(&f.id).expect("form state");
    let draft = fs.draft.get_or_insert_with(|| fs.submitted.clone());
    // D12: replaces the draft file of the definition.
    draft.files.insert(a.id.clone(), stored.clone());
    p.last_change = clock::now();
    reply::json(json!({ "Attachment": render::attachment(&a, Some(&stored)) }))
}
