//! The recommender's REST face: lists for a viewer, channels like a
//! channel, clicks, the personalisation setting, and operators' numbers.

use std::collections::HashSet;
use std::sync::Arc;

use aethex_sdk::{Envelope, RecommendationClick, RecommendationList, RecommendationSettings, RecommendationStats};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;

use super::{ClickError, ClickFailure, List, Recs, Who};
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult, Query};

/// The recommender's routes.
pub fn router<S: Clone + Send + Sync + 'static>(recs: Arc<Recs>) -> axum::Router<S> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/api/recommendations", get(recommendations))
        .route("/api/recommendations/clicks", post(click))
        .route("/api/recommendations/stats", get(stats))
        .route("/api/channels/{login}/similar", get(similar))
        .route("/api/users/me/recommendations", get(get_settings).put(put_settings))
        .with_state(recs)
}

/// Who asks, and for how many.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// How many (1–50, default 10).
    #[param(minimum = 1, maximum = 50)]
    pub first: Option<u32>,
    /// Where the list is shown: `home`, `discover` or `api` (default).
    #[param(pattern = "^(home|discover|api)$")]
    pub list: Option<String>,
    /// An anonymous viewer's browser id (8–64 letters, digits, `-`, `_`),
    /// for lists that follow what this browser watched.
    #[param(pattern = "^[A-Za-z0-9_-]{8,64}$")]
    pub browser: Option<String>,
    /// Leave out the channels the signed-in viewer follows (shown elsewhere).
    pub exclude_followed: Option<bool>,
}

/// An id a page made up: 8 to 64 letters, digits, `-` or `_`.
pub fn valid_browser(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The first language of `Accept-Language`.
pub fn accept_language(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(axum::http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let first = v.split(',').next()?.split(';').next()?.trim();
    (!first.is_empty() && first != "*" && first.len() <= 35).then(|| first.to_ascii_lowercase())
}

fn first(n: Option<u32>) -> ApiResult<usize> {
    match n {
        None => Ok(10),
        Some(n @ 1..=50) => Ok(n as usize),
        Some(_) => Err(ApiError::bad_request("first is from 1 to 50")),
    }
}

fn browser(b: Option<String>) -> ApiResult<Option<String>> {
    match b {
        Some(b) if !valid_browser(&b) => Err(ApiError::bad_request("browser is 8 to 64 letters, digits, - or _")),
        b => Ok(b),
    }
}

/// Live channels for the caller: their channels live now and discoveries
/// ranked for them (signed in, or an anonymous browser's history), popular
/// ones in their language otherwise; a share of small channels.
#[utoipa::path(get, path = "/api/recommendations", tag = "recommendations", operation_id = "getRecommendations",
    params(ListQuery),
    responses((status = 200, body = RecommendationList),
        (status = 400, description = "A parameter is out of range", body = aethex_sdk::Problem)))]
pub async fn recommendations(
    State(recs): State<Arc<Recs>>,
    caller: Caller,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<RecommendationList>> {
    let n = first(q.first)?;
    let list = match q.list.as_deref() {
        None => List::Api,
        Some(l) => List::parse(l).filter(|l| *l != List::Similar).ok_or_else(|| {
            ApiError::bad_request("list is home, discover or api (similar channels have their own endpoint)")
        })?,
    };
    let browser = browser(q.browser)?;
    let user = caller.0.as_ref().and_then(|p| p.user_id);
    let mut exclude = HashSet::new();
    if let (Some(u), Some(true)) = (user, q.exclude_followed) {
        exclude.extend(crate::social::followed_channels(&recs.db, u).await?);
    }
    let who = Who { user, browser, language: accept_language(&headers) };
    Ok(Json(recs.recommend(&who, list, n, exclude).await?))
}

/// Channels like this one, live now: watched by the same viewers, or about
/// the same things.
#[utoipa::path(get, path = "/api/channels/{login}/similar", tag = "recommendations", operation_id = "getSimilarChannels",
    params(("login" = aethex_sdk::openapi::Login, Path, description = "Channel login"),
        ("first" = Option<u32>, Query, minimum = 1, maximum = 50, description = "How many (default 10)")),
    responses((status = 200, body = RecommendationList),
        (status = 400, description = "Not a login, or first out of range", body = aethex_sdk::Problem),
        (status = 404, description = "No such channel", body = aethex_sdk::Problem)))]
pub async fn similar(
    State(recs): State<Arc<Recs>>,
    caller: Caller,
    Path(login): Path<String>,
    Query(q): Query<SimilarQuery>,
) -> ApiResult<Json<RecommendationList>> {
    crate::http::check_login(&login)?;
    let n = first(q.first)?;
    let id = crate::accounts::user_id_by_login(&recs.db, &login.to_ascii_lowercase())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))?;
    let who = Who { user: caller.0.as_ref().and_then(|p| p.user_id), ..Who::default() };
    Ok(Json(recs.similar(&who, id, n).await?))
}

