//! Chat over REST: history and chatters for pages and bots, sending for
//! scripts, and moderation (`moderator:manage`) for dashboards. The same
//! rules as chat commands apply, through the same [`super::Chat`] functions.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::{Refusal, Room};
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use aethex_sdk::openapi::Login;
use aethex_sdk::{BanRequest, ChatMessage, ChatSettings, ChatSettingsUpdate, Chatters, Envelope, Problem};

/// What chat's REST handlers use.
#[derive(Clone)]
pub struct ChatState {
    /// Storage (people are looked up through accounts).
    pub db: crate::store::Db,
    /// The rooms.
    pub chat: std::sync::Arc<super::Chat>,
}

/// Chat's REST routes.
pub fn router<S: Clone + Send + Sync + 'static>(state: ChatState) -> axum::Router<S> {
    use axum::routing::{delete, get, put};
    axum::Router::new()
        .route("/api/chat/{login}/messages", get(history).post(send))
        .route("/api/chat/{login}/chatters", get(chatters))
        .route("/api/channels/{login}/moderators/{user}", put(add_moderator).delete(remove_moderator))
        .route("/api/moderation/bans", axum::routing::post(ban).delete(unban))
        .route("/api/moderation/chat-settings", get(get_settings).patch(update_settings))
        .route("/api/moderation/chat", delete(self::delete))
        .route("/api/moderation/blocked-terms", get(blocked_terms).put(add_blocked_term).delete(remove_blocked_term))
        .with_state(state)
}

async fn room(state: &ChatState, login: &str) -> ApiResult<std::sync::Arc<Room>> {
    crate::http::check_login(login)?;
    state.chat.room(login).await?.ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))
}

fn refused(r: Refusal) -> ApiError {
    match r.msg_id {
        // Who may act on whom: the broadcaster is beyond every moderator, a moderator beyond the others.
        "no_permission" | "bad_ban_broadcaster" | "bad_ban_mod" => ApiError::forbidden(r.text),
        "msg_ratelimit" | "msg_slowmode" => ApiError::rate_limited(1, r.text),
        "msg_error" => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, r.text),
        "invalid_user" | "bad_delete_message_error" => ApiError::not_found(r.text),
        _ => ApiError::bad_request(r.text),
    }
}

/// The last 100 messages of a room, oldest first.
#[utoipa::path(get, path = "/api/chat/{login}/messages", tag = "chat", operation_id = "getChatMessages",
    params(("login" = Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<ChatMessage>), (status = 404, description = "No such channel", body = Problem)))]
pub async fn history(
    State(state): State<ChatState>,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<ChatMessage>>> {
    Ok(Json(Envelope { data: room(&state, &login).await?.history(), pagination: None }))
}

/// Body of a chat message sent over REST.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    /// The text: trimmed of whitespace, 1-500 characters without control characters.
    #[schema(value_type = MessageText)]
    pub text: String,
}

/// A chat message's text in the document: the length and character rules of `policy::check`.
pub struct MessageText;

impl utoipa::PartialSchema for MessageText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        text_schema(
            super::policy::MAX_TEXT,
            "Chat text: trimmed of whitespace, 1-500 characters without control characters.",
        )
    }
}

impl utoipa::ToSchema for MessageText {}

/// A blocked term in the document: the rule of `Chat::set_blocked_term`.
pub struct BlockedTerm;

impl utoipa::PartialSchema for BlockedTerm {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        text_schema(
            super::store::MAX_TERM,
            "A blocked term: trimmed of whitespace, 1-100 characters without control characters.",
        )
    }
}

impl utoipa::ToSchema for BlockedTerm {}

fn text_schema(max: usize, description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(aethex_sdk::openapi::trimmed_text_pattern(max)))
        .description(Some(description))
        .into()
}

/// Send a message as the token's user (`chat:edit`).
#[utoipa::path(post, path = "/api/chat/{login}/messages", tag = "chat", operation_id = "sendChatMessage",
    params(("login" = Login, Path, description = "Channel login")), request_body = SendBody,
    responses((status = 200, body = Envelope<ChatMessage>),
        (status = 400, description = "Refused by the room's rules (ban, timeout, modes, blocked terms) or malformed", body = Problem),
        (status = 403, description = "The scope is missing, or the app is read-only", body = Problem),
        (status = 404, description = "No such channel", body = Problem),
        (status = 429, description = "Too many messages (chat's own limits or slow mode), or the API rate limit", body = Problem)),
    security(("bearer" = ["chat:edit"])))]
pub async fn send(
    State(state): State<ChatState>,
    caller: Caller,
    Path(login): Path<String>,
    Json(body): Json<SendBody>,
) -> ApiResult<Json<Envelope<ChatMessage>>> {
    let (_, user_id) = caller.user_with_scope("chat:edit")?;
    let room = room(&state, &login).await?;
    let speaker = state.chat.speaker(user_id, &room).await?.ok_or_else(|| ApiError::unauthorized("unknown user"))?;
    Ok(Json(Envelope::one(room.send(&speaker, &body.text, None).map_err(refused)?)))
}

