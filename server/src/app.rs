//! The running platform: shared state, the HTTP router with its layers, and
//! the serve loop with graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::crypto::{SealError, Sealer};
use crate::events::Bus;
use crate::http::error::ApiError;
use crate::http::metrics::Metrics;
use crate::http::ratelimit::RateLimiter;
use crate::ingest::Ingest;
use crate::store::{Db, StoreError};

use crate::http::BODY_LIMIT;

/// Everything the router composes. Cheap to clone. Handlers take only the
/// part they use (`State<Arc<Chat>>`, `State<Db>`, ...), through `FromRef`.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    /// Storage.
    pub db: Db,
    /// Stream-key sealing.
    pub sealer: Sealer,
    /// Resolved configuration.
    pub config: Arc<Config>,
    /// Rate limits.
    pub limiter: Arc<RateLimiter>,
    /// Metrics registry.
    pub metrics: Arc<Metrics>,
    /// The internal event bus.
    pub bus: Bus,
    /// Live streams and their HLS.
    pub ingest: Arc<Ingest>,
    /// Chat rooms.
    pub chat: Arc<crate::chat::Chat>,
    /// EventSub subscriptions and delivery.
    pub eventsub: Arc<crate::eventsub::EventSub>,
    /// Failed logins and client authentications, for backoff.
    pub throttle: Arc<crate::auth::throttle::Throttle>,
    /// Sign-up challenges and rate windows.
    pub signup: Arc<crate::auth::signup::SignupGate>,
    /// Web Push (go-live notifications).
    pub push: Arc<crate::push::Push>,
    /// Viewing and chat analytics.
    pub analytics: Arc<crate::analytics::Analytics>,
    /// Chat intelligence (trends, sentiment).
    pub intel: Arc<crate::intel::service::Intel>,
    /// Recommendations.
    pub recs: Arc<crate::recs::Recs>,
    /// This node among the others (Redis).
    pub cluster: Arc<crate::cluster::Cluster>,
    /// Validated tokens, remembered for seconds.
    pub principals: Arc<crate::auth::cache::Principals>,
    /// Hot channel rows, remembered for seconds.
    pub channel_cache: Arc<crate::channels::cache::Channels>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Storage failed to open or migrate.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The sealing key is unusable.
    #[error(transparent)]
    Seal(#[from] SealError),
    /// Storage failed after opening.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// The Web Push key could not be loaded or made.
    #[error(transparent)]
    Push(#[from] crate::push::PushError),
    /// `AETHEX_REDIS_URL` is not a Redis URL.
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    /// The location database (`--geoip-db`) could not be read.
    #[error(transparent)]
    Geo(#[from] crate::analytics::geo::GeoError),
    /// The certificate or key could not be used.
    #[error("TLS: {0}")]
    Tls(#[from] crate::tls::TlsError),
    /// `--rtmps-addr` without a certificate.
    #[error("--rtmps-addr needs --tls-cert and --tls-key")]
    RtmpsWithoutTls,
    /// The listen address is taken or not ours.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

impl AppState {
    /// Open storage and secrets for `config`.
    pub async fn open(config: Config) -> Result<Self, StartError> {
        let mut db = Db::open(config.database_url.as_deref(), &config.data_dir).await?;
        if let Some(url) = &config.database_replica_url {
            db = db.with_replica(url)?;
            tracing::info!("reads that may be stale by a moment go to the database replica");
        }
        crate::auth::apps::ensure_builtin_apps(&db).await?;
        let sealer = Sealer::load(&config.data_dir, config.secret_key.as_deref())?;
        let bus = Bus::default();
        let metrics = Arc::new(Metrics::default());
        let record_dir = config.record.then(|| config.data_dir.join("recordings"));
        let cluster = match &config.redis_url {
            Some(url) => crate::cluster::Cluster::connect(url, config.node_url.clone())?,
            None => crate::cluster::Cluster::single(),
        };
        let ingest = Ingest::new(db.clone(), bus.clone(), config.rtmp_replace, record_dir, cluster.clone()).await?;
        let chat = crate::chat::Chat::new(db.clone(), bus.clone());
        chat.set_hold(std::time::Duration::from_secs(config.automod_hold_seconds.into()));
        chat.start_automod();
        if let Some(url) = &config.redis_url {
            chat.connect_redis(url)?;
            tracing::info!("chat fans out across nodes through redis");
        }
        crate::chat::notices::spawn(chat.clone(), &bus);
        crate::social::spawn_subscription_end(db.clone(), bus.clone(), config.subscription_sweep);
        let eventsub = crate::eventsub::EventSub::start(
            db.clone(),
            sealer.clone(),
            bus.clone(),
            config.webhook,
            config.public_url.clone(),
            cluster.clone(),
        )
        .await?;
        let analytics = crate::analytics::Analytics::start(
            db.clone(),
            &bus,
            ingest.clone(),
            &config,
            sealer.derived_key(b"aethex analytics viewer"),
            metrics.clone(),
        )?;
        let intel = crate::intel::service::Intel::start(db.clone(), &bus, config.chat_analysis);
        let recs = crate::recs::Recs::start(
            db.clone(),
            ingest.clone(),
            analytics.clone(),
            sealer.derived_key(b"aethex recommendations"),
            config.recs,
            cluster.clone(),
        );
        let push = crate::push::Push::open(db.clone(), &config, &sealer).await?;
        crate::push::spawn(push.clone(), &bus);
        let signup = Arc::new(crate::auth::signup::SignupGate::new(
            sealer.derived_key(b"aethex signup challenge"),
            config.signup,
        ));
        let principals = crate::auth::cache::Principals::new(db.clone(), cluster.clone());
        let channel_cache = crate::channels::cache::Channels::start(&bus, cluster.clone());
        Ok(Self {
            eventsub,
            db,
            sealer,
            bus,
            ingest,
            chat,
            limiter: Arc::new(RateLimiter::shared(config.rate, cluster.clone())),
            throttle: Arc::default(),
            signup,
            push,
            analytics,
            intel,
            recs,
            metrics,
            principals,
            channel_cache,
            cluster,
            config: Arc::new(config),
        })
    }
}

/// The whole HTTP surface: each capability's routes with the part of the
/// state it uses, behind the layers every request passes.
pub fn router(state: AppState) -> Router {
    let s = &state;
    let channels = crate::channels::ChannelsState {
        db: s.db.clone(),
        bus: s.bus.clone(),
        sealer: s.sealer.clone(),
        config: s.config.clone(),
        ingest: s.ingest.clone(),
        cache: s.channel_cache.clone(),
    };
    let ingest = crate::ingest::IngestState {
        db: s.db.clone(),
        sealer: s.sealer.clone(),
        config: s.config.clone(),
        ingest: s.ingest.clone(),
    };
    let eventsub = crate::eventsub::api::EventSubState {
        db: s.db.clone(),
        sealer: s.sealer.clone(),
        eventsub: s.eventsub.clone(),
        chat: s.chat.clone(),
    };
    let gate = crate::http::ratelimit::GateState {
        db: s.db.clone(),
        limiter: s.limiter.clone(),
        proxies: s.config.trusted_proxies.clone().into(),
        principals: s.principals.clone(),
    };
    Router::new()
        .merge(crate::auth::router(crate::auth::AuthState {
            db: s.db.clone(),
            config: s.config.clone(),
            throttle: s.throttle.clone(),
            sealer: s.sealer.clone(),
            signup: s.signup.clone(),
        }))
        .merge(crate::channels::router(channels.clone()))
        .merge(crate::social::router(crate::social::SocialState { db: s.db.clone(), bus: s.bus.clone() }))
        .merge(crate::ingest::router(ingest.clone()))
        .merge(crate::chat::api::router(crate::chat::api::ChatState {
            db: s.db.clone(),
            chat: s.chat.clone(),
            public_url: s.config.public_url.clone(),
        }))
        .merge(crate::eventsub::api::router(eventsub))
        .merge(crate::analytics::api::router(s.analytics.clone()))
        .merge(crate::recs::api::router(s.recs.clone()))
        .merge(crate::intel::service::router(crate::intel::service::IntelState { intel: s.intel.clone() }))
        .merge(crate::privacy::router(crate::privacy::PrivacyState {
            db: s.db.clone(),
            ingest: s.ingest.clone(),
            chat: s.chat.clone(),
            eventsub: s.eventsub.clone(),
            analytics: s.analytics.clone(),
            bus: s.bus.clone(),
        }))
        .route("/api/openapi.json", get(openapi_json))
        // Overlay pages for browser sources: static HTML whose scripts use the public sockets and API.
        .route("/overlay/{login}/chat", get(crate::overlay::chat))
        .route("/overlay/{login}/alerts", get(crate::overlay::alerts))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // The gate (names the caller, counts the request), read-your-writes,
        // the body deadline and conditional GET: one layer.
        .layer(middleware::from_fn_with_state(
            Arc::new(crate::http::Api {
                gate,
                tracker: crate::http::consistency::Tracker::new(
                    s.db.clone(),
                    s.cluster.clone(),
                    s.config.trusted_proxies.clone(),
                ),
                body_timeout: s.config.http.body_timeout,
            }),
            crate::http::api,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // HLS and the sockets stay outside the gate (a viewer's many segment
        // requests are not API calls; sockets are long-lived, with their own
        // limits inside), under a generous per-address limit.
        .merge(
            Router::new()
                .merge(crate::ingest::hls_router(ingest))
                .merge(crate::analytics::api::beacon_router(s.analytics.clone()))
                .route("/irc", get(crate::chat::ws::irc))
                // The web app's pages; `/` also serves IRC over WebSocket, where
                // Twitch clients (tmi.js) connect on Twitch's chat host.
                .merge(crate::push::router(crate::push::PushState {
                    db: s.db.clone(),
                    push: s.push.clone(),
                    config: s.config.clone(),
                }))
                .merge(crate::web::router(crate::web::WebState {
                    db: s.db.clone(),
                    ingest: s.ingest.clone(),
                    chat: s.chat.clone(),
                    bus: s.bus.clone(),
                    config: s.config.clone(),
                    channels: channels.clone(),
                    eventsub: s.eventsub.clone(),
                    analytics: s.analytics.clone(),
                    recs: s.recs.clone(),
                }))
                .route("/chat/ws", get(crate::chat::ws::json))
                .route("/eventsub/ws", get(crate::eventsub::ws::handler))
                // The web app's forms and push subscriptions have bodies:
                // the same deadline and size limit as the API's.
                .layer(middleware::from_fn_with_state(
                    crate::http::serve::BodyTimeout(s.config.http.body_timeout),
                    crate::http::serve::body_deadline,
                ))
                .layer(middleware::from_fn_with_state(
                    Arc::new(
                        crate::http::ratelimit::AddressLimiter::new(s.config.http.per_address_per_second)
                            .behind(s.config.trusted_proxies.clone()),
                    ),
                    crate::http::ratelimit::per_address,
                )),
        )
        // Probes are never limited.
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        // Security headers, metrics, the request's language and CORS (outside
        // the gate, so a 401 or 429 still carries CORS headers and a browser
        // app can read it).
        .layer(middleware::from_fn_with_state(
            Arc::new(crate::http::headers::Edge {
                https: state.config.public_url.starts_with("https://"),
                metrics: state.metrics.clone(),
                languages: state.config.languages.install(),
            }),
            crate::http::headers::edge,
        ))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no route for {}", crate::http::truncate(uri.path(), 100)))
}

async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", crate::http::truncate(uri.path(), 100)),
    )
}

async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&state.db.pool).await {
        Ok(_) => axum::Json(serde_json::json!({"status": "ok"})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({"status": "database unreachable"})))
                .into_response()
        }
    }
}

