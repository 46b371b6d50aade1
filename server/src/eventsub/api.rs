//! `/api/eventsub/subscriptions`: create, list and delete subscriptions.
//!
//! Every call needs a user token with `webhooks:manage`; each event type may
//! need one more scope and a relation to the channel (see [`RULES`]).
//! Subscriptions belong to the token's app and user. AeThex differs from
//! Twitch on purpose in one way: webhook subscriptions are created with a user
//! token (whose app is recorded) rather than an app token, so the user's own
//! grant is the authorization and there is nothing separate to revoke.

use std::sync::Arc;

use aethex_sdk::eventsub::{Condition, CreateSubscription, SubscriptionList, EVENT_TYPES};
use aethex_sdk::Problem;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::{delivery, guard, status, EventSub, Sub, Target};
use crate::http::page::{encode_cursor, PageQuery};
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult, Json, Query};
use crate::store::now_ms;

/// Who may subscribe to a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Any user: the events are public.
    Anyone,
    /// The broadcaster only.
    Owner,
    /// The broadcaster or one of their moderators.
    Moderator,
}

/// One event type's rules.
struct Rule {
    kind: &'static str,
    versions: &'static [&'static str],
    scope: Option<&'static str>,
    who: Who,
}

/// The rules for every type in [`EVENT_TYPES`].
const RULES: &[Rule] = &[
    Rule { kind: "stream.online", versions: &["1"], scope: None, who: Who::Anyone },
    Rule { kind: "stream.offline", versions: &["1"], scope: None, who: Who::Anyone },
    Rule { kind: "channel.update", versions: &["1", "2"], scope: None, who: Who::Anyone },
    Rule {
        kind: "channel.follow",
        versions: &["1", "2"],
        scope: Some("moderator:read:followers"),
        who: Who::Moderator,
    },
    Rule { kind: "channel.subscribe", versions: &["1"], scope: Some("channel:read:subscriptions"), who: Who::Owner },
    Rule {
        kind: "channel.subscription.end",
        versions: &["1"],
        scope: Some("channel:read:subscriptions"),
        who: Who::Owner,
    },
    Rule { kind: "channel.donation", versions: &["1"], scope: Some("donations:read"), who: Who::Owner },
    Rule { kind: "channel.raid", versions: &["1"], scope: None, who: Who::Anyone },
    Rule { kind: "channel.chat.message", versions: &["1"], scope: Some("chat:read"), who: Who::Anyone },
    Rule { kind: "channel.ban", versions: &["1"], scope: Some("moderator:manage"), who: Who::Moderator },
];

/// Most total cost of one app's webhook subscriptions.
pub const MAX_TOTAL_COST: i64 = 10_000;
/// Most enabled subscriptions on one WebSocket session.
pub const MAX_PER_SESSION: usize = 300;
/// Most total cost of one user's WebSocket subscriptions per app.
pub const MAX_WEBSOCKET_COST: i64 = 10;

/// What EventSub's REST handlers use.
#[derive(Clone)]
pub struct EventSubState {
    /// Storage.
    pub db: crate::store::Db,
    /// Seals webhook secrets.
    pub sealer: crate::crypto::Sealer,
    /// Subscriptions and delivery.
    pub eventsub: Arc<EventSub>,
    /// Who moderates which channel.
    pub chat: Arc<crate::chat::Chat>,
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
#[utoipa::path(post, path = "/api/eventsub/subscriptions", tag = "eventsub", request_body = CreateSubscription,
    responses((status = 202, body = SubscriptionList), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 429, body = Problem)),
    security(("bearer" = ["webhooks:manage"])))]
