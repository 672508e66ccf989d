//! Attachment download and upload, streamed in both directions (a 1 GiB file never sits in
//! memory), with progress, cancellation and reconciliation of lost upload answers.

use futures_util::StreamExt;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_DISPOSITION, CONTENT_TYPE};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::call::{Call, FileBody, Payload};
use crate::client::{Client, Transfer};
use crate::decisions;
use crate::endpoints::FormRef;
use crate::error::{Error, Result};
use crate::models::{AttachmentInfo, DataVersion, DownloadOutcome, UploadOutcome};
use crate::naming;
use crate::retry::Repeat;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UploadResponse {
    attachment: AttachmentInfo,
}

/// `attachment; filename="..."`, plus the RFC 5987 `filename*` form for non-ASCII names.
pub fn content_disposition_for(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| match c {
            '"' | '\\' => '_',
            c if c.is_ascii() && !c.is_ascii_control() => c,
            _ => '_',
        })
        .collect();
    if ascii == name {
        format!("attachment; filename=\"{ascii}\"")
    } else {
        let encoded =
            percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
    }
}

impl Client {
    async fn start_download(
        &self,
        form: &FormRef,
        attachment: &str,
        version: DataVersion,
        transfer: &Transfer,
    ) -> Result<reqwest::Response> {
        let mut path = form.form_path()?;
        if version == DataVersion::Draft {
            path = path.lit("Draft");
        }
        let path = path
            .lit("Attachments")
            .id("attachment", attachment)?
            .lit("Download");
        let call = Call::get(
            path,
            format!("a file for {attachment} on {}", form.describe()),
        )
        .streamed(transfer);
        self.send(&call).await
    }

