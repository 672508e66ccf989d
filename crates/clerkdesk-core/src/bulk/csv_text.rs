//! The text of a CSV file in whichever encoding Excel saved it: UTF-8 with or without a
//! byte-order mark ("CSV UTF-8"), Windows-1252 ("CSV (Comma delimited)" on a US or Western
//! European Windows PC), or UTF-16 with its byte-order mark ("Unicode Text",
//! tab-separated). Anything else — a binary file, UTF-16 without a mark — is refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Which encoding a file was read in, as the preview names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// Windows-1252 (Excel's "CSV (Comma delimited)").
    Windows1252,
    /// UTF-16 with a byte-order mark (Excel's "Unicode Text").
    Utf16,
}

impl CsvEncoding {
    /// Its name for people.
    pub fn describe(self) -> &'static str {
        match self {
            CsvEncoding::Utf8 => "UTF-8",
            CsvEncoding::Utf8Bom => "UTF-8 (Excel's \"CSV UTF-8\")",
            CsvEncoding::Windows1252 => "Windows-1252 (Excel's \"CSV (Comma delimited)\")",
            CsvEncoding::Utf16 => "UTF-16 (Excel's \"Unicode Text\")",
        }
    }
}

/// True for text a spreadsheet holds: no control characters but tab and line ends (a
/// binary file, or UTF-16 read as single bytes, is full of them).
fn looks_like_text(s: &str) -> bool {
    !s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The file's text and its encoding; `None` when it is none of Excel's encodings.
pub fn decode(bytes: &[u8]) -> Option<(String, CsvEncoding)> {
    let bom: Option<(&'static Encoding, usize)> = Encoding::for_bom(bytes);
    let (text, encoding) = match bom {
        Some((enc, n)) if enc == UTF_8 => (
            std::str::from_utf8(&bytes[n..]).ok()?.to_string(),
            CsvEncoding::Utf8Bom,
        ),
        Some((enc, n)) if enc == UTF_16LE || enc == UTF_16BE => {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[n..]);
            if had_errors {
                return None;
            }
            (text.into_owned(), CsvEncoding::Utf16)
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), CsvEncoding::Utf8),
            Err(_) => {
                let (text, _, _) = WINDOWS_1252.decode(bytes);
                (text.into_owned(), CsvEncoding::Windows1252)
            }
        },
    };
    looks_like_text(&text).then_some((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excels_encodings_are_read() {
        assert_eq!(
            decode(b"Project,Notes\nINTG-1,caf\xe9 \x93ok\x94\n").unwrap(),
            (
                "Project,Notes\nINTG-1,café “ok”\n".to_string(),
                CsvEncoding::Windows1252
            )
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFa,b\n").unwrap(),
            ("a,b\n".into(), CsvEncoding::Utf8Bom)
        );
        assert_eq!(
            decode("a,é\n".as_bytes()).unwrap(),
            ("a,é\n".into(), CsvEncoding::Utf8)
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Project\tNotes\r\nINTG-1\tcafé\r\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16).unwrap(),
            (
                "Project\tNotes\r\nINTG-1\tcafé\r\n".into(),
                CsvEncoding::Utf16
            )
        );
    }

    #[test]
    fn other_bytes_are_refused() {
        // UTF-16 without its mark, and a binary file.
        let no_bom: Vec<u8> = "ab".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&no_bom), None);
        assert_eq!(decode(b"PK\x03\x04\x00\x00binary"), None);
        assert_eq!(
            decode(b"a,b\x81\n"),
            None,
            "a byte Windows-1252 leaves undefined"
        );
    }
}
