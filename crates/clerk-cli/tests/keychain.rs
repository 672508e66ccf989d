//! Credentials in a real Secret Service (gnome-keyring under dbus-run-session; see
//! scripts/test.sh). Ignored by a plain `cargo test`, which has no keyring.

use clerkdesk_core::secrets;
use powerclerk_api::Credentials;

#[tokio::test]
#[ignore = "needs a Secret Service: run through scripts/test.sh (dbus-run-session + gnome-keyring)"]
async fn save_load_remove_round_trip() {
    let profile = format!("test-{}", std::process::id());
    let creds = Credentials::new("key-abc", "client-def", "secret-ghi");
    assert!(!secrets::is_saved(&profile).await.unwrap());
    secrets::save(&profile, &creds).await.unwrap();
    assert!(secrets::is_saved(&profile).await.unwrap());
    let back = secrets::load(&profile).await.unwrap().unwrap();
    assert_eq!(
        (
            back.api_key(),
            back.client_id.as_str(),
            back.client_secret()
        ),
        ("key-abc", "client-def", "secret-ghi")
    );
    assert!(secrets::remove(&profile).await.unwrap());
    assert!(secrets::load(&profile).await.unwrap().is_none());
    assert!(!secrets::is_saved(&profile).await.unwrap());
    assert!(!secrets::remove(&profile).await.unwrap());
}

#[tokio::test]
#[ignore = "needs a Secret Service: run through scripts/test.sh (dbus-run-session + gnome-keyring)"]
async fn clerk_login_check_logout_through_the_keychain() {
    use tokio::io::AsyncWriteExt;
    let sim = powerclerk_sim::Simulator::start(Default::default())
        .await
        .unwrap();
    let profile = format!("cli-{}", std::process::id());
    let run = |args: Vec<&'static str>| {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_clerk"));
        c.args(args)
            .args([
                "--profile",
                &profile,
                "--api-url",
                &sim.api_url(),
                "--token-url",
                &sim.token_url(),
            ])
            .env_remove("POWERCLERK_API_KEY")
            .env_remove("POWERCLERK_CLIENT_ID")
            .env_remove("POWERCLERK_SECRET")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        c
    };
    // Without saved credentials: a plain sentence pointing at `clerk login`, exit 2.
    let o = run(vec!["check"]).output().await.unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("clerk login"));

    let mut child = run(vec!["login"]).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"demo-api-key\ndemo-client\ndemo-secret\n")
        .await
        .unwrap();
    drop(stdin);
    let o = child.wait_with_output().await.unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(0), "{all}");
    assert!(
        !all.contains("demo-secret") && !all.contains("demo-api-key"),
        "{all}"
    );

    let o = run(vec!["check"]).output().await.unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let o = run(vec!["logout"]).output().await.unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Removed"));
    assert_eq!(
        run(vec!["check"]).output().await.unwrap().status.code(),
        Some(2)
    );
    // A wrong secret is not saved.
    let mut child = run(vec!["login"]).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"demo-api-key\ndemo-client\nwrong\n")
        .await
        .unwrap();
    drop(stdin);
    assert_eq!(
        child.wait_with_output().await.unwrap().status.code(),
        Some(1)
    );
    assert!(secrets::load(&profile).await.unwrap().is_none());
}
