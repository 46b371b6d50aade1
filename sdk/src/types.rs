//! Wire types of the public API. The server serialises exactly these, and every
//! client deserialises them, so the two cannot disagree about a field.

use serde::{Deserialize, Serialize};

/// The Helix-style success envelope: `data` is always an array, even for one
/// object, so clients parse every endpoint the same way.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Envelope<T> {
    /// The objects of this response.
    pub data: Vec<T>,
    /// Present on lists only; its cursor fetches the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl<T> Envelope<T> {
    /// One object, the shape of every single-object endpoint.
    pub fn one(item: T) -> Self {
        Self { data: vec![item], pagination: None }
    }

    /// A page of a list; `cursor` is `None` on the last page.
    pub fn page(items: Vec<T>, cursor: Option<String>) -> Self {
        Self { data: items, pagination: Some(Pagination { cursor }) }
    }
}

/// Where the next page of a list starts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pagination {
    /// Opaque; pass it back as `?after=`. Absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// The one error shape of the REST API (Helix-style problem JSON).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// The HTTP reason phrase, e.g. `Not Found`.
    pub error: String,
    /// The HTTP status code, repeated so logs of bodies alone stay useful.
    pub status: u16,
    /// What went wrong, in a sentence a developer can act on.
    pub message: String,
}

/// A channel: one per user, identified everywhere by the broadcaster's user id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Channel {
    /// The broadcaster's user id (`broadcaster_user_id` in events and conditions).
    pub id: String,
    /// Lower-case login, 3–25 characters of `[a-z0-9_]`.
    pub login: String,
    /// The name as the broadcaster likes it shown.
    pub display_name: String,
    /// Stream title.
    pub title: String,
    /// Category (game or topic) the stream is listed under.
    pub category: String,
    /// Free-form tags used by discovery.
    pub tags: Vec<String>,
    /// Broadcast language, an ISO 639-1 code such as `en`.
    pub language: String,
    /// The channel's "about" text.
    pub description: String,
    /// Whether a stream session is running now.
    pub is_live: bool,
    /// Whether HLS playback needs a token from `POST /api/channels/{login}/playback-token`.
    #[serde(default)]
    pub playback_token_required: bool,
}

/// A partial update of a channel; absent fields stay as they are.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelUpdate {
    /// New title, at most 140 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 140, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New category, at most 64 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 64, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// New tags: at most 10, each 1–25 characters without spaces.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<crate::openapi::Tag>>, max_items = 10))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New language, an ISO 639-1 code (two lower-case letters) or `other`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(?:[a-z]{2}|other)$"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// New description, at most 300 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 300, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Require signed playback tokens on the channel's HLS URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playback_token_required: Option<bool>,
}

/// A signed, expiring grant to watch a channel's HLS; append it to playlist
/// URLs as `?token=`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaybackToken {
    /// The token.
    pub token: String,
    /// RFC 3339 expiry.
    pub expires_at: String,
    /// The master playlist URL with the token applied.
    pub playlist_url: String,
}

/// What the broadcaster's encoder needs to go live. Shown only to the owner.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamKey {
    /// The secret part of the publish URL; anyone holding it can stream as the channel.
    pub stream_key: String,
    /// The RTMP ingest URL to pair with the key (OBS "Custom" service: Server).
    pub ingest_url: String,
}

/// One broadcast of a channel, from publish to unpublish.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stream {
    /// Stream session id.
    pub id: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_login: String,
    /// The channel's display name.
    pub broadcaster_name: String,
    /// Title when the session started (or as updated while live).
    pub title: String,
    /// Category while live.
    pub category: String,
    /// Tags while live.
    pub tags: Vec<String>,
    /// Broadcast language.
    pub language: String,
    /// RFC 3339 start time.
    pub started_at: String,
    /// RFC 3339 end time; absent while live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    /// Whether this session is the one running now.
    pub is_live: bool,
    /// Current estimated viewers (0 once ended).
    pub viewer_count: i64,
    /// Most viewers seen during the session.
    pub peak_viewers: i64,
}

/// What a player tells the platform about a viewing (`POST /analytics/views`),
/// from the web app's player: when playback starts, every
/// [`VIEW_HEARTBEAT_SECS`] while it plays, and when it stops. Nothing is
/// stored for a browser that sends `DNT: 1` or `Sec-GPC: 1`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViewBeacon {
    /// The channel watched (its login).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Login))]
    pub channel: String,
    /// This page view: a random id of 8 to 64 letters, digits, `-` or `_`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{8,64}$"))]
    pub session: String,
    /// A random per-browser id the page keeps in its own storage (no cookie),
    /// so a viewer who reloads counts once; stored only as a keyed hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{8,64}$"))]
    pub browser: Option<String>,
    /// What happened to playback.
    pub event: ViewEvent,
    /// Where the viewer came from, as the platform's own links say (`?ref=`):
    /// one of [`VIEW_SOURCES`]; anything else counts as `external` or `direct` by the referrer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub source: Option<String>,
    /// The page's `document.referrer` (only whether it is another site is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 2048))]
    pub referrer: Option<String>,
}

/// A [`ViewBeacon`]'s moment.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ViewEvent {
    /// Playback started.
    Start,
    /// Still playing (every [`VIEW_HEARTBEAT_SECS`]).
    Heartbeat,
    /// Playback stopped (the page closed or the player paused).
    End,
}

/// Seconds between a player's heartbeats.
pub const VIEW_HEARTBEAT_SECS: u64 = 30;

/// The traffic sources the platform's links name (`?ref=`).
pub const VIEW_SOURCES: &[&str] =
    &["following", "directory", "search", "recommendations", "raid", "push", "discord", "embed"];

