//! `GET /api/openapi.json`, generated from the handlers' own annotations and
//! the SDK's wire types, so the document cannot drift from the code.
//!
//! What no handler annotation can say is added here, once:
//! - the responses a layer or an extractor gives whole classes of operations
//!   ([`SharedResponses`]): 401 and 429 from the rate-limit gate on `/api`,
//!   `/oauth` and `/.well-known` (429 per address on HLS and the sockets),
//!   408 and 413 from the body deadline, 403 for free-tier writes,
//!   400/404/415/422 from the extractors, 304 from conditional GETs, 500, and
//!   503 from the accept loop's connection cap;
//! - the endpoints whose handlers this module describes from the outside
//!   (OAuth, RFC 8414 metadata, `/`, `/healthz`, `/metrics`, this document),
//!   as documentation-only functions below;
//! - the security schemes: a bearer token, or OAuth 2.0 with its flows and
//!   scopes ([`Security`]).
//!
//! `scripts/conformance` holds the document to account: it validates it and
//! runs schemathesis against a live server, with a token and without.
#![allow(dead_code)] // the documentation-only functions and schema types are never called

use aethex_sdk::{DeviceAuthorization, OAuthError, Problem, TokenResponse, TokenValidation};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{
    AuthorizationCode, ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityRequirement,
    SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{IntoParams, Modify, OpenApi, ToResponse, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "AeThex LIVE API",
        description = "Helix-style REST API of AeThex LIVE, its OAuth 2.0 provider, HLS playback and WebSockets.\n\n\
            Errors under `/api` are problem JSON (`{\"error\", \"status\", \"message\"}`); `/oauth` errors are RFC 6749 \
            bodies. Lists page with `first` and `after`. Every `/api` and `/oauth` response counts against a rate limit \
            (`Ratelimit-Limit`, `Ratelimit-Remaining`, `Ratelimit-Reset`); `/healthz`, `/metrics`, `/hls` and the sockets do not."
    ),
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
        crate::chat::api::automod_settings,
        crate::chat::api::update_automod_settings,
        crate::chat::api::held_messages,
        crate::chat::api::manage_held_message,
        crate::chat::api::report,
        crate::chat::api::reports,
        crate::chat::api::resolve_report,
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
        crate::analytics::collect::beacon,
        crate::analytics::api::stream,
        crate::analytics::api::latest,
        crate::analytics::api::channel,
        crate::analytics::api::platform,
        crate::intel::service::channel,
        crate::intel::service::platform,
        crate::recs::api::recommendations,
        crate::recs::api::similar,
        crate::recs::api::click,
        crate::recs::api::stats,
        crate::recs::api::get_settings,
        crate::recs::api::put_settings,
        crate::privacy::export_me,
        crate::privacy::delete_me,
        oauth_authorize,
        oauth_consent,
        oauth_token,
        oauth_device,
        oauth_revoke,
        oauth_validate,
        oauth_metadata,
        crate::ingest::http::master,
        crate::ingest::http::file,
        crate::chat::ws::irc,
        root,
        crate::chat::ws::json,
        crate::eventsub::ws::handler,
        health,
        readiness,
        metrics,
        openapi_json,
    ),
    components(
        schemas(aethex_sdk::openapi::Login, aethex_sdk::openapi::Tag, aethex_sdk::openapi::Currency, crate::chat::api::MessageText, crate::chat::api::BlockedTerm, crate::chat::api::ReportsFilter),
        responses(ClientUnauthorized, ClientThrottled, HealthUnavailable)
    ),
    modifiers(&Security, &SharedResponses),
    tags(
        (name = "channels", description = "Channels: public information, the owner's settings and stream key, search, raids."),
        (name = "users", description = "The calling user."),
        (name = "streams", description = "Stream sessions, thumbnails and playback tokens."),
        (name = "chat", description = "Chat over REST: history, chatters, sending, moderators."),
        (name = "moderation", description = "Bans, room modes, deletions, blocked terms, AutoMod and reports, for a room's moderators; viewers' reports."),
        (name = "follows", description = "Following channels."),
        (name = "subscriptions", description = "Paid subscriptions."),
        (name = "donations", description = "Donations (tips)."),
        (name = "analytics", description = "Viewing beacons from players, and each broadcast's numbers for its creator."),
        (name = "recommendations", description = "Live channels for a viewer and channels like a channel, clicks on them, the personalisation setting, the experiment's numbers."),
        (name = "eventsub", description = "EventSub subscriptions, delivered by webhook or over `/eventsub/ws`."),
        (name = "oauth", description = "The OAuth 2.0 provider (RFC 6749, PKCE RFC 7636, device flow RFC 8628, revocation RFC 7009)."),
        (name = "playback", description = "LL-HLS playback of live channels."),
        (name = "sockets", description = "WebSocket endpoints: GET with the RFC 6455 upgrade headers."),
        (name = "operations", description = "Health, metrics and this document."),
    )
)]
struct ApiDoc;

