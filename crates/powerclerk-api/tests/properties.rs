//! Property tests of the parsers that read what a server sends: they never panic, and a
//! download name always stays one safe file directly inside the chosen folder.

use powerclerk_api::content_disposition_for;
use powerclerk_api::naming::{
    filename_from_content_disposition, is_directly_inside, reserve_path, sanitize_file_name,
    MAX_NAME_BYTES,
};
use proptest::prelude::*;

/// Names as hostile servers write them: separators, dots, quotes, controls, bidi and
/// invisible characters, device names, long runs.
fn hostile_name() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("../".to_string()),
        Just("..\\".to_string()),
        Just("/".to_string()),
        Just("C:".to_string()),
        Just("CON".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("\"".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{2060}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{E0041}".to_string()),
        Just("\0".to_string()),
        Just("%2e%2e%2f".to_string()),
        "[a-zA-Z0-9_.-]{1,12}",
        any::<String>(),
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_header_parses_without_panic(h in any::<String>()) {
        let _ = filename_from_content_disposition(&h);
    }

    #[test]
    fn any_header_with_a_hostile_name_parses_without_panic(name in hostile_name(), quoted in any::<bool>()) {
        let h = if quoted { format!("attachment; filename=\"{name}\"") } else { format!("attachment; filename*=UTF-8''{name}; filename={name}") };
        let _ = filename_from_content_disposition(&h);
    }

    #[test]
    fn sanitised_names_are_one_safe_component(name in hostile_name()) {
        let s = sanitize_file_name(&name);
        prop_assert!(!s.is_empty());
        prop_assert!(s.len() <= MAX_NAME_BYTES, "{} bytes", s.len());
        prop_assert!(!s.contains(['/', '\\', ':', '"', '<', '>', '|', '?', '*']), "{s:?}");
        prop_assert!(!s.starts_with('.') && !s.ends_with('.') && !s.ends_with(' '), "{s:?}");
        prop_assert!(s.chars().all(|c| !c.is_control()), "{s:?}");
        prop_assert!(!s.contains(['\u{202E}', '\u{2060}', '\u{200B}', '\u{E0041}']), "{s:?}");
    }

    #[test]
    fn reserved_paths_stay_inside_the_folder(name in hostile_name()) {
        let dir = tempfile::tempdir().unwrap();
        let p = reserve_path(dir.path(), &name).unwrap();
        prop_assert!(is_directly_inside(dir.path(), &p), "{p:?}");
        prop_assert!(p.is_file());
    }

    #[test]
    fn names_we_send_read_back_unchanged(name in "[^\\x00-\\x1f\\x7f]{1,40}") {
        let h = content_disposition_for(&name);
        prop_assert_eq!(filename_from_content_disposition(&h), Some(name));
    }
}
