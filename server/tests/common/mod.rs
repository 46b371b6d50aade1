//! The one test harness: a real server on a free loopback port, over a fresh
//! SQLite data directory or a fresh PostgreSQL database, seeded the way the
//! admin commands seed it.
#![allow(dead_code, missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::PathBuf;

use aethex_sdk::Client;
use aethex_server::accounts::create_user;
use aethex_server::auth::apps::{create_app, NewApp};
use aethex_server::app::{AppState, Server};
use aethex_server::auth::{issue, parse_scopes, Grant, Tier};
use aethex_server::config::{ConfigArgs, RateConfig};
use sqlx::Connection as _;
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestServer {
    pub base: String,
    pub addr: SocketAddr,
    pub rtmp: SocketAddr,
    pub irc: SocketAddr,
    pub state: AppState,
    pub data_dir: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// A fresh, empty directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("aethex-test-{tag}-{}", aethex_server::crypto::random_secret("").replace(['-', '_'], "")));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A fresh PostgreSQL database on the server `scripts/test` started.
pub async fn fresh_postgres_url() -> String {
    let admin = std::env::var("AETHEX_TEST_POSTGRES_URL")
        .expect("AETHEX_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts PostgreSQL");
    let name = format!("t_{}", &aethex_server::crypto::random_secret("").to_lowercase().replace(['-', '_'], "")[..20]);
    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to the test PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
    let (base, _) = admin.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}

pub fn generous_rates() -> RateConfig {
    RateConfig { free_per_day: 1_000_000, pro_per_day: 1_000_000, burst_per_second: 1_000_000 }
}

impl TestServer {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, generous_rates()).await
    }

    pub async fn start_with(backend: Backend, rate: RateConfig) -> Self {
        Self::start_custom(backend, |c| c.rate = rate).await
    }

    /// A server whose resolved configuration `tweak` may change first.
    pub async fn start_custom(backend: Backend, tweak: impl FnOnce(&mut aethex_server::config::Config)) -> Self {
        let data_dir = temp_dir("srv");
        let database_url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(fresh_postgres_url().await),
        };
        let args = ConfigArgs {
            data_dir: Some(data_dir.clone()),
            database_url,
            http_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            rtmp_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            irc_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            ..Default::default()
        };
        let mut config = args.resolve().expect("config");
        config.rate = generous_rates();
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
        Self { base, addr, rtmp, irc, state, data_dir, stop: Some(tx), task: Some(task) }
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

    /// A token for a user (as `aethex-server token create` makes one).
    pub async fn token(&self, login: &str, scopes: &str) -> String {
        let user_id =
            aethex_server::accounts::user_id_by_login(&self.state.db, login).await.expect("db").expect("user exists");
        self.token_for(aethex_sdk::CLI_CLIENT_ID, Some(user_id), scopes, 3600).await
    }

    pub async fn token_for(&self, client_id: &str, user_id: Option<i64>, scopes: &str, ttl: i64) -> String {
        let scopes = parse_scopes(scopes).expect("scopes");
        issue(
            &self.state.db,
            Grant {
                client_id,
                user_id,
                scopes: &scopes,
                refresh: false,
                family: None,
                access_ttl: ttl,
                refresh_ttl: 0,
            },
        )
        .await
        .expect("issue")
        .access_token
    }

    /// A third-party app (as `aethex-server app create` makes one).
    pub async fn app(&self, redirect: &str, tier: Tier, confidential: bool) -> NewApp {
        create_app(&self.state.db, "Test App", &[redirect.to_string()], tier, confidential).await.expect("create app")
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

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Log a browser in through the `/login` form.
    pub async fn browser_login(&self, browser: &reqwest::Client, login: &str, password: &str) {
        let resp = browser
            .post(self.url("/login"))
            .form(&[("login", login), ("password", password), ("next", "/activate")])
            .send()
            .await
            .expect("login request");
        assert_eq!(resp.status(), 303, "login should redirect");
    }
}

impl TestServer {
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

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            t.abort();
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// The hidden `csrf` value of a rendered form.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("page has a csrf field") + marker.len();
    html[start..].split('"').next().expect("csrf value").to_string()
}

/// Run an async test body once per backend.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(super::common::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(super::common::Backend::Postgres).await
                }
            }
        )*
    };
}

/// The real `aethex-server` binary as a separate OS process (for SIGKILL and
/// multi-process tests), on fixed free ports, killed when dropped.
pub struct Proc {
    pub child: std::process::Child,
    pub http: SocketAddr,
    pub irc: SocketAddr,
}

/// A free loopback port (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Run an admin command of the binary against `data` (and `db` when PostgreSQL); its stdout.
pub fn admin(data: &std::path::Path, db: Option<&str>, args: &[&str]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"));
    cmd.args(args).env("AETHEX_DATA_DIR", data);
    match db {
        Some(url) => cmd.env("AETHEX_DATABASE_URL", url),
        None => cmd.env_remove("AETHEX_DATABASE_URL"),
    };
    let out = cmd.output().expect("admin command runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").trim().to_string()
}

impl Proc {
    /// Start `serve` with `env` on top of the defaults, and wait until it answers `/healthz`.
    pub async fn start(data: &std::path::Path, db: Option<&str>, http_port: u16, env: &[(&str, &str)]) -> Self {
        let irc = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let http = SocketAddr::from(([127, 0, 0, 1], http_port));
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"));
        cmd.env("AETHEX_DATA_DIR", data)
            .env("AETHEX_HTTP_ADDR", http.to_string())
            .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
            .env("AETHEX_IRC_ADDR", irc.to_string())
            .env("AETHEX_FFMPEG", "")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        match db {
            Some(url) => cmd.env("AETHEX_DATABASE_URL", url),
            None => cmd.env_remove("AETHEX_DATABASE_URL"),
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("server starts");
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
        while reqwest::get(format!("http://{http}/healthz")).await.map(|r| r.status() != 200).unwrap_or(true) {
            assert!(tokio::time::Instant::now() < deadline, "server on {http} did not come up");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Self { child, http, irc }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.http)
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
