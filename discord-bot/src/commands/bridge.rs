//! `/bridge set|off`: which Discord channel mirrors which AeThex chat room (one
//! bridge per guild). Every change wakes the relay, which restarts its bridges.

use serenity::all::{CommandDataOption, CommandInteraction, CommandOptionType, Context, CreateCommand};

use super::common::{
    admin_command, admin_guild, answer, db, discord_channel_arg, login_arg, login_option, subcommand,
    text_channel_option, unknown, Answer,
};
use crate::bot::Bot;
use crate::lang::{option, say, Arg::T};
use crate::store::Bridge;

/// What Discord shows for `/bridge`.
pub(super) fn definition() -> CreateCommand {
    admin_command("cmd-bridge-name", "cmd-bridge")
        .add_option(
            option(CommandOptionType::SubCommand, "set", "cmd-bridge-set", &[])
                .add_sub_option(login_option())
                .add_sub_option(text_channel_option("opt-discord-channel")),
        )
        .add_option(option(CommandOptionType::SubCommand, "off", "cmd-bridge-off", &[]))
}

/// Run `/bridge` (admins only).
pub(super) async fn run(bot: &Bot, ctx: &Context, cmd: &CommandInteraction) {
    let Some(guild) = admin_guild(bot, ctx, cmd).await else { return };
    let (sub, opts) = subcommand(cmd);
    let result = match sub {
        "set" => set(bot, guild, opts).await,
        "off" => off(bot, guild).await,
        _ => unknown(cmd),
    };
    answer(ctx, cmd, result, true).await;
}

/// Replace the guild's bridge with one between a Discord channel and an AeThex room.
async fn set(bot: &Bot, guild: u64, opts: &[CommandDataOption]) -> Answer {
    let login = login_arg(opts)?;
    let channel_id = discord_channel_arg(opts)?;
    bot.store.remove_bridges(guild).await.map_err(db)?;
    bot.store
        .set_bridge(&Bridge { guild_id: guild, discord_channel_id: channel_id, aethex_login: login.clone() })
        .await
        .map_err(db)?;
    bot.bridges_changed.notify_one();
    Ok(say("bridge-set", &[("channel", T(&channel_id.to_string())), ("login", T(&login))]))
}

/// Remove the guild's bridge.
async fn off(bot: &Bot, guild: u64) -> Answer {
    let n = bot.store.remove_bridges(guild).await.map_err(db)?;
    bot.bridges_changed.notify_one();
    Ok(say(if n > 0 { "bridge-off" } else { "bridge-none" }, &[]))
}
