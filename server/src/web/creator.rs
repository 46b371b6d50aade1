//! The signed-in user's own pages: settings (profile, notifications) and
//! the creator dashboard (stream info, stream key, going live, recent
//! alerts, raids, moderators, blocked terms, webhooks).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::{error_page, form_user, internal, render, viewer, WebState};
use crate::auth::pages::{PageForm, WebSession};
use crate::i18n::Catalog;

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    display_name: String,
    description: String,
    /// Channels with go-live pushes on: (login, display name).
    notified: Vec<(String, String)>,
    /// Personalised recommendations on.
    personalised: bool,
    notice: Option<String>,
    error: Option<String>,
}

pub(super) async fn settings_with(
    state: &WebState,
    u: WebSession,
    notice: Option<&str>,
    error: Option<&str>,
) -> Response {
    let t = Catalog::current();
    let (u, channel) = match own_channel(state, u).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let ids = match crate::push::notified_channels(&state.db, u.user_id).await {
        Ok(ids) => ids,
        Err(e) => return internal(e, Some(u)),
    };
    let notified = match crate::accounts::channels(&state.db, &ids).await {
        Ok(rows) => rows.into_iter().map(|c| (c.login, c.display_name)).collect(),
        Err(e) => return internal(e, Some(u)),
    };
    let personalised = match state.recs.personalised(u.user_id).await {
        Ok(p) => p,
        Err(e) => return internal(e, Some(u)),
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = SettingsPage {
        t,
        user: Some(u),
        display_name: channel.display_name,
        description: channel.description,
        notified,
        personalised,
        notice: notice.map(|n| t.get(n)),
        error: error.map(|e| t.get(e)),
    };
    render(status, &page)
}

/// `GET /settings`: profile and notifications.
pub(super) async fn settings(State(state): State<WebState>, headers: HeaderMap) -> Response {
    match viewer(&state, &headers).await {
        Some(u) => settings_with(&state, u, None, None).await,
        None => Redirect::to("/login?next=/settings").into_response(),
    }
}

/// `POST /settings`: display name and the channel's "about" text.
pub(super) async fn settings_save(State(state): State<WebState>, OwnForm { user: u, form }: OwnForm) -> Response {
    let name = form.get("display_name").map(|v| v.trim().to_string()).unwrap_or_default();
    match crate::accounts::set_display_name(&state.db, u.user_id, &name).await {
        Ok(true) => {}
        Ok(false) => return settings_with(&state, u, None, Some("settings-name-rule")).await,
        Err(e) => return internal(e, Some(u)),
    }
    let description = form.get("description").map(|v| v.trim().to_string()).unwrap_or_default();
    let update = aethex_sdk::ChannelUpdate { description: Some(description), ..Default::default() };
    match crate::channels::apply_update(&state.channels, u.user_id, &u.login, &update).await {
        Ok(_) => settings_with(&state, u, Some("dashboard-saved"), None).await,
        Err(_) => settings_with(&state, u, None, Some("settings-about-rule")).await,
    }
}

/// `POST /settings/recommendations`: personalised recommendations on or off.
pub(super) async fn settings_recommendations(
    State(state): State<WebState>,
    OwnForm { user: u, form }: OwnForm,
) -> Response {
    let on = form.get("personalised").is_some_and(|v| v == "on");
    match state.recs.set_personalised(u.user_id, on).await {
        Ok(()) => settings_with(&state, u, Some("dashboard-saved"), None).await,
        Err(e) => internal(e, Some(u)),
    }
}

/// `POST /settings/notify/{login}/off`: no more go-live pushes from a channel.
pub(super) async fn settings_notify_off(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let me = viewer(&state, &headers).await.map(|u| u.login).unwrap_or_default();
    let u = match form_user(&state, &headers, &form, &me).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    match crate::accounts::user_id_by_login(&state.db, &login.to_ascii_lowercase()).await {
        Ok(Some(channel)) => match crate::push::set_notify_for(&state.db, u.user_id, channel, false).await {
            Ok(()) => Redirect::to("/settings").into_response(),
            Err(e) => internal(e, Some(u)),
        },
        Ok(None) => error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => internal(e, Some(u)),
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    channel: crate::accounts::ChannelRow,
    live: bool,
    /// The reader is one of the platform's operators (a link to their dashboard).
    operator: bool,
    stream_key: String,
    ingest_url: String,
    /// Recent alerts, newest first: (login, what happened, when RFC 3339).
    alerts: Vec<(String, String, String)>,
    /// Appointed moderators: (login, display name).
    moderators: Vec<(String, String)>,
    /// The chat's blocked terms.
    blocked_terms: Vec<String>,
    /// Donations of the last 30 days and their total in one currency.
    revenue: Revenue,
    /// Webhooks on the channel that its owner made (any app).
    webhooks: Vec<aethex_sdk::eventsub::EventSubSubscription>,
    /// The event types a webhook can carry.
    event_types: &'static [&'static str],
    /// A message id: what the last change did, or why it was refused (its text).
    notice: Option<String>,
    error: Option<String>,
}

/// Donations of the last 30 days, per currency, and their total in the
/// display currency through the ECB's rates.
struct Revenue {
    /// (amount in its own currency, how many), formatted.
    lines: Vec<(String, i64)>,
    /// The total in the display currency, formatted, if rates are loaded.
    total: Option<String>,
    /// The rates' date.
    rates_date: Option<String>,
    /// Currencies the rates do not cover.
    unconverted: Vec<String>,
    /// The currencies a total can be shown in, and the one shown.
    choices: Vec<String>,
    display: String,
}

async fn revenue(state: &WebState, channel: i64, display: Option<&str>) -> Result<Revenue, sqlx::Error> {
    let t = Catalog::current();
    let since = crate::store::now_ms() - 30 * 86_400_000;
    let totals = crate::social::donation_totals(&state.db, channel, since).await?;
    let rates = crate::social::rates::load(&state.db).await?;
    let choices: Vec<String> = rates.as_ref().map(|r| r.per_euro.keys().cloned().collect()).unwrap_or_default();
    let display = display
        .map(str::to_ascii_uppercase)
        .filter(|d| choices.contains(d))
        .or_else(|| choices.iter().find(|c| *c == t.currency()).cloned())
        .unwrap_or_else(|| "EUR".to_string());
    let mut unconverted = Vec::new();
    let total = rates.as_ref().filter(|_| !totals.is_empty()).map(|r| {
        let mut sum = 0i64;
        for (currency, amount, _) in &totals {
            match r.convert(*amount, currency, &display) {
                Some(v) => sum = sum.saturating_add(v),
                None => unconverted.push(currency.clone()),
            }
        }
        t.money(sum, &display)
    });
    Ok(Revenue {
        lines: totals.iter().map(|(c, a, n)| (t.money(*a, c), *n)).collect(),
        total,
        rates_date: rates.map(|r| r.date),
        unconverted,
        choices,
        display,
    })
}

/// The dashboard of the signed-in creator, with a notice or an error.
pub(super) async fn dashboard_with(
    state: &WebState,
    u: WebSession,
    notice: Option<&str>,
    error: Option<String>,
) -> Response {
    dashboard_showing(state, u, notice, error, None).await
}

/// [`dashboard_with`], totals shown in `display` (a currency code).
async fn dashboard_showing(
    state: &WebState,
    u: WebSession,
    notice: Option<&str>,
    error: Option<String>,
    display: Option<&str>,
) -> Response {
    let t = Catalog::current();
    let (u, channel) = match own_channel(state, u).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let stream_key = match crate::accounts::stream_key(&state.db, &state.channels.sealer, channel.id).await {
        Ok(k) => k,
        Err(e) => {
            tracing::error!(error = %e, "could not open a stream key");
            return error_page(StatusCode::INTERNAL_SERVER_ERROR, Some(u), "error-internal-title", "error-internal");
        }
    };
    let alerts = match recent_alerts(state, channel.id).await {
        Ok(a) => a,
        Err(e) => return internal(e, Some(u)),
    };
    let room = match state.chat.find_room(&channel.login).await {
        Ok(r) => r,
        Err(r) => {
            tracing::error!(reason = %r.text, "could not load the creator's chat room");
            return error_page(StatusCode::INTERNAL_SERVER_ERROR, Some(u), "error-internal-title", "error-internal");
        }
    };
    let moderators = match crate::accounts::names(&state.db, &room.moderator_ids()).await {
        Ok(names) => {
            let mut m: Vec<(String, String)> = names.into_values().collect();
            m.sort();
            m
        }
        Err(e) => return internal(e, Some(u)),
    };
    let blocked_terms = state.chat.blocked_terms(&room);
    let revenue = match revenue(state, channel.id, display).await {
        Ok(r) => r,
        Err(e) => return internal(e, Some(u)),
    };
    let u_id = u.user_id;
    let live = state.ingest.get(&channel.login).is_some_and(|s| !s.is_ended());
    let page = DashboardPage {
        t,
        operator: state.analytics.is_operator(&u.login),
        ingest_url: state.config.ingest_url(),
        user: Some(u),
        channel,
        live,
        stream_key,
        alerts,
        moderators,
        blocked_terms,
        revenue,
        webhooks: state.eventsub.own_webhooks(u_id).iter().map(|s| s.wire()).collect(),
        event_types: aethex_sdk::eventsub::EVENT_TYPES,
        notice: notice.map(|n| t.get(n)),
        error,
    };
    let status = if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut resp = render(status, &page);
    // The stream key is on this page: never stored by a cache.
    resp.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    resp
}

/// `GET /dashboard`: the creator's own channel: stream key, how to go live,
/// stream info, recent followers.
pub(super) async fn dashboard(
    State(state): State<WebState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    match viewer(&state, &headers).await {
        Some(u) => dashboard_showing(&state, u, None, None, q.get("currency").map(String::as_str)).await,
        None => Redirect::to("/login?next=/dashboard").into_response(),
    }
}

/// `POST /dashboard/channel`: title, category, tags, language.
pub(super) async fn dashboard_channel(State(state): State<WebState>, OwnForm { user: u, form }: OwnForm) -> Response {
    let field = |k: &str| form.get(k).map(|v| v.trim().to_string());
    let tags = field("tags")
        .map(|t| t.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect::<Vec<_>>());
    let update = aethex_sdk::ChannelUpdate {
        title: field("title"),
        category: field("category"),
        tags,
        language: field("language").filter(|l| !l.is_empty()),
        ..Default::default()
    };
    match crate::channels::apply_update(&state.channels, u.user_id, &u.login, &update).await {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-saved"), None).await,
        Err(e) => dashboard_with(&state, u, None, Some(e.message)).await,
    }
}

/// `POST /dashboard/stream-key`: a new stream key (the old one stops working).
pub(super) async fn dashboard_reset_key(State(state): State<WebState>, OwnForm { user: u, .. }: OwnForm) -> Response {
    match crate::accounts::reset_stream_key(&state.db, &state.channels.sealer, u.user_id).await {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-key-reset"), None).await,
        Err(e) => internal(e, Some(u)),
    }
}

/// How many alerts the dashboard lists.
const ALERTS: usize = 20;

/// Follows, subscriptions, donations and raids received, newest first, each
/// as a sentence from the catalogue.
async fn recent_alerts(state: &WebState, channel: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    use crate::social::Activity;
    let t = Catalog::current();
    let mut all: Vec<(String, String, i64)> = crate::social::recent_activity(&state.db, channel, ALERTS as i64)
        .await?
        .into_iter()
        .map(|(login, name, at, what)| {
            let text = match what {
                Activity::Follow => t.with("alert-follow", "name", &name),
                Activity::Subscription { tier } => {
                    t.with_args("alert-subscription", &[("name", &name), ("tier", &tier.to_string())], None)
                }
                Activity::Donation { amount, currency, message } => {
                    let amount = t.money(amount, &currency);
                    let text = t.with_args("alert-donation", &[("name", &name), ("amount", &amount)], None);
                    if message.is_empty() {
                        text
                    } else {
                        format!("{text} \u{201c}{message}\u{201d}")
                    }
                }
            };
            (login, text, at)
        })
        .collect();
    for (login, name, viewers, at) in crate::channels::raids_received(&state.db, channel, ALERTS as i64).await? {
        all.push((login, t.with_args("alert-raid", &[("name", &name)], Some(viewers)), at));
    }
    all.sort_by_key(|a| std::cmp::Reverse(a.2));
    all.truncate(ALERTS);
    Ok(all.into_iter().map(|(l, text, at)| (l, text, crate::store::rfc3339(at))).collect())
}

/// `POST /dashboard/moderators`: appoint a moderator (`login`).
pub(super) async fn dashboard_add_moderator(
    State(state): State<WebState>,
    OwnForm { user: u, form }: OwnForm,
) -> Response {
    let login = form.get("login").map(|l| l.trim().trim_start_matches('@').to_ascii_lowercase()).unwrap_or_default();
    set_moderator(&state, u, &login, true).await
}

/// `POST /dashboard/moderators/{login}/remove`.
pub(super) async fn dashboard_remove_moderator(
    State(state): State<WebState>,
    Path(login): Path<String>,
    OwnForm { user: u, .. }: OwnForm,
) -> Response {
    set_moderator(&state, u, &login.to_ascii_lowercase(), false).await
}

async fn set_moderator(state: &WebState, u: WebSession, login: &str, on: bool) -> Response {
    let t = Catalog::current();
    let target = if aethex_sdk::is_valid_login(login) {
        match crate::accounts::user_id_by_login(&state.db, login).await {
            Ok(id) => id,
            Err(e) => return internal(e, Some(u)),
        }
    } else {
        None
    };
    let Some(target) = target else {
        return dashboard_with(state, u, None, Some(t.get("dashboard-no-such-user"))).await;
    };
    if target == u.user_id {
        return dashboard_with(state, u, None, Some(t.get("dashboard-mod-self"))).await;
    }
    let room = match state.chat.find_room(&u.login).await {
        Ok(r) => r,
        Err(r) => return dashboard_with(state, u, None, Some(r.text)).await,
    };
    match state.chat.set_moderator(&room, target, on).await {
        Ok(()) => dashboard_with(state, u, Some("dashboard-saved"), None).await,
        Err(e) => internal(e, Some(u)),
    }
}

/// `POST /dashboard/blocked-terms`: block (`action=add`) or unblock
/// (`action=remove`) `term` in the creator's chat.
pub(super) async fn dashboard_blocked_term(
    State(state): State<WebState>,
    OwnForm { user: u, form }: OwnForm,
) -> Response {
    let on = form.get("action").map(String::as_str) != Some("remove");
    let term = form.get("term").cloned().unwrap_or_default();
    let room = match state.chat.find_room(&u.login).await {
        Ok(r) => r,
        Err(r) => return dashboard_with(&state, u, None, Some(r.text)).await,
    };
    match state.chat.set_blocked_term(&room, u.user_id, &term, on).await {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-saved"), None).await,
        Err(r) => dashboard_with(&state, u, None, Some(r.text)).await,
    }
}

/// `POST /dashboard/raid`: send the channel's viewers to another (`to`).
pub(super) async fn dashboard_raid(State(state): State<WebState>, OwnForm { user: u, form }: OwnForm) -> Response {
    let to = form.get("to").map(|l| l.trim().trim_start_matches('@').to_ascii_lowercase()).unwrap_or_default();
    if !aethex_sdk::is_valid_login(&to) {
        let t = Catalog::current();
        return dashboard_with(&state, u, None, Some(t.get("dashboard-no-such-user"))).await;
    }
    match crate::channels::start_raid(&state.channels, u.user_id, &to).await {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-raided"), None).await,
        Err(e) => dashboard_with(&state, u, None, Some(e.message)).await,
    }
}

/// `POST /dashboard/webhooks`: a webhook (`type`, `callback`, `secret`) on
/// the creator's own channel. Like the API's, it starts pending until its
/// receiver answers the challenge, and the SSRF guard vets the callback.
pub(super) async fn dashboard_add_webhook(
    State(state): State<WebState>,
    OwnForm { user: u, form }: OwnForm,
) -> Response {
    let field = |k: &str| form.get(k).map(|v| v.trim()).unwrap_or_default();
    let made = state
        .eventsub
        .subscribe_own_webhook(&state.chat, u.user_id, field("type"), field("callback"), field("secret"))
        .await;
    match made {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-webhook-added"), None).await,
        Err(crate::eventsub::SubscribeError::Storage(e)) => internal(e, Some(u)),
        Err(e) => dashboard_with(&state, u, None, Some(e.to_string())).await,
    }
}

/// `POST /dashboard/webhooks/{id}/delete`.
pub(super) async fn dashboard_delete_webhook(
    State(state): State<WebState>,
    Path(id): Path<String>,
    OwnForm { user: u, .. }: OwnForm,
) -> Response {
    match state.eventsub.delete_of(&id, u.user_id, None).await {
        Ok(true) => dashboard_with(&state, u, Some("dashboard-webhook-deleted"), None).await,
        Ok(false) => error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-page"),
        Err(e) => internal(e, Some(u)),
    }
}

/// A form on the signed-in user's own pages (settings, dashboard): the user
/// and the fields, once the form came from this site with their session's
/// CSRF token; else the answer (log in, or refused).
pub(super) struct OwnForm {
    user: WebSession,
    form: std::collections::HashMap<String, String>,
}

impl axum::extract::FromRequest<WebState> for OwnForm {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &WebState) -> Result<Self, Response> {
        let headers = req.headers().clone();
        let PageForm(form) = PageForm::from_request(req, state).await?;
        let login = viewer(state, &headers).await.map(|u| u.login).unwrap_or_default();
        let user = form_user(state, &headers, &form, &login).await?;
        Ok(Self { user, form })
    }
}

/// The signed-in user's own channel row.
async fn own_channel(state: &WebState, u: WebSession) -> Result<(WebSession, crate::accounts::ChannelRow), Response> {
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &u.login).await,
        Err(e) => Err(e),
    };
    match channel {
        Ok(Some(c)) => Ok((u, c)),
        Ok(None) => Err(error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel")),
        Err(e) => Err(internal(e, Some(u))),
    }
}
