//! Recommendations: which live channels a viewer is likely to watch, which
//! channels are like one another, and whether the lists work.
//!
//! - Signals come from analytics' view sessions and acts
//!   ([`crate::analytics::viewing`]), folded per viewer and channel
//!   ([`signals`]); content from every channel's category, tags, title and
//!   language ([`content`]).
//! - Training ([`Recs::train`]) fits implicit ALS ([`als`]) on pseudonymous
//!   viewer keys (a keyed hash of analytics' pseudonym: the model holds no
//!   user id), stores the factors as a new version in `recs_models`, and
//!   swaps it in. Every node polls for a newer version, so
//!   `aethex-server recs train` run beside a server reaches it.
//! - Serving ([`Recs::recommend`], [`Recs::similar`]) is in memory: the
//!   [`engine`] ranks the live channels (read from ingest's registry; their
//!   descriptions cached and refreshed when the set changes) against the
//!   snapshot; viewers' histories are refreshed every few minutes between
//!   trainings so "your channels, live now" follows what they watch today.
//! - The feedback loop: impressions are counted in memory and written every
//!   10 s; each recommendation carries a signed tracking token, and a click
//!   (the web app's links, or `POST /api/recommendations/clicks`) is stored
//!   once. Viewers are split between variants by a keyed hash (`hybrid`,
//!   and `popular` for the control share).
//! - Privacy: a user can opt out (`recs_opt_out`): their history leaves the
//!   model at its next training and their lists are not personalised;
//!   erasure deletes their clicks and their setting.

pub mod als;
pub mod api;
pub mod content;
pub mod engine;
pub mod signals;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use hmac::Mac as _;

use crate::analytics::Analytics;
use crate::config::RecsConfig;
use crate::ingest::Ingest;
use crate::store::{int, Db};
use engine::{Candidate, Factors, Kind, Snapshot};

/// History the model learns from.
pub const HISTORY_DAYS: i64 = 90;
/// The Redis key a node holds while it trains.
const TRAINING_LOCK: &str = "aethex:recs:training";

/// How often each node looks for a newer model and a due training.
const POLL: Duration = Duration::from_secs(30);
/// How often viewers' histories are re-read between trainings.
const HISTORY_REFRESH: Duration = Duration::from_secs(300);
/// How often impression counts are written.
const FLUSH: Duration = Duration::from_secs(10);
/// Model versions kept.
const KEEP_VERSIONS: i64 = 3;
/// Most recommendations in one list.
pub const MAX_LIST: usize = 50;
/// A click counts toward watch time if the viewer watched within this long.
const WATCH_WINDOW_MS: i64 = 2 * 3_600_000;

/// Where a list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// The web app's home row.
    Home,
    /// A channel page's "similar channels".
    Similar,
    /// `aethex discover`.
    Discover,
    /// Any other API client.
    Api,
}

impl List {
    /// Its name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            List::Home => "home",
            List::Similar => "similar",
            List::Discover => "discover",
            List::Api => "api",
        }
    }

    /// From its name.
    pub fn parse(s: &str) -> Option<Self> {
        [List::Home, List::Similar, List::Discover, List::Api].into_iter().find(|l| l.name() == s)
    }
}

/// Who a list is for.
#[derive(Debug, Clone, Default)]
pub struct Who {
    /// A signed-in user.
    pub user: Option<i64>,
    /// An anonymous browser's own id (the player's analytics id).
    pub browser: Option<String>,
    /// Their language (account or `Accept-Language`).
    pub language: Option<String>,
}

/// How a live channel is shown.
#[derive(Debug, Clone)]
struct Shown {
    login: String,
    name: String,
    title: String,
    category: String,
    language: String,
    stream_id: i64,
}

/// Live channels with their descriptions (read at `at`) and viewer counts
/// (read at `counted`): one shared copy that requests rank without cloning.
#[derive(Debug, Default, Clone)]
struct Live {
    ids: Vec<i64>,
    at: Option<Instant>,
    counted: Option<Instant>,
    candidates: Vec<Candidate>,
    /// Channel id → (index in `candidates`, how it is shown).
    shown: HashMap<i64, (usize, Shown)>,
}

/// Impressions not yet written: (day, variant, list, position, version) → count.
type Impressions = HashMap<(i64, &'static str, &'static str, u32, i64), i64>;