/// Who is in a room.
#[utoipa::path(get, path = "/api/chat/{login}/chatters", tag = "chat", operation_id = "getChatters",
    params(("login" = Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<Chatters>), (status = 404, description = "No such channel", body = Problem)))]
pub async fn chatters(
    State(state): State<ChatState>,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<Chatters>>> {
    let (logins, connections) = room(&state, &login).await?.chatters();
    Ok(Json(Envelope::one(Chatters {
        chatter_count: logins.len() as i64,
        viewer_count: connections as i64,
        chatters: logins,
    })))
}

/// Appoint a moderator (the broadcaster, `channel:manage`).
#[utoipa::path(put, path = "/api/channels/{login}/moderators/{user}", tag = "chat", operation_id = "addChannelModerator",
    params(("login" = Login, Path, description = "Channel login"), ("user" = Login, Path, description = "Login of the new moderator")),
    responses((status = 204, description = "Appointed"),
        (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem),
        (status = 409, description = "The broadcaster is always a moderator", body = Problem),
        (status = 404, description = "No such channel or user", body = Problem)),
    security(("bearer" = ["channel:manage"])))]
pub async fn add_moderator(
    State(state): State<ChatState>,
    caller: Caller,
    Path((login, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    set_moderator(state, caller, login, user, true).await
}

/// Remove a moderator (the broadcaster, `channel:manage`).
#[utoipa::path(delete, path = "/api/channels/{login}/moderators/{user}", tag = "chat", operation_id = "removeChannelModerator",
    params(("login" = Login, Path, description = "Channel login"), ("user" = Login, Path, description = "Login of the moderator")),
    responses((status = 204, description = "Removed"),
        (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem),
        (status = 409, description = "The broadcaster is always a moderator", body = Problem),
        (status = 404, description = "No such channel or user", body = Problem)),
    security(("bearer" = ["channel:manage"])))]
