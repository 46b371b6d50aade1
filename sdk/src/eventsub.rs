//! EventSub-style events: the typed [`Event`] every capability publishes, the
//! subscription objects of `/api/eventsub/subscriptions`, the messages of the
//! event WebSocket, and webhook signing and verification.
//!
//! Signing lives here, not in the server, so the server that signs, the CLI
//! that forges test events and every receiver that checks them share one
//! definition of the bytes under the HMAC.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

use hmac::{Hmac, Mac as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;

use crate::types::{
    AutomodMessageHoldEvent, AutomodMessageUpdateEvent, ChannelBanEvent, ChannelChatMessageEvent, ChannelDonationEvent,
    ChannelFollowEvent, ChannelRaidEvent, ChannelSubscribeEvent, ChannelSubscriptionEndEvent, ChannelUpdateEvent,
    ChannelUserEraseEvent, Pagination, StreamOfflineEvent, StreamOnlineEvent,
};

/// Header names of a webhook request (Twitch's with the `Aethex-` prefix).
pub mod headers {
    /// Unique per message; the same on every retry of it.
    pub const MESSAGE_ID: &str = "Aethex-Eventsub-Message-Id";
    /// How many times this message was sent before (0 on the first try).
    pub const MESSAGE_RETRY: &str = "Aethex-Eventsub-Message-Retry";
    /// `notification`, `webhook_callback_verification` or `revocation`.
    pub const MESSAGE_TYPE: &str = "Aethex-Eventsub-Message-Type";
    /// `sha256=` and the lowercase hex HMAC.
    pub const MESSAGE_SIGNATURE: &str = "Aethex-Eventsub-Message-Signature";
    /// RFC 3339 time of this attempt, part of the signed bytes.
    pub const MESSAGE_TIMESTAMP: &str = "Aethex-Eventsub-Message-Timestamp";
    /// The subscription's type, e.g. `channel.follow`.
    pub const SUBSCRIPTION_TYPE: &str = "Aethex-Eventsub-Subscription-Type";
    /// The subscription's version.
    pub const SUBSCRIPTION_VERSION: &str = "Aethex-Eventsub-Subscription-Version";
}

/// Message types of webhooks and the event WebSocket.
pub mod message_type {
    /// An event.
    pub const NOTIFICATION: &str = "notification";
    /// The challenge right after a webhook subscription is created.
    pub const VERIFICATION: &str = "webhook_callback_verification";
    /// The subscription was ended by the platform.
    pub const REVOCATION: &str = "revocation";
    /// First WebSocket message: the session id to subscribe with.
    pub const SESSION_WELCOME: &str = "session_welcome";
    /// Sent when nothing else was sent for the keepalive interval.
    pub const SESSION_KEEPALIVE: &str = "session_keepalive";
    /// The server is going away; connect to `reconnect_url`.
    pub const SESSION_RECONNECT: &str = "session_reconnect";
}

macro_rules! events {
    ($( $variant:ident($payload:ty) = $kind:literal ),* $(,)?) => {
        /// One platform event, as webhooks, the event WebSocket and the internal bus carry it.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Event {
            $(
                #[doc = concat!("`", $kind, "`")]
                $variant($payload),
            )*
        }

        /// Every event type the platform publishes.
        pub const EVENT_TYPES: &[&str] = &[$($kind),*];

        impl Event {
            /// The EventSub subscription type.
            pub fn kind(&self) -> &'static str {
                match self { $(Event::$variant(_) => $kind,)* }
            }

            /// The `event` object of a notification.
            pub fn payload(&self) -> Value {
                match self { $(Event::$variant(p) => serde_json::to_value(p).unwrap_or(Value::Null),)* }
            }

            /// Read the `event` object of a notification of type `kind`.
            pub fn from_parts(kind: &str, payload: Value) -> Result<Self, EventError> {
                match kind {
                    $($kind => serde_json::from_value(payload).map(Event::$variant)
                        .map_err(|e| EventError::Payload { kind: kind.to_string(), reason: e.to_string() }),)*
                    other => Err(EventError::UnknownType(other.to_string())),
                }
            }
        }
    };
}

