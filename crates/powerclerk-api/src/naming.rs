//! Turning a server-given file name into a safe local path. The name in
//! `Content-Disposition` is never trusted: only its last component is kept, characters that
//! are special to any of our operating systems are replaced, and the result always lies
//! directly inside the folder the user chose and never replaces an existing file.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

/// Longest file name we create, in bytes (most file systems allow 255).
pub const MAX_NAME_BYTES: usize = 200;

/// Used when the server gives no usable name.
pub const FALLBACK_NAME: &str = "attachment";

/// Extracts the file name from a `Content-Disposition` header: `filename*` (RFC 5987/6266)
/// wins over `filename`, which may be quoted (with backslash escapes) or a bare token.
pub fn filename_from_content_disposition(header: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for (key, value) in parameters(header) {
        match key.to_ascii_lowercase().as_str() {
            "filename*" => extended = extended.or_else(|| decode_ext_value(&value)),
            "filename" => plain = plain.or(Some(value)),
            _ => {}
        }
    }
    extended.or(plain).filter(|n| !n.is_empty())
}

/// Splits `type; a=b; c="d;e"` into its parameters, honouring quotes and escapes.
fn parameters(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = header.chars().peekable();
    // Skip the disposition type.
    for c in chars.by_ref() {
        if c == ';' {
            break;
        }
    }
    loop {
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            chars.next();
            if c == '=' {
                break;
            }
            if c == ';' {
                key.clear();
                continue;
            }
            key.push(c);
        }
        let key = key.trim().to_string();
        if key.is_empty() && chars.peek().is_none() {
            break;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    // An escape only before a quote or a backslash: servers that send
                    // Windows paths unescaped must not have their separators swallowed.
                    '\\' => match chars.peek() {
                        Some('"' | '\\') => value.push(chars.next().expect("peeked")),
                        _ => value.push('\\'),
                    },
                    '"' => break,
                    c => value.push(c),
                }
            }
            for c in chars.by_ref() {
                if c == ';' {
                    break;
                }
            }
        } else {
            for c in chars.by_ref() {
                if c == ';' {
                    break;
                }
                value.push(c);
            }
            value = value.trim().to_string();
        }
        if !key.is_empty() {
            out.push((key, value));
        }
        if chars.peek().is_none() {
            break;
        }
    }
    out
}

/// `UTF-8'lang'percent%20encoded` → text. ISO-8859-1 is decoded too; other charsets are
/// refused (the plain `filename` is then used).
fn decode_ext_value(v: &str) -> Option<String> {
    let mut parts = v.splitn(3, '\'');
    let charset = parts.next()?.trim();
    let _lang = parts.next()?;
    let encoded = parts.next()?;
    let bytes: Vec<u8> = percent_decode_str(encoded.trim_matches('"')).collect();
    match charset.to_ascii_lowercase().as_str() {
        "utf-8" => String::from_utf8(bytes).ok(),
        "iso-8859-1" => Some(bytes.iter().map(|&b| b as char).collect()),
        _ => None,
    }
}

/// Characters that are invisible or reorder text: controls, every Unicode
/// Default_Ignorable_Code_Point (zero-width spaces and joiners, U+2060 word joiner, variation
/// selectors, tag characters, ...) and every Bidi_Control ("invoice\u{202E}fdp.exe"). The
/// tables are ICU4X's (`icu_properties`), not a hand list, so new code points are covered.
fn is_invisible_or_control(c: char) -> bool {
    use icu_properties::props::{BidiControl, BinaryProperty, DefaultIgnorableCodePoint};
    c.is_control() || DefaultIgnorableCodePoint::for_char(c) || BidiControl::for_char(c)
}

const WINDOWS_DEVICES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A name that is safe as one file name on Windows, macOS and Linux.
pub fn sanitize_file_name(raw: &str) -> String {
    // Last component only, whichever separator the server used.
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = last
        .chars()
        .filter(|c| !is_invisible_or_control(*c))
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c => c,
        })
        .collect();
    // Windows drops trailing dots and spaces (so "a.pdf." would be "a.pdf"); leading dots
    // would hide the file on macOS and Linux.
    name = name
        .trim_end_matches(['.', ' '])
        .trim_start_matches(['.', ' '])
        .to_string();
    if name.is_empty() {
        return FALLBACK_NAME.to_string();
    }
    let stem = name.split('.').next().unwrap_or("").trim_end();
    let device_stem = stem.to_ascii_uppercase();
    if WINDOWS_DEVICES.contains(&device_stem.as_str())
        || ((device_stem.starts_with("COM") || device_stem.starts_with("LPT"))
            && matches!(device_stem.chars().nth(3), Some('¹' | '²' | '³'))
            && device_stem.chars().count() == 4)
    {
        name = format!("_{name}");
    }
    cap_length(&name, MAX_NAME_BYTES)
}

