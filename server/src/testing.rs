//! The one test harness (feature `testing`, turned on only by dev-dependencies):
//! a real server in the caller's process on loopback ports the OS picks, over
//! a fresh SQLite data directory or a fresh PostgreSQL database, with
//! generous rate limits, seeded the way the admin commands seed it. The
//! server's own tests and every other crate's tests and benchmarks use it.
//! Failures panic: a panic is a test's failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::PathBuf;

use aethex_sdk::Client;
use sqlx::Connection as _;
use tokio::sync::oneshot;

use crate::accounts::create_user;
use crate::app::{AppState, Server};
use crate::auth::apps::{create_app, NewApp};
use crate::auth::{issue, parse_scopes, Grant, Tier};
use crate::config::{Config, ConfigArgs, RateConfig};

/// Which database a test server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite in the data directory.
    Sqlite,
    /// A fresh database on the PostgreSQL in `AETHEX_TEST_POSTGRES_URL`.
    Postgres,
}

/// A running server; stops when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// HTTP address.
    pub addr: SocketAddr,
    /// RTMP address.
    pub rtmp: SocketAddr,
    /// IRC address.
    pub irc: SocketAddr,
    /// The shared state, for seeding and for looking behind the API.
    pub state: AppState,
    /// The data directory.
    pub data_dir: PathBuf,
    /// The directory was made for this server and goes with it.
    owns_dir: bool,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// A fresh, empty directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("aethex-test-{tag}-{}", crate::crypto::random_secret("").replace(['-', '_'], "")));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A fresh PostgreSQL database on the server `scripts/test` started.
pub async fn fresh_postgres_url() -> String {
    let admin = std::env::var("AETHEX_TEST_POSTGRES_URL")
        .expect("AETHEX_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts PostgreSQL");
    let name = format!("t_{}", &crate::crypto::random_secret("").to_lowercase().replace(['-', '_'], "")[..20]);
    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to the test PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
    let (base, _) = admin.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}

/// Rate limits no test reaches by accident.
pub fn generous_rates() -> RateConfig {
    RateConfig { free_per_day: 1_000_000, pro_per_day: 1_000_000, burst_per_second: 1_000_000 }
}

/// Start a server on `data_dir` (SQLite, kept after the server stops), after
/// `tweak` has seen its configuration. Subscriptions are swept every 200 ms,
/// so a test that ends one sees `channel.subscription.end` at once.
pub async fn start(data_dir: PathBuf, tweak: impl FnOnce(&mut Config)) -> TestServer {
    TestServer::launch(data_dir, None, false, |c| {
        c.rate = RateConfig { free_per_day: u64::MAX / 4, pro_per_day: u64::MAX / 4, burst_per_second: 1_000_000 };
        c.subscription_sweep = std::time::Duration::from_millis(200);
        tweak(c);
    })
    .await
}

