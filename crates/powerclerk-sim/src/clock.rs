//! Timestamps as the simulator emits them (D16: seconds precision, fixed -08:00 offset).

use chrono::{FixedOffset, SubsecRound, Utc};

use crate::decisions;
use crate::model::Ts;

/// The simulator's fixed offset.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(decisions::UTC_OFFSET_SECONDS).expect("valid offset")
}

/// Now, truncated to seconds.
pub fn now() -> Ts {
    Utc::now().with_timezone(&offset()).trunc_subsecs(0)
}

/// `2022-11-14T15:15:55-08:00`.
pub fn format(t: &Ts) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Parses `changed_since`: `yyyy-MM-ddTHH:mm:ss[.F{1,7}]zzz` or a bare `yyyy-MM-dd`
/// (taken as midnight in the simulator's offset).
pub fn parse_changed_since(raw: &str) -> Option<Ts> {
    // A literal '+' in a query string decodes to a space.
    let raw = raw.trim().replace(' ', "+");
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&raw) {
        let frac = raw
            .split('.')
            .nth(1)
            .map_or(0, |f| f.chars().take_while(char::is_ascii_digit).count());
        return (frac <= 7).then_some(t);
    }
    // Without an offset (a server that writes its timestamps so reads them back as UTC).
    if let Ok(n) = chrono::NaiveDateTime::parse_from_str(&raw, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(n.and_utc().with_timezone(&offset()));
    }
    let d = chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d").ok()?;
    d.and_hms_opt(0, 0, 0)?
        .and_local_timezone(offset())
        .single()
}
