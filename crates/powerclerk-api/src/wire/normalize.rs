//! Rewrites an answer into the contract's documented form before the typed readers see it:
//! property names in PascalCase, field values as text, dates without a midnight time part,
//! timestamps with an offset, schema types by name. What it had to change is noted.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

use super::keys;
use super::observed::{Notes, ValueForm};

/// D7's field types, in the order a .NET enum would number them.
const FIELD_TYPES: [&str; 6] = [
    "Text",
    "Number",
    "Date",
    "Checkbox",
    "Choice",
    "MultiChoice",
];

/// Rewrites `v` in place.
pub(crate) fn normalize(v: &mut Value, notes: &mut Notes) {
    match v {
        Value::Object(map) => {
            rename_keys(map, notes);
            note_value_form(map, notes);
            for (k, val) in map.iter_mut() {
                fix(k, val, notes);
                normalize(val, notes);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| normalize(x, notes)),
        _ => {}
    }
}

fn rename_keys(map: &mut Map<String, Value>, notes: &mut Notes) {
    if map.keys().all(|k| keys::CANONICAL.contains(&k.as_str())) {
        return;
    }
    let old = std::mem::take(map);
    for (k, val) in old {
        let key = match keys::canonical(&k) {
            Some(c) => {
                if c != k && notes.other_key_case.is_none() {
                    notes.other_key_case = Some(k.clone());
                }
                c.to_string()
            }
            None => {
                if !notes.unknown_keys.contains(&k) {
                    notes.unknown_keys.push(k.clone());
                }
                k
            }
        };
        map.insert(key, val);
    }
}

/// Remembers a field whose value the server wrote as a number or true/false, by both ids.
fn note_value_form(map: &Map<String, Value>, notes: &mut Notes) {
    let first = match (map.get("Value"), map.get("Values")) {
        (Some(v), _) if !v.is_null() => Some(v),
        (_, Some(Value::Array(vs))) => vs.first(),
        _ => None,
    };
    let form = match first {
        Some(Value::Number(_)) => ValueForm::Number,
        Some(Value::Bool(_)) => ValueForm::Bool,
        _ => return,
    };
    notes.typed_values = true;
    for id in ["DataFieldId", "CustomId"] {
        if let Some(id) = map.get(id).and_then(scalar_text) {
            notes.value_forms.push((id.to_lowercase(), form));
        }
    }
}

/// A scalar as text (`0.5`, `true`, `"x"`); `None` for null, lists and objects.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn to_text(v: &mut Value) {
    if matches!(v, Value::Number(_) | Value::Bool(_)) {
        *v = Value::String(scalar_text(v).unwrap_or_default());
    }
}

fn fix(key: &str, v: &mut Value, notes: &mut Notes) {
    match key {
        "Value" => {
            to_text(v);
            date_only(v, notes);
        }
        "Values" | "Choices" | "AllowedExtensions" => {
            if let Value::Array(items) = v {
                for x in items {
                    to_text(x);
                    if key == "Values" {
                        date_only(x, notes);
                    }
                }
            }
        }
        "Type" => field_type(v, notes),
        "Required" | "Repeating" | "CanSubmit" => boolean(v),
        "FileSize" | "TotalCount" => {
            if let Some(n) = v.as_str().and_then(|s| s.trim().parse::<u64>().ok()) {
                *v = Value::from(n);
            }
        }
        "Timestamp" | "LastChangeTimestamp" | "RequestTimestamp" => timestamp(v, notes),
        "CurrentStatus" | "LeadsToStatus" | "ProjectOwner" | "Owner" => {
            // A status or owner written as its bare name.
            if let Some(name) = scalar_text(v) {
                *v = serde_json::json!({ "Name": name });
            }
        }
        k if k.ends_with("Id") || matches!(k, "ProjectNumber" | "Name" | "FileName") => to_text(v),
        _ => {}
    }
}

fn boolean(v: &mut Value) {
    let b = match v {
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => true,
            "false" | "no" | "0" | "" => false,
            _ => return,
        },
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        _ => return,
    };
    *v = Value::Bool(b);
}

fn field_type(v: &mut Value, notes: &mut Notes) {
    let name = match v {
        Value::Number(n) => {
            notes.enum_numbers = true;
            n.as_u64()
                .and_then(|i| FIELD_TYPES.get(i as usize))
                .copied()
                .unwrap_or("Other")
        }
        Value::String(s) => {
            let folded: String = s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            match folded.parse::<usize>() {
                Ok(i) => {
                    notes.enum_numbers = true;
                    FIELD_TYPES.get(i).copied().unwrap_or("Other")
                }
                Err(_) => FIELD_TYPES
                    .iter()
                    .copied()
                    .find(|t| t.to_lowercase() == folded)
                    .unwrap_or("Other"),
            }
        }
        _ => return,
    };
    *v = Value::String(name.into());
}

/// `2026-11-14T00:00:00` (any fraction of zeros, any offset) → `2026-11-14`.
fn date_only(v: &mut Value, notes: &mut Notes) {
    let Value::String(s) = v else { return };
    if let Some(day) = midnight_date(s) {
        notes.dates_with_time = true;
        *s = day;
    }
}

/// The date of a date-time at midnight, as `YYYY-MM-DD`.
pub fn midnight_date(s: &str) -> Option<String> {
    let (date, time) = s.trim().split_once(['T', ' '])?;
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = strip_offset(time);
    let t = NaiveTime::parse_from_str(time, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()?;
    (t == NaiveTime::MIN).then(|| day.format("%Y-%m-%d").to_string())
}

/// The time part without a trailing `Z` or `±hh:mm` / `±hhmm`.
fn strip_offset(time: &str) -> &str {
    let time = time.trim_end_matches(['Z', 'z']);
    match time.rfind(['+', '-']) {
        Some(i) if i >= 5 => &time[..i],
        _ => time,
    }
}

/// A timestamp with no offset is read as UTC (decision D16, noted for the check); a date
/// alone as its midnight.
fn timestamp(v: &mut Value, notes: &mut Notes) {
    let Value::String(s) = v else { return };
    let t = s.trim();
    if chrono::DateTime::parse_from_rfc3339(t).is_ok() {
        notes.timestamps_with_offset = true;
        return;
    }
    let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        });
    if let Some(n) = naive {
        notes.timestamps_without_offset = true;
        *s = n.format("%Y-%m-%dT%H:%M:%S%.fZ").to_string();
    }
}

#[cfg(test)]
mod tests;