/// Fewer viewers than this in a source, device or country bucket, and the
/// bucket is not shown (it would point at people); they count in `hidden`.
pub const MIN_BUCKET: i64 = 5;

/// A broadcast's numbers (`GET /api/analytics/streams/{id}`), final within
/// seconds of the stream's end (`is_final`), provisional while it runs.
/// Minutes count from the stream's start; a viewer counts in every minute
/// they watched part of.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamSummary {
    /// The stream session.
    pub stream_id: String,
    /// The channel.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The category the stream went live in (empty when none was set).
    #[serde(default)]
    pub category: String,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339; null while live.
    pub ended_at: Option<String>,
    /// Whether the stream ended and these numbers will not change.
    pub is_final: bool,
    /// Length in started minutes.
    pub minutes: i64,
    /// Mean of `viewers_per_minute`.
    pub average_viewers: f64,
    /// Most viewers in one minute.
    pub peak_viewers: i64,
    /// Distinct viewers.
    pub unique_viewers: i64,
    /// Minutes watched, all viewers together.
    pub watch_minutes: i64,
    /// Viewers in each minute.
    pub viewers_per_minute: Vec<i64>,
    /// Audience retention: of the unique viewers, the share still watching
    /// after each whole minute of their own viewing (first value 1).
    pub retention: Vec<f64>,
    /// Chat messages in each minute (the chat heatmap).
    pub chat_per_minute: Vec<i64>,
    /// The busiest chat minutes, busiest first (at most 3).
    pub top_moments: Vec<ChatMoment>,
    /// Chat messages.
    pub chat_messages: i64,
    /// Distinct chatters.
    pub chatters: i64,
    /// New followers during the stream.
    pub new_followers: i64,
    /// Subscriptions during the stream.
    pub subscriptions: i64,
    /// Donations during the stream, per currency (amounts in minor units).
    pub donations: Vec<MoneyTotal>,
    /// Raids into the channel during the stream.
    pub raids: i64,
    /// Viewers those raids brought.
    pub raid_viewers: i64,
    /// Clips made of the stream.
    pub clips: i64,
    /// Viewers → chatters → new followers → new subscribers.
    pub funnel: Funnel,
    /// Unique viewers by traffic source.
    pub sources: Breakdown,
    /// Unique viewers by device class (`phone`, `tablet`, `desktop`, `tv`, `app`).
    pub devices: Breakdown,
    /// Unique viewers by country (ISO 3166 alpha-2; `unknown` without a location database).
    pub countries: Breakdown,
    /// The engagement score, 0 to 100: how much the audience took part
    /// against the channel's and the platform's norm (50 is usual; the
    /// formula is in `server/src/intel/engagement.rs` and the README). `None`
    /// with no audience.
    pub engagement: Option<f64>,
    /// The score of each minute (0 for a minute with no audience).
    #[serde(default)]
    pub engagement_per_minute: Vec<f64>,
    /// What the score is made of, for the stream.
    #[serde(default)]
    pub engagement_signals: Option<EngagementSignals>,
}

/// The rates an engagement score is made of.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngagementSignals {
    /// Chat messages per viewer-minute.
    pub chat: f64,
    /// Distinct chatters per viewer, minute by minute.
    pub chatters: f64,
    /// Sentiment balance of English chat, −1 to 1: (positive − negative) / scored lines.
    pub mood: f64,
    /// Follows, subscriptions and donations per viewer-hour.
    pub support: f64,
}

/// The platform's numbers for its operators (`GET /api/analytics/platform`):
/// who is active, who comes back, money, creators, categories, where viewers
/// are, what is live and trending, and the server's own health. Counts are of
/// pseudonymous viewers (a logged-in user, or one browser).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformAnalytics {
    /// The UTC day the numbers end on, `YYYY-MM-DD` (today unless asked).
    pub date: String,
    /// Active viewers and churn.
    pub users: UserStats,
    /// Weekly retention cohorts over the four weeks ending on `date`, oldest first.
    pub cohorts: Vec<Cohort>,
    /// Revenue per currency (donations; amounts in minor units).
    pub revenue: Vec<Revenue>,
    /// The 30 days' revenue by the payer's country (`unknown` without a location).
    pub revenue_by_region: Vec<RevenueSplit>,
    /// The 30 days' revenue by creator tier (`small` under 100 followers,
    /// `growing` under 1,000, `established` under 10,000, `top`).
    pub revenue_by_tier: Vec<RevenueSplit>,
    /// Creators who streamed.
    pub creators: CreatorStats,
    /// Categories by minutes watched in the 30 days, against the 30 before.
    pub categories: Vec<CategoryTrend>,
    /// The 30 days' active viewers by country, small buckets withheld.
    pub countries: Breakdown,
    /// Live channels, fastest growing first.
    pub live: Vec<LiveChannel>,
    /// The server's own health since it started.
    pub health: SystemHealth,
}

/// Active viewers as of a day.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserStats {
    /// Active that day.
    pub dau: i64,
    /// Active in the 7 days ending that day.
    pub wau: i64,
    /// Active in the 30 days ending that day.
    pub mau: i64,
    /// `dau / mau` (0 without viewers).
    pub stickiness: f64,
    /// First seen in the 30 days.
    pub new_users: i64,
    /// Active in the 30 days before but not in these 30.
    pub churned: i64,
    /// `churned` over the viewers active in the 30 days before (0 without any).
    pub churn_rate: f64,
    /// Active viewers of each of the 30 days, oldest first.
    pub dau_by_day: Vec<i64>,
}

