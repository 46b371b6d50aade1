//! `webhooks list|create|delete` and `event trigger|verify-subscription|listen`.
//!
//! `event trigger` works like twitch-cli's: it forges a realistic event,
//! signs it exactly as the server does (the SDK's `sign`), and POSTs it to a
//! receiver you are developing, with no server involved.

use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::eventsub::{headers, message_type, sign, EventSubSubscription, EVENT_TYPES};
use aethex_sdk::types::*;
use aethex_sdk::{Condition, CreateSubscription, Event, Transport};
use rand::Rng as _;

use crate::args::{EventCmd, TriggerType, WebhooksCmd};
use crate::config::Context;
use crate::error::{CliError, CliResult};
use crate::output;

fn uuid() -> String {
    let b: [u8; 16] = rand::thread_rng().gen();
    let h = hex::encode(b);
    format!("{}-{}-4{}-a{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

fn now_rfc3339() -> String {
    let ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    aethex_sdk::time::rfc3339(ms)
}

fn fake_id() -> String {
    rand::thread_rng().gen_range(10_000_000u64..99_999_999).to_string()
}

/// A realistic mock of `kind` on a made-up channel.
pub fn mock_event(kind: TriggerType) -> Event {
    let (bid, uid, now) = (fake_id(), fake_id(), now_rfc3339());
    let (b_login, b_name, u_login, u_name) = ("testbroadcaster", "TestBroadcaster", "testfromuser", "TestFromUser");
    match kind {
        TriggerType::StreamOnline => Event::StreamOnline(StreamOnlineEvent {
            id: fake_id(),
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
            kind: "live".into(),
            started_at: now,
        }),
        TriggerType::StreamOffline => Event::StreamOffline(StreamOfflineEvent {
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
        }),
        TriggerType::ChannelUpdate => Event::ChannelUpdate(ChannelUpdateEvent {
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
            title: "Best Stream Ever".into(),
            language: "en".into(),
            category_name: "Just Chatting".into(),
            tags: vec!["english".into(), "cozy".into()],
        }),
        TriggerType::ChannelFollow => Event::ChannelFollow(ChannelFollowEvent {
            user_id: uid,
            user_login: u_login.into(),
            user_name: u_name.into(),
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
            followed_at: now,
        }),
        TriggerType::ChannelSubscribe => Event::ChannelSubscribe(ChannelSubscribeEvent {
            user_id: uid,
            user_login: u_login.into(),
            user_name: u_name.into(),
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            tier: "1000".into(),
            cumulative_months: 1,
            is_gift: false,
        }),
        TriggerType::ChannelSubscriptionEnd => Event::ChannelSubscriptionEnd(ChannelSubscriptionEndEvent {
            user_id: uid,
            user_login: u_login.into(),
            user_name: u_name.into(),
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
            tier: "1000".into(),
            is_gift: false,
        }),
        TriggerType::ChannelDonation => Event::ChannelDonation(ChannelDonationEvent {
            donation: Donation {
                id: uuid(),
                broadcaster_user_id: bid,
                broadcaster_login: b_login.into(),
                user_id: uid,
                donor_name: u_name.into(),
                amount: 500,
                currency: "USD".into(),
                message: "Keep it up!".into(),
                created_at: now,
            },
            user_login: u_login.into(),
        }),
        TriggerType::ChannelRaid => Event::ChannelRaid(ChannelRaidEvent {
            from_broadcaster_user_id: uid,
            from_broadcaster_user_login: u_login.into(),
            from_broadcaster_user_name: u_name.into(),
            to_broadcaster_user_id: bid,
            to_broadcaster_user_login: b_login.into(),
            to_broadcaster_user_name: b_name.into(),
            viewers: 42,
        }),
        TriggerType::ChannelChatMessage => Event::ChannelChatMessage(ChannelChatMessageEvent {
            broadcaster_user_id: bid,
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
            chatter_user_id: uid,
            chatter_user_login: u_login.into(),
            chatter_user_name: u_name.into(),
            message_id: uuid(),
            message: ChatMessageText { text: "Hello chat!".into() },
            badges: vec![ChatBadge { set_id: "subscriber".into(), id: "3".into(), info: "3".into() }],
        }),
        TriggerType::ChannelBan => Event::ChannelBan(ChannelBanEvent {
            user_id: uid,
            user_login: u_login.into(),
            user_name: u_name.into(),
            broadcaster_user_id: bid.clone(),
            broadcaster_user_login: b_login.into(),
            broadcaster_user_name: b_name.into(),
            moderator_user_id: bid,
            moderator_user_login: b_login.into(),
            moderator_user_name: b_name.into(),
            reason: "spam".into(),
            banned_at: now,
            ends_at: None,
            is_permanent: true,
        }),
    }
}

fn mock_subscription(event: &Event, callback: &str) -> EventSubSubscription {
    let condition = match event {
        Event::ChannelRaid(r) => {
            Condition { to_broadcaster_user_id: Some(r.to_broadcaster_user_id.clone()), ..Default::default() }
        }
        e => Condition::broadcaster(e.condition_keys().first().map(|(_, id)| id.to_string()).unwrap_or_default()),
    };
    EventSubSubscription {
        id: uuid(),
        status: "enabled".into(),
        kind: event.kind().into(),
        version: "1".into(),
        condition,
        transport: Transport { method: "webhook".into(), callback: Some(callback.into()), ..Default::default() },
        created_at: now_rfc3339(),
        cost: 0,
    }
}

/// POST a signed message; the status and body of the answer.
async fn post_signed(
    url: &str,
    secret: &str,
    kind: &str,
    sub: &EventSubSubscription,
    body: &str,
) -> CliResult<(u16, String, String)> {
    let parsed = url::Url::parse(url).map_err(|_| CliError::usage(format!("'{url}' is not a URL")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(CliError::usage(format!("'{url}' is not an http(s) URL")));
    }
    let id = uuid();
    let ts = now_rfc3339();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| CliError::other(e.to_string()))?;
    let resp = http
        .post(url)
        .header("content-type", "application/json")
        .header(headers::MESSAGE_ID, &id)
        .header(headers::MESSAGE_RETRY, "0")
        .header(headers::MESSAGE_TYPE, kind)
        .header(headers::MESSAGE_SIGNATURE, sign(secret.as_bytes(), &id, &ts, body.as_bytes()))
        .header(headers::MESSAGE_TIMESTAMP, &ts)
        .header(headers::SUBSCRIPTION_TYPE, &sub.kind)
        .header(headers::SUBSCRIPTION_VERSION, &sub.version)
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| {
            CliError::other(format!(
                "could not reach {url}: {}",
                if e.is_timeout() { "timed out".to_string() } else { e.to_string() }
            ))
        })?;
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    Ok((status, text, id))
}

/// `aethex event trigger`.
pub async fn trigger(kind: TriggerType, url: &str, secret: &str, json: bool) -> CliResult {
    let event = mock_event(kind);
    let sub = mock_subscription(&event, url);
    let body = serde_json::json!({"subscription": sub, "event": event.payload()}).to_string();
    let (status, _, id) = post_signed(url, secret, message_type::NOTIFICATION, &sub, &body).await?;
    if json {
        output::json(
            &serde_json::json!({"message_id": id, "type": event.kind(), "status": status, "body": serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default()}),
        );
    } else {
        println!("{} sent to {url} as message {id}: receiver answered {status}", event.kind());
    }
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(CliError::other(format!("the receiver answered {status}, not 2xx")))
    }
}

