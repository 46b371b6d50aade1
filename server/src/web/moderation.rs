//! The moderators' page of a channel: what AutoMod holds (allow or deny),
//! the reported messages with their counts and reasons (remove or dismiss),
//! and the channel's AutoMod level and report threshold. Plain forms, so it
//! works without scripts; the chat's own buttons do the same live.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::{error_page, form_user, internal, render, viewer, WebState};
use crate::auth::pages::{PageForm, WebSession};
use crate::chat::Room;
use crate::i18n::Catalog;
use aethex_sdk::{AutomodAction, AutomodSettings, HeldMessage, ReportVerdict, ReportedMessage};

#[derive(Template)]
#[template(path = "moderation.html")]
struct ModerationPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    login: String,
    name: String,
    held: Vec<HeldMessage>,
    reports: Vec<ReportedMessage>,
    settings: AutomodSettings,
    notice: Option<String>,
}

/// The room, if `u` moderates it; the error page otherwise.
async fn room_for(state: &WebState, u: &WebSession, login: &str) -> Result<std::sync::Arc<Room>, Response> {
    match state.chat.room(&login.to_ascii_lowercase()).await {
        Ok(Some(room)) if room.is_moderator(u.user_id) => Ok(room),
        Ok(Some(_)) => Err(error_page(StatusCode::FORBIDDEN, Some(u.clone()), "error-title", "mod-not-moderator")),
        Ok(None) => Err(error_page(StatusCode::NOT_FOUND, Some(u.clone()), "not-found-title", "not-found-channel")),
        Err(e) => Err(internal(e, Some(u.clone()))),
    }
}

/// The moderator behind a form posted on the page, and their room.
async fn posted(
    state: &WebState,
    headers: &HeaderMap,
    form: &std::collections::HashMap<String, String>,
    login: &str,
) -> Result<(WebSession, std::sync::Arc<Room>), Response> {
    let u = form_user(state, headers, form, &format!("moderation/{login}")).await?;
    let room = room_for(state, &u, login).await?;
    Ok((u, room))
}

async fn page(state: &WebState, u: WebSession, room: &Room, notice: Option<&str>) -> Response {
    let t = Catalog::current();
    let (held, reports, settings) = match (
        state.chat.held_messages(room).await,
        state.chat.reports(room, false).await,
        state.chat.automod_settings(room).await,
    ) {
        (Ok(h), Ok(r), Ok(s)) => (h, r, s),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return internal(e, Some(u)),
    };
    let name = crate::accounts::names(&state.db, &[room.channel_id])
        .await
        .ok()
        .and_then(|mut n| n.remove(&room.channel_id))
        .map_or_else(|| room.login.clone(), |(_, d)| d);
    render(
        StatusCode::OK,
        &ModerationPage {
            t,
            user: Some(u),
            login: room.login.clone(),
            name,
            held,
            reports,
            settings,
            notice: notice.map(|k| t.get(k)),
        },
    )
}

/// `GET /moderation/{login}`.
pub(super) async fn show(State(state): State<WebState>, headers: HeaderMap, Path(login): Path<String>) -> Response {
    let Some(u) = viewer(&state, &headers).await else {
        return Redirect::to(&format!("/login?next=/moderation/{}", super::urlencode(&login))).into_response();
    };
    match room_for(&state, &u, &login).await {
        Ok(room) => page(&state, u, &room, None).await,
        Err(r) => r,
    }
}

/// `POST /moderation/{login}/held/{id}/{allow|deny}`.
pub(super) async fn held(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path((login, id, action)): Path<(String, String, String)>,
    PageForm(form): PageForm,
) -> Response {
    let (u, room) = match posted(&state, &headers, &form, &login).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let action = match action.as_str() {
        "allow" => AutomodAction::Allow,
        "deny" => AutomodAction::Deny,
        _ => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-page"),
    };
    use crate::chat::automod::ResolveError;
    let notice = match state.chat.resolve_held(u.user_id, &id, action).await {
        Ok(()) => None,
        Err(ResolveError::Resolved | ResolveError::NotFound) => Some("mod-already-resolved"),
        Err(ResolveError::NotModerator) => {
            return error_page(StatusCode::FORBIDDEN, Some(u), "error-title", "mod-not-moderator")
        }
        Err(ResolveError::Storage(e)) => return internal(e, Some(u)),
    };
    after(&state, u, &room, notice).await
}

/// `POST /moderation/{login}/reports/{id}/{remove|dismiss}`.
pub(super) async fn report(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path((login, id, verdict)): Path<(String, String, String)>,
    PageForm(form): PageForm,
) -> Response {
    let (u, room) = match posted(&state, &headers, &form, &login).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let verdict = match verdict.as_str() {
        "remove" => ReportVerdict::Remove,
        "dismiss" => ReportVerdict::Dismiss,
        _ => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-page"),
    };
    let notice = state.chat.resolve_report(u.user_id, &id, verdict).await.err().map(|_| "mod-already-resolved");
    after(&state, u, &room, notice).await
}

/// `POST /moderation/{login}/settings`: the AutoMod level and report threshold.
pub(super) async fn settings(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let (u, room) = match posted(&state, &headers, &form, &login).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let level = form.get("level").and_then(|l| l.parse::<u8>().ok()).filter(|l| *l <= 4);
    let threshold = form.get("threshold").and_then(|l| l.trim().parse::<i64>().ok()).filter(|t| (0..=100).contains(t));
    let (Some(level), Some(threshold)) = (level, threshold) else {
        return page(&state, u, &room, Some("mod-bad-settings")).await;
    };
    let current = match state.chat.automod_settings(&room).await {
        Ok(s) => s,
        Err(e) => return internal(e, Some(u)),
    };
    let s = AutomodSettings { overall_level: level, report_hide_threshold: threshold, ..current };
    let notice = match state.chat.set_automod_settings(&room, &s).await {
        Ok(_) => "mod-saved",
        Err(_) => "mod-bad-settings",
    };
    page(&state, u, &room, Some(notice)).await
}

/// Back to the page (a redirect, so reloading does not post again), or the page with a notice.
async fn after(state: &WebState, u: WebSession, room: &Room, notice: Option<&str>) -> Response {
    match notice {
        None => Redirect::to(&format!("/moderation/{}", room.login)).into_response(),
        Some(n) => page(state, u, room, Some(n)).await,
    }
}