/// Viewers first seen in one week, and how many were active in each week since.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cohort {
    /// The week's first day, `YYYY-MM-DD`.
    pub week_start: String,
    /// Viewers first seen that week.
    pub size: i64,
    /// Of them, active in the cohort's own week and each week after, up to `date`.
    pub active: Vec<i64>,
}

/// Revenue in one currency.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revenue {
    /// ISO 4217 code.
    pub currency: String,
    /// That day, minor units.
    pub day: i64,
    /// The 7 days ending that day.
    pub week: i64,
    /// The 30 days ending that day.
    pub month: i64,
    /// Payments in the 30 days.
    pub payments: i64,
    /// `month / mau`, minor units per active viewer.
    pub arpu: f64,
}

/// The 30 days' revenue of one group in one currency.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevenueSplit {
    /// The group (a country code or a creator tier).
    pub key: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Minor units.
    pub amount: i64,
    /// Payments.
    pub payments: i64,
}

/// Creators who streamed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorStats {
    /// Streamed in the 30 days (or are live).
    pub active: i64,
    /// Streamed for the first time in the 30 days.
    pub new: i64,
    /// Live now.
    pub live: i64,
}

/// One category's viewing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryTrend {
    /// The category (empty: none set).
    pub category: String,
    /// Streams that ended in the 30 days.
    pub streams: i64,
    /// Minutes watched in them.
    pub watch_minutes: i64,
    /// Minutes watched in the 30 days before.
    pub previous_watch_minutes: i64,
    /// `watch_minutes / previous_watch_minutes - 1`; null when there was nothing before.
    pub growth: Option<f64>,
}

/// A channel live now.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveChannel {
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// Viewers watching (players seen in the last minute).
    pub viewers: i64,
    /// Distinct viewers in the last 10 minutes.
    pub recent_viewers: i64,
    /// Distinct viewers in the 10 minutes before.
    pub earlier_viewers: i64,
    /// `recent_viewers / earlier_viewers - 1`; null when nobody watched before.
    pub growth: Option<f64>,
}

/// The server's health from its own metrics, since it started.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SystemHealth {
    /// Seconds since the server started.
    pub uptime_seconds: i64,
    /// HTTP requests answered.
    pub requests: i64,
    /// Share of them answered 5xx.
    pub error_rate: f64,
    /// Median latency, ms (upper bound of the histogram bucket).
    pub p50_ms: f64,
    /// 99th percentile latency, ms (upper bound of the histogram bucket).
    pub p99_ms: f64,
    /// The busiest routes.
    pub routes: Vec<RouteHealth>,
    /// Streams being ingested.
    pub live_streams: i64,
    /// Chat messages in the last minute.
    pub chat_messages_last_minute: i64,
    /// Webhook and socket deliveries waiting in the outbox.
    pub webhook_backlog: i64,
    /// Analytics rows dropped because collection fell behind.
    pub analytics_dropped: i64,
}

/// One route's health.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RouteHealth {
    /// `GET /api/channels/{login}`, as routed.
    pub route: String,
    /// Requests.
    pub requests: i64,
    /// Of them answered 5xx.
    pub errors: i64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
}

/// A channel's numbers over a range of UTC days (`GET /api/channels/{login}/analytics`),
/// per day and in total, with the period of the same length just before, to
/// compare against.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelAnalytics {
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// Each day of the range, oldest first.
    pub days: Vec<DayStats>,
    /// The whole range (unique viewers and chatters counted once).
    pub total: PeriodStats,
    /// The period of the same length just before.
    pub previous: PeriodStats,
}

/// One UTC day of a channel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayStats {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The day's numbers.
    #[serde(flatten)]
    pub stats: PeriodStats,
}

/// A channel's numbers over some time.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodStats {
    /// Minutes the channel was live.
    pub live_minutes: i64,
    /// Minutes watched, all viewers together.
    pub watch_minutes: i64,
    /// `watch_minutes / live_minutes` (0 when not live).
    pub average_viewers: f64,
    /// Most viewers in one minute.
    pub peak_viewers: i64,
    /// Distinct viewers.
    pub unique_viewers: i64,
    /// Chat messages.
    pub chat_messages: i64,
    /// Distinct chatters.
    pub chatters: i64,
    /// New followers.
    pub new_followers: i64,
    /// Subscriptions.
    pub subscriptions: i64,
    /// Donations per currency (minor units).
    pub donations: Vec<MoneyTotal>,
}

/// One busy chat minute.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatMoment {
    /// Minute from the stream's start.
    pub minute: i64,
    /// Messages in it.
    pub messages: i64,
}

/// A sum of money in one currency.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyTotal {
    /// ISO 4217 code.
    pub currency: String,
    /// In the currency's minor unit.
    pub amount: i64,
    /// How many payments.
    pub count: i64,
}

/// The stream's conversion funnel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    /// Unique viewers.
    pub viewers: i64,
    /// Distinct chatters.
    pub chatters: i64,
    /// New followers.
    pub followers: i64,
    /// New subscribers.
    pub subscribers: i64,
}

/// Viewers by some property, small buckets withheld.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    /// Buckets of at least [`MIN_BUCKET`] viewers, largest first.
    pub shown: Vec<Bucket>,
    /// Viewers in buckets too small to show.
    pub hidden: i64,
}

/// One bucket of a [`Breakdown`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bucket {
    /// The value (`phone`, `directory`, `DE`...).
    pub key: String,
    /// Unique viewers.
    pub viewers: i64,
}

/// A user account as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// User id; equal to the id of the user's channel.
    pub id: String,
    /// Lower-case login.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// RFC 3339 account creation time.
    pub created_at: String,
}

