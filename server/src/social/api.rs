//! `/api/users/me/follows`, `/api/users/me/subscriptions`, followers and
//! subscriptions lists: the REST face of follows and subscriptions.

use axum::extract::State;
use axum::http::StatusCode;

use super::SocialState;
use super::SUB_PERIOD_MS;
use crate::auth::Caller;
use crate::events::Event;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use crate::http::page::{paged, PageQuery};
use crate::store::{int, now_ms, rfc3339};
use aethex_sdk::openapi::Login;
use aethex_sdk::{ChannelSubscribeEvent, Envelope, FollowedChannel, Follower, Problem, SubscribeRequest, Subscription};

/// Follow a channel (`user:edit:follows`); a repeated follow keeps the first date.
#[utoipa::path(put, path = "/api/users/me/follows/{login}", tag = "follows", operation_id = "followChannel",
    params(("login" = Login, Path, description = "Channel to follow")),
    responses((status = 200, body = Envelope<FollowedChannel>),
        (status = 409, description = "It is your own channel", body = Problem),
        (status = 404, description = "No such channel", body = Problem)),
    security(("bearer" = ["user:edit:follows"])))]
pub async fn follow(
    State(state): State<SocialState>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<FollowedChannel>>> {
    let (_, user_id) = caller.user_with_scope("user:edit:follows")?;
    let channel = crate::auth::channel_id(&state.db, &login).await?;
    if channel == user_id {
        return Err(ApiError::conflict("you cannot follow your own channel"));
    }
    let since = super::follow_channel(&state.db, &state.bus, user_id, channel).await?;
    Ok(Json(Envelope::one(FollowedChannel {
        broadcaster_id: channel.to_string(),
        broadcaster_login: login,
        followed_at: rfc3339(since),
    })))
}

/// Unfollow a channel (`user:edit:follows`); unfollowing twice is harmless.
#[utoipa::path(delete, path = "/api/users/me/follows/{login}", tag = "follows", operation_id = "unfollowChannel",
    params(("login" = Login, Path, description = "Channel to unfollow")),
    responses((status = 204, description = "Not following any more"), (status = 404, description = "No such channel", body = Problem)),
    security(("bearer" = ["user:edit:follows"])))]
pub async fn unfollow(
    State(state): State<SocialState>,
    caller: Caller,
    Path(login): Path<String>,
) -> ApiResult<StatusCode> {
    let (_, user_id) = caller.user_with_scope("user:edit:follows")?;
    let channel = crate::auth::channel_id(&state.db, &login).await?;
    super::unfollow_channel(&state.db, user_id, channel).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A channel's followers, newest first.
#[utoipa::path(get, path = "/api/channels/{login}/followers", tag = "follows", operation_id = "getChannelFollowers",
    params(("login" = Login, Path, description = "Channel login"), PageQuery),
    responses((status = 200, body = Envelope<Follower>), (status = 404, description = "No such channel", body = Problem)))]
pub async fn followers(
    State(state): State<SocialState>,
    Path(login): Path<String>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Follower>>> {
    let p = page.page()?;
    let channel = crate::auth::channel_id(&state.db, &login).await?;
    let rows = sqlx::query(
        "SELECT id, user_id, created_at FROM follows
         WHERE channel_id = $1 AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
    )
    .bind(channel)
    .bind(p.after)
    .bind(p.limit + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let ids = rows.iter().map(|r| int(r, "user_id")).collect::<Result<Vec<_>, _>>()?;
    let names = crate::accounts::names(&state.db, &ids).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let user_id = int(r, "user_id")?;
        let Some((login, name)) = names.get(&user_id).cloned() else { continue };
        items.push((
            int(r, "id")?,
            Follower {
                user_id: user_id.to_string(),
                user_login: login,
                user_name: name,
                followed_at: rfc3339(int(r, "created_at")?),
            },
        ));
    }
    let (items, cursor) = paged(items, p.limit, |(id, _)| *id);
    Ok(Json(Envelope::page(items.into_iter().map(|(_, f)| f).collect(), cursor)))
}

/// Subscribe to a channel at a tier (`user:edit:subscriptions`). While a
/// subscription runs, subscribing again extends it by 30 days and may change
/// the tier; a lapsed one starts over.
#[utoipa::path(put, path = "/api/users/me/subscriptions/{login}", tag = "subscriptions", operation_id = "subscribeToChannel",
    params(("login" = Login, Path, description = "Channel to subscribe to")),
    request_body = SubscribeRequest,
    responses((status = 200, body = Envelope<Subscription>),
        (status = 409, description = "It is your own channel", body = Problem),
        (status = 404, description = "No such channel", body = Problem)),
    security(("bearer" = ["user:edit:subscriptions"])))]
pub async fn subscribe(
    State(state): State<SocialState>,
    caller: Caller,
    Path(login): Path<String>,
    Json(req): Json<SubscribeRequest>,
) -> ApiResult<Json<Envelope<Subscription>>> {
    let (_, user_id) = caller.user_with_scope("user:edit:subscriptions")?;
    Ok(Json(Envelope::one(subscribe_to(&state, user_id, login, req.tier).await?)))
}

