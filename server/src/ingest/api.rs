//! `/api/streams`: stream sessions, what is live now (discovery) and past
//! broadcasts; broadcaster names come from accounts.

use axum::extract::State;
use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::Row as _;

use super::IngestState;
use crate::http::check_text;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use crate::http::page::{paged, PageQuery};
use crate::store::{int, parse_tags, rfc3339, text, Db};
use aethex_sdk::{Envelope, Problem, Stream};

const STREAM_SELECT: &str = "SELECT s.id, s.channel_id, s.title, s.category, s.tags, s.language,
    s.started_at, s.ended_at, s.viewer_count, s.peak_viewers FROM stream_sessions s";

/// Session rows as wire streams, with their broadcasters' names.
async fn streams_from_rows(db: &Db, rows: &[AnyRow]) -> Result<Vec<Stream>, sqlx::Error> {
    let ids = rows.iter().map(|r| int(r, "channel_id")).collect::<Result<Vec<_>, _>>()?;
    let names = crate::accounts::names(db, &ids).await?;
    rows.iter()
        .map(|r| {
            let (login, name) = names.get(&int(r, "channel_id")?).cloned().unwrap_or_default();
            stream_from_row(r, login, name)
        })
        .collect()
}

fn stream_from_row(row: &AnyRow, login: String, name: String) -> Result<Stream, sqlx::Error> {
    let ended_at = row.try_get::<Option<i64>, _>("ended_at")?;
    Ok(Stream {
        id: int(row, "id")?.to_string(),
        broadcaster_user_id: int(row, "channel_id")?.to_string(),
        broadcaster_login: login,
        broadcaster_name: name,
        title: text(row, "title")?,
        category: text(row, "category")?,
        tags: parse_tags(&text(row, "tags")?),
        language: text(row, "language")?,
        started_at: rfc3339(int(row, "started_at")?),
        ended_at: ended_at.map(rfc3339),
        is_live: ended_at.is_none(),
        viewer_count: if ended_at.is_none() { int(row, "viewer_count")? } else { 0 },
        peak_viewers: int(row, "peak_viewers")?,
    })
}

/// A channel's ended broadcasts, newest first.
pub async fn past_broadcasts(db: &Db, channel_id: i64, limit: i64) -> Result<Vec<Stream>, sqlx::Error> {
    let sql = format!("{STREAM_SELECT} WHERE s.channel_id = $1 AND s.ended_at IS NOT NULL ORDER BY s.id DESC LIMIT $2");
    let rows = sqlx::query(&sql).bind(channel_id).bind(limit).fetch_all(&db.pool).await?;
    streams_from_rows(db, &rows).await
}

/// One broadcast by session id.
pub async fn broadcast(db: &Db, id: i64) -> Result<Option<Stream>, sqlx::Error> {
    let rows = sqlx::query(&format!("{STREAM_SELECT} WHERE s.id = $1")).bind(id).fetch_all(&db.pool).await?;
    Ok(streams_from_rows(db, &rows).await?.pop())
}

/// A channel's most recent ended broadcast (the offline card of its page).
pub async fn last_broadcast(db: &Db, channel_id: i64) -> Result<Option<Stream>, sqlx::Error> {
    let sql = format!("{STREAM_SELECT} WHERE s.channel_id = $1 AND s.ended_at IS NOT NULL ORDER BY s.id DESC LIMIT 1");
    let rows = sqlx::query(&sql).bind(channel_id).fetch_all(&db.pool).await?;
    Ok(streams_from_rows(db, &rows).await?.pop())
}

/// A stream session id from a path: a positive integer, else 400.
pub(super) fn stream_id(id: &str) -> ApiResult<i64> {
    id.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_request(format!("stream id '{}' is not a positive number", crate::http::truncate(id, 40)))
    })
}

/// Filters of the streams list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamsQuery {
    /// Only running sessions (default `true`); `false` includes ended ones.
    pub live: Option<bool>,
    /// Only this category (case-insensitive), at most 64 characters.
    #[param(max_length = 64, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$")]
    pub category: Option<String>,
    /// Only streams in this language (the channel's `language`, such as `de`
    /// or `pt-BR`; case-insensitive).
    #[param(max_length = 16, pattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    pub language: Option<String>,
}

/// Stream sessions, newest first.
#[utoipa::path(get, path = "/api/streams", tag = "streams", operation_id = "getStreams",
    params(StreamsQuery, PageQuery),
    responses((status = 200, body = Envelope<Stream>)))]
pub async fn list(
    State(state): State<IngestState>,
    Query(q): Query<StreamsQuery>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Stream>>> {
    let p = page.page()?;
    let category = q.category.unwrap_or_default();
    check_text("category", &category, 64)?;
    // Given, it must be a tag (an empty `language=` is refused, as the schema says).
    if q.language.as_deref().is_some_and(|l| !is_language_tag(l)) {
        return Err(crate::http::error::ApiError::bad_request("'language' must be a language tag such as de or pt-BR"));
    }
    let language = q.language.unwrap_or_default();
    let sql = format!(
        "{STREAM_SELECT} WHERE ($1 = 0 OR s.ended_at IS NULL) AND ($2 = '' OR lower(s.category) = lower($2))
         AND ($3 = '' OR lower(s.language) = lower($3)) AND ($4 = 0 OR s.id < $4) ORDER BY s.id DESC LIMIT $5"
    );
    let live = i64::from(q.live.unwrap_or(true));
    let (sql, category, language) = (&sql, &category, &language);
    let rows = state
        .db
        .read(|pool| async move {
            sqlx::query(sql)
                .bind(live)
                .bind(category)
                .bind(language)
                .bind(p.after)
                .bind(p.limit + 1)
                .fetch_all(&pool)
                .await
        })
        .await?;
    let streams = streams_from_rows(&state.db, &rows).await?;
    let (items, cursor) = paged(streams, p.limit, |s| s.id.parse().unwrap_or(0));
    Ok(Json(Envelope::page(items, cursor)))
}

/// One stream session.
#[utoipa::path(get, path = "/api/streams/{id}", tag = "streams", operation_id = "getStream",
    params(("id" = i64, Path, minimum = 1, description = "Stream session id")),
    responses((status = 200, body = Envelope<Stream>), (status = 404, description = "No such stream session", body = Problem)))]
pub async fn get_stream(State(state): State<IngestState>, Path(id): Path<String>) -> ApiResult<Json<Envelope<Stream>>> {
    let num = stream_id(&id)?;
    let row = sqlx::query(&format!("{STREAM_SELECT} WHERE s.id = $1"))
        .bind(num)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("stream {num} does not exist")))?;
    let stream = streams_from_rows(&state.db, std::slice::from_ref(&row)).await?.into_iter().next();
    Ok(Json(Envelope::one(stream.ok_or_else(|| ApiError::not_found(format!("stream {num} does not exist")))?)))
}

/// A BCP 47-shaped language tag: two or three letters, then subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    tag.len() <= 16
        && (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