    /// Streams the attachment into `out`. Returns the bytes written and the server's
    /// (unsanitised) file name, if any.
    pub async fn download_to_writer<W: AsyncWrite + Unpin>(
        &self,
        form: &FormRef,
        attachment: &str,
        version: DataVersion,
        out: &mut W,
        transfer: &Transfer,
    ) -> Result<(u64, Option<String>)> {
        let resp = self
            .start_download(form, attachment, version, transfer)
            .await?;
        let name = resp
            .headers()
            .get(CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .and_then(naming::filename_from_content_disposition);
        let total = resp.content_length();
        let idle = self.config().limits.idle_timeout;
        let mut stream = resp.bytes_stream();
        let mut done = 0u64;
        transfer.report(0, total);
        loop {
            if transfer.is_cancelled() {
                return Err(Error::Cancelled);
            }
            let cancelled = async {
                match &transfer.cancel {
                    Some(t) => t.cancelled().await,
                    None => std::future::pending().await,
                }
            };
            let next = tokio::select! {
                n = tokio::time::timeout(idle, stream.next()) => n,
                _ = cancelled => return Err(Error::Cancelled),
            };
            let next =
                next.map_err(|_| Error::timeout("no data arrived during the download", idle))?;
            match next {
                None => break,
                Some(Err(e)) => {
                    return Err(match total {
                        Some(total) => Error::Truncated { done, total },
                        None => Error::from_transport(&e),
                    }
                    .redacted(&self.inner.redactor))
                }
                Some(Ok(chunk)) => {
                    out.write_all(&chunk).await.map_err(|e| Error::File {
                        path: PathBuf::new(),
                        reason: e.to_string(),
                    })?;
                    done += chunk.len() as u64;
                    transfer.report(done, total);
                }
            }
        }
        if let Some(total) = total {
            if total != done {
                return Err(Error::Truncated { done, total });
            }
        }
        out.flush().await.map_err(|e| Error::File {
            path: PathBuf::new(),
            reason: e.to_string(),
        })?;
        Ok((done, name))
    }

    /// Streams the attachment into a hidden temporary file in `dir`, removed again if the
    /// download fails, is cancelled, or its future is dropped (Ctrl-C, window closed).
    async fn download_to_temp(
        &self,
        form: &FormRef,
        attachment: &str,
        version: DataVersion,
        dir: &Path,
        transfer: &Transfer,
    ) -> Result<(tempfile::TempPath, u64, Option<String>)> {
        let tmp = tempfile::Builder::new()
            .prefix(".clerkdesk-download-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|e| Error::file(dir, &e))?;
        let (std_file, tmp_path) = tmp.into_parts();
        let mut file = tokio::fs::File::from_std(std_file);
        let (bytes, name) = self
            .download_to_writer(form, attachment, version, &mut file, transfer)
            .await?;
        file.sync_all().await.map_err(|e| Error::file(dir, &e))?;
        Ok((tmp_path, bytes, name))
    }

    /// Downloads the attachment into `dir` under the safe version of the server's file name
    /// (never replacing an existing file: ` (2)` is added). The file is written under a
    /// temporary name and renamed when complete, so a broken download leaves nothing behind.
    pub async fn download_to_dir(
        &self,
        form: &FormRef,
        attachment: &str,
        version: DataVersion,
        dir: &Path,
        transfer: &Transfer,
    ) -> Result<DownloadOutcome> {
        let (tmp_path, bytes, name) = self
            .download_to_temp(form, attachment, version, dir, transfer)
            .await?;
        let name = match name {
            Some(n) => Some(n),
            // No Content-Disposition: the name the form lists for the file.
            None => {
                self.inner.dialect.note(|o| o.download_without_name = true);
                self.project_data(form, version)
                    .await
                    .ok()
                    .and_then(|d| d.attachment(attachment).and_then(|a| a.file_name.clone()))
            }
        };
        let suggested = naming::sanitize_file_name(name.as_deref().unwrap_or(attachment));
        let dest = naming::reserve_path(dir, &suggested).map_err(|e| Error::file(dir, &e))?;
        // `persist` renames over our own empty placeholder, never over someone's file.
        tmp_path
            .persist(&dest)
            .map_err(|e| Error::file(&dest, &e.error))?;
        Ok(DownloadOutcome {
            path: dest,
            bytes,
            suggested_name: suggested,
        })
    }

    /// Downloads the attachment to exactly `dest` (a path the user chose in a save dialog,
    /// who thereby agreed to replace a file there). Written under a temporary name in the
    /// same folder and renamed over `dest` only when complete.
    pub async fn download_to_path(
        &self,
        form: &FormRef,
        attachment: &str,
        version: DataVersion,
        dest: &Path,
        transfer: &Transfer,
    ) -> Result<u64> {
        let dir = dest
            .parent()
            .filter(|d| d.is_dir())
            .ok_or_else(|| Error::File {
                path: dest.to_path_buf(),
                reason: "its folder does not exist".into(),
            })?;
        let (tmp_path, bytes, _) = self
            .download_to_temp(form, attachment, version, dir, transfer)
            .await?;
        tmp_path
            .persist(dest)
            .map_err(|e| Error::file(dest, &e.error))?;
        Ok(bytes)
    }

    /// Uploads a file into the form's draft (D12); it becomes final only when the form is
    /// submitted. Never resent after an ambiguous failure: the form is read again and the
    /// outcome decided from whether PowerClerk lists the file.
    pub async fn upload(
        &self,
        form: &FormRef,
        attachment: &str,
        file: &Path,
        transfer: &Transfer,
    ) -> Result<UploadOutcome> {
        let meta = tokio::fs::metadata(file)
            .await
            .map_err(|e| Error::file(file, &e))?;
        if !meta.is_file() {
            return Err(Error::File {
                path: file.to_path_buf(),
                reason: "it is a folder, not a file".into(),
            });
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| naming::FALLBACK_NAME.into());
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(decisions::content_type_for_extension(&ext)),
        );
        headers.insert(
            CONTENT_DISPOSITION,
            HeaderValue::from_str(&content_disposition_for(&name))
                .expect("the header is ASCII by construction"),
        );
        let body = FileBody {
            path: file.to_path_buf(),
            len: meta.len(),
            headers,
            transfer: transfer.clone(),
        };
        let path = form
            .form_path()?
            .lit("Draft")
            .lit("Attachments")
            .id("attachment", attachment)?
            .lit("Upload");
        let call = Call {
            payload: Payload::File(&body),
            ..Call::post(
                path,
                format!("the attachment {attachment} on {}", form.describe()),
                Repeat::OnlyIfRefused,
            )
            .streamed(transfer)
        };
        let sent = self.send_write::<UploadResponse>(&call, "Attachment").await;
        let lost = match sent {
            Ok(Some(r)) => {
                return Ok(UploadOutcome {
                    attachment: r.attachment,
                    bytes: meta.len(),
                    confirmed_by_reread: false,
                })
            }
            // Accepted without the documented answer: what the draft now lists.
            Ok(None) => None,
            Err(e) if e.is_ambiguous() => Some(e),
            Err(e) => return Err(e),
        };
        let draft = self.project_data(form, DataVersion::Draft).await?;
        match draft.attachment(attachment) {
            Some(a)
                if a.file_name.as_deref() == Some(name.as_str())
                    && a.file_size.is_none_or(|s| s == meta.len()) =>
            {
                Ok(UploadOutcome {
                    attachment: a.clone(),
                    bytes: meta.len(),
                    confirmed_by_reread: true,
                })
            }
            _ => Err(match lost {
                Some(e) => Error::UploadNotApplied {
                    details: e.details().cloned().unwrap_or_default(),
                },
                None => Error::UnexpectedResponse {
                    details: crate::error::Details::http(
                        200,
                        Some(format!(
                            "PowerClerk accepted the upload but does not list {name} on the form."
                        )),
                    ),
                },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_forms() {
        assert_eq!(
            content_disposition_for("sld.pdf"),
            "attachment; filename=\"sld.pdf\""
        );
        let h = content_disposition_for("Plan été.pdf");
        assert_eq!(
            h,
            "attachment; filename=\"Plan _t_.pdf\"; filename*=UTF-8''Plan%20%C3%A9t%C3%A9%2Epdf"
        );
        assert_eq!(
            naming::filename_from_content_disposition(&h).as_deref(),
            Some("Plan été.pdf")
        );
    }
}
