//! The shell's own tests, on Tauri's mock runtime with real IPC: the allow-list behind
//! "Show in folder", one-shot drop ids, the connection form's checks, close prevention.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use clerkdesk_core::settings::Settings;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

use crate::close::{decide, CloseAction};
use crate::commands;
use crate::state::AppState;

struct Shell {
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _data: tempfile::TempDir,
}

fn shell() -> Shell {
    let data = tempfile::tempdir().unwrap();
    let state = AppState::new(false, Settings::default(), data.path().to_path_buf()).unwrap();
    let app = mock_builder()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::attachments::show_in_folder,
            commands::attachments::upload_dropped,
            commands::bulk::bulk_reopen,
            commands::bulk::open_saved,
            commands::connection::connect,
        ])
        // The app's own context: its capabilities and command permissions are what is tested.
        .build(tauri::generate_context!())
        .unwrap();
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    Shell {
        app,
        window,
        _data: data,
    }
}

/// The app's own origin: capabilities allow Clerkdesk's commands only from there.
fn local_origin() -> &'static str {
    if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    }
}

/// Calls a command through IPC; the error is the `UiError` the webview would get.
fn invoke(shell: &Shell, cmd: &str, body: Value) -> Result<Value, Value> {
    invoke_from(shell, local_origin(), cmd, body)
}

fn invoke_from(shell: &Shell, origin: &str, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        &shell.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn show_in_folder_reveals_only_files_the_app_saved() {
    let s = shell();
    let e = invoke(&s, "show_in_folder", json!({ "path": "/etc/passwd" })).unwrap_err();
    assert_eq!(e["kind"], "input");
    assert_eq!(
        e["message"],
        "Clerkdesk can only show files it saved itself."
    );
}

#[test]
fn bulk_sheets_come_only_from_dialogs_drops_or_the_apps_own_files() {
    let s = shell();
    let e = invoke(
        &s,
        "bulk_reopen",
        json!({ "path": "/etc/passwd", "form": "X" }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "input");
    assert_eq!(
        e["message"],
        "Clerkdesk can only reopen sheets it wrote itself; choose the sheet instead."
    );
    let e = invoke(&s, "open_saved", json!({ "path": "/etc/passwd" })).unwrap_err();
    assert_eq!(
        e["message"],
        "Clerkdesk can only open files it saved itself."
    );
}

#[test]
fn remote_pages_cannot_call_commands() {
    let s = shell();
    let e = invoke_from(
        &s,
        "https://example.com",
        "show_in_folder",
        json!({ "path": "/etc/passwd" }),
    )
    .unwrap_err();
    assert!(e.as_str().unwrap().contains("not allowed"), "{e}");
}

#[test]
fn a_drop_id_can_be_used_once() {
    let s = shell();
    let state = s.app.state::<AppState>();
    let id = state.add_drop(vec![PathBuf::from("/tmp/sld.pdf")]);
    let options = json!({ "project": "INTG-00256", "form": "TECHNICAL_REVIEW", "attachment": "SINGLE_LINE_DIAGRAM" });
    let channel = json!("__CHANNEL__:1");
    let args = json!({ "dropId": id, "options": options, "onProgress": channel });
    // The first use takes the drop (then stops: nothing is connected in this test).
    let first = invoke(&s, "upload_dropped", args.clone()).unwrap_err();
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .starts_with("Not connected yet"),
        "{first}"
    );
    let again = invoke(&s, "upload_dropped", args).unwrap_err();
    assert_eq!(
        again["message"],
        "That drop is no longer available. Drop the file again."
    );
    let unknown = json!({ "dropId": 999_999, "options": options, "onProgress": channel });
    let e = invoke(&s, "upload_dropped", unknown).unwrap_err();
    assert_eq!(
        e["message"],
        "That drop is no longer available. Drop the file again."
    );
}

#[test]
fn the_connection_form_names_the_field_to_fix() {
    let s = shell();
    let form = |name: &str, secret: &str| {
        json!({ "form": {
            "name": name, "environment": "pci_trial", "api_url": null, "token_url": null,
            "api_key": "k", "client_id": "c", "client_secret": secret, "max_tpm": null, "program": null,
        }})
    };
    let e = invoke(&s, "connect", form("", "s")).unwrap_err();
    assert_eq!(
        (e["kind"].as_str(), e["field"].as_str()),
        (Some("input"), Some("name"))
    );
    let e = invoke(&s, "connect", form("Trial", "")).unwrap_err();
    assert_eq!(e["field"], "client_secret");
    assert!(
        !e.to_string().contains("\"k\""),
        "no credential echoed: {e}"
    );
}

#[test]
fn closing_asks_first_with_unsaved_edits_and_ends_transfers_first() {
    let s = shell();
    let state = s.app.state::<AppState>();
    assert_eq!(decide(&state), CloseAction::Close);
    state
        .transfers
        .lock()
        .unwrap()
        .insert(1, powerclerk_api::CancellationToken::new());
    assert_eq!(decide(&state), CloseAction::StopTransfersThenExit);
    state.has_unsaved.store(true, Ordering::Relaxed);
    assert_eq!(decide(&state), CloseAction::AskFirst);
}
