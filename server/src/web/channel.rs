//! A channel's pages and forms: the channel page (player, chat, follow,
//! "Notify me", clip, past broadcasts and clips, offline card), the embed
//! player for other sites, a clip's page and a past broadcast's page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::{error_page, form_user, internal, render, viewer, WebState};
use crate::auth::pages::{PageForm, WebSession};
use crate::i18n::Catalog;

#[derive(Template)]
#[template(path = "channel.html")]
struct ChannelPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    channel: crate::accounts::ChannelRow,
    /// The live session's id, viewers and start (Unix ms), when live.
    live: Option<(i64, i64, i64)>,
    /// The last broadcast, when offline.
    last: Option<aethex_sdk::Stream>,
    /// Whether the signed-in viewer follows this channel.
    following: bool,
    /// Whether they asked for a push when it goes live.
    notify: bool,
    /// Whether this server records (so live streams can be clipped).
    recording: bool,
    /// Recorded past broadcasts: (session id, title, ended at).
    videos: Vec<(i64, String, String)>,
    /// Newest clips.
    clips: Vec<crate::ingest::vod::Clip>,
    /// Whether the signed-in viewer is subscribed now.
    subscribed: bool,
    /// A fresh token per page load: a donation form sent twice is one donation.
    nonce: String,
    /// Now (Unix ms), for "started 5 minutes ago".
    now: i64,
    /// Whether the signed-in viewer moderates this chat (the page shows
    /// moderation buttons; the server checks again on every command).
    moderator: bool,
    /// Live channels like this one.
    similar: Vec<super::discover::Card>,
}

/// `?rec=`: the recommendation a visitor came from.
#[derive(Debug, serde::Deserialize)]
pub(super) struct FromRecommendation {
    rec: Option<String>,
}

/// `GET /{login}`: the channel page, or the 404 page. Coming from a
/// recommendation (`?rec=` with its tracking token), the click is counted.
pub(super) async fn channel_page(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    query: Result<axum::extract::Query<FromRecommendation>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let user = viewer(&state, &headers).await;
    let login = login.to_ascii_lowercase();
    if !aethex_sdk::is_valid_login(&login) {
        return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-page");
    }
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &login).await,
        Err(e) => Err(e),
    };
    let channel = match channel {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, user),
    };
    let live = state.ingest.get(&login).filter(|s| !s.is_ended()).map(|s| {
        let started = crate::store::now_ms() - s.started.elapsed().as_millis() as i64;
        (s.session_id, s.viewer_count(), started)
    });
    let last = if live.is_none() {
        match crate::ingest::api::last_broadcast(&state.db, channel.id).await {
            Ok(l) => l,
            Err(e) => return internal(e, user),
        }
    } else {
        None
    };
    let (following, notify, subscribed) = match &user {
        Some(u) => {
            let standing = crate::social::standing(&state.db, u.user_id, channel.id).await;
            let notify = crate::push::notify_of(&state.db, u.user_id, channel.id).await;
            match (standing, notify) {
                (Ok((months, since)), Ok(notify)) => (since.is_some(), notify, months.is_some()),
                (Err(e), _) | (_, Err(e)) => return internal(e, user),
            }
        }
        None => (false, false, false),
    };
    let nonce = crate::crypto::random_secret("");
    let moderator = match (&user, state.chat.find_room(&login).await) {
        (Some(u), Ok(room)) => room.is_moderator(u.user_id),
        _ => false,
    };
    let data_dir = &state.config.data_dir;
    let videos = match crate::ingest::api::past_broadcasts(&state.db, channel.id, 12).await {
        Ok(v) => v
            .into_iter()
            .filter_map(|b| {
                let id: i64 = b.id.parse().ok()?;
                crate::ingest::vod::has_recording(data_dir, &channel.login, id)
                    .then(|| (id, b.title, b.ended_at.unwrap_or_default()))
            })
            .collect(),
        Err(e) => return internal(e, user),
    };
    let clips = match crate::ingest::vod::clips_of(&state.db, channel.id, 12).await {
        Ok(c) => c,
        Err(e) => return internal(e, user),
    };
    let who = super::who(&headers, user.as_ref());
    if let Ok(axum::extract::Query(FromRecommendation { rec: Some(token) })) = &query {
        if token.len() <= 200 {
            if let Err(e) = state.recs.click(&who, &channel.login, token).await {
                tracing::debug!(error = %e, "recommendation click not counted");
            }
        }
    }
    let similar = super::discover::cards_of(state.recs.similar(&who, channel.id, 6).await);
    let recording = state.config.record;
    let page = ChannelPage {
        t: Catalog::current(),
        user,
        channel,
        live,
        last,
        following,
        notify,
        recording,
        videos,
        clips,
        subscribed,
        nonce,
        now: crate::store::now_ms(),
        moderator,
        similar,
    };
    render(StatusCode::OK, &page)
}

