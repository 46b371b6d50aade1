//! The REST API through the SDK and raw HTTP, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use aethex_sdk::{ChannelUpdate, DonationRequest, Error, Problem};
use common::{Backend, TestServer};
use futures_util::TryStreamExt as _;

both_backends!(
    channels_read_update_and_search,
    stream_keys_are_private_and_rotate,
    follows_and_paginated_followers,
    subscriptions_extend_and_are_owner_only,
    donations_are_idempotent,
    users_me_and_token_kinds,
    streams_listing,
    bad_input_gets_problem_json,
    etags_and_cache_headers,
    openapi_health_and_metrics,
);

async fn problem(resp: reqwest::Response) -> (u16, Problem) {
    let status = resp.status().as_u16();
    let body = resp.text().await.expect("body");
    let p: Problem = serde_json::from_str(&body).unwrap_or_else(|e| panic!("not problem JSON ({e}): {body}"));
    assert_eq!(p.status, status, "problem status matches HTTP status");
    assert!(!p.message.is_empty());
    (status, p)
}

async fn channels_read_update_and_search(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("speedy", None).await;
    s.user("other_one", None).await;
    let owner = s.client_with(&s.token("speedy", "channel:manage").await);
    let anon = s.client();

    let c = anon.channel("speedy").await.unwrap();
    assert_eq!((c.login.as_str(), c.is_live, c.language.as_str()), ("speedy", false, "en"));
    assert!(matches!(anon.channel("nobody_here").await, Err(Error::NotFound { .. })));

    // SQL metacharacters are data, stored and returned verbatim.
    let title = "Robert'); DROP TABLE channels;-- \"quoted\" 100% _under_";
    let update = ChannelUpdate {
        title: Some(title.into()),
        category: Some("Speedrunning".into()),
        tags: Some(vec!["speedrun".into(), "English".into()]),
        language: Some("de".into()),
        description: Some("Any% glitchless".into()),
        playback_token_required: None,
    };
    let updated = owner.update_channel("speedy", &update).await.unwrap();
    assert_eq!(updated.title, title);
    assert_eq!(updated.tags, vec!["speedrun", "English"]);
    let reread = anon.channel("speedy").await.unwrap();
    assert_eq!(
        (reread.title.as_str(), reread.category.as_str(), reread.language.as_str()),
        (title, "Speedrunning", "de")
    );

    // A partial update leaves other fields alone.
    let only_title = ChannelUpdate { title: Some("New title".into()), ..Default::default() };
    let c = owner.update_channel("speedy", &only_title).await.unwrap();
    assert_eq!((c.title.as_str(), c.category.as_str()), ("New title", "Speedrunning"));

    // Scope and ownership.
    assert!(matches!(anon.update_channel("speedy", &only_title).await, Err(Error::Unauthorized { .. })));
    let no_scope = s.client_with(&s.token("speedy", "chat:read").await);
    match no_scope.update_channel("speedy", &only_title).await {
        Err(Error::Forbidden { message }) => {
            assert!(message.contains("channel:manage"), "{message}")
        }
        other => panic!("expected 403, got {other:?}"),
    }
    let stranger = s.client_with(&s.token("other_one", "channel:manage").await);
    assert!(matches!(stranger.update_channel("speedy", &only_title).await, Err(Error::Forbidden { .. })));

    // Validation.
    for bad in [
        ChannelUpdate { language: Some("english".into()), ..Default::default() },
        ChannelUpdate { title: Some("x".repeat(141)), ..Default::default() },
        ChannelUpdate { title: Some("line\r\nbreak".into()), ..Default::default() },
        ChannelUpdate { tags: Some(vec!["has space".into()]), ..Default::default() },
        ChannelUpdate { tags: Some((0..11).map(|i| format!("t{i}")).collect()), ..Default::default() },
    ] {
        assert!(matches!(owner.update_channel("speedy", &bad).await, Err(Error::Invalid { .. })), "{bad:?}");
    }

    // Full-text search: prefixes, any field, operators are harmless.
    let found: Vec<_> = anon.search_channels("speedrun").try_collect().await.unwrap();
    assert_eq!(found.iter().map(|c| c.login.as_str()).collect::<Vec<_>>(), vec!["speedy"]);
    let found: Vec<_> = anon.search_channels("spee").try_collect().await.unwrap();
    assert_eq!(found.len(), 1);
    let found: Vec<_> = anon.search_channels("other").try_collect().await.unwrap();
    assert_eq!(found[0].login, "other_one");
    let none: Vec<_> = anon.search_channels("\"* OR : & | ! ( ) NEAR").try_collect().await.unwrap();
    assert!(none.is_empty());
    let none: Vec<_> = anon.search_channels("zzzzzz").try_collect().await.unwrap();
    assert!(none.is_empty());
}

