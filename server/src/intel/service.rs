//! The running service: reads chat lines from the event bus and keeps, per
//! channel and for the platform, the current trends and the minute's
//! sentiment; answers `GET /api/chat/{login}/trends` and `GET /api/trends`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use aethex_sdk::{ChannelChatMessageEvent, ChatTrends, Envelope, SentimentCounts, TrendingTerm};
use axum::extract::{Path, State};

use super::sentiment::{Model, Polarity};
use super::trends::{self, Trends, WINDOW_MS};
use crate::events::{Bus, Event};
use crate::http::error::{ApiError, ApiResult, Json};
use crate::store::Db;

/// Channels kept in memory at most; the longest idle goes first beyond.
const CHANNELS: usize = 10_000;
/// How often a channel's language is read again.
const LANGUAGE_TTL_MS: i64 = 600_000;
/// Terms a trends answer lists.
const TOP: usize = 20;

struct Channel {
    login: String,
    language: String,
    language_read_ms: i64,
    trends: Trends,
    window: i64,
    sentiment: SentimentCounts,
    last_ms: i64,
}

/// Chat intelligence over the live chat.
pub struct Intel {
    db: Db,
    channels: Mutex<HashMap<i64, Channel>>,
    platform: Mutex<Trends>,
    /// Chat lines seen, and lost because the service fell behind the bus.
    seen: AtomicU64,
    lost: AtomicU64,
    /// Added to the wall clock (tests replay minutes in seconds).
    offset_ms: std::sync::atomic::AtomicI64,
}

