//! Attachments: streamed downloads (with the scheduled Content-Disposition of a test) and
//! uploads into the draft, within the size limit.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use futures_util::StreamExt;
use serde_json::json;
use tokio::io::AsyncWriteExt;

use crate::clock;
use crate::disposition;
use crate::render;
use crate::reply::{self, bad_request, not_found, Reply};
use crate::shared::Shared;

use super::*;

pub(super) async fn download(
    shared: &Shared,
    program: &str,
    project: &str,
    form: &str,
    attachment: &str,
    draft: bool,
    disposition_override: Option<String>,
) -> Reply {
    let file = {
        let st = shared.lock();
        let (pi, fi) = match locate(&st, program, project, form) {
            Ok(x) => x,
            Err(r) => return r,
        };
        let f = &st.program.forms[fi];
        let Some(a) = f.attachments.iter().find(|a| a.is(attachment)) else {
            return not_found(format!(
                "Attachment '{attachment}' was not found on the form {}.",
                f.name
            ));
        };
        let fs = &st.program.projects[pi].forms[&f.id];
        let data = if draft {
            fs.draft.as_ref().unwrap_or(&fs.submitted)
        } else {
            &fs.submitted
        };
        match data.files.get(&a.id) {
            Some(file) => file.clone(),
            None => return not_found(format!("No file has been uploaded for {}.", a.name)),
        }
    };
    let handle = match tokio::fs::File::open(&file.path).await {
        Ok(h) => h,
        Err(_) => return not_found("The file is no longer available."),
    };
    let stream = tokio_util::io::ReaderStream::with_capacity(handle, 256 * 1024);
    let mut r = Reply::new(Body::from_stream(stream));
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&file.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    let disp = disposition_override.unwrap_or_else(|| disposition::header_for(&file.name));
    if let Ok(v) = HeaderValue::from_bytes(disp.as_bytes()) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// Reads and discards the rest of a body, so that the client sees our answer instead of
/// a reset connection while it is still sending.
pub(super) async fn drain(body: Body) {
    let mut s = body.into_data_stream();
    while let Some(Ok(_)) = s.next().await {}
}

pub(super) async fn upload(
    shared: &Shared,
    program: &str,
    project: &str,
    form: &str,
    attachment: &str,
    headers: &HeaderMap,
    body: Body,
) -> Reply {
    let name = headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .and_then(disposition::parse_filename)
        .unwrap_or_else(|| "upload.bin".to_string());
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    let prepared: Result<(std::path::PathBuf, u64), Reply> = {
        let mut st = shared.lock();
        let checked = locate(&st, program, project, form).and_then(|(_, fi)| {
            let f = &st.program.forms[fi];
            let a = f
                .attachments
                .iter()
                .find(|a| a.is(attachment))
                .ok_or_else(|| {
                    not_found(format!(
                        "Attachment '{attachment}' was not found on the form {}.",
                        f.name
                    ))
                })?;
            let ext = std::path::Path::new(&name)
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if !a.extensions.is_empty() && !a.extensions.contains(&ext) {
                return Err(bad_request(format!(
                    "Files of type '.{ext}' are not allowed for {}. Allowed: {}.",
                    a.name,
                    a.extensions
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            Ok(())
        });
        checked.map(|()| {
            st.next_upload += 1;
            (
                st.files_dir.join(format!("upload-{}", st.next_upload)),
                st.knobs.size_limit,
            )
        })
    };
    let (dest, limit) = match prepared {
        Ok(x) => x,
        Err(r) => {
            drain(body).await;
            return r;
        }
    };
    let too_large = || {
        reply::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The file is larger than the limit of {limit} bytes."),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        drain(body).await;
        return too_large();
    }
    let mut out = match tokio::fs::File::create(&dest).await {
        Ok(f) => f,
        Err(e) => return reply::error(StatusCode::INTERNAL_SERVER_ERROR, format!("storage: {e}")),
    };
    let mut size = 0u64;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            // The client went away: nothing is stored.
            let _ = tokio::fs::remove_file(&dest).await;
            return bad_request("The upload was not received completely.");
        };
        size += chunk.len() as u64;
        if size > limit {
            drop(out);
            let _ = tokio::fs::remove_file(&dest).await;
            while let Some(Ok(_)) = stream.next().await {}
            return too_large();
        }
        if out.write_all(&chunk).await.is_err() {
            let _ = tokio::fs::remove_file(&dest).await;
            return reply::error(StatusCode::INTERNAL_SERVER_ERROR, "storage failed");
        }
    }
    if out.flush().await.is_err() {
        return reply::error(StatusCode::INTERNAL_SERVER_ERROR, "storage failed");
    }
    drop(out);
    let stored = Arc::new(StoredFile {
        path: dest,
        name,
        content_type,
        size,
    });
    let mut st = shared.lock();
    let (pi, fi) = match locate(&st, program, project, form) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = st.program.forms[fi].clone();
    let a = f
        .attachments
        .iter()
        .find(|a| a.is(attachment))
        .expect("checked above")
        .clone();
    let p = &mut st.program.projects[pi];
    let fs = p.forms.get_mut(&f.id).expect("form state");
    let draft = fs.draft.get_or_insert_with(|| fs.submitted.clone());
    // D12: replaces the draft file of the definition.
    draft.files.insert(a.id.clone(), stored.clone());
    p.last_change = clock::now();
    let key = (p.id.clone(), f.id.clone(), a.id.clone());
    *st.uploads.entry(key).or_insert(0) += 1;
    reply::json(json!({ "Attachment": render::attachment(&a, Some(&stored)) }))
}
