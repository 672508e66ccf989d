//! Every workflow the window and the CLI share — open a project and a form, save a draft,
//! submit, upload, download — each taking a [`Desk`] (the connection, the unsaved-edits
//! store and the activity log) and returning a view both front ends print. The front ends
//! hold no copy of these rules.

mod files;
mod open;
mod views;
mod write;

pub use files::{attachment_definition, check_upload, Destination, MAX_UPLOAD_BYTES};
pub use open::{open_form, open_project, OpenedForm};
pub use views::{
    program_name, AttachmentView, FieldView, FileView, FormSummary, FormView, ProgramView,
    ProjectHeader, SubmitCheck, Submitted, TransferDone,
};
pub use write::{field_named_in, updates_for};

use powerclerk_api::FormRef;

use crate::activity::{ActivityEntry, ActivityLog};
use crate::edits::EditStore;
use crate::error::CoreError;
use crate::session::Session;

/// What a workflow works with: the open connection and, in the window, the store of unsaved
/// edits and the activity log (the CLI has neither).
#[derive(Clone, Copy)]
pub struct Desk<'a> {
    /// The connection.
    pub session: &'a Session,
    /// Unsaved edits on disk.
    pub edits: Option<&'a EditStore>,
    /// The log of every write.
    pub activity: Option<&'a ActivityLog>,
}

impl<'a> Desk<'a> {
    /// A desk without local files (the CLI).
    pub fn new(session: &'a Session) -> Self {
        Self {
            session,
            edits: None,
            activity: None,
        }
    }

    /// A desk that keeps unsaved edits and logs every write (the window).
    pub fn with_files(
        session: &'a Session,
        edits: &'a EditStore,
        activity: &'a ActivityLog,
    ) -> Self {
        Self {
            session,
            edits: Some(edits),
            activity: Some(activity),
        }
    }

    /// The form of a project, addressed in the session's program.
    pub async fn form_ref(&self, project: &str, form: &str) -> Result<FormRef, CoreError> {
        let f = FormRef::new(self.session.program().await?, project.trim(), form);
        f.check_ids()?;
        Ok(f)
    }

    /// The name people know a form by (for the activity log), from the cached form list.
    pub async fn form_name(&self, form: &str) -> String {
        match self.session.find_form(form).await {
            Ok(f) => f.name,
            Err(_) => form.to_string(),
        }
    }

    /// Adds an entry to the activity log, if there is one, and a line to the support log
    /// (secrets redacted in both).
    pub async fn log(&self, project: &str, form_name: &str, action: &str, result: &str) {
        let clean = self.session.client.redact(result);
        log::info!(
            "{} {action} {project} {form_name}: {clean}",
            self.session.profile.environment.label()
        );
        if let Some(log) = self.activity {
            let entry = ActivityEntry::now(
                self.session.profile.environment.label(),
                project,
                form_name,
                action,
                &clean,
            );
            // A full disk must not turn a successful save into an error: the write happened.
            let _ = log.append_async(entry).await;
        }
    }
}
