//! Slash commands and the `!stream` prefix command: their definitions (what
//! Discord shows) and what each does, one module per command. Every answer is
//! built by [`crate::format`] and sent without pings; admin commands are
//! limited to members with Manage Server, both in Discord's UI
//! (`default_member_permissions`) and checked again on every call, since a
//! guild can override the UI setting.

use std::sync::Arc;

use serenity::all::{CommandInteraction, Context, CreateCommand, Message};

use crate::bot::Bot;

mod bridge;
mod common;
mod link;
mod notify;
mod roles;
mod stream;

/// The slash commands, as registered on every start (a bulk overwrite, so renamed or removed ones disappear).
pub fn definitions() -> Vec<CreateCommand> {
    vec![notify::definition(), stream::definition(), link::definition(), roles::definition(), bridge::definition()]
}

/// Run one slash command, answering in the member's language.
pub async fn dispatch(bot: &Arc<Bot>, ctx: &Context, cmd: CommandInteraction) {
    let lang = crate::lang::Lang::of(&cmd.locale);
    crate::lang::scope(lang, run(bot, ctx, cmd)).await
}

async fn run(bot: &Arc<Bot>, ctx: &Context, cmd: CommandInteraction) {
    match cmd.data.name.as_str() {
        "notify" => notify::run(bot, ctx, &cmd).await,
        "stream" => stream::run(bot, ctx, &cmd).await,
        "link" => crate::members::start_link(bot.clone(), ctx, cmd).await,
        "roles" => roles::run(bot, ctx, &cmd).await,
        "bridge" => bridge::run(bot, ctx, &cmd).await,
        other => {
            let text = crate::lang::say("unknown-command", &[("name", crate::lang::Arg::T(other))]);
            common::reply(ctx, &cmd, text, true).await
        }
    }
}

/// A message in a guild channel: `!stream [channel]`, or a bridged line.
pub async fn on_message(bot: &Arc<Bot>, msg: Message) {
    if msg.author.bot {
        return;
    }
    match stream::prefix_login(&msg.content, &bot.owner) {
        Some(login) => stream::prefix(bot, &msg, &login).await,
        None => crate::relay::from_discord(bot, &msg).await,
    }
}
