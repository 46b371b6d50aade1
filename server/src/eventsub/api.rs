//! `/api/eventsub/subscriptions`: create, list and delete subscriptions.
//!
//! Every call needs a user token with `webhooks:manage`; each event type may
//! need one more scope and a relation to the channel (see [`super::subscribe`]).
//! Subscriptions belong to the token's app and user. AeThex differs from
//! Twitch on purpose in one way: webhook subscriptions are created with a user
//! token (whose app is recorded) rather than an app token, so the user's own
//! grant is the authorization and there is nothing separate to revoke.

use aethex_sdk::eventsub::{CreateSubscription, SubscriptionList};
use aethex_sdk::Problem;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::subscribe::{counts, SubscribeError, Subscriber};
use super::EventSub;
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult, Json, Query};
use crate::http::page::{encode_cursor, PageQuery};

pub use super::subscribe::{MAX_PER_SESSION, MAX_TOTAL_COST, MAX_WEBSOCKET_COST};

/// What EventSub's REST handlers use.
#[derive(Clone)]
pub struct EventSubState {
    /// Storage.
    pub db: crate::store::Db,
    /// Seals webhook secrets.
    pub sealer: crate::crypto::Sealer,
    /// Subscriptions and delivery.
    pub eventsub: std::sync::Arc<EventSub>,
    /// Who moderates which channel.
    pub chat: std::sync::Arc<crate::chat::Chat>,
}

/// EventSub's REST routes.
pub fn router<S: Clone + Send + Sync + 'static>(state: EventSubState) -> axum::Router<S> {
    axum::Router::new()
        .route("/api/eventsub/subscriptions", axum::routing::post(create).get(list).delete(self::delete))
        .with_state(state)
}

/// Create a subscription. Webhooks start `webhook_callback_verification_pending`
/// and are enabled once the callback echoes the challenge; WebSocket
/// subscriptions are enabled at once.
#[utoipa::path(post, path = "/api/eventsub/subscriptions", tag = "eventsub", operation_id = "createEventSubSubscription",
    request_body = CreateSubscription,
    responses((status = 202, body = SubscriptionList),
        (status = 400, description = "The type, version, condition or transport is not one the server takes: an unsupported version, \
            a condition field the type does not take or lacks, a channel that does not exist, a callback that is not public HTTPS \
            or does not resolve, a WebSocket session that is not connected", body = Problem),
        (status = 403, description = "The type's scope is missing, or the caller is not the broadcaster (or a moderator) the type needs", body = Problem),
        (status = 409, description = "The same subscription already exists", body = Problem),
        (status = 429, description = "The app's or the session's subscription limits are reached, or the API rate limit", body = Problem)),
    security(("bearer" = ["webhooks:manage"])))]
pub async fn create(
    State(state): State<EventSubState>,
    caller: Caller,
    Json(req): Json<CreateSubscription>,
) -> ApiResult<(StatusCode, Json<SubscriptionList>)> {
    let (principal, user_id) = caller.user_with_scope("webhooks:manage")?;
    let who = Subscriber { client_id: &principal.client_id, user_id, scopes: &principal.scopes };
    let sub = state.eventsub.subscribe(&state.chat, who, &req).await?;
    let mut list = totals(&state.eventsub, &principal.client_id, user_id);
    list.data = vec![sub.wire()];
    Ok((StatusCode::ACCEPTED, Json(list)))
}

