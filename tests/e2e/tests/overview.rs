//! The Overview in the real window with the demo's projects: the bars' numbers (their
//! table) match the work queue's counts per status, a status opens the queue filtered to it,
//! the charts are drawn, and axe finds nothing serious in the light and the dark theme.

use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use clerkdesk_e2e::{answer_dialog, AppWindow};
use thirtyfour::prelude::*;

async fn picture(app: &AppWindow, name: &str) {
    if let Ok(d) = std::env::var("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&Path::new(&d).join(name)).await;
    }
}

/// The status table's rows: (status, projects, overdue).
async fn status_rows(app: &AppWindow) -> Vec<(String, usize, usize)> {
    let v = app
        .driver
        .execute(
            "return [...document.querySelectorAll('#table-status tr')].map((tr) => [...tr.children].map((c) => c.textContent));",
            Vec::new(),
        )
        .await
        .unwrap();
    let rows: Vec<Vec<String>> = serde_json::from_value(v.json().clone()).unwrap();
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].parse().unwrap(), r[2].parse().unwrap()))
        .collect()
}

/// A chart's canvas has been drawn on (some pixel is not transparent).
async fn drawn(app: &AppWindow, id: &str) -> bool {
    let v = app
        .driver
        .execute(
            &format!(
                "const c = document.getElementById('{id}'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) if (d[i]) return true; return false;"
            ),
            Vec::new(),
        )
        .await
        .unwrap();
    v.json().as_bool().unwrap_or(false)
}

async fn overview_matches_the_queue(theme: &[(&str, &str)], shot: &str) {
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_with(&["--demo"], home, theme).await;
    app.wait_for_text("Open a project").await;
    app.button("Overview").await.click().await.unwrap();
    app.wait_status("overdue").await;
    let rows = status_rows(&app).await;
    assert!(rows.len() >= 5, "{rows:?}");
    let total: usize = rows.iter().map(|r| r.1).sum();
    assert_eq!(total, 312);
    let review = rows
        .iter()
        .find(|r| r.0 == "Technical Review")
        .unwrap()
        .clone();
    assert_eq!(review.1, 91, "the queue's count for Technical Review");
    assert!(review.2 > 0, "the demo has overdue reviews: {review:?}");
    for id in ["chart-status", "chart-age", "chart-weeks"] {
        assert!(drawn(&app, id).await, "{id} is drawn");
    }
    app.wait_for_text("Clerkdesk has watched this program since")
        .await;
    app.assert_accessible(&format!("overview {shot}")).await;
    picture(&app, shot).await;

    // The report and the picture of the charts, through the save dialogs.
    let report = app.home.path().join("december.xlsx");
    app.button("Export report…").await.click().await.unwrap();
    answer_dialog("Export report", &report).await;
    app.wait_status("Saved the report").await;
    let mut wb = open_workbook_auto(&report).unwrap();
    assert_eq!(wb.sheet_names()[0], "Summary");
    let sheet = wb.worksheet_range("Technical Review").unwrap();
    assert_eq!(sheet.height(), 1 + 91);
    let png = app.home.path().join("charts.png");
    app.button("Save charts as a picture…")
        .await
        .click()
        .await
        .unwrap();
    answer_dialog("Save charts as a picture", &png).await;
    app.wait_status("Saved the charts").await;
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));

    // A status in the table opens the queue filtered to it, with the same count.
    app.button("Technical Review").await.click().await.unwrap();
    app.wait_for_text("91 shown").await;
    app.quit().await;
}

#[tokio::test]
async fn the_overview_in_the_light_theme() {
    overview_matches_the_queue(&[], "overview.png").await;
}

#[tokio::test]
async fn the_overview_in_the_dark_theme() {
    overview_matches_the_queue(&[("GTK_THEME", "Adwaita:dark")], "overview-dark.png").await;
}

#[tokio::test]
async fn a_bar_opens_the_overdue_projects_of_its_status() {
    let app = AppWindow::start(&["--demo"]).await;
    app.wait_for_text("Open a project").await;
    app.button("Overview").await.click().await.unwrap();
    app.wait_status("overdue").await;
    let overdue = status_rows(&app)
        .await
        .into_iter()
        .find(|r| r.0 == "Technical Review")
        .unwrap()
        .2;
    // Click the Technical Review bar's overdue part, where Chart.js drew it (asked of the
    // page's own Chart.js module, the same instance the screen uses).
    let point = app
        .driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               import('./vendor/chart.js').then(({ Chart }) => {
                 const canvas = document.getElementById('chart-status');
                 const chart = Chart.getChart(canvas);
                 const i = chart.data.labels.indexOf('Technical Review');
                 const bar = chart.getDatasetMeta(0).data[i];
                 const r = canvas.getBoundingClientRect();
                 done([r.left + (bar.base + bar.x) / 2, r.top + bar.y]);
               });"#,
            Vec::new(),
        )
        .await
        .unwrap();
    let xy: Vec<f64> = serde_json::from_value(point.json().clone()).unwrap();
    let canvas = app.driver.find(By::Id("chart-status")).await.unwrap();
    let rect = canvas.rect().await.unwrap();
    app.driver
        .action_chain()
        .move_to_element_with_offset(
            &canvas,
            (xy[0] - rect.x - rect.width / 2.0) as i64,
            (xy[1] - rect.y - rect.height / 2.0) as i64,
        )
        .click()
        .perform()
        .await
        .unwrap();
    app.wait_for_text(&format!("{overdue} shown")).await;
    app.quit().await;
}
