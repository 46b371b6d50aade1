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
use aethex_sdk::{
    AutomodSettings, BanRequest, ChatMessage, ChatSettings, ChatSettingsUpdate, Chatters, Envelope, HeldMessage,
    ManageHeldMessage, Problem, ReportRequest, ReportedMessage, ResolveReport,
};

/// What chat's REST handlers use.
#[derive(Clone)]
pub struct ChatState {
    /// Storage (people are looked up through accounts).
    pub db: crate::store::Db,
    /// The rooms.
    pub chat: std::sync::Arc<super::Chat>,
    /// Where our own pages are, for the chat scripts' same-site check.
    pub public_url: String,
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
        .route("/api/moderation/automod/settings", get(automod_settings).put(update_automod_settings))
        .route("/api/moderation/automod/messages", get(held_messages))
        .route("/api/moderation/automod/message", axum::routing::post(manage_held_message))
        .route("/api/moderation/reports", get(reports).post(report))
        .route("/api/moderation/reports/{message_id}", axum::routing::patch(resolve_report))
        // The channel page's chat script: the viewer's browser session and its CSRF token.
        .route("/chat/reports", axum::routing::post(page_report))
        .route("/chat/automod", axum::routing::post(page_manage_held_message))
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
        "invalid_user" | "bad_delete_message_error" | "report_not_found" => ApiError::not_found(r.text),
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
    moderator_with(state, caller, login, "moderator:manage").await
}