/// `POST /{login}/follow`.
pub(super) async fn follow(
    state: State<WebState>,
    headers: HeaderMap,
    login: Path<String>,
    form: PageForm,
) -> Response {
    follow_form(state, headers, login, form, true).await
}

/// `POST /{login}/unfollow`.
pub(super) async fn unfollow(
    state: State<WebState>,
    headers: HeaderMap,
    login: Path<String>,
    form: PageForm,
) -> Response {
    follow_form(state, headers, login, form, false).await
}

/// The follow button's form: the signed-in viewer's session and CSRF token,
/// from this site. A script asking for JSON gets `{"following": ...}` (the
/// page, and its player, stay); a plain form post goes back to the channel.
pub(super) async fn follow_form(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
    follow: bool,
) -> Response {
    let (login, u) = match channel_form(&state, &headers, &login, &form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let channel = match crate::accounts::user_id_by_login(&state.db, &login).await {
        Ok(Some(id)) => id,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, Some(u)),
    };
    if channel == u.user_id {
        return error_page(StatusCode::CONFLICT, Some(u), "error-title", "follow-own-channel");
    }
    let done = if follow {
        crate::social::follow_channel(&state.db, &state.bus, u.user_id, channel).await.map(|_| ())
    } else {
        // No go-live pushes from a channel one no longer follows.
        match crate::social::unfollow_channel(&state.db, u.user_id, channel).await {
            Ok(()) => crate::push::set_notify_for(&state.db, u.user_id, channel, false).await,
            Err(e) => Err(e),
        }
    };
    if let Err(e) = done {
        return internal(e, Some(u));
    }
    let wants_json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("json"));
    if wants_json {
        return axum::Json(serde_json::json!({ "following": follow })).into_response();
    }
    Redirect::to(&format!("/{login}")).into_response()
}

/// `POST /{login}/clip`: the last 30 s of the live stream (or, with
/// `session` and `start`, `seconds` (5-60) of a past broadcast from `start`
/// seconds), cut from the recording; then the clip's page.
pub(super) async fn make_clip(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let (login, u) = match channel_form(&state, &headers, &login, &form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &login).await,
        Err(e) => Err(e),
    };
    let channel = match channel {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, Some(u)),
    };
    let start: Option<f64> =
        form.get("start").and_then(|v| v.parse().ok()).filter(|v: &f64| v.is_finite() && *v >= 0.0);
    let session = match (form.get("session").and_then(|v| v.parse::<i64>().ok()), state.ingest.get(&login)) {
        (Some(id), _) => id,
        (None, Some(live)) if !live.is_ended() => live.session_id,
        _ => return error_page(StatusCode::CONFLICT, Some(u), "error-title", "clip-not-live"),
    };
    // A past broadcast's clip may be 5 to 60 s long, as on Twitch; "clip that" on a live stream is 30 s.
    let secs = match form.get("seconds").filter(|v| !v.is_empty()) {
        None => crate::ingest::vod::LIVE_CLIP_SECS,
        Some(v) => match v.parse::<f64>() {
            Ok(s) if (crate::ingest::vod::MIN_CLIP_SECS..=crate::ingest::vod::MAX_CLIP_SECS).contains(&s) => s,
            _ => return error_page(StatusCode::UNPROCESSABLE_ENTITY, Some(u), "error-title", "clip-length-rule"),
        },
    };
    let made = crate::ingest::vod::create_clip(
        &state.db,
        &state.config.data_dir,
        channel.id,
        &login,
        session,
        u.user_id,
        &channel.title,
        start,
        secs,
        state.ingest.ffmpeg.as_deref(),
    )
    .await;
    match made {
        Ok(clip) => Redirect::to(&format!("/clip/{}", clip.id)).into_response(),
        Err(crate::ingest::vod::ClipError::NotRecorded) => {
            error_page(StatusCode::CONFLICT, Some(u), "error-title", "clip-not-recorded")
        }
        Err(crate::ingest::vod::ClipError::TooEarly) => {
            error_page(StatusCode::CONFLICT, Some(u), "error-title", "clip-too-early")
        }
        Err(e) => {
            tracing::error!(error = %e, "clip failed");
            error_page(StatusCode::INTERNAL_SERVER_ERROR, Some(u), "error-internal-title", "error-internal")
        }
    }
}

