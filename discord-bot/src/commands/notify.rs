//! `/notify add|remove|list`: which AeThex channels are announced where in a
//! guild. Every change wakes the announcer, so it follows the new set at once.

use serenity::all::{CommandDataOption, CommandInteraction, CommandOptionType, Context, CreateCommand};

use super::common::{
    admin_command, admin_guild, answer, channel_error, db, discord_channel_arg, login_arg, login_option, opt, opt_role,
    opt_str, subcommand, text_channel_option, unknown, Answer,
};
use crate::bot::Bot;
use crate::lang::{option, say, Arg::T, Lang, NAMES};
use crate::store::Target;

/// What Discord shows for `/notify`.
pub(super) fn definition() -> CreateCommand {
    admin_command("cmd-notify-name", "cmd-notify")
        .add_option(
            option(CommandOptionType::SubCommand, "add", "cmd-notify-add", &[])
                .add_sub_option(login_option())
                .add_sub_option(text_channel_option("opt-where"))
                .add_sub_option(option(CommandOptionType::Role, "role", "opt-role", &[]).required(false))
                .add_sub_option(language_option())
                .add_sub_option(option(CommandOptionType::Boolean, "summary", "opt-summary", &[]).required(false)),
        )
        .add_option(
            option(CommandOptionType::SubCommand, "remove", "cmd-notify-remove", &[])
                .add_sub_option(login_option())
                .add_sub_option(text_channel_option("opt-announcement-channel")),
        )
        .add_option(option(CommandOptionType::SubCommand, "list", "cmd-notify-list", &[]))
}

/// `/notify add`'s `language`: every language the bot speaks, named in itself.
fn language_option() -> serenity::all::CreateCommandOption {
    NAMES
        .iter()
        .fold(option(CommandOptionType::String, "language", "opt-language", &[]).required(false), |o, (tag, name)| {
            o.add_string_choice(*name, *tag)
        })
}

/// Run `/notify` (admins only).
pub(super) async fn run(bot: &Bot, ctx: &Context, cmd: &CommandInteraction) {
    let Some(guild) = admin_guild(bot, ctx, cmd).await else { return };
    let (sub, opts) = subcommand(cmd);
    let result = match sub {
        "add" => add(bot, guild, opts, cmd.guild_locale.as_deref()).await,
        "remove" => remove(bot, guild, opts).await,
        "list" => list(bot, guild).await,
        _ => unknown(cmd),
    };
    answer(ctx, cmd, result, true).await;
}

/// Announce an existing AeThex channel in a Discord channel, optionally
/// pinging a role, in the chosen language, else the server's preferred one
/// (Discord's `guild_locale`), else English.
async fn add(bot: &Bot, guild: u64, opts: &[CommandDataOption], guild_locale: Option<&str>) -> Answer {
    let login = login_arg(opts)?;
    let channel_id = discord_channel_arg(opts)?;
    let language = match opt(opts, "language") {
        Some(serenity::all::CommandDataOptionValue::String(tag)) => {
            Lang::named(tag).ok_or_else(|| say("no-such-language", &[("language", T(tag))]))?
        }
        _ => Lang::of(guild_locale.unwrap_or("en")),
    };
    let summary = matches!(opt(opts, "summary"), Some(serenity::all::CommandDataOptionValue::Boolean(true)));
    // A stream summary is its creator's analytics: the bot reads it with the
    // token it runs on, so only that creator's summaries can be posted.
    if summary && !login.eq_ignore_ascii_case(&bot.owner) {
        return Err(say("notify-summary-owner", &[("owner", T(&bot.owner))]));
    }
    bot.api.channel(&login).await.map_err(|e| channel_error(&login, e, true))?;
    let t = Target {
        guild_id: guild,
        login: login.clone(),
        channel_id,
        ping_role: opt_role(opts, "role"),
        language: language.tag().to_string(),
        summary,
    };
    let added = bot.store.add_target(&t).await.map_err(db)?;
    bot.targets_changed.notify_one();
    let channel = channel_id.to_string();
    let args = [("login", T(&login)), ("channel", T(&channel))];
    let said = say(if added { "notify-added" } else { "notify-updated" }, &args);
    let also = if summary { format!(" {}", say("notify-summary-on", &[])) } else { String::new() };
    Ok(format!("{said} ({}){also}", language.name()))
}

/// Stop announcing an AeThex channel in a Discord channel.
async fn remove(bot: &Bot, guild: u64, opts: &[CommandDataOption]) -> Answer {
    let login = opt_str(opts, "channel").unwrap_or_default();
    let channel_id = discord_channel_arg(opts)?;
    let removed = bot.store.remove_target(guild, &login, channel_id).await.map_err(db)?;
    bot.targets_changed.notify_one();
    let channel = channel_id.to_string();
    let args = [("login", T(&login)), ("channel", T(&channel))];
    Ok(say(if removed { "notify-removed" } else { "notify-missing" }, &args))
}

/// The guild's announcements, one line each.
async fn list(bot: &Bot, guild: u64) -> Answer {
    let ts = bot.store.targets(Some(guild), None).await.map_err(db)?;
    if ts.is_empty() {
        return Ok(say("notify-none", &[("command", T(&bot.mention("notify add")))]));
    }
    let lines: Vec<String> = ts
        .iter()
        .map(|t| {
            let language = Lang::named(&t.language).unwrap_or_else(Lang::english).name();
            let mut line = format!("**{}** → <#{}> · {language}", t.login, t.channel_id);
            if let Some(r) = t.ping_role {
                line = format!("{line} {}", say("notify-pings", &[("role", T(&r.to_string()))]));
            }
            if t.summary {
                line = format!("{line} {}", say("notify-list-summary", &[]));
            }
            line
        })
        .collect();
    Ok(lines.join("\n"))
}
