//! Finding something to watch: the home page (live now, following,
//! categories, the recommendations slot), the directory by category, and
//! search (the API's full-text channel search).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{internal, render, viewer, WebState};
use crate::auth::pages::WebSession;
use crate::i18n::Catalog;

/// A live channel as a card.
#[derive(Clone)]
pub(super) struct Card {
    /// Channel id.
    pub channel: i64,
    /// Stream session id (its thumbnail).
    pub id: i64,
    /// Channel login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Stream title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Viewers in the last minute.
    pub viewers: i64,
    /// The stream's language (the channel's setting).
    pub language: String,
    /// A recommendation's tracking token (its click is counted), else empty.
    pub track: String,
}

impl Card {
    /// A recommended channel as a card.
    pub(super) fn recommended(r: aethex_sdk::Recommendation) -> Self {
        Self {
            channel: r.broadcaster_id.parse().unwrap_or_default(),
            id: r.stream_id.parse().unwrap_or_default(),
            login: r.broadcaster_login,
            name: r.broadcaster_name,
            title: r.title,
            category: r.game_name,
            viewers: r.viewer_count,
            language: r.language,
            track: r.tracking,
        }
    }
}

/// Recommendations as cards; on failure none (the page still works).
pub(super) fn cards_of(list: Result<aethex_sdk::RecommendationList, sqlx::Error>) -> Vec<Card> {
    match list {
        Ok(l) => l.data.into_iter().map(Card::recommended).collect(),
        Err(e) => {
            tracing::error!(error = %e, "recommendations failed");
            Vec::new()
        }
    }
}

/// Everything live on this node, most watched first.
pub(super) async fn live_cards(state: &WebState) -> Result<Vec<Card>, sqlx::Error> {
    let live: Vec<_> = state.ingest.all().into_iter().filter(|s| !s.is_ended()).collect();
    let ids: Vec<i64> = live.iter().map(|s| s.channel_id).collect();
    let rows = crate::accounts::channels(&state.db, &ids).await?;
    let mut cards: Vec<Card> = live
        .iter()
        .filter_map(|s| {
            let c = rows.iter().find(|c| c.id == s.channel_id)?;
            Some(Card {
                channel: s.channel_id,
                id: s.session_id,
                login: c.login.clone(),
                name: c.display_name.clone(),
                title: c.title.clone(),
                category: c.category.clone(),
                viewers: s.viewer_count(),
                language: c.language.clone(),
                track: String::new(),
            })
        })
        .collect();
    cards.sort_by(|a, b| b.viewers.cmp(&a.viewers).then_with(|| a.login.cmp(&b.login)));
    Ok(cards)
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: &'static Catalog,
    user: Option<WebSession>,
    /// Followed channels live now, then the others (login, display name).
    following_live: Vec<Card>,
    following_offline: Vec<(String, String)>,
    /// Every followed channel as `[{login, name}]`, for the offline page's IndexedDB copy.
    follows_json: String,
    live: Vec<Card>,
    /// Categories live now, with their viewers.
    categories: Vec<(String, i64)>,
    /// Recommended live channels (followed ones are in their own row).
    recommended: Vec<Card>,
}

/// `GET /`: IRC over WebSocket for an upgrade request (where tmi.js
/// connects, as on Twitch's chat host), the home page otherwise.
pub(super) async fn root(
    State(state): State<WebState>,
    headers: HeaderMap,
    ws: Result<axum::extract::ws::WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    if let Ok(ws) = ws {
        return crate::chat::ws::irc_upgrade(state.chat.clone(), ws);
    }
    let user = viewer(&state, &headers).await;
    let live = match live_cards(&state).await {
        Ok(l) => l,
        Err(e) => return internal(e, user),
    };
    let (mut following_live, mut following_offline) = (Vec::new(), Vec::new());
    if let Some(u) = &user {
        let ids = match crate::social::followed_channels(&state.db, u.user_id).await {
            Ok(ids) => ids,
            Err(e) => return internal(e, user),
        };
        following_live = live.iter().filter(|c| ids.contains(&c.channel)).map(Card::clone).collect();
        let offline: Vec<i64> = ids.iter().copied().filter(|id| !live.iter().any(|c| c.channel == *id)).collect();
        match crate::accounts::channels(&state.db, &offline).await {
            Ok(rows) => following_offline = rows.into_iter().map(|c| (c.login, c.display_name)).collect(),
            Err(e) => return internal(e, user),
        }
    }
    let follows_json = serde_json::Value::from(
        following_live
            .iter()
            .map(|c| (c.login.clone(), c.name.clone()))
            .chain(following_offline.iter().cloned())
            .map(|(login, name)| serde_json::json!({"login": login, "name": name}))
            .collect::<Vec<_>>(),
    )
    .to_string();
    let mut by_category: BTreeMap<String, i64> = BTreeMap::new();
    for c in live.iter().filter(|c| !c.category.is_empty()) {
        *by_category.entry(c.category.clone()).or_default() += c.viewers;
    }
    let mut categories: Vec<_> = by_category.into_iter().collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let followed: std::collections::HashSet<i64> = following_live.iter().map(|c| c.channel).collect();
    let who = super::who(&headers, user.as_ref());
    let recommended = cards_of(state.recs.recommend(&who, crate::recs::List::Home, 8, followed).await);
    let t = Catalog::current();
    let page = HomePage { t, user, following_live, following_offline, follows_json, live, categories, recommended };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    query: String,
    /// (login, display name, title, category, live)
    results: Vec<(String, String, String, String, bool)>,
    searched: bool,
}

