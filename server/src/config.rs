//! Configuration: flags, then `AETHEX_*` environment variables, then an
//! optional TOML file, then defaults that just work on a laptop.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Deserialize;

/// Options shared by `serve` and the admin commands (clap flags with env fallbacks).
#[derive(Debug, Clone, Args, Default)]
pub struct ConfigArgs {
    /// TOML file with any of the settings below (flags and environment win).
    #[arg(long, env = "AETHEX_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Directory for the SQLite database and the secret key.
    #[arg(long, env = "AETHEX_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://...` or `postgres://...`; default: SQLite inside the data directory.
    #[arg(long, env = "AETHEX_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Address of the HTTP server (API, OAuth, pages, HLS).
    #[arg(long, env = "AETHEX_HTTP_ADDR", global = true)]
    pub http_addr: Option<SocketAddr>,
    /// The URL users reach the server at, for links in pages and device codes.
    #[arg(long, env = "AETHEX_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Address of the RTMP ingest (used by the ingest capability).
    #[arg(long, env = "AETHEX_RTMP_ADDR", global = true)]
    pub rtmp_addr: Option<SocketAddr>,
    /// A second publisher to a live channel replaces the first (default: it is refused).
    #[arg(long, env = "AETHEX_RTMP_REPLACE", global = true, action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    pub rtmp_replace: bool,
    /// Chat intelligence (trends, sentiment) on or off (default on).
    #[arg(long, env = "AETHEX_CHAT_ANALYSIS", global = true, value_parser = clap::builder::BoolishValueParser::new())]
    pub chat_analysis: Option<bool>,
    /// Seconds a message AutoMod holds waits for a moderator before it expires (default 300).
    #[arg(long, env = "AETHEX_AUTOMOD_HOLD_SECONDS", global = true, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub automod_hold_seconds: Option<u32>,
    /// Minutes between trainings of the recommender (default 60; 0: only on demand, `recs train`).
    #[arg(long, env = "AETHEX_RECS_TRAIN_MINUTES", global = true, value_parser = clap::value_parser!(u32).range(0..=10080))]
    pub recs_train_minutes: Option<u32>,
    /// Percent of recommendation slots given to channels with fewer than 10 followers (default 20).
    #[arg(long, env = "AETHEX_RECS_EXPLORE_PERCENT", global = true, value_parser = clap::value_parser!(u32).range(0..=50))]
    pub recs_explore_percent: Option<u32>,
    /// Percent of viewers in the recommendation experiment's control (popular channels; default 10).
    #[arg(long, env = "AETHEX_RECS_CONTROL_PERCENT", global = true, value_parser = clap::value_parser!(u32).range(0..=50))]
    pub recs_control_percent: Option<u32>,
    /// Days analytics events are kept (default 400); stream summaries stay.
    #[arg(long, env = "AETHEX_ANALYTICS_RETENTION_DAYS", global = true, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub analytics_retention_days: Option<u32>,
    /// A MaxMind-format country database (GeoLite2-Country or GeoIP2-Country
    /// `.mmdb`): viewers' countries come from their address through it (the
    /// address itself is never stored). Without one, countries are "unknown".
    #[arg(long, env = "AETHEX_GEOIP_DB", global = true)]
    pub geoip_db: Option<PathBuf>,
    /// Addresses of reverse proxies in front of the server (comma-separated):
    /// from them, the viewer's address is the last one in `X-Forwarded-For`
    /// that is not a proxy (for countries).
    #[arg(long, env = "AETHEX_TRUSTED_PROXIES", global = true, value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Logins of the platform's operators (comma-separated): they read the
    /// platform analytics (`/api/analytics/platform`, `/dashboard/platform`).
    #[arg(long, env = "AETHEX_OPERATORS", global = true, value_delimiter = ',')]
    pub operators: Vec<String>,
    /// Record every stream to `<data-dir>/recordings` for VOD.
    #[arg(long, env = "AETHEX_RECORD", global = true, action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    pub record: bool,
    /// Address of the IRC chat gateway (used by the chat capability).
    #[arg(long, env = "AETHEX_IRC_ADDR", global = true)]
    pub irc_addr: Option<SocketAddr>,
    /// Redis for multi-node chat fan-out (used by the chat capability).
    #[arg(long, env = "AETHEX_REDIS_URL", global = true)]
    pub redis_url: Option<String>,
    /// How the other nodes reach this node's HTTP listener (for example
    /// `http://10.0.0.5:8080`), when several share one Redis: they proxy
    /// the HLS of streams ingested here. Default: the bound address.
    #[arg(long, env = "AETHEX_NODE_URL", global = true)]
    pub node_url: Option<String>,
    /// A PostgreSQL streaming replica of the database: the API's hot reads
    /// go there, except a caller's reads right after their own write.
    #[arg(long, env = "AETHEX_DATABASE_REPLICA_URL", global = true, hide_env_values = true)]
    pub database_replica_url: Option<String>,
    /// Seconds between SIGTERM and closing the listeners, while `/readyz`
    /// answers 503 so the load balancer moves new requests away (default 0:
    /// alone; behind a load balancer, more than its check interval × fall).
    #[arg(long, env = "AETHEX_DRAIN_SECONDS", global = true)]
    pub drain_seconds: Option<u32>,
    /// A PEM certificate chain: the HTTP listener speaks HTTPS (and RTMPS
    /// listens, with `--rtmps-addr`). Re-read with the key on SIGHUP.
    #[arg(long, env = "AETHEX_TLS_CERT", global = true, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's PEM private key (PKCS#8, PKCS#1 or SEC1).
    #[arg(long, env = "AETHEX_TLS_KEY", global = true, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Where RTMPS (RTMP over TLS, OBS's `rtmps://`) listens, with `--tls-cert`.
    #[arg(long, env = "AETHEX_RTMPS_ADDR", global = true)]
    pub rtmps_addr: Option<SocketAddr>,
    /// 64 hex digits sealing stream keys at rest; default: `<data-dir>/secret.key`.
    #[arg(long, env = "AETHEX_SECRET_KEY", global = true, hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Daily request quota of free-tier apps and anonymous callers.
    #[arg(long, env = "AETHEX_RATE_FREE_PER_DAY", global = true)]
    pub rate_free_per_day: Option<u64>,
    /// Daily request quota of pro-tier apps.
    #[arg(long, env = "AETHEX_RATE_PRO_PER_DAY", global = true)]
    pub rate_pro_per_day: Option<u64>,
    /// Burst limit: requests per second for one caller (free and pro tiers).
    #[arg(long, env = "AETHEX_RATE_BURST_PER_SECOND", global = true)]
    pub rate_burst_per_second: Option<u64>,
    /// Allow webhook callbacks on loopback/private addresses and over plain HTTP
    /// (receivers on this host or network; off by default as an SSRF guard).
    #[arg(long, env = "AETHEX_WEBHOOK_ALLOW_PRIVATE", global = true, action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    pub webhook_allow_private: bool,
    /// Milliseconds a webhook receiver has to answer (default 10000).
    #[arg(long, env = "AETHEX_WEBHOOK_TIMEOUT_MS", global = true)]
    pub webhook_timeout_ms: Option<u64>,
    /// First retry delay in milliseconds, doubled per attempt (default 1000).
    #[arg(long, env = "AETHEX_WEBHOOK_RETRY_BASE_MS", global = true)]
    pub webhook_retry_base_ms: Option<u64>,
    /// Attempts of one message before its subscription is revoked (default 8).
    #[arg(long, env = "AETHEX_WEBHOOK_MAX_ATTEMPTS", global = true)]
    pub webhook_max_attempts: Option<u32>,
    /// Seconds a client has to send a request's headers, also the longest an
    /// idle keep-alive connection is kept (default 20).
    #[arg(long, env = "AETHEX_HTTP_HEADER_TIMEOUT_SECS", global = true)]
    pub http_header_timeout_secs: Option<u64>,
    /// Seconds a client has to send a whole request body (default 20).
    #[arg(long, env = "AETHEX_HTTP_BODY_TIMEOUT_SECS", global = true)]
    pub http_body_timeout_secs: Option<u64>,
    /// Open HTTP connections one client address may hold (default 256).
    #[arg(long, env = "AETHEX_HTTP_MAX_CONNS_PER_IP", global = true)]
    pub http_max_conns_per_ip: Option<usize>,
    /// Requests per second one client address may make outside the API gate:
    /// HLS and socket upgrades (default 500).
    #[arg(long, env = "AETHEX_HTTP_PER_ADDRESS_PER_SECOND", global = true)]
    pub http_per_address_per_second: Option<u64>,
    /// Who may create an account on the web: `open` (default), `invite`
    /// (with a code from `aethex-server invite create`) or `closed`.
    #[arg(long, env = "AETHEX_SIGNUP", global = true)]
    pub signup: Option<SignupMode>,
    /// Accounts one client address may create per hour (default 5).
    #[arg(long, env = "AETHEX_SIGNUP_PER_ADDRESS_PER_HOUR", global = true)]
    pub signup_per_address_per_hour: Option<u32>,
    /// Accounts the whole server creates per hour at most (default 200).
    #[arg(long, env = "AETHEX_SIGNUP_GLOBAL_PER_HOUR", global = true)]
    pub signup_global_per_hour: Option<u32>,
    /// Proof-of-work difficulty of the sign-up form, in leading zero bits of
    /// a SHA-256 (default 18: a fraction of a second in a phone's browser, a
    /// real cost to a script making thousands of accounts).
    #[arg(long, env = "AETHEX_SIGNUP_POW_BITS", global = true)]
    pub signup_pow_bits: Option<u8>,
    /// Language of pages when neither the visitor's choice nor their browser
    /// names one of ours (default `en`): en, es, fr, de, pt-BR, zh-CN, ja,
    /// ko, ru, it, pl, ar.
    #[arg(long, env = "AETHEX_DEFAULT_LANGUAGE", global = true)]
    pub default_language: Option<String>,
    /// Offer the pseudo-locale `en-XA` (accented, 40% longer English) to find
    /// untranslated and cramped text.
    #[arg(long, env = "AETHEX_PSEUDO_LOCALE", global = true)]
    pub pseudo_locale: Option<bool>,
}

