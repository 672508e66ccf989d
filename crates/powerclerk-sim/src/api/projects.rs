//! Programs, forms and projects: listing (paged, `changed_since`), creating, owners.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::clock;
use crate::decisions;
use crate::demo;
use crate::render;
use crate::reply::{self, bad_request, not_found, Reply};
use crate::shared::Shared;

use super::*;

pub(super) fn programs(shared: &Shared) -> Reply {
    let st = shared.lock();
    reply::json(
        json!({ "Programs": [{ "ProgramId": st.program.id, "CustomId": null, "Name": st.program.name }] }),
    )
}

pub(super) fn list_projects(
    shared: &Shared,
    program: &str,
    query: &HashMap<String, String>,
) -> Reply {
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

pub(super) fn new_project(shared: &Shared, program: &str) -> Reply {
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

pub(super) fn set_owner(shared: &Shared, program: &str, project: &str, body: &Value) -> Reply {
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
