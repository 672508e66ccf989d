//! An empty Tauri 2 window with one static page: what any Tauri app costs to start and to
//! keep open on this machine, measured beside Clerkdesk by the app benchmark.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty window runs");
}
