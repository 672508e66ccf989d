//! Content-Disposition as the simulator reads it on upload and writes it on download (D11).
//! The stored name is kept verbatim — hostile names included — because making it safe is
//! the client's job.

use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};

/// `attachment; filename="..."`, escaping quotes and backslashes, plus `filename*` when the
/// name is not plain printable ASCII.
pub fn header_for(name: &str) -> String {
    let plain = name.chars().all(|c| c.is_ascii() && !c.is_ascii_control());
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    if plain {
        format!("attachment; filename=\"{fallback}\"")
    } else {
        format!(
            "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
            utf8_percent_encode(name, NON_ALPHANUMERIC)
        )
    }
}

/// The file name of an upload: `filename*=UTF-8''...` first, then `filename="..."` or a
/// bare `filename=...`.
pub fn parse_filename(header: &str) -> Option<String> {
    let mut plain = None;
    let mut rest = header;
    while let Some(i) = rest.find(';') {
        rest = rest[i + 1..].trim_start();
        let (key, after) = rest.split_once('=')?;
        let key = key.trim().to_ascii_lowercase();
        let (value, remaining) = if let Some(q) = after.strip_prefix('"') {
            let mut v = String::new();
            let mut chars = q.char_indices();
            let mut end = q.len();
            while let Some((idx, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            v.push(n)
                        }
                    }
                    '"' => {
                        end = idx + 1;
                        break;
                    }
                    c => v.push(c),
                }
            }
            (v, &q[end..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_string(), &after[end..])
        };
        if key == "filename*" {
            if let Some(enc) = value
                .strip_prefix("UTF-8''")
                .or_else(|| value.strip_prefix("utf-8''"))
            {
                if let Ok(s) = percent_decode_str(enc).decode_utf8() {
                    return Some(s.into_owned());
                }
            }
        } else if key == "filename" && plain.is_none() {
            plain = Some(value);
        }
        rest = remaining;
    }
    plain.filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for name in ["a.pdf", "été.pdf", "we\"ird\\.pdf", "semi;colon.pdf"] {
            assert_eq!(
                parse_filename(&header_for(name)).as_deref(),
                Some(name),
                "{name}"
            );
        }
        assert_eq!(
            parse_filename("attachment; filename=x.pdf").as_deref(),
            Some("x.pdf")
        );
        assert_eq!(parse_filename("attachment"), None);
    }
}
