//! Updates in the real window, from a local update server: the quiet check at start offers a
//! newer version in a banner that asks; installing one that is not signed with Clerkdesk's
//! key is refused in plain words and nothing is installed; "Check for updates" in Settings
//! says when there is nothing newer (an older version is never offered); the start check can
//! be switched off, and it runs at most once a day — counted at the server.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use clerkdesk_e2e::AppWindow;
use serde_json::{json, Value};
use thirtyfour::prelude::*;

const PACKAGE: &[u8] = b"not really an installer";

#[derive(Clone, Default)]
struct Server {
    manifest: Arc<Mutex<Value>>,
    checks: Arc<AtomicUsize>,
}

impl Server {
    /// Announces `version` for every platform, signed with a key the app does not trust.
    fn announce(&self, version: &str, base: &str) {
        let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let comment = format!("timestamp:1790000000\tfile:clerkdesk.tar.gz\tversion:{version}");
        let sig = minisign::sign(
            Some(&keys.pk),
            &keys.sk,
            std::io::Cursor::new(PACKAGE),
            Some(&comment),
            None,
        )
        .unwrap();
        let entry = json!({
            "url": format!("{base}/clerkdesk.tar.gz"),
            "signature": base64::engine::general_purpose::STANDARD.encode(sig.to_string()),
        });
        let mut platforms = serde_json::Map::new();
        for os in ["linux", "windows", "darwin"] {
            for arch in ["x86_64", "aarch64"] {
                platforms.insert(format!("{os}-{arch}"), entry.clone());
            }
        }
        *self.manifest.lock().unwrap() = json!({
            "version": version,
            "notes": "Faster bulk runs.",
            "platforms": platforms,
        });
    }
}

async fn serve(server: Server) -> String {
    let app = Router::new()
        .route(
            "/latest.json",
            get(|State(s): State<Server>| async move {
                s.checks.fetch_add(1, Ordering::SeqCst);
                Json(s.manifest.lock().unwrap().clone())
            }),
        )
        .route("/clerkdesk.tar.gz", get(|| async { PACKAGE.to_vec() }))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

async fn open_settings(app: &AppWindow) {
    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("About Clerkdesk").await;
}

#[tokio::test]
async fn updates_are_offered_asked_for_verified_and_checked_at_most_daily() {
    let server = Server::default();
    let base = serve(server.clone()).await;
    server.announce("99.0.0", &base);
    let url = format!("{base}/latest.json");
    let env = [("CLERKDESK_UPDATE_URL", url.as_str())];
    let app = AppWindow::start_with(&["--demo"], tempfile::tempdir().unwrap(), &env).await;

    // The quiet check at start: a banner that asks; nothing is installed unasked.
    app.wait_for_text("Clerkdesk 99.0.0 is available (you have")
        .await;
    assert_eq!(server.checks.load(Ordering::SeqCst), 1);
    app.wait_for_text("Open a project").await;
    app.assert_accessible("home with the update banner").await;
    if let Some(d) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&d).join("update-offer.png"))
            .await;
    }
    app.button("Install and restart…")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("Install Clerkdesk 99.0.0?").await;
    app.answer_question(true).await;
    // Signed, but not with Clerkdesk's key: refused, in words, on the Settings screen.
    app.wait_for_text("not signed by Clerkdesk's publisher")
        .await;
    app.wait_for_text("Nothing was installed").await;
    app.wait_status("The update was not installed.").await;
    app.assert_accessible("settings after a refused update")
        .await;

    // "Check for updates" offers it again (checking costs nothing; installing is refused).
    app.button("Check for updates").await.click().await.unwrap();
    app.wait_for_text("Clerkdesk 99.0.0 is available").await;
    app.wait_for_text("What's new: Faster bulk runs.").await;
    // An older version is never offered.
    server.announce("0.0.1", &base);
    app.button("Check for updates").await.click().await.unwrap();
    app.wait_for_text("is the newest version.").await;
    let install = app
        .driver
        .find(By::Id("update-install"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap();
    assert!(!install, "no install button without a newer version");
    assert_eq!(server.checks.load(Ordering::SeqCst), 3);

    // Started again the same day: the quiet check does not run again.
    server.announce("99.0.0", &base);
    let home = app.quit().await;
    let app = AppWindow::start_with(&["--demo"], home, &env).await;
    app.driver
        .query(By::Css("#update-banner[data-checked]"))
        .wait(Duration::from_secs(30), Duration::from_millis(100))
        .first()
        .await
        .unwrap();
    open_settings(&app).await;
    assert_eq!(
        server.checks.load(Ordering::SeqCst),
        3,
        "checked twice a day"
    );
    // Switched off, it stays off. The switch shows the saved setting once the screen has
    // read it (the screen reads several things at once): click only then.
    let switch = app
        .labelled("Check for updates when Clerkdesk starts")
        .await;
    let mut shown = false;
    for _ in 0..100 {
        if switch.is_selected().await.unwrap() {
            shown = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(shown, "the switch shows the saved setting (on)");
    switch.click().await.unwrap();
    // Saved on a blocking thread: wait (bounded) for the file to say so, then quit.
    let file = app
        .home
        .path()
        .join(".local/share/com.clerkdesk.desktop/settings.json");
    let read = || -> Value {
        std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null)
    };
    let mut settings = read();
    for _ in 0..100 {
        if settings["settings"]["updates"]["check_at_start"] == json!(false) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        settings = read();
    }
    app.quit().await;
    assert_eq!(
        settings["settings"]["updates"]["check_at_start"],
        json!(false),
        "{settings}"
    );
}
