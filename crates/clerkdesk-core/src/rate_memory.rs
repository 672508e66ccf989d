//! The rate limiter's recent calls per API key, kept on disk (`rate-limit.json` in the app
//! data folder: small, pruned to the window) and loaded when a connection opens — in the
//! window and in `clerk` alike — so that a restart within the window (after a crash, a kill,
//! or simply running `clerk` twice) counts the calls its previous run made instead of
//! colliding with them. Keys are never written: each is known by a hash of the service's
//! address and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use powerclerk_api::Client;

/// The file, in the app data folder.
pub const FILE: &str = "rate-limit.json";
/// Calls older than this are dropped from the file (longer than any window in use).
const KEEP: Duration = Duration::from_secs(10 * 60);
/// At most one write this often while calls go out (and one when they stop).
const SAVE_EVERY: Duration = Duration::from_millis(250);

/// Recent calls (milliseconds since 1970) by key id.
type Calls = BTreeMap<String, Vec<u64>>;

/// A key's id in the file: FNV-1a of the service's origin and the API key, never the key.
fn key_id(client: &Client) -> String {
    let config = client.config();
    let text = format!(
        "{}\u{0}{}",
        config.api_url.origin().ascii_serialization(),
        config.credentials.api_key()
    );
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn millis(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn read(path: &Path) -> Calls {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Counts the calls this key's previous runs made in the last window (a missing or
/// unreadable file is no memory: nothing to count).
pub fn restore(client: &Client, dir: &Path) {
    let calls = read(&dir.join(FILE));
    if let Some(times) = calls.get(&key_id(client)) {
        let times: Vec<SystemTime> = times
            .iter()
            .map(|ms| UNIX_EPOCH + Duration::from_millis(*ms))
            .collect();
        client.limiter().remember_calls(&times);
    }
}

/// Writes this key's recent calls into the file (other keys' entries kept, all pruned),
/// through a temporary file renamed over it, so that a kill never leaves half a file.
pub fn save(client: &Client, dir: &Path) -> std::io::Result<()> {
    let path = dir.join(FILE);
    let mut calls = read(&path);
    let cutoff = millis(SystemTime::now()).saturating_sub(KEEP.as_millis() as u64);
    for times in calls.values_mut() {
        times.retain(|t| *t >= cutoff);
    }
    calls.retain(|_, t| !t.is_empty());
    let mine: Vec<u64> = client
        .limiter()
        .recent_calls()
        .into_iter()
        .map(millis)
        .collect();
    if mine.is_empty() {
        calls.remove(&key_id(client));
    } else {
        calls.insert(key_id(client), mine);
    }
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec(&calls).unwrap_or_default())?;
    std::fs::rename(&tmp, &path)
}

/// The clients kept, for [`save_kept`] at a program's end.
static KEPT: std::sync::Mutex<Vec<(Client, PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// Writes every kept client's recent calls now (a command line program calls this as it
/// ends, so that its last calls are not lost to the write's throttle).
pub fn save_kept() {
    let kept = KEPT.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for (client, dir) in kept {
        if let Err(e) = save(&client, &dir) {
            log::warn!("Could not keep the rate limit's recent calls: {e}");
        }
    }
}

/// Loads the memory for this client's key, then keeps the file up to date while the
/// connection lives (at most every [`SAVE_EVERY`], after calls go out and are answered).
/// Needs a tokio runtime; a failed write is logged and tried again at the next change.
pub fn keep(client: &Client, dir: PathBuf) -> tokio::task::JoinHandle<()> {
    restore(client, &dir);
    {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        let id = key_id(client);
        kept.retain(|(c, d)| key_id(c) != id || *d != dir);
        kept.push((client.clone(), dir.clone()));
    }
    let client = client.clone();
    let mut changes = client.limiter().subscribe();
    tokio::spawn(async move {
        while changes.changed().await.is_ok() {
            tokio::time::sleep(SAVE_EVERY).await;
            let (c, d) = (client.clone(), dir.clone());
            let saved = tokio::task::spawn_blocking(move || save(&c, &d)).await;
            if let Ok(Err(e)) = saved {
                log::warn!("Could not keep the rate limit's recent calls: {e}");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(key: &str) -> Client {
        let creds = powerclerk_api::Credentials::new(key, "id", "secret");
        let config = powerclerk_api::ClientConfig::new(
            "http://127.0.0.1:9/T/services/v2",
            "http://127.0.0.1:9/T/connect/token",
            creds,
        )
        .unwrap()
        .with_rate_limit(powerclerk_api::RateLimit::new(60, Duration::from_secs(60)));
        Client::new(config).unwrap()
    }

    #[tokio::test]
    async fn a_restart_counts_the_calls_of_the_run_before_and_never_writes_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = "memory-test-key-1";
        let first = client(key);
        for _ in 0..3 {
            drop(first.limiter().acquire().await);
        }
        save(&first, dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(!text.contains(key), "{text}");
        // A new process: its limiter is another one (here: another key's, then the same
        // key's read from the file).
        drop(first);
        let other = client("memory-test-key-2");
        restore(&other, dir.path());
        assert_eq!(other.limiter().status().used, 0, "another key's calls");
        let again = client(key);
        restore(&again, dir.path());
        assert!(
            again.limiter().status().used >= 3,
            "the earlier run's calls count"
        );
    }
}
