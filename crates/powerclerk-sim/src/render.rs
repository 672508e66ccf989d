//! The JSON shapes of the contract (section 5, D5–D13), built from the model.

use serde_json::{json, Map, Value};

use crate::clock;
use crate::model::*;

/// `{StatusId, CustomId, Name}`.
pub fn status_ref(s: &Status) -> Value {
    json!({ "StatusId": s.id, "CustomId": s.custom_id, "Name": s.name })
}

/// The project envelope shared by every project-returning call.
pub fn envelope(program: &Program, p: &Project) -> Map<String, Value> {
    let st = &program.statuses[p.status];
    let v = json!({
        "ProjectId": p.id,
        "ProgramId": program.id,
        "ProjectNumber": p.number,
        "Url": format!("https://sunnyvalley.powerclerk.example/MvcProjects/LandingPage?ProgramId={}&ProjectId={}", program.id, p.id),
        "LastChangeTimestamp": clock::format(&p.last_change),
        "CurrentStatus": {
            "StatusId": st.id, "CustomId": st.custom_id, "Name": st.name,
            "Timestamp": clock::format(&p.status_since),
        },
    });
    match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

/// A GetProjects entry (envelope plus owner).
pub fn project_summary(program: &Program, p: &Project) -> Value {
    let mut m = envelope(program, p);
    m.insert(
        "ProjectOwner".into(),
        json!({ "Name": p.owner_name, "Email": p.owner_email }),
    );
    Value::Object(m)
}

/// A form as GetForms lists it (D6).
pub fn form(program: &Program, f: &FormDef) -> Value {
    json!({
        "FormId": f.id, "CustomId": f.custom_id, "ProgramId": program.id, "Name": f.name,
        "AvailableInStatuses": f.available_in.iter().map(|&i| status_ref(&program.statuses[i])).collect::<Vec<_>>(),
        "LeadsToStatus": f.leads_to.map(|i| status_ref(&program.statuses[i])),
    })
}

/// GetFormSchema (D7).
pub fn schema(f: &FormDef) -> Value {
    json!({ "Form": {
        "FormId": f.id, "CustomId": f.custom_id, "Name": f.name,
        "DataFields": f.fields.iter().map(|d| json!({
            "DataFieldId": d.id, "CustomId": d.custom_id, "Name": d.name,
            "Type": d.kind.as_str(), "Required": d.required, "Choices": d.choices,
            "Repeating": d.repeating,
        })).collect::<Vec<_>>(),
        "Attachments": f.attachments.iter().map(|a| json!({
            "AttachmentId": a.id, "CustomId": a.custom_id, "Name": a.name,
            "Required": a.required, "AllowedExtensions": a.extensions,
        })).collect::<Vec<_>>(),
    }})
}

/// An attachment definition with its current file.
pub fn attachment(a: &AttachDef, file: Option<&StoredFile>) -> Value {
    json!({
        "AttachmentId": a.id, "CustomId": a.custom_id, "Name": a.name,
        "FileName": file.map(|f| f.name.clone()),
        "FileSize": file.map(|f| f.size),
    })
}

/// GetProjectData / SetProjectData answer (D8: every field and attachment listed).
pub fn project_data(program: &Program, p: &Project, f: &FormDef, data: &FormData) -> Value {
    let mut m = envelope(program, p);
    m.insert("CanSubmit".into(), Value::Bool(can_submit(f, data).is_ok()));
    m.insert(
        "DataFields".into(),
        f.fields
            .iter()
            .map(|d| {
                let (value, values) = match data.values.get(&d.id) {
                    Some(Val::Single(s)) => (Some(s.clone()), None),
                    Some(Val::Multi(v)) => (None, Some(v.clone())),
                    None => (None, None),
                };
                json!({ "DataFieldId": d.id, "CustomId": d.custom_id, "Name": d.name, "Value": value, "Values": values })
            })
            .collect(),
    );
    m.insert(
        "Attachments".into(),
        f.attachments
            .iter()
            .map(|a| attachment(a, data.files.get(&a.id).map(|f| f.as_ref())))
            .collect(),
    );
    json!({ "Project": Value::Object(m) })
}