/// One follower of a channel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Follower {
    /// The follower's user id.
    pub user_id: String,
    /// The follower's login.
    pub user_login: String,
    /// The follower's display name.
    pub user_name: String,
    /// RFC 3339 time the follow started.
    pub followed_at: String,
}

/// A channel the caller follows (answer to a follow).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowedChannel {
    /// The followed channel's id.
    pub broadcaster_id: String,
    /// The followed channel's login.
    pub broadcaster_login: String,
    /// RFC 3339 time the follow started; unchanged by a repeated follow.
    pub followed_at: String,
}

/// A paid subscription of a user to a channel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    /// The channel's id.
    pub broadcaster_id: String,
    /// The channel's login.
    pub broadcaster_login: String,
    /// The subscriber's user id.
    pub user_id: String,
    /// The subscriber's login.
    pub user_login: String,
    /// Tier 1, 2 or 3.
    pub tier: u8,
    /// RFC 3339 start of the current run of months.
    pub started_at: String,
    /// RFC 3339 time the subscription lapses unless renewed.
    pub expires_at: String,
}

/// Body of a subscribe call.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubscribeRequest {
    /// Tier 1, 2 or 3.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3))]
    #[serde(deserialize_with = "whole::number")]
    pub tier: u8,
}

/// A donation (tip) to a channel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Donation {
    /// Donation id.
    pub id: String,
    /// The receiving channel's id.
    pub broadcaster_user_id: String,
    /// The receiving channel's login.
    pub broadcaster_login: String,
    /// The donor's user id.
    pub user_id: String,
    /// The name shown with the alert.
    pub donor_name: String,
    /// Amount in the currency's minor units (cents), so no float rounding.
    pub amount: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
    /// The donor's message, possibly empty.
    pub message: String,
    /// RFC 3339 time the donation was recorded.
    pub created_at: String,
}

/// Body of `POST /api/donations`. Send an `Idempotency-Key` header so a retried
/// request records the donation once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DonationRequest {
    /// The login of the channel that receives it.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Login))]
    pub broadcaster_login: String,
    /// Amount in the currency's ISO 4217 minor units (cents of USD, yen of
    /// JPY, fils of KWD), 1 to 100,000,000.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100_000_000))]
    #[serde(deserialize_with = "whole::number")]
    pub amount: i64,
    /// ISO 4217 code (three letters, either case): see [`currency_exponent`].
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Currency))]
    pub currency: String,
    /// Message shown with the alert, at most 300 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 300, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"))]
    #[serde(default)]
    pub message: String,
    /// Name shown instead of the donor's login: 1–25 characters, not blank.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 25,
            pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f-\\u009f]*$"
        )
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_name: Option<String>,
}

/// Successful token response of `POST /oauth/token` (RFC 6749 §5.1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// Bearer token for the API.
    pub access_token: String,
    /// Always `bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// One-time refresh token; using it returns a new one (rotation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Granted scopes, space separated (RFC 6749).
    pub scope: String,
}

/// Answer of `POST /oauth/device` (RFC 8628 §3.2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceAuthorization {
    /// Secret the device polls with.
    pub device_code: String,
    /// Short code the user types at `verification_uri`.
    pub user_code: String,
    /// Page where the user approves (`/activate`).
    pub verification_uri: String,
    /// The same page with the code filled in.
    pub verification_uri_complete: String,
    /// Seconds the codes stay valid.
    pub expires_in: i64,
    /// Minimum seconds between polls.
    pub interval: i64,
}

/// OAuth error body (RFC 6749 §5.2), used by `/oauth/*` instead of the problem JSON
/// because OAuth client libraries expect it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OAuthError {
    /// Machine-readable code such as `invalid_grant` or `authorization_pending`.
    pub error: String,
    /// Human-readable detail.
    #[serde(default)]
    pub error_description: String,
}

/// Answer of `GET /oauth/validate` (Twitch-style).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenValidation {
    /// The app the token was issued to.
    pub client_id: String,
    /// The user's login; absent for app tokens (client credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// The user's id; absent for app tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Seconds until expiry.
    pub expires_in: i64,
}

/// `stream.online` event payload (EventSub shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamOnlineEvent {
    /// The stream session id.
    pub id: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// Always `live`.
    #[serde(rename = "type")]
    pub kind: String,
    /// RFC 3339 start time.
    pub started_at: String,
}

/// `stream.offline` event payload (EventSub shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamOfflineEvent {
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
}

/// `channel.subscribe` event payload (EventSub shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelSubscribeEvent {
    /// The subscriber's id.
    pub user_id: String,
    /// The subscriber's login.
    pub user_login: String,
    /// The subscriber's display name.
    pub user_name: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// `1000`, `2000` or `3000`, as Twitch writes tiers.
    pub tier: String,
    /// Months subscribed, counting this one.
    pub cumulative_months: i64,
    /// Always false: AeThex has no gifted subscriptions yet.
    pub is_gift: bool,
}

/// `channel.subscription.end` event payload (EventSub shape): a subscription's
/// paid period ran out without renewal, so perks tied to it (subscriber roles,
/// emotes, chat modes) should end now rather than at the next periodic check.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelSubscriptionEndEvent {
    /// The former subscriber's id.
    pub user_id: String,
    /// The former subscriber's login.
    pub user_login: String,
    /// The former subscriber's display name.
    pub user_name: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// The tier that ended: `1000`, `2000` or `3000`.
    pub tier: String,
    /// Always false: AeThex has no gifted subscriptions yet.
    pub is_gift: bool,
}

