//! The deadlines file: `deadlines.json` in the app data folder, and the same format exported
//! and imported so that a team shares one set. A damaged or foreign file is refused in plain
//! words and never overwritten by a load.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Counting, Deadlines, Target};
use crate::error::CoreError;

/// The file's name in the data folder.
pub const DEADLINES_FILE: &str = "deadlines.json";
/// What the file says it is.
const KIND: &str = "clerkdesk-deadlines";
/// Bounds that keep a shared file sane.
const MAX_TARGETS: usize = 500;
const MAX_HOLIDAYS: usize = 2_000;
const MAX_DAYS: u32 = 3_650;
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct OnDisk {
    kind: String,
    version: u32,
    #[serde(flatten)]
    deadlines: Deadlines,
}

/// The deadlines kept in `dir` (the defaults when there are none yet).
pub fn load(dir: &Path) -> Result<Deadlines, CoreError> {
    Ok(saved(dir)?.unwrap_or_default())
}

/// The deadlines kept in `dir`, or `None` when none were ever saved.
pub fn saved(dir: &Path) -> Result<Option<Deadlines>, CoreError> {
    let path = dir.join(DEADLINES_FILE);
    if !path.exists() {
        return Ok(None);
    }
    read(&path).map(Some).map_err(|why| {
        CoreError::Input(format!(
            "Clerkdesk's deadlines file {} could not be read ({why}). It was left as it is: fix it, or import a deadlines file in Settings → Deadlines.",
            path.display()
        ))
    })
}

/// Keeps `deadlines` in `dir`.
pub fn save(dir: &Path, deadlines: &Deadlines) -> Result<(), CoreError> {
    std::fs::create_dir_all(dir).map_err(|e| CoreError::io("create", dir, &e))?;
    export(&dir.join(DEADLINES_FILE), deadlines)
}

/// Writes `deadlines` to `path` (the shareable file).
pub fn export(path: &Path, deadlines: &Deadlines) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(&OnDisk {
        kind: KIND.into(),
        version: 1,
        deadlines: deadlines.clone(),
    })
    .expect("deadlines serialise");
    // Written beside and renamed: a crash never leaves half a file.
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).map_err(|e| CoreError::io("save the deadlines to", &tmp, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| CoreError::io("save the deadlines to", path, &e))
}

/// Reads a deadlines file someone shared.
pub fn import(path: &Path) -> Result<Deadlines, CoreError> {
    read(path).map_err(|why| {
        CoreError::Input(format!(
            "{} is not a deadlines file Clerkdesk can use ({why}). Export one from Settings → Deadlines and share that file.",
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ))
    })
}

/// The file's deadlines, or why not (in words, without the parser's).
fn read(path: &Path) -> Result<Deadlines, String> {
    let size = std::fs::metadata(path)
        .map_err(|_| "it cannot be opened".to_string())?
        .len();
    if size > MAX_BYTES {
        return Err("it is far larger than a deadlines file".into());
    }
    let text = std::fs::read_to_string(path).map_err(|_| "it is not text".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| "it is not in the deadlines format".to_string())?;
    if value.get("kind").and_then(|k| k.as_str()) != Some(KIND) {
        return Err("it does not say it holds Clerkdesk deadlines".into());
    }
    let disk: OnDisk = serde_json::from_value(value)
        .map_err(|_| "a part of it is not in the deadlines format".to_string())?;
    check(disk.deadlines)
}

fn check(mut d: Deadlines) -> Result<Deadlines, String> {
    if d.targets.len() > MAX_TARGETS || d.holidays.len() > MAX_HOLIDAYS {
        return Err("it lists more statuses or holidays than any program has".into());
    }
    for t in &d.targets {
        if t.status.trim().is_empty() {
            return Err("a target names no status".into());
        }
        if t.days > MAX_DAYS {
            return Err(format!(
                "the target of {} is {} days; give 0 to {MAX_DAYS}",
                t.status.trim(),
                t.days
            ));
        }
    }
    d.targets = dedupe(d.targets);
    d.holidays.sort();
    d.holidays.dedup();
    d.soon_days = d.soon_days.min(MAX_DAYS);
    Ok(d)
}

/// One target per status (the last one given wins), names trimmed.
fn dedupe(targets: Vec<Target>) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    for t in targets {
        let status = t.status.trim().to_string();
        out.retain(|o| !o.status.eq_ignore_ascii_case(&status));
        out.push(Target {
            status,
            days: t.days,
        });
    }
    out
}

/// Holidays typed by a person: ISO dates, one per line or separated by commas.
pub fn parse_holidays(text: &str) -> Result<Vec<NaiveDate>, CoreError> {
    let mut out = Vec::new();
    for part in text.split([',', '\n', ';']) {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        let d = NaiveDate::parse_from_str(p, "%Y-%m-%d").map_err(|_| {
            CoreError::Input(format!(
                "\"{p}\" is not a date: write holidays as 2026-12-25, one per line."
            ))
        })?;
        out.push(d);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

impl Counting {
    /// "business days" / "calendar days".
    pub fn words(self) -> &'static str {
        match self {
            Counting::BusinessDays => "business days",
            Counting::CalendarDays => "calendar days",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_import_round_trip_and_refusals() {
        let dir = tempfile::tempdir().unwrap();
        let d = Deadlines {
            targets: vec![
                Target {
                    status: " Technical Review ".into(),
                    days: 15,
                },
                Target {
                    status: "technical review".into(),
                    days: 10,
                },
            ],
            ..Deadlines::default()
        };
        let path = dir.path().join("team.json");
        export(&path, &d).unwrap();
        let back = import(&path).unwrap();
        assert_eq!(
            back.targets,
            [Target {
                status: "technical review".into(),
                days: 10
            }]
        );
        assert_eq!(back.holidays, d.holidays);

        for (body, why) in [
            ("{", "not in the deadlines format"),
            ("{\"kind\":\"other\"}", "does not say"),
            ("{\"kind\":\"clerkdesk-deadlines\",\"version\":1,\"counting\":\"BusinessDays\",\"targets\":[{\"status\":\"A\",\"days\":9999}],\"holidays\":[],\"soon_days\":3}", "give 0 to"),
            ("{\"kind\":\"clerkdesk-deadlines\",\"version\":1,\"counting\":\"Weekly\",\"targets\":[],\"holidays\":[],\"soon_days\":3}", "a part of it"),
        ] {
            std::fs::write(&path, body).unwrap();
            let e = import(&path).unwrap_err().to_string();
            assert!(e.contains(why) && e.contains("team.json"), "{e}");
            assert!(!e.contains("line 1") && !e.contains("expected"), "{e}");
        }
        // A damaged kept file is refused and left as it is.
        std::fs::write(dir.path().join(DEADLINES_FILE), "{").unwrap();
        assert!(load(dir.path()).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(DEADLINES_FILE)).unwrap(),
            "{"
        );
    }

    #[test]
    fn holidays_typed_by_a_person() {
        let h = parse_holidays("2026-12-25, 2026-12-24\n\n2026-12-25").unwrap();
        assert_eq!(h.len(), 2);
        let e = parse_holidays("Dec 25").unwrap_err().to_string();
        assert!(e.contains("\"Dec 25\" is not a date"), "{e}");
    }
}
