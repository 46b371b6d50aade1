//! Social: the viewer-to-channel relations. Follows, subscriptions (with the
//! one subscription period and the sweep that ends lapsed ones) and donations.
//! Owns the tables `follows`, `subscriptions` and `donations`; chat asks
//! [`standing`] for a speaker's follow and subscription.

pub mod api;
pub mod donations;
pub mod rates;

use axum::routing::{get, post, put};
use axum::Router;

use crate::events::{Bus, Event};
use crate::store::{int, now_ms, Db};
use aethex_sdk::ChannelSubscriptionEndEvent;

/// A subscription runs for 30 days per payment.
pub const SUB_PERIOD_MS: i64 = 30 * 86_400 * 1000;

/// What social's handlers use.
#[derive(Clone)]
pub struct SocialState {
    /// Storage.
    pub db: Db,
    /// Where follows, subscriptions and donations are announced.
    pub bus: Bus,
}

/// This capability's routes.
pub fn router<S: Clone + Send + Sync + 'static>(state: SocialState) -> Router<S> {
    Router::new()
        .route("/api/channels/{login}/followers", get(api::followers))
        .route("/api/channels/{login}/subscriptions", get(api::subscriptions))
        .route("/api/channels/{login}/donations", get(donations::list))
        .route("/api/users/me/follows/{login}", put(api::follow).delete(api::unfollow))
        .route("/api/users/me/subscriptions/{login}", put(api::subscribe))
        .route("/api/donations", post(donations::create))
        .with_state(state)
}

/// `user_id` follows `channel`: the row and the `channel.follow` event (only
/// for a new follow) commit together. When the follow began (Unix ms).
pub async fn follow_channel(db: &Db, bus: &Bus, user_id: i64, channel: i64) -> Result<i64, sqlx::Error> {
    let names = crate::accounts::names(db, &[user_id, channel]).await?;
    let mut change = bus.change(db).await?;
    let new = sqlx::query("INSERT INTO follows (user_id, channel_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, channel_id) DO NOTHING")
        .bind(user_id)
        .bind(channel)
        .bind(now_ms())
        .execute(change.conn())
        .await?
        .rows_affected()
        == 1;
    let since: i64 = sqlx::query_scalar("SELECT created_at FROM follows WHERE user_id = $1 AND channel_id = $2")
        .bind(user_id)
        .bind(channel)
        .fetch_one(change.conn())
        .await?;
    // Only a new follow is an event; repeating one is not.
    if new {
        let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
        let ((u_login, u_name), (b_login, b_name)) = (name(user_id), name(channel));
        change.emit(Event::ChannelFollow(aethex_sdk::ChannelFollowEvent {
            user_id: user_id.to_string(),
            user_login: u_login,
            user_name: u_name,
            broadcaster_user_id: channel.to_string(),
            broadcaster_user_login: b_login,
            broadcaster_user_name: b_name,
            followed_at: crate::store::rfc3339(since),
        }));
    }
    change.commit().await?;
    Ok(since)
}

/// `user_id` stops following `channel` (harmless if they did not).
pub async fn unfollow_channel(db: &Db, user_id: i64, channel: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM follows WHERE user_id = $1 AND channel_id = $2")
        .bind(user_id)
        .bind(channel)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// How many followers each of `channels` has (channels without any are absent).
pub async fn follower_counts(db: &Db, channels: &[i64]) -> Result<std::collections::HashMap<i64, i64>, sqlx::Error> {
    let mut out = std::collections::HashMap::new();
    for chunk in channels.chunks(500) {
        let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(",");
        let sql =
            format!("SELECT channel_id, COUNT(*) AS n FROM follows WHERE channel_id IN ({marks}) GROUP BY channel_id");
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&db.pool).await? {
            out.insert(crate::store::int(&r, "channel_id")?, crate::store::int(&r, "n")?);
        }
    }
    Ok(out)
}

/// The channels `user_id` follows, most recent first.
pub async fn followed_channels(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT channel_id FROM follows WHERE user_id = $1 ORDER BY id DESC LIMIT 500")
        .bind(user_id)
        .fetch_all(&db.pool)
        .await
}

