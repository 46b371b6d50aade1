//! The analytics API: a player's beacon, and a broadcast's summary for its
//! creator (`analytics:read`).

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use super::Analytics;
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult, Json, Path};
use aethex_sdk::openapi::Login;
use aethex_sdk::{Envelope, StreamSummary};

/// Largest beacon body (a 2048-character referrer, JSON-escaped, still fits).
const BEACON_LIMIT: usize = 16 * 1024;

/// The players' beacon, outside the API's daily quotas (like HLS, it is
/// playback traffic: a household behind one address watching all day must
/// not run out), under the per-address limit the app puts around it.
pub fn beacon_router<S: Clone + Send + Sync + 'static>(analytics: Arc<Analytics>) -> Router<S> {
    Router::new()
        .route("/analytics/views", post(super::collect::beacon))
        .layer(axum::extract::DefaultBodyLimit::max(BEACON_LIMIT))
        .with_state(analytics)
}

/// The creator's routes (behind the API gate).
pub fn router<S: Clone + Send + Sync + 'static>(analytics: Arc<Analytics>) -> Router<S> {
    Router::new()
        .route("/api/analytics/streams/{id}", get(stream))
        .route("/api/channels/{login}/analytics/streams/latest", get(latest))
        .with_state(analytics)
}

/// The caller's own summary of stream `id`, or why not.
async fn owned(a: &Analytics, caller: &Caller, id: i64) -> ApiResult<StreamSummary> {
    let (_, user_id) = caller.user_with_scope("analytics:read")?;
    let summary = a.summary(id).await?.ok_or_else(|| ApiError::not_found(format!("no analytics for stream {id}")))?;
    if summary.broadcaster_user_id != user_id.to_string() {
        return Err(ApiError::forbidden("only the channel's owner may read its analytics"));
    }
    Ok(summary)
}

/// A broadcast's summary: final once the stream ended, provisional while it runs.
#[utoipa::path(get, path = "/api/analytics/streams/{id}", tag = "analytics", operation_id = "getStreamSummary",
    params(("id" = i64, Path, minimum = 1, description = "Stream session id")),
    responses((status = 200, body = Envelope<StreamSummary>),
        (status = 403, description = "Not the channel's owner, or the scope is missing", body = aethex_sdk::Problem),
        (status = 404, description = "No such stream", body = aethex_sdk::Problem)),
    security(("bearer" = ["analytics:read"])))]
pub async fn stream(
    axum::extract::State(a): axum::extract::State<Arc<Analytics>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Envelope<StreamSummary>>> {
    let id: i64 =
        id.parse().ok().filter(|n| *n > 0).ok_or_else(|| ApiError::bad_request("a stream id is a positive number"))?;
    Ok(Json(Envelope::one(owned(&a, &caller, id).await?)))
}

/// The summary of a channel's latest broadcast (the one running, else the last).
#[utoipa::path(get, path = "/api/channels/{login}/analytics/streams/latest", tag = "analytics", operation_id = "getLatestStreamSummary",
    params(("login" = Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<StreamSummary>),
        (status = 403, description = "Not the channel's owner, or the scope is missing", body = aethex_sdk::Problem),
        (status = 404, description = "The channel has not streamed", body = aethex_sdk::Problem)),
    security(("bearer" = ["analytics:read"])))]
pub async fn latest(
    axum::extract::State(a): axum::extract::State<Arc<Analytics>>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<StreamSummary>>> {
    let channel = caller.owned_channel(&a.db, &login, "analytics:read").await?;
    let id = a.last_stream(channel).await?.ok_or_else(|| ApiError::not_found(format!("'{login}' has not streamed")))?;
    Ok(Json(Envelope::one(owned(&a, &caller, id).await?)))
}