impl From<SubscribeError> for ApiError {
    /// Each refusal's status; the message is the error's own text.
    fn from(e: SubscribeError) -> Self {
        use SubscribeError as E;
        match e {
            E::Encode(e) => ApiError::internal(e),
            E::Storage(e) => ApiError::internal(e),
            E::MissingScope { .. } | E::ModeratorNotCaller | E::OwnerOnly { .. } | E::ModeratorOnly { .. } => {
                ApiError::forbidden(e.to_string())
            }
            E::Duplicate => ApiError::conflict(e.to_string()),
            // Limits lift as subscriptions end; a minute is a fair first wait.
            E::OverTotalCost | E::SessionFull | E::OverWebSocketCost { .. } => {
                ApiError::rate_limited(60, e.to_string())
            }
            E::UnknownType { .. }
            | E::UnsupportedVersion { .. }
            | E::ConditionFieldNotTaken { .. }
            | E::MissingCondition { .. }
            | E::NotAUserId { .. }
            | E::NoSuchChannel { .. }
            | E::UnknownTransport { .. }
            | E::TransportFieldNotTaken { .. }
            | E::MissingTransportField { .. }
            | E::CallbackTooLong
            | E::BadSecret
            | E::CallbackRefused(_)
            | E::NoSuchSession => ApiError::bad_request(e.to_string()),
        }
    }
}

fn totals(es: &EventSub, client_id: &str, user_id: i64) -> SubscriptionList {
    let mine: Vec<_> =
        es.all().into_iter().filter(|s| s.client_id == client_id && s.user_id == user_id && counts(s)).collect();
    SubscriptionList {
        data: Vec::new(),
        total: mine.len() as i64,
        total_cost: mine.iter().map(|s| s.cost).sum(),
        max_total_cost: MAX_TOTAL_COST,
        pagination: None,
    }
}

/// `GET` filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only this status.
    pub status: Option<String>,
    /// Only this type.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<String>,
    /// Only this subscription.
    pub subscription_id: Option<String>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub first: Option<i64>,
    /// Cursor from the previous page's `pagination.cursor`.
    #[param(pattern = "^[A-Za-f][A-Za-z0-9_-]{9}[AEIMQUYcgkosw048]$")]
    pub after: Option<String>,
}

/// The token's app's subscriptions for the token's user, oldest first.
#[utoipa::path(get, path = "/api/eventsub/subscriptions", tag = "eventsub", operation_id = "getEventSubSubscriptions", params(ListQuery),
    responses((status = 200, body = SubscriptionList)),
    security(("bearer" = ["webhooks:manage"])))]
pub async fn list(
    State(state): State<EventSubState>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<SubscriptionList>> {
    let (principal, user_id) = caller.user_with_scope("webhooks:manage")?;
    let page = PageQuery { first: q.first, after: q.after.clone() }.page()?;
    let mut mine: Vec<_> = state
        .eventsub
        .all()
        .into_iter()
        .filter(|s| s.client_id == principal.client_id && s.user_id == user_id)
        .filter(|s| q.status.as_deref().is_none_or(|st| s.status == st))
        .filter(|s| q.kind.as_deref().is_none_or(|k| s.kind == k))
        .filter(|s| q.subscription_id.as_deref().is_none_or(|i| s.id == i))
        .collect();
    mine.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let start = page.after as usize;
    let end = (start + page.limit as usize).min(mine.len());
    let data = mine.get(start..end).unwrap_or_default().iter().map(|s| s.wire()).collect();
    let cursor = (end < mine.len()).then(|| encode_cursor(end as i64));
    let mut list = totals(&state.eventsub, &principal.client_id, user_id);
    list.data = data;
    list.pagination = Some(aethex_sdk::Pagination { cursor });
    Ok(Json(list))
}

/// `?id=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteQuery {
    /// The subscription.
    pub id: String,
}

/// End a subscription; nothing more is delivered for it.
#[utoipa::path(delete, path = "/api/eventsub/subscriptions", tag = "eventsub", operation_id = "deleteEventSubSubscription", params(DeleteQuery),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such subscription of this app and user", body = Problem)),
    security(("bearer" = ["webhooks:manage"])))]
pub async fn delete(
    State(state): State<EventSubState>,
    caller: Caller,
    Query(q): Query<DeleteQuery>,
) -> ApiResult<StatusCode> {
    let (principal, user_id) = caller.user_with_scope("webhooks:manage")?;
    if !state.eventsub.delete_of(&q.id, user_id, Some(&principal.client_id)).await? {
        return Err(ApiError::not_found(format!("subscription '{}' does not exist", crate::http::truncate(&q.id, 40))));
    }
    Ok(StatusCode::NO_CONTENT)
}
