//! Attachments in the real window with the real native dialogs and a real X11 drop: a save
//! dialog answered with a path, an open dialog answered with a file, and a file dragged from
//! another window onto an attachment's row. Driven with xdotool under Xvfb.

use std::path::Path;

use clerkdesk_e2e::AppWindow;
use thirtyfour::prelude::*;

#[tokio::test]
async fn download_through_the_save_dialog_gives_the_same_bytes() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    let target = app.home.path().join("Downloads/sld copy.pdf");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    app.button("Download Single line diagram")
        .await
        .click()
        .await
        .unwrap();
    clerkdesk_e2e::answer_dialog("Save attachment", &target).await;
    app.wait_status("Saved sld copy.pdf").await;
    let expected = powerclerk_sim::files::pdf("Single line diagram - Sunny Valley Electric");
    assert_eq!(std::fs::read(&target).unwrap(), expected);
    assert!(app
        .button("Show in folder")
        .await
        .is_displayed()
        .await
        .unwrap());
    // No temporary file is left beside it.
    assert_eq!(
        std::fs::read_dir(target.parent().unwrap()).unwrap().count(),
        1
    );
    app.quit().await;
}

#[tokio::test]
async fn with_the_setting_a_download_goes_straight_into_downloads_and_replaces_nothing() {
    let app = AppWindow::start(&["--demo"]).await;
    // The system's Downloads folder as xdg-user-dirs names it (not ~/Downloads here).
    let home = app.home.path();
    let downloads = home.join("Saved files");
    std::fs::create_dir_all(&downloads).unwrap();
    std::fs::create_dir_all(home.join(".config")).unwrap();
    std::fs::write(
        home.join(".config/user-dirs.dirs"),
        "XDG_DOWNLOAD_DIR=\"$HOME/Saved files\"\n",
    )
    .unwrap();
    app.wait_for_text("Open a project").await;
    app.button("Settings").await.click().await.unwrap();
    let switch = app
        .labelled("Save attachments straight into the Downloads folder")
        .await;
    switch.click().await.unwrap();
    assert!(switch.is_selected().await.unwrap());
    app.open_form("INTG-00256", "Technical Review").await;
    let expected = powerclerk_sim::files::pdf("Single line diagram - Sunny Valley Electric");
    for n in 1..=2 {
        app.button("Download Single line diagram")
            .await
            .click()
            .await
            .unwrap();
        // No dialog: saved at once, and said where.
        let saved = if n == 1 { "" } else { " (2)" };
        app.wait_status(&format!("{saved}.pdf")).await;
        app.wait_status("in Saved files.").await;
        let mut files: Vec<_> = std::fs::read_dir(&downloads)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert_eq!(files.len(), n, "{files:?}");
        for f in &files {
            assert_eq!(std::fs::read(f).unwrap(), expected, "{}", f.display());
        }
    }
    app.quit().await;
}

#[tokio::test]
async fn upload_through_the_open_dialog_is_listed_as_a_draft() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    let file = app.home.path().join("Documents/diagram v2.pdf");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        powerclerk_sim::files::pdf("Revised single line diagram"),
    )
    .unwrap();
    app.button("Replace… Single line diagram")
        .await
        .click()
        .await
        .unwrap();
    clerkdesk_e2e::answer_dialog("Choose a file to upload", &file).await;
    app.wait_status("Uploaded diagram v2.pdf to Single line diagram")
        .await;
    app.wait_for_text("Uploaded — a draft until the form is submitted")
        .await;
    let row = app
        .driver
        .find(By::Css("[data-attachment='SINGLE_LINE_DIAGRAM']"))
        .await
        .unwrap();
    assert!(row.text().await.unwrap().contains("diagram v2.pdf"));
    if let Some(d) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        let title = app.driver.find(By::Id("attachments-title")).await.unwrap();
        title.scroll_into_view().await.unwrap();
        app.screenshot(&Path::new(&d).join("attachments.png")).await;
    }
    app.quit().await;
}

#[tokio::test]
async fn a_file_dragged_from_outside_onto_a_row_is_uploaded() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    // An edit on screen, not yet saved: the upload must leave it exactly as it is.
    app.labelled("HCA engineer")
        .await
        .send_keys("Kept while uploading")
        .await
        .unwrap();
    app.wait_for_text("1 unsaved change").await;
    let dir = app.home.path().join("Desktop");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("dropped study.pdf");
    std::fs::write(&pdf, powerclerk_sim::files::pdf("Study report")).unwrap();
    let row = app
        .driver
        .find(By::Css("[data-attachment='STUDY_REPORT']"))
        .await
        .unwrap();
    app.drag_file_onto(&pdf, &row).await;
    app.wait_status("Uploaded dropped study.pdf to Study report")
        .await;
    let row = app
        .driver
        .find(By::Css("[data-attachment='STUDY_REPORT']"))
        .await
        .unwrap();
    assert!(row.text().await.unwrap().contains("dropped study.pdf"));
    // No question about the edits, and they are untouched.
    let page = app.driver.source().await.unwrap();
    assert!(
        !page.contains("Restore unsaved changes?"),
        "asked about edits still on screen"
    );
    let engineer = app.labelled("HCA engineer").await;
    assert_eq!(
        engineer.value().await.unwrap().as_deref(),
        Some("Kept while uploading")
    );
    app.wait_for_text("1 unsaved change").await;

    // A file of the wrong type is refused before anything is sent, with the reason.
    let exe = dir.join("setup.exe");
    std::fs::write(&exe, b"MZ").unwrap();
    let row = app
        .driver
        .find(By::Css("[data-attachment='SINGLE_LINE_DIAGRAM']"))
        .await
        .unwrap();
    app.drag_file_onto(&exe, &row).await;
    app.wait_for_text("Single line diagram accepts only .pdf files")
        .await;
    app.wait_status("The file was not uploaded.").await;
    app.quit().await;
}

#[tokio::test]
async fn a_form_that_can_no_longer_be_submitted_takes_no_file() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    let results = app.labelled("HCA results").await;
    thirtyfour::components::SelectElement::new(&results)
        .await
        .unwrap()
        .select_by_exact_text("Pass")
        .await
        .unwrap();
    app.labelled("HCA engineer")
        .await
        .send_keys("Moved on")
        .await
        .unwrap();
    app.button("Submit…").await.click().await.unwrap();
    app.button("Save and submit").await.click().await.unwrap();
    app.wait_status("INTG-00256 is now in Inspection Pending")
        .await;
    // The project moved on: Technical Review's files can no longer be replaced — each row
    // says why before anyone tries, and its button is disabled with that reason.
    let why = "Technical Review can no longer be submitted (the project is in Inspection Pending), so an uploaded file would stay an unsubmitted draft.";
    let row = app
        .driver
        .find(By::Css("[data-attachment='SINGLE_LINE_DIAGRAM']"))
        .await
        .unwrap();
    assert!(row.text().await.unwrap().contains(why));
    let replace = app.button("Replace… Single line diagram").await;
    assert!(!replace.is_enabled().await.unwrap());
    let described = replace.attr("aria-describedby").await.unwrap().unwrap();
    let reason = app.driver.find(By::Id(&described)).await.unwrap();
    assert_eq!(reason.text().await.unwrap(), why);
    // A file dropped on the row is refused with the same sentence, before anything is sent.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("late.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 late").unwrap();
    app.drag_file_onto(&pdf, &row).await;
    app.wait_status("The file was not uploaded.").await;
    app.wait_for_text(&format!("{why} Nothing was sent.")).await;
    assert!(!row.text().await.unwrap().contains("late.pdf"));
    app.quit().await;
}
