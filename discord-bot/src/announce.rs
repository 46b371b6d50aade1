//! Go-live announcements: the event socket's `stream.online` becomes one
//! message per configured Discord channel, and `stream.offline` edits it to
//! say how long the stream ran. Exactly once per stream session and channel,
//! also across restarts and reconnects: the claim is stored before sending and
//! the message carries a nonce derived from it (Discord drops a second message
//! with the same nonce). On every (re)connect the bot catches up: live streams
//! it has not announced are announced, ended ones it has not edited are edited.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::{Event, Stream};
use serenity::all::{ChannelId, CreateMessage, EditMessage, MessageId};

use crate::bot::Bot;
use crate::format::{ended_embed, live_embed, neutralise, summary_embed, Embed};
use crate::lang::{Arg::T, Lang};
use crate::store::{nonce, Claim, Target};

fn to_serenity(e: &Embed) -> serenity::all::CreateEmbed {
    let mut out =
        serenity::all::CreateEmbed::new().title(&e.title).description(&e.description).url(&e.url).colour(e.color);
    if let Some(ts) = e.timestamp.as_deref().and_then(|t| serenity::model::Timestamp::parse(t).ok()) {
        out = out.timestamp(ts);
    }
    if let Some(t) = &e.thumbnail {
        out = out.thumbnail(&t.url);
    }
    for f in &e.fields {
        out = out.field(&f.name, &f.value, f.inline);
    }
    out
}

/// Whether a Discord error means the channel is gone or closed to us (not worth retrying).
fn permanent(e: &serenity::Error) -> Option<u16> {
    match e {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            let code = r.status_code.as_u16();
            matches!(code, 403 | 404).then_some(code)
        }
        _ => None,
    }
}

