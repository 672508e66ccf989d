/// Every command the webview may call. Declaring them generates an `allow-<command>`
/// permission for each, so that capabilities/default.json grants exactly these.
const COMMANDS: &[&str] = &[
    "app_info",
    "about",
    "start_demo",
    "connect",
    "compat_check",
    "compat_save_report",
    "connection_switches",
    "help_page",
    "connection_status",
    "use_profile",
    "forget_secret",
    "replace_secret",
    "delete_profile",
    "programs",
    "forms",
    "choose_program",
    "open_project",
    "open_form",
    "keep_edits",
    "discard_edits",
    "save_draft",
    "submit",
    "quit_app",
    "download",
    "upload_with_dialog",
    "upload_dropped",
    "cancel_transfer",
    "show_in_folder",
    "activity",
    "export_activity",
    "rate_status",
    "work_queue",
    "work_queue_shown",
    "overview",
    "overview_report",
    "overview_png",
    "deadlines_get",
    "deadlines_save",
    "deadlines_import",
    "deadlines_export",
    "watch_prefs",
    "watch_prefs_save",
    "export_form",
    "bulk_pick",
    "bulk_dropped",
    "bulk_reopen",
    "bulk_worksheet",
    "bulk_check",
    "bulk_run",
    "bulk_control",
    "bulk_unfinished",
    "bulk_results_so_far",
    "bulk_discard",
    "bulk_job_rows",
    "bulk_resume",
    "open_saved",
    "update_check",
    "update_check_quietly",
    "update_install",
    "preferences",
];

fn main() {
    // The build's date for "About" (SOURCE_DATE_EPOCH when set, for reproducible builds).
    let built = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
    println!("cargo:rustc-env=CLERKDESK_BUILT_AT={built}");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    // The UI is embedded in the binary: rebuild when any of its files changes.
    println!("cargo:rerun-if-changed=../ui/app");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
