//! Channels: public info, owner updates, the stream key, and search.

use axum::extract::State;
use serde::Deserialize;

use super::{channel_from_row, check_login, check_text, owned_channel, paged, PageQuery, CHANNEL_COLUMNS};
use crate::accounts::new_stream_key;
use crate::app::AppState;
use crate::auth::Caller;
use crate::crypto::hash_secret;
use crate::events::Event;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use crate::store::{int, now_ms};
use aethex_sdk::{Channel, ChannelRaidEvent, ChannelUpdate, ChannelUpdateEvent, Envelope, Problem, StreamKey};

/// Load a channel by login.
pub async fn load_channel(state: &AppState, login: &str) -> ApiResult<Channel> {
    channel_in(&mut *state.db.pool.acquire().await?, login).await
}

/// A channel as `conn` (possibly an open transaction) sees it.
async fn channel_in(conn: &mut sqlx::AnyConnection, login: &str) -> ApiResult<Channel> {
    check_login(login)?;
    let sql = format!("SELECT {CHANNEL_COLUMNS} FROM users u JOIN channels c ON c.id = u.id WHERE u.login = $1");
    let row = sqlx::query(&sql)
        .bind(login)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))?;
    Ok(channel_from_row(&row)?)
}

/// A channel's public information.
#[utoipa::path(get, path = "/api/channels/{login}", tag = "channels",
    params(("login" = String, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<Channel>), (status = 404, body = Problem), (status = 400, body = Problem)))]
pub async fn get_channel(
    State(state): State<AppState>,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<Channel>>> {
    Ok(Json(Envelope::one(load_channel(&state, &login).await?)))
}

/// Update title, category, tags, language or description (owner, `channel:manage`).
#[utoipa::path(patch, path = "/api/channels/{login}", tag = "channels",
    params(("login" = String, Path, description = "Channel login")),
    request_body = ChannelUpdate,
    responses((status = 200, body = Envelope<Channel>), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = ["channel:manage"])))]
pub async fn update_channel(
    State(state): State<AppState>,
    caller: Caller,
    Path(login): Path<String>,
    Json(update): Json<ChannelUpdate>,
) -> ApiResult<Json<Envelope<Channel>>> {
    let id = owned_channel(&state, &caller, &login, "channel:manage").await?;
    validate_update(&update)?;
    let tags = update.tags.as_ref().map(|t| serde_json::to_string(t).unwrap_or_else(|_| "[]".into()));
    // The channel row and the outbox rows of `channel.update` commit together.
    let mut change = state.bus.change(&state.db).await?;
    sqlx::query(
        "UPDATE channels SET title = COALESCE($1, title), category = COALESCE($2, category), tags = COALESCE($3, tags),
         language = COALESCE($4, language), description = COALESCE($5, description),
         playback_token_required = COALESCE($8, playback_token_required), updated_at = $6 WHERE id = $7",
    )
    .bind(update.title.as_deref())
    .bind(update.category.as_deref())
    .bind(tags.as_deref())
    .bind(update.language.as_deref())
    .bind(update.description.as_deref())
    .bind(now_ms())
    .bind(id)
    .bind(update.playback_token_required.map(i64::from))
    .execute(change.conn())
    .await?;
    // A live session shows what the broadcaster just set.
    sqlx::query(
        "UPDATE stream_sessions SET title = c.title, category = c.category, tags = c.tags, language = c.language
         FROM (SELECT title, category, tags, language FROM channels WHERE id = $1) AS c
         WHERE channel_id = $1 AND ended_at IS NULL",
    )
    .bind(id)
    .execute(change.conn())
    .await?;
    let channel = channel_in(change.conn(), &login).await?;
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
    state.db.reindex_channel(id).await?;
    if let (Some(required), Some(stream)) = (update.playback_token_required, state.ingest.get(&login)) {
        stream.token_required.store(required, std::sync::atomic::Ordering::Release);
    }
    Ok(Json(Envelope::one(channel)))
}

/// `?from_broadcaster_login=&to_broadcaster_login=` of a raid.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RaidQuery {
    /// The raiding channel (the caller's own).
    pub from_broadcaster_login: String,
    /// The channel receiving the raid.
    pub to_broadcaster_login: String,
}