events! {
    StreamOnline(StreamOnlineEvent) = "stream.online",
    StreamOffline(StreamOfflineEvent) = "stream.offline",
    ChannelUpdate(ChannelUpdateEvent) = "channel.update",
    ChannelFollow(ChannelFollowEvent) = "channel.follow",
    ChannelSubscribe(ChannelSubscribeEvent) = "channel.subscribe",
    ChannelSubscriptionEnd(ChannelSubscriptionEndEvent) = "channel.subscription.end",
    ChannelDonation(ChannelDonationEvent) = "channel.donation",
    ChannelRaid(ChannelRaidEvent) = "channel.raid",
    ChannelChatMessage(ChannelChatMessageEvent) = "channel.chat.message",
    ChannelBan(ChannelBanEvent) = "channel.ban",
    ChannelUserErase(ChannelUserEraseEvent) = "channel.user.erase",
    AutomodMessageHold(AutomodMessageHoldEvent) = "automod.message.hold",
    AutomodMessageUpdate(AutomodMessageUpdateEvent) = "automod.message.update",
}

impl Event {
    /// The condition fields this event matches and the channel id in each:
    /// a subscription matches when its condition names that channel there.
    pub fn condition_keys(&self) -> Vec<(&'static str, &str)> {
        let b = "broadcaster_user_id";
        match self {
            Event::StreamOnline(e) => vec![(b, &e.broadcaster_user_id)],
            Event::StreamOffline(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelUpdate(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelFollow(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelSubscribe(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelSubscriptionEnd(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelDonation(e) => vec![(b, &e.donation.broadcaster_user_id)],
            Event::ChannelRaid(e) => vec![
                ("from_broadcaster_user_id", &e.from_broadcaster_user_id),
                ("to_broadcaster_user_id", &e.to_broadcaster_user_id),
            ],
            Event::ChannelChatMessage(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelBan(e) => vec![(b, &e.broadcaster_user_id)],
            Event::ChannelUserErase(e) => vec![(b, &e.broadcaster_user_id)],
            Event::AutomodMessageHold(e) => vec![(b, &e.broadcaster_user_id)],
            Event::AutomodMessageUpdate(e) => vec![(b, &e.broadcaster_user_id)],
        }
    }
}

/// Why an event could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EventError {
    /// A type this SDK does not know (a newer server?).
    #[error("unknown event type '{0}'")]
    UnknownType(String),
    /// The payload does not have the type's shape.
    #[error("malformed {kind} payload: {reason}")]
    Payload {
        /// The event type.
        kind: String,
        /// What serde said.
        reason: String,
    },
}

/// What a subscription listens to. Which fields apply depends on the type:
/// `broadcaster_user_id` for most, `from_`/`to_broadcaster_user_id` for raids.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^\\+?0*[1-9][0-9]{0,17}$"))]
    pub broadcaster_user_id: Option<String>,
    /// Raids out of this channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^\\+?0*[1-9][0-9]{0,17}$"))]
    pub from_broadcaster_user_id: Option<String>,
    /// Raids into this channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^\\+?0*[1-9][0-9]{0,17}$"))]
    pub to_broadcaster_user_id: Option<String>,
    /// The moderator whose authorization the subscription uses (Twitch's
    /// `channel.follow` v2); must be the token's user when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^\\+?0*[1-9][0-9]{0,17}$"))]
    pub moderator_user_id: Option<String>,
}

impl Condition {
    /// A condition on one channel.
    pub fn broadcaster(id: impl Into<String>) -> Self {
        Self { broadcaster_user_id: Some(id.into()), ..Default::default() }
    }
}

/// How notifications reach the subscriber.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Transport {
    /// `webhook` or `websocket`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(?:webhook|websocket)$"))]
    pub method: String,
    /// Webhook: the HTTPS URL that receives POSTs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 2048))]
    pub callback: Option<String>,
    /// Webhook: the HMAC key, 10–100 ASCII characters. Sent when creating, never returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[!-~]{10,100}$"))]
    pub secret: Option<String>,
    /// WebSocket: the session id from `session_welcome`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// WebSocket: RFC 3339 time the session connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_at: Option<String>,
}

impl Transport {
    /// A webhook transport.
    pub fn webhook(callback: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            method: "webhook".into(),
            callback: Some(callback.into()),
            secret: Some(secret.into()),
            ..Default::default()
        }
    }

    /// A WebSocket transport for the session `session_id`.
    pub fn websocket(session_id: impl Into<String>) -> Self {
        Self { method: "websocket".into(), session_id: Some(session_id.into()), ..Default::default() }
    }
}

/// An EventSub subscription.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventSubSubscription {
    /// Subscription id (UUID).
    pub id: String,
    /// `enabled`, `webhook_callback_verification_pending`, `webhook_callback_verification_failed`,
    /// `notification_failures_exceeded`, `authorization_revoked`, `user_removed`, `websocket_disconnected`.
    pub status: String,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The event type's version.
    pub version: String,
    /// What it listens to.
    pub condition: Condition,
    /// Where notifications go (the secret is never echoed).
    pub transport: Transport,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// What it counts against the app's `max_total_cost`: 0 when the subscribing
    /// user authorized it for their own channel, 1 otherwise.
    pub cost: i64,
}

/// Body of `POST /api/eventsub/subscriptions`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSubscription {
    /// The event type, one of [`EVENT_TYPES`].
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schema(value_type = EventType))]
    pub kind: String,
    /// `1` (and `2` for `channel.follow`, as Twitch numbers it).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[12]$"))]
    pub version: String,
    /// What to listen to.
    pub condition: Condition,
    /// Where to deliver.
    pub transport: Transport,
}

