//! The OpenAPI document held against the running server: every operation is
//! named once and declares the statuses the server's layers give it (probed
//! here, operation by operation), the constraints it states as patterns are the
//! ones the server enforces (probed with edge cases: Unicode whitespace,
//! controls, astral characters, lengths), and OAuth, health, metrics, HLS and
//! the sockets are described. `scripts/conformance` fuzzes the same document
//! with schemathesis; this test names the cases that matter.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use common::{Backend, TestServer};
use serde_json::{json, Value};

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

async fn document(s: &TestServer) -> Value {
    s.http().get(s.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap()
}

/// Every `(path, method, operation)` of the document.
fn operations(doc: &Value) -> Vec<(String, &'static str, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            if let Some(op) = item.get(m) {
                out.push((path.clone(), m, op.clone()));
            }
        }
    }
    out
}

fn declares(op: &Value, status: u16) -> bool {
    op["responses"].get(status.to_string()).is_some()
}

/// `path` with each `{param}` filled: a login that exists nowhere, or a number.
fn fill(path: &str) -> String {
    path.replace("{login}", "nobody_here")
        .replace("{user}", "nobody_else")
        .replace("{id}", "12345")
        .replace("{rendition}", "source")
        .replace("{file}", "index.m3u8")
}

/// A request to an operation, its path and required query parameters filled in.
fn request(s: &TestServer, method: &str, path: &str, op: &Value) -> reqwest::RequestBuilder {
    let required: Vec<(String, &str)> = op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query" && p["required"] == true)
        .map(|p| (p["name"].as_str().unwrap().to_string(), "nobody_here"))
        .collect();
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    s.http().request(method, s.url(&fill(path))).query(&required)
}

async fn problem_status(resp: reqwest::Response) -> u16 {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or_else(|e| panic!("{status}: not JSON: {e}"));
    assert_eq!(body["status"], status, "{body}");
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_are_named_once_and_declare_what_the_layers_return() {
    let s = TestServer::start(Backend::Sqlite).await;
    let doc = document(&s).await;
    let ops = operations(&doc);

    let mut ids: Vec<&str> = ops.iter().map(|(_, _, op)| op["operationId"].as_str().expect("an operationId")).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "operationIds are unique: {ids:?}");

    for (path, method, op) in &ops {
        let what = format!("{} {path}", method.to_uppercase());
        let api = path.starts_with("/api/");
        let gated = api || path.starts_with("/oauth/") || path.starts_with("/.well-known/");
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let json_body = op["requestBody"]["content"].get("application/json").is_some();
        assert!(declares(op, 503), "{what}: the accept loop's connection cap");
        if !matches!(path.as_str(), "/healthz" | "/readyz" | "/metrics") {
            assert!(declares(op, 429), "{what}: a rate limit, the gate's or the per-address one");
        }
        if gated {
            assert!(declares(op, 401), "{what}: the gate's 401");
            if op.get("requestBody").is_some() {
                assert!(declares(op, 408) && declares(op, 413), "{what}: the body deadline and limit");
            }
        }
        if api {
            assert!(declares(op, 500), "{what}: 500");
            if method != &"get" || op.get("security").is_some() {
                assert!(declares(op, 403), "{what}: 403 (free tier, scopes)");
            }
            if !params.is_empty() || op.get("requestBody").is_some() {
                assert!(declares(op, 400), "{what}: 400");
            }
            if params.iter().any(|p| p["in"] == "path") {
                assert!(declares(op, 404), "{what}: 404");
            }
        }
        if json_body {
            for st in [400, 413, 415, 422] {
                assert!(declares(op, st), "{what}: JSON bodies' {st}");
            }
        }

        // What the document promises, the server does: a bad token is 401 on every gated operation ...
        if gated {
            let resp = request(&s, method, path, op).bearer_auth("not-a-token").send().await.unwrap();
            assert!(resp.headers().contains_key("www-authenticate"), "{what}");
            assert_eq!(problem_status(resp).await, 401, "{what} with a bad token");
        }
        // ... and a body not sent as JSON, not an object of the shape, or not JSON at all is 415, 422, 400.
        if json_body {
            let body =
                |ct: &str, b: &str| request(&s, method, path, op).header("content-type", ct).body(b.to_string()).send();
            assert_eq!(problem_status(body("text/plain", "{}").await.unwrap()).await, 415, "{what}");
            assert_eq!(problem_status(body("application/json", "\"text\"").await.unwrap()).await, 422, "{what}");
            // Not even an array of the fields in order, which serde alone would read as the struct.
            assert_eq!(problem_status(body("application/json", "[]").await.unwrap()).await, 422, "{what}");
            assert_eq!(problem_status(body("application/json", "{").await.unwrap()).await, 400, "{what}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_health_hls_and_sockets_are_described() {
    let s = TestServer::start(Backend::Sqlite).await;
    let doc = document(&s).await;
    for (path, method) in [
        ("/oauth/authorize", "get"),
        ("/oauth/authorize", "post"),
        ("/oauth/token", "post"),
        ("/oauth/device", "post"),
        ("/oauth/revoke", "post"),
        ("/oauth/validate", "get"),
        ("/.well-known/oauth-authorization-server", "get"),
        ("/", "get"),
        ("/healthz", "get"),
        ("/metrics", "get"),
        ("/api/openapi.json", "get"),
        ("/hls/{login}/index.m3u8", "get"),
        ("/hls/{login}/{rendition}/{file}", "get"),
        ("/irc", "get"),
        ("/chat/ws", "get"),
        ("/eventsub/ws", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} is described");
    }
    // The token endpoint's grants, each with what it needs.
    let grants = doc["components"]["schemas"]["TokenRequest"]["oneOf"].as_array().unwrap();
    let mut names: Vec<&str> =
        grants.iter().map(|g| g["properties"]["grant_type"]["enum"][0].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        ["authorization_code", "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"]
    );
    // OAuth 2.0 as a security scheme, with every scope the platform knows.
    let flows = &doc["components"]["securitySchemes"]["oauth2"]["flows"];
    assert_eq!(flows["authorizationCode"]["tokenUrl"], "/oauth/token");
    let scopes: Vec<&str> =
        flows["clientCredentials"]["scopes"].as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut known = aethex_sdk::SCOPES.to_vec();
    known.sort();
    assert_eq!(scopes, known);

    // The sockets: a handshake switches protocols, anything else is refused with problem JSON.
    let http = s.http();
    for path in ["/irc", "/chat/ws", "/eventsub/ws"] {
        let resp = http.get(s.url(path)).send().await.unwrap();
        assert_eq!(problem_status(resp).await, 400, "{path} without a handshake");
        assert!(doc["paths"][path]["get"]["responses"]["400"]["content"]["application/json"].is_object(), "{path}");
        let resp = http
            .get(s.url(path))
            .header("connection", "Upgrade")
            .header("upgrade", "websocket")
            .header("sec-websocket-version", "13")
            .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 101, "{path} with a handshake");
    }
    let resp = http.get(s.url("/eventsub/ws?keepalive_timeout_seconds=5")).send().await.unwrap();
    assert_eq!(problem_status(resp).await, 400);
    let resp = http.get(s.url("/hls/nobody_here/index.m3u8")).send().await.unwrap();
    assert_eq!(problem_status(resp).await, 404);
    let resp = http.get(s.url("/hls/Not%20A%20Login/index.m3u8")).send().await.unwrap();
    assert_eq!(problem_status(resp).await, 400);
}

/// The schema at `pointer` (following `$ref`s to components).
fn schema<'d>(doc: &'d Value, pointer: &str) -> &'d Value {
    let mut s = doc.pointer(pointer).unwrap_or_else(|| panic!("no schema at {pointer}"));
    while let Some(r) = s.get("$ref").and_then(Value::as_str) {
        s = doc.pointer(r.trim_start_matches('#')).unwrap();
    }
    s
}

