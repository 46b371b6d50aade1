//! `chat send|tail|ban|timeout|clear|slow`: REST for actions, the JSON chat
//! WebSocket for tailing.

use aethex_sdk::{BanRequest, ChatMessage, ChatSettingsUpdate};
use futures_util::StreamExt as _;
use reqwest::Method;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::args::ChatCmd;
use crate::config::Context;
use crate::error::{CliError, CliResult};
use crate::output;

fn data_first(v: serde_json::Value) -> serde_json::Value {
    v.get("data").and_then(|d| d.get(0)).cloned().unwrap_or(v)
}

/// `aethex chat ...`.
pub async fn run(ctx: &Context, c: ChatCmd) -> CliResult {
    let client = ctx.client().await?;
    match c {
        ChatCmd::Send { text, channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            let v = client
                .raw(Method::POST, &format!("api/chat/{room}/messages"), &[], Some(serde_json::json!({"text": text})))
                .await?;
            let m: ChatMessage = serde_json::from_value(data_first(v)).map_err(|e| CliError::other(e.to_string()))?;
            if ctx.json {
                output::json(&m);
            } else {
                println!("sent to #{room} ({})", m.id);
            }
        }
        ChatCmd::Tail { channel, limit } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            tail(ctx, &room, limit).await?;
        }
        ChatCmd::Ban { user, reason, channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            ban(&client, &room, &user, None, reason).await?;
            if !ctx.json {
                println!("{user} is banned from #{room}.");
            }
        }
        ChatCmd::Timeout { user, seconds, reason, channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            ban(&client, &room, &user, Some(seconds), reason).await?;
            if !ctx.json {
                println!("{user} is timed out of #{room} for {seconds} s.");
            }
        }
        ChatCmd::Clear { channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            client
                .raw(Method::DELETE, "api/moderation/chat", &[("broadcaster_login".into(), room.clone())], None)
                .await?;
            if !ctx.json {
                println!("#{room} is cleared.");
            }
        }
        ChatCmd::Slow { value, channel } => {
            let seconds = match value.as_str() {
                "off" | "0" => 0,
                v => v
                    .parse::<i64>()
                    .ok()
                    .filter(|s| (1..=120).contains(s))
                    .ok_or_else(|| CliError::usage(format!("slow mode takes 1-120 seconds or `off`, not '{v}'")))?,
            };
            let room = ctx.channel_or_me(&client, channel).await?;
            let change = ChatSettingsUpdate { slow_seconds: Some(seconds), ..Default::default() };
            let v = client
                .raw(
                    Method::PATCH,
                    "api/moderation/chat-settings",
                    &[("broadcaster_login".into(), room.clone())],
                    Some(serde_json::to_value(&change).map_err(|e| CliError::other(e.to_string()))?),
                )
                .await?;
            if ctx.json {
                output::json(&data_first(v));
            } else if seconds == 0 {
                println!("Slow mode is off in #{room}.");
            } else {
                println!("Slow mode in #{room}: {seconds} s between messages.");
            }
        }
    }
    Ok(())
}

async fn ban(client: &aethex_sdk::Client, room: &str, user: &str, duration: Option<i64>, reason: String) -> CliResult {
    let req = BanRequest {
        broadcaster_login: room.to_string(),
        user_login: user.trim_start_matches('@').to_lowercase(),
        duration,
        reason,
    };
    client
        .raw(
            Method::POST,
            "api/moderation/bans",
            &[],
            Some(serde_json::to_value(&req).map_err(|e| CliError::other(e.to_string()))?),
        )
        .await?;
    Ok(())
}

pub use aethex_sdk::chat_socket::ChatSocket;

/// Open the chat socket of `client`'s server, sign in and join `room`
/// (shared by `chat tail` and the dashboard).
pub async fn open_chat(client: &aethex_sdk::Client, token: &str, room: &str) -> Result<ChatSocket, String> {
    aethex_sdk::chat_socket::open(client, Some(token), room).await.map_err(|e| e.to_string())
}

/// Print the recent history, then messages as they arrive, until `limit`.
async fn tail(ctx: &Context, room: &str, limit: Option<usize>) -> CliResult {
    let token = ctx.token().await?;
    let mut ws = open_chat(&ctx.anonymous()?, &token, room).await.map_err(CliError::other)?;
    let mut printed = 0usize;
    let mut print = |m: &ChatMessage| {
        if ctx.json {
            output::json_line(m);
        } else {
            let badges = if m.badges.is_empty() { String::new() } else { format!("[{}] ", m.badges.join(",")) };
            println!("{} {badges}{}: {}", m.sent_at, m.user_name, m.text);
        }
        printed += 1;
        limit.is_some_and(|l| printed >= l)
    };
    while let Some(frame) = ws.next().await {
        let Ok(Frame::Text(t)) = frame else {
            if frame.is_err() {
                return Err(CliError::other("the chat connection dropped"));
            }
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&t).unwrap_or_default();
        match v["type"].as_str() {
            Some("history") => {
                for m in v["messages"].as_array().cloned().unwrap_or_default() {
                    if let Ok(m) = serde_json::from_value::<ChatMessage>(m) {
                        if print(&m) {
                            return Ok(());
                        }
                    }
                }
            }
            Some("message") => {
                if let Ok(m) = serde_json::from_value::<ChatMessage>(v["message"].clone()) {
                    if print(&m) {
                        return Ok(());
                    }
                }
            }
            Some("error") | Some("notice") if v["channel"].is_null() || v["channel"] == room => {
                let text = v["text"].as_str().unwrap_or("").to_string();
                if v["type"] == "error" {
                    return Err(CliError::other(format!("chat: {text}")));
                }
                if !ctx.json {
                    eprintln!("notice: {text}");
                }
            }
            _ => {}
        }
    }
    Ok(())
}
