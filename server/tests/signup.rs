//! Sign-up on the web as a browser sends it (forms, cookies, redirects):
//! the account rules with inline errors that keep what was typed, the proof
//! of work, CSRF and cross-site refusal, invite-only and closed modes, and
//! the per-address limit. The in-browser form (script solving the proof of
//! work) is driven in Chromium by `tests/web.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use aethex_server::auth::signup::solve;
use aethex_server::config::SignupMode;
use common::{csrf_of, Backend, TestServer};

/// The value of hidden field `name` in a page.
fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {name} field in {html}")) + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Open `/signup` in `browser` and send the form with `fields` (plus the
/// page's CSRF token and a solved proof of work); the response.
async fn sign_up(s: &TestServer, browser: &reqwest::Client, fields: &[(&str, &str)]) -> reqwest::Response {
    let page = browser.get(s.url("/signup?next=/settings")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let challenge = field(&html, "pow_challenge");
    let bits: u8 = challenge.split('.').nth(2).unwrap().parse().unwrap();
    let answer = solve(&challenge, bits);
    let mut form = vec![
        ("csrf".to_string(), csrf_of(&html)),
        ("next".into(), field(&html, "next")),
        ("pow_challenge".into(), challenge),
        ("pow_answer".into(), answer),
    ];
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    browser.post(s.url("/signup")).form(&form).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_viewer_signs_up_and_is_signed_in() {
    let s = TestServer::start(Backend::Sqlite).await;
    let browser = s.browser();
    let r = sign_up(
        &s,
        &browser,
        &[("login", "New_Viewer"), ("password", "correct horse"), ("password2", "correct horse")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(r.headers()["location"], "/settings", "back where the visitor came from");
    // Signed in: the header names them, and they can log in with the password later.
    let home = browser.get(s.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("href=\"/new_viewer\"") && home.contains("Log out"), "{home}");
    let other = s.browser();
    s.browser_login(&other, "new_viewer", "correct horse").await;
    // Their channel exists, with a stream key.
    assert_eq!(s.http().get(s.url("/api/channels/new_viewer")).send().await.unwrap().status(), 200);
    assert_eq!(s.http().get(s.url("/new_viewer")).send().await.unwrap().status(), 200);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_fields_get_inline_errors_and_keep_what_was_typed() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("taken_name", None).await;
    let browser = s.browser();
    for (login, password, again, status, says) in [
        ("no spaces!", "long enough", "long enough", 422, "Usernames are 3 to 25 characters"),
        ("ab", "long enough", "long enough", 422, "Usernames are 3 to 25 characters"),
        ("settings", "long enough", "long enough", 422, "This name is reserved"),
        ("fresh_name", "short", "short", 422, "Passwords are 8 to 256 characters long."),
        ("fresh_name", "fresh_name", "fresh_name", 422, "Your password cannot be your username."),
        ("fresh_name", "long enough", "long enuogh", 422, "The two passwords do not match."),
        ("taken_name", "long enough", "long enough", 409, "This username is taken."),
    ] {
        let r = sign_up(&s, &browser, &[("login", login), ("password", password), ("password2", again)]).await;
        assert_eq!(r.status(), status, "{login}/{password}");
        let html = r.text().await.unwrap();
        assert!(html.contains(says), "{login}: {says:?} in {html}");
        assert!(html.contains("aria-invalid=\"true\""), "{login}: the field is marked");
        // What was typed is kept (lower-cased), the password never is.
        assert!(html.contains(&format!("value=\"{}\"", login.to_lowercase())), "{login}: kept in {html}");
        if password != login {
            assert!(!html.contains(&format!("value=\"{password}\"")), "the password is not echoed");
        }
    }
    assert_eq!(s.http().get(s.url("/api/channels/fresh_name")).send().await.unwrap().status(), 404, "nothing created");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proof_of_work_csrf_and_origin_are_checked() {
    let s = TestServer::start(Backend::Sqlite).await;
    let browser = s.browser();
    let html = browser.get(s.url("/signup")).send().await.unwrap().text().await.unwrap();
    let (csrf, challenge) = (csrf_of(&html), field(&html, "pow_challenge"));
    let bits: u8 = challenge.split('.').nth(2).unwrap().parse().unwrap();
    let good = solve(&challenge, bits);
    let wrong =
        (0u64..).map(|n| n.to_string()).find(|n| !aethex_server::auth::signup::pow_ok(&challenge, n, bits)).unwrap();
    let post = |answer: String, challenge: String, csrf: String| {
        let form = [
            ("login", "pow_tester".to_string()),
            ("password", "long enough".into()),
            ("password2", "long enough".into()),
            ("csrf", csrf),
            ("pow_challenge", challenge),
            ("pow_answer", answer),
        ];
        browser.post(s.url("/signup")).form(&form).send()
    };
    // Every answer re-renders the form with a fresh CSRF token (and cookie).
    let r = post(wrong, challenge.clone(), csrf).await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("The browser check did not pass."));
    let forged = challenge.replacen(&format!(".{bits}."), ".1.", 1);
    let r = post(solve(&forged, 1), forged, csrf_of(&html)).await.unwrap();
    assert_eq!(r.status(), 422, "an easier difficulty than the server's is refused");
    let r = post(good.clone(), challenge.clone(), "not-the-token".into()).await.unwrap();
    assert_eq!(r.status(), 403, "the CSRF token must match the cookie");
    let csrf = csrf_of(&r.text().await.unwrap());
    let r = post(good.clone(), challenge.clone(), csrf).await.unwrap();
    assert_eq!(r.status(), 303, "the right answer passes");
    // The same challenge again (a fresh form's token, another login).
    let html = browser.get(s.url("/signup")).send().await.unwrap().text().await.unwrap();
    let form = [
        ("login", "pow_replayer".to_string()),
        ("password", "long enough".into()),
        ("password2", "long enough".into()),
        ("csrf", csrf_of(&html)),
        ("pow_challenge", challenge),
        ("pow_answer", good),
    ];
    let r = browser.post(s.url("/signup")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 422, "a challenge is used once");
    // Another site's form: refused before anything else.
    let other = s.browser();
    let html = other.get(s.url("/signup")).send().await.unwrap().text().await.unwrap();
    let challenge = field(&html, "pow_challenge");
    let form = [
        ("login", "cross_site".to_string()),
        ("password", "long enough".into()),
        ("password2", "long enough".into()),
        ("csrf", csrf_of(&html)),
        ("pow_answer", solve(&challenge, bits)),
        ("pow_challenge", challenge),
    ];
    let r = other.post(s.url("/signup")).header("origin", "https://evil.example").form(&form).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(s.http().get(s.url("/api/channels/cross_site")).send().await.unwrap().status(), 404);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_only_closed_and_rate_limited_servers() {
    // Invite-only: a code from the operator, used once.
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.signup.mode = SignupMode::Invite).await;
    let browser = s.browser();
    let html = browser.get(s.url("/signup")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Invitation code"), "{html}");
    let pw = [("password", "long enough"), ("password2", "long enough")];
    let r = sign_up(&s, &browser, &[&[("login", "no_code")][..], &pw].concat()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("enter your invitation code"));
    let r = sign_up(&s, &browser, &[&[("login", "bad_code"), ("invite", "inv_nope")][..], &pw].concat()).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("unknown, expired or already used") && html.contains("value=\"inv_nope\""), "{html}");
    let code = aethex_server::auth::signup::create_invite(&s.state.db, 1).await.unwrap();
    let r = sign_up(&s, &browser, &[&[("login", "invited"), ("invite", code.as_str())][..], &pw].concat()).await;
    assert_eq!(r.status(), 303);
    let r = sign_up(&s, &s.browser(), &[&[("login", "again"), ("invite", code.as_str())][..], &pw].concat()).await;
    assert_eq!(r.status(), 422, "an invitation is used once");
    s.stop().await;

    // Closed: no form at all.
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.signup.mode = SignupMode::Closed).await;
    let r = s.http().get(s.url("/signup")).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("Sign-up is closed on this server."));
    s.stop().await;

    // One account per address per hour: the second gets 429 with Retry-After.
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.signup.per_address_per_hour = 1).await;
    let r = sign_up(&s, &s.browser(), &[&[("login", "first_one")][..], &pw].concat()).await;
    assert_eq!(r.status(), 303);
    let r = sign_up(&s, &s.browser(), &[&[("login", "second_one")][..], &pw].concat()).await;
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    assert!(r.text().await.unwrap().contains("value=\"second_one\""), "what was typed is kept");
    s.stop().await;
}
