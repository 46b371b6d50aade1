//! The OAuth 2.0 provider end to end: real HTTP, a cookie-keeping "browser"
//! for the pages, the SDK for the client side; on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use aethex_sdk::{ClientAuth, Error, Pkce, CLI_CLIENT_ID};
use aethex_server::auth::Tier;
use common::{csrf_of, Backend, TestServer};

both_backends!(
    device_flow_through_activate_page,
    device_flow_denied_and_polling_rules,
    authorization_code_with_pkce,
    authorization_request_errors,
    refresh_rotation_and_reuse_detection,
    client_credentials_and_free_tier,
);

const PASSWORD: &str = "correct horse battery";

/// Approve (or deny) a device code the way a person does: open the
/// verification URL, get sent to log in, log in, press the button.
async fn approve_in_browser(s: &TestServer, verification_uri_complete: &str, action: &str) -> String {
    let browser = s.browser();
    let resp = browser.get(verification_uri_complete).send().await.unwrap();
    assert_eq!(resp.status(), 303, "not logged in: sent to the login page");
    let to_login = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(to_login.starts_with("/login?next="), "{to_login}");
    let login_page = browser.get(s.url(&to_login)).send().await.unwrap().text().await.unwrap();
    assert!(login_page.contains("name=\"password\""));
    let next = url_param(&to_login, "next");
    let resp = browser
        .post(s.url("/login"))
        .form(&[("login", "viewer"), ("password", PASSWORD), ("next", next.as_str()), ("csrf", &csrf_of(&login_page))])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let back = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with("/activate?user_code="), "{back}");
    let page = browser.get(s.url(&back)).send().await.unwrap();
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let page = page.text().await.unwrap();
    assert!(page.contains("AeThex CLI and tools"), "the page names the app");
    assert!(page.contains("chat:read"), "the page lists the scopes");
    let user_code = url_param(&back, "user_code");
    let done = browser
        .post(s.url("/activate"))
        .form(&[("user_code", user_code.as_str()), ("csrf", csrf_of(&page).as_str()), ("action", action)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    done.text().await.unwrap()
}

fn url_param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

async fn device_flow_through_activate_page(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("viewer", Some(PASSWORD)).await;
    let client = s.client();
    let auth = client.start_device_login(CLI_CLIENT_ID, &["chat:read", "channel:manage"]).await.unwrap();
    assert_eq!(auth.verification_uri, s.url("/activate"));
    assert_eq!(auth.user_code.len(), 9);
    assert!(auth.interval >= 5);

    // Before approval the device is told to wait.
    assert_eq!(device_poll(&s, &auth.device_code).await, (400, "authorization_pending".to_string()));

    let page = approve_in_browser(&s, &auth.verification_uri_complete, "approve").await;
    assert!(page.contains("Device connected"), "{page}");

    // The SDK polls (after the interval) and gets tokens.
    let mut fast = auth.clone();
    fast.interval = 5;
    let token = client.finish_device_login(CLI_CLIENT_ID, &fast).await.unwrap();
    assert_eq!(token.scope, "chat:read channel:manage");
    assert!(token.refresh_token.is_some());
    let v = s.client_with(&token.access_token).validate().await.unwrap();
    assert_eq!((v.login.as_deref(), v.client_id.as_str()), (Some("viewer"), CLI_CLIENT_ID));
    assert_eq!(v.scopes, vec!["chat:read", "channel:manage"]);
    assert!(v.expires_in > 3000);
    assert_eq!(s.client_with(&token.access_token).me().await.unwrap().login, "viewer");

    // The device code works once.
    assert_eq!(device_poll(&s, &auth.device_code).await, (400, "invalid_grant".to_string()));
}

/// One raw device-code poll of `/oauth/token`: the status and the OAuth error code.
async fn device_poll(s: &TestServer, device_code: &str) -> (u16, String) {
    token_request(
        s,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device_code),
            ("client_id", CLI_CLIENT_ID),
        ],
    )
    .await
}

/// One raw `/oauth/token` request: the status and the OAuth error code ("" when none).
async fn token_request(s: &TestServer, form: &[(&str, &str)]) -> (u16, String) {
    let r = s.http().post(s.url("/oauth/token")).form(form).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap_or("").to_string())
}

/// One raw refresh of `/oauth/token` by the CLI client, optionally narrowing the scopes.
async fn refresh_raw(s: &TestServer, refresh_token: &str, scope: Option<&str>) -> (u16, String) {
    let mut form =
        vec![("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", CLI_CLIENT_ID)];
    form.extend(scope.map(|scope| ("scope", scope)));
    token_request(s, &form).await
}

