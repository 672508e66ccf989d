//! Help where the user is: F1 on a form opens the user guide at "A form", the "?" of a Bulk
//! update step at "Bulk update", the "?" of the connection form at "Connecting to
//! PowerClerk"; Back returns to the screen as it was; the guide has no picture or address
//! from outside; axe finds nothing serious on it, in the light and the dark theme.

use clerkdesk_e2e::AppWindow;
use thirtyfour::prelude::*;

async fn help_shows(app: &AppWindow, section: &str) {
    app.wait_status(&format!("Help: {section}.")).await;
    let visible = app
        .driver
        .find(By::Id("screen-help"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap();
    assert!(visible, "the Help screen is shown");
}

async fn guide_is_offline(app: &AppWindow) {
    let outside = app
        .driver
        .execute(
            "const b = document.getElementById('help-body');
             return b.querySelectorAll('img, script, iframe, [src]').length
               + [...b.querySelectorAll('a')].filter(a => !a.getAttribute('href').startsWith('#')).length;",
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(
        outside.json().as_i64(),
        Some(0),
        "nothing from outside the app"
    );
}

#[tokio::test]
async fn f1_and_question_marks_open_the_right_part_of_the_guide() {
    let app = AppWindow::start(&[]).await;
    // Before connecting: the connection form's "?".
    app.button("Connect to PowerClerk")
        .await
        .click()
        .await
        .unwrap();
    app.button("Help: connecting to PowerClerk")
        .await
        .click()
        .await
        .unwrap();
    help_shows(&app, "Connecting to PowerClerk").await;
    assert_eq!(app.focused_id().await, "connecting-to-powerclerk");
    guide_is_offline(&app).await;
    app.assert_accessible("help").await;
    app.button("Back").await.click().await.unwrap();
    app.wait_for_text("Test and save").await;

    app.button("Back").await.click().await.unwrap();
    app.button("Try with demo data")
        .await
        .click()
        .await
        .unwrap();
    app.open_form("INTG-00256", "Technical Review").await;
    app.labelled("HCA engineer")
        .await
        .send_keys("Kept while reading help")
        .await
        .unwrap();
    app.press(Key::F1).await;
    help_shows(&app, "A form").await;
    assert_eq!(app.focused_id().await, "a-form");
    if let Some(d) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&d).join("help.png"))
            .await;
    }
    // Back: the form as it was, the edit still there.
    app.button("Back").await.click().await.unwrap();
    app.wait_for_text("1 unsaved change").await;

    app.button("Bulk update").await.click().await.unwrap();
    // Leaving the form with its edit asks first (the edit is kept on disk either way).
    app.answer_question(true).await;
    app.button("Help: choosing a sheet")
        .await
        .click()
        .await
        .unwrap();
    help_shows(&app, "Bulk update").await;
    assert_eq!(app.focused_id().await, "bulk-update");
    // A link inside the guide to another of its sections.
    app.driver
        .find(By::Css(
            "#help-body a[data-section='checking-compatibility-with-powerclerk']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    help_shows(&app, "Checking compatibility with PowerClerk").await;
    app.quit().await;
}

#[tokio::test]
async fn the_guide_passes_axe_in_the_dark_theme() {
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_with(&["--demo"], home, &[("GTK_THEME", "Adwaita:dark")]).await;
    // Connected and on the first screen: the project box has the focus.
    app.wait_focus("Project").await;
    app.press(Key::F1).await;
    help_shows(&app, "Opening a project").await;
    app.assert_accessible("help (dark)").await;
    app.quit().await;
}
