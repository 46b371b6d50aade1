//! The public REST API (`/api/...`): Helix-style JSON envelopes, problem
//! errors, cursor pagination. One module per resource; the cross-cutting parts
//! (auth, rate limits, caching, metrics) are layers in [`crate::http`].

pub mod channels;
pub mod donations;
pub mod social;
pub mod streams;
pub mod users;

use axum::routing::{get, post, put};
use axum::Router;
use base64::Engine as _;
use serde::Deserialize;
use sqlx::any::AnyRow;

use crate::app::AppState;
use crate::http::error::ApiError;
use crate::store::{int, text};
use aethex_sdk::Channel;

/// The `/api` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/channels/{login}", get(channels::get_channel).patch(channels::update_channel))
        .route("/api/channels/{login}/stream-key", get(channels::get_stream_key))
        .route("/api/channels/{login}/stream-key/reset", post(channels::reset_stream_key))
        .route("/api/channels/{login}/followers", get(social::followers))
        .route("/api/channels/{login}/subscriptions", get(social::subscriptions))
        .route("/api/channels/{login}/donations", get(donations::list))
        .route("/api/search/channels", get(channels::search))
        .route("/api/streams", get(streams::list))
        .route("/api/streams/{id}", get(streams::get_stream))
        .route("/api/streams/{id}/thumbnail.jpg", get(crate::ingest::thumbnail::thumbnail))
        .route("/api/channels/{login}/playback-token", post(crate::ingest::playback::create))
        .route("/api/users/me", get(users::me))
        .route("/api/users/me/follows/{login}", put(social::follow).delete(social::unfollow))
        .route("/api/users/me/subscriptions/{login}", put(social::subscribe))
        .route("/api/donations", post(donations::create))
        .route(
            "/api/eventsub/subscriptions",
            post(crate::eventsub::api::create).get(crate::eventsub::api::list).delete(crate::eventsub::api::delete),
        )
        .route("/api/raids", post(channels::raid))
        .route("/api/chat/{login}/messages", get(crate::chat::api::history).post(crate::chat::api::send))
        .route("/api/chat/{login}/chatters", get(crate::chat::api::chatters))
        .route(
            "/api/channels/{login}/moderators/{user}",
            put(crate::chat::api::add_moderator).delete(crate::chat::api::remove_moderator),
        )
        .route("/api/moderation/bans", post(crate::chat::api::ban).delete(crate::chat::api::unban))
        .route(
            "/api/moderation/chat-settings",
            get(crate::chat::api::get_settings).patch(crate::chat::api::update_settings),
        )
        .route("/api/moderation/chat", axum::routing::delete(crate::chat::api::delete))
        .route(
            "/api/moderation/blocked-terms",
            get(crate::chat::api::blocked_terms)
                .put(crate::chat::api::add_blocked_term)
                .delete(crate::chat::api::remove_blocked_term),
        )
}

/// `?first=&after=` of every list endpoint.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1–100 (default 20).
    pub first: Option<i64>,
    /// Cursor from the previous page's `pagination.cursor`.
    pub after: Option<String>,
}

/// A validated page request: how many, and the keyset position to continue after.
pub struct PageReq {
    /// Page size.
    pub limit: i64,
    /// Position (an id or an offset, per endpoint); 0 = from the start.
    pub after: i64,
}

impl PageQuery {
    /// Validate `first` and decode `after`.
    pub fn page(&self) -> Result<PageReq, ApiError> {
        let limit = self.first.unwrap_or(20);
        if !(1..=100).contains(&limit) {
            return Err(ApiError::bad_request("'first' must be between 1 and 100"));
        }
        let after = match &self.after {
            None => 0,
            Some(c) => {
                decode_cursor(c).ok_or_else(|| ApiError::bad_request("'after' is not a cursor this API issued"))?
            }
        };
        Ok(PageReq { limit, after })
    }
}

/// The opaque cursor for a keyset position.
pub fn encode_cursor(pos: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("p{pos}"))
}

fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let s = std::str::from_utf8(&bytes).ok()?;
    s.strip_prefix('p')?.parse().ok().filter(|p: &i64| *p > 0)
}

/// Split a fetched `limit + 1` rows into the page and its next cursor.
pub fn paged<T>(mut items: Vec<T>, limit: i64, pos: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    let cursor = if more { items.last().map(|i| encode_cursor(pos(i))) } else { None };
    (items, cursor)
}

/// The columns of a channel, for `SELECT ... FROM users u JOIN channels c`.
pub const CHANNEL_COLUMNS: &str =
    "u.id, u.login, u.display_name, c.title, c.category, c.tags, c.language, c.description, c.playback_token_required,
    (SELECT COUNT(*) FROM stream_sessions s WHERE s.channel_id = c.id AND s.ended_at IS NULL) AS live_sessions";

/// Build a channel from a row selected with [`CHANNEL_COLUMNS`].
pub fn channel_from_row(row: &AnyRow) -> Result<Channel, sqlx::Error> {
    Ok(Channel {
        id: int(row, "id")?.to_string(),
        login: text(row, "login")?,
        display_name: text(row, "display_name")?,
        title: text(row, "title")?,
        category: text(row, "category")?,
        tags: parse_tags(&text(row, "tags")?),
        language: text(row, "language")?,
        description: text(row, "description")?,
        is_live: int(row, "live_sessions")? > 0,
        playback_token_required: int(row, "playback_token_required")? != 0,
    })
}

/// Tags are stored as a JSON array.
pub fn parse_tags(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// The channel id for a login, or a 404 (or 400 for a login that cannot exist).
pub async fn channel_id(state: &AppState, login: &str) -> Result<i64, ApiError> {
    check_login(login)?;
    crate::auth::user_id_by_login(&state.db, login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))
}

/// The id of channel `login` if the caller is its owner with a user token
/// carrying `scope`; 401/403/404 otherwise.
pub async fn owned_channel(
    state: &AppState,
    caller: &crate::auth::Caller,
    login: &str,
    scope: &str,
) -> Result<i64, ApiError> {
    let (_, user_id) = caller.user_with_scope(scope)?;
    let id = channel_id(state, login).await?;
    if id != user_id {
        return Err(ApiError::forbidden(format!("only the owner of '{login}' may do this")));
    }
    Ok(id)
}

/// 400 for logins that break the rule, before touching the database.
pub fn check_login(login: &str) -> Result<(), ApiError> {
    if aethex_sdk::is_valid_login(login) {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "invalid login '{}': use 3-25 characters of a-z, 0-9 and _",
            crate::http::truncate(login, 40)
        )))
    }
}


/// Reject text fields with control characters or over a length, naming the field.
pub fn check_text(field: &str, value: &str, max_chars: usize) -> Result<(), ApiError> {
    if value.chars().count() > max_chars {
        return Err(ApiError::bad_request(format!("'{field}' is longer than {max_chars} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!("'{field}' must not contain control characters")));
    }
    Ok(())
}