async fn device_flow_denied_and_polling_rules(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("viewer", Some(PASSWORD)).await;
    let client = s.client();
    let auth = client.start_device_login(CLI_CLIENT_ID, &["chat:read"]).await.unwrap();
    assert_eq!(device_poll(&s, &auth.device_code).await.1, "authorization_pending");
    assert_eq!(device_poll(&s, &auth.device_code).await.1, "slow_down", "polling faster than the interval");

    let page = approve_in_browser(&s, &auth.verification_uri_complete, "deny").await;
    assert!(page.contains("denied"), "{page}");
    let mut fast = auth.clone();
    fast.interval = 11;
    assert!(matches!(client.finish_device_login(CLI_CLIENT_ID, &fast).await, Err(Error::AccessDenied)));

    // Unknown scope, unknown client.
    assert!(
        matches!(client.start_device_login(CLI_CLIENT_ID, &["root:all"]).await, Err(Error::OAuth { error, .. }) if error == "invalid_scope")
    );
    assert!(
        matches!(client.start_device_login("nope", &["chat:read"]).await, Err(Error::OAuth { error, .. }) if error == "invalid_client")
    );

    // A wrong code on the page is refused, not approved.
    let browser = s.browser();
    s.browser_login(&browser, "viewer", PASSWORD).await;
    let page = browser.get(s.url("/activate")).send().await.unwrap().text().await.unwrap();
    let r = browser
        .post(s.url("/activate"))
        .form(&[("user_code", "BCDF-GHJK"), ("csrf", csrf_of(&page).as_str()), ("action", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // A forged form without the session's CSRF token is refused.
    let auth2 = client.start_device_login(CLI_CLIENT_ID, &["chat:read"]).await.unwrap();
    let r = browser
        .post(s.url("/activate"))
        .form(&[("user_code", auth2.user_code.as_str()), ("csrf", "forged"), ("action", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Wrong password.
    let browser = s.browser();
    let (csrf, _) = s.open_login(&browser).await;
    let r = browser
        .post(s.url("/login"))
        .form(&[("login", "viewer"), ("password", "wrong password"), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

/// Log in and walk the consent page; returns the redirect the server sends.
async fn consent(s: &TestServer, query: &[(&str, &str)], decision: &str) -> String {
    let browser = s.browser();
    s.browser_login(&browser, "viewer", PASSWORD).await;
    let page = browser.get(s.url("/oauth/authorize")).query(query).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Test App"));
    let mut form: Vec<(&str, &str)> = query.to_vec();
    let csrf = csrf_of(&html);
    form.push(("csrf", &csrf));
    form.push(("decision", decision));
    let resp = browser.post(s.url("/oauth/authorize")).form(&form).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    resp.headers()["location"].to_str().unwrap().to_string()
}

const REDIRECT: &str = "https://app.example.com/callback";

async fn authorization_code_with_pkce(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("viewer", Some(PASSWORD)).await;
    let app = s.app(REDIRECT, Tier::Pro, true).await;
    let pkce = Pkce::generate();
    let query = [
        ("response_type", "code"),
        ("client_id", app.client_id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "user:edit:follows channel:read"),
        ("state", "xyz-123"),
        ("code_challenge", pkce.challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    // Not logged in: the consent page first sends the browser to log in.
    let r = s.browser().get(s.url("/oauth/authorize")).query(&query).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login?next=%2Foauth%2Fauthorize"));

    let location = consent(&s, &query, "approve").await;
    assert!(location.starts_with(REDIRECT), "{location}");
    assert_eq!(url_param(&location, "state"), "xyz-123");
    let code = url_param(&location, "code");
    assert!(!code.is_empty());

    let auth = ClientAuth { client_id: app.client_id.clone(), client_secret: app.client_secret.clone() };
    let client = s.client();
    // Wrong secret, then the right one.
    let bad_auth = ClientAuth { client_secret: Some("axs_wrong".into()), ..auth.clone() };
    assert!(
        matches!(client.exchange_code(&bad_auth, &code, REDIRECT, &pkce.verifier).await, Err(Error::OAuth { error, .. }) if error == "invalid_client")
    );
    let token = client.exchange_code(&auth, &code, REDIRECT, &pkce.verifier).await.unwrap();
    assert_eq!(token.scope, "user:edit:follows channel:read");
    let v = s.client_with(&token.access_token).validate().await.unwrap();
    assert_eq!((v.login.as_deref(), v.client_id.as_str()), (Some("viewer"), app.client_id.as_str()));
    // The refresh token rotates once before the code comes back.
    let rotated = client.refresh(&auth, token.refresh_token.as_deref().unwrap()).await.unwrap();
    s.client_with(&rotated.access_token).validate().await.unwrap();
    // A code works once, and its replay revokes everything it bought (RFC 6749 §4.1.2):
    // the first access token, the rotated access token and the rotated refresh token.
    assert!(
        matches!(client.exchange_code(&auth, &code, REDIRECT, &pkce.verifier).await, Err(Error::OAuth { error, .. }) if error == "invalid_grant")
    );
    for access in [&token.access_token, &rotated.access_token] {
        assert!(matches!(s.client_with(access).validate().await, Err(Error::Unauthorized { .. })));
    }
    assert!(
        matches!(client.refresh(&auth, rotated.refresh_token.as_deref().unwrap()).await, Err(Error::OAuth { error, .. }) if error == "invalid_grant")
    );
    // Tokens from another code of the same user and app are untouched.
    let location = consent(&s, &query, "approve").await;
    let other_code = url_param(&location, "code");
    let other = client.exchange_code(&auth, &other_code, REDIRECT, &pkce.verifier).await;
    let other = other.unwrap();
    assert!(matches!(client.exchange_code(&auth, &code, REDIRECT, &pkce.verifier).await, Err(Error::OAuth { .. })));
    s.client_with(&other.access_token).validate().await.unwrap();
    let token = other;

    // A code with the wrong verifier is refused.
    let location = consent(&s, &query, "approve").await;
    let code2 = url_param(&location, "code");
    let other = Pkce::generate();
    assert!(
        matches!(client.exchange_code(&auth, &code2, REDIRECT, &other.verifier).await, Err(Error::OAuth { error, .. }) if error == "invalid_grant")
    );

    // Denying sends access_denied back with the state.
    let location = consent(&s, &query, "deny").await;
    assert_eq!(url_param(&location, "error"), "access_denied");
    assert_eq!(url_param(&location, "state"), "xyz-123");

    // Revocation (RFC 7009) makes the token useless at once.
    client.revoke(&auth, &token.access_token).await.unwrap();
    assert!(matches!(s.client_with(&token.access_token).me().await, Err(Error::Unauthorized { .. })));
    assert!(matches!(s.client_with(&token.access_token).validate().await, Err(Error::Unauthorized { .. })));
}

async fn authorization_request_errors(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("viewer", Some(PASSWORD)).await;
    let app = s.app(REDIRECT, Tier::Free, true).await;
    let pkce = Pkce::generate();
    let browser = s.browser();
    s.browser_login(&browser, "viewer", PASSWORD).await;
    let get = |q: Vec<(&'static str, String)>| {
        let b = browser.clone();
        let url = s.url("/oauth/authorize");
        async move { b.get(url).query(&q).send().await.unwrap() }
    };
    let base = |redirect: &str| {
        vec![
            ("response_type", "code".to_string()),
            ("client_id", app.client_id.clone()),
            ("redirect_uri", redirect.to_string()),
            ("scope", "chat:read".to_string()),
            ("state", "s1".to_string()),
            ("code_challenge", pkce.challenge.clone()),
            ("code_challenge_method", "S256".to_string()),
        ]
    };
    // A redirect URI that is not registered exactly: an error page, never a redirect.
    for bad in [
        "https://app.example.com/callback/",
        "https://evil.example.com/callback",
        "https://app.example.com/callback?x=1",
    ] {
        let r = get(base(bad)).await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    let mut unknown = base(REDIRECT);
    unknown[1].1 = "unknown-client".into();
    assert_eq!(get(unknown).await.status(), 400);
    // PKCE is mandatory, S256 only: the error goes back to the app.
    let mut plain = base(REDIRECT);
    plain[6].1 = "plain".into();
    let r = get(plain).await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(url_param(&loc, "error"), "invalid_request");
    assert_eq!(url_param(&loc, "state"), "s1");
    let mut bad_scope = base(REDIRECT);
    bad_scope[3].1 = "everything".into();
    let loc = get(bad_scope).await.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(url_param(&loc, "error"), "invalid_scope");
    // Unsupported grant type.
    let r = s
        .http()
        .post(s.url("/oauth/token"))
        .form(&[("grant_type", "password"), ("client_id", CLI_CLIENT_ID)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_grant_type");
    // Not a form at all.
    let r = s
        .http()
        .post(s.url("/oauth/token"))
        .body("{}")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

async fn refresh_rotation_and_reuse_detection(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("viewer", Some(PASSWORD)).await;
    let client = s.client();
    let auth = client.start_device_login(CLI_CLIENT_ID, &["chat:read"]).await.unwrap();
    approve_in_browser(&s, &auth.verification_uri_complete, "approve").await;
    let mut fast = auth.clone();
    fast.interval = 5;
    let first = client.finish_device_login(CLI_CLIENT_ID, &fast).await.unwrap();
    let cli = ClientAuth { client_id: CLI_CLIENT_ID.into(), client_secret: None };

    let r1 = first.refresh_token.clone().unwrap();
    let second = client.refresh(&cli, &r1).await.unwrap();
    let r2 = second.refresh_token.clone().unwrap();
    assert_ne!(r1, r2, "refresh tokens rotate");
    assert_eq!(s.client_with(&second.access_token).me().await.unwrap().login, "viewer");

    // Narrowing on refresh is allowed, widening is not.
    let widen = refresh_raw(&s, &r2, Some("chat:read chat:edit")).await;
    assert_eq!(widen, (400, "invalid_scope".to_string()), "a refresh cannot widen the scopes");

    // A refused request does not burn the refresh token; it still rotates:
    // a new refresh token and a working access token come back.
    let third = client.refresh(&cli, &r2).await.unwrap();
    let r3 = third.refresh_token.clone().expect("a rotation returns a new refresh token");
    assert!(r3 != r2 && r3 != r1, "refresh tokens rotate after a refused request too");
    assert_eq!(s.client_with(&third.access_token).me().await.unwrap().login, "viewer");

    // Replaying a rotated refresh token means it leaked: it is refused and the
    // whole family dies, including the tokens issued by the legitimate rotation.
    let refused = (400, "invalid_grant".to_string());
    assert_eq!(refresh_raw(&s, &r2, None).await, refused, "a replayed refresh token is refused");
    assert!(matches!(s.client_with(&third.access_token).me().await, Err(Error::Unauthorized { .. })));
    assert_eq!(refresh_raw(&s, &r3, None).await, refused, "the family's newest refresh token is revoked too");
    assert_eq!(refresh_raw(&s, &r1, None).await, refused, "the first refresh token stays refused");
    let replay = client.refresh(&cli, &r2).await;
    assert!(matches!(replay, Err(Error::OAuth { error, .. }) if error == "invalid_grant"));
    // Tokens of another login are untouched.
    let other = s.token("viewer", "chat:read").await;
    assert_eq!(s.client_with(&other).me().await.unwrap().login, "viewer");

    // Tokens are stored hashed: the raw token appears nowhere in the table.
    let stored: Vec<String> = sqlx::query_scalar("SELECT hash FROM tokens").fetch_all(&s.state.db.pool).await.unwrap();
    assert!(!stored.iter().any(|h| *h == second.access_token || *h == other));
    assert!(stored.iter().all(|h| h.len() == 64));
}

async fn client_credentials_and_free_tier(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("streamer", None).await;
    let free = s.app(REDIRECT, Tier::Free, true).await;
    let client = s.client();
    let token = client
        .client_credentials(&free.client_id, free.client_secret.as_deref().unwrap(), &["channel:read"])
        .await
        .unwrap();
    assert!(token.refresh_token.is_none(), "app tokens do not refresh");
    let app_client = s.client_with(&token.access_token);
    let v = app_client.validate().await.unwrap();
    assert_eq!((v.login, v.user_id, v.client_id.as_str()), (None, None, free.client_id.as_str()));
    assert_eq!(app_client.channel("streamer").await.unwrap().login, "streamer");
    match app_client.me().await {
        Err(Error::Forbidden { message }) => assert!(message.contains("app token"), "{message}"),
        other => panic!("expected 403 for an app token, got {other:?}"),
    }
    // The free tier is read-only.
    let r =
        s.http().put(s.url("/api/users/me/follows/streamer")).bearer_auth(&token.access_token).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("read-only"));
    // Public clients cannot use client credentials.
    let public = s.app(REDIRECT, Tier::Pro, false).await;
    let r = s
        .http()
        .post(s.url("/oauth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", public.client_id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"], "unauthorized_client");
    // HTTP Basic client authentication works too.
    let r = s
        .http()
        .post(s.url("/oauth/token"))
        .basic_auth(&free.client_id, free.client_secret.as_deref())
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
}

/// After logging in, the browser goes only to a page of this site, however
/// `next` is written (tabs, backslashes, controls, absolute URLs), and no
/// `next` makes the login fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_redirects_stay_on_this_site() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("viewer", Some(PASSWORD)).await;
    for next in [
        "/\t/evil.com",
        "/\n/evil.com",
        "//evil.com",
        "/\\evil.com",
        "\\\\evil.com",
        " //evil.com",
        "\u{1}//evil.com",
        "\u{b}/evil.com",
        "https://evil.com/",
        "/ok\u{1}\u{b}path",
        "/activate?user_code=ABCD-EFGH",
    ] {
        let browser = s.browser();
        let (csrf, _) = s.open_login(&browser).await;
        let resp = browser
            .post(s.url("/login"))
            .form(&[("login", "viewer"), ("password", PASSWORD), ("next", next), ("csrf", &csrf)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 303, "{next:?}");
        let location = resp.headers()["location"].to_str().unwrap().to_string();
        let resolved = url::Url::parse("https://aethex.test/").unwrap().join(&location).unwrap();
        assert_eq!(resolved.host_str(), Some("aethex.test"), "{next:?} went to {location}");
        assert!(!location.contains(|c: char| c.is_control()), "{location:?}");
    }
}