/// `aethex event verify-subscription`.
pub async fn verify_subscription(url: &str, secret: &str, json: bool) -> CliResult {
    let event = mock_event(TriggerType::StreamOnline);
    let mut sub = mock_subscription(&event, url);
    sub.status = "webhook_callback_verification_pending".into();
    let challenge = uuid();
    let body = serde_json::json!({"challenge": challenge, "subscription": sub}).to_string();
    let (status, answer, _) = post_signed(url, secret, message_type::VERIFICATION, &sub, &body).await?;
    let ok = (200..300).contains(&status) && answer == challenge;
    if json {
        output::json(&serde_json::json!({"valid": ok, "status": status, "challenge": challenge, "answer": answer}));
    } else if ok {
        println!("✔ {url} answered the challenge correctly.");
    } else if !(200..300).contains(&status) {
        println!("✘ {url} answered {status}; it must answer 2xx.");
    } else {
        println!("✘ {url} answered 2xx but its body was not the challenge (send the raw challenge as text).");
    }
    if ok {
        Ok(())
    } else {
        Err(CliError::other("the receiver failed verification"))
    }
}

/// `aethex webhooks ...`.
pub async fn webhooks(ctx: &Context, c: WebhooksCmd) -> CliResult {
    let client = ctx.client().await?;
    match c {
        WebhooksCmd::List => {
            let mut all = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page = client.eventsub_subscriptions(None, None, after.as_deref()).await?;
                all.extend(page.data);
                after = page.pagination.and_then(|p| p.cursor);
                if after.is_none() {
                    break;
                }
            }
            if ctx.json {
                output::json(&all);
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|s| {
                        let target =
                            s.transport.callback.clone().or(s.transport.session_id.clone()).unwrap_or_default();
                        vec![s.id.clone(), s.kind.clone(), s.status.clone(), target]
                    })
                    .collect();
                output::table(&["ID", "TYPE", "STATUS", "CALLBACK / SESSION"], &rows);
            }
        }
        WebhooksCmd::Create { kind, callback, secret, event_version: version, channel } => {
            let login = ctx.channel_or_me(&client, channel).await?;
            let id = client.channel(&login).await?.id;
            let condition = if kind == "channel.raid" {
                Condition { to_broadcaster_user_id: Some(id), ..Default::default() }
            } else {
                Condition::broadcaster(id)
            };
            let sub = client
                .create_eventsub_subscription(&CreateSubscription {
                    kind,
                    version,
                    condition,
                    transport: Transport::webhook(callback, secret),
                })
                .await?;
            if ctx.json {
                output::json(&sub);
            } else {
                println!("Created {} ({}); status {}.", sub.id, sub.kind, sub.status);
            }
        }
        WebhooksCmd::Delete { id } => {
            client.delete_eventsub_subscription(&id).await?;
            if !ctx.json {
                println!("Deleted {id}.");
            }
        }
    }
    Ok(())
}

