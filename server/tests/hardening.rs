//! What an outside review tries as an attacker, through the public interface:
//! login CSRF and cross-site forms, guessing passwords and client secrets,
//! slow and greedy connections, and what browser apps on other origins may
//! call (CORS, RFC 8414 metadata). Each class is tried in several forms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use aethex_server::auth::Tier;
use common::{csrf_of, set_cookies, Backend, TestServer};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

const PASSWORD: &str = "correct horse battery";

/// A hang guard, not a timing assertion: how long a test waits for the
/// server to close a connection it should shed after about a second.
const SHED_WITHIN: Duration = Duration::from_secs(15);

async fn login_post(
    s: &TestServer,
    browser: &reqwest::Client,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = browser.post(s.url("/login")).form(form);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

fn sets_session(r: &reqwest::Response) -> bool {
    r.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap_or("").starts_with("aethex_session="))
}

/// A cross-site form cannot log a victim in: the login form carries a token
/// that must match a SameSite=Strict cookie, and a form sent from another
/// site (by `Origin`, or `Referer` without it) is refused even with one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_csrf_and_cross_site_forms() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("viewer", Some(PASSWORD)).await;
    let good = [("login", "viewer"), ("password", PASSWORD), ("next", "/activate")];

    // No token at all (the attacker's form), a made-up token, a token from
    // another browser's page: all refused, and no session is started.
    let fresh = s.browser();
    let r = login_post(&s, &fresh, &good, &[]).await;
    assert_eq!(r.status(), 403);
    assert!(!sets_session(&r));
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page = r.text().await.unwrap();
    assert!(page.contains("did not come from this site"), "{page}");
    let (other_csrf, _) = s.open_login(&s.browser()).await;
    for token in ["forged", "", other_csrf.as_str()] {
        let b = s.browser();
        s.open_login(&b).await;
        let mut form = good.to_vec();
        form.push(("csrf", token));
        let r = login_post(&s, &b, &form, &[]).await;
        assert_eq!(r.status(), 403, "token {token:?}");
        assert!(!sets_session(&r));
    }
    // A token without its cookie (a client with no cookie store) is refused too.
    let (csrf, _) = s.open_login(&s.http()).await;
    let mut form = good.to_vec();
    form.push(("csrf", &csrf));
    assert_eq!(login_post(&s, &s.http(), &form, &[]).await.status(), 403);

    // The login cookie is SameSite=Strict, HttpOnly, scoped to /login.
    let r = s.http().get(s.url("/login")).send().await.unwrap();
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    for attr in ["SameSite=Strict", "HttpOnly", "Path=/login"] {
        assert!(set.contains(attr), "{set}");
    }
    assert_eq!(r.headers()["referrer-policy"], "same-origin", "so our own forms carry a real Origin");

    // With a good token, a form from another site is still refused, however the sender is named.
    let host = s.addr.to_string();
    let ours = format!("http://{host}");
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("origin", "http://127.0.0.1.evil.example")],
        vec![("referer", "https://evil.example/login")],
        vec![("origin", "https://evil.example"), ("referer", ours.as_str())],
        vec![("origin", "not a url")],
    ] {
        let b = s.browser();
        let (csrf, _) = s.open_login(&b).await;
        let mut form = good.to_vec();
        form.push(("csrf", &csrf));
        let r = login_post(&s, &b, &form, &headers).await;
        assert_eq!(r.status(), 403, "{headers:?}");
        assert!(!sets_session(&r), "{headers:?}");
    }
    // Our own origin (by Origin or Referer), or none at all, logs in.
    let referer = format!("{ours}/login?next=%2Factivate");
    for headers in [vec![("origin", ours.as_str())], vec![("referer", referer.as_str())], vec![]] {
        let b = s.browser();
        let (csrf, _) = s.open_login(&b).await;
        let mut form = good.to_vec();
        form.push(("csrf", &csrf));
        let r = login_post(&s, &b, &form, &headers).await;
        assert_eq!(r.status(), 303, "{headers:?}");
        assert!(sets_session(&r));
        // The login token is single use: the cookie is cleared.
        assert!(r.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().starts_with("aethex_login=;")));
    }

    // The logged-in forms (device approval, consent, logout) refuse other sites as well,
    // even with the session's own CSRF token.
    let b = s.browser();
    s.browser_login(&b, "viewer", PASSWORD).await;
    let page = b.get(s.url("/activate")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&page);
    for path in ["/activate", "/oauth/authorize", "/logout"] {
        let r = b
            .post(s.url(path))
            .header("origin", "https://evil.example")
            .form(&[("csrf", csrf.as_str()), ("user_code", "BCDF-GHJK"), ("action", "approve")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    // ... and the session is still there: logout from our own page works.
    let r = b.post(s.url("/logout")).header("origin", &ours).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

/// Password guessing: a few free failures per account and per address, then
/// each one doubles the wait; while waiting even the right password is not
/// checked. Another account from another address is not affected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_backoff_per_account_and_address() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("viewer", Some(PASSWORD)).await;
    s.user("other", Some(PASSWORD)).await;
    let attempt = |login: &'static str, password: &'static str| {
        let s = &s;
        async move {
            let b = s.browser();
            let (csrf, _) = s.open_login(&b).await;
            login_post(s, &b, &[("login", login), ("password", password), ("csrf", &csrf)], &[]).await
        }
    };
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(attempt("viewer", "wrong").await.status().as_u16());
    }
    assert_eq!(&statuses[..6], &[401; 6], "five free failures, the sixth still checked: {statuses:?}");
    assert!(statuses[6..].iter().all(|s| *s == 429), "then the account waits: {statuses:?}");
    // While it waits, the right password is not even tried, and the page says how long.
    let r = attempt("viewer", PASSWORD).await;
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=300).contains(&retry), "{retry}");
    assert!(!sets_session(&r));
    assert!(r.text().await.unwrap().contains("Too many failed attempts"));
    // The login name is matched however it is typed.
    assert_eq!(attempt("VIEWER", PASSWORD).await.status(), 429);
    // Another account is not locked by this one's failures (the address has failures to spare).
    assert_eq!(attempt("other", PASSWORD).await.status(), 303);
}

