//! Form data: reading submitted and draft data, draft and administrator saves with
//! validation, and submits.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::clock;
use crate::model::*;
use crate::render;
use crate::reply::{self, bad_request, not_found, Reply};
use crate::shared::Shared;
use crate::state::SimState;

use super::*;

/// Resolves program, project and form, or answers 404.
pub(super) fn locate(
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

pub(super) fn get_data(
    shared: &Shared,
    program: &str,
    project: &str,
    form: &str,
    draft: bool,
) -> Reply {
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
pub(super) fn check_value(f: &FieldDef, v: &str) -> Result<(), String> {
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

pub(super) fn parse_updates(form: &FormDef, body: &Value) -> Result<Vec<(String, Val)>, String> {
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

pub(super) fn set_data(
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

pub(super) fn submit(shared: &Shared, program: &str, project: &str, form: &str) -> Reply {
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
