//! What every command handler shares: reading options, checking a login,
//! the Manage Server gate of admin commands, and answering. It imports no
//! command module, so each handler can use it without tying them together.

use serenity::all::{
    ChannelType, CommandDataOption, CommandDataOptionValue, CommandInteraction, CommandOptionType, Context,
    CreateCommand, CreateCommandOption, CreateInteractionResponse, CreateInteractionResponseMessage, Permissions,
};

use crate::bot::{no_pings, Bot};
use crate::lang::{say, Arg::T};

/// What a command answers: its text, or why it could not do it.
pub(super) type Answer = Result<String, String>;

/// An admin command as Discord shows it: only to members with Manage Server,
/// and only inside a server (checked again on every call: [`admin_guild`]).
pub(super) fn admin_command(name_id: &str, description_id: &str) -> CreateCommand {
    crate::lang::command(name_id, description_id)
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .dm_permission(false)
}

/// The required AeThex login option of `/notify` and `/bridge`.
pub(super) fn login_option() -> CreateCommandOption {
    crate::lang::option(CommandOptionType::String, "channel", "opt-login", &[]).required(true)
}

/// The required Discord text channel option of `/notify` and `/bridge`.
pub(super) fn text_channel_option(description_id: &str) -> CreateCommandOption {
    crate::lang::option(CommandOptionType::Channel, "discord-channel", description_id, &[])
        .required(true)
        .channel_types(vec![ChannelType::Text, ChannelType::News])
}

/// The subcommand `cmd` names (empty when the command has none) and the options given to it.
pub(super) fn subcommand(cmd: &CommandInteraction) -> (&str, &[CommandDataOption]) {
    match cmd.data.options.first() {
        Some(CommandDataOption { name, value: CommandDataOptionValue::SubCommand(o), .. }) => (name, o),
        _ => ("", &cmd.data.options),
    }
}

pub(super) fn opt<'a>(opts: &'a [CommandDataOption], name: &str) -> Option<&'a CommandDataOptionValue> {
    opts.iter().find(|o| o.name == name).map(|o| &o.value)
}

/// A string option as a login: trimmed, without a leading `@`, lowercase.
pub(super) fn opt_str(opts: &[CommandDataOption], name: &str) -> Option<String> {
    match opt(opts, name) {
        Some(CommandDataOptionValue::String(s)) => Some(s.trim().trim_start_matches('@').to_lowercase()),
        _ => None,
    }
}

/// A channel option's id.
fn opt_channel(opts: &[CommandDataOption], name: &str) -> Option<u64> {
    match opt(opts, name) {
        Some(CommandDataOptionValue::Channel(c)) => Some(c.get()),
        _ => None,
    }
}

/// A role option's id.
pub(super) fn opt_role(opts: &[CommandDataOption], name: &str) -> Option<u64> {
    match opt(opts, name) {
        Some(CommandDataOptionValue::Role(r)) => Some(r.get()),
        _ => None,
    }
}

/// The `channel` option as a valid AeThex login, or the reason it is not one.
pub(super) fn login_arg(opts: &[CommandDataOption]) -> Result<String, String> {
    Ok(check_login(&opt_str(opts, "channel").unwrap_or_default())?.to_string())
}

/// The `discord-channel` option, or what to pick.
pub(super) fn discord_channel_arg(opts: &[CommandDataOption]) -> Result<u64, String> {
    opt_channel(opts, "discord-channel").ok_or_else(|| say("pick-channel", &[]))
}

/// A valid AeThex login, or the reason it is not one.
pub(super) fn check_login(login: &str) -> Result<&str, String> {
    if login.is_empty() || login.len() > 25 || !login.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(say("not-a-login", &[("login", T(&crate::format::neutralise(login)))]));
    }
    Ok(login)
}

fn is_admin(cmd: &CommandInteraction) -> bool {
    cmd.member.as_ref().and_then(|m| m.permissions).is_some_and(|p| p.administrator() || p.manage_guild())
}

/// The guild an admin command runs in, or `None` once the caller was told
/// they may not. Discord's UI hides these commands from non-managers
/// (`default_member_permissions`), but a guild can override that, so the
/// permission is checked again on every call.
pub(super) async fn admin_guild(bot: &Bot, ctx: &Context, cmd: &CommandInteraction) -> Option<u64> {
    let Some(guild) = cmd.guild_id.map(|g| g.get()).filter(|_| is_admin(cmd)) else {
        reply(ctx, cmd, say("admins-only", &[]), true).await;
        return None;
    };
    // Whoever sets the bot up hears about the problems only an admin can fix (see `report`).
    if let Err(e) = bot.store.set_admin(guild, cmd.user.id.get(), crate::lang::current().tag(), crate::now_ms()).await {
        tracing::error!(error = %e, "database");
    }
    Some(guild)
}

/// Answer `cmd`, only to the caller when `ephemeral`.
pub(super) async fn reply(ctx: &Context, cmd: &CommandInteraction, text: String, ephemeral: bool) {
    let msg = CreateInteractionResponseMessage::new()
        .content(crate::format::cap(&text, crate::format::limits::CONTENT))
        .ephemeral(ephemeral)
        .allowed_mentions(no_pings());
    if let Err(e) = cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg)).await {
        tracing::warn!(error = %e, command = %cmd.data.name, "could not answer an interaction");
    }
}

/// The answer to a subcommand this bot does not have.
pub(super) fn unknown(cmd: &CommandInteraction) -> Answer {
    Err(say("unknown-command", &[("name", T(&cmd.data.name))]))
}

/// Answer `cmd` with `answer`; a refusal is always only for the caller.
pub(super) async fn answer(ctx: &Context, cmd: &CommandInteraction, answer: Answer, ephemeral: bool) {
    match answer {
        Ok(text) => reply(ctx, cmd, text, ephemeral).await,
        Err(e) => reply(ctx, cmd, e, true).await,
    }
}

/// A database error, logged, as the member sees it.
pub(super) fn db(e: sqlx::Error) -> String {
    tracing::error!(error = %e, "database");
    say("went-wrong", &[])
}

/// The "no such AeThex channel" or "AeThex is down" answer for an API error about `login`.
pub(super) fn channel_error(login: &str, e: aethex_sdk::Error, retry: bool) -> String {
    match e {
        aethex_sdk::Error::NotFound { .. } => say("no-such-channel", &[("login", T(login))]),
        other => say(if retry { "aethex-down-retry" } else { "aethex-down" }, &[("error", T(&other.to_string()))]),
    }
}
