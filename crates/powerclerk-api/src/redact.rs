//! Known secrets (API key, client secret, the Basic credentials, every token issued) are
//! removed from any text the client hands out: error messages, details, and whatever the
//! caller logs through [`Redactor::redact`]. A server that echoes them back cannot make
//! them appear on screen, in a log or in the activity file.

use std::sync::{Arc, RwLock};

use secrecy::{ExposeSecret, SecretString};

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Tokens remembered for redaction (the newest; older ones have long expired).
const KEEP_TOKENS: usize = 16;

/// Shorter values are not treated as secrets: replacing "a" everywhere would garble text,
/// and no real key or token is that short.
const MIN_SECRET_LEN: usize = 6;

/// The set of secrets of one client. Cheap to clone; clones share the set.
#[derive(Clone, Default)]
pub struct Redactor {
    fixed: Arc<Vec<SecretString>>,
    tokens: Arc<RwLock<Vec<SecretString>>>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor")
    }
}

impl Redactor {
    /// A redactor for these fixed secrets.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let fixed = secrets
            .into_iter()
            .filter(|s| s.len() >= MIN_SECRET_LEN)
            .map(|s| SecretString::from(s.to_string()))
            .collect();
        Self {
            fixed: Arc::new(fixed),
            tokens: Default::default(),
        }
    }

    /// Adds a token just issued.
    pub(crate) fn add_token(&self, token: &str) {
        if token.len() < MIN_SECRET_LEN {
            return;
        }
        let mut tokens = self.tokens.write().unwrap_or_else(|e| e.into_inner());
        if tokens.len() >= KEEP_TOKENS {
            tokens.remove(0);
        }
        tokens.push(SecretString::from(token.to_string()));
    }

    /// `text` with every known secret replaced by `[redacted]`.
    pub fn redact(&self, text: &str) -> String {
        let tokens = self.tokens.read().unwrap_or_else(|e| e.into_inner());
        let mut out = text.to_string();
        for secret in self.fixed.iter().chain(tokens.iter()) {
            let s = secret.expose_secret();
            if out.contains(s) {
                out = out.replace(s, REDACTED);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_fixed_and_issued_secrets() {
        let r = Redactor::new(["KEY-123456", "SECRET-abcdef", "x"]);
        r.add_token("tok-999999");
        let s = r.redact("key KEY-123456, secret SECRET-abcdef, token tok-999999, x stays");
        assert_eq!(
            s,
            "key [redacted], secret [redacted], token [redacted], x stays"
        );
        assert!(!format!("{r:?}").contains("KEY"));
    }
}
