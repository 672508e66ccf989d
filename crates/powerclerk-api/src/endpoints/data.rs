//! GetProjectData, SetProjectData and SubmitProject, with the reconciliation that replaces
//! blind resending of a submit.

use serde::Serialize;

use super::ProjectResponse;
use crate::call::Call;
use crate::client::Client;
use crate::endpoints::FormRef;
use crate::error::{Error, Result};
use crate::models::{DataVersion, FieldUpdate, ProjectData, ProjectSummary, SubmitOutcome};
use crate::retry::Repeat;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SetDataRequest<'a> {
    project: SetDataFields<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SetDataFields<'a> {
    data_fields: &'a [FieldUpdate],
}

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
        let call = Call::post(path, form.describe(), Repeat::Safe).json(&SetDataRequest {
            project: SetDataFields {
                data_fields: fields,
            },
        });
        let r: ProjectResponse<ProjectData> = self.send_json(&call).await?;
        Ok(r.project)
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
        let mut call =
            Call::post(path, form.describe(), Repeat::OnlyIfRefused).json(&SetDataRequest {
                project: SetDataFields {
                    data_fields: fields,
                },
            });
        if run_followup_actions {
            call = call.query("run_followup_actions", "true");
        }
        let r: ProjectResponse<ProjectData> = self.send_json(&call).await?;
        Ok(r.project)
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
            .send_json::<ProjectResponse<ProjectSummary>>(&call)
            .await
        {
            Ok(r) => Ok(SubmitOutcome {
                project: r.project,
                confirmed_by_reread: false,
            }),
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