/// The answer of the subscriptions endpoints: the page plus the app's totals.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionList {
    /// Subscriptions (one after a create).
    pub data: Vec<EventSubSubscription>,
    /// How many subscriptions the app has.
    pub total: i64,
    /// Their summed cost.
    pub total_cost: i64,
    /// The app's cost limit.
    pub max_total_cost: i64,
    /// Next page, on lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

/// The JSON body of every webhook request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WebhookBody {
    /// The subscription it belongs to.
    pub subscription: EventSubSubscription,
    /// Notifications: the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Value>,
    /// Verification requests: echo this back as the raw response body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
}

/// `metadata` of an event WebSocket message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WsMetadata {
    /// Unique per message.
    pub message_id: String,
    /// See [`message_type`].
    pub message_type: String,
    /// RFC 3339 send time.
    pub message_timestamp: String,
    /// Notifications and revocations: the subscription type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_type: Option<String>,
    /// Notifications and revocations: the subscription version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_version: Option<String>,
}

/// One event WebSocket message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WsMessage {
    /// Envelope.
    pub metadata: WsMetadata,
    /// `{"session": ...}` or `{"subscription": ..., "event": ...}`; `{}` for keepalives.
    pub payload: Value,
}

/// The session object of `session_welcome` and `session_reconnect`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WsSession {
    /// Subscribe with this id.
    pub id: String,
    /// `connected` or `reconnecting`.
    pub status: String,
    /// RFC 3339 connect time.
    pub connected_at: String,
    /// Keepalives come at least this often; silence longer than this means the link is dead.
    pub keepalive_timeout_seconds: Option<u64>,
    /// Where to reconnect on `session_reconnect`.
    pub reconnect_url: Option<String>,
}

/// `sha256=` + hex HMAC-SHA256(secret, id ‖ timestamp ‖ body): the value of
/// the signature header.
pub fn sign(secret: &[u8], message_id: &str, timestamp: &str, body: &[u8]) -> String {
    format!("sha256={}", hex::encode(mac(secret, message_id, timestamp, body).finalize().into_bytes()))
}

fn mac(secret: &[u8], message_id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(message_id.as_bytes());
    mac.update(timestamp.as_bytes());
    mac.update(body);
    mac
}

/// Check a signature header in constant time.
pub fn verify_signature(
    secret: &[u8],
    message_id: &str,
    timestamp: &str,
    body: &[u8],
    signature: &str,
) -> Result<(), VerifyError> {
    let hex_sig = signature.strip_prefix("sha256=").ok_or(VerifyError::BadSignature)?;
    let raw = hex::decode(hex_sig).map_err(|_| VerifyError::BadSignature)?;
    mac(secret, message_id, timestamp, body).verify_slice(&raw).map_err(|_| VerifyError::BadSignature)
}

/// Why a webhook request was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// A required header is absent.
    #[error("missing header {0}")]
    MissingHeader(&'static str),
    /// The signature does not match (wrong secret, tampered body or headers).
    #[error("signature does not match")]
    BadSignature,
    /// The timestamp is not RFC 3339.
    #[error("timestamp is not RFC 3339")]
    BadTimestamp,
    /// Older than the replay window (or too far in the future).
    #[error("timestamp outside the replay window")]
    Stale,
    /// Seen before: a retry of something already handled, or a replay.
    #[error("message id already seen")]
    Duplicate,
}