fn chatter_key(id: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Intel {
    /// Start reading chat from `bus` (when `on`; off, it answers with empty trends).
    pub fn start(db: Db, bus: &Bus, on: bool) -> Arc<Self> {
        let me = Arc::new(Self {
            db,
            channels: Mutex::new(HashMap::new()),
            platform: Mutex::new(Trends::default()),
            seen: AtomicU64::new(0),
            lost: AtomicU64::new(0),
            offset_ms: std::sync::atomic::AtomicI64::new(0),
        });
        if !on {
            return me;
        }
        let mut rx = bus.subscribe();
        let weak = Arc::downgrade(&me);
        tokio::spawn(async move {
            loop {
                let event = match rx.recv().await {
                    Ok(p) => p.event,
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        if let Some(me) = weak.upgrade() {
                            me.lost.fetch_add(n, Ordering::Relaxed);
                        }
                        tracing::warn!(missed = n, "chat intelligence fell behind; lines skipped");
                        continue;
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                };
                let Event::ChannelChatMessage(m) = event else { continue };
                let Some(me) = weak.upgrade() else { return };
                let now = me.now();
                me.observe(&m, now).await;
            }
        });
        me
    }

    /// The service's clock (ms): the wall clock plus what tests moved it by.
    pub fn now(&self) -> i64 {
        crate::store::now_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Move the clock forward (tests and benchmarks replay minutes in seconds).
    pub fn advance(&self, by: std::time::Duration) {
        self.offset_ms.fetch_add(by.as_millis() as i64, Ordering::Relaxed);
    }

    /// Lines seen and lines lost to load.
    pub fn counts(&self) -> (u64, u64) {
        (self.seen.load(Ordering::Relaxed), self.lost.load(Ordering::Relaxed))
    }

    /// The channel's language, read from its row now and then.
    async fn language(&self, channel: i64, login: &str, now_ms: i64) -> String {
        let known = {
            let c = self.channels.lock().unwrap_or_else(|e| e.into_inner());
            c.get(&channel).filter(|c| now_ms - c.language_read_ms < LANGUAGE_TTL_MS).map(|c| c.language.clone())
        };
        if let Some(l) = known {
            return l;
        }
        let read = async {
            let mut conn = self.db.pool.acquire().await?;
            crate::accounts::channel(&mut conn, login).await
        };
        match read.await {
            Ok(Some(row)) => row.language,
            Ok(None) => "other".into(),
            Err(e) => {
                tracing::warn!(error = %e, "could not read a channel's language");
                "en".into()
            }
        }
    }

    /// One chat line.
    pub async fn observe(&self, m: &ChannelChatMessageEvent, now_ms: i64) {
        self.seen.fetch_add(1, Ordering::Relaxed);
        let Ok(channel) = m.broadcaster_user_id.parse::<i64>() else { return };
        let language = self.language(channel, &m.broadcaster_user_login, now_ms).await;
        let terms = trends::terms(&m.message.text, &language);
        // VADER covers English; anything else is not guessed.
        let polarity = (language == "en").then(|| Model::chat().scores(&m.message.text).polarity());
        let who = chatter_key(&m.chatter_user_id);
        {
            let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
            if channels.len() >= CHANNELS && !channels.contains_key(&channel) {
                if let Some(idle) = channels.iter().min_by_key(|(_, c)| c.last_ms).map(|(id, _)| *id) {
                    channels.remove(&idle);
                }
            }
            let c = channels.entry(channel).or_insert_with(|| Channel {
                login: m.broadcaster_user_login.clone(),
                language: language.clone(),
                language_read_ms: now_ms,
                trends: Trends::default(),
                window: now_ms.div_euclid(WINDOW_MS),
                sentiment: SentimentCounts::default(),
                last_ms: now_ms,
            });
            if c.language != language {
                (c.language, c.language_read_ms) = (language, now_ms);
            }
            c.login.clone_from(&m.broadcaster_user_login);
            c.last_ms = now_ms;
            c.trends.add(now_ms, who, &terms);
            let window = now_ms.div_euclid(WINDOW_MS);
            if window != c.window {
                (c.window, c.sentiment) = (window, SentimentCounts::default());
            }
            let s = &mut c.sentiment;
            match polarity {
                Some(Polarity::Positive) => s.positive += 1,
                Some(Polarity::Neutral) => s.neutral += 1,
                Some(Polarity::Negative) => s.negative += 1,
                None => s.unscored += 1,
            }
        }
        self.platform.lock().unwrap_or_else(|e| e.into_inner()).add(now_ms, who, &terms);
    }

    /// A channel's trends and sentiment now (empty when its chat is quiet).
    pub fn channel_trends(&self, channel: i64, login: &str, now_ms: i64) -> ChatTrends {
        let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        let (terms, sentiment) = match channels.get_mut(&channel) {
            Some(c) => {
                let current = c.window == now_ms.div_euclid(WINDOW_MS);
                (c.trends.top(now_ms, TOP), if current { c.sentiment.clone() } else { SentimentCounts::default() })
            }
            None => (Vec::new(), SentimentCounts::default()),
        };
        ChatTrends {
            broadcaster_user_login: Some(login.to_string()),
            window_seconds: WINDOW_MS / 1000,
            terms: terms.into_iter().map(wire).collect(),
            sentiment: Some(sentiment),
        }
    }

    /// The platform's trends now.
    pub fn platform_trends(&self, now_ms: i64) -> ChatTrends {
        let terms = self.platform.lock().unwrap_or_else(|e| e.into_inner()).top(now_ms, TOP);
        ChatTrends {
            broadcaster_user_login: None,
            window_seconds: WINDOW_MS / 1000,
            terms: terms.into_iter().map(wire).collect(),
            sentiment: None,
        }
    }
}

fn wire(t: trends::Trend) -> TrendingTerm {
    TrendingTerm { term: t.term, count: i64::from(t.count), baseline: t.baseline, score: t.score }
}

/// What the routes need.
#[derive(Clone)]
pub struct IntelState {
    /// The service.
    pub intel: Arc<Intel>,
}

/// `GET /api/chat/{login}/trends`, `GET /api/trends`.
pub fn router<S: Clone + Send + Sync + 'static>(state: IntelState) -> axum::Router<S> {
    use axum::routing::get;
    axum::Router::new()
        .route("/api/chat/{login}/trends", get(channel))
        .route("/api/trends", get(platform))
        .with_state(state)
}

/// What a channel's chat is talking about: terms bursting above their usual
/// rate this minute, and the minute's messages by sentiment. Public, like the chat.
#[utoipa::path(get, path = "/api/chat/{login}/trends", tag = "chat", operation_id = "getChatTrends",
    params(("login" = aethex_sdk::openapi::Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<ChatTrends>),
        (status = 400, description = "Not a login", body = aethex_sdk::Problem),
        (status = 404, description = "No such channel", body = aethex_sdk::Problem)))]
pub async fn channel(State(s): State<IntelState>, Path(login): Path<String>) -> ApiResult<Json<Envelope<ChatTrends>>> {
    crate::http::check_login(&login)?;
    let mut conn = s.intel.db.pool.acquire().await?;
    let row = crate::accounts::channel(&mut conn, &login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))?;
    Ok(Json(Envelope::one(s.intel.channel_trends(row.id, &row.login, s.intel.now()))))
}

/// What the whole platform's chat is talking about this minute.
#[utoipa::path(get, path = "/api/trends", tag = "chat", operation_id = "getPlatformTrends",
    responses((status = 200, body = Envelope<ChatTrends>)))]
pub async fn platform(State(s): State<IntelState>) -> Json<Envelope<ChatTrends>> {
    Json(Envelope::one(s.intel.platform_trends(s.intel.now())))
}
