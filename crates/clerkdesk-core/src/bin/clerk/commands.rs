//! What each command does.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

use clerkdesk_core::profile::{Environment, Profile};
use clerkdesk_core::{credentials, secrets, CoreError};
use powerclerk_api::{
    Client, DataVersion, Error as ApiError, FormRef, ProjectData, ProjectQuery, Transfer,
};

use crate::args::{Cli, Command};
use crate::{assign, table};

fn profile(cli: &Cli) -> Profile {
    Profile {
        name: cli.profile.clone(),
        environment: Environment::Custom,
        api_url: cli.api_url.clone(),
        token_url: cli.token_url.clone(),
        program: cli.program.clone(),
        max_tpm: cli.max_tpm,
    }
}

async fn client(cli: &Cli) -> Result<Client, CoreError> {
    let p = profile(cli);
    // Validate the URLs before looking for credentials: a bad URL is the first thing to fix.
    p.client_config(powerclerk_api::Credentials::new("-", "-", "-"))?;
    let creds = credentials::resolve(&cli.profile).await?;
    let c = p.client(creds)?;
    watch_rate_limit(&c);
    Ok(c)
}

/// Tells the user on stderr when calls wait for the rate limit, and when the client had
/// to slow down because PowerClerk kept answering 429 — on a terminal and in a log file
/// alike (plain lines either way), so that a scheduled run's log explains its pauses.
fn watch_rate_limit(c: &Client) {
    let mut rx = c.limiter().subscribe();
    tokio::spawn(async move {
        let mut told_fallback = false;
        let mut last_wait = None;
        while rx.changed().await.is_ok() {
            let status = rx.borrow_and_update().clone();
            if let (Some(interval), false) = (status.fallback_interval, told_fallback) {
                told_fallback = true;
                eprintln!(
                    "PowerClerk kept refusing calls although Clerkdesk stayed within the limit; another program may be using the same API key. Slowing down to one call every {:.1} s.",
                    interval.as_secs_f64()
                );
            }
            if status.waiting_until != last_wait {
                last_wait = status.waiting_until;
                if let Some(w) = status.waiting().filter(|w| w.as_secs() >= 1) {
                    eprintln!("Waiting {} s for PowerClerk's rate limit…", w.as_secs());
                }
            }
        }
    });
}

