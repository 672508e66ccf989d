//! The client against broken and hostile servers: every case ends within its bound with a
//! plain message, reads a bounded amount, and never shows a secret. The bounds are scaled
//! down (0.4 s instead of 10–60 s) so that the cases run quickly; the defaults are in
//! `Limits::default()` and docs/powerclerk.md.

mod common;

use std::time::{Duration, Instant};

use common::*;
use powerclerk_api::{
    CancellationToken, Client, ClientConfig, Credentials, DataVersion, Error, Limits, RateLimit,
    RetryPolicy, Transfer,
};
use powerclerk_sim::{FaultKind, Knobs, ScheduledFault, Simulator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const T: Duration = Duration::from_millis(400);

fn limits() -> Limits {
    Limits {
        call_deadline: Duration::from_secs(20),
        max_json_body: 1024 * 1024,
        max_token_body: 16 * 1024,
        ..Limits::default().all_timeouts(T)
    }
}

fn retry() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..Default::default()
    }
}

fn hostile_client(sim: &Simulator, api_url: &str) -> Client {
    let config = ClientConfig::new(
        api_url,
        &sim.token_url(),
        Credentials::new(
            powerclerk_sim::DEMO_API_KEY,
            powerclerk_sim::DEMO_CLIENT_ID,
            powerclerk_sim::DEMO_SECRET,
        ),
    )
    .unwrap()
    .with_rate_limit(RateLimit::new(1000, Duration::from_secs(1)))
    .with_retry(retry())
    .with_limits(limits());
    Client::new(config).unwrap()
}

fn fault(kind: FaultKind, path: &str, count: u32) -> ScheduledFault {
    ScheduledFault {
        kind,
        path_contains: Some(path.into()),
        method: None,
        count,
        status: None,
        value: None,
    }
}

/// A plain message: no markup, no JSON, no secret, whatever the server sent.
fn assert_plain(e: &Error) {
    let all = format!("{e} {:?}", e.details());
    for bad in [
        "<!DOCTYPE",
        "<html",
        "{\"",
        powerclerk_sim::DEMO_API_KEY,
        powerclerk_sim::DEMO_SECRET,
    ] {
        assert!(!all.contains(bad), "{bad:?} in {all}");
    }
}

/// Runs `f`, failing the test if it does not end within `bound` plus scheduling slack.
async fn within<F: std::future::Future>(bound: Duration, f: F) -> F::Output {
    let start = Instant::now();
    let out = tokio::time::timeout(bound * 3 + Duration::from_secs(2), f)
        .await
        .expect("ended");
    let took = start.elapsed();
    assert!(
        took <= bound + Duration::from_secs(1),
        "took {took:?}, bound {bound:?}"
    );
    out
}

#[tokio::test]
async fn token_service_that_never_answers() {
    let sim = sim(Knobs::default()).await;
    sim.schedule(fault(FaultKind::Hang, "/connect/token", 10));
    let c = hostile_client(&sim, &sim.api_url());
    let e = within(T * 4 + Duration::from_millis(300), c.programs())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "timeout", "{e}");
    assert!(e
        .details()
        .unwrap()
        .server_message
        .as_ref()
        .unwrap()
        .contains("sign-in"));
    assert_plain(&e);
}

#[tokio::test]
async fn api_that_never_answers() {
    let sim = sim(Knobs::default()).await;
    sim.schedule(fault(FaultKind::Hang, "/Programs", 10));
    let c = hostile_client(&sim, &sim.api_url());
    let e = within(T * 4 + Duration::from_millis(300), c.programs())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "timeout");
    assert_plain(&e);
}

