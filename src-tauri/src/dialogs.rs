//! Native file dialogs (rfd, GTK 3 on Linux). GTK wants them created on the main thread,
//! where the app's event loop runs: each dialog is created there (as rfd's async dialog, so
//! the loop keeps running while it is open) and its answer comes back through a channel.

use std::future::Future;
use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};

async fn on_main<R: Runtime, T, F, Fut>(app: &AppHandle<R>, make: F) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce(Option<tauri::WebviewWindow<R>>) -> Fut + Send + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    let window = app.get_webview_window("main");
    app.run_on_main_thread(move || {
        let pending = make(window);
        tauri::async_runtime::spawn(async move {
            let _ = tx.send(pending.await);
        });
    })
    .ok()?;
    rx.await.ok()
}

fn dialog<R: Runtime>(
    title: &str,
    parent: Option<&tauri::WebviewWindow<R>>,
) -> rfd::AsyncFileDialog {
    let d = rfd::AsyncFileDialog::new().set_title(title);
    match parent {
        Some(w) => d.set_parent(w),
        None => d,
    }
}

/// "Save as" with a suggested name; `None` when the user cancelled.
pub async fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    suggested: &str,
) -> Option<PathBuf> {
    let (title, suggested) = (title.to_string(), suggested.to_string());
    let start = start_folder(app);
    on_main(app, move |parent| {
        let mut d = dialog(&title, parent.as_ref()).set_file_name(&suggested);
        if let Some(dir) = start {
            d = d.set_directory(dir);
        }
        d.save_file()
    })
    .await
    .flatten()
    .map(|h| h.path().to_path_buf())
}

/// "Open" filtered to `extensions` (all files when empty); `None` when cancelled.
pub async fn open_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    extensions: &[String],
) -> Option<PathBuf> {
    let title = title.to_string();
    let extensions = extensions.to_vec();
    on_main(app, move |parent| {
        let mut d = dialog(&title, parent.as_ref());
        if !extensions.is_empty() {
            let label = extensions
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ");
            // GTK matches patterns case-sensitively: offer both cases.
            let mut all: Vec<String> = extensions.clone();
            all.extend(extensions.iter().map(|e| e.to_ascii_uppercase()));
            d = d.add_filter(format!("Allowed files ({label})"), &all);
        }
        d.pick_file()
    })
    .await
    .flatten()
    .map(|h| h.path().to_path_buf())
}

/// Where "Save as" starts: the system's own Downloads folder (XDG user dirs on Linux, the
/// Known Folder on Windows, ~/Downloads on macOS), else the home folder — never the folder
/// the app happened to be started from.
pub fn start_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let paths = app.path();
    paths
        .download_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| paths.home_dir().ok().filter(|d| d.is_dir()))
}
