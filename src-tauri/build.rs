fn main() {
    // Declaring the app's commands generates an `allow-<command>` permission for each, so
    // that capabilities/default.json can grant exactly these and nothing else.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["connection_status"])),
    )
    .expect("tauri build step");
}
