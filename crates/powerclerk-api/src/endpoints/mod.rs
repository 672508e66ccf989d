//! One module per API resource, each adding methods to [`crate::Client`].

pub mod attachments;
pub mod data;
pub mod programs;
pub mod projects;

use crate::error::Result;
use crate::paths::ApiPath;

/// `{"Project": ...}`: how several calls wrap the project they answer with.
#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ProjectResponse<T> {
    pub(crate) project: T,
}

/// Addresses one form of one project: `/Programs/{program}/Projects/{project}/Forms/{form}`.
/// `project` may be the project id or its number (D15); `form` a generated or custom id.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormRef {
    /// Program id.
    pub program: String,
    /// Project id or number.
    pub project: String,
    /// Form id or custom id.
    pub form: String,
}

impl FormRef {
    /// Bundles the three.
    pub fn new(
        program: impl Into<String>,
        project: impl Into<String>,
        form: impl Into<String>,
    ) -> Self {
        Self {
            program: program.into(),
            project: project.into(),
            form: form.into(),
        }
    }

    /// Checks that the ids can be sent (not empty, `.` or `..`) without sending anything.
    pub fn check_ids(&self) -> Result<()> {
        ApiPath::root("Programs")
            .id("project", &self.project)?
            .id("form", &self.form)
            .map(|_| ())
    }

    pub(crate) fn project_path(&self) -> Result<ApiPath> {
        ApiPath::program(&self.program)?
            .lit("Projects")
            .id("project", &self.project)
    }

    pub(crate) fn form_path(&self) -> Result<ApiPath> {
        self.project_path()?.lit("Forms").id("form", &self.form)
    }

    pub(crate) fn describe(&self) -> String {
        format!("form {} of project {}", self.form, self.project)
    }
}