pub async fn create(
    State(state): State<EventSubState>,
    caller: Caller,
    Json(req): Json<CreateSubscription>,
) -> ApiResult<(StatusCode, Json<SubscriptionList>)> {
    let (principal, user_id) = caller.user_with_scope("webhooks:manage")?;
    let es = &state.eventsub;
    let rule = RULES.iter().find(|r| r.kind == req.kind).ok_or_else(|| {
        ApiError::bad_request(format!(
            "unknown subscription type '{}'; known types: {}",
            crate::http::truncate(&req.kind, 60),
            EVENT_TYPES.join(", ")
        ))
    })?;
    if !rule.versions.contains(&req.version.as_str()) {
        return Err(ApiError::bad_request(format!(
            "unsupported version '{}' of {}; supported: {}",
            crate::http::truncate(&req.version, 20),
            rule.kind,
            rule.versions.join(", ")
        )));
    }
    if let Some(scope) = rule.scope {
        if !principal.scopes.iter().any(|s| s == scope) {
            return Err(ApiError::forbidden(format!("{} needs the scope '{scope}'", rule.kind)));
        }
    }
    let (condition_key, broadcaster_id) = condition_channel(&state, rule, &req.condition, user_id).await?;
    let is_owner = broadcaster_id == user_id;
    let is_mod = is_owner || is_moderator(&state, broadcaster_id, user_id).await?;
    match rule.who {
        Who::Owner if !is_owner => {
            return Err(ApiError::forbidden(format!("only the broadcaster may subscribe to {}", rule.kind)))
        }
        Who::Moderator if !is_mod => {
            return Err(ApiError::forbidden(format!(
                "only the broadcaster or a moderator may subscribe to {}",
                rule.kind
            )))
        }
        _ => {}
    }
    let cost = if is_owner || (rule.who == Who::Moderator && is_mod) { 0 } else { 1 };
    let condition_json = serde_json::to_string(&req.condition).map_err(ApiError::internal)?;
    let now = now_ms();
    let id = crate::crypto::uuid();
    let (target, sub_status, sealed) = match req.transport.method.as_str() {
        "webhook" => {
            if req.transport.session_id.is_some() {
                return Err(ApiError::bad_request(
                    "a webhook transport takes 'callback' and 'secret', not 'session_id'",
                ));
            }
            let callback = req
                .transport
                .callback
                .clone()
                .ok_or_else(|| ApiError::bad_request("webhook transport needs 'callback'"))?;
            if callback.len() > 2048 {
                return Err(ApiError::bad_request("'callback' is longer than 2048 characters"));
            }
            let secret = req
                .transport
                .secret
                .clone()
                .ok_or_else(|| ApiError::bad_request("webhook transport needs 'secret'"))?;
            if !(10..=100).contains(&secret.len()) || !secret.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(ApiError::bad_request("'secret' must be 10 to 100 printable ASCII characters"));
            }
            let policy = guard::Policy { allow_private: es.config.allow_private, allow_http: false };
            let url = policy.check(&callback).await.map_err(|e| ApiError::bad_request(format!("callback: {e}")))?;
            let sealed = state.sealer.seal(&secret);
            (Target::Webhook { callback: url.to_string(), secret }, status::PENDING, Some(sealed))
        }
        "websocket" => {
            if req.transport.callback.is_some() || req.transport.secret.is_some() {
                return Err(ApiError::bad_request(
                    "a websocket transport takes 'session_id', not 'callback' or 'secret'",
                ));
            }
            let session_id = req
                .transport
                .session_id
                .clone()
                .ok_or_else(|| ApiError::bad_request("websocket transport needs 'session_id'"))?;
            if !es.sockets.is_live(&session_id) {
                return Err(ApiError::bad_request("the websocket session does not exist or has already disconnected"));
            }
            (Target::WebSocket { session_id }, status::ENABLED, None)
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "unknown transport method '{}'; use 'webhook' or 'websocket'",
                crate::http::truncate(other, 30)
            )))
        }
    };
    check_limits(es, &principal.client_id, user_id, &target, cost, &req, &condition_json)?;
    let (callback, session_id) = match &target {
        Target::Webhook { callback, .. } => (Some(callback.clone()), None),
        Target::WebSocket { session_id } => (None, Some(session_id.clone())),
    };
    sqlx::query(
        "INSERT INTO eventsub_subscriptions (id, client_id, user_id, type, version, condition, condition_key, broadcaster_id,
         method, callback, secret_sealed, session_id, status, cost, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&id)
    .bind(&principal.client_id)
    .bind(user_id)
    .bind(rule.kind)
    .bind(&req.version)
    .bind(&condition_json)
    .bind(condition_key)
    .bind(broadcaster_id)
    .bind(&req.transport.method)
    .bind(callback)
    .bind(sealed)
    .bind(session_id.clone())
    .bind(sub_status)
    .bind(cost)
    .bind(now)
    .execute(&state.db.pool)
    .await?;
    let sub = es.remember(Sub {
        id,
        client_id: principal.client_id.clone(),
        user_id,
        kind: rule.kind.to_string(),
        version: req.version.clone(),
        condition: req.condition.clone(),
        condition_key: condition_key.to_string(),
        broadcaster_id,
        target,
        status: sub_status.to_string(),
        cost,
        created_at: now,
    });
    match &sub.target {
        Target::Webhook { .. } => {
            tokio::spawn(delivery::verify(es.clone(), sub.clone()));
        }
        Target::WebSocket { session_id } => es.sockets.mark_used(session_id),
    }
    let mut list = totals(es, &principal.client_id, user_id);
    list.data = vec![sub.wire()];
    Ok((StatusCode::ACCEPTED, Json(list)))
}