/// The program: `--program`, else the only one the account sees.
async fn program(cli: &Cli, c: &Client) -> Result<String, CoreError> {
    if let Some(p) = &cli.program {
        return Ok(p.clone());
    }
    let programs = c.programs().await?;
    match programs.as_slice() {
        [only] => Ok(only.program_id.clone()),
        [] => Err(CoreError::Input(
            "This account sees no program. Ask a program administrator for access.".into(),
        )),
        many => Err(CoreError::Input(format!(
            "This account sees several programs; choose one with --program (or POWERCLERK_PROGRAM): {}",
            many.iter()
                .map(|p| format!("{} ({})", p.program_id, p.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Reads form data; when the form is unknown by that id, looks it up by name once.
async fn form_data(
    c: &Client,
    f: &mut FormRef,
    version: DataVersion,
) -> Result<ProjectData, CoreError> {
    match c.project_data(f, version).await {
        Err(ApiError::NotFound { .. }) if !f.form.is_empty() => {
            let form = c.find_form(&f.program, &f.form).await?;
            f.form = form.custom_id.unwrap_or(form.form_id);
            Ok(c.project_data(f, version).await?)
        }
        other => Ok(other?),
    }
}

fn progress_printer(label: &'static str) -> Option<powerclerk_api::ProgressFn> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Arc::new(move |done, total| {
        let text = match total {
            Some(t) if t > 0 => format!("\r{label} {}% of {}", done * 100 / t, table::size(t)),
            _ => format!("\r{label} {}", table::size(done)),
        };
        eprint!("{text}   ");
        if total == Some(done) {
            eprintln!();
        }
    }))
}

fn prompt(label: &str, secret: bool) -> Result<String, CoreError> {
    let stdin = std::io::stdin();
    let value = if stdin.is_terminal() {
        if secret {
            rpassword::prompt_password(format!("{label}: "))
                .map_err(|e| CoreError::Input(format!("Could not read {label}: {e}")))?
        } else {
            eprint!("{label}: ");
            let _ = std::io::stderr().flush();
            let mut s = String::new();
            stdin
                .lock()
                .read_line(&mut s)
                .map_err(|e| CoreError::Input(e.to_string()))?;
            s
        }
    } else {
        // Piped input (scripts, tests): one value per line, nothing echoed.
        let mut s = String::new();
        stdin
            .lock()
            .read_line(&mut s)
            .map_err(|e| CoreError::Input(e.to_string()))?;
        s
    };
    let value = value.trim().to_string();
    if value.is_empty() {
        return Err(CoreError::Input(format!(
            "{label} is empty; nothing was saved."
        )));
    }
    Ok(value)
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

async fn submit_and_report(c: &Client, f: &FormRef) -> Result<(), CoreError> {
    let out = c.submit(f).await?;
    let note = if out.confirmed_by_reread {
        " (the connection broke, but PowerClerk shows the submit went through)"
    } else {
        ""
    };
    println!(
        "Submitted {} of {}{note}. The project is now in {}.",
        f.form,
        out.project.label(),
        out.project.status_name()
    );
    Ok(())
}

/// Runs the command.
pub async fn run(cli: Cli) -> Result<(), CoreError> {
    // Ids that cannot be sent are refused before anything is sent (not even the program
    // lookup).
    match &cli.command {
        Command::Get { project, form, .. }
        | Command::Set { project, form, .. }
        | Command::Submit { project, form }
        | Command::Download { project, form, .. }
        | Command::Upload { project, form, .. } => {
            FormRef::new("-", project, form).check_ids()?;
        }
        _ => {}
    }
    match &cli.command {
        Command::Login => {
            profile(&cli).client_config(powerclerk_api::Credentials::new("-", "-", "-"))?;
            let api_key = prompt("API key", true)?;
            let client_id = prompt("Client id", false)?;
            let secret = prompt("Client secret", true)?;
            let creds = powerclerk_api::Credentials::new(api_key, client_id, secret);
            // Check before saving, so that a typo is not kept.
            profile(&cli).client(creds.clone())?.authenticate().await?;
            secrets::save(&cli.profile, &creds).await?;
            println!(
                "Saved the credentials of \"{}\" in the system keychain.",
                cli.profile
            );
            Ok(())
        }
        Command::Logout => {
            if secrets::remove(&cli.profile).await? {
                println!("Removed the saved credentials of \"{}\".", cli.profile);
            } else {
                println!("No credentials were saved for \"{}\".", cli.profile);
            }
            Ok(())
        }
        Command::Check => {
            let c = client(&cli).await?;
            c.authenticate().await?;
            let programs = c.programs().await?;
            println!("Connected to PowerClerk at {}.", cli.api_url);
            for p in programs {
                println!("Program: {} ({})", p.name, p.program_id);
            }
            Ok(())
        }
        Command::Programs => {
            let c = client(&cli).await?;
            let rows: Vec<_> = c
                .programs()
                .await?
                .into_iter()
                .map(|p| vec![p.name, p.program_id])
                .collect();
            println!("{}", table::render(&["Program", "Id"], &rows));
            Ok(())
        }
        Command::Forms => {
            let c = client(&cli).await?;
            let prog = program(&cli, &c).await?;
            let rows: Vec<_> = c
                .forms(&prog)
                .await?
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
        Command::Schema { form } => {
            let c = client(&cli).await?;
            let prog = program(&cli, &c).await?;
            let form = c
                .find_form(&prog, form)
                .await
                .map(|f| f.custom_id.unwrap_or(f.form_id))
                .unwrap_or(form.clone());
            let s = c.form_schema(&prog, &form).await?;
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
        Command::Projects {
            changed_since,
            limit,
        } => {
            let since = match changed_since {
                None => None,
                Some(raw) => Some(parse_time(raw)?),
            };
            let c = client(&cli).await?;
            let prog = program(&cli, &c).await?;
            let projects = match limit {
                Some(n) => {
                    c.projects(
                        &prog,
                        &ProjectQuery {
                            changed_since: since,
                            limit: Some(*n),
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
            let rows: Vec<_> = projects
                .iter()
                .map(|p| {
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
                    ]
                })
                .collect();
            println!(
                "{}",
                table::render(&["Project", "Status", "Owner", "Last change"], &rows)
            );
            eprintln!("{} projects.", rows.len());
            Ok(())
        }
        Command::Get {
            project,
            form,
            draft,
            json,
            ids,
        } => {
            let c = client(&cli).await?;
            let mut f = FormRef::new(program(&cli, &c).await?, project, form);
            let version = if *draft {
                DataVersion::Draft
            } else {
                DataVersion::Submitted
            };
            let d = form_data(&c, &mut f, version).await?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&d).expect("serialises"));
            } else {
                print_form(&d, *ids);
            }
            Ok(())
        }
        Command::Set {
            project,
            form,
            assignments,
            submit,
        } => {
            let parsed = assignments
                .iter()
                .map(|a| assign::parse(a))
                .collect::<Result<Vec<_>, _>>()
                .map_err(CoreError::Input)?;
            let c = client(&cli).await?;
            let prog = program(&cli, &c).await?;
            let mut f = FormRef::new(prog, project, form);
            let schema = match c.form_schema_or_infer(&f).await {
                Err(ApiError::NotFound { .. }) => {
                    let found = c.find_form(&f.program, &f.form).await?;
                    f.form = found.custom_id.unwrap_or(found.form_id);
                    c.form_schema_or_infer(&f).await?
                }
                other => other?,
            };
            let updates = assign::updates(&parsed, &schema).map_err(CoreError::Input)?;
            let d = c.save_draft(&f, &updates).await?;
            println!(
                "Saved {} field{} as a draft of {} on {}. {}",
                updates.len(),
                if updates.len() == 1 { "" } else { "s" },
                schema.name,
                d.project.label(),
                if d.can_submit {
                    "The form is complete and can be submitted."
                } else {
                    "The form is not complete yet, so it cannot be submitted."
                }
            );
            if *submit {
                submit_and_report(&c, &f).await?;
            }
            Ok(())
        }
        Command::Submit { project, form } => {
            let c = client(&cli).await?;
            let mut f = FormRef::new(program(&cli, &c).await?, project, form);
            form_data(&c, &mut f, DataVersion::Draft).await?;
            submit_and_report(&c, &f).await
        }
        Command::Download {
            project,
            form,
            attachment,
            draft,
            out,
        } => {
            if !out.is_dir() {
                return Err(CoreError::Input(format!(
                    "The folder {} does not exist.",
                    out.display()
                )));
            }
            let c = client(&cli).await?;
            let f = FormRef::new(program(&cli, &c).await?, project, form);
            let version = if *draft {
                DataVersion::Draft
            } else {
                DataVersion::Submitted
            };
            let transfer = Transfer {
                progress: progress_printer("Downloading"),
                cancel: None,
            };
            let got = c
                .download_to_dir(&f, attachment, version, out, &transfer)
                .await?;
            eprintln!("Saved {} ({}).", got.path.display(), table::size(got.bytes));
            println!("{}", got.path.display());
            Ok(())
        }
        Command::Upload {
            project,
            form,
            attachment,
            file,
            submit,
        } => {
            if !file.is_file() {
                return Err(CoreError::Input(format!(
                    "There is no file {}.",
                    file.display()
                )));
            }
            let c = client(&cli).await?;
            let f = FormRef::new(program(&cli, &c).await?, project, form);
            let transfer = Transfer {
                progress: progress_printer("Uploading"),
                cancel: None,
            };
            let up = c.upload(&f, attachment, file, &transfer).await?;
            println!(
                "Uploaded {} ({}) to {}. It is a draft until the form is submitted.",
                up.attachment.file_name.as_deref().unwrap_or("the file"),
                table::size(up.bytes),
                up.attachment.name.as_deref().unwrap_or(attachment)
            );
            if *submit {
                submit_and_report(&c, &f).await?;
            }
            Ok(())
        }
    }
}

fn parse_time(raw: &str) -> Result<powerclerk_api::Timestamp, CoreError> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw.trim()) {
        return Ok(t);
    }
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().fixed_offset())
        .ok_or_else(|| {
            CoreError::Input(format!(
                "\"{raw}\" is not a time. Use 2026-11-01 or 2026-11-01T08:00:00-08:00."
            ))
        })
}
