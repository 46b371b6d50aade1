//! `/stream [channel]` and `!stream [channel]`: is a channel live, with its
//! title, viewers and uptime. Both default to the creator's channel and
//! answer in public, not only to the caller.

use serenity::all::{CommandInteraction, CommandOptionType, Context, CreateCommand, CreateMessage, Message};

use super::common::{answer, channel_error, check_login, opt_str, subcommand};
use crate::bot::{no_pings, Bot};

/// What Discord shows for `/stream`.
pub(super) fn definition() -> CreateCommand {
    crate::lang::command("cmd-stream-name", "cmd-stream")
        .add_option(crate::lang::option(CommandOptionType::String, "channel", "opt-login", &[]).required(false))
}

/// Run `/stream`.
pub(super) async fn run(bot: &Bot, ctx: &Context, cmd: &CommandInteraction) {
    let (_, opts) = subcommand(cmd);
    let login = opt_str(opts, "channel").unwrap_or_else(|| bot.owner.clone());
    answer(ctx, cmd, status(bot, &login).await, false).await;
}

/// The login a `!stream [channel]` message asks about (the creator's when
/// none is given), or `None` when the message is not `!stream`.
pub(super) fn prefix_login(text: &str, owner: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("!stream")) {
        return None;
    }
    Some(words.next().map(|w| w.trim_start_matches('@').to_lowercase()).unwrap_or_else(|| owner.to_string()))
}

/// Answer a `!stream` message about `login`, as a reply to it.
pub(super) async fn prefix(bot: &Bot, msg: &Message, login: &str) {
    let answer = status(bot, login).await.unwrap_or_else(|e| e);
    let out = CreateMessage::new().content(answer).reference_message(msg).allowed_mentions(no_pings());
    if let Err(e) = msg.channel_id.send_message(&bot.http, out).await {
        tracing::warn!(error = %e, channel = %msg.channel_id, "could not answer !stream");
    }
}

/// The `/stream` and `!stream` answer for `login`.
async fn status(bot: &Bot, login: &str) -> Result<String, String> {
    check_login(login)?;
    let channel = bot.api.channel(login).await.map_err(|e| channel_error(login, e, false))?;
    let live = if channel.is_live { bot.api.live_stream(login).await.map_err(|e| e.to_string())? } else { None };
    Ok(crate::format::status_text(&channel, live.as_ref(), crate::now_ms()))
}
