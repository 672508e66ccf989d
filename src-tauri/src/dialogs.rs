//! Native file dialogs (rfd, GTK 3 on Linux). They must be created on the main thread, so
//! each runs there and sends its answer back through a oneshot channel.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};

async fn on_main<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.run_on_main_thread(move || {
        let _ = tx.send(f());
    })
    .ok()?;
    rx.await.ok()
}

/// "Save as" with a suggested name; `None` when the user cancelled.
pub async fn save_file<R: Runtime>(app: &AppHandle<R>, title: &str, suggested: &str) -> Option<PathBuf> {
    let (title, suggested) = (title.to_string(), suggested.to_string());
    on_main(app, move || {
        let mut d = rfd::FileDialog::new().set_title(title).set_file_name(&suggested);
        if let Some(dir) = downloads_dir() {
            d = d.set_directory(dir);
        }
        d.save_file()
    })
    .await
    .flatten()
}

/// "Open" filtered to `extensions` (all files when empty); `None` when cancelled.
pub async fn open_file<R: Runtime>(app: &AppHandle<R>, title: &str, extensions: &[String]) -> Option<PathBuf> {
    let title = title.to_string();
    let extensions = extensions.to_vec();
    on_main(app, move || {
        let mut d = rfd::FileDialog::new().set_title(title);
        if !extensions.is_empty() {
            let label = extensions.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ");
            // GTK matches patterns case-sensitively: offer both cases.
            let mut all: Vec<String> = extensions.clone();
            all.extend(extensions.iter().map(|e| e.to_ascii_uppercase()));
            d = d.add_filter(format!("Allowed files ({label})"), &all);
        }
        d.pick_file()
    })
    .await
    .flatten()
}

fn downloads_dir() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let d = PathBuf::from(home).join("Downloads");
    d.is_dir().then_some(d)
}
