//! GetProjectData, SetProjectData and SubmitProject, with the reconciliation that replaces
//! blind resending of a submit.

use serde_json::{json, Value};

use super::ProjectResponse;
use crate::call::Call;
use crate::client::Client;
use crate::decisions::{ClearedField, ValueWriting};
use crate::endpoints::FormRef;
use crate::error::{Error, Result};
use crate::models::{DataVersion, FieldUpdate, ProjectData, ProjectSummary, SubmitOutcome};
use crate::retry::Repeat;
use crate::wire::ValueForm;

/// What "the submit happened" looks like from outside: any of these changed.
fn submit_fingerprint(d: &ProjectData) -> impl PartialEq + '_ {
    (
        d.project.current_status.as_ref().map(|s| &s.status_id),
        &d.project.project_number,
        d.project.last_change_timestamp,
        &d.data_fields,
        &d.attachments,
    )
}

impl Client {
    /// One value as it is written: as the server wrote that field (a number, true/false)
    /// when the connection says so and the text is one; a cleared field as the connection's
    /// switch says; otherwise the text.
    fn value_json(&self, field: &str, text: &str) -> Value {
        let switches = self.config().switches;
        if text.is_empty() {
            return match switches.cleared_field {
                ClearedField::EmptyText => Value::String(String::new()),
                ClearedField::Null => Value::Null,
            };
        }
        if switches.value_writing == ValueWriting::AsTheServerWrites {
            match self.inner.dialect.value_form(field) {
                Some(ValueForm::Number) => {
                    if let Ok(n) = serde_json::from_str::<serde_json::Number>(text.trim()) {
                        return Value::Number(n);
                    }
                }
                Some(ValueForm::Bool) => match text.trim().to_ascii_lowercase().as_str() {
                    "true" => return Value::Bool(true),
                    "false" => return Value::Bool(false),
                    _ => {}
                },
                None => {}
            }
        }
        Value::String(text.to_string())
    }

    /// The SetProjectData body: `{"Project":{"DataFields":[...]}}`.
    fn set_data_body(&self, fields: &[FieldUpdate]) -> Value {
        let items: Vec<Value> = fields
            .iter()
            .map(|f| {
                let mut item = json!({ "DataFieldId": f.data_field_id });
                if let Some(v) = &f.value {
                    item["Value"] = self.value_json(&f.data_field_id, v);
                }
                if let Some(vs) = &f.values {
                    item["Values"] = Value::Array(
                        vs.iter()
                            .map(|v| self.value_json(&f.data_field_id, v))
                            .collect(),
                    );
                }
                item
            })
            .collect();
        json!({ "Project": { "DataFields": items } })
    }

    /// The submitted or draft data of one form of a project.
    pub async fn project_data(&self, form: &FormRef, version: DataVersion) -> Result<ProjectData> {
        let mut path = form.form_path()?;
        if version == DataVersion::Draft {
            path = path.lit("Draft");
        }
        let r: ProjectResponse<ProjectData> = self
            .send_json(&Call::get(path.lit("Data"), form.describe()))
            .await?;
        Ok(r.project)
    }

    /// Saves draft values (D9: only the listed fields change). Safe to retry: saving the
    /// same values twice has the same effect.
    pub async fn save_draft(&self, form: &FormRef, fields: &[FieldUpdate]) -> Result<ProjectData> {
        let path = form.form_path()?.lit("Draft").lit("Data");
        let call =
            Call::post(path, form.describe(), Repeat::Safe).json(&self.set_data_body(fields));
        self.write_data(&call, form, fields, DataVersion::Draft)
            .await
    }

    /// Sends a SetProjectData call; its answer's data, or — when PowerClerk saved without
    /// the documented answer — the data read back (`version`). A refusal's field-level texts
    /// are keyed by the ids of `fields`.
    async fn write_data(
        &self,
        call: &Call<'_>,
        form: &FormRef,
        fields: &[FieldUpdate],
        version: DataVersion,
    ) -> Result<ProjectData> {
        let sent = self
            .send_write::<ProjectResponse<ProjectData>>(call, "Project")
            .await
            .map_err(|e| e.with_field_keys(fields))?;
        match sent {
            Some(r) => Ok(r.project),
            None => self.project_data(form, version).await,
        }
    }

    /// Administrators only: writes submitted data directly (the form must be complete),
    /// optionally running the form's follow-up actions. Never resent after an ambiguous
    /// failure, because follow-up actions may have run.
    pub async fn save_submitted(
        &self,
        form: &FormRef,
        fields: &[FieldUpdate],
        run_followup_actions: bool,
    ) -> Result<ProjectData> {
        let path = form.form_path()?.lit("Data");
        let mut call = Call::post(path, form.describe(), Repeat::OnlyIfRefused)
            .json(&self.set_data_body(fields));
        if run_followup_actions {
            call = call.query("run_followup_actions", "true");
        }
        self.write_data(&call, form, fields, DataVersion::Submitted)
            .await
    }

    /// Submits the form's draft in one call when the caller knows the status a successful
    /// submit moves the project to (the form's LeadsToStatus) and the status it is in now.
    /// Never sent twice: if the answer is lost, the project is read and the submit counts
    /// as done when the project has left `from` for `to`.
    pub async fn submit_moving(
        &self,
        form: &FormRef,
        from: &str,
        to: &str,
    ) -> Result<SubmitOutcome> {
        self.submit_once(form, |after| {
            let now = after.project.status_name();
            now != from && now == to
        })
        .await
    }

    /// Submits the form's draft. Never sent twice: if the answer is lost (timeout, dropped
    /// connection, 5xx), the project is read again and the outcome decided from what
    /// PowerClerk shows.
    pub async fn submit(&self, form: &FormRef) -> Result<SubmitOutcome> {
        let before = self.project_data(form, DataVersion::Submitted).await?;
        self.submit_once(form, |after| {
            submit_fingerprint(after) != submit_fingerprint(&before)
        })
        .await
    }

    /// Sends the submit once; after an ambiguous failure reads the submitted data and asks
    /// `arrived` whether it shows the submit.
    async fn submit_once(
        &self,
        form: &FormRef,
        arrived: impl FnOnce(&ProjectData) -> bool,
    ) -> Result<SubmitOutcome> {
        let path = form.form_path()?.lit("Draft").lit("Submit");
        let call = Call::post(path, form.describe(), Repeat::OnlyIfRefused);
        match self
            .send_write::<ProjectResponse<ProjectSummary>>(&call, "Project")
            .await
        {
            Ok(Some(r)) => Ok(SubmitOutcome {
                project: r.project,
                confirmed_by_reread: false,
            }),
            // Accepted (2xx) without the documented answer: the project as it is now.
            Ok(None) => {
                let after = self.project_data(form, DataVersion::Submitted).await?;
                Ok(SubmitOutcome {
                    project: after.project,
                    confirmed_by_reread: true,
                })
            }
            Err(e) if e.is_ambiguous() => {
                let after = self.project_data(form, DataVersion::Submitted).await?;
                if arrived(&after) {
                    Ok(SubmitOutcome {
                        project: after.project,
                        confirmed_by_reread: true,
                    })
                } else {
                    Err(Error::SubmitNotApplied {
                        details: e.details().cloned().unwrap_or_default(),
                    })
                }
            }
            Err(e) => Err(e),
        }
    }
}