/// The recommender.
pub struct Recs {
    db: Db,
    ingest: Arc<Ingest>,
    analytics: Arc<Analytics>,
    key: [u8; 32],
    config: RecsConfig,
    trainer: Trainer,
    /// The other nodes: one of them trains at a time.
    cluster: Arc<crate::cluster::Cluster>,
    snapshot: RwLock<Arc<Snapshot>>,
    vocabulary: RwLock<Arc<content::Vocabulary>>,
    /// Every channel's content vector (for "similar" to an offline channel).
    vectors: RwLock<Arc<HashMap<i64, content::Sparse>>>,
    info: RwLock<ModelInfo>,
    live: RwLock<Arc<Live>>,
    impressions: Mutex<Impressions>,
    opted_out: RwLock<HashSet<i64>>,
    /// One training or rebuild at a time on this node.
    busy: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Recs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recs").field("version", &self.version()).finish_non_exhaustive()
    }
}

/// Why training failed.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// Storage.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// The training thread died.
    #[error("training failed: {0}")]
    Join(#[from] tokio::task::JoinError),
    /// A stored model is unreadable.
    #[error(transparent)]
    Codec(#[from] engine::CodecError),
}

/// Why a click was not counted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClickError {
    /// Not a token we issued, or not for this viewer and channel, or too old.
    #[error("the tracking token is not one issued to this viewer for this channel in the last two hours")]
    Token,
    /// No such channel.
    #[error("no such channel")]
    Channel,
}