/// Who may sign up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SignupMode {
    /// Anyone.
    Open,
    /// Anyone with an unused invitation code.
    Invite,
    /// Nobody (accounts come from `aethex-server user create`).
    Closed,
}

/// Sign-up on the web (flags/env `AETHEX_SIGNUP*`).
#[derive(Debug, Clone, Copy)]
pub struct SignupConfig {
    /// Who may sign up.
    pub mode: SignupMode,
    /// Accounts per client address per hour.
    pub per_address_per_hour: u32,
    /// Accounts per hour in all.
    pub global_per_hour: u32,
    /// Proof-of-work difficulty (leading zero bits).
    pub pow_bits: u8,
}

impl Default for SignupConfig {
    fn default() -> Self {
        Self { mode: SignupMode::Open, per_address_per_hour: 5, global_per_hour: 200, pow_bits: 18 }
    }
}

/// The same settings as a TOML file spells them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    http_addr: Option<SocketAddr>,
    public_url: Option<String>,
    rtmp_addr: Option<SocketAddr>,
    rtmp_replace: Option<bool>,
    record: Option<bool>,
    analytics_retention_days: Option<u32>,
    chat_analysis: Option<bool>,
    automod_hold_seconds: Option<u32>,
    recs_train_minutes: Option<u32>,
    recs_explore_percent: Option<u32>,
    recs_control_percent: Option<u32>,
    operators: Option<Vec<String>>,
    geoip_db: Option<PathBuf>,
    trusted_proxies: Option<Vec<std::net::IpAddr>>,
    irc_addr: Option<SocketAddr>,
    redis_url: Option<String>,
    node_url: Option<String>,
    database_replica_url: Option<String>,
    drain_seconds: Option<u32>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    rtmps_addr: Option<SocketAddr>,
    secret_key: Option<String>,
    rate_free_per_day: Option<u64>,
    rate_pro_per_day: Option<u64>,
    rate_burst_per_second: Option<u64>,
    webhook_allow_private: Option<bool>,
    webhook_timeout_ms: Option<u64>,
    webhook_retry_base_ms: Option<u64>,
    webhook_max_attempts: Option<u32>,
    http_header_timeout_secs: Option<u64>,
    http_body_timeout_secs: Option<u64>,
    http_max_conns_per_ip: Option<usize>,
    http_per_address_per_second: Option<u64>,
    signup: Option<SignupMode>,
    signup_per_address_per_hour: Option<u32>,
    signup_global_per_hour: Option<u32>,
    signup_pow_bits: Option<u8>,
    default_language: Option<String>,
    pseudo_locale: Option<bool>,
}