pub async fn remove_moderator(
    State(state): State<ChatState>,
    caller: Caller,
    Path((login, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    set_moderator(state, caller, login, user, false).await
}

async fn set_moderator(
    state: ChatState,
    caller: Caller,
    login: String,
    user: String,
    on: bool,
) -> ApiResult<StatusCode> {
    caller.owned_channel(&state.db, &login, "channel:manage").await?;
    let user_id = crate::auth::channel_id(&state.db, &user).await?;
    let room = room(&state, &login).await?;
    if user_id == room.channel_id {
        return Err(ApiError::conflict("the broadcaster is always a moderator"));
    }
    state.chat.set_moderator(&room, user_id, on).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The moderator calling, for a room.
async fn moderator(state: &ChatState, caller: &Caller, login: &str) -> ApiResult<(i64, std::sync::Arc<Room>)> {
    let (_, user_id) = caller.user_with_scope("moderator:manage")?;
    let room = room(state, login).await?;
    if !room.is_moderator(user_id) {
        return Err(ApiError::forbidden(format!("you do not moderate '{login}'")));
    }
    Ok((user_id, room))
}

/// Ban or time out a user (`moderator:manage`, and a moderator of the room).
#[utoipa::path(post, path = "/api/moderation/bans", tag = "moderation", operation_id = "banUser", request_body = BanRequest,
    responses((status = 204, description = "Banned"),
        (status = 403, description = "Not a moderator of the room, the scope is missing, or the user is the broadcaster \
            (or a moderator, and the caller is not the broadcaster)", body = Problem), (status = 404, description = "No such room or user", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn ban(State(state): State<ChatState>, caller: Caller, Json(req): Json<BanRequest>) -> ApiResult<StatusCode> {
    let (mod_id, room) = moderator(&state, &caller, &req.broadcaster_login).await?;
    crate::http::check_login(&req.user_login)?;
    state.chat.ban(&room, mod_id, &req.user_login, req.duration, &req.reason).await.map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?broadcaster_login=&user_login=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Target {
    /// The room.
    #[param(value_type = Login)]
    pub broadcaster_login: String,
    /// The user.
    #[param(value_type = Login)]
    pub user_login: String,
}

/// Lift a ban or timeout.
#[utoipa::path(delete, path = "/api/moderation/bans", tag = "moderation", operation_id = "unbanUser", params(Target),
    responses((status = 204, description = "Lifted"),
        (status = 403, description = "Not a moderator of the room, the scope is missing, or the user is the broadcaster \
            (or a moderator, and the caller is not the broadcaster)", body = Problem), (status = 404, description = "No such room or user", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn unban(State(state): State<ChatState>, caller: Caller, Query(t): Query<Target>) -> ApiResult<StatusCode> {
    let (mod_id, room) = moderator(&state, &caller, &t.broadcaster_login).await?;
    crate::http::check_login(&t.user_login)?;
    state.chat.unban(&room, mod_id, &t.user_login).await.map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?broadcaster_login=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoomQuery {
    /// The room.
    #[param(value_type = Login)]
    pub broadcaster_login: String,
}

/// `?broadcaster_login=` and, to delete one message, `message_id=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClearQuery {
    /// The room.
    #[param(value_type = Login)]
    pub broadcaster_login: String,
    /// One message to delete (its `id`); without it the whole chat is cleared.
    pub message_id: Option<String>,
}

/// Room modes.
#[utoipa::path(get, path = "/api/moderation/chat-settings", tag = "moderation", operation_id = "getChatSettings", params(RoomQuery),
    responses((status = 200, body = Envelope<ChatSettings>), (status = 404, description = "No such room", body = Problem)))]
pub async fn get_settings(
    State(state): State<ChatState>,
    Query(q): Query<RoomQuery>,
) -> ApiResult<Json<Envelope<ChatSettings>>> {
    Ok(Json(Envelope::one(room(&state, &q.broadcaster_login).await?.settings())))
}

/// Change room modes (`moderator:manage`).
#[utoipa::path(patch, path = "/api/moderation/chat-settings", tag = "moderation", operation_id = "updateChatSettings", params(RoomQuery), request_body = ChatSettingsUpdate,
    responses((status = 200, body = Envelope<ChatSettings>), (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn update_settings(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<RoomQuery>,
    Json(change): Json<ChatSettingsUpdate>,
) -> ApiResult<Json<Envelope<ChatSettings>>> {
    let (mod_id, room) = moderator(&state, &caller, &q.broadcaster_login).await?;
    Ok(Json(Envelope::one(state.chat.update_settings(&room, mod_id, &change).await.map_err(refused)?)))
}

/// Delete one message, or clear the chat (`moderator:manage`).
#[utoipa::path(delete, path = "/api/moderation/chat", tag = "moderation", operation_id = "deleteChatMessages", params(ClearQuery),
    responses((status = 204, description = "Deleted"), (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem),
        (status = 404, description = "No such room, or no such message in its history", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn delete(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<ClearQuery>,
) -> ApiResult<StatusCode> {
    let (_, room) = moderator(&state, &caller, &q.broadcaster_login).await?;
    match q.message_id {
        Some(id) => room.delete_message(&id).map_err(refused)?,
        None => room.clear(),
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `?broadcaster_login=&term=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermQuery {
    /// The room.
    #[param(value_type = Login)]
    pub broadcaster_login: String,
    /// The term; it is stored trimmed and in lower case.
    #[param(value_type = BlockedTerm)]
    pub term: String,
}

/// The room's blocked terms (`moderator:manage`).
#[utoipa::path(get, path = "/api/moderation/blocked-terms", tag = "moderation", operation_id = "getBlockedTerms", params(RoomQuery),
    responses((status = 200, body = Envelope<String>), (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn blocked_terms(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<RoomQuery>,
) -> ApiResult<Json<Envelope<String>>> {
    let (_, room) = moderator(&state, &caller, &q.broadcaster_login).await?;
    Ok(Json(Envelope { data: state.chat.blocked_terms(&room), pagination: None }))
}

/// Block a term (`moderator:manage`).
#[utoipa::path(put, path = "/api/moderation/blocked-terms", tag = "moderation", operation_id = "addBlockedTerm", params(TermQuery),
    responses((status = 200, description = "The room's blocked terms", body = Envelope<String>),
        (status = 400, description = "The room already has 1000 blocked terms", body = Problem),
        (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn add_blocked_term(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<TermQuery>,
) -> ApiResult<Json<Envelope<String>>> {
    set_term(state, caller, q, true).await
}

/// Unblock a term (`moderator:manage`).
#[utoipa::path(delete, path = "/api/moderation/blocked-terms", tag = "moderation", operation_id = "removeBlockedTerm", params(TermQuery),
    responses((status = 200, description = "The room's blocked terms", body = Envelope<String>),
        (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn remove_blocked_term(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<TermQuery>,
) -> ApiResult<Json<Envelope<String>>> {
    set_term(state, caller, q, false).await
}

async fn set_term(state: ChatState, caller: Caller, q: TermQuery, on: bool) -> ApiResult<Json<Envelope<String>>> {
    let (mod_id, room) = moderator(&state, &caller, &q.broadcaster_login).await?;
    let terms = state.chat.set_blocked_term(&room, mod_id, &q.term, on).await.map_err(refused)?;
    Ok(Json(Envelope { data: terms, pagination: None }))
}