/// Shortens a name to `max` bytes, keeping its extension and whole characters.
fn cap_length(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if name.len() - i <= 16 && i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let mut cut = max.saturating_sub(ext.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{}", stem[..cut].trim_end_matches(['.', ' ']), ext)
}

/// `name.pdf`, `name (2).pdf`, `name (3).pdf`, ...
pub fn numbered_name(name: &str, n: u32) -> String {
    if n <= 1 {
        return name.to_string();
    }
    match name.rfind('.') {
        Some(i) if i > 0 => format!("{} ({n}){}", &name[..i], &name[i..]),
        _ => format!("{name} ({n})"),
    }
}

/// True when `path` is `dir` joined with exactly one ordinary component.
pub fn is_directly_inside(dir: &Path, path: &Path) -> bool {
    let mut comps = path
        .strip_prefix(dir)
        .map(|p| p.components())
        .into_iter()
        .flatten();
    matches!(comps.next(), Some(Component::Normal(_))) && comps.next().is_none()
}

/// The safe path in `dir` for a server-given name, not yet taken. The caller must still
/// create it with `create_new` (see [`reserve_path`]) to avoid a race.
pub fn safe_path_in(dir: &Path, raw_name: &str) -> PathBuf {
    let name = sanitize_file_name(raw_name);
    (1..)
        .map(|n| dir.join(numbered_name(&name, n)))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Atomically reserves a new file in `dir` for `name` (adding ` (2)` etc. when taken);
/// returns its path. The placeholder is empty until the caller renames the finished file
/// over it.
pub fn reserve_path(dir: &Path, name: &str) -> std::io::Result<PathBuf> {
    let name = sanitize_file_name(name);
    for n in 1..10_000 {
        let candidate = dir.join(numbered_name(&name, n));
        if !is_directly_inside(dir, &candidate) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "unsafe file name",
            ));
        }
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(_) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many files with this name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_forms() {
        let cases = [
            (r#"attachment; filename="sld.pdf""#, "sld.pdf"),
            ("attachment; filename=sld.pdf", "sld.pdf"),
            ("attachment;filename=sld.pdf ; size=3", "sld.pdf"),
            (
                r#"attachment; filename="a \"quoted\" name.pdf""#,
                r#"a "quoted" name.pdf"#,
            ),
            (
                r#"attachment; filename="semi;colon.pdf"; x=1"#,
                "semi;colon.pdf",
            ),
            (
                r#"attachment; filename="rates.pdf"; filename*=UTF-8''%E2%82%AC%20rates.pdf"#,
                "€ rates.pdf",
            ),
            (
                r#"attachment; filename*=UTF-8''na%C3%AFve.pdf; filename="naive.pdf""#,
                "naïve.pdf",
            ),
            ("attachment; filename*=iso-8859-1'en'%E9t%E9.pdf", "été.pdf"),
            (r#"attachment; FILENAME="upper.pdf""#, "upper.pdf"),
            (
                r#"attachment; filename*=KOI8-R''%C1.pdf; filename="k.pdf""#,
                "k.pdf",
            ),
        ];
        for (h, want) in cases {
            assert_eq!(
                filename_from_content_disposition(h).as_deref(),
                Some(want),
                "{h}"
            );
        }
        assert_eq!(filename_from_content_disposition("attachment"), None);
        assert_eq!(
            filename_from_content_disposition(r#"attachment; filename="""#),
            None
        );
    }

    #[test]
    fn sanitising() {
        assert_eq!(sanitize_file_name("report.pdf"), "report.pdf");
        assert_eq!(sanitize_file_name("C:\\Windows\\evil.dll"), "evil.dll");
        assert_eq!(sanitize_file_name("x/CON.txt"), "_CON.txt");
        assert_eq!(sanitize_file_name("com1"), "_com1");
        assert_eq!(sanitize_file_name("COM¹.pdf"), "_COM¹.pdf");
        assert_eq!(sanitize_file_name("console.pdf"), "console.pdf");
        assert_eq!(sanitize_file_name(".."), FALLBACK_NAME);
        assert_eq!(sanitize_file_name("a.pdf. . "), "a.pdf");
        assert_eq!(
            sanitize_file_name("in\u{2060}voice\u{202E}fdp.exe"),
            "invoicefdp.exe"
        );
        assert_eq!(
            sanitize_file_name("a\u{E0041}\u{FE0F}\u{180B}b.pdf"),
            "ab.pdf"
        );
        assert_eq!(numbered_name("a.pdf", 2), "a (2).pdf");
        assert_eq!(numbered_name("README", 3), "README (3)");
        let long = format!("{}.pdf", "é".repeat(300));
        let s = sanitize_file_name(&long);
        assert!(s.len() <= MAX_NAME_BYTES && s.ends_with(".pdf"), "{s}");
    }
}