/// The OpenAPI 3.1 document, built once (its patterns take a scan of Unicode).
pub fn document() -> utoipa::openapi::OpenApi {
    static DOCUMENT: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(ApiDoc::openapi).clone()
}

// --- OAuth 2.0 ---------------------------------------------------------------

/// What each scope allows; [`tests::every_scope_is_described`] keeps it in step with `aethex_sdk::SCOPES`.
const SCOPE_DESCRIPTIONS: &[(&str, &str)] = &[
    ("channel:read", "Read the user's channel (reserved: public channel data needs no scope)"),
    ("channel:manage", "Update the user's channel, appoint moderators, start raids"),
    ("stream:key", "Read and reset the user's stream key"),
    ("chat:read", "Read chat as the user; subscribe to channel.chat.message"),
    ("chat:edit", "Send chat messages as the user"),
    ("moderator:manage", "Moderate rooms the user moderates: bans, modes, deletions, blocked terms; channel.ban"),
    (
        "moderator:manage:automod",
        "Approve or deny messages AutoMod holds, set AutoMod and report settings, review reports in rooms the user \
         moderates; automod.message.hold and automod.message.update",
    ),
    ("moderator:read:followers", "Subscribe to channel.follow of channels the user moderates"),
    ("user:read", "Read the user's account (reserved: /api/users/me needs any user token)"),
    ("user:edit:follows", "Follow and unfollow channels as the user"),
    ("user:edit:subscriptions", "Subscribe to channels as the user"),
    (
        "channel:read:subscriptions",
        "List the user's channel's subscribers; channel.subscribe and channel.subscription.end",
    ),
    ("donations:read", "List the user's channel's donations; channel.donation"),
    ("donations:write", "Donate as the user"),
    ("webhooks:manage", "Create, list and delete EventSub subscriptions"),
    ("analytics:read", "Read the user's channel analytics: stream summaries; an operator's, the platform's"),
    ("user:delete", "Erase the user's account and everything about them (it cannot be undone)"),
    ("user:edit:settings", "Change the user's settings (personalised recommendations)"),
];

/// A space-separated scope list as `auth::parse_scopes` takes it: known scopes
/// between any whitespace (`str::split_whitespace`).
fn scope_list() -> Schema {
    let ws = format!("[{}]", aethex_sdk::openapi::char_class(char::is_whitespace));
    let scope =
        format!("(?:{})", aethex_sdk::SCOPES.iter().map(|s| s.replace('.', "\\.")).collect::<Vec<_>>().join("|"));
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{ws}*(?:{scope}(?:{ws}+{scope})*{ws}*)?$")))
        .description(Some("Scopes, separated by spaces; an unknown scope is refused (invalid_scope)."))
        .into()
}

