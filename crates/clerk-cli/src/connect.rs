//! Connecting from the command line: the profile from the options, credentials from the
//! environment or the keychain, a session on the core, the program rule, and the account
//! commands (`login`, `logout`, `check`).

use std::io::{BufRead, IsTerminal, Write};

use clerkdesk_core::profile::{Environment, Profile};
use clerkdesk_core::{credentials, secrets, CoreError, Session};
use powerclerk_api::{Client, Credentials};

use crate::args::Cli;

fn profile(cli: &Cli) -> Profile {
    Profile {
        name: cli.profile.clone(),
        environment: Environment::Custom,
        api_url: cli.api_url.clone(),
        token_url: cli.token_url.clone(),
        program: cli.program.clone(),
        max_tpm: cli.max_tpm,
        switches: clerkdesk_core::profile::ConnectionSwitches {
            cleared_as_null: cli.cleared_field == crate::args::ClearedField::Null,
            values_as_text: cli.value_writing == crate::args::ValueWriting::Text,
        },
    }
}

/// A session on the core for the options' connection, working in the program the options
/// name, or the only one the account sees.
pub async fn session(cli: &Cli) -> Result<Session, CoreError> {
    let p = profile(cli);
    // Validate the URLs before looking for credentials: a bad URL is the first thing to fix.
    p.client_config(Credentials::new("-", "-", "-"))?;
    let creds = credentials::resolve(&cli.profile).await?;
    let s = Session::with_credentials(p, creds)?;
    watch_rate_limit(&s.client);
    // The calls of this key's earlier runs still in the window count (a run started again
    // at once does not collide with them); without an app data folder, nothing is kept.
    if let Ok(dir) = clerkdesk_core::bulk::job::data_dir() {
        clerkdesk_core::rate_memory::keep(&s.client, dir);
    }
    Ok(s)
}

/// Like [`session`], with the program resolved by the core's rule: `--program`, else the
/// only one the account sees; several without `--program` is a usage error (exit 2: a
/// script must say which).
pub async fn session_in_program(cli: &Cli) -> Result<Session, CoreError> {
    let s = session(cli).await?;
    s.program().await.map_err(|e| match e {
        CoreError::ChooseProgram { .. } => CoreError::Input(format!(
            "{e} Pass it with --program (or POWERCLERK_PROGRAM)."
        )),
        other => other,
    })?;
    Ok(s)
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

fn prompt(label: &str, secret: bool) -> Result<String, CoreError> {
    let stdin = std::io::stdin();
    let read_line = || {
        let mut s = String::new();
        stdin
            .lock()
            .read_line(&mut s)
            .map_err(|e| CoreError::Input(e.to_string()))
            .map(|_| s)
    };
    let value = if stdin.is_terminal() && secret {
        rpassword::prompt_password(format!("{label}: "))
            .map_err(|e| CoreError::Input(format!("Could not read {label}: {e}")))?
    } else if stdin.is_terminal() {
        eprint!("{label}: ");
        let _ = std::io::stderr().flush();
        read_line()?
    } else {
        // Piped input (scripts, tests): one value per line, nothing echoed.
        read_line()?
    };
    let value = value.trim().to_string();
    if value.is_empty() {
        return Err(CoreError::Input(format!(
            "{label} is empty; nothing was saved."
        )));
    }
    Ok(value)
}

/// `clerk login`: asks for the credentials, checks them, saves them in the keychain.
pub async fn login(cli: &Cli) -> Result<(), CoreError> {
    profile(cli).client_config(Credentials::new("-", "-", "-"))?;
    let api_key = prompt("API key", true)?;
    let client_id = prompt("Client id", false)?;
    let secret = prompt("Client secret", true)?;
    let creds = Credentials::new(api_key, client_id, secret);
    // Check before saving, so that a typo is not kept.
    profile(cli).client(creds.clone())?.authenticate().await?;
    secrets::save(&cli.profile, &creds).await?;
    println!(
        "Saved the credentials of \"{}\" in the system keychain.",
        cli.profile
    );
    Ok(())
}

/// `clerk logout`: removes the saved credentials.
pub async fn logout(cli: &Cli) -> Result<(), CoreError> {
    if secrets::remove(&cli.profile).await? {
        println!("Removed the saved credentials of \"{}\".", cli.profile);
    } else {
        println!("No credentials were saved for \"{}\".", cli.profile);
    }
    Ok(())
}

/// `clerk check`: a token and one API call. Programs that come without a name are said to
/// be so, never printed as blanks.
pub async fn check(cli: &Cli) -> Result<(), CoreError> {
    let s = session(cli).await?;
    s.client.authenticate().await?;
    let programs = s.client.programs().await?;
    println!("Connected to PowerClerk at {}.", cli.api_url);
    if programs.is_empty() {
        return Err(CoreError::Input(
            "PowerClerk lists no program for this API key. Ask a program administrator for access, or pass --program.".into(),
        ));
    }
    for p in programs {
        let name = if p.name.trim().is_empty() {
            "(PowerClerk gave no name)"
        } else {
            p.name.as_str()
        };
        println!("Program: {name} ({})", p.program_id);
    }
    Ok(())
}