/// The headers a receiver needs, however its HTTP library spells header maps.
#[derive(Debug, Clone, Default)]
pub struct SignedHeaders<'a> {
    /// [`headers::MESSAGE_ID`].
    pub message_id: Option<&'a str>,
    /// [`headers::MESSAGE_TIMESTAMP`].
    pub timestamp: Option<&'a str>,
    /// [`headers::MESSAGE_SIGNATURE`].
    pub signature: Option<&'a str>,
    /// [`headers::MESSAGE_TYPE`].
    pub message_type: Option<&'a str>,
}

impl<'a> SignedHeaders<'a> {
    /// Read the headers through a case-insensitive lookup.
    pub fn from_lookup(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        Self {
            message_id: get(headers::MESSAGE_ID),
            timestamp: get(headers::MESSAGE_TIMESTAMP),
            signature: get(headers::MESSAGE_SIGNATURE),
            message_type: get(headers::MESSAGE_TYPE),
        }
    }
}

/// A webhook receiver's checks in one place: signature (constant time),
/// timestamp within the replay window, and duplicate ids (the last
/// [`Verifier::REMEMBERED`] are remembered). Share one per secret.
#[derive(Debug)]
pub struct Verifier {
    secret: Vec<u8>,
    window_ms: i64,
    seen: Mutex<(HashSet<String>, VecDeque<String>)>,
}

impl Verifier {
    /// Message ids remembered for duplicate detection.
    pub const REMEMBERED: usize = 10_000;
    /// The replay window: ten minutes, as EventSub advises.
    pub const WINDOW_MS: i64 = 10 * 60 * 1000;

    /// A verifier for one subscription secret.
    pub fn new(secret: impl Into<Vec<u8>>) -> Self {
        Self { secret: secret.into(), window_ms: Self::WINDOW_MS, seen: Mutex::new((HashSet::new(), VecDeque::new())) }
    }

    /// Check a request received at `now_ms` (Unix ms). A message passes once;
    /// its retries then yield [`VerifyError::Duplicate`], which a receiver
    /// should answer with 2xx so the platform stops retrying.
    pub fn verify(&self, h: &SignedHeaders<'_>, body: &[u8], now_ms: i64) -> Result<(), VerifyError> {
        let id = h.message_id.ok_or(VerifyError::MissingHeader(headers::MESSAGE_ID))?;
        let ts = h.timestamp.ok_or(VerifyError::MissingHeader(headers::MESSAGE_TIMESTAMP))?;
        let sig = h.signature.ok_or(VerifyError::MissingHeader(headers::MESSAGE_SIGNATURE))?;
        verify_signature(&self.secret, id, ts, body, sig)?;
        let at = crate::time::parse_rfc3339(ts).ok_or(VerifyError::BadTimestamp)?;
        if (now_ms - at).abs() > self.window_ms {
            return Err(VerifyError::Stale);
        }
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if !seen.0.insert(id.to_string()) {
            return Err(VerifyError::Duplicate);
        }
        seen.1.push_back(id.to_string());
        if seen.1.len() > Self::REMEMBERED {
            if let Some(old) = seen.1.pop_front() {
                seen.0.remove(&old);
            }
        }
        Ok(())
    }
}