/// The form of `POST /oauth/token`: one grant per `grant_type`. A confidential
/// client authenticates with HTTP Basic or with `client_id` and `client_secret`
/// here; a public client sends its `client_id` only.
#[derive(serde::Deserialize, ToSchema)]
#[serde(tag = "grant_type")]
pub enum TokenRequest {
    /// Exchange an authorization code, once, with its PKCE verifier (RFC 6749 §4.1.3, RFC 7636 §4.5).
    #[serde(rename = "authorization_code")]
    AuthorizationCode {
        /// The client, unless it authenticates with HTTP Basic.
        client_id: Option<String>,
        /// A confidential client's secret, unless sent with HTTP Basic.
        client_secret: Option<String>,
        /// The code from the redirect.
        code: String,
        /// The redirect URI of the authorization request, exactly.
        redirect_uri: String,
        /// The PKCE verifier whose S256 transform is the request's `code_challenge`.
        #[schema(pattern = "^[A-Za-z0-9._~-]{43,128}$")]
        code_verifier: String,
    },
    /// Rotate a refresh token (RFC 6749 §6): the old one stops working, and using it again revokes every token of the login.
    #[serde(rename = "refresh_token")]
    RefreshToken {
        /// The client, unless it authenticates with HTTP Basic.
        client_id: Option<String>,
        /// A confidential client's secret, unless sent with HTTP Basic.
        client_secret: Option<String>,
        /// The refresh token.
        refresh_token: String,
        /// A subset of the granted scopes; all of them when absent.
        #[schema(schema_with = scope_list)]
        scope: Option<String>,
    },
    /// Poll a device authorization (RFC 8628 §3.4): `authorization_pending`, `slow_down`,
    /// `access_denied` or `expired_token` until the user decides, then the tokens, once.
    #[serde(rename = "urn:ietf:params:oauth:grant-type:device_code")]
    DeviceCode {
        /// The client, unless it authenticates with HTTP Basic.
        client_id: Option<String>,
        /// A confidential client's secret, unless sent with HTTP Basic.
        client_secret: Option<String>,
        /// The `device_code` of `POST /oauth/device`.
        device_code: String,
    },
    /// An app token without a user (RFC 6749 §4.4), for confidential clients only.
    #[serde(rename = "client_credentials")]
    ClientCredentials {
        /// The client, unless it authenticates with HTTP Basic.
        client_id: Option<String>,
        /// The client's secret, unless sent with HTTP Basic.
        client_secret: Option<String>,
        /// The scopes to grant.
        #[schema(schema_with = scope_list)]
        scope: Option<String>,
    },
}

/// The form of `POST /oauth/device` (RFC 8628 §3.1).
#[derive(ToSchema)]
pub struct DeviceRequest {
    /// The client, unless it authenticates with HTTP Basic.
    client_id: Option<String>,
    /// A confidential client's secret, unless sent with HTTP Basic.
    client_secret: Option<String>,
    /// The scopes to ask the user for.
    #[schema(schema_with = scope_list)]
    scope: Option<String>,
}

/// The form of `POST /oauth/revoke` (RFC 7009 §2.1).
#[derive(ToSchema)]
pub struct RevokeRequest {
    /// The client, unless it authenticates with HTTP Basic.
    client_id: Option<String>,
    /// A confidential client's secret, unless sent with HTTP Basic.
    client_secret: Option<String>,
    /// An access or refresh token of this client; a refresh token takes its whole login with it.
    #[schema(min_length = 1)]
    token: String,
    /// `access_token` or `refresh_token`; the server finds out itself.
    token_type_hint: Option<String>,
}

