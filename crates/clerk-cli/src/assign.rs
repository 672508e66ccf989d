//! Parsing `FIELD=VALUE` and `FIELD[]=VALUE` arguments into draft updates.

use powerclerk_api::{FieldUpdate, FormSchema};

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

/// Resolves field names to ids with the schema and groups list values, keeping the order
/// of first appearance.
pub fn updates(args: &[Assignment], schema: &FormSchema) -> Result<Vec<FieldUpdate>, String> {
    let mut out: Vec<FieldUpdate> = Vec::new();
    for a in args {
        let def = schema
            .data_fields
            .iter()
            .find(|f| {
                f.data_field_id == a.field || f.custom_id.as_deref() == Some(a.field.as_str())
            })
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
        match out.iter_mut().find(|u| u.data_field_id == id) {
            Some(u) if a.list && u.values.is_some() => {
                u.values.as_mut().expect("checked").push(a.value.clone())
            }
            Some(_) => {
                return Err(format!(
                    "The field \"{}\" is given more than once.",
                    a.field
                ))
            }
            None if a.list => out.push(FieldUpdate::values(id, vec![a.value.clone()])),
            None => out.push(FieldUpdate::value(id, a.value.clone())),
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
}
