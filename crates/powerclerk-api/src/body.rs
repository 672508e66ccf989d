//! Reading answer bodies with a cap, so that an endless or huge body costs bounded memory
//! and time.

use crate::error::{Error, Result};

/// Reads the whole body, refusing one larger than `cap` bytes (announced or actual).
pub(crate) async fn read_capped(mut resp: reqwest::Response, cap: u64) -> Result<Vec<u8>> {
    if resp.content_length().is_some_and(|n| n > cap) {
        return Err(Error::AnswerTooLarge { limit: cap });
    }
    let mut out = Vec::with_capacity(resp.content_length().unwrap_or(0).min(cap) as usize);
    while let Some(chunk) = resp.chunk().await.map_err(|e| Error::from_transport(&e))? {
        if out.len() as u64 + chunk.len() as u64 > cap {
            return Err(Error::AnswerTooLarge { limit: cap });
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Reads at most `cap` bytes of the body and stops there (an error page only needs its
/// start); a broken connection ends it quietly.
pub(crate) async fn read_start(mut resp: reqwest::Response, cap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        let room = cap - out.len();
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if out.len() >= cap {
            break;
        }
    }
    out
}
