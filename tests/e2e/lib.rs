//! Drives the real app window: starts tauri-driver (which starts WebKitWebDriver, which
//! starts the app) and opens a WebDriver session on it.

use std::io::BufRead;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use thirtyfour::prelude::*;

pub mod connect;

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
    /// The program started (Clerkdesk, or the benchmark's empty window).
    binary: PathBuf,
}

impl AppWindow {
    /// Starts the app with `args` and an empty, isolated HOME.
    pub async fn start(args: &[&str]) -> Self {
        let home = tempfile::tempdir().unwrap();
        Self::start_in(args, home).await
    }

    /// Starts the app with `args` and the given HOME.
    pub async fn start_in(args: &[&str], home: tempfile::TempDir) -> Self {
        Self::start_with(args, home, &[]).await
    }

    /// Starts the app with `args`, the given HOME and extra environment variables.
    pub async fn start_with(args: &[&str], home: tempfile::TempDir, env: &[(&str, &str)]) -> Self {
        Self::start_program(app_binary(), args, home, env).await
    }

    /// Starts another Tauri program the same way (the app benchmark's empty window).
    pub async fn start_program(
        binary: PathBuf,
        args: &[&str],
        home: tempfile::TempDir,
        env: &[(&str, &str)],
    ) -> Self {
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
            .envs(env.iter().copied())
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
            serde_json::json!({ "application": binary, "args": args }),
        )
        .expect("capabilities");
        caps.set("browserName".to_string(), serde_json::json!("wry"))
            .expect("capabilities");
        // tauri-driver may accept connections a moment before it serves sessions: a failed
        // first request is tried again (bounded), as long as tauri-driver runs.
        let mut driver = None;
        let mut last_error = String::new();
        for _ in 0..5 {
            match WebDriver::new(format!("http://127.0.0.1:{port}"), caps.clone()).await {
                Ok(d) => {
                    driver = Some(d);
                    break;
                }
                Err(e) => last_error = e.to_string(),
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("tauri-driver exited: {status}; {last_error}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let driver =
            driver.unwrap_or_else(|| panic!("no WebDriver session on the app: {last_error}"));
        Self {
            driver,
            tauri_driver: child,
            home,
            binary,
        }
    }

    /// Waits (bounded) for an element whose text contains `text`.
    pub async fn wait_for_text(&self, text: &str) -> WebElement {
        self.wait_for_text_every(text, Duration::from_millis(100))
            .await
    }

    /// [`Self::wait_for_text`], looking every `every` (the benchmark times to 10 ms).
    pub async fn wait_for_text_every(&self, text: &str, every: Duration) -> WebElement {
        let xpath = format!(
            "//*[contains(normalize-space(.), {})][not(*[contains(normalize-space(.), {})])]",
            xpath_literal(text),
            xpath_literal(text)
        );
        match self
            .driver
            .query(By::XPath(&xpath))
            .wait(Duration::from_secs(20), every)
            .first()
            .await
        {
            Ok(e) => e,
            Err(_) => self.fail(&format!("no element with text {text:?}")).await,
        }
    }

    /// A button by its accessible name (its text or aria-label), waiting for it.
    pub async fn button(&self, name: &str) -> WebElement {
        let lit = xpath_literal(name);
        let xpath = format!("//button[normalize-space(.)={lit} or @aria-label={lit}]");
        self.driver
            .query(By::XPath(&xpath))
            .and_displayed()
            .wait(Duration::from_secs(20), Duration::from_millis(100))
            .first()
            .await
            .unwrap_or_else(|e| panic!("no button {name:?}: {e}"))
    }

    /// The control labelled `label` (a `<label for>` whose text starts with it).
    pub async fn labelled(&self, label: &str) -> WebElement {
        let lit = xpath_literal(label);
        let xpath = format!("//label[starts-with(normalize-space(.), {lit})][@for]");
        let l = match self
            .driver
            .query(By::XPath(&xpath))
            .and_displayed()
            .wait(Duration::from_secs(20), Duration::from_millis(100))
            .first()
            .await
        {
            Ok(l) => l,
            Err(_) => self.fail(&format!("no label {label:?}")).await,
        };
        let id = l.attr("for").await.unwrap().expect("label has for");
        self.driver.find(By::Id(&id)).await.unwrap()
    }

    /// Opens `project` with the project box, then its form tab `tab`, and waits until the
    /// form is shown.
    pub async fn open_form(&self, project: &str, tab: &str) {
        self.wait_for_text("Open a project").await;
        self.labelled("Project")
            .await
            .send_keys(project.to_string() + Key::Enter)
            .await
            .unwrap();
        self.wait_for_text(&format!("{project} — status: ")).await;
        // Opening lands on the form the status is waiting for, or asks to choose one.
        let wanted = format!("{tab} of {project}");
        let xpath = format!(
            "//*[@id='status-text'][contains(normalize-space(.), {}) or contains(normalize-space(.), {}) or contains(normalize-space(.), ' of {project}.')]",
            xpath_literal(&wanted),
            xpath_literal("Choose a form"),
        );
        let status = match self
            .driver
            .query(By::XPath(&xpath))
            .wait(Duration::from_secs(30), Duration::from_millis(100))
            .first()
            .await
        {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => self.fail("opening the project never settled").await,
        };
        if !status.contains(&wanted) {
            self.button(tab).await.click().await.unwrap();
            self.wait_status(&wanted).await;
        }
    }

    /// Waits (bounded) until the status line says something containing `text`.
    pub async fn wait_status(&self, text: &str) {
        let lit = xpath_literal(text);
        let xpath = format!("//*[@id='status-text'][contains(normalize-space(.), {lit})]");
        let found = self
            .driver
            .query(By::XPath(&xpath))
            .wait(Duration::from_secs(30), Duration::from_millis(100))
            .first()
            .await
            .ok();
        if found.is_none() {
            self.fail(&format!("status never said {text:?}")).await;
        }
    }

    /// Drags `file` from a GTK window beside the app onto the centre of `target`.
    pub async fn drag_file_onto(&self, file: &Path, target: &WebElement) {
        let script = workspace().join("tests/e2e/drag_source.py");
        let mut source = Command::new("/usr/bin/python3")
            .arg(&script)
            .arg(file)
            .args(["1120", "20"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the GTK drag source starts (python3-gi)");
        let mut lines = std::io::BufReader::new(source.stdout.take().unwrap()).lines();
        let ready = lines.next().map(|l| l.unwrap_or_default());
        if ready.as_deref() != Some("READY") {
            let _ = source.kill();
            self.fail("the GTK drag source did not start (python3-gi)")
                .await;
        }
        target.scroll_into_view().await.unwrap();
        let r = target.rect().await.unwrap();
        let (x, y) = ((r.x + r.width / 2.0) as i64, (r.y + r.height / 2.0) as i64);
        xdotool(&["mousemove", "--sync", "1180", "55", "mousedown", "1"]);
        for (mx, my) in [(1170, 60), (1150, 70), (1000, 200), (x + 20, y + 5), (x, y)] {
            xdotool(&["mousemove", "--sync", &mx.to_string(), &my.to_string()]);
        }
        // Release only once the window shows the row as the drop target (the app has seen the
        // drag arrive there), as a person would.
        let mut highlighted = false;
        for _ in 0..100 {
            let class = target.attr("class").await.unwrap().unwrap_or_default();
            if class.contains("drop-target") {
                highlighted = true;
                break;
            }
            xdotool(&["mousemove", "--sync", &(x + 1).to_string(), &y.to_string()]);
            xdotool(&["mousemove", "--sync", &x.to_string(), &y.to_string()]);
        }
        if !highlighted {
            xdotool(&["mouseup", "1"]);
            self.fail("the dragged file never showed over its drop target")
                .await;
        }
        xdotool(&["mouseup", "1"]);
        // The source says when the drag is over (bounded by the test's own timeout).
        let ended = lines.next().map(|l| l.unwrap_or_default());
        assert_eq!(ended.as_deref(), Some("DRAG-END"));
        let _ = source.kill();
        let _ = source.wait();
    }

    /// Presses `keys` where the keyboard focus is, one after another, as a person types
    /// (WebDriver key actions: unlike "send keys to an element", nothing is focused first).
    pub async fn press(&self, keys: impl Into<thirtyfour::TypingData>) {
        self.driver
            .action_chain()
            .send_keys(keys)
            .perform()
            .await
            .expect("keys reach the window");
    }

    /// Presses Shift+Tab.
    pub async fn shift_tab(&self) {
        self.driver
            .action_chain()
            .key_down(Key::Shift)
            .key_down(Key::Tab)
            .key_up(Key::Tab)
            .key_up(Key::Shift)
            .perform()
            .await
            .expect("keys reach the window");
    }

    /// The id of the focused element ("" when it has none).
    pub async fn focused_id(&self) -> String {
        let id = self
            .driver
            .execute(
                "return document.activeElement && document.activeElement.id",
                Vec::new(),
            )
            .await
            .unwrap();
        id.json().as_str().unwrap_or_default().to_string()
    }

    /// Answers the window's own question dialog: its OK button, or Cancel.
    pub async fn answer_question(&self, ok: bool) {
        let id = if ok { "dialog-ok" } else { "dialog-cancel" };
        self.driver
            .find(By::Id(id))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// The accessible name of the focused element (its label, aria-label or text), or
    /// its id when it has none.
    pub async fn focused_name(&self) -> String {
        let name = self
            .driver
            .execute(
                r#"const e = document.activeElement;
                   if (!e) return "";
                   const label = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
                   return (e.getAttribute("aria-label") || (label && label.textContent) || e.textContent || e.id || "").trim();"#,
                Vec::new(),
            )
            .await
            .unwrap();
        name.json().as_str().unwrap_or_default().to_string()
    }

    /// Waits (bounded) until the keyboard focus is on the control whose accessible name
    /// starts with `name` — where the window puts it by itself, before a user types.
    pub async fn wait_focus(&self, name: &str) {
        for _ in 0..200 {
            if self.focused_name().await.starts_with(name) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.fail(&format!("the focus never went to {name:?}"))
            .await;
    }

    /// Presses Tab until the focus is on the control whose accessible name starts with
    /// `name` (as a keyboard user moves through a page); fails after `max` presses.
    /// Returns the presses it took.
    pub async fn tab_to(&self, name: &str, max: usize) -> usize {
        let mut seen = Vec::new();
        for presses in 0..max {
            let now = self.focused_name().await;
            if now.starts_with(name) {
                return presses;
            }
            seen.push(now);
            self.press(Key::Tab).await;
        }
        if !self.focused_name().await.starts_with(name) {
            self.fail(&format!(
                "Tab never reached {name:?}; went through {seen:?}"
            ))
            .await;
        }
        max
    }

    /// Runs axe-core (from `ui/node_modules`, installed by `npm ci`) on the page as it is
    /// now and returns its critical and serious findings, one line each ("rule: where").
    pub async fn audit(&self) -> Vec<String> {
        let axe = workspace().join("ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| {
            panic!(
                "{} is missing ({e}): run `npm ci` in ui/ first",
                axe.display()
            )
        });
        self.driver
            .execute(&format!("{source}\nwindow.__axe = axe;"), Vec::new())
            .await
            .expect("axe-core loads in the page");
        let found = self
            .driver
            .execute(
                r#"return window.__axe.run(document, {
                    resultTypes: ["violations"],
                    // Experimental in axe, so off by default; WCAG 2.5.3 all the same.
                    rules: { "label-content-name-mismatch": { enabled: true } },
                  }).then((r) =>
                    r.violations
                      .filter((v) => v.impact === "critical" || v.impact === "serious")
                      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));"#,
                Vec::new(),
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found.json().clone()).expect("a list of findings")
    }

    /// Fails with the findings when axe-core finds anything critical or serious on `screen`.
    pub async fn assert_accessible(&self, screen: &str) {
        let found = self.audit().await;
        if !found.is_empty() {
            self.fail(&format!(
                "accessibility problems on {screen}: {}",
                found.join("; ")
            ))
            .await;
        }
    }

    /// Saves a screenshot and the status line into target/e2e-failures, then panics.
    pub async fn fail(&self, what: &str) -> ! {
        let dir = workspace().join("target/e2e-failures");
        let name: String = what
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .take(60)
            .collect();
        self.screenshot(&dir.join(format!("{name}.png"))).await;
        let status = match self.driver.find(By::Id("status-text")).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        panic!(
            "{what} (status line: {status:?}; screenshot in {})",
            dir.display()
        );
    }

    /// The app's process id (the one whose HOME is this window's).
    pub fn pid(&self) -> Option<u32> {
        let app = self.binary.canonicalize().ok()?;
        let home = format!("HOME={}", self.home.path().display());
        std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let exe = std::fs::read_link(e.path().join("exe")).ok()?;
            let env = std::fs::read(e.path().join("environ")).ok()?;
            let has_home = env.split(|b| *b == 0).any(|v| v == home.as_bytes());
            (exe == app && has_home).then_some(pid)
        })
    }

