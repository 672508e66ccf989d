//! What the test hooks do to a request before it is handled: latency, dropped
//! connections, injected statuses and hostile answers. Without the `test-hooks` feature
//! (the app's embedded demo) every request is handled as it is.

use axum::http::HeaderMap;

use crate::reply::Hostile;
use crate::shared::Shared;

/// The faults planned for one request.
#[derive(Default)]
pub struct Plan {
    /// Added delay.
    pub latency_ms: u64,
    /// Close the connection without processing.
    pub drop_before: bool,
    /// Process, then close the connection without answering.
    pub drop_after: bool,
    /// Answer this status without processing.
    pub status: Option<u16>,
    /// Replace a download's Content-Disposition.
    pub disposition: Option<String>,
}

/// The faults for this request (scheduled ones are used up; random ones drawn).
#[cfg(feature = "test-hooks")]
pub fn plan(shared: &Shared, method: &str, path: &str) -> Plan {
    use crate::knobs::FaultKind;
    use rand::Rng;

    let mut st = shared.lock();
    let mut rng = rand::thread_rng();
    let drop_before = st.take_fault(FaultKind::DropBefore, method, path).is_some()
        || rng.gen_bool(st.knobs.drop_before_rate.clamp(0.0, 1.0));
    if drop_before {
        // A request dropped before processing consumes no other fault.
        return Plan {
            latency_ms: st.knobs.latency_ms,
            drop_before,
            ..Plan::default()
        };
    }
    let drop_after = st.take_fault(FaultKind::DropAfter, method, path).is_some()
        || rng.gen_bool(st.knobs.drop_after_rate.clamp(0.0, 1.0));
    let forced = st
        .take_fault(FaultKind::Status, method, path)
        .and_then(|f| f.status);
    let disposition = st
        .take_fault(FaultKind::Disposition, method, path)
        .and_then(|f| f.value);
    let api_call = path.contains("/services/");
    if api_call && rng.gen_bool(st.knobs.revoke_rate.clamp(0.0, 1.0)) {
        st.tokens.clear();
    }
    if api_call && st.burst_left == 0 && rng.gen_bool(st.knobs.burst_429_rate.clamp(0.0, 1.0)) {
        st.burst_left = 3;
    }
    let burst = (api_call && st.burst_left > 0).then(|| {
        st.burst_left -= 1;
        429
    });
    let random_error = rng
        .gen_bool(st.knobs.error_rate.clamp(0.0, 1.0))
        .then(|| [500u16, 502, 503][rng.gen_range(0..3)])
        .or(burst);
    Plan {
        latency_ms: st.knobs.latency_ms,
        drop_before,
        drop_after,
        status: forced.or(random_error),
        disposition,
    }
}

/// Without the test hooks nothing is injected.
#[cfg(not(feature = "test-hooks"))]
pub fn plan(_shared: &Shared, _method: &str, _path: &str) -> Plan {
    Plan::default()
}

/// A scheduled hostile answer for this request, if any.
#[cfg(feature = "test-hooks")]
pub fn hostile_answer(
    shared: &Shared,
    method: &str,
    path: &str,
    headers: &HeaderMap,
) -> Option<Hostile> {
    let fault = shared.lock().take_answer_fault(method, path)?;
    Some(crate::hostile::answer(&fault, headers))
}

/// Without the test hooks nothing is injected.
#[cfg(not(feature = "test-hooks"))]
pub fn hostile_answer(
    _shared: &Shared,
    _method: &str,
    _path: &str,
    _headers: &HeaderMap,
) -> Option<Hostile> {
    None
}
