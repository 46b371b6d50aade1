//! Channels over REST: public info, owner updates, the stream key, search,
//! raids, and the calling user (`/api/users/me`). It owns the `raids` table; people and
//! channels are the accounts capability's, liveness is ingest's, and this
//! module puts them together into the wire objects.

pub mod cache;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::accounts::{ChannelChange, ChannelRow};
use crate::auth::Caller;
use crate::events::Event;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use crate::http::page::{paged, PageQuery};
use crate::http::{check_login, check_text};
use crate::store::{rfc3339, Db};
use aethex_sdk::openapi::Login;
use aethex_sdk::{Channel, ChannelRaidEvent, ChannelUpdate, ChannelUpdateEvent, Envelope, Problem, StreamKey, User};

/// What the channel handlers use.
#[derive(Clone)]
pub struct ChannelsState {
    /// Storage.
    pub db: Db,
    /// Where channel updates and raids are announced.
    pub bus: crate::events::Bus,
    /// Opens stream keys.
    pub sealer: crate::crypto::Sealer,
    /// The ingest URL shown with the stream key.
    pub config: std::sync::Arc<crate::config::Config>,
    /// Live streams (viewer counts for raids, playback-token switches).
    pub ingest: std::sync::Arc<crate::ingest::Ingest>,
    /// Hot channel rows.
    pub cache: std::sync::Arc<cache::Channels>,
}

/// This capability's routes.
pub fn router<S: Clone + Send + Sync + 'static>(state: ChannelsState) -> Router<S> {
    Router::new()
        .route("/api/channels/{login}", get(get_channel).patch(update_channel))
        .route("/api/channels/{login}/stream-key", get(get_stream_key))
        .route("/api/channels/{login}/stream-key/reset", post(reset_stream_key))
        .route("/api/search/channels", get(search))
        .route("/api/users/me", get(me))
        .route("/api/raids", post(raid))
        // One `Arc`: axum clones a route's state for every request.
        .with_state(std::sync::Arc::new(state))
}

/// The wire channel: the stored row plus whether it is live now.
fn wire(c: ChannelRow, is_live: bool) -> Channel {
    Channel {
        id: c.id.to_string(),
        login: c.login,
        display_name: c.display_name,
        title: c.title,
        category: c.category,
        tags: c.tags,
        language: c.language,
        description: c.description,
        is_live,
        playback_token_required: c.playback_token_required,
    }
}

/// Load a channel by login.
pub async fn load_channel(state: &ChannelsState, login: &str) -> ApiResult<Channel> {
    // A public read: the replica may serve it (never behind the caller's own writes).
    state.db.read(|pool| async move { channel_in(&mut *pool.acquire().await?, login).await }).await
}

/// A channel as `conn` (possibly an open transaction) sees it.
async fn channel_in(conn: &mut sqlx::AnyConnection, login: &str) -> ApiResult<Channel> {
    check_login(login)?;
    let row = crate::accounts::channel(&mut *conn, login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))?;
    let live = crate::ingest::is_live(conn, row.id).await?;
    Ok(wire(row, live))
}

/// A channel's public information.
#[utoipa::path(get, path = "/api/channels/{login}", tag = "channels", operation_id = "getChannel",
    params(("login" = Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<Channel>), (status = 404, description = "No such channel", body = Problem)))]
pub async fn get_channel(
    State(state): State<std::sync::Arc<ChannelsState>>,
    Path(login): Path<String>,
) -> ApiResult<Response> {
    let answer = match state.cache.get(&login) {
        Some(a) => a,
        None => state.cache.put(&load_channel(&state, &login).await?),
    };
    let mut resp = (StatusCode::OK, answer.body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(v) = HeaderValue::from_str(&answer.etag) {
        h.insert(header::ETAG, v);
    }
    Ok(resp)
}

/// Update title, category, tags, language or description (owner, `channel:manage`).
#[utoipa::path(patch, path = "/api/channels/{login}", tag = "channels", operation_id = "updateChannel",
    params(("login" = Login, Path, description = "Channel login")),
    request_body = ChannelUpdate,
    responses((status = 200, body = Envelope<Channel>), (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem),
        (status = 404, description = "No such channel", body = Problem)),
    security(("bearer" = ["channel:manage"])))]
