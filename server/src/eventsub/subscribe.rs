//! Creating a subscription, apart from HTTP: the rules of each event type,
//! who may subscribe to which channel, the transport, cost and limits,
//! storage, and the start of webhook verification. [`super::api`] is the REST
//! face; it turns a [`SubscribeError`] into the problem response.

use std::sync::Arc;

use aethex_sdk::eventsub::{Condition, CreateSubscription, Transport, EVENT_TYPES};
use aethex_sdk::guard::GuardError;

use super::{delivery, guard, status, EventSub, Sub, Target};
use crate::chat::Chat;
use crate::http::truncate;
use crate::store::now_ms;

/// Who may subscribe to a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Any user: the events are public.
    Anyone,
    /// The broadcaster only.
    Owner,
    /// The broadcaster or one of their moderators.
    Moderator,
}

/// One event type's rules.
struct Rule {
    kind: &'static str,
    versions: &'static [&'static str],
    scope: Option<&'static str>,
    who: Who,
}

/// The rules for every type in [`EVENT_TYPES`].
const RULES: &[Rule] = &[
    Rule { kind: "stream.online", versions: &["1"], scope: None, who: Who::Anyone },
    Rule { kind: "stream.offline", versions: &["1"], scope: None, who: Who::Anyone },
    Rule { kind: "channel.update", versions: &["1", "2"], scope: None, who: Who::Anyone },
    Rule {
        kind: "channel.follow",
        versions: &["1", "2"],
        scope: Some("moderator:read:followers"),
        who: Who::Moderator,
    },
    Rule { kind: "channel.subscribe", versions: &["1"], scope: Some("channel:read:subscriptions"), who: Who::Owner },
    Rule {
        kind: "channel.subscription.end",
        versions: &["1"],
        scope: Some("channel:read:subscriptions"),
        who: Who::Owner,
    },
    Rule { kind: "channel.donation", versions: &["1"], scope: Some("donations:read"), who: Who::Owner },
    Rule { kind: "channel.raid", versions: &["1"], scope: None, who: Who::Anyone },
    Rule { kind: "channel.chat.message", versions: &["1"], scope: Some("chat:read"), who: Who::Anyone },
    Rule { kind: "channel.ban", versions: &["1"], scope: Some("moderator:manage"), who: Who::Moderator },
    // Whoever keeps data about the channel's community: the broadcaster's or a moderator's bots.
    Rule { kind: "channel.user.erase", versions: &["1"], scope: Some("chat:read"), who: Who::Moderator },
    Rule {
        kind: "automod.message.hold",
        versions: &["1"],
        scope: Some("moderator:manage:automod"),
        who: Who::Moderator,
    },
    Rule {
        kind: "automod.message.update",
        versions: &["1"],
        scope: Some("moderator:manage:automod"),
        who: Who::Moderator,
    },
];

/// Most total cost of one app's webhook subscriptions.
pub const MAX_TOTAL_COST: i64 = 10_000;
/// Most enabled subscriptions on one WebSocket session.
pub const MAX_PER_SESSION: usize = 300;
/// Most total cost of one user's WebSocket subscriptions per app.
pub const MAX_WEBSOCKET_COST: i64 = 10;
/// Longest webhook callback URL.
const MAX_CALLBACK_LEN: usize = 2048;

/// Who is subscribing: the token's app, user and scopes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subscriber<'a> {
    /// The app the token was issued to; it owns the subscription.
    pub(crate) client_id: &'a str,
    /// The token's user; they own the subscription with the app.
    pub(crate) user_id: i64,
    /// The token's scopes.
    pub(crate) scopes: &'a [String],
}