/// Whether the string `v` is valid under `schema` (its lengths and pattern, as
/// ECMA-262 reads them; the `regex` crate agrees on everything the document uses).
fn valid(schema: &Value, v: &str) -> bool {
    let n = v.chars().count() as u64;
    schema["minLength"].as_u64().is_none_or(|min| n >= min)
        && schema["maxLength"].as_u64().is_none_or(|max| n <= max)
        && schema["pattern"].as_str().is_none_or(|p| regex::Regex::new(p).unwrap().is_match(v))
}

/// The schema of parameter `name` of an operation.
fn param<'d>(doc: &'d Value, path: &str, method: &str, name: &str) -> &'d Value {
    let params = doc["paths"][path][method]["parameters"].as_array().unwrap();
    let i = params.iter().position(|p| p["name"] == name).unwrap();
    schema(doc, &format!("/paths/{}/{method}/parameters/{i}/schema", path.replace('~', "~0").replace('/', "~1")))
}

/// Strings at the edges of the rules: whitespace the way Rust and JSON Schema
/// may read it differently, controls, combining marks, digits of other
/// scripts, astral characters, and lengths around the limits.
fn samples() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "a",
        "ab",
        "abc",
        "ABC",
        "abc\n",
        "\nabc",
        "a b",
        "a-b",
        "a_b",
        "a.b",
        "ab'c",
        "speedrun",
        "English",
        "日本語",
        "Ünïcödé",
        "e\u{301}",
        "\u{345}",
        "\u{660}\u{661}",
        "Ⅻ",
        "²",
        "😀",
        "x😀",
        "\u{10400}",
        "\tab",
        "ab\t",
        "\u{85}ab",
        "ab\u{85}",
        "\u{a0}ab\u{3000}",
        "\u{2028}",
        "ab\u{200b}",
        "\u{feff}ab",
        "a\u{0}b",
        "a\u{7f}",
        "a\u{9f}",
        "\u{1c}ab",
        "  padded  ",
        "+1",
        "0",
        "007",
        "12345",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for n in [24, 25, 26, 63, 64, 65, 99, 100, 101, 139, 140, 141, 199, 200, 201, 300, 301] {
        v.push("x".repeat(n));
        v.push("é".repeat(n));
    }
    v.push(format!(" {} ", "y".repeat(100)));
    v.push(format!("\t{}\n", "z".repeat(500)));
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stated_constraints_are_the_ones_the_server_enforces() {
    let s = TestServer::start(Backend::Sqlite).await;
    let owner = s.token("owner", "channel:manage chat:edit moderator:manage donations:write user:edit:follows").await;
    s.user("other", None).await;
    let doc = document(&s).await;
    let http = s.http();
    let samples = samples();
    let mut checked = 0;
    let mut agree = |what: &str, sample: &str, documented: bool, status: u16| {
        assert!(status < 500, "{what} {sample:?}: {status}");
        let accepted = status != 400;
        assert_eq!(accepted, documented, "{what} {sample:?}: the server answered {status}");
        checked += 1;
    };

    // Logins in paths.
    let login = param(&doc, "/api/channels/{login}", "get", "login");
    for v in samples.iter().filter(|v| !v.is_empty()) {
        // Every byte but the unreserved ones percent-encoded (a URL parser would drop tabs and newlines).
        let segment: String = v
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        let status = http.get(s.url(&format!("/api/channels/{segment}"))).send().await.unwrap().status().as_u16();
        agree("login", v, valid(login, v), status);
    }

    // Channel fields, as the owner.
    let update = schema(&doc, "/components/schemas/ChannelUpdate");
    for field in ["title", "category", "description", "language"] {
        let field_schema = schema(&doc, &format!("/components/schemas/ChannelUpdate/properties/{field}"));
        for v in &samples {
            let resp = http.patch(s.url("/api/channels/owner")).bearer_auth(&owner).json(&json!({ field: v })).send();
            agree(field, v, valid(field_schema, v), resp.await.unwrap().status().as_u16());
        }
    }
    let tag = schema(&doc, "/components/schemas/Tag");
    assert_eq!(update["properties"]["tags"]["maxItems"], 10);
    for v in &samples {
        let resp = http.patch(s.url("/api/channels/owner")).bearer_auth(&owner).json(&json!({"tags": [v]})).send();
        agree("tag", v, valid(tag, v), resp.await.unwrap().status().as_u16());
    }

    // Search.
    let query = param(&doc, "/api/search/channels", "get", "query");
    for v in &samples {
        let resp = http.get(s.url("/api/search/channels")).query(&[("query", v)]).send();
        agree("query", v, valid(query, v), resp.await.unwrap().status().as_u16());
    }

    // Chat text and blocked terms (trimmed before they are checked).
    let text = schema(&doc, "/components/schemas/SendBody/properties/text");
    for v in &samples {
        let resp = http.post(s.url("/api/chat/owner/messages")).bearer_auth(&owner).json(&json!({"text": v})).send();
        agree("chat text", v, valid(text, v), resp.await.unwrap().status().as_u16());
    }
    let term = param(&doc, "/api/moderation/blocked-terms", "put", "term");
    for v in &samples {
        let resp = http
            .put(s.url("/api/moderation/blocked-terms"))
            .bearer_auth(&owner)
            .query(&[("broadcaster_login", "owner"), ("term", v)])
            .send();
        agree("blocked term", v, valid(term, v), resp.await.unwrap().status().as_u16());
    }

    // Cursors: every string of the documented shape is a position.
    let after = param(&doc, "/api/streams", "get", "after");
    let cursors = ["AAAAAAAAAAA", "fAAAAAAAAA4", "f__________w", "AAAAAAAAAAB", "gAAAAAAAAAA", "AAAAAAAAAAE", "p1"];
    for v in samples.iter().map(String::as_str).chain(cursors) {
        let resp = http.get(s.url("/api/streams")).query(&[("after", v)]).send();
        agree("cursor", v, valid(after, v), resp.await.unwrap().status().as_u16());
    }

    // Donations: the name shown and the currency.
    let donation = "/components/schemas/DonationRequest/properties";
    let (donor, currency) =
        (schema(&doc, &format!("{donation}/donor_name")), schema(&doc, &format!("{donation}/currency")));
    for v in samples.iter().map(String::as_str).chain(["EUR", "usd", "EURO", "€€€"]) {
        let body = json!({"broadcaster_login": "other", "amount": 100, "currency": "EUR", "donor_name": v});
        let resp = http.post(s.url("/api/donations")).bearer_auth(&owner).json(&body).send();
        agree("donor_name", v, valid(donor, v), resp.await.unwrap().status().as_u16());
        let body = json!({"broadcaster_login": "other", "amount": 100, "currency": v});
        let resp = http.post(s.url("/api/donations")).bearer_auth(&owner).json(&body).send();
        agree("currency", v, valid(currency, v), resp.await.unwrap().status().as_u16());
    }
    assert!(checked > 700, "{checked} cases");
}