impl Recs {
    /// The recommender, with the newest stored model if there is one, and
    /// its tasks (polling, scheduled training, impression writes).
    pub fn start(
        db: Db,
        ingest: Arc<Ingest>,
        analytics: Arc<Analytics>,
        key: [u8; 32],
        config: RecsConfig,
        cluster: Arc<crate::cluster::Cluster>,
    ) -> Arc<Self> {
        let recs = Arc::new(Self {
            cluster,
            trainer: Trainer::new(db.clone(), key),
            db,
            ingest,
            analytics,
            key,
            config,
            snapshot: RwLock::default(),
            vocabulary: RwLock::default(),
            vectors: RwLock::default(),
            info: RwLock::default(),
            live: RwLock::default(),
            impressions: Mutex::default(),
            opted_out: RwLock::default(),
            busy: tokio::sync::Mutex::new(()),
        });
        let weak = Arc::downgrade(&recs);
        tokio::spawn(async move {
            let mut last_history = Instant::now();
            let mut first = true;
            loop {
                let Some(r) = weak.upgrade() else { return };
                if let Err(e) = r.tick(first, &mut last_history).await {
                    tracing::warn!(error = %e, "recommendations: background step failed");
                }
                first = false;
                drop(r);
                tokio::time::sleep(POLL).await;
            }
        });
        let weak = Arc::downgrade(&recs);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(FLUSH).await;
                let Some(r) = weak.upgrade() else { return };
                if let Err(e) = r.flush().await {
                    tracing::warn!(error = %e, "recommendations: writing impressions failed");
                }
            }
        });
        recs
    }

    /// One background step: load a newer model, train when due, refresh histories.
    async fn tick(&self, first: bool, last_history: &mut Instant) -> Result<(), TrainError> {
        let loaded = self.load_latest().await?;
        let every = i64::from(self.config.train_minutes) * 60_000;
        let info = self.info.read().unwrap_or_else(|e| e.into_inner()).clone();
        let due = every > 0 && (info.version == 0 || crate::store::now_ms() - info.trained_at >= every);
        if due && self.claim_training().await {
            let trained = self.train().await;
            self.release_training().await;
            trained?;
        } else if first && !loaded {
            self.rebuild().await?;
        } else if last_history.elapsed() >= HISTORY_REFRESH {
            self.rebuild().await?;
            *last_history = Instant::now();
        }
        Ok(())
    }

    /// With other nodes, only the one that claims the training trains (for
    /// at most an hour); the others load its model at their next poll.
    async fn claim_training(&self) -> bool {
        if !self.cluster.is_shared() {
            return true;
        }
        let cmd = redis::cmd("SET").arg(TRAINING_LOCK).arg(self.cluster.node()).arg("NX").arg("EX").arg(3600).clone();
        // Redis away: train here (a second version is harmless, only wasted work).
        match self.cluster.query::<Option<String>>(&cmd).await {
            Some(answer) => answer.is_some(),
            None => true,
        }
    }

    async fn release_training(&self) {
        if self.cluster.is_shared() {
            let _: Option<i64> = self.cluster.query(redis::cmd("DEL").arg(TRAINING_LOCK)).await;
        }
    }

    /// The model version serving now (0: none).
    pub fn version(&self) -> i64 {
        self.info.read().unwrap_or_else(|e| e.into_inner()).version
    }

    /// The keyed hash the model knows a viewer by.
    fn viewer_key(&self, pseudonym: &str) -> u64 {
        key_of(&self.key, pseudonym)
    }

    /// Analytics' pseudonym for `who`: `u:{id}` signed in, a keyed hash of the browser's id otherwise.
    fn pseudonym(&self, who: &Who) -> Option<String> {
        match (who.user, &who.browser) {
            (Some(id), _) => Some(format!("u:{id}")),
            (None, Some(b)) => Some(self.analytics.pseudonym(b)),
            _ => None,
        }
    }

    fn opted_out(&self, user: i64) -> bool {
        self.opted_out.read().unwrap_or_else(|e| e.into_inner()).contains(&user)
    }

    /// Serve what the trainer built.
    fn install(&self, built: Built, info: Option<ModelInfo>) {
        *self.vocabulary.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(built.vocabulary);
        *self.vectors.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(built.vectors);
        *self.opted_out.write().unwrap_or_else(|e| e.into_inner()) = built.data.opted;
        // Descriptions may have new terms: recompute the live channels' vectors.
        *self.live.write().unwrap_or_else(|e| e.into_inner()) = Arc::default();
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(built.snapshot);
        if let Some(info) = info {
            *self.info.write().unwrap_or_else(|e| e.into_inner()) = info;
        }
    }

    /// Re-read histories over the current factors (between trainings).
    pub async fn rebuild(&self) -> Result<(), TrainError> {
        let _busy = self.busy.lock().await;
        let factors = self.snapshot.read().unwrap_or_else(|e| e.into_inner()).factors.clone();
        let built = self.trainer.build(factors, self.analytics.now()).await?;
        self.install(built, None);
        Ok(())
    }

    /// Train a new model version, store it and serve it. Returns the version.
    pub async fn train(&self) -> Result<i64, TrainError> {
        let _busy = self.busy.lock().await;
        let (built, info) = self.trainer.fit(self.analytics.now()).await?;
        let version = info.version;
        self.install(built, Some(info));
        Ok(version)
    }

    /// Serve the newest stored model if it is newer than ours (what the
    /// background poll does every 30 s). Whether it switched.
    pub async fn refresh(&self) -> Result<bool, TrainError> {
        self.load_latest().await
    }

    /// Serve the newest stored model if it is newer than ours.
    async fn load_latest(&self) -> Result<bool, TrainError> {
        let row = sqlx::query("SELECT version, trained_at, users, channels, pairs, train_ms FROM recs_models ORDER BY version DESC LIMIT 1")
            .fetch_optional(&self.db.pool)
            .await?;
        let Some(row) = row else { return Ok(false) };
        let version = int(&row, "version")?;
        if version <= self.version() {
            return Ok(false);
        }
        let body: Vec<u8> = sqlx::query_scalar("SELECT body FROM recs_models WHERE version = $1")
            .bind(version)
            .fetch_one(&self.db.pool)
            .await?;
        let factors = tokio::task::spawn_blocking(move || Factors::decode(version, &body)).await??;
        let _busy = self.busy.lock().await;
        let built = self.trainer.build(Arc::new(factors), self.analytics.now()).await?;
        let info = ModelInfo {
            version,
            trained_at: int(&row, "trained_at")?,
            users: int(&row, "users")?,
            channels: int(&row, "channels")?,
            pairs: int(&row, "pairs")?,
            train_ms: int(&row, "train_ms")?,
        };
        self.install(built, Some(info));
        tracing::info!(version, "recommendations: serving a newer model");
        Ok(true)
    }

    /// The live channels, their descriptions refreshed when the set changed
    /// or every 10 s (titles and categories change while live), their viewer
    /// counts at most once a second.
    async fn live(&self) -> Result<Arc<Live>, sqlx::Error> {
        let mut streams: Vec<_> = self.ingest.all().into_iter().filter(|s| !s.is_ended()).collect();
        streams.sort_by_key(|s| s.channel_id);
        let ids: Vec<i64> = streams.iter().map(|s| s.channel_id).collect();
        let cached = self.live.read().unwrap_or_else(|e| e.into_inner()).clone();
        let fresh = cached.ids == ids && cached.at.is_some_and(|at| at.elapsed() < Duration::from_secs(10));
        let counted = cached.counted.is_some_and(|at| at.elapsed() < Duration::from_secs(1));
        if fresh && counted {
            return Ok(cached);
        }
        let mut live = if fresh {
            (*cached).clone()
        } else {
            let rows = crate::accounts::channels(&self.db, &ids).await?;
            let followers = crate::social::follower_counts(&self.db, &ids).await?;
            let vocabulary = self.vocabulary.read().unwrap_or_else(|e| e.into_inner()).clone();
            let mut live = Live { ids, at: Some(Instant::now()), ..Live::default() };
            for c in rows {
                let Some(stream) = streams.iter().find(|s| s.channel_id == c.id) else { continue };
                let content = vocabulary.vector(&content::Described {
                    category: &c.category,
                    tags: &c.tags,
                    title: &c.title,
                    language: &c.language,
                });
                live.candidates.push(Candidate {
                    channel: c.id,
                    language: c.language.clone(),
                    category: c.category.clone(),
                    followers: followers.get(&c.id).copied().unwrap_or(0),
                    viewers: 0,
                    content,
                });
                let shown = Shown {
                    login: c.login,
                    name: c.display_name,
                    title: c.title,
                    category: c.category,
                    language: c.language,
                    stream_id: stream.session_id,
                };
                live.shown.insert(c.id, (live.candidates.len() - 1, shown));
            }
            live
        };
        for s in &streams {
            if let Some((i, _)) = live.shown.get(&s.channel_id) {
                live.candidates[*i].viewers = s.viewer_count();
            }
        }
        live.counted = Some(Instant::now());
        let live = Arc::new(live);
        *self.live.write().unwrap_or_else(|e| e.into_inner()) = live.clone();
        Ok(live)
    }

    /// The variant of a viewer key: the control share gets `popular`.
    fn variant(&self, key: u64) -> &'static str {
        if engine::mix(key ^ 0x5EED) % 100 < u64::from(self.config.control_percent) {
            "popular"
        } else {
            "hybrid"
        }
    }

    /// A list for `who`, not repeating `exclude`.
    pub async fn recommend(
        &self,
        who: &Who,
        list: List,
        n: usize,
        exclude: HashSet<i64>,
    ) -> Result<aethex_sdk::RecommendationList, sqlx::Error> {
        let pseudonym = self.pseudonym(who);
        let opted = who.user.is_some_and(|u| self.opted_out(u));
        let key = pseudonym.as_deref().map(|p| self.viewer_key(p));
        let variant = match key {
            Some(k) if !opted => self.variant(k),
            _ => "none",
        };
        let live = self.live().await?;
        let snapshot = self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone();
        let now = self.analytics.now();
        let request = engine::Request {
            viewer: key.filter(|_| variant == "hybrid"),
            language: who.language.clone(),
            n: n.clamp(1, MAX_LIST),
            hour: signals::hour_bucket(now),
            now_ms: now,
            explore: if variant == "popular" { 0.0 } else { self.config.explore_percent as f32 / 100.0 },
            salt: key.unwrap_or(0) ^ (now / 3_600_000) as u64,
            exclude,
        };
        let personalised = request.viewer.is_some_and(|k| snapshot.viewers.contains_key(&k));
        let picks = snapshot.recommend(&request, &live.candidates);
        Ok(self.present(pseudonym.as_deref(), list, variant, personalised, &picks, &live, now))
    }

    /// Channels like `channel` that are live now.
    pub async fn similar(
        &self,
        who: &Who,
        channel: i64,
        n: usize,
    ) -> Result<aethex_sdk::RecommendationList, sqlx::Error> {
        let pseudonym = self.pseudonym(who);
        let live = self.live().await?;
        let snapshot = self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone();
        let target = self.vectors.read().unwrap_or_else(|e| e.into_inner()).get(&channel).cloned().unwrap_or_default();
        let picks = snapshot.similar(channel, &target, &live.candidates, n.clamp(1, MAX_LIST));
        Ok(self.present(pseudonym.as_deref(), List::Similar, "none", false, &picks, &live, self.analytics.now()))
    }

    /// The wire list, with tracking tokens; impressions counted.
    #[allow(clippy::too_many_arguments)]
    fn present(
        &self,
        pseudonym: Option<&str>,
        list: List,
        variant: &'static str,
        personalised: bool,
        picks: &[engine::Pick],
        live: &Live,
        now: i64,
    ) -> aethex_sdk::RecommendationList {
        let version = self.version();
        let day = now.div_euclid(86_400_000);
        let mut out = Vec::with_capacity(picks.len());
        let mut counts = self.impressions.lock().unwrap_or_else(|e| e.into_inner());
        for p in picks {
            let Some((i, shown)) = live.shown.get(&p.channel) else { continue };
            let c = &live.candidates[*i];
            let position = out.len() as u32 + 1;
            *counts.entry((day, variant, list.name(), position, version)).or_default() += 1;
            let tracking =
                self.token(pseudonym.unwrap_or(""), p.channel, list, position, version, variant, now / 3_600_000);
            out.push(aethex_sdk::Recommendation {
                broadcaster_id: p.channel.to_string(),
                broadcaster_login: shown.login.clone(),
                broadcaster_name: shown.name.clone(),
                stream_id: shown.stream_id.to_string(),
                title: shown.title.clone(),
                game_name: shown.category.clone(),
                language: shown.language.clone(),
                viewer_count: c.viewers,
                reason: match p.kind {
                    Kind::Watched => aethex_sdk::RecommendationReason::Watched,
                    Kind::ForYou => aethex_sdk::RecommendationReason::ForYou,
                    Kind::Popular => aethex_sdk::RecommendationReason::Popular,
                    Kind::Explore => aethex_sdk::RecommendationReason::Explore,
                },
                position,
                tracking,
            });
        }
        aethex_sdk::RecommendationList {
            data: out,
            list: list.name().into(),
            model_version: version,
            variant: variant.into(),
            personalised,
        }
    }

    /// `list.position.version.variant.mac`, the mac binding it to the viewer, the channel and the hour.
    #[allow(clippy::too_many_arguments)]
    fn token(
        &self,
        pseudonym: &str,
        channel: i64,
        list: List,
        position: u32,
        version: i64,
        variant: &str,
        hour: i64,
    ) -> String {
        let head = format!("{}.{position}.{version}.{variant}", list.name());
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.key).expect("any key length");
        mac.update(format!("click\0{pseudonym}\0{channel}\0{head}\0{hour}").as_bytes());
        format!("{head}.{}", &hex::encode(mac.finalize().into_bytes())[..20])
    }

    /// Count a click on a recommendation of `login` carrying `tracking`.
    /// `Ok(false)`: this impression's click was counted already.
    pub async fn click(&self, who: &Who, login: &str, tracking: &str) -> Result<bool, ClickFailure> {
        let mut parts = tracking.split('.');
        let (Some(list), Some(position), Some(version), Some(variant), Some(_), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ClickError::Token.into());
        };
        let (Some(list), Ok(position), Ok(version)) =
            (List::parse(list), position.parse::<u32>(), version.parse::<i64>())
        else {
            return Err(ClickError::Token.into());
        };
        let variant: &'static str = match variant {
            "hybrid" => "hybrid",
            "popular" => "popular",
            "none" => "none",
            _ => return Err(ClickError::Token.into()),
        };
        let channel = crate::accounts::user_id_by_login(&self.db, login).await?.ok_or(ClickError::Channel)?;
        let pseudonym = self.pseudonym(who).unwrap_or_default();
        let now = self.analytics.now();
        let hour = now / 3_600_000;
        let genuine = (hour - 1..=hour).any(|h| {
            let want = self.token(&pseudonym, channel, list, position, version, variant, h);
            subtle::ConstantTimeEq::ct_eq(want.as_bytes(), tracking.as_bytes()).into()
        });
        if !genuine {
            return Err(ClickError::Token.into());
        }
        let inserted = sqlx::query(
            "INSERT INTO recs_clicks (token, at_ms, viewer, channel_id, variant, list, position, model_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (token) DO NOTHING",
        )
        .bind(tracking)
        .bind(now)
        .bind(&pseudonym)
        .bind(channel)
        .bind(variant)
        .bind(list.name())
        .bind(i64::from(position))
        .bind(version)
        .execute(&self.db.pool)
        .await?
        .rows_affected();
        tracing::debug!(channel, list = list.name(), position, variant, counted = inserted > 0, "recommendation click");
        Ok(inserted > 0)
    }

    /// Write the impression counts gathered so far.
    pub async fn flush(&self) -> Result<(), sqlx::Error> {
        let counts = std::mem::take(&mut *self.impressions.lock().unwrap_or_else(|e| e.into_inner()));
        if counts.is_empty() {
            return Ok(());
        }
        let mut tx = self.db.begin_write().await?;
        for ((day, variant, list, position, version), n) in &counts {
            sqlx::query(
                "INSERT INTO recs_impressions (day, variant, list, position, model_version, count) VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (day, variant, list, position, model_version) DO UPDATE SET count = recs_impressions.count + excluded.count",
            )
            .bind(day)
            .bind(*variant)
            .bind(*list)
            .bind(i64::from(*position))
            .bind(version)
            .bind(n)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// The model and each variant's impressions, clicks, click-through and
    /// watch time per click over the last `days` days.
    pub async fn stats(&self, days: i64) -> Result<aethex_sdk::RecommendationStats, sqlx::Error> {
        self.flush().await?;
        let now = self.analytics.now();
        let from_day = now.div_euclid(86_400_000) - days + 1;
        let mut variants: std::collections::BTreeMap<String, aethex_sdk::VariantStats> = Default::default();
        let blank = |v: &str| aethex_sdk::VariantStats {
            variant: v.to_string(),
            impressions: 0,
            clicks: 0,
            click_through_rate: 0.0,
            watch_minutes_per_click: 0.0,
        };
        for r in sqlx::query(
            "SELECT variant, CAST(SUM(count) AS BIGINT) AS n FROM recs_impressions WHERE day >= $1 GROUP BY variant",
        )
        .bind(from_day)
        .fetch_all(&self.db.pool)
        .await?
        {
            let v = crate::store::text(&r, "variant")?;
            variants.entry(v.clone()).or_insert_with(|| blank(&v)).impressions = int(&r, "n")?;
        }
        let clicks = sqlx::query(
            "SELECT viewer, channel_id, at_ms, variant FROM recs_clicks WHERE at_ms >= $1 ORDER BY at_ms DESC LIMIT 2000",
        )
        .bind(from_day * 86_400_000)
        .fetch_all(&self.db.pool)
        .await?;
        let mut rows = Vec::with_capacity(clicks.len());
        for r in &clicks {
            rows.push((
                crate::store::text(r, "viewer")?,
                int(r, "channel_id")?,
                int(r, "at_ms")?,
                crate::store::text(r, "variant")?,
            ));
        }
        let spans: Vec<(String, i64, i64)> = rows.iter().map(|(v, c, at, _)| (v.clone(), *c, *at)).collect();
        let watched = crate::analytics::viewing::watched_after(&self.db, &spans, WATCH_WINDOW_MS).await?;
        let mut minutes: HashMap<String, f64> = HashMap::new();
        for ((_, _, _, variant), m) in rows.iter().zip(&watched) {
            variants.entry(variant.clone()).or_insert_with(|| blank(variant)).clicks += 1;
            *minutes.entry(variant.clone()).or_default() += m;
        }
        for v in variants.values_mut() {
            v.click_through_rate = if v.impressions > 0 { v.clicks as f64 / v.impressions as f64 } else { 0.0 };
            v.watch_minutes_per_click =
                if v.clicks > 0 { minutes.get(&v.variant).copied().unwrap_or(0.0) / v.clicks as f64 } else { 0.0 };
        }
        let info = self.info.read().unwrap_or_else(|e| e.into_inner()).clone();
        Ok(aethex_sdk::RecommendationStats {
            model_version: info.version,
            trained_at: (info.version > 0).then(|| aethex_sdk::time::rfc3339(info.trained_at)),
            users: info.users,
            channels: info.channels,
            pairs: info.pairs,
            train_ms: info.train_ms,
            days,
            variants: variants.into_values().collect(),
        })
    }

    /// Whether `user` gets personalised recommendations.
    pub async fn personalised(&self, user: i64) -> Result<bool, sqlx::Error> {
        let out: Option<i64> = sqlx::query_scalar("SELECT user_id FROM recs_opt_out WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&self.db.pool)
            .await?;
        Ok(out.is_none())
    }

    /// Opt `user` in or out of personalisation: out takes effect on this
    /// node's lists at once and in the model at its next training.
    pub async fn set_personalised(&self, user: i64, on: bool) -> Result<(), sqlx::Error> {
        if on {
            sqlx::query("DELETE FROM recs_opt_out WHERE user_id = $1").bind(user).execute(&self.db.pool).await?;
            self.opted_out.write().unwrap_or_else(|e| e.into_inner()).remove(&user);
        } else {
            sqlx::query("INSERT INTO recs_opt_out (user_id, at_ms) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING")
                .bind(user)
                .bind(crate::store::now_ms())
                .execute(&self.db.pool)
                .await?;
            self.opted_out.write().unwrap_or_else(|e| e.into_inner()).insert(user);
        }
        Ok(())
    }
}

/// A click that failed: the token, or storage.
#[derive(Debug, thiserror::Error)]
pub enum ClickFailure {
    /// Refused.
    #[error(transparent)]
    Refused(#[from] ClickError),
    /// Storage.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// Builds snapshots and trains models from storage alone (no live state),
/// so `aethex-server recs train` runs it beside a running server.
#[derive(Debug, Clone)]
pub struct Trainer {
    db: Db,
    key: [u8; 32],
    params: als::Params,
}

/// A snapshot and what came with it.
struct Built {
    snapshot: Snapshot,
    data: TrainingData,
    vocabulary: content::Vocabulary,
    vectors: HashMap<i64, content::Sparse>,
}

/// The model a training stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelInfo {
    /// Its version.
    pub version: i64,
    /// When (Unix ms).
    pub trained_at: i64,
    /// Viewers in it.
    pub users: i64,
    /// Channels in it.
    pub channels: i64,
    /// Viewer–channel pairs it learned from.
    pub pairs: i64,
    /// Training time, ms.
    pub train_ms: i64,
}

impl Trainer {
    /// A trainer over `db`, knowing viewers by keyed hashes under `key`.
    pub fn new(db: Db, key: [u8; 32]) -> Self {
        // Chosen on MovieLens by scripts/bench-recs (factors 64–128, λ 10–30, α 3 were best).
        let params = als::Params { factors: 64, regularization: 10.0, alpha: 3.0, ..als::Params::default() };
        Self { db, key, params }
    }

    /// Read signals as of `now` (analytics clock) and build the serving snapshot over `factors`.
    async fn build(&self, factors: Arc<Factors>, now: i64) -> Result<Built, TrainError> {
        let (sessions, acts) = crate::analytics::viewing::since(&self.db, now - HISTORY_DAYS * 86_400_000).await?;
        let opted = data_opted(&self.db).await?;
        let channels = crate::accounts::all_channels(&self.db, 200_000).await?;
        let key = self.key;
        Ok(tokio::task::spawn_blocking(move || assemble(factors, now, sessions, acts, opted, &channels, key)).await?)
    }

    /// Train a new version as of `now`, store it, and return it with its snapshot.
    async fn fit(&self, now: i64) -> Result<(Built, ModelInfo), TrainError> {
        let started = Instant::now();
        let mut built = self.build(Arc::default(), now).await?;
        let params = self.params;
        let by_viewer = std::mem::take(&mut built.data.by_viewer);
        let (factors, pairs, by_viewer) = tokio::task::spawn_blocking(move || {
            let mut users = HashMap::new();
            let mut channels: HashMap<i64, u32> = HashMap::new();
            let mut triples = Vec::new();
            for (key, list) in &by_viewer {
                let positives: Vec<_> = list.iter().filter(|(_, p)| p.strength() > 0.0).collect();
                if positives.is_empty() {
                    continue;
                }
                let row = users.len() as u32;
                users.insert(*key, row);
                for (channel, p) in positives {
                    let n = channels.len() as u32;
                    let col = *channels.entry(*channel).or_insert(n);
                    triples.push((row, col, p.strength()));
                }
            }
            let pairs = triples.len();
            let m = als::train(&als::Interactions::new(users.len(), channels.len(), triples), &params);
            (Factors { version: 0, k: m.factors, users, user: m.user, channels, item: m.item }, pairs, by_viewer)
        })
        .await?;
        built.data.by_viewer = by_viewer;
        let train_ms = started.elapsed().as_millis() as i64;
        let body = factors.encode();
        let trained_at = crate::store::now_ms();
        let mut tx = self.db.begin_write().await?;
        let version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM recs_models").fetch_one(&mut *tx).await?;
        let info = ModelInfo {
            version,
            trained_at,
            users: factors.users.len() as i64,
            channels: factors.channels.len() as i64,
            pairs: pairs as i64,
            train_ms,
        };
        sqlx::query(
            "INSERT INTO recs_models (version, trained_at, users, channels, pairs, train_ms, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(version)
        .bind(trained_at)
        .bind(info.users)
        .bind(info.channels)
        .bind(info.pairs)
        .bind(train_ms)
        .bind(body)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM recs_models WHERE version <= $1")
            .bind(version - KEEP_VERSIONS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(
            version,
            users = info.users,
            channels = info.channels,
            pairs,
            train_ms,
            "recommendations: trained"
        );
        built.snapshot.factors = Arc::new(Factors { version, ..factors });
        Ok((built, info))
    }

    /// Train and store a new version (what `aethex-server recs train` runs);
    /// running servers serve it within their next poll.
    pub async fn train(&self) -> Result<ModelInfo, TrainError> {
        Ok(self.fit(crate::store::now_ms()).await?.1)
    }
}

/// The snapshot from signals, opt-outs and channels (on a blocking thread).
fn assemble(
    factors: Arc<Factors>,
    now: i64,
    sessions: Vec<crate::analytics::viewing::SessionSpan>,
    acts: Vec<crate::analytics::viewing::ActCount>,
    opted: HashSet<i64>,
    channels: &[crate::accounts::ChannelRow],
    key: [u8; 32],
) -> Built {
    fn described(c: &crate::accounts::ChannelRow) -> content::Described<'_> {
        content::Described { category: &c.category, tags: &c.tags, title: &c.title, language: &c.language }
    }
    let vocabulary = content::Vocabulary::of(channels.iter().map(described));
    let vectors: HashMap<i64, content::Sparse> =
        channels.iter().map(|c| (c.id, vocabulary.vector(&described(c)))).collect();
    let sessions: Vec<signals::Session> = sessions
        .into_iter()
        .map(|(viewer, channel, start_ms, end_ms)| signals::Session { viewer, channel, start_ms, end_ms })
        .collect();
    let acts: Vec<signals::Act> = acts
        .into_iter()
        .filter_map(|(viewer, channel, kind, count, last_ms)| {
            let kind = match kind.as_str() {
                "chat" => signals::ActKind::Chat,
                "follow" => signals::ActKind::Follow,
                "subscribe" => signals::ActKind::Subscribe,
                "donation" => signals::ActKind::Donation,
                _ => return None,
            };
            Some(signals::Act { viewer, channel, kind, count, last_ms })
        })
        .collect();
    let mut pairs = signals::fold(&sessions, &acts, now);
    // Opted-out users' history stays out of the model and its popularity.
    pairs.retain(|(viewer, _), _| {
        viewer.strip_prefix("u:").and_then(|id| id.parse::<i64>().ok()).is_none_or(|id| !opted.contains(&id))
    });
    let mut by_viewer: HashMap<u64, Vec<(i64, signals::Pair)>> = HashMap::new();
    let mut popularity: HashMap<i64, f32> = HashMap::new();
    for ((viewer, channel), pair) in pairs {
        if pair.strength() > 0.0 {
            *popularity.entry(channel).or_default() += 1.0;
        }
        by_viewer.entry(key_of(&key, &viewer)).or_default().push((channel, pair));
    }
    // The platform's repeat rate: sessions beyond a viewer's first in a channel.
    let (sessions, repeats) = by_viewer
        .values()
        .flatten()
        .fold((0u64, 0u64), |(s, r), (_, p)| (s + u64::from(p.sessions), r + u64::from(p.sessions.saturating_sub(1))));
    let prior = if sessions == 0 { 0.5 } else { repeats as f32 / sessions as f32 };
    let viewers = by_viewer
        .iter()
        .map(|(k, pairs)| (*k, Snapshot::viewer_of(pairs.iter().map(|(c, p)| (*c, p)), &vectors, prior)))
        .collect();
    Built {
        snapshot: Snapshot { factors, viewers, popularity },
        data: TrainingData { by_viewer, opted },
        vocabulary,
        vectors,
    }
}

/// Each viewer's pairs, for training.
struct TrainingData {
    by_viewer: HashMap<u64, Vec<(i64, signals::Pair)>>,
    opted: HashSet<i64>,
}

/// The keyed hash the model knows a viewer (analytics' pseudonym) by.
fn key_of(key: &[u8; 32], pseudonym: &str) -> u64 {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
    mac.update(b"viewer\0");
    mac.update(pseudonym.as_bytes());
    u64::from_le_bytes(mac.finalize().into_bytes()[..8].try_into().unwrap_or_default())
}

async fn data_opted(db: &Db) -> Result<HashSet<i64>, sqlx::Error> {
    sqlx::query("SELECT user_id FROM recs_opt_out")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| int(r, "user_id"))
        .collect()
}

/// The user's recommendation setting and clicks, for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    let clicks = sqlx::query(
        "SELECT at_ms, channel_id, variant, list, position, model_version FROM recs_clicks WHERE viewer = $1",
    )
    .bind(format!("u:{id}"))
    .fetch_all(&mut *conn)
    .await?;
    Ok(vec![
        crate::store::export_rows(conn, "recs_opt_out", "SELECT at_ms FROM recs_opt_out WHERE user_id = $1", id)
            .await?,
        ("recs_clicks", crate::store::rows_json(&clicks)),
    ])
}

/// Forget the user: their clicks and setting go; their history leaves the
/// model at its next training (analytics' erasure unlinks it first).
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM recs_clicks WHERE viewer = $1").bind(format!("u:{id}")).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM recs_opt_out WHERE user_id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}
