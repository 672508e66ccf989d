//! Unit tests of `models`.

use super::*;

#[test]
fn tolerant_parsing() {
    let d: ProjectData = serde_json::from_str(
        r#"{"ProjectId":"A","ProjectNumber":null,"LastChangeTimestamp":"2022-11-14T15:15:55.1234567-08:00",
            "CurrentStatus":{"StatusId":"S","Name":"Review","Timestamp":"garbage"},
            "CanSubmit":null,"DataFields":[{"DataFieldId":"F","Value":"x","Extra":1}],"Unknown":{}}"#,
    )
    .unwrap();
    assert_eq!(d.project.project_id, "A");
    assert!(d.project.last_change_timestamp.is_some());
    assert_eq!(d.project.current_status.as_ref().unwrap().timestamp, None);
    assert!(!d.can_submit);
    assert_eq!(d.field("F").unwrap().display_value(), "x");
    assert!(d.attachments.is_empty());
    let s: FieldDefinition =
        serde_json::from_str(r#"{"DataFieldId":"X","Type":"Signature"}"#).unwrap();
    assert_eq!(s.r#type, FieldType::Other);
}

#[test]
fn updates_serialise_value_or_values() {
    let j = serde_json::to_string(&[
        FieldUpdate::value("A", "1"),
        FieldUpdate::values("B", vec!["x".into(), "".into()]),
    ])
    .unwrap();
    assert_eq!(
        j,
        r#"[{"DataFieldId":"A","Value":"1"},{"DataFieldId":"B","Values":["x",""]}]"#
    );
}
