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

/// The whole listing, unless it is shorter than the server said it would be.
fn finished(all: ProjectsPage) -> Result<ProjectsPage> {
    match all.total_count {
        Some(total) if (all.projects.len() as u64) < total => Err(paging_error(&format!(
            "PowerClerk said there are {total} projects but sent {}",
            all.projects.len()
        ))),
        _ => Ok(all),
    }
}

fn paging_error(what: &str) -> Error {
    Error::Paging {
        reason: what.to_string(),
    }
}

/// The `changed_since` format the contract documents (`yyyy-MM-ddTHH:mm:sszzz`); for a
/// server that writes its timestamps without an offset, the same form back (they were read
/// as UTC, so the text is exactly the server's own).
fn format_timestamp(t: &Timestamp, without_offset: bool) -> String {
    if without_offset {
        t.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// A short page of this size may be the server's own page cap rather than the end of the
/// listing (round sizes): worth one more page to find out.
fn may_be_a_cap(n: u32) -> bool {
    n >= 10 && (n.is_multiple_of(10) || n.is_power_of_two())
}

impl Client {
    /// One page of the program's projects.
    pub async fn projects(&self, program: &str, query: &ProjectQuery) -> Result<ProjectsPage> {
        let mut call = Call::get(
            ApiPath::program(program)?.lit("Projects"),
            format!("program {program}"),
        );
        if let Some(t) = &query.changed_since {
            let seen = self.observed();
            let bare = seen.timestamps_without_offset && !seen.timestamps_with_offset;
            call = call.query("changed_since", format_timestamp(t, bare));
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

    /// Every project (changed since `changed_since`), page by page until the listing ends.
    /// The returned `RequestTimestamp` is the first page's, the safe value for the next
    /// poll. A server that pages below the size asked for is found out (a round short page
    /// is followed by one more) and its cap used from then on; a listing shorter than the
    /// server's own `TotalCount` is an error, not a success. A server that ignores `offset`
    /// (a page that repeats the previous one) or pages past the page cap ends the listing
    /// with an error instead of paging forever.
    pub async fn all_projects(
        &self,
        program: &str,
        changed_since: Option<Timestamp>,
        page_size: u32,
    ) -> Result<ProjectsPage> {
        let mut limit = page_size.clamp(1, decisions::MAX_PAGE_SIZE);
        if let Some(cap) = self.observed().page_cap {
            limit = limit.min(cap.max(1));
        }
        let mut all = ProjectsPage::default();
        let mut offset = 0;
        let mut previous: Option<(String, String)> = None;
        let mut probing: Option<u32> = None;
        let max_pages = self.config().limits.max_pages;
        for _ in 0..max_pages {
            let page = self
                .projects(
                    program,
                    &ProjectQuery {
                        changed_since,
                        limit: Some(limit),
                        offset: Some(offset),
                    },
                )
                .await?;
            if all.request_timestamp.is_none() {
                all.request_timestamp = page.request_timestamp;
            }
            if page.total_count.is_some() {
                all.total_count = page.total_count;
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
            offset += n;
            if let Some(cap) = probing.take() {
                if n == 0 {
                    return finished(all);
                }
                // The short page was a cap: page by it from now on.
                self.inner.dialect.note(|o| o.page_cap = Some(cap));
                limit = cap;
            }
            if let Some(total) = all.total_count {
                if all.projects.len() as u64 >= total {
                    return finished(all);
                }
                if n == 0 {
                    return finished(all);
                }
                continue;
            }
            if n >= limit {
                continue;
            }
            if n > 0 && may_be_a_cap(n) {
                probing = Some(n);
                continue;
            }
            return finished(all);
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
        match self
            .send_write::<ProjectResponse<NewProject>>(&call, "Project")
            .await?
        {
            Some(r) => Ok(r.project),
            // Created, but the answer did not say which project: nothing to read back by.
            None => Err(Error::UnexpectedResponse {
                details: crate::error::Details::http(
                    200,
                    Some("PowerClerk created a project but did not say which; look for the newest project in PowerClerk before creating another.".into()),
                ),
            }),
        }
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
        match self.send_write::<OwnerResponse>(&call, "Owner").await? {
            Some(r) => Ok(r.owner),
            // Accepted without the documented answer: the owner is the one asked for.
            None => Ok(Owner {
                name: None,
                email: Some(email.to_string()),
            }),
        }
    }
}
