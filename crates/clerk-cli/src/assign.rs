//! Parsing `FIELD=VALUE` and `FIELD[]=VALUE` arguments into draft updates.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use clerkdesk_core::edits::EditValue;
use powerclerk_api::FormSchema;

/// One parsed argument.
#[derive(Debug, PartialEq)]
pub struct Assignment {
    /// As typed: custom id, id or field name.
    pub field: String,
    /// The value.
    pub value: String,
    /// `FIELD[]=VALUE`: part of a list.
    pub list: bool,
}

/// Splits `FIELD=VALUE`; the first `=` separates.
pub fn parse(arg: &str) -> Result<Assignment, String> {
    let (field, value) = arg
        .split_once('=')
        .ok_or_else(|| format!("\"{arg}\" is not FIELD=VALUE."))?;
    let (field, list) = match field.strip_suffix("[]") {
        Some(f) => (f, true),
        None => (field, false),
    };
    if field.trim().is_empty() {
        return Err(format!("\"{arg}\" has no field name before '='."));
    }
    Ok(Assignment {
        field: field.trim().to_string(),
        value: value.to_string(),
        list,
    })
}

/// Resolves field names to ids with the schema and groups list values: the edits a draft
/// save sends, in the shape the core's workflows take.
pub fn updates(
    args: &[Assignment],
    schema: &FormSchema,
) -> Result<BTreeMap<String, EditValue>, String> {
    let mut out = BTreeMap::new();
    for a in args {
        let def = schema
            .data_fields
            .iter()
            .find(|f| f.is(&a.field))
            .or_else(|| {
                schema
                    .data_fields
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case(&a.field))
            })
            .ok_or_else(|| {
                format!(
                    "The form {} has no field \"{}\". Run `clerk schema {}` to see its fields.",
                    schema.name,
                    a.field,
                    schema.custom_id.as_deref().unwrap_or(&schema.form_id)
                )
            })?;
        let id = def
            .custom_id
            .clone()
            .unwrap_or_else(|| def.data_field_id.clone());
        match out.entry(id) {
            Entry::Occupied(mut e) => match e.get_mut() {
                EditValue::Multi(values) if a.list => values.push(a.value.clone()),
                _ => {
                    return Err(format!(
                        "The field \"{}\" is given more than once.",
                        a.field
                    ))
                }
            },
            Entry::Vacant(e) if a.list => {
                e.insert(EditValue::Multi(vec![a.value.clone()]));
            }
            Entry::Vacant(e) => {
                e.insert(EditValue::Single(a.value.clone()));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        assert_eq!(
            parse("A=b=c").unwrap(),
            Assignment {
                field: "A".into(),
                value: "b=c".into(),
                list: false
            }
        );
        assert!(parse("A[]=x").unwrap().list);
        assert!(parse("novalue").is_err());
        assert!(parse("=x").is_err());
    }

    #[test]
    fn names_resolve_and_lists_group() {
        let field = |id: &str, custom: &str, name: &str| powerclerk_api::FieldDefinition {
            data_field_id: id.into(),
            custom_id: Some(custom.into()),
            name: name.into(),
            ..Default::default()
        };
        let schema = FormSchema {
            data_fields: vec![
                field("1", "HCA_ENGINEER", "HCA engineer"),
                field("2", "MITIGATIONS", "Mitigations"),
            ],
            ..Default::default()
        };
        let args: Vec<Assignment> = ["hca engineer=Ann", "MITIGATIONS[]=A", "Mitigations[]=B"]
            .iter()
            .map(|a| parse(a).unwrap())
            .collect();
        let got = updates(&args, &schema).unwrap();
        assert_eq!(got["HCA_ENGINEER"], EditValue::Single("Ann".into()));
        assert_eq!(
            got["MITIGATIONS"],
            EditValue::Multi(vec!["A".into(), "B".into()])
        );
        let twice: Vec<Assignment> = ["HCA_ENGINEER=a", "HCA_ENGINEER=b"]
            .iter()
            .map(|a| parse(a).unwrap())
            .collect();
        assert!(updates(&twice, &schema)
            .unwrap_err()
            .contains("more than once"));
        let unknown = [parse("NOPE=x").unwrap()];
        assert!(updates(&unknown, &schema)
            .unwrap_err()
            .contains("has no field"));
    }
}
