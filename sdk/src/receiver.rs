//! Take EventSub webhooks in an axum app in a few lines (feature `receiver`):
//! answers the verification challenge, checks every signature, timestamp and
//! message id, and hands your function typed deliveries.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use aethex_sdk::receiver::{webhook_router, Delivery};
//! let app = axum::Router::new().nest(
//!     "/webhooks",
//!     webhook_router("my subscription secret", |d: Delivery| async move {
//!         if let Delivery::Notification { event, .. } = d {
//!             println!("{} happened", event.kind());
//!         }
//!     }),
//! );
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8443").await?;
//! axum::serve(listener, app).await
//! # }
//! ```

use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use crate::eventsub::{message_type, Event, EventSubSubscription, SignedHeaders, Verifier, VerifyError, WebhookBody};

/// What a receiver hands your function.
#[derive(Debug, Clone)]
// Notifications are the common case; boxing them would add an allocation to each.
#[allow(clippy::large_enum_variant)]
pub enum Delivery {
    /// An event, delivered once per message id (retries of it are absorbed).
    Notification {
        /// The message id.
        message_id: String,
        /// The subscription that matched.
        subscription: EventSubSubscription,
        /// The typed event.
        event: Event,
    },
    /// The platform ended the subscription; `subscription.status` says why.
    Revocation(EventSubSubscription),
}

struct Inner<F> {
    verifier: Verifier,
    handler: F,
}

/// A router (mount it where the callback URL points) that verifies and
/// dispatches deliveries signed with `secret`.
pub fn webhook_router<F, Fut>(secret: impl Into<Vec<u8>>, handler: F) -> Router
where
    F: Fn(Delivery) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let inner = Arc::new(Inner { verifier: Verifier::new(secret), handler });
    Router::new().route("/", post(receive::<F, Fut>)).with_state(inner)
}

async fn receive<F, Fut>(State(inner): State<Arc<Inner<F>>>, headers: HeaderMap, body: Bytes) -> Response
where
    F: Fn(Delivery) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let signed = SignedHeaders::from_lookup(|name| headers.get(name).and_then(|v| v.to_str().ok()));
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    match inner.verifier.verify(&signed, &body, now) {
        Ok(()) => {}
        // Already handled: acknowledge so the platform stops retrying.
        Err(VerifyError::Duplicate) => return StatusCode::NO_CONTENT.into_response(),
        Err(e) => return (StatusCode::FORBIDDEN, e.to_string()).into_response(),
    }
    let parsed: WebhookBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => return (StatusCode::BAD_REQUEST, format!("malformed body: {e}")).into_response(),
    };
    match signed.message_type.unwrap_or_default() {
        message_type::VERIFICATION => match parsed.challenge {
            Some(c) => ([(axum::http::header::CONTENT_TYPE, "text/plain")], c).into_response(),
            None => (StatusCode::BAD_REQUEST, "verification without a challenge").into_response(),
        },
        message_type::REVOCATION => {
            (inner.handler)(Delivery::Revocation(parsed.subscription)).await;
            StatusCode::NO_CONTENT.into_response()
        }
        message_type::NOTIFICATION => {
            let Some(payload) = parsed.event else {
                return (StatusCode::BAD_REQUEST, "notification without an event").into_response();
            };
            match Event::from_parts(&parsed.subscription.kind, payload) {
                Ok(event) => {
                    let message_id = signed.message_id.unwrap_or_default().to_string();
                    (inner.handler)(Delivery::Notification { message_id, subscription: parsed.subscription, event })
                        .await;
                    StatusCode::NO_CONTENT.into_response()
                }
                Err(e) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
            }
        }
        other => (StatusCode::BAD_REQUEST, format!("unknown message type '{other}'")).into_response(),
    }
}