/// Guessing a client secret at the token, device and revocation endpoints
/// is slowed the same way, with RFC 6749 JSON errors and `Retry-After`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_secret_backoff() {
    let s = TestServer::start(Backend::Sqlite).await;
    let app = s.app("http://localhost/cb", Tier::Pro, true).await;
    let http = s.http();
    let endpoints = ["/oauth/token", "/oauth/device", "/oauth/revoke"];
    let mut statuses = Vec::new();
    for i in 0..8 {
        let r = http
            .post(s.url(endpoints[i % 3]))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", app.client_id.as_str()),
                ("client_secret", "guess"),
                ("token", "x"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 401 {
            assert_eq!(r.headers()["www-authenticate"], "Basic realm=\"aethex\"", "RFC 6749 §5.2");
        }
        if r.status() == 429 {
            assert!(r.headers().contains_key("retry-after"));
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["error"], "slow_down");
        }
    }
    assert_eq!(&statuses[..6], &[401; 6], "{statuses:?}");
    assert!(statuses[6..].iter().all(|s| *s == 429), "{statuses:?}");
    // HTTP Basic with the right secret waits too while the client is locked.
    let r = http
        .post(s.url("/oauth/token"))
        .basic_auth(&app.client_id, app.client_secret.as_deref())
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
}

/// Read until the server closes the connection (or the guard runs out);
/// what it sent.
async fn read_until_closed(stream: &mut TcpStream) -> Option<String> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let closed = tokio::time::timeout(SHED_WITHIN, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    closed.ok().map(|_| String::from_utf8_lossy(&got).into_owned())
}

