//! The chat bridge at run time: each bridged Discord channel mirrors one
//! AeThex chat room. Discord → AeThex goes over REST as the creator's account
//! (so AeThex's bans, slow mode and blocked terms apply); AeThex → Discord
//! comes from the chat socket. The rules (no loops, no pings, lengths) are
//! [`crate::bridge`]'s. A message deleted in AeThex chat is deleted in Discord
//! too: the last [`REMEMBERED`] relayed ids are kept to find it.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use aethex_sdk::chat_protocol::ServerFrame;
use serenity::all::{ChannelId, CreateMessage, Message, MessageId};

use crate::bot::{no_pings, Bot};
use crate::bridge::{to_aethex, to_discord, AethexMessage, DiscordMessage};
use crate::store::Bridge;

/// AeThex → Discord message ids remembered per bridge, for deletions.
pub const REMEMBERED: usize = 500;

/// A Discord message in a bridged channel: relay it to AeThex.
pub async fn from_discord(bot: &Bot, msg: &Message) {
    let bridges = match bot.store.bridges().await {
        Ok(b) => b,
        Err(_) => return,
    };
    let Some(b) = bridges.iter().find(|b| b.discord_channel_id == msg.channel_id.get()) else { return };
    let author = msg.author.global_name.clone().unwrap_or_else(|| msg.author.name.clone());
    let Some(text) = to_aethex(&DiscordMessage {
        author: &author,
        author_is_bot: msg.author.bot || msg.webhook_id.is_some(),
        content: &msg.content,
    }) else {
        return;
    };
    if let Err(e) = bot.api.send_chat(&b.aethex_login, &text).await {
        tracing::warn!(error = %e, room = %b.aethex_login, "could not relay a Discord message to AeThex");
    }
}

/// One bridge's AeThex → Discord direction, until the socket ends.
async fn follow(bot: &Bot, b: &Bridge) -> Result<(), String> {
    let mut ws = aethex_sdk::chat_socket::open(&bot.api, Some(&bot.config.token), &b.aethex_login)
        .await
        .map_err(|e| e.to_string())?;
    let mut sent: VecDeque<(String, u64)> = VecDeque::new();
    let channel = ChannelId::new(b.discord_channel_id);
    while let Some(frame) = ws.next().await {
        match frame.map_err(|e| e.to_string())? {
            ServerFrame::Message { message: m } => {
                let a = AethexMessage { login: &m.user_login, name: &m.user_name, text: &m.text };
                let Some(text) = to_discord(&a, &bot.owner) else { continue };
                match channel
                    .send_message(&bot.http, CreateMessage::new().content(text).allowed_mentions(no_pings()))
                    .await
                {
                    Ok(d) => {
                        sent.push_back((m.id, d.id.get()));
                        if sent.len() > REMEMBERED {
                            sent.pop_front();
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, channel = b.discord_channel_id, "could not relay to Discord"),
                }
            }
            ServerFrame::Delete { message_id, .. } => {
                if let Some(pos) = sent.iter().position(|(a, _)| *a == message_id) {
                    let (_, d) = sent.remove(pos).unwrap_or_default();
                    if let Err(e) = channel.delete_message(&bot.http, MessageId::new(d.max(1))).await {
                        tracing::warn!(error = %e, "could not delete a relayed message");
                    }
                }
            }
            _ => {}
        }
    }
    Err("the chat socket closed".into())
}

/// Bridge tasks, stopped when dropped (a restart of the set, or the bot stopping).
struct Tasks(HashMap<u64, tokio::task::JoinHandle<()>>);

impl Drop for Tasks {
    fn drop(&mut self) {
        for t in self.0.values() {
            t.abort();
        }
    }
}

/// Run every bridge, restarting them when `/bridge` changes something.
pub async fn run(bot: Arc<Bot>) {
    loop {
        let bridges = bot.store.bridges().await.unwrap_or_default();
        let mut tasks = Tasks(HashMap::new());
        for b in bridges {
            let bot = bot.clone();
            tasks.0.insert(
                b.discord_channel_id,
                tokio::spawn(async move {
                    loop {
                        if let Err(e) = follow(&bot, &b).await {
                            tracing::warn!(error = %e, room = %b.aethex_login, "chat bridge dropped; reconnecting");
                        }
                        tokio::time::sleep(Duration::from_secs(5)).await;
                    }
                }),
            );
        }
        bot.bridges_changed.notified().await;
        drop(tasks);
    }
}