#[derive(Template)]
#[template(path = "clip.html")]
struct ClipPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    clip: crate::ingest::vod::Clip,
    login: String,
    name: String,
    seconds: String,
}

/// `GET /clip/{id}`.
pub(super) async fn clip_page(State(state): State<WebState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let user = viewer(&state, &headers).await;
    let clip = match crate::ingest::vod::clip(&state.db, &id).await {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-clip"),
        Err(e) => return internal(e, user),
    };
    let (login, name) = match crate::accounts::names(&state.db, &[clip.channel_id]).await {
        Ok(n) => n.get(&clip.channel_id).cloned().unwrap_or_default(),
        Err(e) => return internal(e, user),
    };
    let seconds = format!("{:.0}", clip.duration_ms as f64 / 1000.0);
    render(StatusCode::OK, &ClipPage { t: Catalog::current(), user, clip, login, name, seconds })
}

#[derive(Template)]
#[template(path = "video.html")]
struct VideoPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    video: aethex_sdk::Stream,
    session: i64,
}

/// `GET /videos/{id}`: a recorded past broadcast.
pub(super) async fn video_page(State(state): State<WebState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let user = viewer(&state, &headers).await;
    let Some(session) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-video");
    };
    let video = match crate::ingest::api::broadcast(&state.db, session).await {
        Ok(Some(v)) if v.ended_at.is_some() => v,
        Ok(_) => return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-video"),
        Err(e) => return internal(e, user),
    };
    if !crate::ingest::vod::has_recording(&state.config.data_dir, &video.broadcaster_login, session) {
        return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-video");
    }
    render(StatusCode::OK, &VideoPage { t: Catalog::current(), user, video, session })
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage {
    t: &'static Catalog,
    login: String,
    name: String,
    live: bool,
}

/// `GET /embed/{login}`: the player alone, for other sites to frame.
pub(super) async fn embed(State(state): State<WebState>, Path(login): Path<String>) -> Response {
    let login = login.to_ascii_lowercase();
    let id = match aethex_sdk::is_valid_login(&login) {
        true => crate::accounts::user_id_by_login(&state.db, &login).await,
        false => Ok(None),
    };
    let name = match id {
        Ok(Some(id)) => match crate::accounts::names(&state.db, &[id]).await {
            Ok(n) => n.get(&id).map(|x| x.1.clone()),
            Err(e) => return internal(e, None),
        },
        Ok(None) => None,
        Err(e) => return internal(e, None),
    };
    let Some(name) = name else {
        return error_page(StatusCode::NOT_FOUND, None, "not-found-title", "not-found-channel");
    };
    let live = state.ingest.get(&login).is_some_and(|s| !s.is_ended());
    let mut resp = render(StatusCode::OK, &EmbedPage { t: Catalog::current(), login, name, live });
    // Any site may frame the player (and only the player).
    let h = resp.headers_mut();
    h.remove(header::X_FRAME_OPTIONS);
    if let Ok(csp) = axum::http::HeaderValue::from_str(
        &h.get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .replace("frame-ancestors 'none'", "frame-ancestors *"),
    ) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    resp
}

