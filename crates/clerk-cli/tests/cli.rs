//! The `clerk` binary against the simulator: every command, exit statuses, plain messages,
//! no secret in any output.

mod common;

use common::*;

#[tokio::test]
async fn check_programs_forms_schema_projects() {
    let sim = sim().await;
    let o = clerk(&sim, &["check"]).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Connected to PowerClerk"));
    assert!(stdout(&o).contains("Sunny Valley"));

    let o = clerk(&sim, &["programs"]).await;
    assert!(stdout(&o).contains("M5JGHPZK7GFC"));
    let o = clerk(&sim, &["forms"]).await;
    assert!(stdout(&o).contains("TECHNICAL_REVIEW") && stdout(&o).contains("Inspection Pending"));
    let o = clerk(&sim, &["schema", "Technical Review"]).await;
    assert!(
        stdout(&o).contains("Pass | Fail | Needs Study"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains(".pdf"));
    let o = clerk(&sim, &["projects", "--limit", "5"]).await;
    assert_eq!(stdout(&o).lines().count(), 7, "{}", stdout(&o));
    let o = clerk(&sim, &["projects"]).await;
    assert!(stderr(&o).contains("312 projects"), "{}", stderr(&o));
    let o = clerk(&sim, &["projects", "--changed-since", "2099-01-01"]).await;
    assert!(stderr(&o).contains("0 projects"));
}

#[tokio::test]
async fn get_set_submit() {
    let sim = sim().await;
    let o = clerk(&sim, &["get", "INTG-00256", "TECHNICAL_REVIEW"]).await;
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("INTG-00256 · Technical Review · not complete yet"),
        "{out}"
    );
    assert!(out.contains("HCA results") && out.contains("single_line_diagram.pdf"));
    assert!(!out.contains("HCA_RESULTS"), "names, not ids, unless asked");
    assert!(
        stdout(&clerk(&sim, &["get", "INTG-00256", "TECHNICAL_REVIEW", "--ids"]).await)
            .contains("HCA_RESULTS")
    );

    let o = clerk(&sim, &["get", "INTG-00001", "APPLICATION", "--json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ProjectNumber"], "INTG-00001");
    assert!(v["DataFields"].as_array().unwrap().len() >= 7);

    let o = clerk(
        &sim,
        &[
            "set",
            "INTG-00256",
            "Technical Review",
            "HCA_RESULTS=Pass",
            "HCA engineer=Python powered!",
            "MITIGATIONS[]=Export limit",
            "MITIGATIONS[]=Reconductoring",
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Saved 3 fields as a draft") && stdout(&o).contains("can be submitted"),
        "{}",
        stdout(&o)
    );
    let o = clerk(&sim, &["get", "INTG-00256", "TECHNICAL_REVIEW", "--draft"]).await;
    assert!(
        stdout(&o).contains("Export limit; Reconductoring"),
        "{}",
        stdout(&o)
    );

    let o = clerk(&sim, &["submit", "INTG-00256", "TECHNICAL_REVIEW"]).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("now in Inspection Pending"),
        "{}",
        stdout(&o)
    );
    // Submitting again is refused by PowerClerk: exit 1 with its reason.
    let o = clerk(&sim, &["submit", "INTG-00256", "TECHNICAL_REVIEW"]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Inspection Pending") && stderr(&o).contains("HTTP status 400"),
        "{}",
        stderr(&o)
    );

    let o = clerk(
        &sim,
        &[
            "set",
            "INTG-00003",
            "TECHNICAL_REVIEW",
            "HCA_RESULTS=Pass",
            "HCA_ENGINEER=Bot",
            "--submit",
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Submitted"));
}

#[tokio::test]
async fn download_and_upload() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = clerk(
        &sim,
        &[
            "download",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "SINGLE_LINE_DIAGRAM",
            "--out",
            d,
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let last = stdout(&o).lines().last().unwrap().to_string();
    assert_eq!(
        std::path::Path::new(&last),
        dir.path().join("single_line_diagram.pdf")
    );
    // Default folder: the current one.
    let o = clerk_in(
        &sim,
        &[
            "download",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "SINGLE_LINE_DIAGRAM",
        ],
        Some(dir.path()),
    )
    .await;
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("single_line_diagram (2).pdf"),
        "{}",
        stdout(&o)
    );

    let o = clerk(
        &sim,
        &[
            "upload",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "SINGLE_LINE_DIAGRAM",
            &last,
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("a draft until the form is submitted"));
    let o = clerk(
        &sim,
        &[
            "upload",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "SINGLE_LINE_DIAGRAM",
            "/nonexistent/x.pdf",
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(2));
    let o = clerk(
        &sim,
        &[
            "download",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "STUDY_REPORT",
            "--out",
            d,
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("could not find"), "{}", stderr(&o));
}

#[tokio::test]
async fn no_upload_into_a_form_that_can_no_longer_be_submitted() {
    let sim = sim().await;
    let listing = stdout(&clerk(&sim, &["projects"]).await);
    let project = listing
        .lines()
        .find(|l| l.contains("Inspection Pending"))
        .and_then(|l| l.split_whitespace().next())
        .expect("a project in Inspection Pending")
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sld.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let args = [
        "upload",
        &project,
        "TECHNICAL_REVIEW",
        "SINGLE_LINE_DIAGRAM",
    ];
    let o = clerk(&sim, &[&args[..], &[pdf.to_str().unwrap()]].concat()).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "Technical Review can no longer be submitted (the project is in Inspection Pending)"
        ),
        "{}",
        stderr(&o)
    );
    let log: serde_json::Value = reqwest::get(sim.sim_url("log"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !log.to_string().contains("/Upload"),
        "nothing was sent: {log}"
    );
}

#[tokio::test]
async fn exit_statuses_and_plain_messages() {
    let sim = sim().await;
    // Bad usage: 2, nothing sent.
    for args in [
        vec!["frobnicate"],
        vec!["get", "INTG-00256"],
        vec!["set", "INTG-00256", "TECHNICAL_REVIEW", "novalue"],
        vec!["--api-url", "http://example.com/v2", "check"],
        vec!["get", "..", "TECHNICAL_REVIEW"],
        vec!["projects", "--changed-since", "yesterday"],
        vec!["--max-tpm", "0", "check"],
    ] {
        let o = clerk(&sim, &args).await;
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty());
    }
    let sent = sim.with_state(|s| s.log.len());
    assert_eq!(sent, 0, "nothing was sent for bad input");
    // Refused by PowerClerk: 1.
    let o = clerk(
        &sim,
        &["set", "INTG-00256", "TECHNICAL_REVIEW", "HCA_RESULTS=Maybe"],
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("PowerClerk did not accept this: HCA results"),
        "{}",
        stderr(&o)
    );
    let o = clerk(
        &sim,
        &["set", "INTG-00256", "TECHNICAL_REVIEW", "NO_SUCH_FIELD=1"],
    )
    .await;
    assert_eq!(
        o.status.code(),
        Some(2),
        "unknown field is caught before sending: {}",
        stderr(&o)
    );
    // Wrong secret: 1, with the plain sentence, and the secret never echoed.
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_clerk"));
    let o = cmd
        .args(["check"])
        .env("POWERCLERK_API_URL", sim.api_url())
        .env("POWERCLERK_TOKEN_URL", sim.token_url())
        .env("POWERCLERK_API_KEY", "k-123")
        .env("POWERCLERK_CLIENT_ID", "demo-client")
        .env("POWERCLERK_SECRET", "wrong-secret-456")
        .output()
        .await
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("rejected the client id or secret"), "{err}");
    assert!(!err.contains("wrong-secret-456") && !err.contains("k-123"));
    // Nothing listening: a network error, exit 1.
    let o = tokio::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args([
            "--api-url",
            "http://127.0.0.1:9/x",
            "--token-url",
            "http://127.0.0.1:9/t",
            "check",
        ])
        .env("POWERCLERK_API_KEY", "k")
        .env("POWERCLERK_CLIENT_ID", "i")
        .env("POWERCLERK_SECRET", "s")
        .output()
        .await
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Could not reach PowerClerk"),
        "{}",
        stderr(&o)
    );
    // Only some of the variables: bad input, 2.
    let o = tokio::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check"])
        .env_clear()
        .env("POWERCLERK_API_KEY", "k")
        .output()
        .await
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn version_is_the_workspace_version_the_app_shows() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("clerk {}", env!("CARGO_PKG_VERSION"))
    );
}
