//! Deadlines in the real window: the demo's work queue shows each project's days in its
//! status and due date in words; the Due filter keeps only the overdue ones; a target
//! changed in Settings → Deadlines changes what is overdue; the set exports to a file a
//! colleague imports.

use std::path::Path;

use clerkdesk_e2e::{answer_dialog, AppWindow};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

async fn picture(app: &AppWindow, name: &str) {
    if let Ok(d) = std::env::var("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&Path::new(&d).join(name)).await;
    }
}

/// The Due cells of the rows shown.
async fn due_cells(app: &AppWindow) -> Vec<String> {
    let mut out = Vec::new();
    for c in app
        .driver
        .find_all(By::Css("#projects-rows tr td:last-child"))
        .await
        .unwrap()
    {
        out.push(c.text().await.unwrap());
    }
    out
}

/// "12 shown · 0 selected" → 12.
async fn shown(app: &AppWindow) -> usize {
    let t = app
        .driver
        .find(By::Id("projects-count"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    t.split(' ').next().unwrap().parse().unwrap()
}

async fn overdue_only(app: &AppWindow) -> usize {
    SelectElement::new(&app.labelled("Due").await)
        .await
        .unwrap()
        .select_by_exact_text("Overdue")
        .await
        .unwrap();
    app.wait_for_text("shown ·").await;
    let cells = due_cells(app).await;
    assert!(!cells.is_empty());
    assert!(cells.iter().all(|c| c.contains("overdue (")), "{cells:?}");
    shown(app).await
}

#[tokio::test]
async fn due_dates_filters_targets_and_a_shared_file() {
    let app = AppWindow::start(&["--demo"]).await;
    app.wait_for_text("Open a project").await;
    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    // The demo's own targets: due dates in words on the rows of reviewed statuses.
    app.wait_for_text("business days overdue").await;
    app.wait_for_text("due in").await;
    let before = overdue_only(&app).await;
    picture(&app, "projects-overdue.png").await;
    app.assert_accessible("projects with due dates").await;

    // A longer target for Technical Review: fewer projects overdue.
    app.button("Settings").await.click().await.unwrap();
    let target = app.labelled("Technical Review").await;
    assert_eq!(target.prop("value").await.unwrap().as_deref(), Some("15"));
    target.clear().await.unwrap();
    target.send_keys("30").await.unwrap();
    app.button("Save deadlines").await.click().await.unwrap();
    app.wait_for_text("Deadlines saved").await;
    app.assert_accessible("settings with deadlines").await;
    picture(&app, "deadlines.png").await;

    let shared = app.home.path().join("team deadlines.json");
    app.button("Export…").await.click().await.unwrap();
    answer_dialog("Export deadlines", &shared).await;
    app.wait_for_text("Exported to").await;
    let d = clerkdesk_core::deadlines::import(&shared).unwrap();
    assert_eq!(d.target("Technical Review"), Some(30));

    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    let after = overdue_only(&app).await;
    assert!(
        after < before,
        "{after} overdue with 30 days, {before} with 15"
    );
    app.quit().await;
}
