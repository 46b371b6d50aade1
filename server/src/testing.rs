//! A real server in the caller's process, for other crates' tests and
//! benchmarks (feature `testing`): loopback ports chosen by the OS, a data
//! directory of the caller's choosing, generous rate limits, and users with
//! tokens issued the way `aethex-server token create` issues them.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::app::{AppState, Server};
use crate::config::{Config, ConfigArgs, RateConfig};

/// A running server; stops when dropped.
pub struct Local {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// IRC address.
    pub irc: SocketAddr,
    /// RTMP address.
    pub rtmp: SocketAddr,
    /// The shared state, for seeding.
    pub state: AppState,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Start a server on `data_dir` (SQLite), after `tweak` has seen its configuration.
pub async fn start(data_dir: PathBuf, tweak: impl FnOnce(&mut Config)) -> Local {
    let loopback = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    let args = ConfigArgs {
        data_dir: Some(data_dir),
        http_addr: loopback,
        rtmp_addr: loopback,
        irc_addr: loopback,
        ..Default::default()
    };
    let mut config = args.resolve().unwrap_or_else(|e| panic!("test configuration: {e}"));
    config.rate = RateConfig { free_per_day: u64::MAX / 4, pro_per_day: u64::MAX / 4, burst_per_second: 1_000_000 };
    // Tests end subscriptions by moving `expires_at` back; the sweep notices within a moment.
    config.subscription_sweep = std::time::Duration::from_millis(200);
    tweak(&mut config);
    let server = Server::bind(config).await.unwrap_or_else(|e| panic!("test server: {e}"));
    let addr = |a: std::io::Result<SocketAddr>| a.unwrap_or_else(|e| panic!("test server address: {e}"));
    let base = format!("http://{}", addr(server.local_addr()));
    let (irc, rtmp) = (addr(server.irc_addr()), addr(server.rtmp_addr()));
    let state = server.state().clone();
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = server
            .run(async move {
                let _ = rx.await;
            })
            .await;
    });
    Local { base, irc, rtmp, state, _stop: stop }
}

/// Let `login`'s subscription to `channel` in `state`'s database run out now,
/// as if its 30 days had passed (the subscriptions sweep then ends it).
/// Returns whether one existed.
pub async fn expire_subscription(state: &AppState, login: &str, channel: &str) -> bool {
    let user = crate::accounts::user_id_by_login(&state.db, login).await;
    let channel = crate::accounts::user_id_by_login(&state.db, channel).await;
    let (Some(user), Some(channel)) = (
        user.unwrap_or_else(|e| panic!("expire subscription: {e}")),
        channel.unwrap_or_else(|e| panic!("expire subscription: {e}")),
    ) else {
        return false;
    };
    crate::social::expire_subscription(&state.db, user, channel).await.unwrap_or_else(|e| panic!("expire subscription: {e}"))
}

impl Local {
    /// [`expire_subscription`] on this server.
    pub async fn expire_subscription(&self, login: &str, channel: &str) -> bool {
        expire_subscription(&self.state, login, channel).await
    }

    /// A token with `scopes` (space-separated) for `login`, creating the user
    /// (with `password`, if given) when it does not exist yet.
    pub async fn token(&self, login: &str, scopes: &str) -> String {
        self.token_with_password(login, None, scopes).await
    }

    /// Like [`Local::token`], with a password for browser logins.
    pub async fn token_with_password(&self, login: &str, password: Option<&str>, scopes: &str) -> String {
        let db = &self.state.db;
        let id = match crate::accounts::user_id_by_login(db, login).await.unwrap_or_else(|e| panic!("{e}")) {
            Some(id) => id,
            None => crate::accounts::create_user(db, &self.state.sealer, login, password)
                .await
                .unwrap_or_else(|e| panic!("create {login}: {e}")),
        };
        let scopes = crate::auth::parse_scopes(scopes).unwrap_or_else(|e| panic!("scopes: {e}"));
        let grant = crate::auth::Grant {
            client_id: aethex_sdk::CLI_CLIENT_ID,
            user_id: Some(id),
            scopes: &scopes,
            refresh: false,
            family: None,
            access_ttl: 3600,
            refresh_ttl: 0,
        };
        crate::auth::issue(db, grant).await.unwrap_or_else(|e| panic!("issue: {e}")).access_token
    }

    /// Approve a device code the way a person does in a browser: sign in on
    /// `/login` as `login` with `password`, open `/activate`, press approve.
    pub async fn approve_device(&self, login: &str, password: &str, user_code: &str) {
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"));
        let base = &self.base;
        let resp = browser
            .post(format!("{base}/login"))
            .form(&[("login", login), ("password", password), ("next", "/activate")])
            .send()
            .await
            .unwrap_or_else(|e| panic!("login: {e}"));
        assert_eq!(resp.status(), 303, "signing in as {login}");
        let cookie: Vec<String> = resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
            .collect();
        let cookie = cookie.join("; ");
        let page = browser
            .get(format!("{base}/activate?user_code={user_code}"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("activate page: {e}"))
            .text()
            .await
            .unwrap_or_default();
        let marker = "name=\"csrf\" value=\"";
        let start = page.find(marker).unwrap_or_else(|| panic!("no csrf field on the activate page")) + marker.len();
        let csrf = page[start..].split('"').next().unwrap_or_default().to_string();
        let done = browser
            .post(format!("{base}/activate"))
            .header("cookie", &cookie)
            .form(&[("user_code", user_code), ("csrf", csrf.as_str()), ("action", "approve")])
            .send()
            .await
            .unwrap_or_else(|e| panic!("approve: {e}"));
        assert_eq!(done.status(), 200, "approving {user_code}");
    }
}
