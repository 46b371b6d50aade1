//! `GET /api/openapi.json`, generated from the handlers' own annotations and
//! the SDK's wire types, so the document cannot drift from the code.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "AeThex LIVE API", description = "Helix-style REST API of AeThex LIVE. Errors are problem JSON; lists page with `first` and `after`."),
    paths(
        crate::channels::get_channel,
        crate::channels::update_channel,
        crate::channels::get_stream_key,
        crate::channels::reset_stream_key,
        crate::channels::search,
        crate::ingest::api::list,
        crate::ingest::api::get_stream,
        crate::ingest::thumbnail::thumbnail,
        crate::ingest::playback::create,
        crate::chat::api::history,
        crate::chat::api::send,
        crate::chat::api::chatters,
        crate::chat::api::add_moderator,
        crate::chat::api::remove_moderator,
        crate::chat::api::ban,
        crate::chat::api::unban,
        crate::chat::api::get_settings,
        crate::chat::api::update_settings,
        crate::chat::api::delete,
        crate::chat::api::blocked_terms,
        crate::chat::api::add_blocked_term,
        crate::chat::api::remove_blocked_term,
        crate::channels::me,
        crate::social::api::follow,
        crate::social::api::unfollow,
        crate::social::api::followers,
        crate::social::api::subscribe,
        crate::social::api::subscriptions,
        crate::social::donations::create,
        crate::social::donations::list,
        crate::channels::raid,
        crate::eventsub::api::create,
        crate::eventsub::api::list,
        crate::eventsub::api::delete,
    ),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI 3.1 document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
