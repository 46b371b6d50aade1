//! The creator dashboard and the embeddable player, as a browser sends
//! forms (cookies, CSRF tokens, redirects).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use common::{csrf_of, Backend, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_creator_manages_their_channel_from_the_dashboard() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("dash_caster", Some("a good password")).await;
    let anon = s.http().get(s.url("/dashboard")).send().await.unwrap();
    assert_eq!(anon.status(), 303);
    assert_eq!(anon.headers()["location"], "/login?next=/dashboard");

    let browser = s.browser();
    s.browser_login(&browser, "dash_caster", "a good password").await;
    let api = s.client_with(&s.token("dash_caster", "stream:key").await);
    let key = api.stream_key("dash_caster").await.unwrap();
    let r = browser.get(s.url("/dashboard")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store", "the page holds the stream key");
    let html = r.text().await.unwrap();
    assert!(html.contains(&key.stream_key), "the key is on the page (behind a disclosure)");
    assert!(html.contains(&key.ingest_url), "how to go live names the server: {html}");
    let csrf = csrf_of(&html);

    // Stream info: saved, and what the API shows.
    let form = [
        ("csrf", csrf.as_str()),
        ("title", "Dashboard <title>"),
        ("category", "Science & Technology"),
        ("tags", "rust, speedrun ,,"),
        ("language", "en"),
    ];
    let r = browser.post(s.url("/dashboard/channel")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Saved."));
    let c = s.client().channel("dash_caster").await.unwrap();
    assert_eq!((c.title.as_str(), c.category.as_str()), ("Dashboard <title>", "Science & Technology"));
    assert_eq!(c.tags, vec!["rust".to_string(), "speedrun".to_string()]);
    // Refused input: the rule, inline, nothing saved.
    let long = "x".repeat(141);
    let r = browser
        .post(s.url("/dashboard/channel"))
        .form(&[("csrf", csrf.as_str()), ("title", long.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("title"), "the error names the field");
    assert_eq!(s.client().channel("dash_caster").await.unwrap().title, "Dashboard <title>");
    // Another site's form, or no token: refused.
    let r = browser
        .post(s.url("/dashboard/channel"))
        .header("origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str()), ("title", "pwned")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = browser.post(s.url("/dashboard/channel")).form(&[("title", "pwned")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(s.client().channel("dash_caster").await.unwrap().title, "Dashboard <title>");

    // A new stream key; the old one is gone.
    let r = browser.post(s.url("/dashboard/stream-key")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Your stream key was reset."));
    let new = api.stream_key("dash_caster").await.unwrap().stream_key;
    assert_ne!(new, key.stream_key);
    assert!(html.contains(&new) && !html.contains(&key.stream_key));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embed_player_may_be_framed_by_any_site_and_nothing_else_may() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("embedded", None).await;
    let r = s.http().get(s.url("/embed/embedded")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("x-frame-options").is_none());
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors *") && csp.contains("script-src 'self'"), "{csp}");
    assert!(r.text().await.unwrap().contains("embedded is offline."));
    assert_eq!(s.http().get(s.url("/embed/nobody_here")).send().await.unwrap().status(), 404);
    for page in ["/", "/embedded", "/login", "/signup", "/nobody_here"] {
        let r = s.http().get(s.url(page)).send().await.unwrap();
        assert_eq!(r.headers()["x-frame-options"], "DENY", "{page}");
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_change_the_profile_and_turn_notifications_off() {
    let s = TestServer::start(Backend::Sqlite).await;
    let me = s.user("set_viewer", Some("a good password")).await;
    let channel = s.user("set_channel", None).await;
    aethex_server::push::set_notify_for(&s.state.db, me, channel, true).await.unwrap();
    let browser = s.browser();
    s.browser_login(&browser, "set_viewer", "a good password").await;
    let html = browser.get(s.url("/settings")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("href=\"/set_channel?ref=following\""), "the channel with go-live pushes is listed: {html}");
    let csrf = csrf_of(&html);
    let r = browser
        .post(s.url("/settings"))
        .form(&[("csrf", csrf.as_str()), ("display_name", "Set_Viewer"), ("description", "I watch speedruns.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let c = s.client().channel("set_viewer").await.unwrap();
    assert_eq!((c.display_name.as_str(), c.description.as_str()), ("Set_Viewer", "I watch speedruns."));
    // Another account's name is refused, nothing changes.
    let r = browser
        .post(s.url("/settings"))
        .form(&[("csrf", csrf.as_str()), ("display_name", "set_channel"), ("description", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("own letters, in any case"));
    assert_eq!(s.client().channel("set_viewer").await.unwrap().display_name, "Set_Viewer");
    // Turn the pushes off.
    let r =
        browser.post(s.url("/settings/notify/set_channel/off")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(!aethex_server::push::notify_of(&s.state.db, me, channel).await.unwrap());
    assert_eq!(s.http().get(s.url("/settings")).send().await.unwrap().status(), 303, "signed out: to the login page");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_forms_have_the_apis_body_limit() {
    let s = TestServer::start(Backend::Sqlite).await;
    let big = "a".repeat(100 * 1024);
    for path in ["/signup", "/someone/follow", "/push/subscriptions", "/dashboard/channel"] {
        let r = s
            .http()
            .post(s.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("x={big}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 413, "{path}");
    }
    s.stop().await;
}

/// The value of hidden field `name` in a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {name} in {html}")) + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_subscribes_and_donates_from_the_channel_page() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("supported", None).await;
    s.user("supporter", Some("a good password")).await;
    let browser = s.browser();
    s.browser_login(&browser, "supporter", "a good password").await;
    let html = browser.get(s.url("/supported")).send().await.unwrap().text().await.unwrap();
    let (csrf, nonce) = (csrf_of(&html), hidden(&html, "nonce"));
    let post = |path: &str, form: Vec<(&str, String)>| {
        browser.post(s.url(path)).header("accept", "application/json").form(&form).send()
    };
    let r = post("/supported/subscribe", vec![("csrf", csrf.clone()), ("tier", "2".into())]).await.unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().starts_with("Subscribed until"), "{body}");
    let owner = s.client_with(&s.token("supported", "channel:read:subscriptions donations:read").await);
    use futures_util::TryStreamExt as _;
    let subs: Vec<_> = owner.subscriptions("supported").try_collect().await.unwrap();
    assert_eq!((subs.len(), subs[0].tier), (1, 2));
    // A donation; the same form sent twice is one donation.
    let donation = vec![
        ("csrf", csrf.clone()),
        ("nonce", nonce.clone()),
        ("amount", "4.99".to_string()),
        ("currency", "EUR".into()),
        ("message", "GG <3".into()),
    ];
    for _ in 0..2 {
        let r = post("/supported/donate", donation.clone()).await.unwrap();
        assert_eq!(r.status(), 200);
    }
    let d: Vec<_> = owner.donations("supported").try_collect().await.unwrap();
    assert_eq!(d.len(), 1, "one donation: {d:?}");
    assert_eq!((d[0].amount, d[0].currency.as_str(), d[0].message.as_str()), (499, "EUR", "GG <3"));
    // Bad input: the rule, as JSON for the page's script.
    for (amount, currency) in [("abc", "USD"), ("0", "USD"), ("4.999", "USD"), ("5", "EURO")] {
        let r = post(
            "/supported/donate",
            vec![("csrf", csrf.clone()), ("amount", amount.into()), ("currency", currency.into())],
        )
        .await
        .unwrap();
        assert!(r.status().is_client_error(), "{amount} {currency}: {}", r.status());
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["ok"], false);
    }
    // Without the script: back to the channel page.
    let r = browser.post(s.url("/supported/subscribe")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    s.stop().await;
}

both_backends!(moderators_blocked_terms_raids_and_alerts_from_the_dashboard);

async fn moderators_blocked_terms_raids_and_alerts_from_the_dashboard(backend: Backend) {
    use aethex_sdk::chat_protocol::ServerFrame;
    const PW: &str = "a good password";
    let s = TestServer::start(backend).await;
    for login in ["dash_host", "dash_fan", "dash_raider"] {
        s.user(login, Some(PW)).await;
    }
    let (host, fan, raider) = (s.browser(), s.browser(), s.browser());
    s.browser_login(&host, "dash_host", PW).await;
    s.browser_login(&fan, "dash_fan", PW).await;
    s.browser_login(&raider, "dash_raider", PW).await;
    let page = |b: &reqwest::Client, path: &'static str| {
        let req = b.get(s.url(path));
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let csrf = csrf_of(&page(&host, "/dashboard").await);
    let post = |path: &str, form: &[(&str, &str)]| {
        let mut f: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
        f.extend(form.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        host.post(s.url(path)).form(&f).send()
    };

    // Moderators: the fan's channel page gains moderation buttons, and loses them.
    assert!(!page(&fan, "/dash_host").await.contains("data-mod-ban"), "viewers get no moderation buttons");
    let r = post("/dashboard/moderators", &[("login", "nobody_here")]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("There is no user with that name."));
    let r = post("/dashboard/moderators", &[("login", "dash_host")]).await.unwrap();
    assert_eq!(r.status(), 422, "the broadcaster always moderates");
    let r = post("/dashboard/moderators", &[("login", " @Dash_Fan ")]).await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let mods = html.split("id=\"moderators\"").nth(1).expect("a moderator list").split("</ul>").next().unwrap();
    assert!(mods.contains("href=\"/dash_fan\""), "{mods}");
    assert!(page(&fan, "/dash_host").await.contains("data-mod-ban"), "a moderator gets the buttons");
    let fan_token = s.token("dash_fan", "moderator:manage").await;
    let url = s.url("/api/moderation/blocked-terms?broadcaster_login=dash_host");
    let fan_reads = || s.http().get(&url).bearer_auth(&fan_token).send();
    assert_eq!(fan_reads().await.unwrap().status(), 200, "a moderator's call");
    let r = post("/dashboard/moderators/dash_fan/remove", &[]).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(!page(&fan, "/dash_host").await.contains("data-mod-ban"));
    assert_eq!(fan_reads().await.unwrap().status(), 403, "no longer a moderator");

    // Blocked terms: stored trimmed and in lower case, what the API lists, and removable.
    let host_token = s.token("dash_host", "moderator:manage").await;
    let terms = || async {
        let r = s.http().get(&url).bearer_auth(&host_token).send().await.unwrap();
        r.json::<serde_json::Value>().await.unwrap()["data"].clone()
    };
    let r = post("/dashboard/blocked-terms", &[("term", "  SpoilerWord ")]).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("<code>spoilerword</code>"));
    assert_eq!(terms().await, serde_json::json!(["spoilerword"]));
    let long = "x".repeat(101);
    let r = post("/dashboard/blocked-terms", &[("term", long.as_str())]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("1-100 characters"));
    let r = post("/dashboard/blocked-terms", &[("action", "remove"), ("term", "spoilerword")]).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(terms().await, serde_json::json!([]));

    // Alerts: a follow and a donation; then a raid sent from another creator's dashboard.
    let fan_social = s.client_with(&s.token("dash_fan", "user:edit:follows donations:write").await);
    fan_social.follow("dash_host").await.unwrap();
    let gift = aethex_sdk::DonationRequest {
        broadcaster_login: "dash_host".into(),
        amount: 500,
        currency: "EUR".into(),
        message: "for the <b>stream</b>".into(),
        donor_name: None,
    };
    fan_social.donate(&gift, None).await.unwrap();
    // Viewers of the raiding channel's page are told where to go (the page takes them there).
    let mut watching = aethex_sdk::chat_socket::open(&s.client(), None, "dash_raider").await.unwrap();
    let rcsrf = csrf_of(&page(&raider, "/dashboard").await);
    let raid = |to: &str| raider.post(s.url("/dashboard/raid")).form(&[("csrf", rcsrf.as_str()), ("to", to)]).send();
    for (to, status) in [("dash_raider", 422), ("nobody_here", 422), ("bad login!", 422)] {
        assert_eq!(raid(to).await.unwrap().status(), status, "raid {to}");
    }
    let r = raid("dash_host").await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Raid sent."));
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let f =
            tokio::time::timeout_at(deadline, watching.next()).await.expect("a raid frame in time").unwrap().unwrap();
        if let ServerFrame::Raid { channel, to_login, to_name, viewers } = f {
            assert_eq!(
                (channel.as_str(), to_login.as_str(), to_name.as_str(), viewers),
                ("dash_raider", "dash_host", "dash_host", 0)
            );
            break;
        }
    }
    let html = page(&host, "/dashboard").await;
    let alerts = html.split("id=\"alerts\"").nth(1).expect("an alert list").split("</ul>").next().unwrap();
    let lines: Vec<&str> = alerts.split("<li>").skip(1).collect();
    assert_eq!(lines.len(), 3, "{alerts}");
    assert!(lines[0].contains("dash_raider raided you with 0 viewers"), "newest first: {alerts}");
    assert!(alerts.contains("dash_fan donated 5.00 EUR"), "{alerts}");
    assert!(
        alerts.contains("for the &#60;b&#62;stream") && !alerts.contains("<b>"),
        "a donor's text is text: {alerts}"
    );
    assert!(alerts.contains("dash_fan followed you"), "{alerts}");
    s.stop().await;
}

/// A webhook receiver on loopback: answers the challenge, hands over each
/// notification's body after checking its signature with the SDK's verifier.
async fn webhook_receiver(secret: &'static str) -> (String, tokio::sync::mpsc::Receiver<serde_json::Value>) {
    use aethex_sdk::eventsub::headers;
    use axum::http::HeaderMap;
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |hm: HeaderMap, body: axum::body::Bytes| {
            let tx = tx.clone();
            async move {
                let h = |k: &str| hm.get(k).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                if h(headers::MESSAGE_TYPE) == "webhook_callback_verification" {
                    return v["challenge"].as_str().unwrap_or("").to_string();
                }
                let signed = format!("{}{}", h(headers::MESSAGE_ID), h(headers::MESSAGE_TIMESTAMP));
                let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(secret.as_bytes()).unwrap();
                hmac::Mac::update(&mut mac, signed.as_bytes());
                hmac::Mac::update(&mut mac, &body);
                let want = format!("sha256={}", hex::encode(hmac::Mac::finalize(mac).into_bytes()));
                assert_eq!(h(headers::MESSAGE_SIGNATURE), want, "signed with the dashboard's secret");
                let _ = tx.send(v).await;
                String::new()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, rx)
}

both_backends!(a_creator_adds_a_webhook_from_the_dashboard_and_it_delivers);

async fn a_creator_adds_a_webhook_from_the_dashboard_and_it_delivers(backend: Backend) {
    const PW: &str = "a good password";
    const SECRET: &str = "hook-secret-123";
    let s = TestServer::start_custom(backend, |c| c.webhook.allow_private = true).await;
    s.user("hook_host", Some(PW)).await;
    s.user("hook_fan", Some(PW)).await;
    let (host, fan) = (s.browser(), s.browser());
    s.browser_login(&host, "hook_host", PW).await;
    s.browser_login(&fan, "hook_fan", PW).await;
    let dashboard = || async { host.get(s.url("/dashboard")).send().await.unwrap().text().await.unwrap() };
    let csrf = csrf_of(&dashboard().await);
    let (callback, mut delivered) = webhook_receiver(SECRET).await;
    let add = |kind: &str, callback: &str, secret: &str| {
        let form = [("csrf", csrf.as_str()), ("type", kind), ("callback", callback), ("secret", secret)];
        host.post(s.url("/dashboard/webhooks")).form(&form).send()
    };
    // Refused input: the reason inline, nothing made.
    for (kind, cb, secret, reason) in [
        ("channel.follow", callback.as_str(), "short", "must be 10 to 100 printable"),
        ("channel.nonsense", callback.as_str(), SECRET, "unknown subscription type"),
        ("channel.follow", "not a url", SECRET, "callback"),
    ] {
        let r = add(kind, cb, secret).await.unwrap();
        assert_eq!(r.status(), 422, "{kind} {cb} {secret}");
        assert!(r.text().await.unwrap().contains(reason), "{reason}");
    }
    assert!(dashboard().await.contains("No webhooks yet."));
    let r = add("channel.follow", &callback, SECRET).await.unwrap();
    let status = r.status();
    let html = r.text().await.unwrap();
    assert_eq!(status, 200, "{}", html.split("role=\"alert\">").nth(1).unwrap_or(""));
    assert!(html.contains("Webhook added."));
    // The receiver answered the challenge: enabled.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let html = dashboard().await;
        let list =
            html.split("id=\"webhooks\"").nth(1).expect("a webhook list").split("</ul>").next().unwrap().to_string();
        assert!(list.contains("channel.follow") && list.contains(&callback), "{list}");
        if list.contains("enabled") {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never enabled: {list}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A follow arrives, signed with the dashboard's secret.
    s.client_with(&s.token("hook_fan", "user:edit:follows").await).follow("hook_host").await.unwrap();
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), delivered.recv()).await.unwrap().unwrap();
    assert_eq!(n["subscription"]["type"], "channel.follow");
    assert_eq!(n["event"]["user_login"], "hook_fan");
    // The same subscription through the API, for the owner's first-party tools.
    let token = s.token("hook_host", "webhooks:manage").await;
    let list: serde_json::Value = s
        .http()
        .get(s.url("/api/eventsub/subscriptions"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = list["data"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(list["data"][0]["condition"]["moderator_user_id"], list["data"][0]["condition"]["broadcaster_user_id"]);
    // Only its owner deletes it.
    let fcsrf = csrf_of(&fan.get(s.url("/dashboard")).send().await.unwrap().text().await.unwrap());
    let path = format!("/dashboard/webhooks/{id}/delete");
    let r = fan.post(s.url(&path)).form(&[("csrf", fcsrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = host.post(s.url(&path)).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Webhook deleted."));
    let after: serde_json::Value = s
        .http()
        .get(s.url("/api/eventsub/subscriptions"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(after["total"], 0, "{after}");
    s.stop().await;
}