/// `?first=` of similar channels.
#[derive(Debug, serde::Deserialize)]
pub struct SimilarQuery {
    first: Option<u32>,
}

/// Report a click on a recommendation (its `tracking`), once per shown
/// recommendation; the same caller (user token, or the same `browser`) that
/// fetched the list.
#[utoipa::path(post, path = "/api/recommendations/clicks", tag = "recommendations", operation_id = "postRecommendationClick",
    request_body = RecommendationClick,
    responses((status = 204, description = "Counted (or already counted)"),
        (status = 400, description = "Not a tracking token, login or browser id", body = aethex_sdk::Problem),
        (status = 404, description = "No such channel, or no recommendation with this tracking was shown to this caller for it in the last two hours", body = aethex_sdk::Problem)))]
pub async fn click(
    State(recs): State<Arc<Recs>>,
    caller: Caller,
    crate::http::error::Json(body): crate::http::error::Json<RecommendationClick>,
) -> ApiResult<StatusCode> {
    let browser = browser(body.browser)?;
    if !aethex_sdk::is_valid_login(&body.broadcaster_login.to_ascii_lowercase()) || body.tracking.len() > 200 {
        return Err(ApiError::bad_request("broadcaster_login is a login and tracking a recommendation's tracking"));
    }
    let who = Who { user: caller.0.as_ref().and_then(|p| p.user_id), browser, language: None };
    match recs.click(&who, &body.broadcaster_login.to_ascii_lowercase(), &body.tracking).await {
        Ok(_) => Ok(StatusCode::NO_CONTENT),
        Err(ClickFailure::Refused(ClickError::Channel)) => Err(ApiError::not_found("no such channel")),
        Err(ClickFailure::Refused(e)) => Err(ApiError::not_found(e.to_string())),
        Err(ClickFailure::Db(e)) => Err(e.into()),
    }
}

/// `?days=` of the stats.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// Days back, today included (1–90, default 7).
    #[param(minimum = 1, maximum = 90)]
    pub days: Option<i64>,
}

/// The model serving now and each experiment variant's impressions,
/// clicks, click-through rate and watch time per click (operators).
#[utoipa::path(get, path = "/api/recommendations/stats", tag = "recommendations", operation_id = "getRecommendationStats",
    params(StatsQuery),
    responses((status = 200, body = Envelope<RecommendationStats>),
        (status = 400, description = "days out of range", body = aethex_sdk::Problem),
        (status = 403, description = "Not an operator, or the scope is missing", body = aethex_sdk::Problem)),
    security(("bearer" = ["analytics:read"])))]
pub async fn stats(
    State(recs): State<Arc<Recs>>,
    caller: Caller,
    Query(q): Query<StatsQuery>,
) -> ApiResult<Json<Envelope<RecommendationStats>>> {
    let days = q.days.unwrap_or(7);
    if !(1..=90).contains(&days) {
        return Err(ApiError::bad_request("days is from 1 to 90"));
    }
    let (_, user_id) = caller.user_with_scope("analytics:read")?;
    crate::analytics::api::operator(&recs.analytics, user_id).await?;
    Ok(Json(Envelope::one(recs.stats(days).await?)))
}

/// Whether the caller's recommendations use their viewing history.
#[utoipa::path(get, path = "/api/users/me/recommendations", tag = "recommendations", operation_id = "getRecommendationSettings",
    responses((status = 200, body = RecommendationSettings)),
    security(("bearer" = ["user:read"])))]
pub async fn get_settings(State(recs): State<Arc<Recs>>, caller: Caller) -> ApiResult<Json<RecommendationSettings>> {
    let (_, user) = caller.user_with_scope("user:read")?;
    Ok(Json(RecommendationSettings { personalised: recs.personalised(user).await? }))
}

/// Turn personalised recommendations on or off for the caller. Off: lists
/// stop using their history at once, and it leaves the model at the next training.
#[utoipa::path(put, path = "/api/users/me/recommendations", tag = "recommendations", operation_id = "putRecommendationSettings",
    request_body = RecommendationSettings,
    responses((status = 200, body = RecommendationSettings)),
    security(("bearer" = ["user:edit:settings"])))]
pub async fn put_settings(
    State(recs): State<Arc<Recs>>,
    caller: Caller,
    crate::http::error::Json(body): crate::http::error::Json<RecommendationSettings>,
) -> ApiResult<Json<RecommendationSettings>> {
    let (_, user) = caller.user_with_scope("user:edit:settings")?;
    recs.set_personalised(user, body.personalised).await?;
    Ok(Json(body))
}