/// Errors reading the configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Only one of the certificate and its key was given.
    #[error("TLS needs both --tls-cert and --tls-key")]
    Tls,
    /// The default language is not one of the catalogues'.
    #[error("default language '{tag}' is not one of: en, es, fr, de, pt-BR, zh-CN, ja, ko, ru, it, pl, ar")]
    Language {
        /// What was asked for.
        tag: String,
    },
    /// The file could not be read.
    #[error("config file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML for these settings.
    #[error("config file {path}: {source}")]
    Parse {
        /// The file.
        path: String,
        /// Why.
        source: toml::de::Error,
    },
}

/// Resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// HTTP listen address.
    pub http_addr: SocketAddr,
    /// Data directory.
    pub data_dir: PathBuf,
    /// Explicit database URL, if any.
    pub database_url: Option<String>,
    /// Public base URL, without trailing slash.
    pub public_url: String,
    /// RTMP listen address.
    pub rtmp_addr: SocketAddr,
    /// Whether a new publisher replaces a live one.
    pub rtmp_replace: bool,
    /// Whether streams are recorded.
    pub record: bool,
    /// Days analytics events are kept.
    pub analytics_retention_days: u32,
    /// Chat intelligence runs.
    pub chat_analysis: bool,
    /// Seconds AutoMod holds a message.
    pub automod_hold_seconds: u32,
    /// The recommender's schedule and shares.
    pub recs: RecsConfig,
    /// Operators' logins, lower case.
    pub operators: Vec<String>,
    /// The country database, if any.
    pub geoip_db: Option<PathBuf>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// IRC listen address.
    pub irc_addr: SocketAddr,
    /// Redis URL, if multi-node.
    pub redis_url: Option<String>,
    /// How other nodes reach this one's HTTP (set to the bound address when not given).
    pub node_url: Option<String>,
    /// How long a node stays up, not ready, after SIGTERM.
    pub drain: std::time::Duration,
    /// The read replica, if any.
    pub database_replica_url: Option<String>,
    /// Certificate and key files (PEM) for HTTPS and RTMPS.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// The RTMPS listen address, if any.
    pub rtmps_addr: Option<SocketAddr>,
    /// Hex sealing key, if given.
    pub secret_key: Option<String>,
    /// Rate limits.
    pub rate: RateConfig,
    /// Lifetime of access tokens, seconds.
    pub access_token_ttl: i64,
    /// Lifetime of refresh tokens, seconds.
    pub refresh_token_ttl: i64,
    /// Webhook delivery.
    pub webhook: WebhookConfig,
    /// How often ended subscriptions are looked for (`channel.subscription.end`).
    pub subscription_sweep: std::time::Duration,
    /// Timeouts and connection caps of the HTTP listener.
    pub http: HttpLimits,
    /// Sign-up on the web.
    pub signup: SignupConfig,
    /// How pages choose their language.
    pub languages: crate::i18n::Negotiation,
}

