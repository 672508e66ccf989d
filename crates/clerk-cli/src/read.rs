//! The reading commands: programs, forms, schema, projects, get. Each is its own function.

use clerkdesk_core::deadlines::{self, Due, Urgency};
use clerkdesk_core::CoreError;
use powerclerk_api::{DataVersion, FormRef, ProjectData, ProjectQuery, ProjectSummary};

use crate::args::Cli;
use crate::bulk::Done;
use crate::connect::{session, session_in_program};
use crate::table;

/// `clerk programs`.
pub async fn programs(cli: &Cli) -> Result<(), CoreError> {
    let session = session(cli).await?;
    let rows: Vec<_> = session
        .client
        .programs()
        .await?
        .into_iter()
        .map(|p| vec![p.name, p.program_id])
        .collect();
    println!("{}", table::render(&["Program", "Id"], &rows));
    Ok(())
}

/// `clerk forms`.
pub async fn forms(cli: &Cli) -> Result<(), CoreError> {
    let session = session_in_program(cli).await?;
    let forms = session.forms().await?.ok_or_else(|| {
        CoreError::Input("This PowerClerk cannot list its forms; name a form by its id.".into())
    })?;
    let rows: Vec<_> = forms
        .into_iter()
        .map(|f| {
            vec![
                f.name,
                f.custom_id.unwrap_or(f.form_id),
                f.available_in_statuses
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                f.leads_to_status.map(|s| s.name).unwrap_or_default(),
            ]
        })
        .collect();
    println!(
        "{}",
        table::render(&["Form", "Id", "Available in", "Leads to"], &rows)
    );
    Ok(())
}

/// `clerk schema FORM`.
pub async fn schema(cli: &Cli, form: &str) -> Result<(), CoreError> {
    let session = session_in_program(cli).await?;
    let prog = session.program().await?;
    let form = session
        .find_form(form)
        .await
        .map(|f| f.key)
        .unwrap_or(form.to_string());
    let s = session.client.form_schema(&prog, &form).await?;
    let rows: Vec<_> = s
        .data_fields
        .iter()
        .map(|f| {
            vec![
                f.name.clone(),
                f.custom_id
                    .clone()
                    .unwrap_or_else(|| f.data_field_id.clone()),
                format!("{:?}{}", f.r#type, if f.repeating { " (rows)" } else { "" }),
                if f.required {
                    "yes".into()
                } else {
                    String::new()
                },
                f.choices
                    .as_ref()
                    .map(|c| c.join(" | "))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    println!("{}", s.name);
    println!(
        "{}",
        table::render(&["Field", "Id", "Type", "Required", "Choices"], &rows)
    );
    let rows: Vec<_> = s
        .attachments
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.custom_id
                    .clone()
                    .unwrap_or_else(|| a.attachment_id.clone()),
                if a.required {
                    "yes".into()
                } else {
                    String::new()
                },
                a.allowed_extensions
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    if !rows.is_empty() {
        println!();
        println!(
            "{}",
            table::render(&["Attachment", "Id", "Required", "File types"], &rows)
        );
    }
    Ok(())
}

/// Which projects `clerk projects` lists by their due date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DueFilter {
    /// Every project.
    All,
    /// Past their target.
    Overdue,
    /// Due within this many days, overdue included.
    Within(u32),
}

impl DueFilter {
    /// From `--overdue` and `--due-within`.
    pub fn of(overdue: bool, within: Option<u32>) -> Self {
        match (overdue, within) {
            (true, _) => DueFilter::Overdue,
            (false, Some(n)) => DueFilter::Within(n),
            (false, None) => DueFilter::All,
        }
    }

    fn keeps(self, due: &Due) -> bool {
        match self {
            DueFilter::All => true,
            DueFilter::Overdue => due.urgency == Urgency::Overdue,
            DueFilter::Within(n) => due.due_in.is_some_and(|d| d <= i64::from(n)),
        }
    }
}

/// `clerk projects [--changed-since D] [--limit N] [--overdue | --due-within DAYS]`.
pub async fn projects(
    cli: &Cli,
    changed_since: Option<&str>,
    limit: Option<u32>,
    filter: DueFilter,
) -> Result<Done, CoreError> {
    let since = match changed_since {
        None => None,
        Some(raw) => Some(clerkdesk_core::bulk::export::parse_time(raw)?),
    };
    let settings = deadlines::load(&clerkdesk_core::bulk::job::data_dir()?)?;
    if filter != DueFilter::All && settings.targets.is_empty() {
        return Err(CoreError::Input(
            "No status has a target yet, so nothing can be overdue: set targets in the app (Settings → Deadlines), or import a team's deadlines file there.".into(),
        ));
    }
    let session = session_in_program(cli).await?;
    let c = &session.client;
    let prog = session.program().await?;
    let projects = match limit {
        Some(n) => {
            c.projects(
                &prog,
                &ProjectQuery {
                    changed_since: since,
                    limit: Some(n),
                    offset: None,
                },
            )
            .await?
            .projects
        }
        None => {
            c.all_projects(&prog, since, powerclerk_api::decisions::MAX_PAGE_SIZE)
                .await?
                .projects
        }
    };
    let dues = deadlines::of_projects(&settings, &projects);
    let mut listed: Vec<(&ProjectSummary, Due)> = projects
        .iter()
        .zip(dues)
        .filter(|(_, d)| filter.keeps(d))
        .collect();
    if filter != DueFilter::All {
        // Most urgent first.
        listed.sort_by_key(|(_, d)| d.due_in.unwrap_or(i64::MAX));
    }
    let rows: Vec<_> = listed
        .iter()
        .map(|(p, due)| {
            vec![
                p.label().to_string(),
                p.status_name().to_string(),
                p.project_owner
                    .as_ref()
                    .and_then(|o| o.name.clone())
                    .unwrap_or_default(),
                p.last_change_timestamp
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default(),
                due.age_days.map(|n| settings.unit(n)).unwrap_or_default(),
                match &due.due {
                    Some(date) => format!("{date} ({})", due.words),
                    None => String::new(),
                },
            ]
        })
        .collect();
    println!(
        "{}",
        table::render(
            &[
                "Project",
                "Status",
                "Owner",
                "Last change",
                "In status",
                "Due"
            ],
            &rows
        )
    );
    eprintln!("{} projects.", rows.len());
    Ok(if filter != DueFilter::All && !rows.is_empty() {
        Done::SomeListed
    } else {
        Done::AllOk
    })
}

/// `clerk get PROJECT FORM [--draft] [--json] [--ids]`.
pub async fn get(
    cli: &Cli,
    project: &str,
    form: &str,
    draft: bool,
    json: bool,
    ids: bool,
) -> Result<(), CoreError> {
    let session = session_in_program(cli).await?;
    let found = session.find_form(form).await?;
    let f = FormRef::new(session.program().await?, project, &found.key);
    let version = if draft {
        DataVersion::Draft
    } else {
        DataVersion::Submitted
    };
    let d = session.client.project_data(&f, version).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&d).expect("serialises"));
    } else {
        print_form(&d, ids);
    }
    Ok(())
}