async fn stream_keys_are_private_and_rotate(backend: Backend) {
    let s = TestServer::start(backend).await;
    let keyholder = s.user("keyholder", None).await;
    s.user("snoop", None).await;
    let owner = s.client_with(&s.token("keyholder", "stream:key").await);
    let key = owner.stream_key("keyholder").await.unwrap();
    assert!(key.stream_key.starts_with("live_"), "{}", key.stream_key);
    assert!(key.ingest_url.starts_with("rtmp://"));
    assert_eq!(owner.stream_key("keyholder").await.unwrap().stream_key, key.stream_key, "stable until reset");

    let reset = owner.reset_stream_key("keyholder").await.unwrap();
    assert_ne!(reset.stream_key, key.stream_key);
    assert_eq!(owner.stream_key("keyholder").await.unwrap().stream_key, reset.stream_key);

    // Never stored in the clear.
    let sealed: String = sqlx::query_scalar("SELECT stream_key_sealed FROM channels WHERE id = $1")
        .bind(keyholder)
        .fetch_one(&s.state.db.pool)
        .await
        .unwrap();
    assert!(!sealed.contains(&reset.stream_key));

    let snoop = s.client_with(&s.token("snoop", "stream:key").await);
    assert!(matches!(snoop.stream_key("keyholder").await, Err(Error::Forbidden { .. })));
    let wrong_scope = s.client_with(&s.token("keyholder", "channel:manage").await);
    assert!(matches!(wrong_scope.reset_stream_key("keyholder").await, Err(Error::Forbidden { .. })));
    assert!(matches!(s.client().stream_key("keyholder").await, Err(Error::Unauthorized { .. })));

    let resp = s
        .http()
        .get(s.url("/api/channels/keyholder/stream-key"))
        .bearer_auth(s.token("keyholder", "stream:key").await)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["cache-control"], "no-store");
    assert!(resp.headers().get("etag").is_none());
}

async fn follows_and_paginated_followers(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("star", None).await;
    let mut fans = Vec::new();
    for i in 0..5 {
        let login = format!("fan_{i}");
        s.user(&login, None).await;
        fans.push(s.client_with(&s.token(&login, "user:edit:follows").await));
    }
    let first = fans[0].follow("star").await.unwrap();
    assert_eq!(first.broadcaster_login, "star");
    let again = fans[0].follow("star").await.unwrap();
    assert_eq!(first.followed_at, again.followed_at, "a repeated follow keeps the first date");
    for fan in &fans[1..] {
        fan.follow("star").await.unwrap();
    }

    // Pages of 2 through the raw cursor API: 2 + 2 + 1, newest first, no duplicates.
    let anon = s.client();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let page =
            anon.page::<aethex_sdk::Follower>("api/channels/star/followers", &[], after.as_deref(), 2).await.unwrap();
        pages += 1;
        seen.extend(page.data.iter().map(|f| f.user_login.clone()));
        match page.pagination.and_then(|p| p.cursor) {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, vec!["fan_4", "fan_3", "fan_2", "fan_1", "fan_0"]);
    // The SDK's stream walks the same pages.
    let all: Vec<_> = anon.followers("star").try_collect().await.unwrap();
    assert_eq!(all.len(), 5);

    fans[2].unfollow("star").await.unwrap();
    fans[2].unfollow("star").await.unwrap();
    let all: Vec<_> = anon.followers("star").try_collect().await.unwrap();
    assert_eq!(all.len(), 4);
    assert!(!all.iter().any(|f| f.user_login == "fan_2"));

    let selfish = s.client_with(&s.token("star", "user:edit:follows").await);
    assert!(matches!(selfish.follow("star").await, Err(Error::Invalid { .. })));
    assert!(matches!(fans[0].follow("ghost_channel").await, Err(Error::NotFound { .. })));
    let no_scope = s.client_with(&s.token("fan_0", "chat:read").await);
    assert!(matches!(no_scope.follow("star").await, Err(Error::Forbidden { .. })));
}

