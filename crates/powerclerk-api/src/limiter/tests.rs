//! Unit tests of `limiter`.

use super::*;

#[tokio::test(start_paused = true)]
async fn burst_goes_out_at_once_then_waits_a_window() {
    let l = RateLimiter::new(RateLimit::new(5, Duration::from_secs(10)));
    let start = Instant::now();
    for _ in 0..5 {
        drop(l.acquire().await);
    }
    assert_eq!(Instant::now(), start, "the first five are not delayed");
    drop(l.acquire().await);
    let waited = Instant::now() - start;
    assert!(waited >= Duration::from_secs(10), "{waited:?}");
    assert!(waited <= Duration::from_millis(10_200), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn in_flight_calls_hold_their_slot() {
    let l = RateLimiter::new(RateLimit::new(2, Duration::from_secs(1)));
    let a = l.acquire().await;
    let _b = l.acquire().await;
    let l2 = l.clone();
    let third = tokio::spawn(async move {
        drop(l2.acquire().await);
        Instant::now()
    });
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(
        !third.is_finished(),
        "no slot while both calls are unanswered"
    );
    let answered = Instant::now();
    drop(a);
    let t = third.await.unwrap();
    assert!(t >= answered + Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn a_429_pauses_everyone_and_repeated_429s_switch_to_spacing() {
    let l = RateLimiter::new(RateLimit::new(60, Duration::from_secs(60)));
    let start = Instant::now();
    assert_eq!(
        l.on_rate_limited(Some(Duration::from_secs(3))),
        Duration::from_secs(3)
    );
    assert!(l.status().paused_by_server);
    drop(l.acquire().await);
    assert!(Instant::now() - start >= Duration::from_secs(3));
    // Without Retry-After: doubling from 1 s with each recent 429, up to 60 s.
    assert_eq!(l.on_rate_limited(None), Duration::from_secs(2));
    assert_eq!(l.status().fallback_interval, Some(Duration::from_secs(2)));
    let pauses: Vec<u64> = (0..6).map(|_| l.on_rate_limited(None).as_secs()).collect();
    assert_eq!(pauses, [4, 8, 16, 32, 60, 60]);
    // An accepted call starts the backoff again.
    l.on_accepted();
    assert_eq!(l.on_rate_limited(None), Duration::from_secs(1));
    assert_eq!(
        l.on_rate_limited(Some(Duration::from_secs(100_000))),
        decisions::RETRY_AFTER_CAP
    );
}

#[tokio::test(start_paused = true)]
async fn burst_cap_limits_short_windows() {
    let mut limit = RateLimit::new(100, Duration::from_secs(60));
    limit.burst = Some((2, Duration::from_secs(1)));
    let l = RateLimiter::new(limit);
    let start = Instant::now();
    for _ in 0..4 {
        drop(l.acquire().await);
    }
    assert!(Instant::now() - start >= Duration::from_secs(1));
}

#[test]
fn shared_limiters_are_per_key() {
    let a = RateLimiter::shared("svc", "k1", RateLimit::default());
    let b = RateLimiter::shared("svc", "k1", RateLimit::default());
    let c = RateLimiter::shared("svc", "k2", RateLimit::default());
    assert!(Arc::ptr_eq(&a.inner, &b.inner));
    assert!(!Arc::ptr_eq(&a.inner, &c.inner));
}

#[tokio::test]
async fn calls_remembered_from_an_earlier_run_hold_their_slots() {
    let l = RateLimiter::new(RateLimit::new(3, Duration::from_millis(800)));
    let earlier = std::time::SystemTime::now() - Duration::from_millis(100);
    l.remember_calls(&[earlier, earlier, earlier]);
    // Older than the window, or in the future: not counted.
    l.remember_calls(&[
        std::time::SystemTime::now() - Duration::from_secs(60),
        std::time::SystemTime::now() + Duration::from_secs(60),
    ]);
    assert_eq!(l.status().used, 3);
    assert_eq!(l.recent_calls().len(), 3);
    let start = Instant::now();
    drop(l.acquire().await);
    let waited = Instant::now() - start;
    assert!(waited >= Duration::from_millis(600), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn even_spacing_ends_once_powerclerk_accepts_calls_for_a_window() {
    let l = RateLimiter::new(RateLimit::new(10, Duration::from_secs(10)));
    l.on_rate_limited(Some(Duration::from_secs(1)));
    l.on_rate_limited(Some(Duration::from_secs(1)));
    assert!(l.status().fallback_interval.is_some());
    tokio::time::sleep(Duration::from_secs(2)).await;
    l.on_accepted();
    assert!(
        l.status().fallback_interval.is_some(),
        "too soon after the 429s"
    );
    tokio::time::sleep(Duration::from_secs(10)).await;
    l.on_accepted();
    assert_eq!(
        l.status().fallback_interval,
        None,
        "the key's full rate again"
    );
}
