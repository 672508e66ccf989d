//! The real window starts in demo mode with `--demo`, runs the simulator inside the app and
//! says so; without a saved connection it first offers the demo or a real connection.

use clerkdesk_e2e::AppWindow;

#[tokio::test]
async fn demo_mode_connects_and_names_the_program() {
    let app = AppWindow::start(&["--demo"]).await;
    let status = app
        .wait_for_text("Demo data — nothing is sent to PowerClerk")
        .await;
    assert_eq!(
        status.attr("role").await.unwrap().as_deref(),
        Some("status")
    );
    app.wait_for_text("Sunny Valley Electric — Distributed Generation Interconnection")
        .await;
    let band = app
        .driver
        .find(thirtyfour::By::Id("env-label"))
        .await
        .unwrap();
    assert_eq!(band.text().await.unwrap(), "DEMO");
    assert_eq!(app.driver.title().await.unwrap(), "Clerkdesk");
    // No id on screen unless asked for.
    let body = app
        .driver
        .find(thirtyfour::By::Tag("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!body.contains("M5JGHPZK7GFC"), "{body}");
    app.quit().await;
}

#[tokio::test]
async fn first_run_offers_the_demo_and_a_real_connection() {
    let app = AppWindow::start(&[]).await;
    app.wait_for_text("Welcome to Clerkdesk").await;
    app.button("Connect to PowerClerk").await;
    // The welcome screen is on show (not just in the page) once the status line greets.
    app.wait_status("Welcome.").await;
    if let Some(dir) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&dir).join("welcome.png"))
            .await;
    }
    app.button("Try with demo data")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("Demo data — nothing is sent to PowerClerk")
        .await;
    app.wait_for_text("Open a project").await;
    app.quit().await;
}

#[tokio::test]
async fn a_dark_desktop_gets_the_dark_theme() {
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_with(&["--demo"], home, &[("GTK_THEME", "Adwaita:dark")]).await;
    app.wait_for_text("Demo data — nothing is sent to PowerClerk")
        .await;
    let bg = app
        .driver
        .execute(
            "return getComputedStyle(document.documentElement).backgroundColor",
            vec![],
        )
        .await
        .unwrap();
    let bg = bg.json().as_str().unwrap_or_default().to_string();
    // The dark palette's background is rgb(21, 24, 30); the light one is rgb(246, 247, 249).
    assert_eq!(
        bg, "rgb(21, 24, 30)",
        "prefers-color-scheme: dark was not applied"
    );
    if let Some(d) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&d).join("dark.png"))
            .await;
    }
    app.quit().await;
}