async fn subscriptions_extend_and_are_owner_only(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("creator", None).await;
    s.user("patron", None).await;
    let patron = s.client_with(&s.token("patron", "user:edit:subscriptions").await);
    let sub = patron.subscribe("creator", 2).await.unwrap();
    assert_eq!((sub.tier, sub.user_login.as_str()), (2, "patron"));
    let renewed = patron.subscribe("creator", 3).await.unwrap();
    assert_eq!(renewed.tier, 3);
    assert_eq!(renewed.started_at, sub.started_at, "a running subscription keeps its start");
    assert!(renewed.expires_at > sub.expires_at, "renewal extends the expiry");
    assert!(matches!(patron.subscribe("creator", 4).await, Err(Error::Invalid { .. })));
    assert!(matches!(patron.subscribe("creator", 0).await, Err(Error::Invalid { .. })));

    let owner = s.client_with(&s.token("creator", "channel:read:subscriptions").await);
    let subs: Vec<_> = owner.subscriptions("creator").try_collect().await.unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!((subs[0].user_login.as_str(), subs[0].tier), ("patron", 3));
    let nosy = s.client_with(&s.token("patron", "channel:read:subscriptions").await);
    let denied: Result<Vec<_>, _> = nosy.subscriptions("creator").try_collect().await;
    assert!(matches!(denied, Err(Error::Forbidden { .. })));
}

async fn donations_are_idempotent(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("musician", None).await;
    s.user("generous", None).await;
    let donor = s.client_with(&s.token("generous", "donations:write").await);
    let req = DonationRequest {
        broadcaster_login: "musician".into(),
        amount: 500,
        currency: "usd".into(),
        message: "great set! ☕".into(),
        donor_name: None,
    };
    let d1 = donor.donate(&req, Some("retry-key-1")).await.unwrap();
    assert_eq!((d1.amount, d1.currency.as_str(), d1.donor_name.as_str()), (500, "USD", "generous"));
    let d2 = donor.donate(&req, Some("retry-key-1")).await.unwrap();
    assert_eq!(d1.id, d2.id, "the same key records once");
    let changed = DonationRequest { amount: 501, ..req.clone() };
    assert!(
        matches!(donor.donate(&changed, Some("retry-key-1")).await, Err(Error::Invalid { .. })),
        "reused key, other body: 409"
    );
    let d3 = donor.donate(&req, None).await.unwrap();
    assert_ne!(d3.id, d1.id);

    for bad in [
        DonationRequest { amount: 0, ..req.clone() },
        DonationRequest { amount: -5, ..req.clone() },
        DonationRequest { currency: "dollars".into(), ..req.clone() },
        DonationRequest { message: "m".repeat(301), ..req.clone() },
    ] {
        assert!(matches!(donor.donate(&bad, None).await, Err(Error::Invalid { .. })), "{bad:?}");
    }
    let nowhere = DonationRequest { broadcaster_login: "no_such_chan".into(), ..req.clone() };
    assert!(matches!(donor.donate(&nowhere, None).await, Err(Error::NotFound { .. })));

    let owner = s.client_with(&s.token("musician", "donations:read").await);
    let list: Vec<_> = owner.donations("musician").try_collect().await.unwrap();
    assert_eq!(list.iter().map(|d| d.id.clone()).collect::<Vec<_>>(), vec![d3.id.clone(), d1.id.clone()]);
    assert_eq!(list[1].message, "great set! ☕");
    let other: Result<Vec<_>, _> = donor.donations("musician").try_collect().await;
    assert!(matches!(other, Err(Error::Forbidden { .. })));
}

async fn users_me_and_token_kinds(backend: Backend) {
    let s = TestServer::start(backend).await;
    let id = s.user("whoami_user", None).await;
    let me = s.client_with(&s.token("whoami_user", "").await).me().await.unwrap();
    assert_eq!((me.id, me.login.as_str()), (id.to_string(), "whoami_user"));
    assert!(me.created_at.ends_with('Z'));
    assert!(matches!(s.client().me().await, Err(Error::Unauthorized { .. })));
    assert!(matches!(s.client_with("axa_not_a_real_token").me().await, Err(Error::Unauthorized { .. })));

    // An expired token is refused with a message that says so.
    let expired = s.token_for(aethex_sdk::CLI_CLIENT_ID, Some(id), "", -10).await;
    match s.client_with(&expired).me().await {
        Err(Error::Unauthorized { message }) => assert!(message.contains("expired"), "{message}"),
        other => panic!("expected 401, got {other:?}"),
    }
}