pub async fn update_channel(
    State(state): State<std::sync::Arc<ChannelsState>>,
    caller: Caller,
    Path(login): Path<String>,
    Json(update): Json<ChannelUpdate>,
) -> ApiResult<Json<Envelope<Channel>>> {
    let id = caller.owned_channel(&state.db, &login, "channel:manage").await?;
    Ok(Json(Envelope::one(apply_update(&state, id, &login, &update).await?)))
}

/// Change channel `id` (`login`) as `update` says: checked, stored with its
/// `channel.update` event, shown on a live session, re-indexed for search.
/// The API and the creator dashboard both come here.
pub async fn apply_update(state: &ChannelsState, id: i64, login: &str, update: &ChannelUpdate) -> ApiResult<Channel> {
    validate_update(update)?;
    // The channel row and the outbox rows of `channel.update` commit together.
    let mut change = state.bus.change(&state.db).await?;
    let c = ChannelChange {
        title: update.title.as_deref(),
        category: update.category.as_deref(),
        tags: update.tags.as_deref(),
        language: update.language.as_deref(),
        description: update.description.as_deref(),
        playback_token_required: update.playback_token_required,
    };
    crate::accounts::update_channel(change.conn(), id, &c).await?;
    let channel = channel_in(change.conn(), login).await?;
    // A live session shows what the broadcaster just set.
    crate::ingest::retitle_live_session(
        change.conn(),
        id,
        &channel.title,
        &channel.category,
        &channel.tags,
        &channel.language,
    )
    .await?;
    let shown =
        update.title.is_some() || update.category.is_some() || update.tags.is_some() || update.language.is_some();
    if shown {
        change.emit(Event::ChannelUpdate(ChannelUpdateEvent {
            broadcaster_user_id: channel.id.clone(),
            broadcaster_user_login: channel.login.clone(),
            broadcaster_user_name: channel.display_name.clone(),
            title: channel.title.clone(),
            language: channel.language.clone(),
            category_name: channel.category.clone(),
            tags: channel.tags.clone(),
        }));
    }
    change.commit().await?;
    state.cache.changed(login);
    crate::accounts::search::reindex_channel(&state.db, id).await?;
    if let Some(required) = update.playback_token_required {
        state.ingest.set_token_required(login, required);
    }
    Ok(channel)
}

/// `?from_broadcaster_login=&to_broadcaster_login=` of a raid.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RaidQuery {
    /// The raiding channel (the caller's own).
    #[param(value_type = Login)]
    pub from_broadcaster_login: String,
    /// The channel receiving the raid.
    #[param(value_type = Login)]
    pub to_broadcaster_login: String,
}

/// Send your viewers to another channel (owner of the raiding channel,
/// `channel:manage`). Unlike Twitch's 90-second countdown, the raid happens at
/// once: `channel.raid` fires and the target's chat gets a raid notice.
#[utoipa::path(post, path = "/api/raids", tag = "channels", operation_id = "startRaid", params(RaidQuery),
    responses((status = 200, body = Envelope<ChannelRaidEvent>),
        (status = 403, description = "Not the raiding channel's owner, or the scope is missing", body = Problem),
        (status = 409, description = "A channel cannot raid itself", body = Problem),
        (status = 404, description = "One of the channels does not exist", body = Problem)),
    security(("bearer" = ["channel:manage"])))]
