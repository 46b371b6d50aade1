//! Analytics: what viewers and chat did, collected privately, and what a
//! creator reads from it. The capability owns `analytics_events` (append-only
//! rows, one per thing seen) and `stream_summaries` (each ended broadcast's
//! numbers, computed once).
//!
//! Collection never slows what it watches: players' beacons
//! ([`collect::beacon`]), HLS playback of players that send none
//! ([`players`]) and the event bus (chat, follows, subscriptions,
//! donations, raids, streams starting and ending) become [`Row`]s on a
//! bounded queue that one writer task empties in batched inserts; when the
//! queue is full a row is dropped and counted, the request or chat line goes on.
//! The writer holds back heartbeats that add nothing yet ([`coalesce`]) and
//! keeps each viewer's days ([`rollup`]) in the same transaction.
//! When a stream ends the writer is flushed and its summary computed and
//! stored ([`Analytics::finalize`]), seconds after the end.
//!
//! Privacy: viewers are pseudonymous (`u:<user id>`, or `a:` and a keyed hash of
//! a per-browser id), no IP address is stored, DNT and GPC opt a browser out,
//! and buckets under [`aethex_sdk::MIN_BUCKET`] viewers are withheld.
//!
//! Time: rows carry the analytics clock, [`Analytics::now`]: the wall clock
//! plus an offset tests and benchmarks move ([`Analytics::advance`]), so
//! minutes of viewing are tested in seconds.

pub mod api;
pub mod channel;
pub mod coalesce;
pub mod collect;
pub mod export;
pub mod geo;
pub mod partitions;
pub mod platform;
pub mod players;
pub mod rollup;
pub mod sketch;
pub mod summary;
pub mod viewing;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hmac::Mac as _;
use tokio::sync::{mpsc, oneshot};

use crate::events::{Bus, Event};
use crate::ingest::Ingest;
use crate::store::{int, Db};

/// Rows waiting for the writer; beyond this, new rows are dropped (and counted).
pub const QUEUE: usize = 65_536;
/// Rows per insert statement.
const BATCH: usize = 500;
/// How long the writer waits to fill a batch.
const LINGER: Duration = Duration::from_millis(250);
/// How often the writer looks for held heartbeats that went quiet.
const SWEEP: Duration = Duration::from_secs(15);

/// One analytics row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Analytics clock, ms.
    pub at_ms: i64,
    /// What happened (see the migration): static when recorded, owned when read back.
    pub kind: std::borrow::Cow<'static, str>,
    /// The channel (the creator every row is scoped by).
    pub channel_id: i64,
    /// The stream session, while one runs.
    pub stream_id: Option<i64>,
    /// The pseudonymous viewer.
    pub viewer: Option<String>,
    /// The page view.
    pub session: Option<String>,
    /// Device class.
    pub device: Option<String>,
    /// Traffic source.
    pub source: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Money (minor units) or raid viewers.
    pub amount: Option<i64>,
    /// A donation's currency.
    pub currency: Option<String>,
}

impl Row {
    /// A row of `kind` with no viewer or money.
    pub fn new(at_ms: i64, kind: &'static str, channel_id: i64, stream_id: Option<i64>) -> Self {
        Self {
            at_ms,
            kind: kind.into(),
            channel_id,
            stream_id,
            viewer: None,
            session: None,
            device: None,
            source: None,
            country: None,
            amount: None,
            currency: None,
        }
    }
}

// Nearly every job is a row: boxing it would cost an allocation per row to save queue slots' size.
#[allow(clippy::large_enum_variant)]
enum Job {
    Row(Row),
    Flush(oneshot::Sender<()>),
}

/// The analytics service.
pub struct Analytics {
    db: Db,
    ingest: Arc<Ingest>,
    /// This site's host, lower case: a referrer from it is not "external".
    own_host: Option<String>,
    queue: mpsc::Sender<Job>,
    offset_ms: AtomicI64,
    viewer_key: [u8; 32],
    dropped: AtomicU64,
    /// Each live channel's stream session and its start (analytics clock).
    live: Mutex<HashMap<i64, i64>>,
    /// Logins that read the platform's analytics.
    operators: Vec<String>,
    /// The server's request metrics, for the platform's health.
    metrics: Arc<crate::http::metrics::Metrics>,
    /// Countries from addresses, when the operator gave a database.
    geo: Option<geo::Geo>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Players without a beacon, counted from their HLS requests.
    players: Mutex<players::Players>,
    /// Live channels' languages: English chat is scored for sentiment (the
    /// engagement score's mood), other languages are not guessed.
    languages: Arc<Mutex<HashMap<i64, String>>>,
    /// The platform's engagement norm and when it was read.
    platform_norm: Mutex<Option<(std::time::Instant, aethex_sdk::EngagementSignals)>>,
}

