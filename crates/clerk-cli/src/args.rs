//! The command line (clap). Every global option can also come from the environment.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Work with PowerClerk API V2 from scripts and schedulers.
///
/// Credentials come from POWERCLERK_API_KEY, POWERCLERK_CLIENT_ID and POWERCLERK_SECRET when
/// they are set, otherwise from the system keychain (see `clerk login`).
#[derive(Parser, Debug)]
#[command(name = "clerk", version, about, long_about)]
pub struct Cli {
    /// The V2 root of PowerClerk.
    #[arg(long, global = true, env = "POWERCLERK_API_URL", default_value = powerclerk_api::decisions::PCI_TRIAL_API_URL)]
    pub api_url: String,
    /// The OAuth 2.0 token endpoint.
    #[arg(long, global = true, env = "POWERCLERK_TOKEN_URL", default_value = powerclerk_api::decisions::PCI_TRIAL_TOKEN_URL)]
    pub token_url: String,
    /// Program id (default: the only program the account can see).
    #[arg(long, global = true, env = "POWERCLERK_PROGRAM")]
    pub program: Option<String>,
    /// Calls per minute allowed for the API key.
    #[arg(long, global = true, env = "POWERCLERK_MAX_TPM", default_value_t = 60)]
    pub max_tpm: u32,
    /// Which saved connection's keychain entry to use.
    #[arg(long, global = true, env = "CLERK_PROFILE", default_value = "default")]
    pub profile: String,
    /// The most a whole command may take, in seconds (waits for the rate limit, retries
    /// and transfers included). Default 1800, except for `export` and `bulk`, whose length
    /// is their estimate (each of their calls is still bounded).
    #[arg(long, global = true, env = "CLERK_TIMEOUT", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: Option<u64>,
    /// How a cleared field is written: as empty text (the contract) or as null.
    #[arg(long, global = true, env = "POWERCLERK_CLEARED_FIELD", value_enum, default_value_t = ClearedField::Empty)]
    pub cleared_field: ClearedField,
    /// How changed values are written: as the server writes them (numbers as numbers once it
    /// has shown it does) or always as text.
    #[arg(long, global = true, env = "POWERCLERK_VALUE_WRITING", value_enum, default_value_t = ValueWriting::AsServer)]
    pub value_writing: ValueWriting,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--cleared-field`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClearedField {
    /// `"Value": ""`.
    Empty,
    /// `"Value": null`.
    Null,
}

/// `--value-writing`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ValueWriting {
    /// As the server writes that field.
    AsServer,
    /// Always text.
    Text,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Get a token, make one API call and say whether the connection works; with --deep,
    /// check how this PowerClerk matches what Clerkdesk expects (read-only, at most 9 calls)
    /// and write a report for a support request.
    Check {
        /// Run the compatibility check.
        #[arg(long)]
        deep: bool,
        /// Folder for the report (default: the current folder).
        #[arg(long, requires = "deep")]
        report: Option<PathBuf>,
    },
    /// Save the API key, client id and secret in the system keychain (prompts; no echo).
    Login,
    /// Remove the saved credentials from the system keychain.
    Logout,
    /// Show a form's fields as a table.
    Get {
        /// Project number (INTG-00256) or id.
        project: String,
        /// Form: custom id, id or name.
        form: String,
        /// Show the unsubmitted draft instead of the submitted data.
        #[arg(long)]
        draft: bool,
        /// Print the response's Project object as JSON.
        #[arg(long)]
        json: bool,
        /// Also show field and attachment ids.
        #[arg(long)]
        ids: bool,
    },
    /// Save draft values (FIELD=VALUE; FIELD[]=VALUE adds VALUE to a list sent as Values).
    Set {
        /// Project number or id.
        project: String,
        /// Form: custom id, id or name.
        form: String,
        /// FIELD=VALUE pairs; FIELD is a custom id, id or field name.
        #[arg(required = true)]
        assignments: Vec<String>,
        /// Submit the form after saving.
        #[arg(long)]
        submit: bool,
    },
    /// Submit a form's draft.
    Submit {
        /// Project number or id.
        project: String,
        /// Form: custom id, id or name.
        form: String,
    },
    /// Download an attachment; prints the saved path as the last line.
    Download {
        /// Project number or id.
        project: String,
        /// Form: custom id, id or name.
        form: String,
        /// Attachment: custom id or id.
        attachment: String,
        /// The draft's file instead of the submitted one.
        #[arg(long)]
        draft: bool,
        /// Folder to save into (default: the current folder).
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Upload a file into a form's draft.
    Upload {
        /// Project number or id.
        project: String,
        /// Form: custom id, id or name.
        form: String,
        /// Attachment: custom id or id.
        attachment: String,
        /// The file to upload.
        file: PathBuf,
        /// Submit the form after uploading.
        #[arg(long)]
        submit: bool,
    },
    /// Write the program's report (.xlsx): per status the projects, overdue and due soon,
    /// median and 90th-percentile days in status; a sheet per status with its projects.
    Report {
        /// The workbook to write (.xlsx).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// List the program's projects.
    Projects {
        /// Only projects changed after this time (2026-11-01T00:00:00-08:00 or 2026-11-01).
        #[arg(long)]
        changed_since: Option<String>,
        /// At most this many.
        #[arg(long)]
        limit: Option<u32>,
        /// Only projects past their status's target (Settings → Deadlines). Exit 3 when
        /// some are listed, 0 when none.
        #[arg(long)]
        overdue: bool,
        /// Only projects due within DAYS (overdue ones included). Exit 3 when some are
        /// listed, 0 when none.
        #[arg(long, value_name = "DAYS")]
        due_within: Option<u32>,
    },
    /// List the programs the account can see.
    Programs,
    /// List the program's forms.
    Forms,
    /// Show a form's fields and attachments.
    Schema {
        /// Form: custom id, id or name.
        form: String,
    },
    /// Export a form of many projects to a sheet (.xlsx or .csv) that imports back as it is.
    Export {
        /// Form: custom id, id or name.
        #[arg(long)]
        form: String,
        /// Only projects in this status.
        #[arg(long)]
        status: Option<String>,
        /// Only projects changed after this time (2026-11-01 or RFC 3339).
        #[arg(long)]
        changed_since: Option<String>,
        /// Only the projects listed in this sheet's project column.
        #[arg(long)]
        projects: Option<PathBuf>,
        /// The file to write (.xlsx or .csv).
        #[arg(long)]
        out: PathBuf,
        /// Also download the form's attachments, into a folder per project here.
        #[arg(long)]
        attachments: Option<PathBuf>,
    },
    /// Validate and run a sheet for many projects.
    #[command(subcommand)]
    Bulk(BulkCommand),
}

/// `clerk bulk …`.
#[derive(Subcommand, Debug)]
pub enum BulkCommand {
    /// Check a sheet: nothing is written. Exit 1 when a row has a problem.
    Validate {
        /// The sheet (.xlsx or .csv).
        sheet: PathBuf,
        /// Form: custom id, id or name.
        #[arg(long)]
        form: String,
        /// Check as for submitting (required fields).
        #[arg(long)]
        submit: bool,
        /// The worksheet, when the workbook has several.
        #[arg(long = "sheet")]
        sheet_name: Option<String>,
    },
    /// Validate and run a sheet; rows with problems are skipped.
    Run {
        /// The sheet (.xlsx or .csv).
        sheet: PathBuf,
        /// Form: custom id, id or name.
        #[arg(long)]
        form: String,
        /// Submit each changed form.
        #[arg(long)]
        submit: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        /// The worksheet, when the workbook has several.
        #[arg(long = "sheet")]
        sheet_name: Option<String>,
    },
    /// Resume a job (default: the latest unfinished one of this connection).
    Resume {
        /// The job's id.
        job: Option<String>,
    },
    /// Check a results file against PowerClerk (one read per row). Exit 1 on a difference.
    Audit {
        /// The results file.
        results: PathBuf,
        /// Form: custom id, id or name.
        #[arg(long)]
        form: String,
    },
    /// Show this connection's jobs, or one job.
    Status {
        /// The job's id.
        job: Option<String>,
    },
}
