//! `chat send|tail|ban|timeout|clear|slow`: REST for actions, the JSON chat
//! WebSocket for tailing.

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::{ChatMessage, ChatSettingsUpdate};

use crate::args::ChatCmd;
use crate::config::Context;
use crate::error::{CliError, CliResult};
use crate::output;

/// `aethex chat ...`.
pub async fn run(ctx: &Context, c: ChatCmd) -> CliResult {
    let client = ctx.client().await?;
    match c {
        ChatCmd::Send { text, channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            let m = client.send_chat(&room, &text).await?;
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
            client.ban(&room, &user, None, &reason).await?;
            if !ctx.json {
                println!("{user} is banned from #{room}.");
            }
        }
        ChatCmd::Timeout { user, seconds, reason, channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            client.ban(&room, &user, Some(seconds), &reason).await?;
            if !ctx.json {
                println!("{user} is timed out of #{room} for {seconds} s.");
            }
        }
        ChatCmd::Clear { channel } => {
            let room = ctx.channel_or_me(&client, channel).await?;
            client.clear_chat(&room).await?;
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
            let settings = client.update_chat_settings(&room, &change).await?;
            if ctx.json {
                output::json(&settings);
            } else if seconds == 0 {
                println!("Slow mode is off in #{room}.");
            } else {
                println!("Slow mode in #{room}: {seconds} s between messages.");
            }
        }
    }
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
        let frame = frame.map_err(|e| CliError::other(format!("the chat connection dropped: {e}")))?;
        if frame.channel().is_some_and(|c| c != room) {
            continue;
        }
        match frame {
            ServerFrame::History { messages, .. } => {
                for m in &messages {
                    if print(m) {
                        return Ok(());
                    }
                }
            }
            ServerFrame::Message { message } if print(&message) => return Ok(()),
            ServerFrame::Error { message } => return Err(CliError::other(format!("chat: {message}"))),
            ServerFrame::Notice { text, .. } if !ctx.json => eprintln!("notice: {text}"),
            _ => {}
        }
    }
    Ok(())
}
