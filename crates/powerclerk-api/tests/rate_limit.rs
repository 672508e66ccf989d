//! The shared limiter against the simulator's strict sliding window: bursts go out at once,
//! never more than N in any window (also from 4 concurrent tasks), 429s pause everyone.

mod common;

use std::time::Duration;

use common::*;
use powerclerk_api::RateLimit;
use powerclerk_sim::{Knobs, RetryAfterStyle};

fn knobs(max: u32, window_ms: u64) -> Knobs {
    Knobs {
        max_calls: max,
        window_ms,
        ..Default::default()
    }
}

#[tokio::test]
async fn four_tasks_never_exceed_the_window_and_get_no_429() {
    let window = Duration::from_millis(700);
    let sim = sim(knobs(10, 700)).await;
    let c = client_for(&sim, RateLimit::new(10, window));
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                for _ in 0..10 {
                    c.project_data(
                        &form("INTG-00001", "APPLICATION"),
                        powerclerk_api::DataVersion::Submitted,
                    )
                    .await
                    .unwrap();
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let calls = calls_to(&sim, "/services/v2/").await;
    assert_eq!(calls.len(), 40);
    assert!(calls.iter().all(|e| e["status"] == 200), "no 429");
    assert!(max_in_window(&calls, window) <= 10);
    // The first ten went out as one burst: all arrived well inside the first window.
    let first: Vec<u64> = calls
        .iter()
        .take(10)
        .map(|e| e["t_us"].as_u64().unwrap())
        .collect();
    assert!(
        first[9] - first[0] < 350_000,
        "burst not delayed: {first:?}"
    );
    // And the budget was used: the 11th call had to wait for the window.
    let t11 = calls[10]["t_us"].as_u64().unwrap();
    assert!(t11 - first[0] >= 700_000);
}

#[tokio::test]
async fn clones_and_separate_clients_of_one_key_share_the_limiter() {
    let sim = sim(knobs(5, 600)).await;
    let a = client_for(&sim, RateLimit::new(5, Duration::from_millis(600)));
    let b = client_for(&sim, RateLimit::new(5, Duration::from_millis(600)));
    for i in 0..12 {
        let c = if i % 2 == 0 { &a } else { &b };
        c.programs().await.unwrap();
    }
    let calls = calls_to(&sim, "/Programs").await;
    assert!(calls.iter().all(|e| e["status"] == 200));
    assert!(max_in_window(&calls, Duration::from_millis(600)) <= 5);
}

/// The calls the server saw, the limiter's status at the end, and whether it spaced its
/// calls evenly at some point on the way.
async fn overshoot(
    style: RetryAfterStyle,
) -> (Vec<serde_json::Value>, powerclerk_api::RateStatus, bool) {
    // The server allows 3 per second; the client believes 20: it must obey the 429s.
    let sim = sim(Knobs {
        retry_after: style,
        ..knobs(3, 1000)
    })
    .await;
    let mut limit = RateLimit::new(20, Duration::from_secs(1));
    limit.retry_after_when_absent = Duration::from_millis(1200);
    let c = client_for(&sim, limit);
    for _ in 0..7 {
        c.programs().await.unwrap();
    }
    // Counted, not watched: spacing may begin and end between two looks at the status.
    let status = c.rate_status();
    let spaced = status.spacing_started > 0;
    (calls_to(&sim, "/Programs").await, status, spaced)
}

#[tokio::test]
async fn a_429_with_retry_after_seconds_pauses_and_succeeds() {
    let (calls, status, _) = overshoot(RetryAfterStyle::Seconds).await;
    let ok = calls.iter().filter(|e| e["status"] == 200).count();
    let limited: Vec<_> = calls.iter().filter(|e| e["status"] == 429).collect();
    assert_eq!(ok, 7);
    assert!(!limited.is_empty());
    // After a 429 the next call came only after Retry-After.
    let first_429 = limited[0]["t_us"].as_u64().unwrap();
    let next = calls
        .iter()
        .map(|e| e["t_us"].as_u64().unwrap())
        .find(|t| *t > first_429)
        .unwrap();
    assert!(next - first_429 >= 900_000, "{}", next - first_429);
    assert!(status.rate_limited_answers >= 1);
}

#[tokio::test]
async fn a_429_with_an_http_date_or_none_also_pauses_and_falls_back_to_spacing() {
    for style in [RetryAfterStyle::HttpDate, RetryAfterStyle::Omit] {
        let (calls, status, spaced) = overshoot(style).await;
        assert_eq!(
            calls.iter().filter(|e| e["status"] == 200).count(),
            7,
            "{style:?}"
        );
        assert!(status.rate_limited_answers >= 1);
        // Two 429s within a window although the local budget (20/s) was respected: even
        // spacing (until PowerClerk has accepted calls for a window again). Two 429s further
        // apart than a window need not start it (a margin of 0.2 s for the way back).
        let times: Vec<u64> = calls
            .iter()
            .filter(|e| e["status"] == 429)
            .map(|e| e["t_us"].as_u64().unwrap())
            .collect();
        if times.windows(2).any(|w| w[1] - w[0] < 800_000) {
            assert!(spaced, "{style:?}: {times:?}");
        }
    }
}

#[tokio::test]
async fn rate_limited_error_after_the_allowed_attempts() {
    let sim = sim(knobs(1, 60_000)).await;
    let mut limit = RateLimit::new(100, Duration::from_secs(1));
    limit.retry_after_when_absent = Duration::from_millis(10);
    let c = client_for(&sim, limit);
    c.programs().await.unwrap();
    sim.set_knobs(|k| k.retry_after = RetryAfterStyle::Omit);
    let e = c.programs().await.unwrap_err();
    assert_eq!(e.kind(), "rate_limited");
    assert!(e.to_string().contains("Wait a minute"), "{e}");
}
