//! The program's project list, kept by the session: read whole once (GetProjects, 1,000 per
//! page), then brought up to date with `changed_since` — one call however many projects
//! changed — so that opening a project costs no listing call while the list is fresh, and
//! a 20,000-project program is paged through once per connection, not once per open.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use powerclerk_api::{decisions, Client, ProjectSummary, ProjectsPage, Timestamp};

/// How long a listing is trusted before the next use brings it up to date (one
/// `changed_since` call). Statuses also arrive with every form read, which updates the
/// listing for free, so a minute is plenty for the owner and the status of a header.
pub const LISTING_FRESH_FOR: Duration = Duration::from_secs(60);

/// The projects of one program, as last read.
#[derive(Clone, Debug)]
pub struct ProjectListing {
    program: String,
    projects: Vec<ProjectSummary>,
    /// Project id → position in `projects`.
    by_id: HashMap<String, usize>,
    /// Project number → position in `projects`.
    by_number: HashMap<String, usize>,
    /// PowerClerk's `RequestTimestamp` of the last read: the next `changed_since`.
    as_of: Option<Timestamp>,
    read_at: Instant,
    /// Changes whenever the listing does (a read, a refresh, a noted project): the window
    /// keeps its copy of the work queue while this stays the same.
    generation: u64,
}

/// A new generation number, unique in this process.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl ProjectListing {
    /// Reads every project of `program`.
    pub async fn read(client: &Client, program: &str) -> powerclerk_api::Result<Self> {
        let page = client
            .all_projects(program, None, decisions::MAX_PAGE_SIZE)
            .await?;
        let mut listing = Self {
            program: program.to_string(),
            projects: Vec::new(),
            by_id: HashMap::new(),
            by_number: HashMap::new(),
            as_of: None,
            read_at: Instant::now(),
            generation: 0,
        };
        listing.merge(page);
        Ok(listing)
    }

    /// Brings the listing up to date: the projects changed since the last read (a full
    /// read when PowerClerk gave no timestamp). Returns the ids of the projects that changed.
    pub async fn refresh(&mut self, client: &Client) -> powerclerk_api::Result<Vec<String>> {
        let Some(since) = self.as_of else {
            *self = Self::read(client, &self.program).await?;
            return Ok(Vec::new());
        };
        let page = client
            .all_projects(&self.program, Some(since), decisions::MAX_PAGE_SIZE)
            .await?;
        Ok(self.merge(page))
    }

    /// The listing's generation: a new number after every change.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The program this listing belongs to.
    pub fn program(&self) -> &str {
        &self.program
    }

    /// True when the listing was read or refreshed within `max_age`.
    pub fn is_fresh(&self, max_age: Duration) -> bool {
        self.read_at.elapsed() <= max_age
    }

    /// Every project, in PowerClerk's order (creation).
    pub fn projects(&self) -> &[ProjectSummary] {
        &self.projects
    }

    /// The project with this number or id.
    pub fn find(&self, project: &str) -> Option<&ProjectSummary> {
        let at = self
            .by_number
            .get(project)
            .or_else(|| self.by_id.get(project))?;
        self.projects.get(*at)
    }

    /// Takes what a later read said of one project (its status after a form read or a
    /// submit), keeping the owner when the read did not carry one.
    pub fn note(&mut self, seen: &ProjectSummary) {
        let Some(&at) = self.by_id.get(&seen.project_id) else {
            return;
        };
        self.generation = next_generation();
        let entry = &mut self.projects[at];
        let owner = seen
            .project_owner
            .clone()
            .or_else(|| entry.project_owner.take());
        *entry = ProjectSummary {
            project_owner: owner,
            ..seen.clone()
        };
        if let Some(n) = &entry.project_number {
            self.by_number.insert(n.clone(), at);
        }
    }

    fn merge(&mut self, page: ProjectsPage) -> Vec<String> {
        if page.request_timestamp.is_some() {
            self.as_of = page.request_timestamp;
        }
        self.read_at = Instant::now();
        self.generation = next_generation();
        let mut changed = Vec::with_capacity(page.projects.len());
        for p in page.projects {
            changed.push(p.project_id.clone());
            let at = match self.by_id.get(&p.project_id) {
                Some(&at) => at,
                None => {
                    self.projects.push(ProjectSummary::default());
                    self.by_id
                        .insert(p.project_id.clone(), self.projects.len() - 1);
                    self.projects.len() - 1
                }
            };
            if let Some(n) = &p.project_number {
                self.by_number.insert(n.clone(), at);
            }
            self.projects[at] = p;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use powerclerk_api::{CurrentStatus, Owner};

    fn project(id: &str, number: Option<&str>, status: &str) -> ProjectSummary {
        ProjectSummary {
            project_id: id.into(),
            project_number: number.map(Into::into),
            current_status: Some(CurrentStatus {
                name: status.into(),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn listing(projects: Vec<ProjectSummary>) -> ProjectListing {
        let mut l = ProjectListing {
            program: "P".into(),
            projects: Vec::new(),
            by_id: HashMap::new(),
            by_number: HashMap::new(),
            as_of: None,
            read_at: Instant::now(),
            generation: 0,
        };
        l.merge(ProjectsPage {
            projects,
            ..Default::default()
        });
        l
    }

    #[test]
    fn a_refresh_replaces_changed_projects_and_adds_new_ones() {
        let mut l = listing(vec![
            project("a", Some("N-1"), "Review"),
            project("b", None, "Draft"),
        ]);
        let changed = l.merge(ProjectsPage {
            projects: vec![
                project("b", Some("N-2"), "Review"),
                project("c", Some("N-3"), "Draft"),
            ],
            ..Default::default()
        });
        assert_eq!(changed, ["b", "c"]);
        assert_eq!(l.projects().len(), 3);
        assert_eq!(l.find("N-2").unwrap().status_name(), "Review");
        assert_eq!(l.find("b").unwrap().label(), "N-2");
        assert_eq!(l.find("N-1").unwrap().status_name(), "Review");
        assert!(l.find("N-9").is_none());
    }

    #[test]
    fn a_noted_read_keeps_the_owner_the_listing_had() {
        let mut a = project("a", Some("N-1"), "Review");
        a.project_owner = Some(Owner {
            name: Some("Ada".into()),
            ..Default::default()
        });
        let mut l = listing(vec![a]);
        l.note(&project("a", Some("N-1"), "Inspection"));
        let seen = l.find("N-1").unwrap();
        assert_eq!(seen.status_name(), "Inspection");
        assert_eq!(
            seen.project_owner.as_ref().unwrap().name.as_deref(),
            Some("Ada")
        );
        // A project the listing does not hold is not added by a note.
        l.note(&project("z", Some("N-9"), "Draft"));
        assert!(l.find("N-9").is_none());
    }
}
