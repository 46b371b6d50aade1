//! Which capability owns each table: the one place this is written. Only the
//! owner's module runs SQL on a table; every other capability calls the
//! owner's functions. `server/tests/ownership.rs` reads every SQL text in
//! `server/src` and fails on a table used outside its owner, and on a table
//! in the migrations that has no owner here.

/// (table, owning module under `server/src`).
pub const OWNERS: &[(&str, &str)] = &[
    ("users", "accounts"),
    ("channels", "accounts"),
    ("channel_search", "accounts"),
    ("apps", "auth"),
    ("tokens", "auth"),
    ("auth_codes", "auth"),
    ("device_codes", "auth"),
    ("web_sessions", "auth"),
    ("invites", "auth"),
    ("follows", "social"),
    ("subscriptions", "social"),
    ("donations", "social"),
    ("stream_sessions", "ingest"),
    ("clips", "ingest"),
    ("channel_moderators", "chat"),
    ("chat_bans", "chat"),
    ("chat_blocked_terms", "chat"),
    ("chat_settings", "chat"),
    ("automod_settings", "chat"),
    ("automod_held", "chat"),
    ("recs_models", "recs"),
    ("recs_opt_out", "recs"),
    ("recs_impressions", "recs"),
    ("recs_clicks", "recs"),
    ("chat_reported", "chat"),
    ("chat_reports", "chat"),
    ("eventsub_subscriptions", "eventsub"),
    ("eventsub_outbox", "eventsub"),
    ("push_subscriptions", "push"),
    ("push_notify", "push"),
    ("push_keys", "push"),
    ("raids", "channels"),
    ("exchange_rates", "social"),
    ("analytics_events", "analytics"),
    ("analytics_events_default", "analytics"),
    ("stream_summaries", "analytics"),
    ("analytics_viewers", "analytics"),
    ("analytics_channel_days", "analytics"),
];

/// The module that owns `table`, if any.
pub fn owner(table: &str) -> Option<&'static str> {
    OWNERS.iter().find(|(t, _)| *t == table).map(|(_, m)| *m)
}
