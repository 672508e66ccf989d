//! The support log: a file in the app's log folder (e.g. `~/.local/share/com.clerkdesk.desktop/logs`
//! on Linux), rotated at 1 MB keeping 5 files, every line scrubbed of every connection's
//! secrets before it is written.

use tauri::Runtime;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// Largest log file before it is rotated, in bytes.
pub const MAX_LOG_BYTES: u128 = 1_000_000;
/// Rotated files kept.
pub const KEEP_LOG_FILES: usize = 5;

/// The log plugin.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir {
            file_name: Some("clerkdesk".into()),
        }))
        .rotation_strategy(RotationStrategy::KeepSome(KEEP_LOG_FILES))
        .max_file_size(MAX_LOG_BYTES)
        .level(log::LevelFilter::Info)
        // Other crates' chatter (WebKit, hyper) is not what support needs.
        .level_for("hyper", log::LevelFilter::Warn)
        .level_for("reqwest", log::LevelFilter::Warn)
        .format(|out, message, record| {
            let line = clerkdesk_core::redaction::redact(&message.to_string());
            out.finish(format_args!(
                "{} {} {} {}",
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                record.level(),
                record.target(),
                line
            ))
        })
        .build()
}
