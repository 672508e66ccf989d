//! A real (non-demo) connection made through the "Connect to PowerClerk" form, against a
//! simulator this test runs: a wrong secret is explained in plain words; the secret goes to
//! the keychain (Settings says "saved"); the rate limit's wait is shown; a submit whose
//! answer was lost is confirmed, not resent; and afterwards no secret or token is in any
//! file the app wrote, the support log included.

use std::path::Path;

use clerkdesk_e2e::connect::{fill, fill_connect_form, not_now};
use clerkdesk_e2e::AppWindow;
use powerclerk_sim::{FaultKind, Knobs, ScheduledFault, SimOptions, Simulator};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Calls the simulator with the demo key until it answers 429 (bounded).
async fn fill_window(sim: &Simulator) {
    let http = reqwest::Client::new();
    let token: serde_json::Value = http
        .post(sim.token_url())
        .basic_auth(
            powerclerk_sim::DEMO_CLIENT_ID,
            Some(powerclerk_sim::DEMO_SECRET),
        )
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    for _ in 0..50 {
        let status = http
            .get(format!("{}/Programs", sim.api_url()))
            .header("Authorization", &bearer)
            .header("X-ApiKey", powerclerk_sim::DEMO_API_KEY)
            .send()
            .await
            .unwrap()
            .status();
        if status == 429 {
            return;
        }
    }
    panic!("the simulator never answered 429");
}

#[tokio::test]
async fn connect_save_secret_work_and_leave_no_secret_behind() {
    // A short window, so that waiting for it takes seconds, not a minute.
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            max_calls: 12,
            window_ms: 5000,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let app = AppWindow::start(&[]).await;
    fill_connect_form(&app, &sim, "Local test", "wrong-secret-123").await;
    app.wait_for_text("PowerClerk rejected the client id or secret — check them in Settings.")
        .await;

    fill(&app, "Client secret", powerclerk_sim::DEMO_SECRET).await;
    app.button("Test and save").await.click().await.unwrap();
    app.wait_for_text("Connected to PowerClerk").await;
    not_now(&app).await;
    let band = app.driver.find(By::Id("env-label")).await.unwrap();
    assert_eq!(band.text().await.unwrap(), "CUSTOM");
    // The secret fields were emptied once saved: the page keeps no secret.
    for id in ["cx-api-key", "cx-secret"] {
        let v = app
            .driver
            .find(By::Id(id))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(v.as_deref(), Some(""), "{id}");
    }
    app.open_form("INTG-00256", "Technical Review").await;
    let results = app.labelled("HCA results").await;
    SelectElement::new(&results)
        .await
        .unwrap()
        .select_by_exact_text("Pass")
        .await
        .unwrap();
    app.labelled("HCA engineer")
        .await
        .send_keys("Local engineer")
        .await
        .unwrap();
    // Another program uses the same API key and fills the server's window: the save must
    // wait, and the status line says so.
    fill_window(&sim).await;
    app.button("Save draft").await.click().await.unwrap();
    app.answer_question(true).await;
    app.wait_status("Waiting").await;
    app.wait_status("for PowerClerk's rate limit").await;
    app.wait_status("Saved draft of Technical Review").await;

    // The submit's answer is lost after PowerClerk acted: the app asks again, never resends.
    sim.schedule(ScheduledFault {
        kind: FaultKind::DropAfter,
        path_contains: Some("/Draft/Submit".into()),
        method: Some("POST".into()),
        count: 1,
        status: None,
        value: None,
    });
    app.button("Submit…").await.click().await.unwrap();
    app.answer_question(true).await;
    app.wait_status("PowerClerk shows the submit went through")
        .await;
    let submits = sim.with_state(|s| {
        s.log
            .iter()
            .filter(|e| e.path.ends_with("/Draft/Submit"))
            .count()
    });
    assert_eq!(submits, 1, "sent exactly once");

    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("Credentials: saved in the system keychain")
        .await;
    app.button("Replace credentials…").await;
    app.button("Remove credentials").await;
    if let Some(d) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&Path::new(&d).join("settings.png")).await;
    }
    let data_dir = app.data_dir();
    let home_dir = app.quit().await;
    let home = home_dir.path().to_path_buf();

    // Nothing the app wrote holds a secret or a token.
    let mut secrets: Vec<String> = vec![
        powerclerk_sim::DEMO_API_KEY.into(),
        powerclerk_sim::DEMO_SECRET.into(),
        "wrong-secret-123".into(),
    ];
    secrets.extend(sim.with_state(|s| s.tokens.keys().cloned().collect::<Vec<_>>()));
    assert!(secrets.len() > 3, "tokens were issued");
    let mut files = Vec::new();
    files_under(&home, &mut files);
    assert!(
        files.iter().any(|f| f.starts_with(&data_dir)),
        "the app wrote its settings: {files:?}"
    );
    assert!(files.iter().any(|f| f.ends_with("settings.json")));
    // The support log was written (it is among the files checked below).
    let log = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "log"))
        .unwrap_or_else(|| panic!("no support log among {files:?}"));
    let text = std::fs::read_to_string(log).unwrap();
    assert!(text.contains("Connected (CUSTOM)"), "{text}");
    assert!(text.contains("Submit INTG-"), "{text}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        for s in &secrets {
            let found = bytes.windows(s.len()).any(|w| w == s.as_bytes());
            assert!(!found, "{} contains a secret or token", f.display());
        }
    }
}

#[tokio::test]
async fn without_a_schema_every_field_is_a_text_input() {
    // A server without GetFormSchema (contract D7): the form is built from the project's
    // data, every field a text input.
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            schema_endpoint: false,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let app = AppWindow::start(&[]).await;
    fill_connect_form(&app, &sim, "Old server", powerclerk_sim::DEMO_SECRET).await;
    not_now(&app).await;
    app.wait_for_text("Open a project").await;
    app.labelled("Project")
        .await
        .send_keys("INTG-00256" + Key::Enter)
        .await
        .unwrap();
    // It opens on the form its status waits for; without a schema, the form is named by
    // its id and every field is text.
    app.wait_status("TECHNICAL_REVIEW of INTG-00256").await;
    app.wait_for_text("every field is shown as text").await;
    let results = app.labelled("HCA results").await;
    assert_eq!(results.tag_name().await.unwrap(), "input");
    results.send_keys("Pass").await.unwrap();
    app.wait_for_text("1 unsaved change").await;
    app.quit().await;
}