/// Announce `stream` everywhere it is configured and not yet announced.
pub async fn online(bot: &Bot, stream: &Stream) {
    let targets = match bot.store.targets(None, Some(&stream.broadcaster_login)).await {
        Ok(t) => t,
        Err(e) => return tracing::error!(error = %e, "database"),
    };
    let name = neutralise(&stream.broadcaster_name);
    for t in targets {
        // Each target speaks its own language (chosen at `/notify add`).
        let lang = Lang::named(&t.language).unwrap_or_else(Lang::english);
        let embed = live_embed(bot.public_url(), stream, lang);
        match bot.store.claim(&stream.id, t.channel_id, crate::now_ms()).await {
            Ok(Claim::Send) => {}
            Ok(Claim::Done(_)) => continue,
            Err(e) => {
                tracing::error!(error = %e, "database");
                continue;
            }
        }
        let live = lang.say("announce-live", &[("name", T(&name))]);
        let content = match t.ping_role {
            Some(r) => format!("<@&{r}> {live}"),
            None => live,
        };
        let mentions = match t.ping_role {
            Some(r) => crate::bot::no_pings().roles(vec![serenity::all::RoleId::new(r.max(1))]),
            None => crate::bot::no_pings(),
        };
        let msg = CreateMessage::new()
            .content(content)
            .embed(to_serenity(&embed))
            .nonce(serenity::all::Nonce::String(nonce(&stream.id, t.channel_id)))
            .enforce_nonce(true)
            .allowed_mentions(mentions);
        // Transient failures retry with the same nonce, so a retry after a lost answer is not a second message.
        let mut attempt = 0;
        loop {
            match ChannelId::new(t.channel_id).send_message(&bot.http, msg.clone()).await {
                Ok(m) => {
                    tracing::info!(login = %stream.broadcaster_login, channel = t.channel_id, "announced");
                    if let Err(e) = bot.store.sent(&stream.id, t.channel_id, m.id.get()).await {
                        tracing::error!(error = %e, "database");
                    }
                    break;
                }
                Err(e) if permanent(&e) == Some(404) => {
                    tracing::warn!(channel = t.channel_id, "announcement channel was deleted; forgetting it");
                    let _ = bot.store.forget_channel(t.channel_id).await;
                    break;
                }
                Err(e) if permanent(&e) == Some(403) => {
                    tracing::warn!(error = %e, channel = t.channel_id, guild = t.guild_id, "could not announce: missing permission");
                    let (login, channel) = (neutralise(&stream.broadcaster_login), t.channel_id.to_string());
                    let args = [("login", T(&login)), ("channel", T(&channel))];
                    let problem = format!("announce:{}", t.channel_id);
                    crate::report::to_admin(bot, t.guild_id, &problem, "announce-no-permission", &args).await;
                    break;
                }
                Err(e) if permanent(&e).is_some() || attempt >= 4 => {
                    tracing::warn!(error = %e, channel = t.channel_id, guild = t.guild_id, "could not announce");
                    break;
                }
                Err(e) => {
                    attempt += 1;
                    tracing::warn!(error = %e, attempt, "announcement failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1 << attempt)).await;
                }
            }
        }
    }
}

/// Edit the announcements of every ended session of `login` (None: of anyone).
pub async fn offline(bot: &Bot, login: Option<&str>) {
    let open = match bot.store.open_announcements().await {
        Ok(o) => o,
        Err(e) => return tracing::error!(error = %e, "database"),
    };
    let mut sessions: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for (session, channel, message) in open {
        sessions.entry(session).or_default().push((channel, message));
    }
    for (session, places) in sessions {
        let stream = match bot.api.stream(&session).await {
            Ok(s) => s,
            Err(aethex_sdk::Error::NotFound { .. }) => {
                let _ = bot.store.ended(&session).await;
                continue;
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not look up a stream session");
                continue;
            }
        };
        if login.is_some_and(|l| l != stream.broadcaster_login) {
            continue;
        }
        let Some(ended) = stream.ended_at.as_deref().and_then(aethex_sdk::time::parse_rfc3339) else { continue };
        let started = aethex_sdk::time::parse_rfc3339(&stream.started_at).unwrap_or(ended);
        // Each announcement is edited in its target's language (English if the target was removed since).
        let targets = match bot.store.targets(None, Some(&stream.broadcaster_login)).await {
            Ok(ts) => ts,
            Err(e) => {
                tracing::error!(error = %e, "database");
                Vec::new()
            }
        };
        let languages: BTreeMap<u64, Lang> =
            targets.iter().filter_map(|t| Some((t.channel_id, Lang::named(&t.language)?))).collect();
        let name = neutralise(&stream.broadcaster_name);
        for (channel, message) in &places {
            let lang = languages.get(channel).copied().unwrap_or_else(Lang::english);
            let embed = ended_embed(&live_embed(bot.public_url(), &stream, lang), (ended - started) / 1000, lang);
            let edit = EditMessage::new()
                .content(lang.say("announce-was-live", &[("name", T(&name))]))
                .embed(to_serenity(&embed));
            if let Err(e) = ChannelId::new(*channel).edit_message(&bot.http, MessageId::new(*message), edit).await {
                tracing::warn!(error = %e, channel, "could not edit an announcement");
            }
        }
        // Where the stream was announced and a summary was asked for, post it.
        let wanted: Vec<&Target> =
            targets.iter().filter(|t| t.summary && places.iter().any(|(c, _)| *c == t.channel_id)).collect();
        if !wanted.is_empty() {
            post_summary(bot, &stream, &wanted).await;
        }
        let _ = bot.store.ended(&session).await;
    }
}

/// How long to wait for a stream's summary to be final (the server aims for seconds).
const SUMMARY_WAIT: Duration = Duration::from_secs(60);

/// Post `stream`'s final summary in each of `targets`' channels, once ever.
async fn post_summary(bot: &Bot, stream: &Stream, targets: &[&Target]) {
    let deadline = tokio::time::Instant::now() + SUMMARY_WAIT;
    let summary = loop {
        match bot.api.stream_summary(&stream.id).await {
            Ok(s) if s.is_final => break s,
            Ok(_) | Err(aethex_sdk::Error::NotFound { .. }) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Ok(_) | Err(aethex_sdk::Error::NotFound { .. }) => {
                return tracing::warn!(stream = %stream.id, "the stream summary was not final in time; not posted");
            }
            Err(e) => {
                tracing::warn!(error = %e, stream = %stream.id, "could not read the stream summary");
                // A token without analytics:read is the admin's to fix; other errors are transient and logged.
                if matches!(e, aethex_sdk::Error::Unauthorized { .. } | aethex_sdk::Error::Forbidden { .. }) {
                    let login = neutralise(&stream.broadcaster_login);
                    for t in targets {
                        let problem = format!("summary:{}", t.channel_id);
                        crate::report::to_admin(
                            bot,
                            t.guild_id,
                            &problem,
                            "summary-no-access",
                            &[("login", T(&login))],
                        )
                        .await;
                    }
                }
                return;
            }
        }
    };
    let name = neutralise(&stream.broadcaster_name);
    let key = format!("{}:summary", stream.id);
    for t in targets {
        match bot.store.claim_summary(&stream.id, t.channel_id, crate::now_ms()).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                tracing::error!(error = %e, "database");
                continue;
            }
        }
        let lang = Lang::named(&t.language).unwrap_or_else(Lang::english);
        let msg = CreateMessage::new()
            .content(lang.say("summary-content", &[("name", T(&name))]))
            .embed(to_serenity(&summary_embed(bot.public_url(), stream, &summary, lang)))
            .nonce(serenity::all::Nonce::String(nonce(&key, t.channel_id)))
            .enforce_nonce(true)
            .allowed_mentions(crate::bot::no_pings());
        match ChannelId::new(t.channel_id).send_message(&bot.http, msg).await {
            Ok(_) => tracing::info!(login = %stream.broadcaster_login, channel = t.channel_id, "stream summary posted"),
            Err(e) => tracing::warn!(error = %e, channel = t.channel_id, "could not post the stream summary"),
        }
    }
}

