//! The sentences and short texts errors are made of.

use std::time::Duration;

pub(super) fn hyper_cause(err: &reqwest::Error) -> Option<&hyper::Error> {
    use std::error::Error as _;
    let mut source = err.source();
    while let Some(s) = source {
        if let Some(h) = s.downcast_ref::<hyper::Error>() {
            return Some(h);
        }
        source = s.source();
    }
    None
}

/// "60", "0.4": whole seconds without decimals.
pub(super) fn seconds_text(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        d.as_secs().to_string()
    } else {
        format!("{:.1}", d.as_secs_f64())
    }
}

/// "12.5 MiB", "870 bytes".
pub(crate) fn bytes_text(n: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    match n {
        n if n >= 1024 * 1024 => format!("{:.1} MiB", n as f64 / MIB),
        n if n >= 1024 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}

pub(super) fn rate_limited_text(retry_after: Option<Duration>) -> String {
    let asked = |wait: String| {
        format!(
        "PowerClerk asked Clerkdesk to wait {wait} before the next call, longer than Clerkdesk waits on its own. Try again later; if it keeps happening, another program may be sharing the API key."
    )
    };
    match retry_after.map(|d| d.as_secs()) {
        Some(s) if s >= 7200 => asked(format!("{} hours", s.div_ceil(3600))),
        Some(s) if s >= 120 => asked(format!("{} minutes", s.div_ceil(60))),
        _ => "PowerClerk is limiting how fast this API key may be used. Wait a minute and try again; if it keeps happening, another program may be sharing the key.".into(),
    }
}

pub(super) fn redirect_text(location: Option<&str>) -> String {
    let to = location.map(|l| format!(" to {l}")).unwrap_or_default();
    format!("The PowerClerk address answered with a redirect{to}, which Clerkdesk does not follow (it could send your sign-in elsewhere). Check the addresses in Settings; if they are right, a proxy may be redirecting the call.")
}

/// The transport error with its causes, without the URL (which is ours anyway, and the
/// details should stay short).
pub(super) fn transport_text(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut text = err.without_url_ref().to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut s = self.to_string();
        if let Some(url) = self.url() {
            s = s.replace(&format!(" for url ({url})"), "");
        }
        s
    }
}
