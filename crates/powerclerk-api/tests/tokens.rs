//! Tokens: one fetch shared by concurrent callers, renewal before expiry, one retry after a
//! 401, a second 401 is an error, bad credentials say so.

mod common;

use std::time::Duration;

use common::*;
use powerclerk_api::{DataVersion, RateLimit};
use powerclerk_sim::{FaultKind, Knobs, ScheduledFault};
use serde_json::json;

#[tokio::test]
async fn concurrent_callers_share_one_token_fetch() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.programs().await.unwrap() })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(sim_json(&sim, "stats").await["tokens_issued"], 1);
    // Every call carried the three headers: none was refused, all asked for JSON.
    let entries = log(&sim).await;
    assert!(entries.iter().all(|e| e["status"] == 200));
    assert!(
        entries.iter().all(|e| e["accept"] == "application/json"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn revoked_token_is_replaced_once_and_the_call_retried() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    c.programs().await.unwrap();
    post_sim(&sim, "revoke-tokens", json!({})).await;
    c.programs().await.unwrap();
    let statuses: Vec<_> = calls_to(&sim, "/Programs")
        .await
        .iter()
        .map(|e| e["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 401, 200]);
    assert_eq!(sim_json(&sim, "stats").await["tokens_issued"], 2);
}

#[tokio::test]
async fn a_second_401_is_an_error() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    sim.schedule(ScheduledFault {
        kind: FaultKind::Status,
        status: Some(401),
        count: 2,
        path_contains: Some("/Programs".into()),
        method: None,
        value: None,
    });
    let e = c.programs().await.unwrap_err();
    assert_eq!(e.kind(), "unauthorized");
    assert!(e.to_string().contains("API key"), "{e}");
    assert_eq!(calls_to(&sim, "/Programs").await.len(), 2);
}

#[tokio::test]
async fn tokens_are_renewed_before_they_expire() {
    // Tokens live 1 s; the limiter (3 calls per 0.5 s) spreads 12 calls over ~1.5 s, so the
    // client must renew on its own, without ever being refused.
    let sim = sim(Knobs {
        token_lifetime_s: 1,
        ..Default::default()
    })
    .await;
    let c = client_for(&sim, RateLimit::new(3, Duration::from_millis(500)));
    for _ in 0..12 {
        c.programs().await.unwrap();
    }
    assert!(
        sim_json(&sim, "stats").await["tokens_issued"]
            .as_u64()
            .unwrap()
            >= 2
    );
    assert!(
        log(&sim).await.iter().all(|e| e["status"] == 200),
        "no 401: renewed in time"
    );
}

#[tokio::test]
async fn wrong_secret_and_unknown_key_are_told_apart() {
    let sim = sim(Knobs::default()).await;
    let bad = client_with(
        &sim,
        RateLimit::default(),
        powerclerk_sim::DEMO_CLIENT_ID,
        "wrong",
    );
    let e = bad.programs().await.unwrap_err();
    assert_eq!(e.kind(), "bad_credentials");
    assert_eq!(
        e.to_string(),
        "PowerClerk rejected the client id or secret — check them in Settings."
    );
    assert_eq!(e.status(), Some(400));

    let cfg = powerclerk_api::ClientConfig::new(
        &sim.api_url(),
        &sim.token_url(),
        powerclerk_api::Credentials::new(
            "not-a-key",
            powerclerk_sim::DEMO_CLIENT_ID,
            powerclerk_sim::DEMO_SECRET,
        ),
    )
    .unwrap();
    let e = powerclerk_api::Client::new(cfg)
        .unwrap()
        .project_data(&form("INTG-00001", "APPLICATION"), DataVersion::Submitted)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "unauthorized");
    assert!(!format!("{e:?}").contains("not-a-key"));
}

#[tokio::test]
async fn nothing_is_sent_to_plain_http_elsewhere() {
    for url in [
        "http://api.powerclerk.com/services/v2",
        "http://192.168.1.10/x",
        "http://localhost.example/x",
    ] {
        let e = powerclerk_api::ClientConfig::new(
            url,
            "https://id.example/connect/token",
            powerclerk_api::Credentials::new("k", "i", "s"),
        )
        .unwrap_err();
        assert_eq!(e.kind(), "insecure_url", "{url}");
        assert!(e.to_string().contains("https://"), "{e}");
        let e = powerclerk_api::ClientConfig::new(
            "https://api.example/v2",
            url,
            powerclerk_api::Credentials::new("k", "i", "s"),
        )
        .unwrap_err();
        assert_eq!(e.kind(), "insecure_url", "{url}");
    }
    // A config edited by hand after validation is checked again.
    let mut cfg = powerclerk_api::ClientConfig::new(
        "https://api.example/v2",
        "https://id.example/t",
        powerclerk_api::Credentials::new("k", "i", "s"),
    )
    .unwrap();
    cfg.api_url = url::Url::parse("http://api.example/v2").unwrap();
    assert_eq!(
        powerclerk_api::Client::new(cfg).unwrap_err().kind(),
        "insecure_url"
    );
}

#[tokio::test]
async fn a_token_request_whose_connection_broke_is_asked_again() {
    for kind in [FaultKind::DropBefore, FaultKind::DropAfter] {
        let sim = sim(Knobs::default()).await;
        sim.schedule(ScheduledFault {
            kind,
            path_contains: Some("/connect/token".into()),
            method: None,
            count: 1,
            status: None,
            value: None,
        });
        let c = client(&sim);
        c.programs()
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let tokens = log(&sim)
            .await
            .iter()
            .filter(|e| e["path"].as_str().unwrap_or("").ends_with("/connect/token"))
            .count();
        assert_eq!(tokens, 2, "{kind:?}: asked again once");
    }
}
