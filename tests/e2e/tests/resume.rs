//! A bulk run killed mid-way (SIGKILL, as a crash) and the app started again: the first
//! screen after connecting carries a banner naming the job, Resume runs it in one action on
//! the Bulk screen showing the job's own form, every project is submitted exactly once, the
//! results file is written, and Activity lists the run as one entry with its rows.

use std::path::Path;
use std::time::Duration;

use clerkdesk_e2e::connect::{fill_connect_form, not_now};
use clerkdesk_e2e::AppWindow;
use powerclerk_sim::{Knobs, SimOptions, Simulator};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

const ROWS: u32 = 12;

/// Rows done, read off the progress line ("5 of 12 rows · …"), once at least `n` are.
async fn wait_rows_done(app: &AppWindow, n: u32) -> u32 {
    for _ in 0..400 {
        let text = app
            .driver
            .find(By::Id("bulk-progress-text"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap_or_default();
        let done: u32 = text
            .split(' ')
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        if done >= n {
            return done;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.fail(&format!("the run did not reach {n} rows")).await
}

async fn picture(app: &AppWindow, name: &str) {
    if let Ok(d) = std::env::var("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&Path::new(&d).join(name)).await;
    }
}

#[tokio::test]
async fn a_killed_run_is_a_banner_and_resumes_in_one_action() {
    // Slow answers, so the run is still under way when the window is killed.
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            latency_ms: 250,
            ..Knobs::default()
        },
        bulk_projects: ROWS,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let app = AppWindow::start(&[]).await;
    fill_connect_form(&app, &sim, "Resume test", powerclerk_sim::DEMO_SECRET).await;
    not_now(&app).await;
    app.wait_for_text("Open a project").await;

    let work = app.home.path().join("Documents");
    std::fs::create_dir_all(&work).unwrap();
    let sheet = work.join("review batch.csv");
    let body = (1..=ROWS).fold(
        "Project Number,HCA results,HCA engineer\n".to_string(),
        |s, n| format!("{s}BULK-{n:05},Pass,Engineer {n}\n"),
    );
    std::fs::write(&sheet, body).unwrap();

    app.button("Bulk update").await.click().await.unwrap();
    app.wait_for_text("or drop an .xlsx or .csv file").await;
    SelectElement::new(&app.labelled("Form").await)
        .await
        .unwrap()
        .select_by_exact_text("Technical Review")
        .await
        .unwrap();
    let target = app.driver.find(By::Id("bulk-step-sheet")).await.unwrap();
    app.drag_file_onto(&sheet, &target).await;
    app.wait_for_text("review batch.csv").await;
    app.labelled("Submit each form after saving")
        .await
        .click()
        .await
        .unwrap();
    app.button("Check the sheet").await.click().await.unwrap();
    app.wait_for_text(&format!("{ROWS} will change")).await;
    app.driver
        .find(By::Id("bulk-run"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.answer_question(true).await;
    let before = wait_rows_done(&app, 2).await;
    assert!(before < ROWS, "killed mid-run");
    let home = app.kill().await;

    // Started again: the banner on the first screen, with the job's form and progress.
    let app = AppWindow::start_in(&[], home).await;
    let banner = app
        .wait_for_text("A bulk run of Technical Review (review batch.csv) stopped after")
        .await;
    let text = banner.text().await.unwrap();
    assert!(text.contains(&format!(" of {ROWS} rows")), "{text}");
    assert!(app
        .button("Show results so far")
        .await
        .is_displayed()
        .await
        .unwrap());
    assert!(app.button("Discard…").await.is_displayed().await.unwrap());
    app.assert_accessible("unfinished-job banner").await;
    picture(&app, "resume-banner.png").await;
    // It is on Projects too.
    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    assert!(app.button("Resume").await.is_displayed().await.unwrap());

    // Resume: one action. The Bulk screen shows the job it runs: its form, its sheet.
    app.button("Resume").await.click().await.unwrap();
    app.wait_for_text("review batch.csv · 12 rows · Technical Review · resumed")
        .await;
    let form = SelectElement::new(&app.labelled("Form").await)
        .await
        .unwrap();
    let chosen = form
        .first_selected_option()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        chosen, "Technical Review",
        "the job's form, not the last one chosen"
    );
    app.wait_for_text(&format!("Done: {ROWS} submitted.")).await;
    assert!(work.join("review batch results.csv").is_file());
    let submits = sim.with_state(|st| st.submits.values().copied().collect::<Vec<u32>>());
    assert_eq!(submits.len(), ROWS as usize, "{submits:?}");
    assert!(
        submits.iter().all(|&n| n == 1),
        "never a submit twice: {submits:?}"
    );

    // The banner is gone once the job is done.
    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    let banner = app.driver.find(By::Id("job-banner")).await.unwrap();
    assert!(!banner.is_displayed().await.unwrap());

    // Activity: the run is one entry; its rows on demand.
    app.button("Activity").await.click().await.unwrap();
    app.wait_for_text(&format!("{ROWS} submitted")).await;
    app.wait_for_text("Bulk update and submit").await;
    app.button("Rows").await.click().await.unwrap();
    app.wait_for_text("BULK-00012").await;
    assert!(app
        .button("Open results")
        .await
        .is_displayed()
        .await
        .unwrap());
    app.assert_accessible("activity with a bulk run").await;
    picture(&app, "activity-bulk.png").await;
    app.quit().await;
}