/// The query of `GET /oauth/authorize` (RFC 6749 §4.1.1 with RFC 7636 §4.3).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuthorizeQuery {
    /// `code`; anything else is sent back to the client as `unsupported_response_type`.
    response_type: Option<String>,
    /// A registered app; an unknown one gets an error page, never a redirect.
    client_id: Option<String>,
    /// One of the app's redirect URIs, exactly; another one gets an error page.
    redirect_uri: Option<String>,
    /// The scopes to ask the user for, separated by spaces.
    scope: Option<String>,
    /// Echoed back to the client with the code or the error.
    state: Option<String>,
    /// base64url(SHA-256(code_verifier)), 43 characters; required.
    #[param(pattern = "^[A-Za-z0-9_-]{43}$")]
    code_challenge: Option<String>,
    /// `S256`, the only method; required.
    code_challenge_method: Option<String>,
}

/// A response whose JSON body is either an RFC 6749 error (the OAuth
/// endpoint's own answer) or problem JSON (the gate's).
fn oauth_or_problem(description: &str) -> ResponseBuilder {
    let schema =
        AnyOfBuilder::new().item(Ref::from_schema_name("OAuthError")).item(Ref::from_schema_name("Problem")).build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(Schema::AnyOf(schema))).build())
}

/// `401` of the client-authenticated OAuth endpoints: the client's own failure
/// (`invalid_client`, RFC 6749 §5.2) or the gate's (a bad bearer token), two shapes.
pub struct ClientUnauthorized;

impl<'r> ToResponse<'r> for ClientUnauthorized {
    fn response() -> (&'r str, RefOr<Response>) {
        let response = oauth_or_problem(
            "`invalid_client`: the client is unknown, or its secret is missing or wrong (RFC 6749 body); \
             or an `Authorization: Bearer` token that is unknown, revoked or expired (problem JSON)",
        )
        .build();
        ("ClientUnauthorized", response.into())
    }
}

/// `429` of the client-authenticated OAuth endpoints: the backoff after failed
/// client authentication or guesses (`slow_down`, RFC 6749 body) or the gate's rate limit (problem JSON).
pub struct ClientThrottled;

impl<'r> ToResponse<'r> for ClientThrottled {
    fn response() -> (&'r str, RefOr<Response>) {
        let response = oauth_or_problem(
            "`slow_down`: too many failed attempts for this client or from this address, which must wait \
             (RFC 6749 body); or the rate limit (problem JSON)",
        )
        .header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(ObjectBuilder::new().schema_type(Type::Integer))
                .description(Some("Seconds to wait"))
                .build(),
        )
        .build();
        ("ClientThrottled", response.into())
    }
}

/// The authorization endpoint: the consent page of the authorization code flow.
#[utoipa::path(get, path = "/oauth/authorize", tag = "oauth", operation_id = "oauthAuthorize",
    description = "The authorization endpoint of the code flow with PKCE (S256 only). A logged-in user sees the consent \
        page; others are sent to `/login` first. Errors before the redirect URI is trusted (unknown app, unregistered \
        redirect URI) are shown as a page; later ones go back to the app with `error` (RFC 6749 §4.1.2.1).",
    params(AuthorizeQuery),
    responses(
        (status = 200, description = "The consent page", content_type = "text/html", body = String),
        (status = 303, description = "To `/login` first, or back to the app's redirect URI with `error` and `state`"),
        (status = 400, description = "Unknown `client_id`, or a `redirect_uri` the app did not register", content_type = "text/html", body = String),
        (status = 500, description = "Storage failed", content_type = "text/html", body = String),
    ))]
fn oauth_authorize() {}

/// The consent form's fields: the authorization request again, and the decision.
#[derive(ToSchema)]
pub struct ConsentForm {
    /// The authorization request's `response_type`.
    response_type: Option<String>,
    /// The authorization request's `client_id`.
    client_id: Option<String>,
    /// The authorization request's `redirect_uri`.
    redirect_uri: Option<String>,
    /// The authorization request's `scope`.
    scope: Option<String>,
    /// The authorization request's `state`.
    state: Option<String>,
    /// The authorization request's `code_challenge`.
    code_challenge: Option<String>,
    /// The authorization request's `code_challenge_method`.
    code_challenge_method: Option<String>,
    /// The page's CSRF token.
    csrf: Option<String>,
    /// `approve`; anything else denies.
    decision: Option<String>,
}

