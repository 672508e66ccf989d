//! Export: chosen projects × one form → a sheet that imports back as it is. One listing
//! call and one read per project (the draft where one exists, else the submitted values);
//! optionally each project's attachments into a folder per project.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use powerclerk_api::{decisions, DataVersion, FieldType, FormRef, FormSchema, Timestamp, Transfer};
use serde::Serialize;

use super::cells::{text_date, Cell};
use super::mapping::PROJECT_HEADERS;
use super::sheet::SheetFormat;
use super::table::{write_table, Table};
use super::validate::{read_drafts, ReadProgress};
use crate::error::CoreError;
use crate::workflow::Desk;

/// Which projects to export.
#[derive(Clone, Debug, Default)]
pub struct ExportRequest {
    /// The form (Custom Id, id or name).
    pub form: String,
    /// Only projects in this status (name, case-insensitive).
    pub status: Option<String>,
    /// Only projects changed after this time.
    pub changed_since: Option<Timestamp>,
    /// Only these project numbers.
    pub projects: Option<Vec<String>>,
    /// The file to write (.xlsx, or .csv).
    pub out: PathBuf,
    /// Download every attachment of the form into a folder per project here.
    pub attachments: Option<PathBuf>,
}

/// What an export did.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ExportEnd {
    /// The file written.
    pub path: PathBuf,
    /// Projects in it.
    pub projects: usize,
    /// Attachment files downloaded.
    pub files: usize,
}

/// A time for `changed_since`: `2026-11-01` (midnight UTC) or RFC 3339.
pub fn parse_time(raw: &str) -> Result<Timestamp, CoreError> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw.trim()) {
        return Ok(t);
    }
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().fixed_offset())
        .ok_or_else(|| {
            CoreError::Input(format!(
                "\"{raw}\" is not a time. Use 2026-11-01 or 2026-11-01T08:00:00-08:00."
            ))
        })
}

/// Exports the form for the chosen projects.
pub async fn export(
    desk: &Desk<'_>,
    req: &ExportRequest,
    progress: ReadProgress<'_>,
) -> Result<ExportEnd, CoreError> {
    let format = match req
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("csv") => SheetFormat::Csv { delimiter: b',' },
        Some("xlsx") => SheetFormat::Xlsx,
        _ => {
            return Err(CoreError::Input(format!(
                "{} should end in .xlsx (or .csv).",
                req.out.display()
            )))
        }
    };
    let session = desk.session;
    let choice = session.find_form(&req.form).await?;
    let program = session.program().await?;
    let client = &session.client;
    let listing = client
        .all_projects(&program, req.changed_since, decisions::MAX_PAGE_SIZE)
        .await?;
    let wanted: Option<HashSet<String>> = req
        .projects
        .as_ref()
        .map(|p| p.iter().map(|s| s.trim().to_uppercase()).collect());
    let mut numbers: Vec<String> = listing
        .projects
        .iter()
        .filter(|p| {
            req.status
                .as_ref()
                .is_none_or(|s| p.status_name().eq_ignore_ascii_case(s.trim()))
        })
        .filter_map(|p| p.project_number.clone())
        .filter(|n| {
            wanted
                .as_ref()
                .is_none_or(|w| w.contains(&n.to_uppercase()))
        })
        .collect();
    numbers.sort();
    if numbers.is_empty() {
        return Err(CoreError::Input(
            "No project matches: check the status name, the date or the project list.".into(),
        ));
    }
    let schema = client
        .form_schema_or_infer(&FormRef::new(&program, &numbers[0], &choice.key))
        .await?;
    let mut reads = read_drafts(client, &program, &choice.key, numbers, progress).await;
    reads.sort_by(|a, b| a.0.cmp(&b.0));
    let folder = req
        .out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let (headers, keys) = columns(&schema, req.attachments.is_some());
    let mut rows = Vec::with_capacity(reads.len());
    let mut files = 0;
    for (n, r) in reads {
        let d = r?;
        let mut cells = vec![Cell::Text(n.clone())];
        cells.extend(schema.data_fields.iter().map(|f| {
            let key = f.custom_id.clone().unwrap_or(f.data_field_id.clone());
            d.field(&key).map_or(Cell::Empty, |v| {
                typed(f.r#type, f.repeating, &v.display_value())
            })
        }));
        if let Some(dir) = &req.attachments {
            for a in &schema.attachments {
                let key = a.custom_id.clone().unwrap_or(a.attachment_id.clone());
                let has = d.attachment(&key).is_some_and(|i| i.file_name.is_some());
                if !has {
                    cells.push(Cell::Empty);
                    continue;
                }
                let to = dir.join(powerclerk_api::naming::sanitize_file_name(&n));
                std::fs::create_dir_all(&to).map_err(|e| CoreError::io("create", &to, &e))?;
                let f = FormRef::new(&program, &n, &choice.key);
                let got = client
                    .download_to_dir(&f, &key, DataVersion::Draft, &to, &Transfer::default())
                    .await?;
                files += 1;
                cells.push(match got.path.strip_prefix(&folder) {
                    Ok(rel) => Cell::Text(rel.display().to_string()),
                    Err(_) => Cell::Empty,
                });
            }
        }
        rows.push(cells);
    }
    let projects = rows.len();
    let name = choice
        .name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect::<String>();
    let out = req.out.clone();
    crate::blocking::run(move || {
        write_table(
            &out,
            format,
            &Table {
                name: if name.is_empty() { "Export" } else { &name },
                headers: &headers,
                keys: &keys,
                rows: &rows,
            },
        )
    })
    .await??;
    Ok(ExportEnd {
        path: req.out.clone(),
        projects,
        files,
    })
}

/// Headers (the field names; "Name (CUSTOM_ID)" where two fields share a name) and keys.
fn columns(schema: &FormSchema, attachments: bool) -> (Vec<String>, Vec<Option<String>>) {
    let mut headers = vec![PROJECT_HEADERS[0].to_string()];
    let mut keys = vec![None];
    let shared = |name: &str| {
        schema
            .data_fields
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(name))
            .count()
            > 1
    };
    for f in &schema.data_fields {
        let key = f.custom_id.clone().unwrap_or(f.data_field_id.clone());
        headers.push(if shared(&f.name) || f.name.is_empty() {
            format!("{} ({key})", f.name)
        } else {
            f.name.clone()
        });
        keys.push(Some(key));
    }
    if attachments {
        for a in &schema.attachments {
            headers.push(a.name.clone());
            keys.push(Some(a.custom_id.clone().unwrap_or(a.attachment_id.clone())));
        }
    }
    (headers, keys)
}

/// A value as a typed cell: numbers as numbers, dates as dates, checkboxes as TRUE/FALSE.
fn typed(t: FieldType, repeating: bool, v: &str) -> Cell {
    if v.is_empty() {
        return Cell::Empty;
    }
    if repeating {
        return Cell::Text(v.to_string());
    }
    match t {
        FieldType::Number => v
            .parse::<f64>()
            .map_or(Cell::Text(v.to_string()), Cell::Number),
        FieldType::Date => text_date(v).map_or(Cell::Text(v.to_string()), Cell::Date),
        FieldType::Checkbox => match v {
            "true" => Cell::Bool(true),
            "false" => Cell::Bool(false),
            _ => Cell::Text(v.to_string()),
        },
        _ => Cell::Text(v.to_string()),
    }
}
