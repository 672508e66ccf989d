//! Every connection's secrets, for scrubbing text that leaves the process through a log
//! file. Each session's client registers its redactor when it is created; a log line is
//! passed through all of them (the demo's and every real connection's).

use std::sync::{Mutex, OnceLock};

use powerclerk_api::Redactor;

fn registry() -> &'static Mutex<Vec<Redactor>> {
    static ALL: OnceLock<Mutex<Vec<Redactor>>> = OnceLock::new();
    ALL.get_or_init(Default::default)
}

/// Adds a client's secrets to the set scrubbed from log lines.
pub fn register(redactor: Redactor) {
    registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(redactor);
}

/// `text` with every known secret of every connection made in this process replaced.
pub fn redact(text: &str) -> String {
    let all = registry().lock().unwrap_or_else(|e| e.into_inner());
    all.iter().fold(text.to_string(), |t, r| r.redact(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_lose_every_registered_secret() {
        register(Redactor::new(["first-secret-123"]));
        register(Redactor::new(["second-secret-456"]));
        assert_eq!(
            redact("a first-secret-123 b second-secret-456"),
            "a [redacted] b [redacted]"
        );
    }
}