async fn streams_listing(backend: Backend) {
    let s = TestServer::start(backend).await;
    let caster = s.user("caster", None).await;
    let anon = s.client();
    let live: Vec<_> = anon.streams(true, None).try_collect().await.unwrap();
    assert!(live.is_empty());
    // Sessions are written by the ingest capability; seed one ended and one
    // live session the way it will, then read them through the API.
    for (ended, cat) in [(Some(1_700_000_100_000_i64), "Chess"), (None, "Just Chatting")] {
        sqlx::query("INSERT INTO stream_sessions (channel_id, title, category, tags, language, started_at, ended_at, viewer_count, peak_viewers) VALUES ($3, 'hi', $1, '[\"a\"]', 'en', 1700000000000, $2, 7, 9)")
            .bind(cat)
            .bind(ended)
            .bind(caster)
            .execute(&s.state.db.pool)
            .await
            .unwrap();
    }
    let live: Vec<_> = anon.streams(true, None).try_collect().await.unwrap();
    assert_eq!(live.len(), 1);
    assert_eq!((live[0].is_live, live[0].viewer_count, live[0].category.as_str()), (true, 7, "Just Chatting"));
    assert!(anon.channel("caster").await.unwrap().is_live);
    let all: Vec<_> = anon.streams(false, None).try_collect().await.unwrap();
    assert_eq!(all.len(), 2);
    let chess: Vec<_> = anon.streams(false, Some("chess")).try_collect().await.unwrap();
    assert_eq!(chess.len(), 1);
    assert_eq!(chess[0].ended_at.as_deref(), Some("2023-11-14T22:15:00.000Z"));
    assert_eq!(chess[0].viewer_count, 0, "ended streams have no viewers");
    let one = anon.stream(&live[0].id).await.unwrap();
    assert_eq!(one, live[0]);
    assert!(matches!(anon.stream("999999").await, Err(Error::NotFound { .. })));
    assert!(matches!(anon.stream("abc").await, Err(Error::Invalid { .. })));
}