/// A channel's newest followers: (login, display name, followed at Unix ms).
pub async fn recent_followers(db: &Db, channel: i64, limit: i64) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT user_id, created_at FROM follows WHERE channel_id = $1 ORDER BY id DESC LIMIT $2")
            .bind(channel)
            .bind(limit)
            .fetch_all(&db.pool)
            .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let names = crate::accounts::names(db, &ids).await?;
    Ok(rows.into_iter().filter_map(|(id, at)| names.get(&id).map(|(l, n)| (l.clone(), n.clone(), at))).collect())
}

/// Something that happened to a channel, for the creator's recent alerts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    /// Someone followed.
    Follow,
    /// Someone subscribed at this tier (1 to 3).
    Subscription {
        /// 1, 2 or 3.
        tier: i64,
    },
    /// Someone donated (minor units of `currency`).
    Donation {
        /// Minor units.
        amount: i64,
        /// ISO 4217 code.
        currency: String,
        /// The donor's message.
        message: String,
    },
}

/// Follows, subscriptions and donations of a channel, newest first, at most
/// `limit` of each kind: (login, name shown, when in ms, what).
pub async fn recent_activity(
    db: &Db,
    channel: i64,
    limit: i64,
) -> Result<Vec<(String, String, i64, Activity)>, sqlx::Error> {
    let mut out: Vec<(String, String, i64, Activity)> = recent_followers(db, channel, limit)
        .await?
        .into_iter()
        .map(|(l, n, at)| (l, n, at, Activity::Follow))
        .collect();
    let subs: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT user_id, tier, started_at FROM subscriptions WHERE channel_id = $1 ORDER BY started_at DESC LIMIT $2",
    )
    .bind(channel)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let ids: Vec<i64> = subs.iter().map(|r| r.0).collect();
    let names = crate::accounts::names(db, &ids).await?;
    out.extend(subs.into_iter().filter_map(|(id, tier, at)| {
        names.get(&id).map(|(l, n)| (l.clone(), n.clone(), at, Activity::Subscription { tier }))
    }));
    let gifts: Vec<(i64, String, i64, String, String, i64)> = sqlx::query_as(
        "SELECT user_id, donor_name, amount, currency, message, created_at FROM donations \
         WHERE channel_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(channel)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let ids: Vec<i64> = gifts.iter().map(|r| r.0).collect();
    let names = crate::accounts::names(db, &ids).await?;
    out.extend(gifts.into_iter().filter_map(|(id, name, amount, currency, message, at)| {
        let login = names.get(&id)?.0.clone();
        Some((login, name, at, Activity::Donation { amount, currency, message }))
    }));
    Ok(out)
}

/// A channel's donations since `since` (Unix ms), per currency: (currency,
/// total in its minor units, how many), largest count first.
pub async fn donation_totals(db: &Db, channel: i64, since: i64) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT currency, CAST(SUM(amount) AS BIGINT), COUNT(*) FROM donations WHERE channel_id = $1 AND created_at >= $2 \
         GROUP BY currency ORDER BY COUNT(*) DESC, currency",
    )
    .bind(channel)
    .bind(since)
    .fetch_all(&db.pool)
    .await
}