/// The channel the condition names, and in which field; 400 for conditions that do not fit the type.
async fn condition_channel(
    state: &EventSubState,
    rule: &Rule,
    c: &Condition,
    user_id: i64,
) -> ApiResult<(&'static str, i64)> {
    if let Some(m) = &c.moderator_user_id {
        if m.parse::<i64>().ok() != Some(user_id) {
            return Err(ApiError::forbidden("'moderator_user_id' must be the token's user"));
        }
        if rule.who != Who::Moderator {
            return Err(ApiError::bad_request(format!("{} takes no 'moderator_user_id'", rule.kind)));
        }
    }
    let (key, value) = if rule.kind == "channel.raid" {
        if c.broadcaster_user_id.is_some() {
            return Err(ApiError::bad_request(
                "channel.raid takes 'from_broadcaster_user_id' or 'to_broadcaster_user_id'",
            ));
        }
        match (&c.from_broadcaster_user_id, &c.to_broadcaster_user_id) {
            (Some(f), None) => ("from_broadcaster_user_id", f),
            (None, Some(t)) => ("to_broadcaster_user_id", t),
            _ => {
                return Err(ApiError::bad_request(
                    "channel.raid needs exactly one of 'from_broadcaster_user_id' and 'to_broadcaster_user_id'",
                ))
            }
        }
    } else {
        if c.from_broadcaster_user_id.is_some() || c.to_broadcaster_user_id.is_some() {
            return Err(ApiError::bad_request(format!("{} takes 'broadcaster_user_id' only", rule.kind)));
        }
        let b = c
            .broadcaster_user_id
            .as_ref()
            .ok_or_else(|| ApiError::bad_request(format!("{} needs condition 'broadcaster_user_id'", rule.kind)))?;
        ("broadcaster_user_id", b)
    };
    let id: i64 = value
        .parse()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| ApiError::bad_request(format!("'{key}' must be a user id")))?;
    if crate::accounts::login_of(&state.db, id).await?.is_none() {
        return Err(ApiError::bad_request(format!("'{key}' names a channel that does not exist")));
    }
    Ok((key, id))
}

async fn is_moderator(state: &EventSubState, channel_id: i64, user_id: i64) -> ApiResult<bool> {
    Ok(state.chat.moderates(channel_id, user_id).await?)
}

/// Whether a subscription still counts (Twitch counts enabled and pending ones).
fn counts(s: &Sub) -> bool {
    s.status == status::ENABLED || s.status == status::PENDING
}

fn check_limits(
    es: &Arc<EventSub>,
    client_id: &str,
    user_id: i64,
    target: &Target,
    cost: i64,
    req: &CreateSubscription,
    condition_json: &str,
) -> ApiResult<()> {
    let all = es.all();
    let same_target = |s: &Sub| match (&s.target, target) {
        (Target::Webhook { callback: a, .. }, Target::Webhook { callback: b, .. }) => a == b,
        (Target::WebSocket { session_id: a }, Target::WebSocket { session_id: b }) => a == b,
        _ => false,
    };
    let duplicate = all.iter().any(|s| {
        counts(s)
            && s.client_id == client_id
            && s.kind == req.kind
            && s.version == req.version
            && serde_json::to_string(&s.condition).ok().as_deref() == Some(condition_json)
            && same_target(s)
    });
    if duplicate {
        return Err(ApiError::conflict(
            "a subscription with this type, version, condition and transport already exists",
        ));
    }
    match target {
        Target::Webhook { .. } => {
            let total: i64 =
                all.iter().filter(|s| counts(s) && s.client_id == client_id && s.is_webhook()).map(|s| s.cost).sum();
            if total + cost > MAX_TOTAL_COST {
                return Err(ApiError::rate_limited(
                    60,
                    format!("the app's subscriptions reached max_total_cost {MAX_TOTAL_COST}"),
                ));
            }
        }
        Target::WebSocket { session_id } => {
            let on_session = all.iter().filter(|s| counts(s) && same_target(s)).count();
            if on_session >= MAX_PER_SESSION {
                return Err(ApiError::rate_limited(
                    60,
                    format!("a websocket session holds at most {MAX_PER_SESSION} subscriptions"),
                ));
            }
            let cost_now: i64 = all
                .iter()
                .filter(|s| counts(s) && !s.is_webhook() && s.client_id == client_id && s.user_id == user_id)
                .map(|s| s.cost)
                .sum();
            if cost_now + cost > MAX_WEBSOCKET_COST {
                return Err(ApiError::rate_limited(
                    60,
                    format!("websocket subscriptions to other users' channels cost 1 each, at most {MAX_WEBSOCKET_COST} per user ({session_id})"),
                ));
            }
        }
    }
    Ok(())
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
    pub first: Option<i64>,
    /// Cursor.
    pub after: Option<String>,
}

/// The token's app's subscriptions for the token's user, oldest first.
#[utoipa::path(get, path = "/api/eventsub/subscriptions", tag = "eventsub", params(ListQuery),
    responses((status = 200, body = SubscriptionList), (status = 400, body = Problem), (status = 401, body = Problem)),
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
#[utoipa::path(delete, path = "/api/eventsub/subscriptions", tag = "eventsub", params(DeleteQuery),
    responses((status = 204, description = "Deleted"), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = ["webhooks:manage"])))]
pub async fn delete(
    State(state): State<EventSubState>,
    caller: Caller,
    Query(q): Query<DeleteQuery>,
) -> ApiResult<StatusCode> {
    let (principal, user_id) = caller.user_with_scope("webhooks:manage")?;
    let done = sqlx::query("DELETE FROM eventsub_subscriptions WHERE id = $1 AND client_id = $2 AND user_id = $3")
        .bind(&q.id)
        .bind(&principal.client_id)
        .bind(user_id)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    if done == 0 {
        return Err(ApiError::not_found(format!("subscription '{}' does not exist", crate::http::truncate(&q.id, 40))));
    }
    state.eventsub.forget(&q.id);
    Ok(StatusCode::NO_CONTENT)
}