async fn bad_input_gets_problem_json(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("target", None).await;
    let token = s.token("target", "channel:manage donations:write").await;
    let http = s.http();

    let (st, p) = problem(http.get(s.url("/api/does/not/exist")).send().await.unwrap()).await;
    assert_eq!((st, p.error.as_str()), (404, "Not Found"));
    let (st, _) = problem(http.delete(s.url("/api/channels/target")).send().await.unwrap()).await;
    assert_eq!(st, 405);
    let (st, p) = problem(http.get(s.url("/api/channels/Robert';DROP%20TABLE%20users;--")).send().await.unwrap()).await;
    assert_eq!(st, 400);
    assert!(p.message.contains("invalid login"), "{}", p.message);
    let (st, _) = problem(http.get(s.url(&format!("/api/channels/{}", "a".repeat(26)))).send().await.unwrap()).await;
    assert_eq!(st, 400);

    let patch = |body: &'static str, ct: &'static str| {
        http.patch(s.url("/api/channels/target")).bearer_auth(&token).header("content-type", ct).body(body)
    };
    let (st, p) = problem(patch("{\"title\": ", "application/json").send().await.unwrap()).await;
    assert_eq!(st, 400, "{}", p.message);
    let (st, _) = problem(patch("{\"title\": 5}", "application/json").send().await.unwrap()).await;
    assert_eq!(st, 422);
    let (st, p) = problem(patch("{\"titel\": \"typo\"}", "application/json").send().await.unwrap()).await;
    assert_eq!(st, 422);
    assert!(p.message.contains("titel"), "{}", p.message);
    let (st, _) = problem(patch("title=x", "text/plain").send().await.unwrap()).await;
    assert_eq!(st, 415);
    let huge = format!("{{\"title\": \"{}\"}}", "x".repeat(200_000));
    // A client of its own: the server answers 413 without reading the body and
    // closes the connection, which a pooled connection would carry into the next request.
    let resp = s
        .http()
        .patch(s.url("/api/channels/target"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    let (st, _) = problem(resp).await;
    assert_eq!(st, 413);
    let (st, _) = problem(http.get(s.url("/api/streams?first=101")).send().await.unwrap()).await;
    assert_eq!(st, 400);
    let (st, _) = problem(http.get(s.url("/api/streams?first=abc")).send().await.unwrap()).await;
    assert_eq!(st, 400);
    let (st, p) = problem(http.get(s.url("/api/streams?after=not-a-cursor")).send().await.unwrap()).await;
    assert_eq!(st, 400);
    assert!(p.message.contains("cursor"));
    let (st, _) = problem(http.get(s.url("/api/search/channels")).send().await.unwrap()).await;
    assert_eq!(st, 400);
    let (st, _) =
        problem(http.get(s.url("/api/users/me")).header("authorization", "Bearer ").send().await.unwrap()).await;
    assert_eq!(st, 401);
    let (st, _) = problem(
        http.post(s.url("/api/donations"))
            .bearer_auth(&token)
            .header("idempotency-key", "x".repeat(65))
            .json(&serde_json::json!({"broadcaster_login": "target", "amount": 1, "currency": "EUR"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, 400);
    // After all that, the server is fine and the data intact.
    assert_eq!(s.client().channel("target").await.unwrap().login, "target");
}

async fn etags_and_cache_headers(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("cached", None).await;
    let http = s.http();
    let r1 = http.get(s.url("/api/channels/cached")).send().await.unwrap();
    assert_eq!(r1.status(), 200);
    assert_eq!(r1.headers()["cache-control"], "public, max-age=300");
    let etag = r1.headers()["etag"].to_str().unwrap().to_string();
    let r2 = http.get(s.url("/api/channels/cached")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(r2.status(), 304);
    assert_eq!(r2.headers()["etag"].to_str().unwrap(), etag);
    assert!(r2.headers().get("ratelimit-remaining").is_some());
    assert!(r2.bytes().await.unwrap().is_empty());

    let owner = s.client_with(&s.token("cached", "channel:manage").await);
    owner
        .update_channel("cached", &ChannelUpdate { title: Some("changed".into()), ..Default::default() })
        .await
        .unwrap();
    let r3 = http.get(s.url("/api/channels/cached")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(r3.status(), 200, "a changed channel is sent again");
    assert_ne!(r3.headers()["etag"].to_str().unwrap(), etag);

    let search = http.get(s.url("/api/search/channels?query=cached")).send().await.unwrap();
    assert_eq!(search.headers()["cache-control"], "public, max-age=3600");
    let me = http.get(s.url("/api/users/me")).bearer_auth(s.token("cached", "").await).send().await.unwrap();
    assert_eq!(me.headers()["cache-control"], "private, no-cache");
}

async fn openapi_health_and_metrics(backend: Backend) {
    let s = TestServer::start(backend).await;
    let http = s.http();
    let doc: serde_json::Value = http.get(s.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/channels/{login}",
        "/api/channels/{login}/stream-key",
        "/api/channels/{login}/stream-key/reset",
        "/api/channels/{login}/followers",
        "/api/channels/{login}/subscriptions",
        "/api/channels/{login}/donations",
        "/api/search/channels",
        "/api/streams",
        "/api/streams/{id}",
        "/api/users/me",
        "/api/users/me/follows/{login}",
        "/api/users/me/subscriptions/{login}",
        "/api/donations",
    ] {
        assert!(paths.contains_key(p), "openapi.json lacks {p}");
    }
    assert!(doc["components"]["schemas"]["Channel"]["properties"]["broadcaster_type"].is_null());
    assert!(doc["components"]["schemas"]["Channel"]["properties"]["is_live"].is_object());

    let health: serde_json::Value = http.get(s.url("/healthz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    http.get(s.url("/api/streams")).send().await.unwrap();
    let metrics = http.get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(
        metrics.contains("aethex_http_requests_total{method=\"GET\",route=\"/api/streams\",status=\"200\"}"),
        "{metrics}"
    );
    assert!(metrics.contains("aethex_http_request_duration_seconds_bucket"));
}

/// Every response carries the security headers, whatever produced it; HSTS
/// only when the server is reached over https.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_every_response() {
    for https in [false, true] {
        let s = TestServer::start_custom(Backend::Sqlite, |c| {
            if https {
                c.public_url = "https://aethex.test".into();
            }
        })
        .await;
        s.user("alice", None).await;
        for path in [
            "/api/channels/alice",
            "/api/channels/nobody",
            "/login",
            "/healthz",
            "/hls/alice/index.m3u8",
            "/api/nowhere",
            "/",
            "/alice",
            "/nowhere",
        ] {
            let r = s.http().get(s.url(path)).send().await.unwrap();
            let h = r.headers();
            assert_eq!(h.get("x-content-type-options").map(|v| v.to_str().unwrap()), Some("nosniff"), "{path}");
            // Pages (with forms, or the web app's log-out form) send their Origin
            // to themselves (so cross-site forms can be told apart), nothing elsewhere.
            let page = ["/login", "/", "/alice", "/nowhere"].contains(&path);
            let policy = if page { "same-origin" } else { "no-referrer" };
            assert_eq!(h.get("referrer-policy").map(|v| v.to_str().unwrap()), Some(policy), "{path}");
            assert_eq!(h.contains_key("strict-transport-security"), https, "{path} (https: {https})");
        }
    }
}