pub async fn raid(
    State(state): State<std::sync::Arc<ChannelsState>>,
    caller: Caller,
    Query(q): Query<RaidQuery>,
) -> ApiResult<Json<Envelope<ChannelRaidEvent>>> {
    let from = caller.owned_channel(&state.db, &q.from_broadcaster_login, "channel:manage").await?;
    Ok(Json(Envelope::one(start_raid(&state, from, &q.to_broadcaster_login).await?)))
}

/// Channel `from` raids `to_login` now: the raid is stored (`raids`) with its
/// `channel.raid` notifications in one transaction. For the API and the
/// creator dashboard alike.
pub async fn start_raid(state: &ChannelsState, from: i64, to_login: &str) -> ApiResult<ChannelRaidEvent> {
    let to = crate::auth::channel_id(&state.db, to_login).await?;
    if from == to {
        return Err(ApiError::conflict("a channel cannot raid itself"));
    }
    let names = crate::accounts::names(&state.db, &[from, to]).await?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let ((f_login, f_name), (t_login, t_name)) = (name(from), name(to));
    let viewers = state.ingest.get(&f_login).map(|s| s.viewer_count()).unwrap_or(0);
    let ev = ChannelRaidEvent {
        from_broadcaster_user_id: from.to_string(),
        from_broadcaster_user_login: f_login,
        from_broadcaster_user_name: f_name,
        to_broadcaster_user_id: to.to_string(),
        to_broadcaster_user_login: t_login,
        to_broadcaster_user_name: t_name,
        viewers,
    };
    let mut change = state.bus.change(&state.db).await?;
    sqlx::query("INSERT INTO raids (id, from_channel, to_channel, viewers, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(crate::crypto::uuid())
        .bind(from)
        .bind(to)
        .bind(viewers)
        .bind(crate::store::now_ms())
        .execute(change.conn())
        .await?;
    change.emit(Event::ChannelRaid(ev.clone()));
    change.commit().await?;
    Ok(ev)
}

/// Raids a channel received lately, newest first: (from login, from display
/// name, viewers, when in ms).
pub async fn raids_received(
    db: &crate::store::Db,
    channel: i64,
    limit: i64,
) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT from_channel, viewers, created_at FROM raids WHERE to_channel = $1 ORDER BY created_at DESC LIMIT $2",
    )
    .bind(channel)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let names = crate::accounts::names(db, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, viewers, at)| names.get(&id).map(|(l, n)| (l.clone(), n.clone(), viewers, at)))
        .collect())
}

fn validate_update(u: &ChannelUpdate) -> ApiResult<()> {
    if let Some(t) = &u.title {
        check_text("title", t, 140)?;
    }
    if let Some(c) = &u.category {
        check_text("category", c, 64)?;
    }
    if let Some(d) = &u.description {
        check_text("description", d, 300)?;
    }
    if let Some(l) = &u.language {
        let ok = l == "other" || (l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()));
        if !ok {
            return Err(ApiError::bad_request(
                "'language' must be a two-letter ISO 639-1 code such as 'en', or 'other'",
            ));
        }
    }
    if let Some(tags) = &u.tags {
        if tags.len() > 10 {
            return Err(ApiError::bad_request("at most 10 tags"));
        }
        for t in tags {
            if !aethex_sdk::is_valid_tag(t) {
                return Err(ApiError::bad_request(format!(
                    "tag '{}' must be 1-25 letters or digits",
                    crate::http::truncate(t, 30)
                )));
            }
        }
    }
    Ok(())
}

/// The stream key and ingest URL (owner, `stream:key`).
#[utoipa::path(get, path = "/api/channels/{login}/stream-key", tag = "channels", operation_id = "getStreamKey",
    params(("login" = Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<StreamKey>), (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem)),
    security(("bearer" = ["stream:key"])))]