/// `user_id` subscribes to `login` at `tier` (or renews): the row and
/// `channel.subscribe` commit together. The API and the channel page both come here.
pub async fn subscribe_to(state: &SocialState, user_id: i64, login: String, tier: u8) -> ApiResult<Subscription> {
    let req = SubscribeRequest { tier };
    if !(1..=3).contains(&req.tier) {
        return Err(ApiError::bad_request("'tier' must be 1, 2 or 3"));
    }
    let channel = crate::auth::channel_id(&state.db, &login).await?;
    if channel == user_id {
        return Err(ApiError::conflict("you cannot subscribe to your own channel"));
    }
    let now = now_ms();
    let mut change = state.bus.change(&state.db).await?;
    // One statement, so concurrent renewals cannot lose a month: a running
    // subscription is extended, a lapsed one restarts now.
    sqlx::query(
        "INSERT INTO subscriptions (user_id, channel_id, tier, started_at, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, channel_id) DO UPDATE SET
           tier = excluded.tier,
           started_at = CASE WHEN subscriptions.expires_at > $4 THEN subscriptions.started_at ELSE $4 END,
           end_published = 0,
           expires_at = CASE WHEN subscriptions.expires_at > $4 THEN subscriptions.expires_at + $6 ELSE $5 END",
    )
    .bind(user_id)
    .bind(channel)
    .bind(i64::from(req.tier))
    .bind(now)
    .bind(now + SUB_PERIOD_MS)
    .bind(SUB_PERIOD_MS)
    .execute(change.conn())
    .await?;
    let row =
        sqlx::query("SELECT tier, started_at, expires_at FROM subscriptions WHERE user_id = $1 AND channel_id = $2")
            .bind(user_id)
            .bind(channel)
            .fetch_one(change.conn())
            .await?;
    let sub = Subscription {
        broadcaster_id: channel.to_string(),
        broadcaster_login: login,
        user_id: user_id.to_string(),
        user_login: crate::accounts::login_of(&state.db, user_id).await?.unwrap_or_default(),
        tier: int(&row, "tier")? as u8,
        started_at: rfc3339(int(&row, "started_at")?),
        expires_at: rfc3339(int(&row, "expires_at")?),
    };
    let months = (now_ms() - int(&row, "started_at")?) / SUB_PERIOD_MS + 1;
    change.emit(Event::ChannelSubscribe(ChannelSubscribeEvent {
        user_id: sub.user_id.clone(),
        user_login: sub.user_login.clone(),
        user_name: sub.user_login.clone(),
        broadcaster_user_id: sub.broadcaster_id.clone(),
        broadcaster_user_login: sub.broadcaster_login.clone(),
        tier: format!("{}000", sub.tier),
        cumulative_months: months,
        is_gift: false,
    }));
    change.commit().await?;
    Ok(sub)
}

/// A channel's running subscriptions, newest first (owner, `channel:read:subscriptions`).
#[utoipa::path(get, path = "/api/channels/{login}/subscriptions", tag = "subscriptions", operation_id = "getBroadcasterSubscriptions",
    params(("login" = Login, Path, description = "Channel login"), PageQuery),
    responses((status = 200, body = Envelope<Subscription>), (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem)),
    security(("bearer" = ["channel:read:subscriptions"])))]
pub async fn subscriptions(
    State(state): State<SocialState>,
    caller: Caller,
    Path(login): Path<String>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Subscription>>> {
    let p = page.page()?;
    let channel = caller.owned_channel(&state.db, &login, "channel:read:subscriptions").await?;
    let rows = sqlx::query(
        "SELECT id, user_id, tier, started_at, expires_at FROM subscriptions
         WHERE channel_id = $1 AND expires_at > $2 AND ($3 = 0 OR id < $3) ORDER BY id DESC LIMIT $4",
    )
    .bind(channel)
    .bind(now_ms())
    .bind(p.after)
    .bind(p.limit + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let ids = rows.iter().map(|r| int(r, "user_id")).collect::<Result<Vec<_>, _>>()?;
    let names = crate::accounts::names(&state.db, &ids).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let user_id = int(r, "user_id")?;
        let Some((user_login, _)) = names.get(&user_id).cloned() else { continue };
        items.push((
            int(r, "id")?,
            Subscription {
                broadcaster_id: channel.to_string(),
                broadcaster_login: login.clone(),
                user_id: user_id.to_string(),
                user_login,
                tier: int(r, "tier")? as u8,
                started_at: rfc3339(int(r, "started_at")?),
                expires_at: rfc3339(int(r, "expires_at")?),
            },
        ));
    }
    let (items, cursor) = paged(items, p.limit, |(id, _)| *id);
    Ok(Json(Envelope::page(items.into_iter().map(|(_, s)| s).collect(), cursor)))
}
