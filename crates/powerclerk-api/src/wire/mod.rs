//! Reading an answer by what it means, not by one guess at its form: a byte-order mark,
//! property names in any letter case, values as text, numbers or true/false, timestamps with
//! or without an offset, enums by name or number — all rewritten into the documented form
//! ([`normalize`]) before the typed readers see them. Where an answer truly cannot be read,
//! the error names the call, the property and what was found, never the parser's words.

mod keys;
mod normalize;
mod observed;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decisions;
use crate::error::{Details, Error};
use crate::response::{html_excerpt, looks_like_html};
pub use normalize::midnight_date;
pub use observed::Observed;
pub(crate) use observed::{Dialect, Notes, ValueForm};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes without a leading UTF-8 byte-order mark (and whether there was one).
pub(crate) fn strip_bom(bytes: &[u8]) -> (&[u8], bool) {
    match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    }
}

/// The body as JSON in the documented form; `Ok(None)` when it is empty (a `204` or an
/// empty `200`). What had to be changed is noted in `dialect`.
pub(crate) fn parse(
    bytes: &[u8],
    status: u16,
    what: &str,
    dialect: &Dialect,
) -> Result<Option<Value>, Error> {
    let (body, bom) = strip_bom(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let mut value: Value = serde_json::from_slice(body).map_err(|_| {
        let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
        if looks_like_html(&text) {
            Error::HtmlPage {
                details: Details::http(status, Some(html_excerpt(&text))),
            }
        } else {
            Error::UnexpectedResponse {
                details: Details::http(
                    status,
                    Some(format!(
                        "The answer to '{what}' is not JSON; it starts with: {}",
                        excerpt(&text)
                    )),
                ),
            }
        }
    })?;
    let mut notes = Notes {
        bom,
        ..Notes::default()
    };
    normalize::normalize(&mut value, &mut notes);
    dialect.merge(notes);
    Ok(Some(value))
}

/// The start of a text, on one line, for the details of an unreadable answer.
fn excerpt(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(decisions::RAW_ERROR_BODY_CHARS)
        .collect();
    one_line.trim().to_string()
}

/// Reads a normalised answer into `T`; a value of the wrong kind becomes
/// [`Error::Unreadable`] naming the call and the property.
pub(crate) fn typed<T: DeserializeOwned>(
    value: Value,
    what: &str,
    status: u16,
) -> Result<T, Error> {
    match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(t) => Ok(t),
        Err(e) => {
            let path = e.path().clone();
            let at_value = find(&value, &path);
            let found = describe(at_value);
            // For Details: what was there, shortened (the caller redacts known secrets).
            let shown = at_value
                .map(|v| excerpt(&serde_json::to_string(v).unwrap_or_default()))
                .map(|x| format!("`{}` was: {x}", path));
            let at = path.to_string();
            let last = path
                .iter()
                .filter_map(|s| match s {
                    serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
                    _ => None,
                })
                .next_back()
                .unwrap_or("");
            Err(Error::Unreadable {
                place: Box::new(crate::error::UnreadablePlace {
                    call: what.to_string(),
                    at: if at == "." { "the answer".into() } else { at },
                    found,
                    expected: expected_for(last).to_string(),
                }),
                details: Details::http(status, shown),
            })
        }
    }
}

/// The value at a deserialiser's path, when it is there.
fn find<'a>(root: &'a Value, path: &serde_path_to_error::Path) -> Option<&'a Value> {
    let mut at = root;
    for seg in path.iter() {
        at = match seg {
            serde_path_to_error::Segment::Seq { index } => at.get(*index)?,
            serde_path_to_error::Segment::Map { key } => at.get(key.as_str())?,
            _ => return Some(at),
        };
    }
    Some(at)
}

/// A value's kind in words.
fn describe(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "missing".into(),
        Some(Value::Object(_)) => "an object".into(),
        Some(Value::Array(_)) => "a list".into(),
        Some(Value::Bool(b)) => format!("{b}"),
        Some(Value::Number(_)) => "a number".into(),
        Some(Value::String(_)) => "text".into(),
    }
}

/// What Clerkdesk reads in a property, in words.
fn expected_for(key: &str) -> &'static str {
    match key {
        "Value" => "text, a number or true/false",
        "Values" | "Choices" | "AllowedExtensions" => "a list of texts",
        "Required" | "Repeating" | "CanSubmit" => "true or false",
        "FileSize" => "a number of bytes",
        "Timestamp" | "LastChangeTimestamp" | "RequestTimestamp" => "a date and time",
        "Projects"
        | "Programs"
        | "Forms"
        | "DataFields"
        | "Attachments"
        | "AvailableInStatuses" => "a list",
        "" => "an object",
        k if k.ends_with("Id") || k == "Name" || k == "ProjectNumber" => "text or a number",
        _ => "another kind of value",
    }
}

#[cfg(test)]
mod tests;

/// Reads an answer body exactly as the client does (byte-order mark, any letter case,
/// typed values, …) into `T`: for tools and tests that hold a body from elsewhere.
pub fn read_answer<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, Error> {
    let v =
        parse(bytes, 200, what, &Dialect::default())?.ok_or_else(|| Error::UnexpectedResponse {
            details: Details::http(200, Some(format!("The answer to '{what}' was empty."))),
        })?;
    typed(v, what, 200)
}
