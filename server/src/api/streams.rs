//! Stream sessions: what is live now (discovery) and past broadcasts. The
//! ingest capability writes sessions; this module only reads them.

use axum::extract::State;
use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::Row as _;

use super::{paged, parse_tags, PageQuery};
use crate::app::AppState;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use crate::store::{int, rfc3339, text};
use aethex_sdk::{Envelope, Problem, Stream};

const STREAM_SELECT: &str = "SELECT s.id, s.channel_id, u.login, u.display_name, s.title, s.category, s.tags, s.language,
    s.started_at, s.ended_at, s.viewer_count, s.peak_viewers FROM stream_sessions s JOIN users u ON u.id = s.channel_id";

fn stream_from_row(row: &AnyRow) -> Result<Stream, sqlx::Error> {
    let ended_at = row.try_get::<Option<i64>, _>("ended_at")?;
    Ok(Stream {
        id: int(row, "id")?.to_string(),
        broadcaster_user_id: int(row, "channel_id")?.to_string(),
        broadcaster_login: text(row, "login")?,
        broadcaster_name: text(row, "display_name")?,
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

/// Filters of the streams list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamsQuery {
    /// Only running sessions (default `true`); `false` includes ended ones.
    pub live: Option<bool>,
    /// Only this category (case-insensitive).
    pub category: Option<String>,
}

/// Stream sessions, newest first.
#[utoipa::path(get, path = "/api/streams", tag = "streams",
    params(StreamsQuery, PageQuery),
    responses((status = 200, body = Envelope<Stream>), (status = 400, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<StreamsQuery>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Stream>>> {
    let p = page.page()?;
    let category = q.category.unwrap_or_default();
    super::check_text("category", &category, 64)?;
    let sql = format!(
        "{STREAM_SELECT} WHERE ($1 = 0 OR s.ended_at IS NULL) AND ($2 = '' OR lower(s.category) = lower($2))
         AND ($3 = 0 OR s.id < $3) ORDER BY s.id DESC LIMIT $4"
    );
    let rows = sqlx::query(&sql)
        .bind(i64::from(q.live.unwrap_or(true)))
        .bind(&category)
        .bind(p.after)
        .bind(p.limit + 1)
        .fetch_all(&state.db.pool)
        .await?;
    let streams = rows.iter().map(stream_from_row).collect::<Result<Vec<_>, _>>()?;
    let (items, cursor) = paged(streams, p.limit, |s| s.id.parse().unwrap_or(0));
    Ok(Json(Envelope::page(items, cursor)))
}

/// One stream session.
#[utoipa::path(get, path = "/api/streams/{id}", tag = "streams",
    params(("id" = String, Path, description = "Stream session id")),
    responses((status = 200, body = Envelope<Stream>), (status = 404, body = Problem), (status = 400, body = Problem)))]
pub async fn get_stream(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Envelope<Stream>>> {
    let num: i64 =
        id.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            ApiError::bad_request(format!("stream id '{}' is not a number", crate::http::truncate(&id, 40)))
        })?;
    let row = sqlx::query(&format!("{STREAM_SELECT} WHERE s.id = $1"))
        .bind(num)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("stream {num} does not exist")))?;
    Ok(Json(Envelope::one(stream_from_row(&row)?)))
}