/// Catch up with what happened while the bot was away.
async fn catch_up(bot: &Bot, logins: &[String]) {
    for login in logins {
        match bot.api.live_stream(login).await {
            Ok(Some(s)) => online(bot, &s).await,
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, %login, "could not check whether a channel is live"),
        }
    }
    offline(bot, None).await;
}

/// Follow the announced channels' events until the process ends.
pub async fn run(bot: Arc<Bot>) {
    loop {
        let logins: Vec<String> = match bot.store.targets(None, None).await {
            Ok(t) => {
                let mut l: Vec<String> = t.into_iter().map(|t| t.login).collect();
                l.sort();
                l.dedup();
                l
            }
            Err(e) => {
                tracing::error!(error = %e, "database");
                Vec::new()
            }
        };
        let mut interests = Vec::new();
        for login in &logins {
            match bot.api.channel(login).await {
                Ok(c) => {
                    interests.push(Interest::channel("stream.online", &c.id));
                    interests.push(Interest::channel("stream.offline", &c.id));
                }
                Err(e) => tracing::warn!(error = %e, %login, "announced channel unavailable"),
            }
        }
        if let Ok(me) = bot.api.channel(&bot.owner).await {
            interests.push(Interest::channel("channel.subscribe", &me.id));
            interests.push(Interest::channel("channel.subscription.end", &me.id));
            interests.push(Interest::channel("channel.user.erase", &me.id));
        }
        let mut socket = EventSocket::connect(bot.api.clone(), interests);
        loop {
            tokio::select! {
                _ = bot.targets_changed.notified() => break,
                ev = socket.next() => match ev {
                    Some(SocketEvent::Connected { .. }) => catch_up(&bot, &logins).await,
                    Some(SocketEvent::Notification { event, .. }) => match event {
                        Event::StreamOnline(o) => match bot.api.stream(&o.id).await {
                            Ok(s) => online(&bot, &s).await,
                            Err(e) => tracing::warn!(error = %e, "could not fetch the new stream"),
                        },
                        Event::StreamOffline(o) => offline(&bot, Some(&o.broadcaster_user_login)).await,
                        Event::ChannelSubscribe(s) => crate::members::sync_user(&bot, &s.user_login).await,
                        Event::ChannelSubscriptionEnd(s) => crate::members::sync_user(&bot, &s.user_login).await,
                        Event::ChannelUserErase(e) => crate::members::forget(&bot, &e.user_id).await,
                        _ => {}
                    },
                    Some(SocketEvent::SubscribeFailed { kind, error }) => tracing::warn!(%kind, %error, "event subscription refused"),
                    Some(SocketEvent::Disconnected(why)) => tracing::warn!(%why, "AeThex event socket dropped; reconnecting"),
                    Some(SocketEvent::Revocation(s)) => tracing::warn!(kind = %s.kind, "AeThex revoked an event subscription"),
                    None => {
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        break;
                    }
                },
            }
        }
    }
}
