//! The language picker: `POST /language` keeps the choice in the `lang`
//! cookie (read by `crate::i18n` on every request) and, for a signed-in
//! user, as their setting (restored on their next log-in anywhere, and the
//! language of their go-live pushes).

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use subtle::ConstantTimeEq as _;

use super::{error_page, internal, viewer, WebState};
use crate::auth::pages::PageForm;

/// `POST /language`: `lang` (one of ours), `next` (a path on this site, else
/// the page the form was on), `csrf` when signed in.
pub(super) async fn choose(State(state): State<WebState>, headers: HeaderMap, PageForm(form): PageForm) -> Response {
    let user = viewer(&state, &headers).await;
    if !crate::http::html::same_site(&headers, &state.config.public_url) {
        return error_page(StatusCode::FORBIDDEN, user, "error-title", "form-cross-site");
    }
    let Some(tag) = form.get("lang").and_then(|l| state.config.languages.known(l)) else {
        return error_page(StatusCode::UNPROCESSABLE_ENTITY, user, "error-title", "language-unknown");
    };
    if let Some(u) = &user {
        if !form.get("csrf").is_some_and(|c| bool::from(c.as_bytes().ct_eq(u.csrf.as_bytes()))) {
            return error_page(StatusCode::FORBIDDEN, user, "error-title", "form-expired");
        }
        if let Err(e) = crate::accounts::set_locale(&state.db, u.user_id, tag).await {
            return internal(e, user);
        }
    }
    let next = form
        .get("next")
        .map(String::as_str)
        .or_else(|| {
            let r = headers.get(header::REFERER)?.to_str().ok()?;
            r.strip_prefix(state.config.public_url.as_str())
        })
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && p.len() <= 2000)
        .unwrap_or("/");
    let mut resp = Redirect::to(next).into_response();
    if let Some(c) = crate::i18n::language_cookie(tag, state.config.public_url.starts_with("https://")) {
        resp.headers_mut().insert(header::SET_COOKIE, c);
    }
    resp
}