/// `channel.user.erase` event payload (AeThex's own): a member of the
/// channel's community (a chatter, follower, subscriber, donor or moderator
/// there) erased their account. Apps that keep data about the user (a
/// chatbot's points, a Discord bot's linked accounts) delete it now. Like
/// Twitch's `user.authorization.revoke` for a user who no longer exists, it
/// names the user by id only: the login is gone, and so should every row an
/// app keeps under the id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelUserEraseEvent {
    /// The erased user's former id.
    pub user_id: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
}

/// What a channel's chat (or the whole platform's) is talking about now.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatTrends {
    /// The channel; absent for the platform's trends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcaster_user_login: Option<String>,
    /// The window the counts cover, in seconds (the current minute).
    pub window_seconds: i64,
    /// Terms bursting above their usual rate, most first.
    pub terms: Vec<TrendingTerm>,
    /// The window's chat by sentiment (a channel only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<SentimentCounts>,
}

/// A word, phrase or emote bursting in chat.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendingTerm {
    /// Lower case.
    pub term: String,
    /// Chatters who said it in the window (each once).
    pub count: i64,
    /// How many usually do in a window.
    pub baseline: f64,
    /// `(count - baseline) / sqrt(baseline + 1)`.
    pub score: f64,
}

/// Chat messages of a window by sentiment. Lines in a language the model does
/// not cover (it covers English) are `unscored`, never guessed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentimentCounts {
    /// Compound score ≥ 0.05.
    pub positive: i64,
    /// Between.
    pub neutral: i64,
    /// Compound score ≤ −0.05.
    pub negative: i64,
    /// Not scored (language not covered).
    pub unscored: i64,
}

/// `channel.donation` event payload (AeThex's own; Twitch has none).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelDonationEvent {
    /// The donation.
    #[serde(flatten)]
    pub donation: Donation,
    /// The donor's login.
    pub user_login: String,
}

/// `channel.update` event payload: the channel's title, category, tags or language changed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelUpdateEvent {
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// The new title.
    pub title: String,
    /// The stream language (ISO 639-1).
    pub language: String,
    /// The category, free text (AeThex has no category ids).
    pub category_name: String,
    /// The channel's tags.
    pub tags: Vec<String>,
}

/// `channel.follow` event payload (EventSub v2 shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelFollowEvent {
    /// The follower's id.
    pub user_id: String,
    /// The follower's login.
    pub user_login: String,
    /// The follower's display name.
    pub user_name: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// RFC 3339 time of the follow.
    pub followed_at: String,
}

/// `channel.raid` event payload: one broadcaster sent their viewers to another.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelRaidEvent {
    /// The raiding channel's id.
    pub from_broadcaster_user_id: String,
    /// The raiding channel's login.
    pub from_broadcaster_user_login: String,
    /// The raiding channel's display name.
    pub from_broadcaster_user_name: String,
    /// The raided channel's id.
    pub to_broadcaster_user_id: String,
    /// The raided channel's login.
    pub to_broadcaster_user_login: String,
    /// The raided channel's display name.
    pub to_broadcaster_user_name: String,
    /// Viewers the raider brought along.
    pub viewers: i64,
}

/// One chat badge as EventSub writes it (`set_id` `subscriber`, `id` `12`, ...).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatBadge {
    /// The badge set: `broadcaster`, `moderator`, `subscriber`.
    pub set_id: String,
    /// The version within the set.
    pub id: String,
    /// Extra detail (months for subscriber badges), possibly empty.
    pub info: String,
}

/// The text of a chat message in an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatMessageText {
    /// The whole text.
    pub text: String,
}

/// `channel.chat.message` event payload.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelChatMessageEvent {
    /// The room's channel id.
    pub broadcaster_user_id: String,
    /// The room's channel login.
    pub broadcaster_user_login: String,
    /// The room's channel display name.
    pub broadcaster_user_name: String,
    /// The sender's id.
    pub chatter_user_id: String,
    /// The sender's login.
    pub chatter_user_login: String,
    /// The sender's display name.
    pub chatter_user_name: String,
    /// The message id (the target of a deletion).
    pub message_id: String,
    /// The message.
    pub message: ChatMessageText,
    /// The sender's badges in this room.
    pub badges: Vec<ChatBadge>,
}

/// `channel.ban` event payload: a ban or a timeout.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelBanEvent {
    /// The banned user's id.
    pub user_id: String,
    /// The banned user's login.
    pub user_login: String,
    /// The banned user's display name.
    pub user_name: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// The moderator's id.
    pub moderator_user_id: String,
    /// The moderator's login.
    pub moderator_user_login: String,
    /// The moderator's display name.
    pub moderator_user_name: String,
    /// The reason the moderator gave, possibly empty.
    pub reason: String,
    /// RFC 3339 time of the ban.
    pub banned_at: String,
    /// RFC 3339 end of a timeout; `None` for a permanent ban.
    pub ends_at: Option<String>,
    /// True for a ban, false for a timeout.
    pub is_permanent: bool,
}

/// One chat message, as history and the JSON chat socket show it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatMessage {
    /// Message id (UUID), the target of a deletion.
    pub id: String,
    /// The room's channel id.
    pub broadcaster_user_id: String,
    /// The room's channel login.
    pub broadcaster_login: String,
    /// The sender's user id.
    pub user_id: String,
    /// The sender's login.
    pub user_login: String,
    /// The sender's display name.
    pub user_name: String,
    /// The text, at most 500 characters.
    pub text: String,
    /// A `/me` message (IRC's CTCP ACTION): shown as something the sender does.
    #[serde(default)]
    pub action: bool,
    /// Badges as Twitch writes them, e.g. `broadcaster/1`, `moderator/1`, `subscriber/12`.
    pub badges: Vec<String>,
    /// RFC 3339 time the server accepted it.
    pub sent_at: String,
}