/// Slow clients are shed: a silent connection, headers that never finish,
/// a body that never finishes, and an idle keep-alive connection are all
/// closed after the configured seconds, not held.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_shed() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| {
        c.http.header_timeout = Duration::from_secs(1);
        c.http.body_timeout = Duration::from_secs(1);
    })
    .await;
    s.user("alice", None).await;
    let token = s.token("alice", "channel:manage").await;

    let mut silent = TcpStream::connect(s.addr).await.unwrap();
    assert!(read_until_closed(&mut silent).await.is_some(), "a silent connection is closed");

    for partial in ["GET /healthz HTTP/1.1\r\nHost: x\r\n", "GET /api/channels/alice HTTP/1.1\r\nHo", "G"] {
        let mut c = TcpStream::connect(s.addr).await.unwrap();
        c.write_all(partial.as_bytes()).await.unwrap();
        assert!(read_until_closed(&mut c).await.is_some(), "partial headers {partial:?} are shed");
    }

    // A body promised and never finished: 408 in problem JSON, then closed.
    let mut c = TcpStream::connect(s.addr).await.unwrap();
    let head = format!(
        "PATCH /api/channels/alice HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"title\":"
    );
    c.write_all(head.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut c).await.expect("a stalled body is shed");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"status\":408"), "{answer}");
    // The same with a chunked body that stops after its first chunk.
    let mut c = TcpStream::connect(s.addr).await.unwrap();
    let head = format!(
        "PATCH /api/channels/alice HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{\"\r\n"
    );
    c.write_all(head.as_bytes()).await.unwrap();
    assert!(read_until_closed(&mut c).await.expect("shed").starts_with("HTTP/1.1 408"));

    // A keep-alive connection that answered one request and then idles is closed.
    let mut c = TcpStream::connect(s.addr).await.unwrap();
    c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let answer = read_until_closed(&mut c).await.expect("idle keep-alive is closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "it was served first: {answer}");

    // A well-behaved client is unaffected, and the server still answers.
    let r = s.http().get(s.url("/api/channels/alice")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

/// One address may hold only so many connections: the next gets a 503 in
/// problem JSON and is closed; when one closes, a new one is served. Other
/// work keeps going meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_per_address_are_capped() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.http.max_conns_per_ip = 3).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(s.addr).await.unwrap());
    }
    let mut extra = TcpStream::connect(s.addr).await.unwrap();
    let answer = read_until_closed(&mut extra).await.expect("refused and closed");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("too many open connections"), "{answer}");
    drop(held.pop());
    // The slot frees when the connection's task sees it closed: retry briefly.
    let mut served = false;
    for _ in 0..50 {
        let mut c = TcpStream::connect(s.addr).await.unwrap();
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
        if read_until_closed(&mut c).await.unwrap_or_default().starts_with("HTTP/1.1 200") {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(served, "a freed slot is usable again");
}

/// Browser apps on other origins can call the API and the token endpoint
/// (preflight included, errors readable), never with cookies; the pages
/// with forms are not opened to them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_for_the_api_not_the_pages() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("alice", None).await;
    let http = s.http();
    let origin = "https://overlay.example";
    for (path, method) in [("/api/channels/alice", "PATCH"), ("/oauth/token", "POST"), ("/api/users/me", "GET")] {
        let r = http
            .request(reqwest::Method::OPTIONS, s.url(path))
            .header("origin", origin)
            .header("access-control-request-method", method)
            .header("access-control-request-headers", "authorization, content-type")
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
        let h = r.headers();
        assert_eq!(h["access-control-allow-origin"], origin, "{path}");
        assert!(h["access-control-allow-methods"].to_str().unwrap().contains(method), "{path}");
        let allowed = h["access-control-allow-headers"].to_str().unwrap().to_lowercase();
        assert!(allowed.contains("authorization") && allowed.contains("content-type"), "{allowed}");
        assert!(!h.contains_key("access-control-allow-credentials"), "never with cookies");
    }
    // Real requests, successes and errors alike, are readable by the other origin,
    // with the rate-limit headers exposed.
    let ok = http.get(s.url("/api/channels/alice")).header("origin", origin).send().await.unwrap();
    assert_eq!(ok.headers()["access-control-allow-origin"], origin);
    assert!(ok.headers()["access-control-expose-headers"].to_str().unwrap().contains("ratelimit-remaining"));
    let denied = http.get(s.url("/api/users/me")).header("origin", origin).bearer_auth("bogus").send().await.unwrap();
    assert_eq!(denied.status(), 401);
    assert_eq!(denied.headers()["access-control-allow-origin"], origin);
    // A player on another origin can tell an offline channel (a CORS-readable 404) from a network error.
    let offline = http.get(s.url("/hls/nobody/index.m3u8")).header("origin", origin).send().await.unwrap();
    assert_eq!(offline.status(), 404);
    assert_eq!(offline.headers()["access-control-allow-origin"], origin);
    // The pages with cookies and forms are not opened to other origins.
    for path in ["/login", "/activate", "/oauth/authorize", "/logout"] {
        let r = http
            .request(reqwest::Method::OPTIONS, s.url(path))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
            .await
            .unwrap();
        assert!(!r.headers().contains_key("access-control-allow-origin"), "{path}");
        let r = http.get(s.url(path)).header("origin", origin).send().await.unwrap();
        assert!(!r.headers().contains_key("access-control-allow-origin"), "{path}");
    }
}

