//! axe-core finds nothing critical or serious on any screen, in the light and the dark
//! theme; each new screen takes the keyboard focus to its heading.

use clerkdesk_e2e::AppWindow;
use thirtyfour::prelude::*;

async fn every_screen(app: &AppWindow) {
    app.wait_for_text("Welcome to Clerkdesk").await;
    app.wait_status("Welcome.").await;
    app.assert_accessible("the welcome screen").await;

    app.button("Connect to PowerClerk")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("Test and save").await;
    assert_eq!(app.focused_id().await, "connect-title");
    app.assert_accessible("the connect screen").await;
    app.button("Back").await.click().await.unwrap();

    app.button("Try with demo data")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("Demo data — nothing is sent to PowerClerk")
        .await;
    app.wait_for_text("Open a project").await;
    app.assert_accessible("the home screen").await;

    app.labelled("Project")
        .await
        .send_keys("INTG-00256" + Key::Enter)
        .await
        .unwrap();
    app.wait_status("Technical Review of INTG-00256").await;
    assert_eq!(app.focused_id().await, "project-title");
    app.assert_accessible("a form").await;

    // A form with a new draft file (the "Uploaded — a draft" badge) and an edit.
    let file = app.home.path().join("diagram.pdf");
    std::fs::write(&file, powerclerk_sim::files::pdf("Single line diagram")).unwrap();
    app.button("Replace… Single line diagram")
        .await
        .click()
        .await
        .unwrap();
    clerkdesk_e2e::answer_dialog("Choose a file to upload", &file).await;
    app.wait_for_text("Uploaded — a draft until the form is submitted")
        .await;
    app.labelled("HCA engineer")
        .await
        .send_keys("A. Engineer")
        .await
        .unwrap();
    app.wait_for_text("1 unsaved change").await;
    app.assert_accessible("a form with an edit").await;
    app.button("Save draft").await.click().await.unwrap();
    app.wait_for_text("These changes will be saved as a draft")
        .await;
    app.assert_accessible("the Save draft question").await;
    app.answer_question(false).await;

    app.button("Activity").await.click().await.unwrap();
    app.answer_question(true).await;
    app.wait_for_text("Export as CSV").await;
    assert_eq!(app.focused_id().await, "activity-title");
    app.assert_accessible("the activity screen").await;

    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("Add a connection").await;
    assert_eq!(app.focused_id().await, "settings-title");
    // About: the version is Cargo's (one version for the app, the CLI and the installers).
    let version = app.driver.find(By::Id("about-version")).await.unwrap();
    for _ in 0..100 {
        if !version.text().await.unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(version.text().await.unwrap(), env!("CARGO_PKG_VERSION"));
    app.button("Copy diagnostics").await;
    // The third-party licences, generated from the dependency tree.
    app.wait_for_text("Third-party licences (")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("rusqlite ").await;
    app.assert_accessible("the settings screen").await;

    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    assert_eq!(app.focused_id().await, "projects-title");
    app.assert_accessible("the projects screen").await;

    app.button("Bulk update").await.click().await.unwrap();
    app.wait_for_text("or drop an .xlsx or .csv file").await;
    assert_eq!(app.focused_id().await, "bulk-title");
    app.assert_accessible("the bulk screen").await;
}

#[tokio::test]
async fn every_screen_passes_axe_in_the_light_theme() {
    let app = AppWindow::start(&[]).await;
    every_screen(&app).await;
    app.quit().await;
}

#[tokio::test]
async fn every_screen_passes_axe_in_the_dark_theme() {
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_with(&[], home, &[("GTK_THEME", "Adwaita:dark")]).await;
    every_screen(&app).await;
    app.quit().await;
}