/// Who is in a chat room.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Chatters {
    /// Logins of signed-in users in the room, sorted.
    pub chatters: Vec<String>,
    /// Signed-in users.
    pub chatter_count: i64,
    /// Everyone connected, including anonymous read-only viewers.
    pub viewer_count: i64,
}

/// A room's modes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatSettings {
    /// Seconds a regular user must wait between messages; 0 is off.
    pub slow_seconds: i64,
    /// Minimum follow age in minutes to chat; `None` is off (0 = any follower).
    pub followers_only_minutes: Option<i64>,
    /// Only subscribers (and moderators) may chat.
    pub subscribers_only: bool,
    /// Only emotes may be sent (moderators exempt); AeThex has no emotes yet, so regular users cannot chat.
    pub emote_only: bool,
}

/// A partial change of a room's modes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChatSettingsUpdate {
    /// Slow mode seconds, 0 (off) to 120.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 120))]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "whole::optional")]
    pub slow_seconds: Option<i64>,
    /// Followers-only minimum age in minutes (0 to 129600), or -1 to turn it off.
    #[cfg_attr(feature = "openapi", schema(minimum = -1, maximum = 129_600))]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "whole::optional")]
    pub followers_only_minutes: Option<i64>,
    /// Subscribers-only mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribers_only: Option<bool>,
    /// Emote-only mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emote_only: Option<bool>,
}

/// Ban or time out a user (`POST /api/moderation/bans`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BanRequest {
    /// The room.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Login))]
    pub broadcaster_login: String,
    /// Who.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Login))]
    pub user_login: String,
    /// Seconds for a timeout (1 to 1209600); absent for a permanent ban.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1_209_600))]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "whole::optional")]
    pub duration: Option<i64>,
    /// Shown to moderators.
    #[serde(default)]
    pub reason: String,
}

/// Integers in request bodies. JSON does not tell `74` from `74.0`, and
/// JSON Schema calls both integers, so a number with no fraction is read as
/// the integer it spells; `74.5`, and strings, stay errors.
mod whole {
    use serde::de::{Deserialize as _, Deserializer, Error as _};

    fn integer<E: serde::de::Error>(n: &serde_json::Number) -> Result<i64, E> {
        if let Some(i) = n.as_i64() {
            return Ok(i);
        }
        // 2^63 as a float: the first whole float past i64::MAX.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        match n.as_f64() {
            Some(f) if f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f) => Ok(f as i64),
            _ => Err(E::custom(format_args!("invalid number `{n}`, expected an integer"))),
        }
    }

    /// A required integer field.
    pub(super) fn number<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
        let i = integer(&serde_json::Number::deserialize(d)?)?;
        T::try_from(i).map_err(|_| D::Error::custom(format_args!("integer `{i}` is out of range")))
    }

    /// An optional integer field (absent or `null` is `None`).
    pub(super) fn optional<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
        match Option::<serde_json::Number>::deserialize(d)? {
            None => Ok(None),
            Some(n) => {
                let i = integer(&n)?;
                T::try_from(i).map(Some).map_err(|_| D::Error::custom(format_args!("integer `{i}` is out of range")))
            }
        }
    }
}

/// Every scope the platform knows. A token asking for anything else is refused,
/// so a typo fails loudly instead of granting nothing.
pub const SCOPES: &[&str] = &[
    "channel:read",
    "channel:manage",
    "stream:key",
    "chat:read",
    "chat:edit",
    "moderator:manage",
    "moderator:manage:automod",
    "moderator:read:followers",
    "user:read",
    "user:edit:follows",
    "user:edit:subscriptions",
    "channel:read:subscriptions",
    "donations:read",
    "donations:write",
    "webhooks:manage",
    "analytics:read",
    "user:delete",
    "user:edit:settings",
];

/// The built-in public client used by first-party tools (CLI, OBS plugin, bots)
/// for the device flow.
pub const CLI_CLIENT_ID: &str = "aethex-cli";

/// Minor-unit digits of an ISO 4217 currency (JPY 0, EUR 2, KWD 3), either
/// case; `None` for a code ISO 4217 does not list or one with no minor unit
/// of its own (funds, metals such as XAU): those are not money people donate.
pub fn currency_exponent(code: &str) -> Option<u16> {
    iso_currency::Currency::from_code(&code.to_ascii_uppercase())?.exponent()
}

/// `minor` units of `currency` written with the currency's own number of
/// fraction digits (none for JPY, three for KWD; two for a code ISO 4217 does
/// not know) and `decimal_mark`: `amount_text(1250, "EUR", ",")` is `12,50`.
pub fn amount_text(minor: i64, currency: &str, decimal_mark: &str) -> String {
    let digits = currency_exponent(currency).unwrap_or(2) as u32;
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{minor}");
    }
    let unit = 10u64.pow(digits);
    format!("{sign}{}{decimal_mark}{:0width$}", minor / unit, minor % unit, width = digits as usize)
}

/// Every code [`currency_exponent`] takes, upper case, sorted.
pub fn currency_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = <iso_currency::Currency as iso_currency::IntoEnumIterator>::iter()
        .filter(|c| c.exponent().is_some())
        .map(|c| c.code())
        .collect();
    codes.sort_unstable();
    codes
}