/// The consent page's form: the user's decision.
#[utoipa::path(post, path = "/oauth/authorize", tag = "oauth", operation_id = "oauthConsent",
    description = "What the consent page's form sends: the logged-in user's decision (session cookie and the page's CSRF \
        token). Approval sends the browser back to the app with `code`, denial with `error=access_denied`. Not for apps.",
    params(("aethex_session" = Option<String>, Cookie, description = "The login session")),
    request_body(content = ConsentForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Back to the app's redirect URI with `code` or `error`, and `state`"),
        (status = 400, description = "Unknown `client_id` or unregistered `redirect_uri`, or a form that does not parse",
            content_type = "text/html", body = String),
        (status = 401, description = "Not logged in (a page); or an `Authorization: Bearer` token that is unknown, revoked or expired",
            content(("text/html"), (Problem = "application/json"))),
        (status = 403, description = "The form came from another site (`Origin`, `Referer`), or its CSRF token is not the session's",
            content_type = "text/html", body = String),
        (status = 415, description = "Not sent as `application/x-www-form-urlencoded` (a page)", content_type = "text/html", body = String),
        (status = 422, description = "A form that does not parse (a page)", content_type = "text/html", body = String),
        (status = 500, description = "Storage failed", content_type = "text/html", body = String),
    ))]
fn oauth_consent() {}

/// The token endpoint.
#[utoipa::path(post, path = "/oauth/token", tag = "oauth", operation_id = "oauthToken",
    description = "Exchange a grant for tokens: an authorization code with its PKCE verifier, a refresh token \
        (rotated: each works once), a device code (RFC 8628), or client credentials. Errors are RFC 6749 §5.2 bodies.",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Tokens; `refresh_token` for user grants", body = TokenResponse),
        (status = 400, description = "`invalid_request`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, \
            `invalid_scope`; while a device code waits: `authorization_pending`, `slow_down`, `access_denied`, `expired_token`", body = OAuthError),
        (status = 401, response = ClientUnauthorized),
        (status = 429, response = ClientThrottled),
        (status = 500, description = "`server_error`", body = OAuthError),
    ))]
fn oauth_token() {}

/// The device authorization endpoint.
#[utoipa::path(post, path = "/oauth/device", tag = "oauth", operation_id = "oauthDeviceAuthorization",
    description = "Start the device flow (RFC 8628 §3.1): show the user `user_code` and `verification_uri`, then poll \
        `/oauth/token` with `grant_type=urn:ietf:params:oauth:grant-type:device_code` every `interval` seconds.",
    request_body(content = DeviceRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = DeviceAuthorization),
        (status = 400, description = "`invalid_request` or `invalid_scope`", body = OAuthError),
        (status = 401, response = ClientUnauthorized),
        (status = 429, response = ClientThrottled),
        (status = 500, description = "`server_error`", body = OAuthError),
    ))]
fn oauth_device() {}

/// The revocation endpoint.
#[utoipa::path(post, path = "/oauth/revoke", tag = "oauth", operation_id = "oauthRevoke",
    description = "Revoke a token (RFC 7009). The answer is 200 whether or not the token existed, so it tells nothing.",
    request_body(content = RevokeRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Revoked, or there was nothing to revoke"),
        (status = 400, description = "`invalid_request`: no `token`", body = OAuthError),
        (status = 401, response = ClientUnauthorized),
        (status = 429, response = ClientThrottled),
        (status = 500, description = "`server_error`", body = OAuthError),
    ))]
fn oauth_revoke() {}

/// Token introspection, Twitch-style.
#[utoipa::path(get, path = "/oauth/validate", tag = "oauth", operation_id = "oauthValidate",
    description = "What the token is: its app, user, scopes and remaining lifetime. Send it as `Authorization: Bearer` \
        (or Twitch's `OAuth`).",
    responses(
        (status = 200, body = TokenValidation),
        (status = 500, description = "Storage failed", body = Problem),
    ),
    security(("bearer" = [])))]