/// Send your viewers to another channel (owner of the raiding channel,
/// `channel:manage`). Unlike Twitch's 90-second countdown, the raid happens at
/// once: `channel.raid` fires and the target's chat gets a raid notice.
#[utoipa::path(post, path = "/api/raids", tag = "channels", params(RaidQuery),
    responses((status = 200, body = Envelope<ChannelRaidEvent>), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = ["channel:manage"])))]
pub async fn raid(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<RaidQuery>,
) -> ApiResult<Json<Envelope<ChannelRaidEvent>>> {
    let from = owned_channel(&state, &caller, &q.from_broadcaster_login, "channel:manage").await?;
    let to = super::channel_id(&state, &q.to_broadcaster_login).await?;
    if from == to {
        return Err(ApiError::bad_request("a channel cannot raid itself"));
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
    // No row of its own: the change holds only the event's outbox rows, so the
    // raid is answered once its notifications are stored.
    let mut change = state.bus.change(&state.db).await?;
    change.emit(Event::ChannelRaid(ev.clone()));
    change.commit().await?;
    Ok(Json(Envelope::one(ev)))
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
            if t.is_empty() || t.chars().count() > 25 || !t.chars().all(char::is_alphanumeric) {
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
#[utoipa::path(get, path = "/api/channels/{login}/stream-key", tag = "channels",
    params(("login" = String, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<StreamKey>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = ["stream:key"])))]
pub async fn get_stream_key(
    State(state): State<AppState>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<StreamKey>>> {
    let id = owned_channel(&state, &caller, &login, "stream:key").await?;
    let sealed: String = sqlx::query_scalar("SELECT stream_key_sealed FROM channels WHERE id = $1")
        .bind(id)
        .fetch_one(&state.db.pool)
        .await?;
    let stream_key = state.sealer.open(&sealed).map_err(ApiError::internal)?;
    Ok(Json(Envelope::one(StreamKey { stream_key, ingest_url: state.config.ingest_url() })))
}

/// Replace the stream key; the old key stops working at once (owner, `stream:key`).
#[utoipa::path(post, path = "/api/channels/{login}/stream-key/reset", tag = "channels",
    params(("login" = String, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<StreamKey>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = ["stream:key"])))]
pub async fn reset_stream_key(
    State(state): State<AppState>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<StreamKey>>> {
    let id = owned_channel(&state, &caller, &login, "stream:key").await?;
    let key = new_stream_key(id);
    sqlx::query("UPDATE channels SET stream_key_hash = $1, stream_key_sealed = $2, updated_at = $3 WHERE id = $4")
        .bind(hash_secret(&key))
        .bind(state.sealer.seal(&key))
        .bind(now_ms())
        .bind(id)
        .execute(&state.db.pool)
        .await?;
    tracing::info!(channel = %login, "stream key reset");
    Ok(Json(Envelope::one(StreamKey { stream_key: key, ingest_url: state.config.ingest_url() })))
}

/// `?query=` of channel search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in login, display name, title, category, tags and description (prefixes match).
    pub query: String,
}

/// Full-text channel search, best match first.
#[utoipa::path(get, path = "/api/search/channels", tag = "channels",
    params(SearchQuery, PageQuery),
    responses((status = 200, body = Envelope<Channel>), (status = 400, body = Problem)))]
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Channel>>> {
    if q.query.trim().is_empty() || q.query.len() > 200 {
        return Err(ApiError::bad_request("'query' must be 1-200 characters"));
    }
    let p = page.page()?;
    // Search results are ranked, not keyed: the cursor is an offset.
    let ids = state.db.search_channel_ids(&q.query, p.after, p.limit + 1).await?;
    let mut channels = Vec::with_capacity(ids.len());
    if !ids.is_empty() {
        let placeholders = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT {CHANNEL_COLUMNS} FROM users u JOIN channels c ON c.id = u.id WHERE u.id IN ({placeholders})"
        );
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(&state.db.pool).await?;
        for id in &ids {
            if let Some(row) = rows.iter().find(|r| int(r, "id").ok() == Some(*id)) {
                channels.push(channel_from_row(row)?);
            }
        }
    }
    let offset = p.after;
    let numbered: Vec<(i64, Channel)> =
        channels.into_iter().enumerate().map(|(i, c)| (offset + i as i64 + 1, c)).collect();
    let (items, cursor) = paged(numbered, p.limit, |(n, _)| *n);
    Ok(Json(Envelope::page(items.into_iter().map(|(_, c)| c).collect(), cursor)))
}