/// The moderator calling with `scope`, for a room.
async fn moderator_with(
    state: &ChatState,
    caller: &Caller,
    login: &str,
    scope: &str,
) -> ApiResult<(i64, std::sync::Arc<Room>)> {
    let (_, user_id) = caller.user_with_scope(scope)?;
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

/// A room's AutoMod levels and report threshold (`moderator:manage:automod`).
#[utoipa::path(get, path = "/api/moderation/automod/settings", tag = "moderation", operation_id = "getAutomodSettings", params(RoomQuery),
    responses((status = 200, body = Envelope<AutomodSettings>), (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage:automod"])))]
pub async fn automod_settings(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<RoomQuery>,
) -> ApiResult<Json<Envelope<AutomodSettings>>> {
    let (_, room) = moderator_with(&state, &caller, &q.broadcaster_login, "moderator:manage:automod").await?;
    Ok(Json(Envelope::one(state.chat.automod_settings(&room).await?)))
}

/// Set a room's AutoMod levels (0 off to 4, a category's own level or
/// `null` to follow the overall one) and report threshold (`moderator:manage:automod`).
#[utoipa::path(put, path = "/api/moderation/automod/settings", tag = "moderation", operation_id = "updateAutomodSettings", params(RoomQuery), request_body = AutomodSettings,
    responses((status = 200, body = Envelope<AutomodSettings>), (status = 400, description = "A level above 4 or a threshold above 100", body = Problem),
        (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage:automod"])))]
pub async fn update_automod_settings(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<RoomQuery>,
    Json(s): Json<AutomodSettings>,
) -> ApiResult<Json<Envelope<AutomodSettings>>> {
    let (_, room) = moderator_with(&state, &caller, &q.broadcaster_login, "moderator:manage:automod").await?;
    Ok(Json(Envelope::one(state.chat.set_automod_settings(&room, &s).await.map_err(refused)?)))
}

/// Messages AutoMod holds in a room, waiting for a moderator, oldest first (`moderator:manage:automod`).
#[utoipa::path(get, path = "/api/moderation/automod/messages", tag = "moderation", operation_id = "getHeldAutomodMessages", params(RoomQuery),
    responses((status = 200, body = Envelope<HeldMessage>), (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage:automod"])))]
pub async fn held_messages(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<RoomQuery>,
) -> ApiResult<Json<Envelope<HeldMessage>>> {
    let (_, room) = moderator_with(&state, &caller, &q.broadcaster_login, "moderator:manage:automod").await?;
    Ok(Json(Envelope { data: state.chat.held_messages(&room).await?, pagination: None }))
}

fn resolve_error(e: super::automod::ResolveError) -> ApiError {
    use super::automod::ResolveError as E;
    match e {
        E::NotFound => ApiError::not_found(e.to_string()),
        E::Resolved => ApiError::bad_request(e.to_string()),
        E::NotModerator => ApiError::forbidden(e.to_string()),
        E::Storage(s) => s.into(),
    }
}

/// "Manage Held AutoMod Messages" (Helix's shape): a moderator allows a held
/// message (it goes to the room) or denies it (`moderator:manage:automod`).
#[utoipa::path(post, path = "/api/moderation/automod/message", tag = "moderation", operation_id = "manageHeldAutomodMessage", request_body = ManageHeldMessage,
    responses((status = 204, description = "Done"), (status = 400, description = "Already approved, denied or expired", body = Problem),
        (status = 403, description = "`user_id` is not the token's user, the caller does not moderate the message's room, or the scope is missing", body = Problem),
        (status = 404, description = "No held message has that id", body = Problem)),
    security(("bearer" = ["moderator:manage:automod"])))]
pub async fn manage_held_message(
    State(state): State<ChatState>,
    caller: Caller,
    Json(req): Json<ManageHeldMessage>,
) -> ApiResult<StatusCode> {
    let (_, user_id) = caller.user_with_scope("moderator:manage:automod")?;
    manage_held_as(&state, user_id, &req).await
}

async fn manage_held_as(state: &ChatState, user_id: i64, req: &ManageHeldMessage) -> ApiResult<StatusCode> {
    if req.user_id.trim_start_matches('+').parse::<i64>().ok() != Some(user_id) {
        return Err(ApiError::forbidden("'user_id' must be the token's user"));
    }
    state.chat.resolve_held(user_id, &req.msg_id, req.action).await.map_err(resolve_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The channel page's Allow and Deny buttons on a held message.
async fn page_manage_held_message(
    State(state): State<ChatState>,
    headers: axum::http::HeaderMap,
    Json(req): Json<ManageHeldMessage>,
) -> ApiResult<StatusCode> {
    let (user_id, _) = crate::auth::pages::script_user(&state.db, &headers, &state.public_url).await?;
    manage_held_as(&state, user_id, &req).await
}

/// Report a message in a room's recent chat (any user token with
/// `chat:read`). A viewer's report counts once; enough of them hide the
/// message until a moderator looks.
#[utoipa::path(post, path = "/api/moderation/reports", tag = "moderation", operation_id = "reportChatMessage", request_body = ReportRequest,
    responses((status = 204, description = "Reported"), (status = 400, description = "One's own message, or a reason too long", body = Problem),
        (status = 404, description = "No such room, or no such message in its recent chat", body = Problem),
        (status = 429, description = "Too many reports (30 per 10 minutes), or the API rate limit", body = Problem)),
    security(("bearer" = ["chat:read"])))]
pub async fn report(
    State(state): State<ChatState>,
    caller: Caller,
    Json(req): Json<ReportRequest>,
) -> ApiResult<StatusCode> {
    let (_, user_id) = caller.user_with_scope("chat:read")?;
    report_as(&state, user_id, &req).await
}

async fn report_as(state: &ChatState, user_id: i64, req: &ReportRequest) -> ApiResult<StatusCode> {
    let room = room(state, &req.broadcaster_login).await?;
    state.chat.report(&room, user_id, &req.message_id, &req.reason).await.map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The channel page's Report button.
async fn page_report(
    State(state): State<ChatState>,
    headers: axum::http::HeaderMap,
    Json(req): Json<ReportRequest>,
) -> ApiResult<StatusCode> {
    let (user_id, _) = crate::auth::pages::script_user(&state.db, &headers, &state.public_url).await?;
    report_as(&state, user_id, &req).await
}

/// `?broadcaster_login=&status=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportsQuery {
    /// The room.
    #[param(value_type = Login)]
    pub broadcaster_login: String,
    /// `all` to include resolved reports; by default (`pending`) `open` and `hidden` ones.
    pub status: Option<ReportsFilter>,
}

/// Which reports a moderator lists.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportsFilter {
    /// Waiting for a verdict (`open` and `hidden`).
    Pending,
    /// Resolved ones too.
    All,
}

/// The moderators' queue of reported messages, most reported first (`moderator:manage`).
#[utoipa::path(get, path = "/api/moderation/reports", tag = "moderation", operation_id = "getChatReports", params(ReportsQuery),
    responses((status = 200, body = Envelope<ReportedMessage>), (status = 400, description = "An unknown status", body = Problem),
        (status = 403, description = "Not a moderator of the room, or the scope is missing", body = Problem), (status = 404, description = "No such room", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn reports(
    State(state): State<ChatState>,
    caller: Caller,
    Query(q): Query<ReportsQuery>,
) -> ApiResult<Json<Envelope<ReportedMessage>>> {
    let all = matches!(q.status, Some(ReportsFilter::All));
    let (_, room) = moderator(&state, &caller, &q.broadcaster_login).await?;
    Ok(Json(Envelope { data: state.chat.reports(&room, all).await?, pagination: None }))
}

/// A moderator's verdict on a reported message: `remove` (it stays gone) or
/// `dismiss` (a hidden message is shown again) (`moderator:manage`).
#[utoipa::path(patch, path = "/api/moderation/reports/{message_id}", tag = "moderation", operation_id = "resolveChatReport",
    params(("message_id" = String, Path, description = "The reported message's id")), request_body = ResolveReport,
    responses((status = 204, description = "Resolved"), (status = 400, description = "Already resolved", body = Problem),
        (status = 403, description = "Not a moderator of the message's room, or the scope is missing", body = Problem),
        (status = 404, description = "No reported message has that id", body = Problem)),
    security(("bearer" = ["moderator:manage"])))]
pub async fn resolve_report(
    State(state): State<ChatState>,
    caller: Caller,
    Path(message_id): Path<String>,
    Json(req): Json<ResolveReport>,
) -> ApiResult<StatusCode> {
    let (_, user_id) = caller.user_with_scope("moderator:manage")?;
    state.chat.resolve_report(user_id, &message_id, req.verdict).await.map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}