fn oauth_validate() {}

/// RFC 8414 authorization server metadata.
#[derive(ToSchema)]
pub struct AuthorizationServerMetadata {
    /// The server's public URL.
    issuer: String,
    /// `/oauth/authorize`.
    authorization_endpoint: String,
    /// `/oauth/token`.
    token_endpoint: String,
    /// `/oauth/device` (RFC 8628).
    device_authorization_endpoint: String,
    /// `/oauth/revoke` (RFC 7009).
    revocation_endpoint: String,
    /// How clients authenticate at the revocation endpoint.
    revocation_endpoint_auth_methods_supported: Vec<String>,
    /// How clients authenticate at the token endpoint.
    token_endpoint_auth_methods_supported: Vec<String>,
    /// `code`.
    response_types_supported: Vec<String>,
    /// `query`.
    response_modes_supported: Vec<String>,
    /// The four grants.
    grant_types_supported: Vec<String>,
    /// `S256`.
    code_challenge_methods_supported: Vec<String>,
    /// Every scope.
    scopes_supported: Vec<String>,
    /// This document.
    service_documentation: String,
}

/// RFC 8414 metadata, so OAuth libraries configure themselves from the issuer URL alone.
#[utoipa::path(get, path = "/.well-known/oauth-authorization-server", tag = "oauth", operation_id = "oauthMetadata",
    responses((status = 200, body = AuthorizationServerMetadata)))]
fn oauth_metadata() {}

// --- operations -------------------------------------------------------------------

/// What `/healthz` says.
#[derive(ToSchema)]
pub struct Health {
    /// `ok` (`/healthz`), `ready` (`/readyz`), `draining`, or `database unreachable`.
    status: String,
}

/// `503` of `/healthz`: the database does not answer, or the connection is over its address's cap.
pub struct HealthUnavailable;

impl<'r> ToResponse<'r> for HealthUnavailable {
    fn response() -> (&'r str, RefOr<Response>) {
        let schema =
            AnyOfBuilder::new().item(Ref::from_schema_name("Health")).item(Ref::from_schema_name("Problem")).build();
        let response = ResponseBuilder::new()
            .description(
                "The database does not answer (`{\"status\": \"database unreachable\"}`), or the client's address \
                 holds the most connections allowed (problem JSON)",
            )
            .content("application/json", ContentBuilder::new().schema(Some(Schema::AnyOf(schema))).build())
            .build();
        ("HealthUnavailable", response.into())
    }
}

/// Liveness and database reachability, for load balancers; outside the rate limits.
#[utoipa::path(get, path = "/healthz", tag = "operations", operation_id = "getHealth",
    responses(
        (status = 200, description = "Serving, and the database answers", body = Health),
        (status = 503, response = HealthUnavailable),
    ))]
fn health() {}

/// Whether the load balancer should send this node new requests: `503`
/// `draining` from the moment it is told to stop (SIGTERM) until it exits,
/// so clients move to other nodes before its sockets say goodbye.
#[utoipa::path(get, path = "/readyz", tag = "operations", operation_id = "getReadiness",
    responses(
        (status = 200, description = "Ready: the database answers and the node is not draining (`{\"status\": \"ready\"}`)", body = Health),
        (status = 503, response = HealthUnavailable),
    ))]
fn readiness() {}

/// Prometheus metrics; outside the rate limits.
#[utoipa::path(get, path = "/metrics", tag = "operations", operation_id = "getMetrics",
    responses((status = 200, description = "The Prometheus text exposition format", content_type = "text/plain", body = String)))]
fn metrics() {}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "operations", operation_id = "getOpenApiDocument",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)))]
fn openapi_json() {}

// --- WebSockets -------------------------------------------------------------------

