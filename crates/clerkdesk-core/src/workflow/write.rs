//! Writing a form: edits as one draft save, and submitting (never resent: a lost answer is
//! settled by reading the project again).

use std::collections::BTreeMap;

use powerclerk_api::{FieldUpdate, FormSchema};

use super::open::{open_form, open_project, OpenedForm};
use super::views::{ProjectHeader, Submitted};
use super::Desk;
use crate::edits::EditValue;
use crate::error::CoreError;

impl Desk<'_> {
    /// Sends the edits as one draft save and returns the form as PowerClerk now has it, with
    /// whether it can be submitted now. On success the local copy of the edits is dropped;
    /// on a refusal it stays, and the error names the field the message is about.
    pub async fn save_draft(
        &self,
        project: &str,
        form: &str,
        fields: BTreeMap<String, EditValue>,
    ) -> Result<OpenedForm, CoreError> {
        let f = self.form_ref(project, form).await?;
        let client = &self.session.client;
        let edits: Vec<(String, EditValue)> = fields.into_iter().collect();
        let count = edits.len();
        match client.save_draft(&f, &updates_for(&edits)).await {
            Ok(_) => {
                let view = open_form(client, &f).await?;
                if let Some(store) = self.edits {
                    store
                        .remove_async(&self.session.profile.name, project, form)
                        .await?;
                }
                let done = format!(
                    "Saved {count} field{} as a draft",
                    if count == 1 { "" } else { "s" }
                );
                self.log(project, &view.form_name, "Save draft", &done)
                    .await;
                let submit = self.submit_check(&view).await;
                Ok(OpenedForm {
                    view,
                    submit,
                    unsaved: None,
                })
            }
            Err(e) => {
                let message = e
                    .details()
                    .and_then(|d| d.server_message.clone())
                    .unwrap_or_default();
                // Only the schema is needed to find the field the message names (one call,
                // not the three of re-opening the form).
                let schema = client.form_schema_or_infer(&f).await.ok();
                let e = e.with_field_labels(|k| {
                    let sc = schema.as_ref()?;
                    sc.data_fields
                        .iter()
                        .find(|d| d.is(k))
                        .map(|d| d.name.clone())
                });
                let message = match e.details().map(|d| &d.field_errors) {
                    Some(fields) if !fields.is_empty() => fields[0].0.clone(),
                    _ => message,
                };
                let field = schema.as_ref().and_then(|sc| field_named_in(&message, sc));
                let form_name = schema.as_ref().map_or(form, |sc| sc.name.as_str());
                self.log(project, form_name, "Save draft", &format!("Not saved: {e}"))
                    .await;
                Err(CoreError::from(e).at_field(field))
            }
        }
    }

    /// Submits the form's draft. Never resent: after a lost answer the project is read
    /// again and the outcome reported (the client's reconciliation).
    pub async fn submit(&self, project: &str, form: &str) -> Result<Submitted, CoreError> {
        let f = self.form_ref(project, form).await?;
        let form_name = self.form_name(form).await;
        let result = self.session.client.submit(&f).await;
        let (text, out) = match result {
            Ok(o) => {
                self.session.note_project(&o.project).await;
                let mut header = open_project(self.session, o.project.label())
                    .await
                    .unwrap_or_else(|_| ProjectHeader::from(&o.project));
                header.status = o.project.status_name().to_string();
                (
                    format!("Submitted; the project is now in {}", header.status),
                    Ok(Submitted {
                        project: header,
                        confirmed_by_reread: o.confirmed_by_reread,
                    }),
                )
            }
            Err(e) => (format!("Not submitted: {e}"), Err(CoreError::from(e))),
        };
        self.log(project, &form_name, "Submit", &text).await;
        out
    }
}

/// The draft save for a set of edits.
pub fn updates_for(edits: &[(String, EditValue)]) -> Vec<FieldUpdate> {
    edits
        .iter()
        .map(|(k, v)| match v {
            EditValue::Single(s) => FieldUpdate::value(k, s),
            EditValue::Multi(vs) => FieldUpdate::values(k, vs.clone()),
        })
        .collect()
}

/// The field a server message names (by custom id, id or name), for showing a validation
/// error next to it.
pub fn field_named_in(message: &str, schema: &FormSchema) -> Option<String> {
    let by = |pick: &dyn Fn(&powerclerk_api::FieldDefinition) -> Option<&str>| {
        schema
            .data_fields
            .iter()
            .filter_map(|f| pick(f).map(|s| (f, s)))
            .filter(|(_, s)| !s.is_empty() && message.contains(*s))
            .max_by_key(|(_, s)| s.len())
            .map(|(f, _)| f.custom_id.clone().unwrap_or(f.data_field_id.clone()))
    };
    by(&|f| f.custom_id.as_deref())
        .or_else(|| by(&|f| Some(f.data_field_id.as_str())))
        .or_else(|| by(&|f| Some(f.name.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_messages_point_at_their_field() {
        let field = |key: &str, name: &str| powerclerk_api::FieldDefinition {
            data_field_id: format!("ID{key}"),
            custom_id: Some(key.into()),
            name: name.into(),
            ..Default::default()
        };
        let schema = FormSchema {
            data_fields: vec![
                field("HCA_RESULTS", "HCA results"),
                field("STUDY_DATE", "Study date"),
            ],
            ..Default::default()
        };
        assert_eq!(
            field_named_in("Study date (STUDY_DATE): bad", &schema).as_deref(),
            Some("STUDY_DATE")
        );
        assert_eq!(
            field_named_in("HCA results is wrong", &schema).as_deref(),
            Some("HCA_RESULTS")
        );
        assert_eq!(
            field_named_in("IDSTUDY_DATE is wrong", &schema).as_deref(),
            Some("STUDY_DATE")
        );
        assert_eq!(field_named_in("something else", &schema), None);
    }
}
