//! Drives the real app window: starts tauri-driver (which starts WebKitWebDriver, which
//! starts the app) and opens a WebDriver session on it.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use thirtyfour::prelude::*;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The debug build of the app (`cargo build -p clerkdesk` first), or `CLERKDESK_APP`.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("CLERKDESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/clerkdesk"));
    assert!(
        path.is_file(),
        "build the app first: cargo build -p clerkdesk ({} is missing)",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let local = workspace().join(".tools/bin/tauri-driver");
    if local.is_file() {
        return local;
    }
    PathBuf::from("tauri-driver")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running app window and the driver behind it. Everything is stopped on drop.
pub struct AppWindow {
    /// The WebDriver session.
    pub driver: WebDriver,
    tauri_driver: Child,
    /// The app's HOME and XDG folders (isolated per test).
    pub home: tempfile::TempDir,
}

impl AppWindow {
    /// Starts the app with `args` and an empty, isolated HOME.
    pub async fn start(args: &[&str]) -> Self {
        let home = tempfile::tempdir().unwrap();
        Self::start_in(args, home).await
    }

    /// Starts the app with `args` and the given HOME.
    pub async fn start_in(args: &[&str], home: tempfile::TempDir) -> Self {
        let port = free_port();
        let native = free_port();
        let h = home.path();
        let mut child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("HOME", h)
            .env("XDG_CONFIG_HOME", h.join(".config"))
            .env("XDG_DATA_HOME", h.join(".local/share"))
            .env("XDG_CACHE_HOME", h.join(".cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver; see scripts/setup.sh)");
        // Wait until tauri-driver listens: poll the port, bounded.
        let mut up = false;
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                up = true;
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("tauri-driver exited: {status}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(up, "tauri-driver did not listen on {port}");
        let mut caps = Capabilities::new();
        caps.set(
            "tauri:options".to_string(),
            serde_json::json!({ "application": app_binary(), "args": args }),
        )
        .expect("capabilities");
        caps.set("browserName".to_string(), serde_json::json!("wry"))
            .expect("capabilities");
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .expect("a WebDriver session on the app");
        Self {
            driver,
            tauri_driver: child,
            home,
        }
    }

    /// Waits (bounded) for an element whose text contains `text`.
    pub async fn wait_for_text(&self, text: &str) -> WebElement {
        let xpath = format!(
            "//*[contains(normalize-space(.), {})][not(*[contains(normalize-space(.), {})])]",
            xpath_literal(text),
            xpath_literal(text)
        );
        self.driver
            .query(By::XPath(&xpath))
            .wait(Duration::from_secs(20), Duration::from_millis(100))
            .first()
            .await
            .unwrap_or_else(|e| panic!("no element with text {text:?}: {e}"))
    }

    /// Saves a screenshot of the window as PNG.
    pub async fn screenshot(&self, path: &std::path::Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        self.driver.screenshot(path).await.unwrap();
    }

    /// Ends the session and stops the driver.
    pub async fn quit(mut self) {
        let _ = self.driver.clone().quit().await;
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
    }
}

impl Drop for AppWindow {
    fn drop(&mut self) {
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
    }
}

/// An XPath string literal for any text (quotes included).
pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}
