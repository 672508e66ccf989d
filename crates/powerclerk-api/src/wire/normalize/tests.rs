use serde_json::json;

use super::*;

fn normalized(mut v: Value) -> (Value, Notes) {
    let mut notes = Notes::default();
    normalize(&mut v, &mut notes);
    (v, notes)
}

#[test]
fn camel_case_and_typed_values_become_the_documented_form() {
    let (v, notes) = normalized(json!({"project": {
        "projectId": 7, "canSubmit": "True",
        "dataFields": [
            {"dataFieldId": "RATING", "value": 0.5},
            {"dataFieldId": "OK", "customId": "OK_FLAG", "value": true},
            {"dataFieldId": "STUDY_DATE", "value": "2026-11-14T00:00:00"},
            {"dataFieldId": "TAGS", "values": [1, "b"]},
            {"dataFieldId": "NOTE", "value": null, "extra": {"deep": [1]}}
        ]
    }}));
    assert_eq!(
        v,
        json!({"Project": {
            "ProjectId": "7", "CanSubmit": true,
            "DataFields": [
                {"DataFieldId": "RATING", "Value": "0.5"},
                {"DataFieldId": "OK", "CustomId": "OK_FLAG", "Value": "true"},
                {"DataFieldId": "STUDY_DATE", "Value": "2026-11-14"},
                {"DataFieldId": "TAGS", "Values": ["1", "b"]},
                {"DataFieldId": "NOTE", "Value": null, "extra": {"deep": [1]}}
            ]
        }})
    );
    assert_eq!(notes.other_key_case.as_deref(), Some("project"));
    assert!(notes.typed_values && notes.dates_with_time);
    assert_eq!(
        notes.unknown_keys,
        vec!["extra".to_string(), "deep".to_string()]
    );
    assert!(notes
        .value_forms
        .contains(&("rating".into(), ValueForm::Number)));
    assert!(notes
        .value_forms
        .contains(&("ok_flag".into(), ValueForm::Bool)));
    assert!(notes
        .value_forms
        .contains(&("tags".into(), ValueForm::Number)));
}

#[test]
fn field_types_by_name_in_any_case_or_by_number() {
    let (v, notes) = normalized(json!({"Form": {"DataFields": [
        {"Type": 1}, {"Type": "multiChoice"}, {"Type": "CHECKBOX"}, {"Type": 99}, {"Type": "4"}
    ]}}));
    let types: Vec<&str> = v["Form"]["DataFields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["Type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["Number", "MultiChoice", "Checkbox", "Other", "Choice"]
    );
    assert!(notes.enum_numbers);
}

#[test]
fn timestamps_without_an_offset_are_read_as_utc() {
    let (v, notes) = normalized(json!({"Projects": [
        {"LastChangeTimestamp": "2026-11-14T10:00:00.1234567"},
        {"LastChangeTimestamp": "2026-11-14T10:00:00-08:00"},
        {"LastChangeTimestamp": "2026-11-14"},
        {"LastChangeTimestamp": "soon"}
    ]}));
    let p = v["Projects"].as_array().unwrap();
    assert_eq!(
        p[0]["LastChangeTimestamp"],
        "2026-11-14T10:00:00.123456700Z"
    );
    assert_eq!(p[1]["LastChangeTimestamp"], "2026-11-14T10:00:00-08:00");
    assert_eq!(p[2]["LastChangeTimestamp"], "2026-11-14T00:00:00Z");
    assert_eq!(p[3]["LastChangeTimestamp"], "soon");
    assert!(notes.timestamps_without_offset && notes.timestamps_with_offset);
}

#[test]
fn only_midnight_date_times_become_dates() {
    assert_eq!(
        midnight_date("2026-11-14T00:00:00").as_deref(),
        Some("2026-11-14")
    );
    assert_eq!(
        midnight_date("2026-11-14T00:00:00.0000000Z").as_deref(),
        Some("2026-11-14")
    );
    assert_eq!(
        midnight_date("2026-11-14T00:00:00-08:00").as_deref(),
        Some("2026-11-14")
    );
    assert_eq!(
        midnight_date("2026-11-14 00:00").as_deref(),
        Some("2026-11-14")
    );
    assert_eq!(midnight_date("2026-11-14T09:30:00"), None);
    assert_eq!(midnight_date("2026-11-14"), None);
    assert_eq!(midnight_date("Pass"), None);
}

#[test]
fn a_status_or_owner_given_by_name_becomes_an_object() {
    let (v, _) = normalized(json!({"currentStatus": "Technical Review", "projectOwner": "Ana"}));
    assert_eq!(v["CurrentStatus"]["Name"], "Technical Review");
    assert_eq!(v["ProjectOwner"]["Name"], "Ana");
}