/// Whether `login` follows the platform's one rule: 3–25 characters of `[a-z0-9_]`.
pub fn is_valid_login(login: &str) -> bool {
    (3..=25).contains(&login.len()) && login.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `tag` is a channel tag the platform accepts: 1–25 letters or digits
/// of any script (`char::is_alphanumeric`), so no spaces or punctuation.
pub fn is_valid_tag(tag: &str) -> bool {
    (1..=25).contains(&tag.chars().count()) && tag.chars().all(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_rule() {
        assert!(is_valid_login("abc"));
        assert!(is_valid_login("a_b_1234567890123456789012"[..25].trim()));
        assert!(!is_valid_login("ab"));
        assert!(!is_valid_login(&"a".repeat(26)));
        assert!(!is_valid_login("Abc"));
        assert!(!is_valid_login("a-bc"));
        assert!(!is_valid_login("ab'; DROP TABLE users;--"));
    }

    #[test]
    fn whole_floats_are_integers_in_request_bodies() {
        let sub: SubscribeRequest = serde_json::from_str(r#"{"tier": 2.0}"#).unwrap();
        assert_eq!(sub.tier, 2);
        for bad in [r#"{"tier": 2.5}"#, r#"{"tier": "2"}"#, r#"{"tier": 256}"#, r#"{"tier": -1.0}"#] {
            assert!(serde_json::from_str::<SubscribeRequest>(bad).is_err(), "{bad}");
        }
        let s: ChatSettingsUpdate =
            serde_json::from_str(r#"{"slow_seconds": 74.0, "followers_only_minutes": null}"#).unwrap();
        assert_eq!((s.slow_seconds, s.followers_only_minutes), (Some(74), None));
        let d: DonationRequest =
            serde_json::from_str(r#"{"broadcaster_login": "abc", "amount": 1e3, "currency": "EUR"}"#).unwrap();
        assert_eq!(d.amount, 1000);
        assert!(serde_json::from_str::<BanRequest>(
            r#"{"broadcaster_login": "a", "user_login": "b", "duration": 1e30}"#
        )
        .is_err());
    }

    #[test]
    fn tag_rule() {
        assert!(is_valid_tag("speedrun") && is_valid_tag("日本語") && is_valid_tag(&"a".repeat(25)));
        assert!(
            !is_valid_tag("") && !is_valid_tag("has space") && !is_valid_tag("a-b") && !is_valid_tag(&"a".repeat(26))
        );
    }

    #[test]
    fn envelope_shapes() {
        let one = serde_json::to_value(Envelope::one(1)).unwrap();
        assert_eq!(one, serde_json::json!({"data": [1]}));
        let page = serde_json::to_value(Envelope::page(vec![1, 2], None)).unwrap();
        assert_eq!(page, serde_json::json!({"data": [1, 2], "pagination": {}}));
    }
}

/// A channel's AutoMod: an overall level 0 (off) to 4 (strictest), and a
/// category's own level where it differs (Twitch's shape, our four
/// categories). Held lines wait for a moderator. With it, the community's
/// side: how many viewers' reports hide a message until a moderator looks.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AutomodSettings {
    /// 0 (off) to 4.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 4))]
    #[serde(deserialize_with = "whole::number")]
    pub overall_level: u8,
    /// Slurs and hate against who someone is; `None` follows `overall_level`.
    #[serde(default, deserialize_with = "whole::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 4))]
    pub discrimination: Option<u8>,
    /// Threats, insults, harassment.
    #[serde(default, deserialize_with = "whole::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 4))]
    pub hostility: Option<u8>,
    /// Sexual terms.
    #[serde(default, deserialize_with = "whole::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 4))]
    pub sexual: Option<u8>,
    /// Swearing.
    #[serde(default, deserialize_with = "whole::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 4))]
    pub profanity: Option<u8>,
    /// Viewers' reports that hide a message pending review; 0: reports never hide.
    #[serde(default, deserialize_with = "whole::number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub report_hide_threshold: i64,
}

/// What a moderator does with a held message.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum AutomodAction {
    /// Send it to the room.
    Allow,
    /// Drop it.
    Deny,
}

/// Body of "Manage Held AutoMod Messages" (Helix's shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManageHeldMessage {
    /// The moderator: the token's user.
    pub user_id: String,
    /// The held message's id.
    pub msg_id: String,
    /// `ALLOW` or `DENY`.
    pub action: AutomodAction,
}

/// A message AutoMod holds for the channel's moderators.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeldMessage {
    /// The id moderators approve or deny.
    pub message_id: String,
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The sender's id.
    pub user_id: String,
    /// The sender's login.
    pub user_login: String,
    /// The sender's display name.
    pub user_name: String,
    /// The text.
    pub text: String,
    /// `discrimination`, `hostility`, `sexual` or `profanity`.
    pub category: String,
    /// The lowest AutoMod level that holds it (1 to 4): how bad it is.
    pub level: u8,
    /// RFC 3339.
    pub held_at: String,
    /// RFC 3339: unresolved by then, it is dropped.
    pub expires_at: String,
}

/// The text of a held message, as EventSub carries it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AutomodMessage {
    /// The whole text.
    pub text: String,
    /// Its parts (one text fragment: emotes are not parsed).
    pub fragments: Vec<AutomodFragment>,
}

impl AutomodMessage {
    /// A message of one text fragment.
    pub fn plain(text: &str) -> Self {
        Self {
            text: text.to_string(),
            fragments: vec![AutomodFragment { kind: "text".into(), text: text.to_string() }],
        }
    }
}

/// One part of a held message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AutomodFragment {
    /// `text`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The fragment's text.
    pub text: String,
}

/// `automod.message.hold` v1 event payload (Twitch's shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AutomodMessageHoldEvent {
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// The sender's id.
    pub user_id: String,
    /// The sender's login.
    pub user_login: String,
    /// The sender's display name.
    pub user_name: String,
    /// The held message's id.
    pub message_id: String,
    /// The text.
    pub message: AutomodMessage,
    /// The category.
    pub category: String,
    /// The severity, 1 to 4.
    pub level: u8,
    /// RFC 3339.
    pub held_at: String,
}

