//! What Clerkdesk has noticed about how this server writes its answers where that differs
//! from the contract's documented form — adapted to as it is read, and reported by the
//! compatibility check.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

/// Most unknown property names kept (the first seen).
const MAX_UNKNOWN_KEYS: usize = 12;

/// The server's ways of writing, as seen so far by one client.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Observed {
    /// JSON answers read.
    pub answers: u32,
    /// A UTF-8 byte-order mark came before the JSON.
    pub bom: bool,
    /// A property name in another letter case than documented (the first seen).
    pub other_key_case: Option<String>,
    /// A field value written as a JSON number or true/false rather than text.
    pub typed_values: bool,
    /// A field's value written as a date with a time part (`2026-11-14T00:00:00`).
    pub dates_with_time: bool,
    /// A timestamp without an offset (`2026-11-14T10:00:00`).
    pub timestamps_without_offset: bool,
    /// A timestamp with an offset or `Z`.
    pub timestamps_with_offset: bool,
    /// A schema field's type written as a number.
    pub enum_numbers: bool,
    /// Properties the contract does not name (the first few seen).
    pub unknown_keys: Vec<String>,
    /// GetProjects gave at most this many projects a page although more were asked for and
    /// more existed.
    pub page_cap: Option<u32>,
    /// A write was answered without a body, or with one not in the documented shape.
    pub write_without_body: bool,
    /// Shapes of error answers seen ("Message", "ModelState", "problem details", "text",
    /// "WWW-Authenticate").
    pub error_styles: Vec<String>,
    /// Headers a 429 gave its wait in ("Retry-After", "RateLimit-Reset",
    /// "X-Rate-Limit-Reset").
    pub rate_limit_hints: Vec<String>,
    /// A download came without a file name.
    pub download_without_name: bool,
}

/// How the server wrote a field's value, so that a changed value goes back the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueForm {
    /// A JSON number.
    Number,
    /// JSON true / false.
    Bool,
}

/// What one answer showed; merged into the client's [`Dialect`] when the answer is read.
#[derive(Default)]
pub(crate) struct Notes {
    pub(crate) bom: bool,
    pub(crate) other_key_case: Option<String>,
    pub(crate) typed_values: bool,
    pub(crate) dates_with_time: bool,
    pub(crate) timestamps_without_offset: bool,
    pub(crate) timestamps_with_offset: bool,
    pub(crate) enum_numbers: bool,
    pub(crate) unknown_keys: Vec<String>,
    /// (folded field id, form) for every typed value seen.
    pub(crate) value_forms: Vec<(String, ValueForm)>,
}

/// One client's knowledge of its server's ways.
#[derive(Default)]
pub(crate) struct Dialect {
    observed: Mutex<Observed>,
    value_forms: Mutex<HashMap<String, ValueForm>>,
    /// Number and checkbox fields of the schemas read (folded ids), for fields whose value
    /// has not been seen yet.
    typed_fields: Mutex<HashMap<String, ValueForm>>,
}

fn push_once(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|s| s == item) {
        list.push(item.to_string());
    }
}

impl Dialect {
    /// A copy of what has been seen.
    pub(crate) fn observed(&self) -> Observed {
        self.observed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Changes the observations under the lock.
    pub(crate) fn note(&self, f: impl FnOnce(&mut Observed)) {
        f(&mut self.observed.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// Records an error body's shape.
    pub(crate) fn note_error_style(&self, style: &str) {
        self.note(|o| push_once(&mut o.error_styles, style));
    }

    /// Records which header gave a 429's wait.
    pub(crate) fn note_rate_limit_hint(&self, header: &str) {
        self.note(|o| push_once(&mut o.rate_limit_hints, header));
    }

    /// Merges what one answer showed.
    pub(crate) fn merge(&self, n: Notes) {
        self.note(|o| {
            o.answers += 1;
            o.bom |= n.bom;
            if o.other_key_case.is_none() {
                o.other_key_case = n.other_key_case;
            }
            o.typed_values |= n.typed_values;
            o.dates_with_time |= n.dates_with_time;
            o.timestamps_without_offset |= n.timestamps_without_offset;
            o.timestamps_with_offset |= n.timestamps_with_offset;
            o.enum_numbers |= n.enum_numbers;
            for k in &n.unknown_keys {
                if o.unknown_keys.len() < MAX_UNKNOWN_KEYS {
                    push_once(&mut o.unknown_keys, k);
                }
            }
        });
        if !n.value_forms.is_empty() {
            let mut forms = self.value_forms.lock().unwrap_or_else(|e| e.into_inner());
            forms.extend(n.value_forms);
        }
    }

    /// Remembers the number and checkbox fields of a schema.
    pub(crate) fn note_schema(&self, schema: &crate::models::FormSchema) {
        use crate::models::FieldType;
        let mut typed = self.typed_fields.lock().unwrap_or_else(|e| e.into_inner());
        for f in &schema.data_fields {
            let form = match f.r#type {
                FieldType::Number => ValueForm::Number,
                FieldType::Checkbox => ValueForm::Bool,
                _ => continue,
            };
            for id in std::iter::once(&f.data_field_id).chain(f.custom_id.as_ref()) {
                typed.insert(id.to_lowercase(), form);
            }
        }
    }

    /// How the server writes this field's value (by generated or custom id, any case): as
    /// it wrote this field, else — once it has written any value typed — by the field's
    /// type in the schema; `None`: as text.
    pub(crate) fn value_form(&self, field: &str) -> Option<ValueForm> {
        let key = field.to_lowercase();
        let seen = self
            .value_forms
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .copied();
        seen.or_else(|| {
            if !self.observed().typed_values {
                return None;
            }
            self.typed_fields
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&key)
                .copied()
        })
    }
}