/// An EventSub subscription type in the OpenAPI document: one of [`EVENT_TYPES`].
#[cfg(feature = "openapi")]
pub struct EventType;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for EventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(EVENT_TYPES.iter().copied()))
            .description(Some("An EventSub subscription type."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for EventType {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("EventType")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_documented_construction() {
        // HMAC-SHA256("secret", "id" + "2026-11-24T00:00:00.000Z" + "{}"), computed with Python's hmac.
        let sig = sign(b"secret", "id", "2026-11-24T00:00:00.000Z", b"{}");
        assert_eq!(sig, "sha256=bb95cdf2097f3ef7c610026f4d5c9d3e9ef1d2070d6de094ada5e4910c9d221a");
        assert!(verify_signature(b"secret", "id", "2026-11-24T00:00:00.000Z", b"{}", &sig).is_ok());
        assert_eq!(
            verify_signature(b"secret", "id", "2026-11-24T00:00:00.000Z", b"{ }", &sig),
            Err(VerifyError::BadSignature)
        );
        assert_eq!(
            verify_signature(b"other", "id", "2026-11-24T00:00:00.000Z", b"{}", &sig),
            Err(VerifyError::BadSignature)
        );
        assert_eq!(verify_signature(b"secret", "id", "x", b"{}", "md5=00"), Err(VerifyError::BadSignature));
        assert_eq!(verify_signature(b"secret", "id", "x", b"{}", "sha256=zz"), Err(VerifyError::BadSignature));
    }

    #[test]
    fn verifier_checks_window_and_duplicates() {
        let v = Verifier::new("0123456789abcdef");
        let now = crate::time::parse_rfc3339("2026-11-24T00:05:00Z").unwrap();
        let ts = "2026-11-24T00:00:00.000Z";
        let sig = sign(b"0123456789abcdef", "m1", ts, b"body");
        let h =
            SignedHeaders { message_id: Some("m1"), timestamp: Some(ts), signature: Some(&sig), message_type: None };
        assert_eq!(v.verify(&h, b"body", now), Ok(()));
        assert_eq!(v.verify(&h, b"body", now), Err(VerifyError::Duplicate));
        assert_eq!(v.verify(&h, b"body", now + 10 * 60 * 1000), Err(VerifyError::Stale));
        let missing = SignedHeaders { signature: None, ..h.clone() };
        assert_eq!(v.verify(&missing, b"body", now), Err(VerifyError::MissingHeader(headers::MESSAGE_SIGNATURE)));
        let bad_ts = "yesterday";
        let sig2 = sign(b"0123456789abcdef", "m2", bad_ts, b"body");
        let h2 = SignedHeaders {
            message_id: Some("m2"),
            timestamp: Some(bad_ts),
            signature: Some(&sig2),
            message_type: None,
        };
        assert_eq!(v.verify(&h2, b"body", now), Err(VerifyError::BadTimestamp));
    }

    #[test]
    fn events_round_trip_by_type() {
        let e = Event::StreamOffline(StreamOfflineEvent {
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "alice".into(),
            broadcaster_user_name: "Alice".into(),
        });
        assert_eq!(Event::from_parts(e.kind(), e.payload()), Ok(e.clone()));
        assert_eq!(e.condition_keys(), vec![("broadcaster_user_id", "1")]);
        assert!(matches!(Event::from_parts("stream.nope", e.payload()), Err(EventError::UnknownType(_))));
        assert!(matches!(Event::from_parts("channel.follow", e.payload()), Err(EventError::Payload { .. })));
        let ended = Event::ChannelSubscriptionEnd(crate::types::ChannelSubscriptionEndEvent {
            user_id: "2".into(),
            user_login: "bob".into(),
            user_name: "Bob".into(),
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "alice".into(),
            broadcaster_user_name: "Alice".into(),
            tier: "1000".into(),
            is_gift: false,
        });
        assert_eq!(ended.kind(), "channel.subscription.end");
        assert_eq!(Event::from_parts(ended.kind(), ended.payload()), Ok(ended.clone()));
        assert_eq!(ended.condition_keys(), vec![("broadcaster_user_id", "1")]);
        let erased = Event::ChannelUserErase(crate::types::ChannelUserEraseEvent {
            user_id: "7".into(),
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "a".into(),
            broadcaster_user_name: "A".into(),
        });
        assert_eq!(erased.kind(), "channel.user.erase");
        assert_eq!(Event::from_parts(erased.kind(), erased.payload()), Ok(erased.clone()));
        assert_eq!(erased.condition_keys(), vec![("broadcaster_user_id", "1")]);
        let held = Event::AutomodMessageHold(crate::types::AutomodMessageHoldEvent {
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "a".into(),
            broadcaster_user_name: "A".into(),
            user_id: "2".into(),
            user_login: "b".into(),
            user_name: "B".into(),
            message_id: "m".into(),
            message: crate::types::AutomodMessage::plain("text"),
            category: "profanity".into(),
            level: 4,
            held_at: "2026-11-30T00:00:00Z".into(),
        });
        assert_eq!(held.kind(), "automod.message.hold");
        assert_eq!(Event::from_parts(held.kind(), held.payload()), Ok(held.clone()));
        assert_eq!(held.payload()["message"]["fragments"][0]["type"], "text", "Twitch's fragment shape");
        assert_eq!(EVENT_TYPES.len(), 13);
    }

    #[test]
    fn conditions_reject_unknown_fields() {
        assert!(serde_json::from_str::<Condition>(r#"{"broadcaster_user_id":"1"}"#).is_ok());
        assert!(serde_json::from_str::<Condition>(r#"{"channel":"1"}"#).is_err());
    }
}
