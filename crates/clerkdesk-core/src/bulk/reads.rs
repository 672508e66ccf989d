//! Reading each project's draft of a form, a few at a time through the shared limiter: what
//! validation compares a sheet with, and what an export writes.

use futures_util::{stream, StreamExt};
use powerclerk_api::{DataVersion, FormRef, ProjectData};

/// Project reads in flight at once (the shared limiter paces them; a few in flight hide
/// each call's latency).
pub const READS_IN_FLIGHT: usize = 4;

/// How validation reports progress: projects read so far, of how many.
pub type ReadProgress<'a> = &'a (dyn Fn(usize, usize) + Send + Sync);

/// Each project's draft of `form` (its submitted values when it has no draft), read
/// [`READS_IN_FLIGHT`] at a time through the shared limiter, reporting each read done.
/// Validation and export both read this way: one read per project.
pub async fn read_drafts(
    client: &powerclerk_api::Client,
    program: &str,
    form: &str,
    projects: Vec<String>,
    progress: ReadProgress<'_>,
) -> Vec<(String, Result<ProjectData, powerclerk_api::Error>)> {
    let total = projects.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    stream::iter(projects)
        .map(|p| {
            let f = FormRef::new(program, &p, form);
            let done = &done;
            async move {
                // An id that cannot be sent is refused by the call itself, before sending.
                let r = client.project_data(&f, DataVersion::Draft).await;
                progress(
                    done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                    total,
                );
                (p, r)
            }
        })
        .buffer_unordered(READS_IN_FLIGHT)
        .collect()
        .await
}