/// The home page, and IRC over WebSocket where Twitch serves it.
#[utoipa::path(get, path = "/", tag = "sockets", operation_id = "getRoot",
    description = "With the RFC 6455 handshake headers (as for `/irc`), the IRC WebSocket, where Twitch serves it and \
        tmi.js connects; without them, the home page.",
    responses((status = 101, description = "Switching to the WebSocket protocol (IRC)"),
        (status = 200, description = "The home page", content_type = "text/html", body = String)))]
fn root() {}

// --- security -------------------------------------------------------------------

/// The security schemes, and OAuth 2.0 as an alternative wherever a bearer token is asked for.
struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An access token from `/oauth/token` (any grant) or `aethex-server token create`, as \
                         `Authorization: Bearer <token>` (Twitch's `OAuth <token>` works too). The scopes listed on \
                         an operation are the ones it needs.",
                    ))
                    .build(),
            ),
        );
        let scopes = || Scopes::from_iter(SCOPE_DESCRIPTIONS.iter().map(|(s, d)| (s.to_string(), d.to_string())));
        components.add_security_scheme(
            "oauth2",
            SecurityScheme::OAuth2(OAuth2::with_description(
                [
                    Flow::AuthorizationCode(AuthorizationCode::with_refresh_url(
                        "/oauth/authorize",
                        "/oauth/token",
                        scopes(),
                        "/oauth/token",
                    )),
                    Flow::ClientCredentials(ClientCredentials::new("/oauth/token", scopes())),
                ],
                "OAuth 2.0. The authorization code flow requires PKCE with S256 (RFC 7636); refresh tokens rotate. \
                 Devices without a browser use the device authorization grant (RFC 8628), which OpenAPI has no flow \
                 for: `POST /oauth/device`, then poll `/oauth/token` with \
                 `grant_type=urn:ietf:params:oauth:grant-type:device_code`. First-party tools use the public client \
                 `aethex-cli`.",
            )),
        );
        for item in doc.paths.paths.values_mut() {
            for (_, op) in operations_mut(item) {
                let Some(security) = op.security.as_mut() else { continue };
                let oauth: Vec<SecurityRequirement> = security
                    .iter()
                    .filter_map(|req| {
                        let value = serde_json::to_value(req).ok()?;
                        let scopes = value.get("bearer")?.as_array()?.clone();
                        let scopes = scopes.iter().filter_map(|s| s.as_str().map(str::to_string)).collect::<Vec<_>>();
                        Some(SecurityRequirement::new("oauth2", scopes))
                    })
                    .collect();
                security.extend(oauth);
            }
        }
    }
}

// --- shared responses -------------------------------------------------------------

/// Responses that whole classes of operations share because a layer or an
/// extractor produces them, added to each operation that does not declare the
/// status itself.
struct SharedResponses;

/// The `HttpMethod`-keyed operations of a path item.
fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", item.get.as_mut()),
        ("put", item.put.as_mut()),
        ("post", item.post.as_mut()),
        ("delete", item.delete.as_mut()),
        ("patch", item.patch.as_mut()),
        ("head", item.head.as_mut()),
        ("options", item.options.as_mut()),
        ("trace", item.trace.as_mut()),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.map(|op| (m, op)))
}

fn problem(description: &str) -> ResponseBuilder {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
}

