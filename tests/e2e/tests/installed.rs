//! The installed app, as a user meets it after installing the `.deb`: run only by
//! `scripts/install-test.sh` (which installs the package — into the system under CI, into
//! a throwaway root elsewhere — and points `CLERKDESK_APP` at its `usr/bin/clerkdesk`),
//! hence ignored in the ordinary run. The welcome screen appears,
//! "Try with demo data" works and a project opens; the user's settings stay in their HOME
//! (`CLERKDESK_INSTALL_HOME`), where the script checks that removing the package left them.

use clerkdesk_e2e::AppWindow;

#[tokio::test]
#[ignore = "needs the installed package: run scripts/install-test.sh"]
async fn the_installed_app_welcomes_and_runs_the_demo() {
    let app_path = std::env::var("CLERKDESK_APP").expect("CLERKDESK_APP: the installed binary");
    assert!(
        app_path.ends_with("/usr/bin/clerkdesk"),
        "not the installed app: {app_path}"
    );
    let home_root = std::env::var("CLERKDESK_INSTALL_HOME")
        .expect("CLERKDESK_INSTALL_HOME: a folder the script checks afterwards");
    let home = tempfile::Builder::new()
        .prefix("home-")
        .tempdir_in(home_root)
        .unwrap();
    let app = AppWindow::start_in(&[], home).await;
    app.wait_for_text("Welcome to Clerkdesk").await;
    assert_eq!(app.driver.title().await.unwrap(), "Clerkdesk");
    app.button("Try with demo data")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("Demo data — nothing is sent to PowerClerk")
        .await;
    app.open_form("INTG-00256", "Technical Review").await;
    app.wait_for_text("HCA results").await;
    let home = app.quit().await;
    let settings = home
        .path()
        .join(".local/share/com.clerkdesk.desktop/settings.json");
    assert!(settings.is_file(), "no settings at {}", settings.display());
    // Kept on disk for the script's check after the package is removed.
    let _ = home.keep();
}
