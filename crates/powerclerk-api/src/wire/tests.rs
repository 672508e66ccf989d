use super::*;
use crate::models::{FormSchema, ProjectData, ProjectsPage};

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Wrapped<T> {
    project: T,
}

fn read<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let d = Dialect::default();
    let v = parse(body, 200, "form X of project INTG-00256", &d)?.expect("a body");
    typed(v, "form X of project INTG-00256", 200)
}

#[test]
fn a_bom_and_camel_case_and_numbers_are_read() {
    let body = "\u{FEFF}{\"project\":{\"projectNumber\":\"INTG-1\",\"dataFields\":[{\"dataFieldId\":\"A\",\"value\":0.5}]}}";
    let d: Wrapped<ProjectData> = read(body.as_bytes()).unwrap();
    assert_eq!(d.project.project.project_number.as_deref(), Some("INTG-1"));
    assert_eq!(d.project.field("a").unwrap().value.as_deref(), Some("0.5"));
}

#[test]
fn an_unreadable_property_is_named_with_what_was_found() {
    let body = br#"{"Project":{"DataFields":[{"DataFieldId":"A","Value":"x"},{"DataFieldId":"B","Value":{"x":1}}]}}"#;
    let e = read::<Wrapped<ProjectData>>(body).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::UnreadableAnswer);
    let text = e.to_string();
    assert!(
        text.starts_with("PowerClerk's answer about form X of project INTG-00256 has `Project.DataFields[1].Value` = an object; Clerkdesk expected text, a number or true/false."),
        "{text}"
    );
    assert!(!text.contains("invalid type"), "{text}");
    let details = e.details().unwrap().server_message.clone().unwrap();
    assert_eq!(details, "`Project.DataFields[1].Value` was: {\"x\":1}");
}

#[test]
fn not_json_is_said_without_the_parsers_words() {
    let e = read::<Wrapped<ProjectData>>(b"{\"Project\": tru").unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::UnexpectedResponse);
    let details = e.details().unwrap().server_message.clone().unwrap();
    assert!(details.contains("is not JSON"), "{details}");
    assert!(!details.contains("line 1"), "{details}");
}

#[test]
fn empty_bodies_are_none() {
    let d = Dialect::default();
    assert!(parse(b"", 204, "x", &d).unwrap().is_none());
    assert!(parse(b"\xEF\xBB\xBF \n", 200, "x", &d).unwrap().is_none());
}

#[test]
fn schema_types_as_numbers_and_pages_with_hints() {
    let schema: Result<serde_json::Value, _> = read::<serde_json::Value>(
        br#"{"form":{"dataFields":[{"dataFieldId":"A","type":1,"required":"true"}]}}"#,
    );
    let v = schema.unwrap();
    let s: FormSchema = serde_json::from_value(v["Form"].clone()).unwrap();
    assert_eq!(s.data_fields[0].r#type, crate::FieldType::Number);
    assert!(s.data_fields[0].required);
    let page: ProjectsPage = read(br#"{"projects":[],"totalCount":"230"}"#).unwrap();
    assert_eq!(page.total_count, Some(230));
}

#[test]
fn what_was_seen_is_kept() {
    let d = Dialect::default();
    parse(
        b"\xEF\xBB\xBF{\"project\":{\"dataFields\":[{\"dataFieldId\":\"A\",\"value\":1}]}}",
        200,
        "x",
        &d,
    )
    .unwrap();
    let o = d.observed();
    assert!(o.bom && o.typed_values);
    assert_eq!(o.other_key_case.as_deref(), Some("project"));
    assert_eq!(d.value_form("a"), Some(ValueForm::Number));
}