pub async fn get_stream_key(
    State(state): State<std::sync::Arc<ChannelsState>>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<StreamKey>>> {
    let id = caller.owned_channel(&state.db, &login, "stream:key").await?;
    let stream_key = crate::accounts::stream_key(&state.db, &state.sealer, id).await.map_err(ApiError::internal)?;
    Ok(Json(Envelope::one(StreamKey { stream_key, ingest_url: state.config.ingest_url() })))
}

/// Replace the stream key; the old key stops working at once (owner, `stream:key`).
#[utoipa::path(post, path = "/api/channels/{login}/stream-key/reset", tag = "channels", operation_id = "resetStreamKey",
    params(("login" = Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<StreamKey>), (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem)),
    security(("bearer" = ["stream:key"])))]
pub async fn reset_stream_key(
    State(state): State<std::sync::Arc<ChannelsState>>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<StreamKey>>> {
    let id = caller.owned_channel(&state.db, &login, "stream:key").await?;
    let key = crate::accounts::reset_stream_key(&state.db, &state.sealer, id).await?;
    tracing::info!(channel = %login, "stream key reset");
    Ok(Json(Envelope::one(StreamKey { stream_key: key, ingest_url: state.config.ingest_url() })))
}

/// `?query=` of channel search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in login, display name, title, category, tags and description
    /// (prefixes match): 1-200 characters, not blank, no control characters.
    #[param(
        max_length = 200,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f-\\u009f]*$"
    )]
    pub query: String,
}

/// Full-text channel search, best match first.
#[utoipa::path(get, path = "/api/search/channels", tag = "channels", operation_id = "searchChannels",
    params(SearchQuery, PageQuery),
    responses((status = 200, body = Envelope<Channel>)))]
pub async fn search(
    State(state): State<std::sync::Arc<ChannelsState>>,
    Query(q): Query<SearchQuery>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Channel>>> {
    check_text("query", &q.query, 200)?;
    if q.query.trim().is_empty() {
        return Err(ApiError::bad_request("'query' must not be blank"));
    }
    let p = page.page()?;
    // Search results are ranked, not keyed: the cursor is an offset.
    let ids = crate::accounts::search::search_channel_ids(&state.db, &q.query, p.after, p.limit + 1).await?;
    let live = crate::ingest::live_channel_ids(&state.db, &ids).await?;
    let channels: Vec<Channel> = crate::accounts::channels(&state.db, &ids)
        .await?
        .into_iter()
        .map(|c| {
            let is_live = live.contains(&c.id);
            wire(c, is_live)
        })
        .collect();
    let offset = p.after;
    let numbered: Vec<(i64, Channel)> =
        channels.into_iter().enumerate().map(|(i, c)| (offset + i as i64 + 1, c)).collect();
    let (items, cursor) = paged(numbered, p.limit, |(n, _)| *n);
    Ok(Json(Envelope::page(items.into_iter().map(|(_, c)| c).collect(), cursor)))
}

/// The user the token belongs to (any user token).
#[utoipa::path(get, path = "/api/users/me", tag = "users", operation_id = "getCurrentUser",
    responses((status = 200, body = Envelope<User>), (status = 403, description = "An app token, which has no user", body = Problem)),
    security(("bearer" = [])))]
pub async fn me(State(state): State<std::sync::Arc<ChannelsState>>, caller: Caller) -> ApiResult<Json<Envelope<User>>> {
    let (_, user_id) = caller.user_with_scope("")?;
    let (login, display_name, created_at) = crate::accounts::user(&state.db, user_id)
        .await?
        .ok_or_else(|| ApiError::unauthorized("the token's user no longer exists"))?;
    Ok(Json(Envelope::one(User { id: user_id.to_string(), login, display_name, created_at: rfc3339(created_at) })))
}

/// Raids from or to the user's channel, for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    Ok(vec![
        crate::store::export_rows(
            conn,
            "raids",
            "SELECT id, from_channel, to_channel, viewers, created_at FROM raids WHERE from_channel = $1 OR to_channel = $1",
            id,
        )
        .await?,
    ])
}

/// Remove raids from or to the user's channel.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM raids WHERE from_channel = $1 OR to_channel = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}