/// `GET /search?q=`: channels by name, title, category, tags (the API's full-text search).
pub(super) async fn search_page(
    State(state): State<WebState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let user = viewer(&state, &headers).await;
    let query: String = q.get("q").map(|v| v.trim().chars().take(200).collect()).unwrap_or_default();
    let clean = !query.chars().any(char::is_control);
    let mut results = Vec::new();
    if !query.is_empty() && clean {
        let ids = match crate::accounts::search::search_channel_ids(&state.db, &query, 0, 50).await {
            Ok(ids) => ids,
            Err(e) => return internal(e, user),
        };
        let live = match crate::ingest::live_channel_ids(&state.db, &ids).await {
            Ok(l) => l,
            Err(e) => return internal(e, user),
        };
        match crate::accounts::channels(&state.db, &ids).await {
            Ok(rows) => {
                results = rows
                    .into_iter()
                    .map(|c| {
                        let on = live.contains(&c.id);
                        (c.login, c.display_name, c.title, c.category, on)
                    })
                    .collect()
            }
            Err(e) => return internal(e, user),
        }
    }
    let status = if clean { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let searched = !query.is_empty();
    render(status, &SearchPage { t: Catalog::current(), user, query, results, searched })
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    /// The category shown, or every category.
    category: Option<String>,
    live: Vec<Card>,
    categories: Vec<(String, i64)>,
    /// Languages streams are in now: (tag, name).
    languages: Vec<(String, String)>,
    /// The language filtered on, if any.
    language: Option<String>,
}

/// `GET /directory`: every category live now, with its viewers.
pub(super) async fn directory(state: State<WebState>, headers: HeaderMap, q: Query<LanguageFilter>) -> Response {
    directory_of(state, headers, None, q).await
}

/// `?language=`: only streams in one language.
#[derive(Debug, serde::Deserialize)]
pub(super) struct LanguageFilter {
    language: Option<String>,
}

/// `GET /directory/{category}`: the channels live in one category.
pub(super) async fn directory_category(
    state: State<WebState>,
    headers: HeaderMap,
    Path(category): Path<String>,
    q: Query<LanguageFilter>,
) -> Response {
    directory_of(state, headers, Some(category), q).await
}

pub(super) async fn directory_of(
    State(state): State<WebState>,
    headers: HeaderMap,
    category: Option<String>,
    Query(filter): Query<LanguageFilter>,
) -> Response {
    let user = viewer(&state, &headers).await;
    let all = match live_cards(&state).await {
        Ok(l) => l,
        Err(e) => return internal(e, user),
    };
    // The languages streams are in now, for the filter; then only the one asked for.
    let mut languages: Vec<(String, String)> = all
        .iter()
        .map(|c| c.language.to_ascii_lowercase())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|tag| {
            let name = crate::i18n::LANGUAGES
                .iter()
                .find(|l| l.tag.eq_ignore_ascii_case(&tag) || l.tag.split('-').next() == Some(tag.as_str()))
                .map_or_else(|| tag.clone(), |l| l.name.to_string());
            (tag, name)
        })
        .collect();
    languages.sort_by(|a, b| a.1.cmp(&b.1));
    let language = filter
        .language
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty() && crate::ingest::api::is_language_tag(l));
    let all: Vec<Card> = match &language {
        Some(l) => all.into_iter().filter(|c| c.language.eq_ignore_ascii_case(l)).collect(),
        None => all,
    };
    let mut by_category: BTreeMap<String, i64> = BTreeMap::new();
    for c in all.iter().filter(|c| !c.category.is_empty()) {
        *by_category.entry(c.category.clone()).or_default() += c.viewers;
    }
    let mut categories: Vec<_> = by_category.into_iter().collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let live = match &category {
        Some(cat) => all.into_iter().filter(|c| c.category.eq_ignore_ascii_case(cat)).collect(),
        None => all,
    };
    render(
        StatusCode::OK,
        &DirectoryPage { t: Catalog::current(), user, category, live, categories, languages, language },
    )
}
