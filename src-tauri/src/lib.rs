//! The Clerkdesk desktop shell: window, plugins, state, drag-and-drop wiring and commands.
//! Everything that is not wiring lives in `clerkdesk-core`.

mod close;
mod commands;
mod dialogs;
mod error;
mod logging;
mod memory;
mod state;
mod store;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod update_tests;
mod updates;
mod watch;

use serde::Serialize;
use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};

use state::AppState;

/// A file drop, as the webview learns of it: an id (the paths stay in Rust), the names to
/// show, and the cursor position in CSS pixels for finding the row under it.
#[derive(Clone, Serialize)]
struct DropNotice {
    drop_id: u64,
    names: Vec<String>,
    x: f64,
    y: f64,
}

/// Where a drag is hovering, in CSS pixels (for highlighting the row), or none.
#[derive(Clone, Serialize)]
struct HoverNotice {
    x: f64,
    y: f64,
    active: bool,
}

/// Builds and runs the app.
pub fn run() {
    let demo_flag = std::env::args().any(|a| a == "--demo");
    tauri::Builder::default()
        .plugin(logging::plugin())
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updates::Updates::from_env())
        .setup(move |app| {
            let settings = store::load(app.handle());
            let data_dir = app.path().app_data_dir()?;
            let state = AppState::new(demo_flag, settings, data_dir).map_err(|e| e.to_string())?;
            if demo_flag {
                // The embedded simulator starts and the token is fetched while the webview
                // loads, instead of after it asks.
                let warming = tauri::async_runtime::spawn(async {
                    let session = clerkdesk_core::Session::open_demo().await?;
                    session.client.authenticate().await?;
                    Ok(session)
                });
                *state.warming.try_lock().expect("nothing else holds it yet") = Some(warming);
            }
            app.manage(state);
            watch::start(app.handle().clone());
            log::info!("Clerkdesk {} started", env!("CARGO_PKG_VERSION"));
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<AppState>();
                match close::decide(&state) {
                    close::CloseAction::Close => {}
                    close::CloseAction::AskFirst => {
                        api.prevent_close();
                        let _ = window.emit("clerkdesk://close-requested", ());
                    }
                    close::CloseAction::StopTransfersThenExit => {
                        api.prevent_close();
                        let app = window.app_handle().clone();
                        tauri::async_runtime::spawn(async move {
                            app.state::<AppState>().stop_transfers().await;
                            app.exit(0);
                        });
                    }
                }
                return;
            }
            let WindowEvent::DragDrop(drag) = event else {
                return;
            };
            let scale = window.scale_factor().unwrap_or(1.0);
            match drag {
                DragDropEvent::Drop { paths, position } => {
                    let state = window.state::<AppState>();
                    let id = state.add_drop(paths.clone());
                    let names = paths
                        .iter()
                        .map(|p| {
                            p.file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        })
                        .collect();
                    let _ = window.emit(
                        "clerkdesk://dropped",
                        DropNotice {
                            drop_id: id,
                            names,
                            x: position.x / scale,
                            y: position.y / scale,
                        },
                    );
                }
                DragDropEvent::Enter { position, .. } | DragDropEvent::Over { position } => {
                    let _ = window.emit(
                        "clerkdesk://hover",
                        HoverNotice {
                            x: position.x / scale,
                            y: position.y / scale,
                            active: true,
                        },
                    );
                }
                DragDropEvent::Leave => {
                    let _ = window.emit(
                        "clerkdesk://hover",
                        HoverNotice {
                            x: 0.0,
                            y: 0.0,
                            active: false,
                        },
                    );
                }
                _ => {}
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::connection::app_info,
            commands::connection::about,
            commands::connection::start_demo,
            commands::connection::connect,
            commands::connection::connection_status,
            commands::connection::use_profile,
            commands::connection::forget_secret,
            commands::connection::replace_secret,
            commands::connection::delete_profile,
            commands::connection::rate_status,
            commands::project::programs,
            commands::project::forms,
            commands::project::choose_program,
            commands::project::open_project,
            commands::project::open_form,
            commands::project::keep_edits,
            commands::project::discard_edits,
            commands::project::save_draft,
            commands::project::submit,
            commands::project::quit_app,
            commands::attachments::download,
            commands::attachments::upload_with_dialog,
            commands::attachments::upload_dropped,
            commands::attachments::cancel_transfer,
            commands::attachments::show_in_folder,
            commands::activity::activity,
            commands::activity::export_activity,
            commands::bulk::work_queue,
            commands::bulk::work_queue_shown,
            commands::overview::overview,
            commands::overview::overview_report,
            commands::overview::overview_png,
            commands::deadlines::deadlines_get,
            commands::deadlines::deadlines_save,
            commands::deadlines::deadlines_import,
            commands::deadlines::deadlines_export,
            commands::deadlines::watch_prefs,
            commands::deadlines::watch_prefs_save,
            commands::bulk::export_form,
            commands::bulk::bulk_pick,
            commands::bulk::bulk_dropped,
            commands::bulk::bulk_reopen,
            commands::bulk::bulk_worksheet,
            commands::bulk::bulk_check,
            commands::bulk::bulk_run,
            commands::bulk::bulk_control,
            commands::jobs::bulk_unfinished,
            commands::jobs::bulk_results_so_far,
            commands::jobs::bulk_discard,
            commands::jobs::bulk_job_rows,
            commands::bulk::bulk_resume,
            commands::bulk::open_saved,
            commands::updates::update_check,
            commands::updates::update_check_quietly,
            commands::updates::update_install,
            commands::updates::preferences,
            commands::compat::compat_check,
            commands::compat::compat_save_report,
            commands::compat::connection_switches,
            commands::compat::help_page,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Clerkdesk could not start: {e}");
            std::process::exit(1);
        });
}