/// A user's standing in a channel: months subscribed (if subscribed now) and
/// when they followed (Unix ms), for chat's badges and modes.
pub async fn standing(db: &Db, user_id: i64, channel_id: i64) -> Result<(Option<i64>, Option<i64>), sqlx::Error> {
    let now = now_ms();
    let started: Option<i64> = sqlx::query_scalar(
        "SELECT started_at FROM subscriptions WHERE user_id = $1 AND channel_id = $2 AND expires_at > $3",
    )
    .bind(user_id)
    .bind(channel_id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let followed_at: Option<i64> =
        sqlx::query_scalar("SELECT created_at FROM follows WHERE user_id = $1 AND channel_id = $2")
            .bind(user_id)
            .bind(channel_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok((started.map(|start| (now - start) / SUB_PERIOD_MS + 1), followed_at))
}

/// Let `user_id`'s subscription to `channel_id` run out now, as if its period
/// had passed (the sweep then ends it). For tests and benchmarks. Returns
/// whether one existed.
pub async fn expire_subscription(db: &Db, user_id: i64, channel_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE subscriptions SET expires_at = $1 WHERE user_id = $2 AND channel_id = $3")
        .bind(now_ms() - 1)
        .bind(user_id)
        .bind(channel_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Publish `channel.subscription.end` for every subscription whose period ran
/// out, once per period: each expired row is claimed (`end_published`) before
/// its event goes out (in one transaction with the event's outbox rows), so
/// nodes sweeping the same database never both publish.
/// Returns how many ended.
pub async fn publish_ended_subscriptions(db: &Db, bus: &Bus) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    let rows = sqlx::query(
        "SELECT id, tier, user_id, channel_id FROM subscriptions
         WHERE end_published = 0 AND expires_at <= $1 ORDER BY expires_at LIMIT 500",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut people = Vec::with_capacity(rows.len() * 2);
    for r in &rows {
        people.push(int(r, "user_id")?);
        people.push(int(r, "channel_id")?);
    }
    let names = crate::accounts::names(db, &people).await?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let mut ended = 0;
    let mut change = bus.change(db).await?;
    for r in &rows {
        let claimed = sqlx::query(
            "UPDATE subscriptions SET end_published = 1 WHERE id = $1 AND end_published = 0 AND expires_at <= $2",
        )
        .bind(int(r, "id")?)
        .bind(now)
        .execute(change.conn())
        .await?;
        if claimed.rows_affected() != 1 {
            continue; // renewed meanwhile, or another node took it
        }
        ended += 1;
        let (user, channel) = (int(r, "user_id")?, int(r, "channel_id")?);
        let ((user_login, user_name), (b_login, b_name)) = (name(user), name(channel));
        change.emit(Event::ChannelSubscriptionEnd(ChannelSubscriptionEndEvent {
            user_id: user.to_string(),
            user_login,
            user_name,
            broadcaster_user_id: channel.to_string(),
            broadcaster_user_login: b_login,
            broadcaster_user_name: b_name,
            tier: format!("{}000", int(r, "tier")?),
            is_gift: false,
        }));
    }
    change.commit().await?;
    Ok(ended)
}

/// Sweep for ended subscriptions every `every`, for the server's lifetime.
pub fn spawn_subscription_end(db: Db, bus: Bus, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // Batches of 500 until none is left (a node that was down catches up at once).
            loop {
                match publish_ended_subscriptions(&db, &bus).await {
                    Ok(0) => break,
                    Ok(n) => tracing::info!(ended = n, "subscriptions ended"),
                    Err(e) => {
                        tracing::warn!(error = %e, "could not sweep ended subscriptions");
                        break;
                    }
                }
            }
        }
    });
}

/// The user's follows, subscriptions and donations (made), for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    use crate::store::export_rows;
    Ok(vec![
        export_rows(conn, "follows", "SELECT channel_id, created_at FROM follows WHERE user_id = $1", id).await?,
        export_rows(
            conn,
            "subscriptions",
            "SELECT channel_id, tier, started_at, expires_at FROM subscriptions WHERE user_id = $1",
            id,
        )
        .await?,
        export_rows(
            conn,
            "donations",
            "SELECT channel_id, donor_name, amount, currency, message, created_at FROM donations WHERE user_id = $1",
            id,
        )
        .await?,
    ])
}

/// The channels user `id` follows, subscribes to or donated to: part of
/// their community, told of their erasure ([`crate::privacy`]).
pub async fn channels_of(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT channel_id FROM follows WHERE user_id = $1 UNION SELECT channel_id FROM subscriptions WHERE user_id = $1
         UNION SELECT channel_id FROM donations WHERE user_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
}

/// Remove the user's follows, subscriptions and donations, both ways (their
/// channel goes too). Analytics keeps the money, de-identified.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM follows WHERE user_id = $1 OR channel_id = $1",
        "DELETE FROM subscriptions WHERE user_id = $1 OR channel_id = $1",
        "DELETE FROM donations WHERE user_id = $1 OR channel_id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}
