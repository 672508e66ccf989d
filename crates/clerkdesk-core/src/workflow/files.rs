//! Attachments: checking a file before it is sent, uploading it, downloading one.

use std::path::{Path, PathBuf};

use powerclerk_api::{Client, DataVersion, FormRef, Transfer};

use super::views::{AttachmentView, TransferDone};
use super::Desk;
use crate::error::CoreError;

/// Where a download goes.
#[derive(Clone, Debug)]
pub enum Destination {
    /// Exactly this path, chosen by the user in a save dialog (who agreed to replace a file
    /// already there).
    Path(PathBuf),
    /// This folder, under the safe version of PowerClerk's file name, never replacing a file.
    Folder(PathBuf),
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Desk<'_> {
    /// An uploaded file is a draft until the form is submitted: refuse, before sending, an
    /// upload into a form the project's status no longer lets anyone submit.
    async fn check_form_still_open(&self, f: &FormRef, form: &str) -> Result<(), CoreError> {
        let Some(summary) = self.form_summary(form).await? else {
            return Ok(()); // No form list (D5): nothing to check against.
        };
        if summary.available_in.is_empty() {
            return Ok(()); // Submittable in any status: no need to read it.
        }
        let data = self
            .session
            .client
            .project_data(f, DataVersion::Draft)
            .await?;
        let status = data.project.status_name();
        if summary.submittable_in(status) {
            return Ok(());
        }
        Err(CoreError::Input(format!(
            "{} Nothing was sent.",
            super::views::upload_closed(&summary.name, status)
        )))
    }

    /// Uploads a file into the form's draft after checking it against the attachment's
    /// definition (type, size: refused before anything is sent). Never resent after a lost
    /// answer: the form is read again instead.
    pub async fn upload(
        &self,
        project: &str,
        form: &str,
        attachment: &str,
        path: &Path,
        transfer: &Transfer,
    ) -> Result<TransferDone, CoreError> {
        let f = self.form_ref(project, form).await?;
        let client = &self.session.client;
        let def = attachment_definition(client, &f, attachment).await?;
        check_upload(path, &def)?;
        self.check_form_still_open(&f, form).await?;
        let name = file_name(path);
        let result = client.upload(&f, attachment, path, transfer).await;
        let text = match &result {
            Ok(o) => format!(
                "Uploaded {name} to {} ({} bytes; a draft until submitted)",
                def.name, o.bytes
            ),
            Err(e) => format!("Not uploaded: {e}"),
        };
        let form_name = self.form_name(form).await;
        self.log(project, &form_name, "Upload", &text).await;
        let o = result?;
        Ok(TransferDone {
            path: path.display().to_string(),
            name,
            bytes: o.bytes,
            confirmed_by_reread: o.confirmed_by_reread,
        })
    }

    /// Downloads an attachment's submitted (or draft) file. Written under a temporary name
    /// and renamed when complete: a failed or cancelled download leaves nothing behind.
    pub async fn download(
        &self,
        project: &str,
        form: &str,
        attachment: &str,
        version: DataVersion,
        to: &Destination,
        transfer: &Transfer,
    ) -> Result<TransferDone, CoreError> {
        let f = self.form_ref(project, form).await?;
        let client = &self.session.client;
        let result = match to {
            Destination::Path(dest) => client
                .download_to_path(&f, attachment, version, dest, transfer)
                .await
                .map(|bytes| (dest.clone(), bytes)),
            Destination::Folder(dir) => client
                .download_to_dir(&f, attachment, version, dir, transfer)
                .await
                .map(|o| (o.path, o.bytes)),
        };
        let text = match &result {
            Ok((path, bytes)) => format!("Saved {} ({bytes} bytes)", file_name(path)),
            Err(e) => format!("Not saved: {e}"),
        };
        let form_name = self.form_name(form).await;
        self.log(project, &form_name, "Download", &text).await;
        let (path, bytes) = result?;
        Ok(TransferDone {
            name: file_name(&path),
            path: path.display().to_string(),
            bytes,
            confirmed_by_reread: false,
        })
    }
}

/// Largest upload Clerkdesk sends. PowerClerk's real limit is not documented; the
/// simulator's default (contract D3) is used, so that a too-large file is refused before a
/// long transfer rather than after it.
pub const MAX_UPLOAD_BYTES: u64 = 50 * 1024 * 1024;

/// Checks a file against the attachment definition before anything is sent.
pub fn check_upload(path: &Path, attachment: &AttachmentView) -> Result<u64, CoreError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CoreError::Input(format!("Could not read {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(CoreError::Input(format!(
            "{} is a folder, not a file.",
            path.display()
        )));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !attachment.allowed_extensions.is_empty() && !attachment.allowed_extensions.contains(&ext) {
        let allowed = attachment
            .allowed_extensions
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ");
        let what = if ext.is_empty() {
            "a file without an extension".to_string()
        } else {
            format!("a .{ext} file")
        };
        return Err(CoreError::Input(format!(
            "{} accepts only {allowed} files; this is {what}. Choose a {allowed} file.",
            attachment.name
        )));
    }
    if meta.len() > MAX_UPLOAD_BYTES {
        return Err(CoreError::Input(format!(
            "The file is {:.1} MB; PowerClerk accepts at most {} MB. Make it smaller and try again.",
            meta.len() as f64 / 1_048_576.0,
            MAX_UPLOAD_BYTES / 1_048_576
        )));
    }
    Ok(meta.len())
}

/// One attachment definition of a form (one call: the schema, or the D7 fallback).
pub async fn attachment_definition(
    client: &Client,
    form: &FormRef,
    key: &str,
) -> Result<AttachmentView, CoreError> {
    let schema = client.form_schema_or_infer(form).await?;
    schema
        .attachments
        .iter()
        .find(|a| a.is(key))
        .map(AttachmentView::from_definition)
        .ok_or_else(|| CoreError::Input(format!("The form has no attachment \"{key}\".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sld() -> AttachmentView {
        AttachmentView {
            key: "SINGLE_LINE_DIAGRAM".into(),
            attachment_id: "X".into(),
            custom_id: Some("SINGLE_LINE_DIAGRAM".into()),
            name: "Single line diagram".into(),
            required: true,
            allowed_extensions: vec!["pdf".into()],
            submitted_file: None,
            draft_file: None,
        }
    }

    #[test]
    fn uploads_are_checked_before_sending() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("Plan.PDF");
        std::fs::write(&ok, b"%PDF").unwrap();
        assert_eq!(check_upload(&ok, &sld()).unwrap(), 4);

        let exe = dir.path().join("setup.exe");
        std::fs::write(&exe, b"MZ").unwrap();
        let e = check_upload(&exe, &sld()).unwrap_err().to_string();
        assert!(
            e.contains("accepts only .pdf files; this is a .exe file"),
            "{e}"
        );

        let big = dir.path().join("huge.pdf");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_UPLOAD_BYTES + 1)
            .unwrap();
        let e = check_upload(&big, &sld()).unwrap_err().to_string();
        assert!(e.contains("at most 50 MB"), "{e}");

        assert!(check_upload(dir.path(), &sld()).is_err());
        assert!(check_upload(&dir.path().join("missing.pdf"), &sld()).is_err());
    }
}