/// What a slow or greedy HTTP client may hold (flags/env `AETHEX_HTTP_*`).
#[derive(Debug, Clone, Copy)]
pub struct HttpLimits {
    /// Time to send the request line and headers; also the idle keep-alive limit.
    pub header_timeout: std::time::Duration,
    /// Time to send the whole body, once the headers are in.
    pub body_timeout: std::time::Duration,
    /// Open connections per client address.
    pub max_conns_per_ip: usize,
    /// Requests per second per client address outside the API gate (HLS, socket upgrades).
    pub per_address_per_second: u64,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            header_timeout: std::time::Duration::from_secs(20),
            body_timeout: std::time::Duration::from_secs(20),
            max_conns_per_ip: 256,
            per_address_per_second: 500,
        }
    }
}

/// Quotas per API tier.
#[derive(Debug, Clone, Copy)]
pub struct RateConfig {
    /// Requests per UTC day, free tier (and anonymous callers, per IP).
    pub free_per_day: u64,
    /// Requests per UTC day, pro tier.
    pub pro_per_day: u64,
    /// Requests per second a single caller may burst to (enterprise: unlimited).
    pub burst_per_second: u64,
}

impl ConfigArgs {
    /// Merge flags/env over the file over the defaults.
    pub fn resolve(&self) -> Result<Config, ConfigError> {
        let file = match &self.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let http_addr = self.http_addr.or(file.http_addr).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let tls = match (self.tls_cert.clone().or(file.tls_cert), self.tls_key.clone().or(file.tls_key)) {
            (Some(cert), Some(key)) => Some((cert, key)),
            (None, None) => None,
            _ => return Err(ConfigError::Tls),
        };
        let public_url = self
            .public_url
            .clone()
            .or(file.public_url)
            .unwrap_or_else(|| format!("{}://{http_addr}", if tls.is_some() { "https" } else { "http" }))
            .trim_end_matches('/')
            .to_string();
        let default_language = self.default_language.clone().or(file.default_language).unwrap_or_else(|| "en".into());
        let default_language = crate::i18n::LANGUAGES
            .iter()
            .map(|l| l.tag)
            .find(|t| t.eq_ignore_ascii_case(&default_language))
            .ok_or(ConfigError::Language { tag: default_language })?;
        let languages = crate::i18n::Negotiation {
            default: default_language,
            pseudo: self.pseudo_locale.or(file.pseudo_locale).unwrap_or(false),
        };
        Ok(Config {
            languages,
            http_addr,
            data_dir: self.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("./aethex-data")),
            database_url: self.database_url.clone().or(file.database_url),
            public_url,
            rtmp_addr: self.rtmp_addr.or(file.rtmp_addr).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 1935))),
            rtmp_replace: self.rtmp_replace || file.rtmp_replace.unwrap_or(false),
            record: self.record || file.record.unwrap_or(false),
            chat_analysis: self.chat_analysis.or(file.chat_analysis).unwrap_or(true),
            automod_hold_seconds: self.automod_hold_seconds.or(file.automod_hold_seconds).unwrap_or(300).clamp(1, 3600),
            recs: RecsConfig {
                train_minutes: self.recs_train_minutes.or(file.recs_train_minutes).unwrap_or(60).min(10080),
                explore_percent: self.recs_explore_percent.or(file.recs_explore_percent).unwrap_or(20).min(50),
                control_percent: self.recs_control_percent.or(file.recs_control_percent).unwrap_or(10).min(50),
            },
            analytics_retention_days: self
                .analytics_retention_days
                .or(file.analytics_retention_days)
                .unwrap_or(400)
                .clamp(1, 3650),
            operators: if self.operators.is_empty() {
                file.operators.unwrap_or_default()
            } else {
                self.operators.clone()
            }
            .iter()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .collect(),
            geoip_db: self.geoip_db.clone().or(file.geoip_db),
            trusted_proxies: if self.trusted_proxies.is_empty() {
                file.trusted_proxies.unwrap_or_default()
            } else {
                self.trusted_proxies.clone()
            },
            irc_addr: self.irc_addr.or(file.irc_addr).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 6667))),
            redis_url: self.redis_url.clone().or(file.redis_url),
            node_url: self.node_url.clone().or(file.node_url),
            database_replica_url: self.database_replica_url.clone().or(file.database_replica_url),
            tls,
            rtmps_addr: self.rtmps_addr.or(file.rtmps_addr),
            drain: std::time::Duration::from_secs(
                self.drain_seconds.or(file.drain_seconds).unwrap_or(0).min(300).into(),
            ),
            secret_key: self.secret_key.clone().or(file.secret_key),
            rate: RateConfig {
                free_per_day: self.rate_free_per_day.or(file.rate_free_per_day).unwrap_or(10_000),
                pro_per_day: self.rate_pro_per_day.or(file.rate_pro_per_day).unwrap_or(100_000),
                burst_per_second: self.rate_burst_per_second.or(file.rate_burst_per_second).unwrap_or(50),
            },
            webhook: {
                let d = WebhookConfig::default();
                let ms = std::time::Duration::from_millis;
                WebhookConfig {
                    allow_private: self.webhook_allow_private || file.webhook_allow_private.unwrap_or(false),
                    timeout: self.webhook_timeout_ms.or(file.webhook_timeout_ms).map(ms).unwrap_or(d.timeout),
                    retry_base: self
                        .webhook_retry_base_ms
                        .or(file.webhook_retry_base_ms)
                        .map(ms)
                        .unwrap_or(d.retry_base),
                    max_attempts: self
                        .webhook_max_attempts
                        .or(file.webhook_max_attempts)
                        .unwrap_or(d.max_attempts)
                        .max(1),
                }
            },
            access_token_ttl: 4 * 3600,
            refresh_token_ttl: 30 * 86_400,
            subscription_sweep: std::time::Duration::from_secs(30),
            http: {
                let d = HttpLimits::default();
                let secs = |v: u64| std::time::Duration::from_secs(v.max(1));
                HttpLimits {
                    header_timeout: self
                        .http_header_timeout_secs
                        .or(file.http_header_timeout_secs)
                        .map(secs)
                        .unwrap_or(d.header_timeout),
                    body_timeout: self
                        .http_body_timeout_secs
                        .or(file.http_body_timeout_secs)
                        .map(secs)
                        .unwrap_or(d.body_timeout),
                    max_conns_per_ip: self
                        .http_max_conns_per_ip
                        .or(file.http_max_conns_per_ip)
                        .unwrap_or(d.max_conns_per_ip)
                        .max(1),
                    per_address_per_second: self
                        .http_per_address_per_second
                        .or(file.http_per_address_per_second)
                        .unwrap_or(d.per_address_per_second)
                        .max(1),
                }
            },
            signup: {
                let d = SignupConfig::default();
                SignupConfig {
                    mode: self.signup.or(file.signup).unwrap_or(d.mode),
                    per_address_per_hour: self
                        .signup_per_address_per_hour
                        .or(file.signup_per_address_per_hour)
                        .unwrap_or(d.per_address_per_hour),
                    global_per_hour: self
                        .signup_global_per_hour
                        .or(file.signup_global_per_hour)
                        .unwrap_or(d.global_per_hour),
                    // At most 32 bits: beyond that no phone finishes.
                    pow_bits: self.signup_pow_bits.or(file.signup_pow_bits).unwrap_or(d.pow_bits).min(32),
                }
            },
        })
    }
}