/// `automod.message.update` v1 event payload: a held message was approved,
/// denied, or expired (then the moderator fields are empty).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AutomodMessageUpdateEvent {
    /// The channel's id.
    pub broadcaster_user_id: String,
    /// The channel's login.
    pub broadcaster_user_login: String,
    /// The channel's display name.
    pub broadcaster_user_name: String,
    /// The sender's id.
    pub user_id: String,
    /// The sender's login.
    pub user_login: String,
    /// The sender's display name.
    pub user_name: String,
    /// The moderator's id.
    pub moderator_user_id: String,
    /// The moderator's login.
    pub moderator_user_login: String,
    /// The moderator's display name.
    pub moderator_user_name: String,
    /// The held message's id.
    pub message_id: String,
    /// The text.
    pub message: AutomodMessage,
    /// The category.
    pub category: String,
    /// The severity, 1 to 4.
    pub level: u8,
    /// `Approved`, `Denied` or `Expired`.
    pub status: String,
    /// RFC 3339.
    pub held_at: String,
}

/// A viewer's report of a chat message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// The room.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Login))]
    pub broadcaster_login: String,
    /// The message's id.
    pub message_id: String,
    /// Why (at most 200 characters, one line), possibly empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"))]
    pub reason: String,
}

/// A reported message in the moderators' queue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportedMessage {
    /// The message's id.
    pub message_id: String,
    /// The sender's id.
    pub user_id: String,
    /// The sender's login.
    pub user_login: String,
    /// The text.
    pub text: String,
    /// Viewers who reported it.
    pub reports: i64,
    /// Their reasons, newest first (at most 10, empty ones left out).
    pub reasons: Vec<String>,
    /// `open`, `hidden` (enough reports hid it, pending review), `removed` or `dismissed`.
    pub status: String,
    /// RFC 3339 of the first report.
    pub first_reported_at: String,
}

/// A moderator's verdict on a reported message.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReportVerdict {
    /// The message stays gone (deleted if it was still shown).
    Remove,
    /// The reports were wrong: a hidden message is shown again.
    Dismiss,
}

/// Body of resolving a report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolveReport {
    /// The verdict.
    pub verdict: ReportVerdict,
}

/// Why a channel is in a list of recommendations.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecommendationReason {
    /// One of your channels, live now.
    Watched,
    /// Viewers like you watch it, or it is like what you watch.
    ForYou,
    /// Popular now (in your language first).
    Popular,
    /// A small channel, given a chance to be seen.
    Explore,
}

/// A live channel recommended to a viewer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// The channel's id.
    pub broadcaster_id: String,
    /// Its login.
    pub broadcaster_login: String,
    /// Its display name.
    pub broadcaster_name: String,
    /// The live stream's id (its thumbnail is `/api/streams/{id}/thumbnail.jpg`).
    pub stream_id: String,
    /// Stream title.
    pub title: String,
    /// Category.
    pub game_name: String,
    /// Stream language.
    pub language: String,
    /// Viewers now.
    pub viewer_count: i64,
    /// Why it is here.
    pub reason: RecommendationReason,
    /// Place in the list, from 1.
    pub position: u32,
    /// Report a click with this (`POST /api/recommendations/clicks`).
    pub tracking: String,
}

/// A list of recommendations and what made it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationList {
    /// Best first; only channels live now.
    pub data: Vec<Recommendation>,
    /// Where it is shown (`home`, `similar`, `discover`, `api`).
    pub list: String,
    /// The model version that ranked it (0: no model trained yet).
    pub model_version: i64,
    /// The experiment variant the viewer is in (`hybrid`, `popular`, or `none`
    /// for a viewer who opted out or is unknown).
    pub variant: String,
    /// Whether the viewer's own history was used.
    pub personalised: bool,
}

/// A click on a recommendation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationClick {
    /// The `tracking` of the recommendation clicked.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[a-z]{3,8}\\.[0-9]{1,2}\\.[0-9]{1,18}\\.[a-z]{4,7}\\.[0-9a-f]{20}$")
    )]
    pub tracking: String,
    /// The channel clicked (its login).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Login))]
    pub broadcaster_login: String,
    /// An anonymous viewer's browser id, as given when the list was fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{8,64}$"))]
    pub browser: Option<String>,
}

/// A user's recommendation setting.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationSettings {
    /// Recommendations from your viewing history (false: your history leaves
    /// the model at its next training, and lists are not personalised).
    pub personalised: bool,
}

/// One experiment variant's numbers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantStats {
    /// The variant.
    pub variant: String,
    /// Recommendations shown.
    pub impressions: i64,
    /// Recommendations clicked.
    pub clicks: i64,
    /// clicks / impressions.
    pub click_through_rate: f64,
    /// Minutes watched in the clicked channel within two hours of a click, per click.
    pub watch_minutes_per_click: f64,
}

/// The recommender's state and its experiment, for operators.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationStats {
    /// The model serving now (0: none yet).
    pub model_version: i64,
    /// When it was trained (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trained_at: Option<String>,
    /// Viewers, channels and viewer–channel pairs it was trained on.
    pub users: i64,
    /// Channels.
    pub channels: i64,
    /// Pairs.
    pub pairs: i64,
    /// Training time, ms.
    pub train_ms: i64,
    /// The days the variants' numbers cover.
    pub days: i64,
    /// Each variant.
    pub variants: Vec<VariantStats>,
}