    /// The app's data folder (settings, unsaved edits, activity).
    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join(".local/share/com.clerkdesk.desktop")
    }

    /// Saves a screenshot of the window as PNG.
    pub async fn screenshot(&self, path: &std::path::Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        // Two animation frames: the page has painted what the test just waited for.
        let _ = self
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                Vec::new(),
            )
            .await;
        self.driver.screenshot(path).await.unwrap();
    }

    /// Kills the app (SIGKILL, like a crash) and stops the driver; returns its HOME.
    pub async fn kill(mut self) -> tempfile::TempDir {
        if let Some(pid) = self.pid() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
        let home = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.home, home)
    }

    /// Ends the session and stops the driver; returns the app's HOME (still on disk).
    pub async fn quit(mut self) -> tempfile::TempDir {
        let _ = self.driver.clone().quit().await;
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
        let empty = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.home, empty)
    }
}

impl Drop for AppWindow {
    fn drop(&mut self) {
        // After a failure the session was not quit: kill the app and the driver instead of
        // letting thirtyfour's synchronous teardown wait for a dead server.
        let _ = self.driver.clone().leak();
        if let Some(pid) = self.pid() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
    }
}

/// Runs xdotool on the test's display and returns what it printed.
pub fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool runs");
    assert!(
        out.status.success(),
        "xdotool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Finds the visible window titled `title` and gives it the keyboard.
fn focus_dialog(title: &str) {
    let id = xdotool(&["search", "--sync", "--onlyvisible", "--name", title]);
    let id = id.lines().next().expect("dialog window").to_string();
    xdotool(&["windowfocus", "--sync", &id]);
}

/// Waits (bounded: `polls` × 50 ms) until the window titled `title` has closed;
/// `still_open(n)` runs each time it is seen still open.
async fn wait_dialog_closed(title: &str, polls: usize, still_open: impl Fn(usize)) {
    for attempt in 0..polls {
        let open = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .output()
            .map(|o| o.status.success() && !o.stdout.is_empty())
            .unwrap_or(false);
        if !open {
            return;
        }
        still_open(attempt);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the dialog {title:?} did not close");
}

/// Answers the GTK file dialog titled `title` with `path` (as a person typing it would).
pub async fn answer_dialog(title: &str, path: &Path) {
    focus_dialog(title);
    // The location entry, with whatever it holds selected, so typing replaces it.
    xdotool(&["key", "ctrl+l", "ctrl+a"]);
    xdotool(&["type", "--delay", "5", &path.display().to_string()]);
    xdotool(&["key", "Return"]);
    // GTK may take the first Return for its completion: press again while the dialog is
    // still there.
    wait_dialog_closed(title, 40, |attempt| {
        if attempt == 10 {
            xdotool(&["key", "Return"]);
        }
    })
    .await;
}

/// Accepts the GTK file dialog titled `title` as it is (Enter: its proposed folder and name),
/// and waits until it has closed.
pub async fn accept_dialog(title: &str) {
    focus_dialog(title);
    xdotool(&["key", "Return"]);
    wait_dialog_closed(title, 100, |_| {}).await;
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