#[tokio::test]
async fn download_whose_headers_never_come_and_one_that_stalls() {
    let sim = sim(Knobs::default()).await;
    let c = hostile_client(&sim, &sim.api_url());
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let mut sink = Vec::new();
    // As many as the attempts of one call, so the next download meets the stall instead.
    sim.schedule(fault(FaultKind::Hang, "/Download", retry().max_attempts));
    let e = within(
        T * 4 + Duration::from_millis(300),
        c.download_to_writer(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            &mut sink,
            &Transfer::default(),
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind(), "timeout");

    sim.schedule(fault(FaultKind::StallBody, "/Download", 1));
    let e = within(
        T * 2,
        c.download_to_writer(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            &mut sink,
            &Transfer::default(),
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind(), "timeout");
    assert!(
        format!("{:?}", e.details()).contains("no data arrived"),
        "{e:?}"
    );
}

#[tokio::test]
async fn upload_whose_answer_never_comes_is_reconciled_not_resent() {
    let sim = sim(Knobs::default()).await;
    let c = hostile_client(&sim, &sim.api_url());
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sld.pdf");
    std::fs::write(&file, vec![7u8; 300_000]).unwrap();
    sim.schedule(fault(FaultKind::Hang, "/Upload", 1));
    let e = within(
        T * 3,
        c.upload(&f, "SINGLE_LINE_DIAGRAM", &file, &Transfer::default()),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind(), "upload_not_applied", "{e}");
    assert_eq!(calls_to(&sim, "/Upload").await.len(), 1, "never resent");
}

#[tokio::test]
async fn endless_bodies_are_cut_at_their_cap() {
    let sim = sim(Knobs::default()).await;
    let c = hostile_client(&sim, &sim.api_url());
    sim.schedule(fault(FaultKind::EndlessBody, "/Projects", 1));
    let e = within(T * 2, c.projects(PROGRAM, &Default::default()))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "answer_too_large");
    assert!(e.to_string().contains("1.0 MiB"), "{e}");

    // The token answer has its own, smaller cap.
    let c = hostile_client(&sim, &sim.api_url());
    sim.schedule(fault(FaultKind::EndlessBody, "/connect/token", 1));
    let e = within(T * 2, c.authenticate()).await.unwrap_err();
    assert_eq!(e.kind(), "answer_too_large");

    // A 500 with an endless body on a download: only the start of the body is read.
    let mut f500 = fault(FaultKind::EndlessBody, "/Download", 10);
    f500.status = Some(500);
    sim.schedule(f500);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let mut sink = Vec::new();
    let e = within(
        T * 2,
        c.download_to_writer(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            &mut sink,
            &Transfer::default(),
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind(), "server");
    let shown = e.details().unwrap().server_message.as_ref().unwrap();
    assert!(shown.chars().count() <= 300, "{} chars", shown.len());
}

#[tokio::test]
async fn odd_token_answers() {
    let sim = sim(Knobs::default()).await;
    let c = hostile_client(&sim, &sim.api_url());
    let mut huge = fault(FaultKind::Raw, "/connect/token", 1);
    huge.value = Some(
        r#"{"access_token":"tok-huge-lifetime","token_type":"Bearer","expires_in":18446744073709551615}"#
            .into(),
    );
    sim.schedule(huge);
    // The huge lifetime is clamped (no overflow); the made-up token is refused by the API
    // with 401, and one fresh token later the call succeeds.
    within(T * 2, c.programs()).await.unwrap();

    let c = hostile_client(&sim, &sim.api_url());
    let mut mac = fault(FaultKind::Raw, "/connect/token", 1);
    mac.value = Some(r#"{"access_token":"abcdef","token_type":"mac","expires_in":60}"#.into());
    sim.schedule(mac);
    let e = c.programs().await.unwrap_err();
    assert_eq!(e.kind(), "unsupported_token");
    assert!(!e.to_string().contains("API key"), "{e}");
}

#[tokio::test]
async fn a_server_that_ignores_offset_does_not_page_forever() {
    let sim = sim(Knobs {
        ignore_offset: true,
        ..Knobs::default()
    })
    .await;
    let c = hostile_client(&sim, &sim.api_url());
    let e = within(T * 2, c.all_projects(PROGRAM, None, 100))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "paging");
    assert!(e.to_string().contains("same page"), "{e}");
    assert_eq!(calls_to(&sim, "/Projects").await.len(), 2);
}

#[tokio::test]
async fn huge_retry_after_ends_at_once_with_the_wait_in_words() {
    let sim = sim(Knobs::default()).await;
    let c = hostile_client(&sim, &sim.api_url());
    let mut f = fault(FaultKind::RetryAfter, "/Programs", 100);
    f.value = Some("86400".into());
    sim.schedule(f);
    let e = within(T, c.programs()).await.unwrap_err();
    assert_eq!(e.kind(), "rate_limited");
    assert!(e.to_string().contains("wait 24 hours"), "{e}");
    assert_eq!(calls_to(&sim, "/Programs").await.len(), 1);
}

#[tokio::test]
async fn html_pages_redirects_and_echoed_secrets_in_plain_words() {
    let sim = sim(Knobs::default()).await;
    let c = hostile_client(&sim, &sim.api_url());
    sim.schedule(fault(FaultKind::Html, "/Programs", 1));
    let e = c.programs().await.unwrap_err();
    assert_eq!(e.kind(), "html_page");
    assert!(e.to_string().contains("proxy, firewall"), "{e}");
    assert!(format!("{:?}", e.details()).contains("Request blocked"));
    assert_plain(&e);

    let mut r = fault(FaultKind::Redirect, "/Programs", 1);
    r.value = Some("https://login.example.net/portal".into());
    sim.schedule(r);
    let e = c.programs().await.unwrap_err();
    assert_eq!(e.kind(), "redirected");
    assert!(
        e.to_string().contains("https://login.example.net/portal"),
        "{e}"
    );
    assert_eq!(calls_to(&sim, "portal").await.len(), 0, "never followed");

    sim.schedule(fault(FaultKind::EchoSecrets, "/Programs", 1));
    let e = c.programs().await.unwrap_err();
    assert_eq!(e.kind(), "rejected");
    let all = format!("{e} {:?}", e.details());
    assert!(all.contains("[redacted]"), "{all}");
    assert_plain(&e);
    assert!(
        !all.contains("Bearer ey") && all.matches("[redacted]").count() >= 2,
        "{all}"
    );
}

/// A one-shot TCP server on 127.0.0.1 that reads a request, tells the test, then writes
/// `reply` (or nothing, when `None`) and keeps the connection open until dropped.
async fn raw_server(reply: Option<&'static [u8]>) -> (String, tokio::sync::oneshot::Receiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 8192];
        let mut got = Vec::new();
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                return;
            }
            got.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(());
        if let Some(r) = reply {
            let _ = s.write_all(r).await;
            let _ = s.shutdown().await;
        }
        let _ = s.read(&mut buf).await;
    });
    (format!("http://{addr}/PCITrial/services/v2"), rx)
}