/// `aethex event listen`.
pub async fn listen(ctx: &Context, c: EventCmd) -> CliResult {
    let EventCmd::Listen { types, limit } = c else { return Ok(()) };
    let client = ctx.client().await?;
    let me = ctx.me(&client).await?;
    let id = client.channel(&me).await?.id;
    let types: Vec<String> = if types.is_empty() { EVENT_TYPES.iter().map(|s| s.to_string()).collect() } else { types };
    for t in &types {
        if !EVENT_TYPES.contains(&t.as_str()) {
            return Err(CliError::usage(format!("unknown event type '{t}'; known: {}", EVENT_TYPES.join(", "))));
        }
    }
    let interests = types
        .iter()
        .map(|t| {
            if t == "channel.raid" {
                Interest {
                    kind: t.clone(),
                    version: "1".into(),
                    condition: Condition { to_broadcaster_user_id: Some(id.clone()), ..Default::default() },
                }
            } else {
                Interest::channel(t, &id)
            }
        })
        .collect();
    let mut socket = EventSocket::connect(client, interests);
    let mut seen = 0usize;
    loop {
        let next = tokio::select! {
            n = socket.next() => n,
            _ = tokio::signal::ctrl_c() => return Ok(()),
        };
        match next {
            None => return Err(CliError::other("the event socket stopped")),
            Some(SocketEvent::Connected { session_id, resubscribed }) => {
                eprintln!("aethex: listening (session {session_id}{})", if resubscribed { "" } else { ", resumed" });
            }
            Some(SocketEvent::Notification { message_id, subscription, event }) => {
                output::json_line(
                    &serde_json::json!({"type": subscription.kind, "message_id": message_id, "event": event.payload()}),
                );
                seen += 1;
                if limit.is_some_and(|l| seen >= l) {
                    return Ok(());
                }
            }
            Some(SocketEvent::Revocation(s)) => {
                eprintln!("aethex: subscription {} ({}) revoked: {}", s.id, s.kind, s.status)
            }
            Some(SocketEvent::Disconnected(why)) => eprintln!("aethex: disconnected ({why}); reconnecting"),
            Some(SocketEvent::SubscribeFailed { kind, error }) => eprintln!("aethex: cannot listen to {kind}: {error}"),
        }
    }
}
