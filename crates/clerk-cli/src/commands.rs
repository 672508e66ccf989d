//! Which function runs for which command.

use clerkdesk_core::CoreError;
use powerclerk_api::FormRef;

use crate::args::{BulkCommand, Cli, Command};
use crate::bulk::Done;
use crate::{bulk, connect, read, write};

/// Runs the command.
pub async fn run(cli: Cli) -> Result<Done, CoreError> {
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
    let simple = match &cli.command {
        Command::Export {
            form,
            status,
            changed_since,
            projects,
            out,
            attachments,
        } => {
            return bulk::export(
                &cli,
                form,
                status.as_deref(),
                changed_since.as_deref(),
                projects.as_deref(),
                out,
                attachments.as_deref(),
            )
            .await
        }
        Command::Bulk(b) => {
            return match b {
                BulkCommand::Validate {
                    sheet,
                    form,
                    submit,
                    sheet_name,
                } => bulk::validate(&cli, sheet, sheet_name.as_deref(), form, *submit).await,
                BulkCommand::Run {
                    sheet,
                    form,
                    submit,
                    yes,
                    sheet_name,
                } => bulk::run(&cli, sheet, sheet_name.as_deref(), form, *submit, *yes).await,
                BulkCommand::Resume { job } => bulk::resume(&cli, job.as_deref()).await,
                BulkCommand::Status { job } => bulk::status(&cli, job.as_deref()).await,
                BulkCommand::Audit { results, form } => bulk::audit(&cli, results, form).await,
            }
        }
        Command::Login => connect::login(&cli).await,
        Command::Logout => connect::logout(&cli).await,
        Command::Check { deep: false, .. } => connect::check(&cli).await,
        Command::Check { deep: true, report } => {
            crate::compat::check_deep(&cli, report.as_deref()).await
        }
        Command::Report { out } => crate::report::report(&cli, out).await,
        Command::Programs => read::programs(&cli).await,
        Command::Forms => read::forms(&cli).await,
        Command::Schema { form } => read::schema(&cli, form).await,
        Command::Projects {
            changed_since,
            limit,
            overdue,
            due_within,
        } => {
            let due = read::DueFilter::of(*overdue, *due_within);
            return read::projects(&cli, changed_since.as_deref(), *limit, due).await;
        }
        Command::Get {
            project,
            form,
            draft,
            json,
            ids,
        } => read::get(&cli, project, form, *draft, *json, *ids).await,
        Command::Set {
            project,
            form,
            assignments,
            submit,
        } => write::set(&cli, project, form, assignments, *submit).await,
        Command::Submit { project, form } => write::submit(&cli, project, form).await,
        Command::Download {
            project,
            form,
            attachment,
            draft,
            out,
        } => write::download(&cli, project, form, attachment, *draft, out).await,
        Command::Upload {
            project,
            form,
            attachment,
            file,
            submit,
        } => write::upload(&cli, project, form, attachment, file, *submit).await,
    };
    simple.map(|()| Done::AllOk)
}