impl std::fmt::Debug for Analytics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analytics").field("dropped", &self.dropped.load(Ordering::Relaxed)).finish_non_exhaustive()
    }
}

impl Analytics {
    /// Start the writer, the bus consumer and the hourly retention sweep
    /// (events older than the configured retention go). `viewer_key` keys the
    /// hash that makes anonymous viewers pseudonymous.
    pub fn start(
        db: Db,
        bus: &Bus,
        ingest: Arc<Ingest>,
        config: &crate::config::Config,
        viewer_key: [u8; 32],
        metrics: Arc<crate::http::metrics::Metrics>,
    ) -> Result<Arc<Self>, geo::GeoError> {
        let geo = config.geoip_db.as_deref().map(geo::Geo::open).transpose()?;
        let (queue, jobs) = mpsc::channel(QUEUE);
        let a = Arc::new(Self {
            db: db.clone(),
            ingest,
            own_host: url::Url::parse(&config.public_url).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase)),
            queue,
            offset_ms: AtomicI64::new(0),
            viewer_key,
            dropped: AtomicU64::new(0),
            live: Mutex::new(HashMap::new()),
            operators: config.operators.clone(),
            metrics,
            geo,
            trusted_proxies: config.trusted_proxies.clone(),
            players: Mutex::new(players::Players::default()),
            languages: Arc::new(Mutex::new(HashMap::new())),
            platform_norm: Mutex::new(None),
        });
        let retention_days = config.analytics_retention_days;
        tokio::spawn(write(db.clone(), jobs));
        let sweeper = Arc::downgrade(&a);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(3600));
            loop {
                every.tick().await;
                let Some(a) = sweeper.upgrade() else { return };
                if let Err(e) = partitions::ensure(&db, a.now()).await {
                    tracing::warn!(error = %e, "making analytics partitions failed");
                }
                match export::sweep(&db, a.now(), retention_days).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(deleted = n, retention_days, "analytics events past retention deleted"),
                    Err(e) => tracing::warn!(error = %e, "analytics retention sweep failed"),
                }
                // The days just over are rolled up now, so no reader waits for them.
                let today = a.now().div_euclid(channel::DAY);
                for day in [today - 2, today - 1] {
                    if let Err(e) = a.roll_up(day).await {
                        tracing::warn!(error = %e, day, "rolling up an analytics day failed");
                    }
                }
            }
        });
        let sampler = Arc::downgrade(&a);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(players::EVERY);
            loop {
                every.tick().await;
                let Some(a) = sampler.upgrade() else { return };
                a.sample_players(players::GRACE);
            }
        });
        let mut events = bus.subscribe();
        let me = Arc::downgrade(&a);
        tokio::spawn(async move {
            loop {
                let published = match events.recv().await {
                    Ok(p) => p,
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(missed = n, "analytics fell behind the event bus");
                        continue;
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                };
                let Some(a) = me.upgrade() else { return };
                a.on_event(&published.event);
            }
        });
        Ok(a)
    }

    /// Whether `login` is one of the platform's operators.
    pub fn is_operator(&self, login: &str) -> bool {
        self.operators.iter().any(|o| o.eq_ignore_ascii_case(login))
    }

    /// The server's health from its metrics (the busiest `top` routes).
    pub fn health(&self, top: usize) -> aethex_sdk::SystemHealth {
        self.metrics.health(top)
    }

    /// The country of a request from `peer` with `headers`, when known.
    pub fn country(&self, peer: std::net::IpAddr, headers: &axum::http::HeaderMap) -> Option<String> {
        self.geo.as_ref()?.country(self.client_ip(peer, headers))
    }

    /// The client's address of a request from `peer` (see [`crate::http::client_ip`]).
    pub fn client_ip(&self, peer: std::net::IpAddr, headers: &axum::http::HeaderMap) -> std::net::IpAddr {
        crate::http::client_ip(peer, headers, &self.trusted_proxies)
    }

    /// The analytics clock (ms since the epoch).
    pub fn now(&self) -> i64 {
        crate::store::now_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Move the analytics clock forward (tests and benchmarks replay minutes in seconds).
    pub fn advance(&self, by: Duration) {
        self.offset_ms.fetch_add(by.as_millis() as i64, Ordering::Relaxed);
    }

    /// Rows dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Queue a row; never waits.
    pub fn record(&self, row: Row) {
        if self.queue.try_send(Job::Row(row)).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Wait until every row queued so far is stored.
    pub async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.queue.send(Job::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
    }

    /// The pseudonym of an anonymous browser: `a:` and 16 hex digits of a keyed hash.
    pub fn pseudonym(&self, browser: &str) -> String {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.viewer_key).expect("any key length");
        mac.update(browser.as_bytes());
        format!("a:{}", &hex::encode(mac.finalize().into_bytes())[..16])
    }

    fn stream_of(&self, channel_id: i64) -> Option<i64> {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).get(&channel_id).copied()
    }

    fn on_event(self: &Arc<Self>, event: &Event) {
        let now = self.now();
        let id = |s: &str| s.parse::<i64>().unwrap_or(0);
        let user = |s: &str| Some(format!("u:{s}"));
        match event {
            Event::StreamOnline(e) => {
                let (channel, stream) = (id(&e.broadcaster_user_id), id(&e.id));
                self.live.lock().unwrap_or_else(|e| e.into_inner()).insert(channel, stream);
                let (db, languages, login) =
                    (self.db.clone(), self.languages.clone(), e.broadcaster_user_login.clone());
                tokio::spawn(async move {
                    let read = async {
                        let mut conn = db.pool.acquire().await?;
                        crate::accounts::channel(&mut conn, &login).await
                    };
                    match read.await {
                        Ok(Some(c)) => {
                            languages.lock().unwrap_or_else(|e| e.into_inner()).insert(channel, c.language);
                        }
                        Ok(None) => {}
                        Err(e) => tracing::warn!(error = %e, channel, "analytics: cannot read the channel's language"),
                    }
                });
                self.record(Row::new(now, "stream_start", channel, Some(stream)));
            }
            Event::StreamOffline(e) => {
                let channel = id(&e.broadcaster_user_id);
                let stream = self.live.lock().unwrap_or_else(|e| e.into_inner()).remove(&channel);
                self.languages.lock().unwrap_or_else(|e| e.into_inner()).remove(&channel);
                let a = self.clone();
                tokio::spawn(async move {
                    let stream = match stream {
                        Some(s) => Some(s),
                        None => a.open_stream(channel).await.unwrap_or_else(|e| {
                            tracing::error!(error = %e, channel, "analytics: cannot find the ended stream");
                            None
                        }),
                    };
                    let Some(stream) = stream else { return };
                    a.record(Row::new(now, "stream_end", channel, Some(stream)));
                    if let Err(e) = a.finalize(stream).await {
                        tracing::error!(error = %e, stream, "analytics: the stream summary failed");
                    }
                });
            }
            Event::ChannelChatMessage(e) => {
                let channel = id(&e.broadcaster_user_id);
                let english =
                    self.languages.lock().unwrap_or_else(|e| e.into_inner()).get(&channel).map(String::as_str)
                        == Some("en");
                // The line's sentiment, +1, 0 or −1; none where the model does not cover the language.
                let mood = english.then(|| {
                    use crate::intel::sentiment::{Model, Polarity};
                    match Model::chat().scores(&e.message.text).polarity() {
                        Polarity::Positive => 1,
                        Polarity::Neutral => 0,
                        Polarity::Negative => -1,
                    }
                });
                let row = Row {
                    viewer: user(&e.chatter_user_id),
                    amount: mood,
                    ..Row::new(now, "chat", channel, self.stream_of(channel))
                };
                self.record(row);
            }
            Event::ChannelUpdate(e) => {
                let channel = id(&e.broadcaster_user_id);
                let mut languages = self.languages.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(l) = languages.get_mut(&channel) {
                    l.clone_from(&e.language);
                }
            }
            Event::ChannelFollow(e) => {
                let channel = id(&e.broadcaster_user_id);
                self.record(Row {
                    viewer: user(&e.user_id),
                    ..Row::new(now, "follow", channel, self.stream_of(channel))
                });
            }
            Event::ChannelSubscribe(e) => {
                let channel = id(&e.broadcaster_user_id);
                self.record(Row {
                    viewer: user(&e.user_id),
                    ..Row::new(now, "subscribe", channel, self.stream_of(channel))
                });
            }
            Event::ChannelDonation(e) => {
                let d = &e.donation;
                let channel = id(&d.broadcaster_user_id);
                self.record(Row {
                    viewer: user(&d.user_id),
                    amount: Some(d.amount),
                    currency: Some(d.currency.clone()),
                    ..Row::new(now, "donation", channel, self.stream_of(channel))
                });
            }
            Event::ChannelRaid(e) => {
                let channel = id(&e.to_broadcaster_user_id);
                self.record(Row {
                    viewer: user(&e.from_broadcaster_user_id),
                    amount: Some(e.viewers),
                    ..Row::new(now, "raid", channel, self.stream_of(channel))
                });
            }
            _ => {}
        }
    }

    /// The channel's last stream that started and did not end (after a restart mid-stream).
    async fn open_stream(&self, channel_id: i64) -> Result<Option<i64>, sqlx::Error> {
        self.flush().await;
        let row = sqlx::query(
            "SELECT stream_id FROM analytics_events s WHERE s.channel_id = $1 AND s.kind = 'stream_start'
             AND NOT EXISTS (SELECT 1 FROM analytics_events e WHERE e.stream_id = s.stream_id AND e.kind = 'stream_end')
             ORDER BY s.at_ms DESC LIMIT 1",
        )
        .bind(channel_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.map(|r| int(&r, "stream_id")).transpose()
    }

    /// Store the final summary of an ended stream: every row queued before
    /// its end is written first.
    pub async fn finalize(&self, stream_id: i64) -> Result<(), sqlx::Error> {
        self.flush().await;
        let Some(summary) = self.compute(stream_id).await? else { return Ok(()) };
        let ended = summary.ended_at.as_deref().and_then(aethex_sdk::time::parse_rfc3339).unwrap_or(0);
        let body = serde_json::to_string(&summary).unwrap_or_default();
        let channel: i64 = summary.broadcaster_user_id.parse().unwrap_or(0);
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM stream_summaries WHERE stream_id = $1").bind(stream_id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO stream_summaries (stream_id, channel_id, ended_at, body) VALUES ($1, $2, $3, $4)")
            .bind(stream_id)
            .bind(channel)
            .bind(ended)
            .bind(body)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(stream = stream_id, viewers = summary.unique_viewers, "stream summary final");
        Ok(())
    }

    /// Wait until stream `stream_id`'s final summary is stored, at most `limit`.
    pub async fn settle(&self, stream_id: i64, limit: Duration) -> Result<(), sqlx::Error> {
        let until = tokio::time::Instant::now() + limit;
        while tokio::time::Instant::now() < until {
            let stored: Option<i64> = sqlx::query_scalar("SELECT stream_id FROM stream_summaries WHERE stream_id = $1")
                .bind(stream_id)
                .fetch_optional(&self.db.pool)
                .await?;
            if stored.is_some() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tracing::warn!(stream = stream_id, "no final summary before the channel was erased");
        Ok(())
    }

    /// A stream's summary: the stored final one, else computed now (provisional while live).
    pub async fn summary(&self, stream_id: i64) -> Result<Option<aethex_sdk::StreamSummary>, sqlx::Error> {
        let stored: Option<String> = sqlx::query_scalar("SELECT body FROM stream_summaries WHERE stream_id = $1")
            .bind(stream_id)
            .fetch_optional(&self.db.pool)
            .await?;
        if let Some(s) = stored.and_then(|b| serde_json::from_str(&b).ok()) {
            return Ok(Some(s));
        }
        self.compute(stream_id).await
    }

    /// A channel's numbers for the UTC days `[from_ms, to_ms)` (whole days),
    /// each day and in total, and the same length of time just before.
    pub async fn channel(
        &self,
        channel_id: i64,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<aethex_sdk::ChannelAnalytics, sqlx::Error> {
        let before = from_ms - (to_ms - from_ms);
        let days = self.days(channel_id, before, to_ms).await?;
        let split = ((from_ms - before) / channel::DAY) as usize;
        let (previous, current) = days.split_at(split.min(days.len()));
        let login = crate::accounts::names(&self.db, &[channel_id]).await?.remove(&channel_id).map(|(l, _)| l);
        Ok(aethex_sdk::ChannelAnalytics {
            broadcaster_user_login: login.unwrap_or_default(),
            from: crate::store::rfc3339(from_ms)[..10].to_string(),
            to: crate::store::rfc3339(to_ms - channel::DAY)[..10].to_string(),
            days: current
                .iter()
                .enumerate()
                .map(|(i, d)| aethex_sdk::DayStats {
                    date: crate::store::rfc3339(from_ms + i as i64 * channel::DAY)[..10].to_string(),
                    stats: d.stats.clone(),
                })
                .collect(),
            total: channel::combine(current),
            previous: channel::combine(previous),
        })
    }

    /// The channel's days `[from_ms, to_ms)`: stored rollups, and the days
    /// not stored yet computed from their rows (and stored once settled).
    async fn days(&self, channel_id: i64, from_ms: i64, to_ms: i64) -> Result<Vec<channel::Day>, sqlx::Error> {
        let (first, end) = (from_ms.div_euclid(channel::DAY), to_ms.div_euclid(channel::DAY));
        let rows = sqlx::query(
            "SELECT day, stats, viewers, chatters FROM analytics_channel_days
             WHERE channel_id = $1 AND day >= $2 AND day < $3",
        )
        .bind(channel_id)
        .bind(first)
        .bind(end)
        .fetch_all(&self.db.pool)
        .await?;
        let mut stored: HashMap<i64, channel::Day> = HashMap::with_capacity(rows.len());
        for r in &rows {
            let read = || {
                Some(channel::Day {
                    stats: serde_json::from_str(&crate::store::text(r, "stats").ok()?).ok()?,
                    viewers: sketch::Distinct::decode(&crate::store::text(r, "viewers").ok()?)?,
                    chatters: sketch::Distinct::decode(&crate::store::text(r, "chatters").ok()?)?,
                })
            };
            // A row that does not read is computed again below.
            if let Some(day) = read() {
                stored.insert(int(r, "day")?, day);
            }
        }
        let now = self.now();
        let today = now.div_euclid(channel::DAY);
        // Rows of a day may still be in the writer's queue just after midnight.
        let settled = (now - 60_000).div_euclid(channel::DAY);
        let mut marks: Option<Vec<Row>> = None;
        let mut out = Vec::with_capacity((end - first).max(0) as usize);
        for d in first..end {
            if let Some(day) = stored.remove(&d) {
                out.push(day);
                continue;
            }
            if d > today {
                out.push(channel::Day::default());
                continue;
            }
            if marks.is_none() {
                marks = Some(self.stream_marks(channel_id).await?);
            }
            let mut rows = self
                .collapsed(
                    "channel_id = $1 AND at_ms >= $2 AND at_ms < $3",
                    &[channel_id, d * channel::DAY, (d + 1) * channel::DAY],
                )
                .await?;
            rows.retain(|r| !matches!(r.kind.as_ref(), "stream_start" | "stream_end"));
            rows.extend(marks.iter().flatten().cloned());
            let day = channel::day(&rows, d * channel::DAY, (d + 1) * channel::DAY, now, |v| self.hash(v));
            if d < settled {
                self.store_day(channel_id, d, &day).await?;
            }
            out.push(day);
        }
        Ok(out)
    }

    /// Roll up UTC day `day` (when it is over) for every channel with rows
    /// that day; days already stored are left. Returns the channels seen.
    pub async fn roll_up(&self, day: i64) -> Result<usize, sqlx::Error> {
        let channels: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT channel_id FROM analytics_events WHERE at_ms >= $1 AND at_ms < $2")
                .bind(day * channel::DAY)
                .bind((day + 1) * channel::DAY)
                .fetch_all(&self.db.pool)
                .await?;
        for c in &channels {
            self.days(*c, day * channel::DAY, (day + 1) * channel::DAY).await?;
        }
        Ok(channels.len())
    }

    /// Every start and end of the channel's streams.
    async fn stream_marks(&self, channel_id: i64) -> Result<Vec<Row>, sqlx::Error> {
        sqlx::query(&format!(
            "{SELECT_ROWS} WHERE channel_id = $1 AND kind IN ('stream_start', 'stream_end') ORDER BY at_ms"
        ))
        .bind(channel_id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(to_row)
        .collect()
    }

    async fn store_day(&self, channel_id: i64, day: i64, d: &channel::Day) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO analytics_channel_days (channel_id, day, stats, viewers, chatters) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (channel_id, day) DO NOTHING",
        )
        .bind(channel_id)
        .bind(day)
        .bind(serde_json::to_string(&d.stats).unwrap_or_default())
        .bind(d.viewers.encode())
        .bind(d.chatters.encode())
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// A keyed 64-bit hash of a pseudonym, for the days' sketches (without
    /// the key, a sketch does not tell whether someone is in it).
    fn hash(&self, pseudonym: &str) -> u64 {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.viewer_key).expect("any key length");
        mac.update(b"sketch ");
        mac.update(pseudonym.as_bytes());
        let bytes = mac.finalize().into_bytes();
        u64::from_be_bytes(bytes[..8].try_into().unwrap_or_default())
    }

    /// The id of a channel's newest summarized (or running) stream.
    pub async fn last_stream(&self, channel_id: i64) -> Result<Option<i64>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT stream_id FROM analytics_events WHERE channel_id = $1 AND kind = 'stream_start'
             ORDER BY at_ms DESC LIMIT 1",
        )
        .bind(channel_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.map(|r| int(&r, "stream_id")).transpose()
    }

    /// The rows matching `filter` (binds `$1`...), each view session
    /// collapsed to its first and last view: every number of a summary or a
    /// day depends on a session only through when it began and ended and what
    /// it was (viewer, device, source, country, the same in all its rows), so
    /// a busy stream's million heartbeats are read as two rows per viewer.
    async fn collapsed(&self, filter: &str, binds: &[i64]) -> Result<Vec<Row>, sqlx::Error> {
        let sql = format!(
            "SELECT session, MIN(viewer) AS viewer, MIN(at_ms) AS first, MAX(at_ms) AS last, MIN(device) AS device,
             MIN(source) AS source, MIN(country) AS country, MIN(channel_id) AS channel_id,
             CAST(MAX(CASE WHEN kind = 'view_end' THEN 1 ELSE 0 END) AS BIGINT) AS ended, MIN(stream_id) AS stream_id
             FROM analytics_events WHERE {filter} AND kind IN ('view', 'view_end') GROUP BY session"
        );
        let mut sessions = sqlx::query(&sql);
        let others = format!("{SELECT_ROWS} WHERE {filter} AND kind NOT IN ('view', 'view_end') ORDER BY at_ms");
        let mut rest = sqlx::query(&others);
        for b in binds {
            sessions = sessions.bind(*b);
            rest = rest.bind(*b);
        }
        let mut out: Vec<Row> = rest.fetch_all(&self.db.pool).await?.iter().map(to_row).collect::<Result<_, _>>()?;
        for r in sessions.fetch_all(&self.db.pool).await? {
            let text = |c: &str| sqlx::Row::try_get::<Option<String>, _>(&r, c);
            let first = Row {
                viewer: text("viewer")?,
                session: text("session")?,
                device: text("device")?,
                source: text("source")?,
                country: text("country")?,
                ..Row::new(int(&r, "first")?, "view", int(&r, "channel_id")?, sqlx::Row::try_get(&r, "stream_id")?)
            };
            let (last, ended) = (int(&r, "last")?, int(&r, "ended")? == 1);
            if last != first.at_ms || ended {
                let kind = if ended { "view_end" } else { "view" };
                out.push(Row { at_ms: last, kind: kind.into(), ..first.clone() });
            }
            out.push(first);
        }
        out.sort_by_key(|r| r.at_ms);
        Ok(out)
    }

    async fn compute(&self, stream_id: i64) -> Result<Option<aethex_sdk::StreamSummary>, sqlx::Error> {
        let rows = self.collapsed("stream_id = $1", &[stream_id]).await?;
        let (mut start, mut end, mut channel) = (None, None, None);
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            if row.kind == "stream_start" {
                start = Some(row.at_ms);
                channel = Some(row.channel_id);
            } else if row.kind == "stream_end" {
                end = Some(row.at_ms);
            } else {
                events.push(row);
            }
        }
        let (Some(start_ms), Some(channel_id)) = (start, channel) else { return Ok(None) };
        let login = crate::accounts::names(&self.db, &[channel_id]).await?.remove(&channel_id).map(|(l, _)| l);
        let clips = crate::ingest::vod::clip_count(&self.db, stream_id).await?;
        let category = crate::ingest::session_category(&self.db, stream_id).await?.unwrap_or_default();
        let stream = summary::Stream {
            id: stream_id,
            channel_id,
            login: login.unwrap_or_default(),
            category,
            start_ms,
            end_ms: end,
            clips,
        };
        let reference = self.engagement_reference(channel_id, stream_id).await?;
        Ok(Some(summary::summarize(&stream, &events, self.now(), &reference)))
    }

    /// What a stream's engagement is judged against: the channel's past
    /// finished streams shrunk toward the platform's norm ([`crate::intel::engagement`]).
    async fn engagement_reference(
        &self,
        channel_id: i64,
        stream_id: i64,
    ) -> Result<aethex_sdk::EngagementSignals, sqlx::Error> {
        use crate::intel::engagement;
        let cached = self
            .platform_norm
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .filter(|(at, _)| at.elapsed() < Duration::from_secs(600))
            .map(|(_, n)| n);
        let platform = match cached {
            Some(n) => n,
            None => {
                let past = self.past_signals("", &[], engagement::PLATFORM_STREAMS).await?;
                let n = engagement::platform_norm(&past);
                *self.platform_norm.lock().unwrap_or_else(|e| e.into_inner()) = Some((std::time::Instant::now(), n));
                n
            }
        };
        let own = self
            .past_signals(
                "WHERE channel_id = $1 AND stream_id <> $2",
                &[channel_id, stream_id],
                engagement::CHANNEL_STREAMS,
            )
            .await?;
        Ok(engagement::reference(&own, &platform))
    }

    /// The engagement signals of the newest `limit` finished streams matching `filter`.
    async fn past_signals(
        &self,
        filter: &str,
        binds: &[i64],
        limit: i64,
    ) -> Result<Vec<aethex_sdk::EngagementSignals>, sqlx::Error> {
        let sql = format!("SELECT body FROM stream_summaries {filter} ORDER BY ended_at DESC LIMIT {limit}");
        let mut q = sqlx::query_scalar::<_, String>(&sql);
        for b in binds {
            q = q.bind(*b);
        }
        let bodies = q.fetch_all(&self.db.pool).await?;
        Ok(bodies
            .iter()
            .filter_map(|b| serde_json::from_str::<aethex_sdk::StreamSummary>(b).ok()?.engagement_signals)
            .collect())
    }
}