/// Why a subscription is refused. The messages go to the client as they are.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SubscribeError {
    /// The type is not one of [`EVENT_TYPES`].
    #[error("unknown subscription type '{}'; known types: {}", truncate(.kind, 60), EVENT_TYPES.join(", "))]
    UnknownType { kind: String },
    /// The type has no such version.
    #[error("unsupported version '{}' of {kind}; supported: {}", truncate(.version, 20), .supported.join(", "))]
    UnsupportedVersion { kind: &'static str, version: String, supported: &'static [&'static str] },
    /// The token lacks the scope the type needs.
    #[error("{kind} needs the scope '{scope}'")]
    MissingScope { kind: &'static str, scope: &'static str },
    /// `moderator_user_id` names someone other than the token's user.
    #[error("'moderator_user_id' must be the token's user")]
    ModeratorNotCaller,
    /// The condition has a field the type does not take (`takes` says what it does take).
    #[error("{kind} takes {takes}")]
    ConditionFieldNotTaken { kind: &'static str, takes: &'static str },
    /// The condition lacks the field that names the channel.
    #[error("{kind} needs {needs}")]
    MissingCondition { kind: &'static str, needs: &'static str },
    /// The channel field is not a user id.
    #[error("'{key}' must be a user id")]
    NotAUserId { key: &'static str },
    /// The channel field names no channel.
    #[error("'{key}' names a channel that does not exist")]
    NoSuchChannel { key: &'static str },
    /// Only the broadcaster may subscribe to this type.
    #[error("only the broadcaster may subscribe to {kind}")]
    OwnerOnly { kind: &'static str },
    /// Only the broadcaster or a moderator may subscribe to this type.
    #[error("only the broadcaster or a moderator may subscribe to {kind}")]
    ModeratorOnly { kind: &'static str },
    /// The transport method is neither `webhook` nor `websocket`.
    #[error("unknown transport method '{}'; use 'webhook' or 'websocket'", truncate(.method, 30))]
    UnknownTransport { method: String },
    /// The transport has a field of the other method.
    #[error("a {method} transport takes {takes}")]
    TransportFieldNotTaken { method: &'static str, takes: &'static str },
    /// The transport lacks a field its method needs.
    #[error("{method} transport needs '{field}'")]
    MissingTransportField { method: &'static str, field: &'static str },
    /// The callback URL is too long.
    #[error("'callback' is longer than {} characters", MAX_CALLBACK_LEN)]
    CallbackTooLong,
    /// The webhook secret has the wrong length or characters.
    #[error("'secret' must be 10 to 100 printable ASCII characters")]
    BadSecret,
    /// The SSRF guard refused the callback.
    #[error("callback: {0}")]
    CallbackRefused(#[source] GuardError),
    /// The WebSocket session is not connected to this node.
    #[error("the websocket session does not exist or has already disconnected")]
    NoSuchSession,
    /// The same subscription already exists (and counts).
    #[error("a subscription with this type, version, condition and transport already exists")]
    Duplicate,
    /// The app's webhook subscriptions would cost more than [`MAX_TOTAL_COST`].
    #[error("the app's subscriptions reached max_total_cost {}", MAX_TOTAL_COST)]
    OverTotalCost,
    /// The WebSocket session already holds [`MAX_PER_SESSION`] subscriptions.
    #[error("a websocket session holds at most {} subscriptions", MAX_PER_SESSION)]
    SessionFull,
    /// The user's WebSocket subscriptions would cost more than [`MAX_WEBSOCKET_COST`].
    #[error(
        "websocket subscriptions to other users' channels cost 1 each, at most {} per user ({session_id})",
        MAX_WEBSOCKET_COST
    )]
    OverWebSocketCost { session_id: String },
    /// The condition could not be encoded for storage.
    #[error("encoding the condition: {0}")]
    Encode(#[from] serde_json::Error),
    /// The database failed.
    #[error("storage: {0}")]
    Storage(#[from] sqlx::Error),
}

type Result<T> = std::result::Result<T, SubscribeError>;

/// The channel a condition names, and what subscribing to it costs.
struct Channel {
    /// The condition field that names it.
    key: &'static str,
    /// Its id.
    broadcaster_id: i64,
    /// 0 or 1, against the limits.
    cost: i64,
}

/// Whether a subscription still counts against limits and duplicates
/// (Twitch counts enabled and pending ones).
pub(super) fn counts(s: &Sub) -> bool {
    s.status == status::ENABLED || s.status == status::PENDING
}

impl EventSub {
    /// Create a subscription for `who`, as `POST /api/eventsub/subscriptions`
    /// asks. Webhooks start `webhook_callback_verification_pending` and are
    /// verified in the background; WebSocket subscriptions are enabled at once.
    pub(crate) async fn subscribe(
        self: &Arc<Self>,
        chat: &Chat,
        who: Subscriber<'_>,
        req: &CreateSubscription,
    ) -> Result<Arc<Sub>> {
        let rule = rule_for(req)?;
        let channel = self.authorize(chat, rule, who, &req.condition).await?;
        let condition_json = serde_json::to_string(&req.condition)?;
        let created_at = now_ms();
        let target = self.target(&req.transport).await?;
        // A webhook must prove it wants the events first; a socket asked for them itself.
        let first_status = match target {
            Target::Webhook { .. } => status::PENDING,
            Target::WebSocket { .. } => status::ENABLED,
        };
        self.check_limits(who, &target, channel.cost, req, &condition_json)?;
        let sub = Sub {
            id: crate::crypto::uuid(),
            client_id: who.client_id.to_string(),
            user_id: who.user_id,
            kind: rule.kind.to_string(),
            version: req.version.clone(),
            condition: req.condition.clone(),
            condition_key: channel.key.to_string(),
            broadcaster_id: channel.broadcaster_id,
            target,
            status: first_status.to_string(),
            cost: channel.cost,
            created_at,
        };
        self.insert(&sub, &condition_json).await?;
        let sub = self.remember(sub);
        match &sub.target {
            Target::Webhook { .. } => {
                tokio::spawn(delivery::verify(self.clone(), sub.clone()));
            }
            Target::WebSocket { session_id } => self.sockets.mark_used(session_id),
        }
        Ok(sub)
    }

    /// A webhook on `user_id`'s own channel, as the creator dashboard makes
    /// one: the newest version of `kind`, its condition naming their channel
    /// (raids: those it receives), owned by the first-party client, with the
    /// rights the signed-in owner has.
    pub(crate) async fn subscribe_own_webhook(
        self: &Arc<Self>,
        chat: &Chat,
        user_id: i64,
        kind: &str,
        callback: &str,
        secret: &str,
    ) -> Result<Arc<Sub>> {
        let rule = RULES
            .iter()
            .find(|r| r.kind == kind)
            .ok_or_else(|| SubscribeError::UnknownType { kind: kind.to_string() })?;
        let me = user_id.to_string();
        let mut condition = Condition::default();
        if kind == "channel.raid" {
            condition.to_broadcaster_user_id = Some(me);
        } else {
            condition.broadcaster_user_id = Some(me.clone());
            if rule.who == Who::Moderator {
                condition.moderator_user_id = Some(me);
            }
        }
        let req = CreateSubscription {
            kind: kind.to_string(),
            version: rule.versions.last().copied().unwrap_or("1").to_string(),
            condition,
            transport: aethex_sdk::eventsub::Transport::webhook(callback, secret),
        };
        let scopes: Vec<String> = aethex_sdk::SCOPES.iter().map(|s| s.to_string()).collect();
        let who = Subscriber { client_id: aethex_sdk::CLI_CLIENT_ID, user_id, scopes: &scopes };
        self.subscribe(chat, who, &req).await
    }

    /// The webhooks `user_id` made on their own channel, from any app, oldest first.
    pub(crate) fn own_webhooks(&self, user_id: i64) -> Vec<Arc<Sub>> {
        let mut mine: Vec<_> = self
            .all()
            .into_iter()
            .filter(|s| {
                s.user_id == user_id && s.broadcaster_id == user_id && matches!(s.target, Target::Webhook { .. })
            })
            .collect();
        mine.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        mine
    }

    /// End subscription `id` of `user_id` (and of app `client_id`, when
    /// given); whether there was one.
    pub(crate) async fn delete_of(
        &self,
        id: &str,
        user_id: i64,
        client_id: Option<&str>,
    ) -> std::result::Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "DELETE FROM eventsub_subscriptions WHERE id = $1 AND user_id = $2 AND ($3 = '' OR client_id = $3)",
        )
        .bind(id)
        .bind(user_id)
        .bind(client_id.unwrap_or(""))
        .execute(&self.db.pool)
        .await?
        .rows_affected();
        if done > 0 {
            self.forget(id);
        }
        Ok(done > 0)
    }

    /// The channel the condition names and the cost, once `who` has the
    /// type's scope and the standing in that channel the type needs.
    async fn authorize(&self, chat: &Chat, rule: &Rule, who: Subscriber<'_>, c: &Condition) -> Result<Channel> {
        if let Some(scope) = rule.scope {
            if !who.scopes.iter().any(|s| s == scope) {
                return Err(SubscribeError::MissingScope { kind: rule.kind, scope });
            }
        }
        let (key, broadcaster_id) = self.condition_channel(rule, c, who.user_id).await?;
        let is_owner = broadcaster_id == who.user_id;
        let is_mod = is_owner || chat.moderates(broadcaster_id, who.user_id).await?;
        match rule.who {
            Who::Owner if !is_owner => return Err(SubscribeError::OwnerOnly { kind: rule.kind }),
            Who::Moderator if !is_mod => return Err(SubscribeError::ModeratorOnly { kind: rule.kind }),
            _ => {}
        }
        // Your own channel is free, and so is one you moderate for a moderator type (as on Twitch).
        let cost = if is_owner || (rule.who == Who::Moderator && is_mod) { 0 } else { 1 };
        Ok(Channel { key, broadcaster_id, cost })
    }

    /// The channel the condition names, and in which field; the channel must exist.
    async fn condition_channel(&self, rule: &Rule, c: &Condition, user_id: i64) -> Result<(&'static str, i64)> {
        if let Some(m) = &c.moderator_user_id {
            if m.parse::<i64>().ok() != Some(user_id) {
                return Err(SubscribeError::ModeratorNotCaller);
            }
            if rule.who != Who::Moderator {
                return Err(SubscribeError::ConditionFieldNotTaken {
                    kind: rule.kind,
                    takes: "no 'moderator_user_id'",
                });
            }
        }
        let (key, value) = channel_field(rule, c)?;
        let id: i64 = value.parse().ok().filter(|i| *i > 0).ok_or(SubscribeError::NotAUserId { key })?;
        if crate::accounts::login_of(&self.db, id).await?.is_none() {
            return Err(SubscribeError::NoSuchChannel { key });
        }
        Ok((key, id))
    }

    /// Where notifications go, once the transport is well-formed and the callback passes the SSRF guard.
    async fn target(&self, t: &Transport) -> Result<Target> {
        match t.method.as_str() {
            "webhook" => self.webhook_target(t).await,
            "websocket" => self.websocket_target(t).await,
            other => Err(SubscribeError::UnknownTransport { method: other.to_string() }),
        }
    }

    async fn webhook_target(&self, t: &Transport) -> Result<Target> {
        const METHOD: &str = "webhook";
        if t.session_id.is_some() {
            let takes = "'callback' and 'secret', not 'session_id'";
            return Err(SubscribeError::TransportFieldNotTaken { method: METHOD, takes });
        }
        let callback =
            t.callback.as_deref().ok_or(SubscribeError::MissingTransportField { method: METHOD, field: "callback" })?;
        if callback.chars().count() > MAX_CALLBACK_LEN {
            return Err(SubscribeError::CallbackTooLong);
        }
        let secret =
            t.secret.clone().ok_or(SubscribeError::MissingTransportField { method: METHOD, field: "secret" })?;
        if !(10..=100).contains(&secret.len()) || !secret.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SubscribeError::BadSecret);
        }
        let policy = guard::Policy { allow_private: self.config.allow_private, allow_http: false };
        let url = policy.check(callback).await.map_err(SubscribeError::CallbackRefused)?;
        Ok(Target::Webhook { callback: url.to_string(), secret })
    }

    async fn websocket_target(&self, t: &Transport) -> Result<Target> {
        const METHOD: &str = "websocket";
        if t.callback.is_some() || t.secret.is_some() {
            let takes = "'session_id', not 'callback' or 'secret'";
            return Err(SubscribeError::TransportFieldNotTaken { method: METHOD, takes });
        }
        let session_id = t
            .session_id
            .clone()
            .ok_or(SubscribeError::MissingTransportField { method: METHOD, field: "session_id" })?;
        if !self.sockets.is_live_anywhere(&session_id).await {
            return Err(SubscribeError::NoSuchSession);
        }
        Ok(Target::WebSocket { session_id })
    }

    /// Refuse duplicates and subscriptions over the cost and session limits.
    fn check_limits(
        &self,
        who: Subscriber<'_>,
        target: &Target,
        cost: i64,
        req: &CreateSubscription,
        condition_json: &str,
    ) -> Result<()> {
        let live: Vec<_> = self.all().into_iter().filter(|s| counts(s)).collect();
        let duplicate = live.iter().any(|s| {
            s.client_id == who.client_id
                && s.kind == req.kind
                && s.version == req.version
                && serde_json::to_string(&s.condition).ok().as_deref() == Some(condition_json)
                && same_target(&s.target, target)
        });
        if duplicate {
            return Err(SubscribeError::Duplicate);
        }
        let mine = |s: &&Arc<Sub>| s.client_id == who.client_id;
        match target {
            Target::Webhook { .. } => {
                let total: i64 = live.iter().filter(mine).filter(|s| s.is_webhook()).map(|s| s.cost).sum();
                if total + cost > MAX_TOTAL_COST {
                    return Err(SubscribeError::OverTotalCost);
                }
            }
            Target::WebSocket { session_id } => {
                if live.iter().filter(|s| same_target(&s.target, target)).count() >= MAX_PER_SESSION {
                    return Err(SubscribeError::SessionFull);
                }
                let sockets = live.iter().filter(mine).filter(|s| !s.is_webhook() && s.user_id == who.user_id);
                if sockets.map(|s| s.cost).sum::<i64>() + cost > MAX_WEBSOCKET_COST {
                    return Err(SubscribeError::OverWebSocketCost { session_id: session_id.clone() });
                }
            }
        }
        Ok(())
    }

    /// Store a new subscription, its webhook secret sealed.
    async fn insert(&self, sub: &Sub, condition_json: &str) -> Result<()> {
        let (method, callback, sealed, session_id) = match &sub.target {
            Target::Webhook { callback, secret } => {
                ("webhook", Some(callback.clone()), Some(self.sealer.seal(secret)), None)
            }
            Target::WebSocket { session_id } => ("websocket", None, None, Some(session_id.clone())),
        };
        sqlx::query(
            "INSERT INTO eventsub_subscriptions (id, client_id, user_id, type, version, condition, condition_key, broadcaster_id,
             method, callback, secret_sealed, session_id, status, cost, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&sub.id)
        .bind(&sub.client_id)
        .bind(sub.user_id)
        .bind(&sub.kind)
        .bind(&sub.version)
        .bind(condition_json)
        .bind(&sub.condition_key)
        .bind(sub.broadcaster_id)
        .bind(method)
        .bind(callback)
        .bind(sealed)
        .bind(session_id)
        .bind(&sub.status)
        .bind(sub.cost)
        .bind(sub.created_at)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }
}

/// The rule for the requested type, if it has the requested version.
fn rule_for(req: &CreateSubscription) -> Result<&'static Rule> {
    let rule = RULES
        .iter()
        .find(|r| r.kind == req.kind)
        .ok_or_else(|| SubscribeError::UnknownType { kind: req.kind.clone() })?;
    if !rule.versions.contains(&req.version.as_str()) {
        return Err(SubscribeError::UnsupportedVersion {
            kind: rule.kind,
            version: req.version.clone(),
            supported: rule.versions,
        });
    }
    Ok(rule)
}

/// The condition field that names the channel, and its value. `channel.raid`
/// names one side of the raid; every other type names the broadcaster.
fn channel_field<'c>(rule: &Rule, c: &'c Condition) -> Result<(&'static str, &'c String)> {
    if rule.kind == "channel.raid" {
        if c.broadcaster_user_id.is_some() {
            let takes = "'from_broadcaster_user_id' or 'to_broadcaster_user_id'";
            return Err(SubscribeError::ConditionFieldNotTaken { kind: rule.kind, takes });
        }
        return match (&c.from_broadcaster_user_id, &c.to_broadcaster_user_id) {
            (Some(f), None) => Ok(("from_broadcaster_user_id", f)),
            (None, Some(t)) => Ok(("to_broadcaster_user_id", t)),
            _ => {
                let needs = "exactly one of 'from_broadcaster_user_id' and 'to_broadcaster_user_id'";
                Err(SubscribeError::MissingCondition { kind: rule.kind, needs })
            }
        };
    }
    if c.from_broadcaster_user_id.is_some() || c.to_broadcaster_user_id.is_some() {
        return Err(SubscribeError::ConditionFieldNotTaken { kind: rule.kind, takes: "'broadcaster_user_id' only" });
    }
    let b = c
        .broadcaster_user_id
        .as_ref()
        .ok_or(SubscribeError::MissingCondition { kind: rule.kind, needs: "condition 'broadcaster_user_id'" })?;
    Ok(("broadcaster_user_id", b))
}

/// Whether two targets are the same callback or the same session.
fn same_target(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Webhook { callback: a, .. }, Target::Webhook { callback: b, .. }) => a == b,
        (Target::WebSocket { session_id: a }, Target::WebSocket { session_id: b }) => a == b,
        _ => false,
    }
}