/// The shared responses, by component name.
fn shared_components() -> Vec<(&'static str, Response)> {
    let header = |description: &str, schema: Type| {
        HeaderBuilder::new().schema(ObjectBuilder::new().schema_type(schema)).description(Some(description)).build()
    };
    vec![
        ("BadRequest", problem("A path or query parameter, a header or the body is malformed or breaks a rule").build()),
        (
            "Unauthorized",
            problem(
                "The bearer token is unknown, revoked or expired (on any operation), or missing where the operation \
                 needs one",
            )
            .header("WWW-Authenticate", header("`Bearer realm=\"aethex\"`", Type::String))
            .build(),
        ),
        ("Forbidden", problem("The token lacks the scope, is an app token where a user is needed, or its app is on the read-only free tier").build()),
        ("ReadOnlyTier", problem("The token's app is on the free tier, which is read-only").build()),
        ("NotFound", problem("No such object").build()),
        ("PayloadTooLarge", problem("The body is larger than 64 KiB").build()),
        (
            "RequestTimeout",
            problem("The body did not arrive whole within the body deadline (20 s by default); the connection is closed")
                .build(),
        ),
        (
            "TooManyConnections",
            problem("The client's address holds the most open connections allowed; this one is closed")
                .header("Retry-After", header("Seconds to wait", Type::Integer))
                .build(),
        ),
        ("UnsupportedMediaType", problem("The body is not sent as `Content-Type: application/json`").build()),
        ("UnprocessableEntity", problem("The body is JSON, but not of the operation's shape (a missing or unknown field, a wrong type)").build()),
        (
            "TooManyRequests",
            problem(
                "Rate limited: under `/api`, `/oauth` and `/.well-known` the per-second burst or the daily quota of the \
                 caller's bucket; elsewhere (HLS, the sockets) the per-address limit",
            )
                .header("Retry-After", header("Seconds to wait", Type::Integer))
                .build(),
        ),
        ("InternalError", problem("A failure of the server's; it has been logged").build()),
        (
            "NotModified",
            ResponseBuilder::new()
                .description("The `If-None-Match` ETag is current")
                .header("ETag", header("The representation's strong ETag", Type::String))
                .build(),
        ),
    ]
}

/// The shared statuses an operation can answer with, and their components.
fn shared_statuses(path: &str, method: &str, op: &Operation) -> Vec<(&'static str, &'static str)> {
    let api = path.starts_with("/api/");
    // Behind the rate-limit gate, the body deadline and the body limit (`app::router`).
    let gated = api || path.starts_with("/oauth/") || path.starts_with("/.well-known/");
    // Probes are never limited; everything else is, by the gate or per address.
    let probe = matches!(path, "/healthz" | "/readyz" | "/metrics");
    let params = op.parameters.as_deref().unwrap_or_default();
    let json_body = op.request_body.as_ref().is_some_and(|b| b.content.contains_key("application/json"));
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    // Every connection over the per-address cap is refused by the accept loop, whatever it asks.
    let mut out = vec![("503", "TooManyConnections")];
    if !probe {
        out.push(("429", "TooManyRequests"));
    }
    if gated {
        out.push(("401", "Unauthorized"));
        if op.request_body.is_some() {
            out.extend([("408", "RequestTimeout"), ("413", "PayloadTooLarge")]);
        }
    }
    if api {
        out.push(("500", "InternalError"));
        if secured {
            out.push(("403", "Forbidden"));
        } else if method != "get" {
            out.push(("403", "ReadOnlyTier"));
        }
        if !params.is_empty() || op.request_body.is_some() {
            out.push(("400", "BadRequest"));
        }
        if params.iter().any(|p| p.parameter_in == ParameterIn::Path) {
            out.push(("404", "NotFound"));
        }
        if method == "get" && crate::http::cache::policy(path).is_some() {
            out.push(("304", "NotModified"));
        }
    }
    if json_body {
        out.extend([("415", "UnsupportedMediaType"), ("422", "UnprocessableEntity")]);
    }
    out
}

impl Modify for SharedResponses {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        for (name, response) in shared_components() {
            components.responses.insert(name.to_string(), RefOr::T(response));
        }
        for (path, item) in doc.paths.paths.iter_mut() {
            for (method, op) in operations_mut(item) {
                for (status, name) in shared_statuses(path, method, op) {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_is_described() {
        let described: Vec<&str> = SCOPE_DESCRIPTIONS.iter().map(|(s, _)| *s).collect();
        assert_eq!(described, aethex_sdk::SCOPES);
    }
}