#[tokio::test]
async fn a_reply_that_is_not_http_and_a_cut_off_download() {
    let sim = sim(Knobs::default()).await;
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let (url, _) = raw_server(Some(b"SSH-2.0-OpenSSH_9.2\r\n\r\ngarbage")).await;
    let c = hostile_client(&sim, &url);
    let e = c.create_project(PROGRAM).await.unwrap_err();
    assert_eq!(e.kind(), "not_powerclerk", "{e}");
    assert!(!e.to_string().contains("internet connection"), "{e}");

    let (url, _) = raw_server(Some(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/pdf\r\n\r\n0123456789",
    ))
    .await;
    let c = hostile_client(&sim, &url);
    let mut sink = Vec::new();
    let e = c
        .download_to_writer(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            &mut sink,
            &Transfer::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "truncated", "{e}");
    assert!(
        e.to_string().contains("after 10 bytes of 1000 bytes"),
        "{e}"
    );
}

#[tokio::test]
async fn cancel_reaches_a_download_before_its_headers() {
    let sim = sim(Knobs::default()).await;
    let (url, arrived) = raw_server(None).await;
    let c = hostile_client(&sim, &url);
    let cancel = CancellationToken::new();
    let t = Transfer {
        progress: None,
        cancel: Some(cancel.clone()),
    };
    let dir = tempfile::tempdir().unwrap();
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let download = c.download_to_dir(
        &f,
        "SINGLE_LINE_DIAGRAM",
        DataVersion::Submitted,
        dir.path(),
        &t,
    );
    let canceller = async {
        arrived.await.unwrap();
        cancel.cancel();
    };
    let (result, ()) = tokio::join!(download, canceller);
    assert_eq!(result.unwrap_err().kind(), "cancelled");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no partial file left"
    );
}

#[tokio::test]
async fn the_retry_bucket_empties_while_the_service_fails() {
    let sim = sim(Knobs::default()).await;
    let mut unavailable = fault(FaultKind::Status, "/Programs", 100);
    unavailable.status = Some(503);
    sim.schedule(unavailable);
    let config = ClientConfig::new(
        &sim.api_url(),
        &sim.token_url(),
        Credentials::new(
            powerclerk_sim::DEMO_API_KEY,
            powerclerk_sim::DEMO_CLIENT_ID,
            powerclerk_sim::DEMO_SECRET,
        ),
    )
    .unwrap()
    .with_retry(RetryPolicy {
        budget: 15,
        ..retry()
    })
    .with_limits(limits());
    let c = Client::new(config).unwrap();
    // 15 tokens = 3 retries in all: the first call takes 3 (4 attempts), later calls none.
    for _ in 0..3 {
        assert!(c.programs().await.unwrap_err().is_ambiguous());
    }
    assert_eq!(calls_to(&sim, "/Programs").await.len(), 4 + 1 + 1);
}