async fn readyz(State(state): State<AppState>) -> Response {
    let status = |code: StatusCode, s: &str| (code, axum::Json(serde_json::json!({"status": s}))).into_response();
    if state.cluster.is_draining() {
        return status(StatusCode::SERVICE_UNAVAILABLE, "draining");
    }
    match sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&state.db.pool).await {
        Ok(_) => status(StatusCode::OK, "ready"),
        Err(e) => {
            tracing::error!(error = %e, "readiness check: database unreachable");
            status(StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let mut text = state.metrics.render();
    let served = &state.ingest.served;
    text.push_str(&format!(
        "# HELP aethex_hls_media_served_total HLS parts and segments this node answered (a cache in front asks once each).\n# TYPE aethex_hls_media_served_total counter\naethex_hls_media_served_total{{kind=\"part\"}} {}\naethex_hls_media_served_total{{kind=\"segment\"}} {}\naethex_hls_media_served_total{{kind=\"blocking_reload\"}} {}\n",
        served.parts.load(std::sync::atomic::Ordering::Relaxed),
        served.segments.load(std::sync::atomic::Ordering::Relaxed),
        served.reloads.load(std::sync::atomic::Ordering::Relaxed)
    ));
    let edge = &state.ingest.edge;
    text.push_str(&format!(
        "# HELP aethex_hls_edge_requests_total Media of streams other nodes hold, by whether this node asked the origin.\n# TYPE aethex_hls_edge_requests_total counter\naethex_hls_edge_requests_total{{result=\"hit\"}} {}\naethex_hls_edge_requests_total{{result=\"miss\"}} {}\n# HELP aethex_hls_edge_bytes Bytes of other nodes' media kept.\n# TYPE aethex_hls_edge_bytes gauge\naethex_hls_edge_bytes {}\n",
        edge.hits.load(std::sync::atomic::Ordering::Relaxed),
        edge.misses.load(std::sync::atomic::Ordering::Relaxed),
        edge.bytes()
    ));
    if let Some(r) = state.db.replica() {
        let (served, declined) = r.counts();
        text.push_str(&format!(
            "# HELP aethex_db_replica_reads_total Reads that could go to the replica, by where they went.\n# TYPE aethex_db_replica_reads_total counter\naethex_db_replica_reads_total{{pool=\"replica\"}} {served}\naethex_db_replica_reads_total{{pool=\"primary\"}} {declined}\n# HELP aethex_db_replica_up Whether the replica answered its last probe.\n# TYPE aethex_db_replica_up gauge\naethex_db_replica_up {}\n",
            u8::from(r.is_up())
        ));
    }
    let mut resp = text.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"));
    resp
}

async fn openapi_json() -> Response {
    axum::Json(crate::openapi::document()).into_response()
}

/// A bound, not yet running server: HTTP and RTMP listeners plus state.
pub struct Server {
    listener: TcpListener,
    rtmp: TcpListener,
    irc: TcpListener,
    /// RTMPS, when TLS is configured and an address given.
    rtmps: Option<TcpListener>,
    /// The certificate pair of HTTPS and RTMPS.
    tls: Option<Arc<crate::tls::Tls>>,
    state: AppState,
}

impl Server {
    /// Open storage and bind the HTTP and RTMP addresses.
    pub async fn bind(mut config: Config) -> Result<Self, StartError> {
        let addr = config.http_addr;
        let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
        let rtmp_addr = config.rtmp_addr;
        let rtmp = TcpListener::bind(rtmp_addr).await.map_err(|source| StartError::Bind { addr: rtmp_addr, source })?;
        let irc_addr = config.irc_addr;
        let irc = TcpListener::bind(irc_addr).await.map_err(|source| StartError::Bind { addr: irc_addr, source })?;
        let tls = match &config.tls {
            Some((cert, key)) => Some(crate::tls::Tls::load(cert, key)?),
            None => None,
        };
        let rtmps = match (config.rtmps_addr, &tls) {
            (Some(addr), Some(_)) => {
                Some(TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?)
            }
            (Some(_), None) => return Err(StartError::RtmpsWithoutTls),
            (None, _) => None,
        };
        // Port 0 lets the OS pick; links in pages, device codes and ingest URLs must name the real port.
        let scheme = if tls.is_some() { "https" } else { "http" };
        if addr.port() == 0 && config.public_url == format!("{scheme}://{addr}") {
            if let Ok(actual) = listener.local_addr() {
                config.public_url = format!("{scheme}://{actual}");
            }
        }
        if let Ok(actual) = rtmp.local_addr() {
            config.rtmp_addr = actual;
        }
        // Other nodes reach this one where it listens, unless told otherwise.
        if config.node_url.is_none() {
            config.node_url = listener.local_addr().ok().map(|a| format!("{scheme}://{a}"));
        }
        let state = AppState::open(config).await?;
        Ok(Self { listener, rtmp, irc, rtmps, tls, state })
    }

    /// The HTTP address actually bound (useful with port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The RTMP address actually bound.
    pub fn rtmp_addr(&self) -> std::io::Result<SocketAddr> {
        self.rtmp.local_addr()
    }

    /// Whether the HTTP listener speaks HTTPS.
    pub fn is_tls(&self) -> bool {
        self.tls.is_some()
    }

    /// The RTMPS address actually bound, if any.
    pub fn rtmps_addr(&self) -> Option<SocketAddr> {
        self.rtmps.as_ref().and_then(|l| l.local_addr().ok())
    }

    /// The IRC address actually bound.
    pub fn irc_addr(&self) -> std::io::Result<SocketAddr> {
        self.irc.local_addr()
    }

    /// The shared state (for admin tasks in the same process).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serve until `shutdown` completes, then end live streams and finish in-flight requests.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let (https, rtmps) = match &self.tls {
            Some(tls) => {
                tls.reload_on_sighup();
                (
                    Some(tls.acceptor(&[b"http/1.1"]).map_err(std::io::Error::other)?),
                    Some(tls.acceptor(&[]).map_err(std::io::Error::other)?),
                )
            }
            None => (None, None),
        };
        let rtmp =
            tokio::spawn(crate::ingest::rtmp::serve(self.rtmp, self.state.ingest.clone(), stop_rx.clone(), None));
        let rtmps_task = self
            .rtmps
            .map(|l| tokio::spawn(crate::ingest::rtmp::serve(l, self.state.ingest.clone(), stop_rx.clone(), rtmps)));
        let irc = tokio::spawn(crate::chat::irc::serve(self.irc, self.state.chat.clone(), stop_rx));
        let eventsub = self.state.eventsub.clone();
        let limits = self.state.config.http;
        let cluster = self.state.cluster.clone();
        let drain = self.state.config.drain;
        let proxies = self.state.config.trusted_proxies.clone();
        crate::http::serve::serve(self.listener, router(self.state.clone()), limits, proxies, https, async move {
            shutdown.await;
            // Readiness fails first; once the load balancer has noticed, the
            // sockets say goodbye (RECONNECT, session_reconnect) and their
            // clients come back through it to the other nodes.
            cluster.start_draining();
            if !drain.is_zero() {
                tracing::info!(seconds = drain.as_secs_f64(), "draining: readiness fails before the listeners close");
                tokio::time::sleep(drain).await;
            }
            let _ = stop_tx.send(true);
            eventsub.sockets.shutdown();
        })
        .await?;
        let _ = rtmp.await;
        if let Some(t) = rtmps_task {
            let _ = t.await;
        }
        let _ = irc.await;
        self.state.db.pool.close().await;
        Ok(())
    }
}

/// Completes on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
