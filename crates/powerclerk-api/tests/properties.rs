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

/// Any JSON, nested a few levels, with the contract's property names in any letter case
/// among others: what a server could plausibly (or implausibly) send.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        Just("Project".to_string()),
        Just("project".to_string()),
        Just("DataFields".to_string()),
        Just("dataFields".to_string()),
        Just("Value".to_string()),
        Just("values".to_string()),
        Just("Type".to_string()),
        Just("LastChangeTimestamp".to_string()),
        Just("currentStatus".to_string()),
        Just("Projects".to_string()),
        Just("FileSize".to_string()),
        Just("CanSubmit".to_string()),
        "[a-zA-Z_]{1,10}",
    ];
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number)),
        any::<String>().prop_map(serde_json::Value::String),
        Just(serde_json::Value::String("2026-11-14T00:00:00".into())),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Wrapped {
    project: powerclerk_api::ProjectData,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn no_answer_shape_panics_or_shows_parser_words(v in any_json(), bom in any::<bool>()) {
        let mut body = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        body.extend(serde_json::to_vec(&v).unwrap());
        for e in [
            powerclerk_api::wire::read_answer::<Wrapped>(&body, "form X of project Y").err(),
            powerclerk_api::wire::read_answer::<powerclerk_api::ProjectsPage>(&body, "program P").err(),
            powerclerk_api::wire::read_answer::<powerclerk_api::FormSchema>(&body, "form X").err(),
        ]
        .into_iter()
        .flatten()
        {
            let text = e.to_string();
            for parser_words in ["invalid type", "expected struct", "at line", "column", "EOF", "missing field"] {
                prop_assert!(!text.contains(parser_words), "{text}");
            }
        }
    }
}
