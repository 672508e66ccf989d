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

/// The Due cells of the rows drawn (their text as the page holds it).
async fn due_cells(app: &AppWindow) -> Vec<String> {
    let v = app
        .driver
        .execute(
            "return [...document.querySelectorAll('#projects-rows tr:not(.spacer) td:last-child')].map((c) => c.textContent);",
            Vec::new(),
        )
        .await
        .unwrap();
    serde_json::from_value(v.json().clone()).unwrap()
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
    // The list is drawn again once the filter's change event has run: wait (bounded) for
    // rows that all say "overdue".
    let mut cells = Vec::new();
    for _ in 0..100 {
        cells = due_cells(app).await;
        if !cells.is_empty() && cells.iter().all(|c| c.contains(" overdue · ")) {
            return shown(app).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.fail(&format!("the Overdue filter left {cells:?}"))
        .await
}

#[tokio::test]
async fn due_dates_filters_targets_and_a_shared_file() {
    let app = AppWindow::start(&["--demo"]).await;
    app.wait_for_text("Open a project").await;
    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    // The demo's own targets: due dates in words on the rows of reviewed statuses.
    app.wait_for_text("Days are business days").await;
    let before = overdue_only(&app).await;
    picture(&app, "projects-overdue.png").await;
    app.assert_accessible("projects with due dates").await;

    // A shorter target for Technical Review: more projects overdue.
    app.button("Settings").await.click().await.unwrap();
    let target = app.labelled("Technical Review").await;
    assert_eq!(target.prop("value").await.unwrap().as_deref(), Some("20"));
    target.clear().await.unwrap();
    target.send_keys("5").await.unwrap();
    app.button("Save deadlines").await.click().await.unwrap();
    app.wait_for_text("Deadlines saved").await;
    app.assert_accessible("settings with deadlines").await;
    picture(&app, "deadlines.png").await;

    let shared = app.home.path().join("team deadlines.json");
    app.button("Export…").await.click().await.unwrap();
    answer_dialog("Export deadlines", &shared).await;
    app.wait_for_text("Exported to").await;
    let d = clerkdesk_core::deadlines::import(&shared).unwrap();
    assert_eq!(d.target("Technical Review"), Some(5));

    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    let after = overdue_only(&app).await;
    assert!(
        after > before,
        "{after} overdue with 5 days, {before} with 20"
    );
    app.quit().await;
}