fn print_form(d: &ProjectData, ids: bool) {
    let p = &d.project;
    println!(
        "{} · {} · {}",
        p.label(),
        p.status_name(),
        if d.can_submit {
            "complete — can be submitted"
        } else {
            "not complete yet"
        }
    );
    let mut header = vec!["Field", "Value"];
    if ids {
        header.push("Id");
    }
    let rows: Vec<Vec<String>> = d
        .data_fields
        .iter()
        .map(|f| {
            let mut r = vec![
                f.name.clone().unwrap_or_else(|| f.data_field_id.clone()),
                f.display_value(),
            ];
            if ids {
                r.push(
                    f.custom_id
                        .clone()
                        .unwrap_or_else(|| f.data_field_id.clone()),
                );
            }
            r
        })
        .collect();
    println!("{}", table::render(&header, &rows));
    if !d.attachments.is_empty() {
        println!();
        let mut header = vec!["Attachment", "File"];
        if ids {
            header.push("Id");
        }
        let rows: Vec<Vec<String>> = d
            .attachments
            .iter()
            .map(|a| {
                let file = match (&a.file_name, a.file_size) {
                    (Some(n), Some(s)) => format!("{n} ({})", table::size(s)),
                    (Some(n), None) => n.clone(),
                    (None, _) => "—".into(),
                };
                let mut r = vec![
                    a.name.clone().unwrap_or_else(|| a.attachment_id.clone()),
                    file,
                ];
                if ids {
                    r.push(
                        a.custom_id
                            .clone()
                            .unwrap_or_else(|| a.attachment_id.clone()),
                    );
                }
                r
            })
            .collect();
        println!("{}", table::render(&header, &rows));
    }
}