/// The user's viewing and chat as analytics saw it, their rollup and their
/// channel's stream summaries, for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    let viewer = format!("u:{id}");
    let events = sqlx::query(&format!("{SELECT_ROWS} WHERE viewer = $1 ORDER BY at_ms"))
        .bind(&viewer)
        .fetch_all(&mut *conn)
        .await?;
    let rollup =
        sqlx::query("SELECT * FROM analytics_viewers WHERE viewer = $1").bind(&viewer).fetch_all(&mut *conn).await?;
    Ok(vec![
        ("analytics_events", crate::store::rows_json(&events)),
        ("analytics_viewers", crate::store::rows_json(&rollup)),
        crate::store::export_rows(
            conn,
            "stream_summaries",
            "SELECT stream_id, ended_at, body FROM stream_summaries WHERE channel_id = $1",
            id,
        )
        .await?,
    ])
}

/// The channels user `id` watched or chatted in while signed in: part of
/// their community, told of their erasure ([`crate::privacy`]).
pub async fn channels_of(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT channel_id FROM analytics_events WHERE viewer = $1")
        .bind(format!("u:{id}"))
        .fetch_all(&mut *conn)
        .await
}

/// De-identify the user in analytics: their rows (as a viewer, chatter,
/// payer or raider) keep counting under a random pseudonym nothing links back
/// to them; their own channel's events and summaries go with the channel.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    let viewer = format!("u:{id}");
    let anonymous = format!("x:{}", &crate::crypto::random_token("")[..16]);
    sqlx::query("DELETE FROM analytics_events WHERE channel_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM stream_summaries WHERE channel_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM analytics_channel_days WHERE channel_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("UPDATE analytics_events SET viewer = $1 WHERE viewer = $2")
        .bind(&anonymous)
        .bind(&viewer)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE analytics_viewers SET viewer = $1 WHERE viewer = $2")
        .bind(&anonymous)
        .bind(&viewer)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const SELECT_ROWS: &str =
    "SELECT at_ms, kind, channel_id, stream_id, viewer, session, device, source, country, amount, currency
     FROM analytics_events";

/// A stored row, as recorded.
fn to_row(r: &sqlx::any::AnyRow) -> Result<Row, sqlx::Error> {
    let text = |c: &str| sqlx::Row::try_get::<Option<String>, _>(r, c);
    Ok(Row {
        at_ms: int(r, "at_ms")?,
        kind: sqlx::Row::try_get::<String, _>(r, "kind")?.into(),
        channel_id: int(r, "channel_id")?,
        stream_id: sqlx::Row::try_get(r, "stream_id")?,
        viewer: text("viewer")?,
        session: text("session")?,
        device: text("device")?,
        source: text("source")?,
        country: text("country")?,
        amount: sqlx::Row::try_get(r, "amount")?,
        currency: text("currency")?,
    })
}

/// The writer: batches of up to [`BATCH`] rows, each a single insert, written
/// as soon as a batch fills or [`LINGER`] passes; a flush writes what is
/// queued and then answers.
async fn write(db: Db, mut jobs: mpsc::Receiver<Job>) {
    let mut batch: Vec<Row> = Vec::with_capacity(BATCH);
    let mut rollup = rollup::Rollup::default();
    let mut held = coalesce::Coalescer::default();
    let mut waiting: Vec<oneshot::Sender<()>> = Vec::new();
    // When the oldest row in the batch must be written by.
    let mut due = tokio::time::Instant::now();
    let mut swept = Instant::now();
    loop {
        let job = if batch.is_empty() {
            // Idle: wait for a row, waking to store held heartbeats that went quiet.
            match tokio::time::timeout(SWEEP, jobs.recv()).await {
                Ok(Some(j)) => Some(j),
                Ok(None) => return,
                Err(_) => None,
            }
        } else {
            tokio::time::timeout_at(due, jobs.recv()).await.unwrap_or(None)
        };
        let was_empty = batch.is_empty();
        let now = Instant::now();
        let mut take = |job: Job, batch: &mut Vec<Row>| match job {
            Job::Row(r) => held.offer(r, now, batch),
            Job::Flush(done) => {
                held.sweep(true, now, batch);
                waiting.push(done);
            }
        };
        if let Some(j) = job {
            take(j, &mut batch);
        }
        // Take what else is already queued without waiting.
        while batch.len() < BATCH {
            match jobs.try_recv() {
                Ok(j) => take(j, &mut batch),
                Err(_) => break,
            }
        }
        if now.duration_since(swept) >= SWEEP {
            held.sweep(false, now, &mut batch);
            swept = now;
        }
        if was_empty && !batch.is_empty() {
            due = tokio::time::Instant::now() + LINGER;
        }
        let linger_over = tokio::time::Instant::now() >= due;
        if batch.len() >= BATCH || linger_over || !waiting.is_empty() {
            if !batch.is_empty() {
                let active = rollup.pending(&batch);
                match insert(&db, &batch, &active).await {
                    Ok(()) => rollup.written(&active),
                    Err(e) => {
                        tracing::error!(error = %e, rows = batch.len(), "analytics rows lost: the database refused them")
                    }
                }
                batch.clear();
            }
            for done in waiting.drain(..) {
                let _ = done.send(());
            }
        }
    }
}

/// Store a batch and its viewers' activity in one transaction.
async fn insert(db: &Db, rows: &[Row], active: &[(String, i64, Option<String>)]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 11;
    let mut tx = db.begin_write().await?;
    for chunk in rows.chunks(db.rows_per_statement(COLUMNS)) {
        let mut sql = String::from(
            "INSERT INTO analytics_events (at_ms, kind, channel_id, stream_id, viewer, session, device, source, country, amount, currency) VALUES ",
        );
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..COLUMNS {
                if c > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("${}", i * COLUMNS + c + 1));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.at_ms)
                .bind(r.kind.as_ref())
                .bind(r.channel_id)
                .bind(r.stream_id)
                .bind(r.viewer.clone())
                .bind(r.session.clone())
                .bind(r.device.clone())
                .bind(r.source.clone())
                .bind(r.country.clone())
                .bind(r.amount)
                .bind(r.currency.clone());
        }
        q.execute(&mut *tx).await?;
    }
    rollup::store(&mut tx, db, active).await?;
    tx.commit().await
}