/// The answer to a background form: JSON for the page's script
/// (`{"ok", "message"}`), else back to the channel page.
fn form_answer(headers: &HeaderMap, login: &str, status: StatusCode, message: String) -> Response {
    let wants_json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("json"));
    if wants_json {
        let body = serde_json::json!({ "ok": status.is_success(), "message": message });
        return (status, axum::Json(body)).into_response();
    }
    if status.is_success() {
        return Redirect::to(&format!("/{login}")).into_response();
    }
    let t = Catalog::current();
    let page = crate::auth::pages::message_text_page(t.get("error-title"), message);
    crate::http::html::render(status, &page, crate::http::html::Forms::Stay)
}

/// `POST /{login}/subscribe`: subscribe (or renew) at tier 1, 2 or 3.
pub(super) async fn subscribe(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let (login, u) = match channel_form(&state, &headers, &login, &form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let tier: u8 = form.get("tier").and_then(|t| t.parse().ok()).unwrap_or(1);
    let social = crate::social::SocialState { db: state.db.clone(), bus: state.bus.clone() };
    let t = Catalog::current();
    match crate::social::api::subscribe_to(&social, u.user_id, login.clone(), tier).await {
        Ok(sub) => form_answer(
            &headers,
            &login,
            StatusCode::OK,
            t.with("subscribed-until", "date", &t.date_of(&sub.expires_at)),
        ),
        Err(e) => form_answer(&headers, &login, e.status, e.message),
    }
}

/// `POST /{login}/donate`: an amount in the currency's units (`5`, `4.99`),
/// an ISO 4217 currency, a message.
pub(super) async fn donate(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let (login, u) = match channel_form(&state, &headers, &login, &form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let t = Catalog::current();
    let currency = form.get("currency").map(|c| c.trim().to_ascii_uppercase()).unwrap_or_else(|| "USD".into());
    let Some(exponent) = crate::i18n::format::currency_exponent(&currency) else {
        return form_answer(&headers, &login, StatusCode::UNPROCESSABLE_ENTITY, t.get("donate-currency-rule"));
    };
    // "4,99" and "4.99" alike; as many decimals as the currency has (none for yen).
    let amount = form.get("amount").and_then(|a| crate::i18n::format::parse_amount(a, exponent)).filter(|a| *a > 0);
    let Some(amount) = amount else {
        return form_answer(&headers, &login, StatusCode::UNPROCESSABLE_ENTITY, t.get("donate-amount-rule"));
    };
    let req = aethex_sdk::DonationRequest {
        broadcaster_login: login.clone(),
        amount,
        currency,
        message: form.get("message").map(|m| m.trim().to_string()).unwrap_or_default(),
        donor_name: None,
    };
    let social = crate::social::SocialState { db: state.db.clone(), bus: state.bus.clone() };
    // One donation per form: the page's CSRF token and the form's nonce make the key.
    let key = form
        .get("nonce")
        .filter(|n| n.len() <= 60 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .map(|n| format!("web-{n}"));
    match crate::social::donations::donate(&social, u.user_id, key, &req).await {
        Ok(_) => form_answer(&headers, &login, StatusCode::OK, t.get("donate-thanks")),
        Err(e) => form_answer(&headers, &login, e.status, e.message),
    }
}

/// A form on `login`'s page: the channel's login, lower-cased, and the
/// signed-in viewer who sent it from this site with their CSRF token.
async fn channel_form(
    state: &WebState,
    headers: &HeaderMap,
    login: &str,
    form: &std::collections::HashMap<String, String>,
) -> Result<(String, WebSession), Response> {
    let login = login.to_ascii_lowercase();
    let u = form_user(state, headers, form, &login).await?;
    Ok((login, u))
}