/// RFC 8414 metadata describes the real endpoints: an OAuth library can
/// configure itself from the issuer URL, and each endpoint named answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_server_metadata() {
    let s = TestServer::start(Backend::Sqlite).await;
    let http = s.http();
    let r = http.get(s.url("/.well-known/oauth-authorization-server")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let m: serde_json::Value = r.json().await.unwrap();
    assert_eq!(m["issuer"], s.base, "the issuer is the public URL the metadata is served from (RFC 8414 §3.3)");
    let list = |k: &str| -> Vec<String> {
        m[k].as_array().unwrap_or_else(|| panic!("{k}")).iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(list("code_challenge_methods_supported"), ["S256"]);
    assert_eq!(list("response_types_supported"), ["code"]);
    for g in
        ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"]
    {
        assert!(list("grant_types_supported").iter().any(|x| x == g), "{g}");
    }
    assert_eq!(list("scopes_supported").len(), aethex_sdk::SCOPES.len());
    // Each endpoint named is ours and answers as an OAuth endpoint does.
    for k in ["token_endpoint", "device_authorization_endpoint", "revocation_endpoint"] {
        let url = m[k].as_str().unwrap();
        assert!(url.starts_with(&s.base), "{k}: {url}");
        let r = http.post(url).form(&[("client_id", "nobody")]).send().await.unwrap();
        assert_eq!(r.status(), 401, "{k}");
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!(e["error"], "invalid_client", "{k}");
    }
    let auth = m["authorization_endpoint"].as_str().unwrap();
    let r = http.get(auth).send().await.unwrap();
    assert_eq!(r.status(), 400, "no client_id: the error page, not a redirect");
}

/// The `Cookie` helper keeps what a page set.
#[test]
fn set_cookie_helper_keeps_values_only() {
    let mut h = reqwest::header::HeaderMap::new();
    h.append("set-cookie", "a=1; Path=/; HttpOnly".parse().unwrap());
    h.append("set-cookie", "b=; Max-Age=0".parse().unwrap());
    assert_eq!(set_cookies(&h), "a=1");
}

/// What stays outside the API gate (HLS, socket upgrades) is still limited
/// per client address; health probes are not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hls_and_sockets_are_limited_per_address() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.http.per_address_per_second = 5).await;
    let http = s.http();
    for path in ["/hls/nobody/index.m3u8", "/chat/ws", "/eventsub/ws", "/irc"] {
        let mut statuses = Vec::new();
        for _ in 0..20 {
            let r = http.get(s.url(path)).send().await.unwrap();
            statuses.push(r.status().as_u16());
            if r.status() == 429 {
                assert_eq!(r.headers()["retry-after"], "1");
                let p: aethex_sdk::Problem = r.json().await.unwrap();
                assert!(p.message.contains("from your address"), "{}", p.message);
            }
        }
        assert!(statuses.contains(&429), "{path}: {statuses:?}");
        assert!(statuses.iter().any(|s| *s != 429), "{path}: the first requests pass: {statuses:?}");
        tokio::time::sleep(Duration::from_millis(1200)).await;
    }
    for _ in 0..20 {
        assert_eq!(http.get(s.url("/healthz")).send().await.unwrap().status(), 200);
    }
}

/// A form page sent something that is not a form answers with the error
/// page (HTML), never axum's plain text and never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_forms_refuse_other_bodies_with_a_page() {
    let s = TestServer::start(Backend::Sqlite).await;
    let http = s.http();
    for path in ["/login", "/logout", "/activate", "/oauth/authorize"] {
        for (ctype, body) in [("application/json", "{}"), ("text/plain", "x"), ("multipart/form-data", "--x")] {
            let r = http.post(s.url(path)).header("content-type", ctype).body(body).send().await.unwrap();
            assert!(r.status().is_client_error(), "{path} {ctype}: {}", r.status());
            let ct = r.headers()["content-type"].to_str().unwrap().to_string();
            assert!(ct.starts_with("text/html"), "{path} {ctype}: {ct}");
        }
    }
}