impl TestServer {
    /// A server on `backend` with generous rate limits.
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, generous_rates()).await
    }

    /// A server on `backend` with these rate limits.
    pub async fn start_with(backend: Backend, rate: RateConfig) -> Self {
        Self::start_custom(backend, |c| c.rate = rate).await
    }

    /// A server whose resolved configuration `tweak` may change first.
    pub async fn start_custom(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Self {
        let database_url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(fresh_postgres_url().await),
        };
        Self::launch(temp_dir("srv"), database_url, true, |c| {
            c.rate = generous_rates();
            tweak(c);
        })
        .await
    }

    async fn launch(
        data_dir: PathBuf,
        database_url: Option<String>,
        owns_dir: bool,
        tweak: impl FnOnce(&mut Config),
    ) -> Self {
        let loopback = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
        let args = ConfigArgs {
            data_dir: Some(data_dir.clone()),
            database_url,
            http_addr: loopback,
            rtmp_addr: loopback,
            irc_addr: loopback,
            ..Default::default()
        };
        let mut config = args.resolve().expect("config");
        // Players and load from loopback in tests are not a flood.
        config.http.per_address_per_second = 1_000_000;
        // Sign-ups from loopback are many test users, not a bulk attack; a
        // smaller proof of work keeps debug builds quick (the check is the same).
        config.signup.per_address_per_hour = 1_000_000;
        config.signup.global_per_hour = 1_000_000;
        config.signup.pow_bits = 10;
        tweak(&mut config);
        let server = Server::bind(config).await.expect("server starts");
        let addr = server.local_addr().expect("bound");
        let rtmp = server.rtmp_addr().expect("rtmp bound");
        let irc = server.irc_addr().expect("irc bound");
        let base = format!("http://{addr}");
        let state = server.state().clone();
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server
                .run(async move {
                    let _ = rx.await;
                })
                .await
                .expect("server runs");
        });
        Self { base, addr, rtmp, irc, state, data_dir, owns_dir, stop: Some(tx), task: Some(task) }
    }

    /// An SDK client without a token.
    pub fn client(&self) -> Client {
        Client::new(&self.base).expect("client")
    }

    /// An SDK client with a token.
    pub fn client_with(&self, token: &str) -> Client {
        self.client().with_token(token)
    }

    /// A user (as `aethex-server user create` makes one).
    pub async fn user(&self, login: &str, password: Option<&str>) -> i64 {
        create_user(&self.state.db, &self.state.sealer, login, password).await.expect("create user")
    }

    /// A token with `scopes` (space-separated) for `login`, as `aethex-server
    /// token create` issues one, creating the user when it does not exist yet.
    pub async fn token(&self, login: &str, scopes: &str) -> String {
        self.token_with_password(login, None, scopes).await
    }

    /// Like [`TestServer::token`], creating a missing user with `password` for browser logins.
    pub async fn token_with_password(&self, login: &str, password: Option<&str>, scopes: &str) -> String {
        let user_id = match crate::accounts::user_id_by_login(&self.state.db, login).await.expect("db") {
            Some(id) => id,
            None => self.user(login, password).await,
        };
        self.token_for(aethex_sdk::CLI_CLIENT_ID, Some(user_id), scopes, 3600).await
    }

    /// A token of app `client_id` (for `user_id`, or an app token) lasting `ttl` seconds.
    pub async fn token_for(&self, client_id: &str, user_id: Option<i64>, scopes: &str, ttl: i64) -> String {
        let scopes = parse_scopes(scopes).expect("scopes");
        let grant = Grant {
            client_id,
            user_id,
            scopes: &scopes,
            refresh: false,
            family: None,
            access_ttl: ttl,
            refresh_ttl: 0,
        };
        issue(&self.state.db, grant).await.expect("issue").access_token
    }

    /// A third-party app (as `aethex-server app create` makes one).
    pub async fn app(&self, redirect: &str, tier: Tier, confidential: bool) -> NewApp {
        create_app(&self.state.db, "Test App", &[redirect.to_string()], tier, confidential).await.expect("create app")
    }

    /// Let `login`'s subscription to `channel` run out now, as if its period
    /// had passed (the sweep then ends it). Returns whether one existed.
    pub async fn expire_subscription(&self, login: &str, channel: &str) -> bool {
        let db = &self.state.db;
        let user = crate::accounts::user_id_by_login(db, login).await.expect("db");
        let channel = crate::accounts::user_id_by_login(db, channel).await.expect("db");
        let (Some(user), Some(channel)) = (user, channel) else { return false };
        crate::social::expire_subscription(db, user, channel).await.expect("expire subscription")
    }

    /// A plain HTTP client for checks below the SDK (headers, raw bodies).
    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client")
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("browser client")
    }

    /// `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Open `/login` as a browser does; the form's CSRF token and the
    /// `Cookie` header value the page set (for clients without a cookie store).
    pub async fn open_login(&self, browser: &reqwest::Client) -> (String, String) {
        let resp = browser.get(self.url("/login")).send().await.expect("login page");
        assert_eq!(resp.status(), 200, "the login page opens");
        let cookie = set_cookies(resp.headers());
        (csrf_of(&resp.text().await.unwrap_or_default()), cookie)
    }

    /// Log a browser (with a cookie store) in through the `/login` form.
    pub async fn browser_login(&self, browser: &reqwest::Client, login: &str, password: &str) {
        let (csrf, _) = self.open_login(browser).await;
        let resp = browser
            .post(self.url("/login"))
            .form(&[("login", login), ("password", password), ("next", "/activate"), ("csrf", csrf.as_str())])
            .send()
            .await
            .expect("login request");
        assert_eq!(resp.status(), 303, "login should redirect");
    }

    /// Approve a device code the way a person does in a browser: sign in on
    /// `/login` as `login` with `password`, open `/activate`, press approve.
    pub async fn approve_device(&self, login: &str, password: &str, user_code: &str) {
        let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        let base = &self.base;
        let (csrf, login_cookie) = self.open_login(&browser).await;
        let resp = browser
            .post(format!("{base}/login"))
            .header("cookie", login_cookie)
            .form(&[("login", login), ("password", password), ("next", "/activate"), ("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap_or_else(|e| panic!("login: {e}"));
        assert_eq!(resp.status(), 303, "signing in as {login}");
        let cookie = set_cookies(resp.headers());
        let page = browser
            .get(format!("{base}/activate?user_code={user_code}"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("activate page: {e}"))
            .text()
            .await
            .unwrap_or_default();
        let csrf = csrf_of(&page);
        let done = browser
            .post(format!("{base}/activate"))
            .header("cookie", &cookie)
            .form(&[("user_code", user_code), ("csrf", csrf.as_str()), ("action", "approve")])
            .send()
            .await
            .unwrap_or_else(|e| panic!("approve: {e}"));
        assert_eq!(done.status(), 200, "approving {user_code}");
    }

    /// Shut down gracefully (as SIGTERM does) and wait until the server has finished.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            // A hang guard, not a timing assertion: a shutdown that never
            // finishes, or a server that fails on the way out, fails the test.
            match tokio::time::timeout(std::time::Duration::from_secs(20), t).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => panic!("the server failed while shutting down: {e}"),
                Err(_) => panic!("the server did not finish shutting down within 20 s"),
            }
        }
    }
}

/// The `Cookie` header value that sends back what `Set-Cookie` headers set
/// (names and values; deletions left out).
pub fn set_cookies(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
        .filter(|c| !c.ends_with('='))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            t.abort();
        }
        if self.owns_dir {
            let _ = std::fs::remove_dir_all(&self.data_dir);
        }
    }
}

/// The hidden `csrf` value of a rendered form.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("page has a csrf field") + marker.len();
    html[start..].split('"').next().expect("csrf value").to_string()
}
