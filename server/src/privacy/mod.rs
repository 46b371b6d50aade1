//! The user's rights over their data: an export of every row about them
//! (`GET /api/users/me/export`, `aethex-server user export LOGIN`) and the
//! erasure of their account (`DELETE /api/users/me`, `aethex-server user
//! delete LOGIN`). Owns no table: each capability exports and erases its own
//! rows (`export_user`, `erase_user`), and the erasure runs them in one
//! transaction, so it happens whole or not at all.
//!
//! What erasure keeps, and how: chat messages still in rooms' history and
//! events still owed to other apps show a pseudonym (`deleted_…`) instead of
//! the login and no id; analytics rows keep counting under a random
//! pseudonym nothing links back. Everything else about the user (account,
//! channel and stream key, tokens and sessions, follows and subscriptions both
//! ways, donations made and received, clips, broadcasts, moderation roles,
//! push subscriptions, raids, webhooks) is deleted.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::Router;
use serde_json::{json, Map, Value};

use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::store::Db;

/// What the routes need.
#[derive(Clone)]
pub struct PrivacyState {
    /// The database.
    pub db: Db,
    /// Live streams (an erased user's stream stops).
    pub ingest: Arc<crate::ingest::Ingest>,
    /// Chat rooms (history shows a pseudonym).
    pub chat: Arc<crate::chat::Chat>,
    /// Subscriptions held in memory.
    pub eventsub: Arc<crate::eventsub::EventSub>,
    /// Analytics (a live stream's summary is final before its channel goes).
    pub analytics: Arc<crate::analytics::Analytics>,
    /// Where `channel.user.erase` goes.
    pub bus: crate::events::Bus,
}

/// `GET /api/users/me/export`, `DELETE /api/users/me`.
pub fn router<S: Clone + Send + Sync + 'static>(state: PrivacyState) -> Router<S> {
    Router::new()
        .route("/api/users/me/export", get(export_me))
        .route("/api/users/me", delete(delete_me))
        .with_state(state)
}

/// Why an erasure or export did not happen.
#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    /// No such user.
    #[error("no user '{0}'")]
    NoUser(String),
    /// Storage failed (nothing was changed).
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// Every row about user `id`, table by table (secrets such as password
/// hashes, stream keys, token hashes and webhook secrets left out).
pub async fn export(db: &Db, id: i64) -> Result<Value, PrivacyError> {
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let mut parts = crate::accounts::export_user(c, id).await?;
    if parts.first().is_none_or(|(_, rows)| rows.is_empty()) {
        return Err(PrivacyError::NoUser(id.to_string()));
    }
    parts.extend(crate::auth::export_user(c, id).await?);
    parts.extend(crate::social::export_user(c, id).await?);
    parts.extend(crate::ingest::export_user(c, id).await?);
    parts.extend(crate::chat::export_user(c, id).await?);
    parts.extend(crate::eventsub::export_user(c, id).await?);
    parts.extend(crate::push::export_user(c, id).await?);
    parts.extend(crate::channels::export_user(c, id).await?);
    parts.extend(crate::analytics::export_user(c, id).await?);
    parts.extend(crate::recs::export_user(c, id).await?);
    let tables: Map<String, Value> = parts.into_iter().map(|(t, rows)| (t.to_string(), Value::Array(rows))).collect();
    Ok(json!({
        "user_id": id.to_string(),
        "exported_at": crate::store::rfc3339(crate::store::now_ms()),
        "tables": tables,
    }))
}

/// The pseudonym an erased user's chat shows.
fn pseudonym() -> String {
    format!("deleted_{}", &crate::crypto::random_token("")[..8])
}

/// Every channel whose community user `id` was part of (watched or chatted
/// while signed in, followed, subscribed, donated, moderated, was banned),
/// their own left out.
async fn communities(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut all = crate::analytics::channels_of(conn, id).await?;
    all.extend(crate::social::channels_of(conn, id).await?);
    all.extend(crate::chat::channels_of(conn, id).await?);
    all.sort_unstable();
    all.dedup();
    all.retain(|c| *c != id);
    Ok(all)
}