impl Config {
    /// The RTMP URL encoders publish to, without the key.
    pub fn ingest_url(&self) -> String {
        let host = url_host(&self.public_url).unwrap_or_else(|| self.rtmp_addr.ip().to_string());
        format!("rtmp://{host}:{}/live", self.rtmp_addr.port())
    }
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host = match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => authority,
    };
    (!host.is_empty()).then(|| host.to_string())
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
    toml::from_str(&text).map_err(|source| ConfigError::Parse { path: path.display().to_string(), source })
}

/// Webhook delivery settings (flags/env `AETHEX_WEBHOOK_*`).
#[derive(Debug, Clone, Copy)]
pub struct WebhookConfig {
    /// Allow loopback/private targets and plain HTTP.
    pub allow_private: bool,
    /// How long a receiver has to answer one request.
    pub timeout: std::time::Duration,
    /// First retry delay; doubles per attempt (capped at 10 minutes).
    pub retry_base: std::time::Duration,
    /// Attempts of one message before the subscription is revoked.
    pub max_attempts: u32,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self {
            allow_private: false,
            timeout: std::time::Duration::from_secs(10),
            retry_base: std::time::Duration::from_secs(1),
            max_attempts: 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_just_work() {
        let c = ConfigArgs::default().resolve().unwrap();
        assert_eq!(c.http_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert_eq!(c.ingest_url(), "rtmp://127.0.0.1:1935/live");
        assert_eq!(c.rate.free_per_day, 10_000);
    }

    #[test]
    fn flags_win_over_file() {
        let dir = std::env::temp_dir().join(format!("aethex-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.toml");
        std::fs::write(
            &path,
            "http_addr = \"0.0.0.0:9000\"\nrate_free_per_day = 5\npublic_url = \"https://live.example.com/\"\n",
        )
        .unwrap();
        let args = ConfigArgs { config: Some(path.clone()), rate_free_per_day: Some(7), ..Default::default() };
        let c = args.resolve().unwrap();
        assert_eq!(c.http_addr.port(), 9000);
        assert_eq!(c.rate.free_per_day, 7);
        assert_eq!(c.ingest_url(), "rtmp://live.example.com:1935/live");
        std::fs::write(&path, "nonsense = 1\n").unwrap();
        assert!(matches!(args.resolve(), Err(ConfigError::Parse { .. })));
    }
}

/// The recommender's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecsConfig {
    /// Minutes between trainings (0: on demand only).
    pub train_minutes: u32,
    /// Percent of slots for small channels.
    pub explore_percent: u32,
    /// Percent of viewers in the control variant.
    pub control_percent: u32,
}
