//! The analytics API: a player's beacon, and a broadcast's summary for its
//! creator (`analytics:read`).

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use super::Analytics;
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult, Json, Path};
use aethex_sdk::openapi::Login;
use aethex_sdk::{ChannelAnalytics, Envelope, PlatformAnalytics, StreamSummary};

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
        .route("/api/channels/{login}/analytics", get(channel))
        .route("/api/analytics/platform", get(platform))
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

/// Longest range of days one request covers.
pub const MAX_DAYS: i64 = 92;

/// `from` and `to` of the channel analytics.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Range {
    /// First UTC day, `YYYY-MM-DD` (default: 29 days before `to`).
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    pub from: Option<String>,
    /// Last UTC day, included, `YYYY-MM-DD` (default: today). At most 92 days in all.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    pub to: Option<String>,
}

fn day(s: &str, what: &str) -> ApiResult<i64> {
    aethex_sdk::time::parse_rfc3339(&format!("{s}T00:00:00Z"))
        .filter(|_| s.len() == 10)
        .ok_or_else(|| ApiError::bad_request(format!("{what} is a day like 2026-11-30")))
}

/// A channel's numbers per UTC day over a range, the range's totals, and the
/// same length of time before it, for growth.
#[utoipa::path(get, path = "/api/channels/{login}/analytics", tag = "analytics", operation_id = "getChannelAnalytics",
    params(("login" = Login, Path, description = "Channel login"), Range),
    responses((status = 200, body = Envelope<ChannelAnalytics>),
        (status = 403, description = "Not the channel's owner, or the scope is missing", body = aethex_sdk::Problem)),
    security(("bearer" = ["analytics:read"])))]
pub async fn channel(
    axum::extract::State(a): axum::extract::State<Arc<Analytics>>,
    caller: Caller,
    Path(login): Path<String>,
    crate::http::error::Query(range): crate::http::error::Query<Range>,
) -> ApiResult<Json<Envelope<ChannelAnalytics>>> {
    let today = a.now().div_euclid(super::channel::DAY) * super::channel::DAY;
    let to = range.to.as_deref().map(|t| day(t, "to")).transpose()?.unwrap_or(today) + super::channel::DAY;
    let from = range.from.as_deref().map(|f| day(f, "from")).transpose()?.unwrap_or(to - 30 * super::channel::DAY);
    if from >= to || to - from > MAX_DAYS * super::channel::DAY {
        return Err(ApiError::bad_request(format!("from must be on or before to, at most {MAX_DAYS} days apart")));
    }
    let channel = caller.owned_channel(&a.db, &login, "analytics:read").await?;
    Ok(Json(Envelope::one(a.channel(channel, from, to).await?)))
}

/// The day of the platform analytics.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlatformDay {
    /// The UTC day the numbers end on, `YYYY-MM-DD` (default: today).
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    pub date: Option<String>,
}

/// Routes listed in the platform's health.
pub const HEALTH_ROUTES: usize = 10;

/// The platform's numbers for its operators: DAU, WAU, MAU, stickiness,
/// churn, weekly cohorts, revenue and ARPU by currency, region and creator
/// tier, creators, categories, countries, live and trending channels, and the
/// server's health.
#[utoipa::path(get, path = "/api/analytics/platform", tag = "analytics", operation_id = "getPlatformAnalytics",
    params(PlatformDay),
    responses((status = 200, body = Envelope<PlatformAnalytics>),
        (status = 403, description = "Not an operator, or the scope is missing", body = aethex_sdk::Problem)),
    security(("bearer" = ["analytics:read"])))]
pub async fn platform(
    axum::extract::State(a): axum::extract::State<Arc<Analytics>>,
    caller: Caller,
    crate::http::error::Query(q): crate::http::error::Query<PlatformDay>,
) -> ApiResult<Json<Envelope<PlatformAnalytics>>> {
    let today = a.now().div_euclid(super::channel::DAY);
    let date = q.date.as_deref().map(|d| day(d, "date")).transpose()?.map(|d| d / super::channel::DAY);
    if date.is_some_and(|d| d > today) {
        return Err(ApiError::bad_request("date is today or earlier"));
    }
    let (_, user_id) = caller.user_with_scope("analytics:read")?;
    operator(&a, user_id).await?;
    let health = a.health(HEALTH_ROUTES);
    Ok(Json(Envelope::one(a.platform(date.unwrap_or(today), health).await?)))
}

/// Only the platform's operators read its analytics.
pub async fn operator(a: &Analytics, user_id: i64) -> ApiResult<()> {
    let login = crate::accounts::names(&a.db, &[user_id]).await?.remove(&user_id).map(|(l, _)| l).unwrap_or_default();
    if a.is_operator(&login) {
        Ok(())
    } else {
        Err(ApiError::forbidden("only the platform's operators read its analytics"))
    }
}