/// Erase user `id` from the database in one transaction; returns their old
/// login and the pseudonym their chat now shows. The same transaction stages
/// `channel.user.erase` for every channel of their community, so apps that
/// keep data about them (chatbots, Discord bots) learn of it exactly when it
/// happened. The running server's memory (chat history, subscriptions, a live
/// stream) is [`forget`]'s.
pub async fn erase(db: &Db, bus: &crate::events::Bus, id: i64) -> Result<(String, String), PrivacyError> {
    let login = crate::accounts::login_of(db, id).await?.ok_or_else(|| PrivacyError::NoUser(id.to_string()))?;
    let shown = pseudonym();
    let mut change = bus.change(db).await?;
    let tx = change.conn();
    let channels = communities(tx, id).await?;
    let names = crate::accounts::names_in(tx, &channels).await?;
    crate::analytics::erase_user(tx, id).await?;
    crate::recs::erase_user(tx, id).await?;
    crate::eventsub::erase_user(tx, id, &login, &shown).await?;
    crate::chat::erase_user(tx, id).await?;
    crate::channels::erase_user(tx, id).await?;
    crate::push::erase_user(tx, id).await?;
    crate::ingest::erase_user(tx, id).await?;
    crate::social::erase_user(tx, id).await?;
    crate::auth::erase_user(tx, id).await?;
    crate::accounts::erase_user(tx, db.dialect, id).await?;
    for channel in channels {
        let Some((login, name)) = names.get(&channel).cloned() else { continue };
        change.emit(crate::events::Event::ChannelUserErase(aethex_sdk::ChannelUserEraseEvent {
            user_id: id.to_string(),
            broadcaster_user_id: channel.to_string(),
            broadcaster_user_login: login,
            broadcaster_user_name: name,
        }));
    }
    change.commit().await?;
    tracing::info!(user = id, "account erased");
    Ok((login, shown))
}

/// Before [`erase`]: end the user's live stream and wait (up to 10 s) for
/// its summary, so nothing about the channel is written after the erasure.
pub async fn stop_streaming(s: &PrivacyState, id: i64) -> Result<(), sqlx::Error> {
    let Some(login) = crate::accounts::login_of(&s.db, id).await? else { return Ok(()) };
    if let Some(live) = s.ingest.get(&login) {
        // Wherever it is ingested: another node ends it and writes its summary.
        s.ingest.stop(&live).await;
        s.analytics.settle(live.session_id, std::time::Duration::from_secs(10)).await?;
    }
    Ok(())
}

/// After [`erase`] committed: show the user's chat under the pseudonym, and
/// drop their subscriptions from memory.
pub async fn forget(s: &PrivacyState, id: i64, login: &str, shown: &str) {
    // The erased user's tokens are gone: no cache may still vouch for them.
    crate::auth::cache::revoked();
    s.chat.forget_user(id, login, shown);
    if let Err(e) = s.eventsub.reload().await {
        tracing::error!(error = %e, "reloading subscriptions after an erasure failed");
    }
}

/// Every row about the caller (`user:read`), as JSON, table by table.
#[utoipa::path(get, path = "/api/users/me/export", tag = "users", operation_id = "exportCurrentUser",
    responses((status = 200, description = "Every row about the caller: `{user_id, exported_at, tables: {table: [rows]}}`", body = Object),
        (status = 403, description = "Not a user token, or the scope is missing", body = aethex_sdk::Problem)),
    security(("bearer" = ["user:read"])))]
pub async fn export_me(State(s): State<PrivacyState>, caller: Caller) -> ApiResult<axum::Json<Value>> {
    let (_, id) = caller.user_with_scope("user:read")?;
    match export(&s.db, id).await {
        Ok(v) => Ok(axum::Json(v)),
        Err(PrivacyError::NoUser(_)) => Err(ApiError::not_found("the account no longer exists")),
        Err(PrivacyError::Db(e)) => Err(e.into()),
    }
}

/// Erase the caller's account (`user:delete`): tokens revoked, channel and
/// stream key destroyed, follows and subscriptions removed, chat
/// pseudonymised, analytics de-identified, all in one transaction.
#[utoipa::path(delete, path = "/api/users/me", tag = "users", operation_id = "deleteCurrentUser",
    responses((status = 204, description = "Erased; every token of the account stops working"),
        (status = 403, description = "Not a user token, or the scope is missing", body = aethex_sdk::Problem)),
    security(("bearer" = ["user:delete"])))]
pub async fn delete_me(State(s): State<PrivacyState>, caller: Caller) -> ApiResult<StatusCode> {
    let (_, id) = caller.user_with_scope("user:delete")?;
    stop_streaming(&s, id).await?;
    // What the user just did is in the rows the erasure reads and rewrites.
    s.analytics.flush().await;
    let (login, shown) = match erase(&s.db, &s.bus, id).await {
        Ok(v) => v,
        Err(PrivacyError::NoUser(_)) => return Err(ApiError::not_found("the account no longer exists")),
        Err(PrivacyError::Db(e)) => return Err(e.into()),
    };
    forget(&s, id, &login, &shown).await;
    Ok(StatusCode::NO_CONTENT)
}
