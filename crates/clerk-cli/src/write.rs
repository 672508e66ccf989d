//! The writing commands — set, submit, download, upload — on the core's workflows (the same
//! code the window runs). Each is its own function.

use std::path::Path;
use std::sync::Arc;

use clerkdesk_core::workflow::{Desk, Destination};
use clerkdesk_core::{CoreError, Session};
use powerclerk_api::{DataVersion, FormRef, Transfer};

use crate::args::Cli;
use crate::connect::session_in_program;
use crate::{assign, table};

fn progress_printer(label: &'static str) -> Option<powerclerk_api::ProgressFn> {
    use std::io::IsTerminal;
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

fn transfer(label: &'static str) -> Transfer {
    Transfer {
        progress: progress_printer(label),
        cancel: None,
    }
}

async fn submit_and_report(session: &Session, project: &str, form: &str) -> Result<(), CoreError> {
    let out = Desk::new(session).submit(project, form).await?;
    let note = if out.confirmed_by_reread {
        " (the connection broke, but PowerClerk shows the submit went through)"
    } else {
        ""
    };
    println!(
        "Submitted {form} of {}{note}. The project is now in {}.",
        out.project.number, out.project.status
    );
    Ok(())
}

/// `clerk set PROJECT FORM FIELD=VALUE… [--submit]`.
pub async fn set(
    cli: &Cli,
    project: &str,
    form: &str,
    assignments: &[String],
    submit: bool,
) -> Result<(), CoreError> {
    let parsed = assignments
        .iter()
        .map(|a| assign::parse(a))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CoreError::Input)?;
    let session = session_in_program(cli).await?;
    let found = session.find_form(form).await?;
    let f = FormRef::new(session.program().await?, project, &found.key);
    let schema = session.client.form_schema_or_infer(&f).await?;
    let fields = assign::updates(&parsed, &schema).map_err(CoreError::Input)?;
    let count = fields.len();
    let view = Desk::new(&session)
        .save_draft(project, &found.key, fields)
        .await?
        .view;
    println!(
        "Saved {count} field{} as a draft of {} on {}. {}",
        if count == 1 { "" } else { "s" },
        view.form_name,
        view.project.number,
        if view.can_submit {
            "The form is complete and can be submitted."
        } else {
            "The form is not complete yet, so it cannot be submitted."
        }
    );
    if submit {
        submit_and_report(&session, project, &found.key).await?;
    }
    Ok(())
}

/// `clerk submit PROJECT FORM`.
pub async fn submit(cli: &Cli, project: &str, form: &str) -> Result<(), CoreError> {
    let session = session_in_program(cli).await?;
    let found = session.find_form(form).await?;
    submit_and_report(&session, project, &found.key).await
}

/// `clerk download PROJECT FORM ATTACHMENT [--draft] [--out DIR]`; the saved path last.
pub async fn download(
    cli: &Cli,
    project: &str,
    form: &str,
    attachment: &str,
    draft: bool,
    out: &Path,
) -> Result<(), CoreError> {
    if !out.is_dir() {
        return Err(CoreError::Input(format!(
            "The folder {} does not exist.",
            out.display()
        )));
    }
    let session = session_in_program(cli).await?;
    let found = session.find_form(form).await?;
    let version = if draft {
        DataVersion::Draft
    } else {
        DataVersion::Submitted
    };
    let got = Desk::new(&session)
        .download(
            project,
            &found.key,
            attachment,
            version,
            &Destination::Folder(out.to_path_buf()),
            &transfer("Downloading"),
        )
        .await?;
    eprintln!("Saved {} ({}).", got.path, table::size(got.bytes));
    println!("{}", got.path);
    Ok(())
}

/// `clerk upload PROJECT FORM ATTACHMENT FILE [--submit]`.
pub async fn upload(
    cli: &Cli,
    project: &str,
    form: &str,
    attachment: &str,
    file: &Path,
    submit: bool,
) -> Result<(), CoreError> {
    if !file.is_file() {
        return Err(CoreError::Input(format!(
            "There is no file {}.",
            file.display()
        )));
    }
    let session = session_in_program(cli).await?;
    let found = session.find_form(form).await?;
    let up = Desk::new(&session)
        .upload(
            project,
            &found.key,
            attachment,
            file,
            &transfer("Uploading"),
        )
        .await?;
    println!(
        "Uploaded {} ({}) to {attachment}. It is a draft until the form is submitted.",
        up.name,
        table::size(up.bytes),
    );
    if submit {
        submit_and_report(&session, project, &found.key).await?;
    }
    Ok(())
}
