//! GetProjects (with a paging helper), CreateNewProject and SetProjectOwner.

use serde::{Deserialize, Serialize};

use super::ProjectResponse;
use crate::call::Call;
use crate::client::Client;
use crate::decisions;
use crate::error::{Error, Result};
use crate::models::{NewProject, Owner, ProjectsPage, Timestamp};
use crate::paths::ApiPath;
use crate::retry::Repeat;

/// Filters and paging of GetProjects.
#[derive(Clone, Debug, Default)]
pub struct ProjectQuery {
    /// Only projects changed after this instant.
    pub changed_since: Option<Timestamp>,
    /// Page size (server maximum 1000).
    pub limit: Option<u32>,
    /// Projects to skip, in creation order.
    pub offset: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct OwnerRequest<'a> {
    owner_email: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct OwnerResponse {
    owner: Owner,
}

fn paging_error(what: &str) -> Error {
    Error::Paging {
        reason: what.to_string(),
    }
}

/// The `changed_since` format the contract documents (`yyyy-MM-ddTHH:mm:sszzz`).
fn format_timestamp(t: &Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl Client {
    /// One page of the program's projects.
    pub async fn projects(&self, program: &str, query: &ProjectQuery) -> Result<ProjectsPage> {
        let mut call = Call::get(
            ApiPath::program(program)?.lit("Projects"),
            format!("program {program}"),
        );
        if let Some(t) = &query.changed_since {
            call = call.query("changed_since", format_timestamp(t));
        }
        if let Some(l) = query.limit {
            if l == 0 || l > decisions::MAX_PAGE_SIZE {
                return Err(Error::InvalidConfig {
                    message: format!(
                        "A page holds 1 to {} projects; {l} is not possible.",
                        decisions::MAX_PAGE_SIZE
                    ),
                });
            }
            call = call.query("limit", l);
        }
        if let Some(o) = query.offset {
            call = call.query("offset", o);
        }
        self.send_json(&call).await
    }

    /// Every project (changed since `changed_since`), page by page until a short page. The
    /// returned `RequestTimestamp` is the first page's, the safe value for the next poll.
    /// A server that ignores `offset` (a page that repeats the previous one) or pages past
    /// the page cap ends the listing with an error instead of paging forever.
    pub async fn all_projects(
        &self,
        program: &str,
        changed_since: Option<Timestamp>,
        page_size: u32,
    ) -> Result<ProjectsPage> {
        let page_size = page_size.clamp(1, decisions::MAX_PAGE_SIZE);
        let mut all = ProjectsPage::default();
        let mut offset = 0;
        let mut previous: Option<(String, String)> = None;
        let max_pages = self.config().limits.max_pages;
        for _ in 0..max_pages {
            let page = self
                .projects(
                    program,
                    &ProjectQuery {
                        changed_since,
                        limit: Some(page_size),
                        offset: Some(offset),
                    },
                )
                .await?;
            if all.request_timestamp.is_none() {
                all.request_timestamp = page.request_timestamp;
            }
            let n = page.projects.len() as u32;
            let ends = page
                .projects
                .first()
                .zip(page.projects.last())
                .map(|(a, b)| (a.project_id.clone(), b.project_id.clone()));
            if n > 0 && ends == previous {
                return Err(paging_error(
                    "PowerClerk sent the same page of projects twice",
                ));
            }
            previous = ends;
            all.projects.extend(page.projects);
            if n < page_size {
                return Ok(all);
            }
            offset += n;
        }
        Err(paging_error(&format!(
            "the list of projects went on for more than {max_pages} pages"
        )))
    }

    /// Creates an empty project (D13). Not retried after an ambiguous failure: a second
    /// call would create a second project.
    pub async fn create_project(&self, program: &str) -> Result<NewProject> {
        let call = Call::post(
            ApiPath::program(program)?.lit("NewProject"),
            format!("program {program}"),
            Repeat::OnlyIfRefused,
        );
        let r: ProjectResponse<NewProject> = self.send_json(&call).await?;
        Ok(r.project)
    }

    /// Makes the user with this e-mail the owner of the project.
    pub async fn set_owner(&self, program: &str, project: &str, email: &str) -> Result<Owner> {
        let path = ApiPath::program(program)?
            .lit("Projects")
            .id("project", project)?
            .lit("Owner");
        // Setting the same owner twice has the same effect: safe to retry.
        let call = Call::post(path, format!("project {project}"), Repeat::Safe)
            .json(&OwnerRequest { owner_email: email });
        let r: OwnerResponse = self.send_json(&call).await?;
        Ok(r.owner)
    }
}
