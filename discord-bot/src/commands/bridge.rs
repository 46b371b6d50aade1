//! `/bridge set|off`: which Discord channel mirrors which AeThex chat room (one
//! bridge per guild). Every change wakes the relay, which restarts its bridges.

use serenity::all::{
    CommandDataOption, CommandInteraction, CommandOptionType, Context, CreateCommand, CreateCommandOption,
};

use super::common::{
    admin_command, admin_guild, answer, db, discord_channel_arg, login_arg, login_option, subcommand,
    text_channel_option, unknown, Answer,
};
use crate::bot::Bot;
use crate::store::Bridge;

/// What Discord shows for `/bridge`.
pub(super) fn definition() -> CreateCommand {
    admin_command("bridge", "Mirror an AeThex chat room and a Discord channel")
        .add_option(
            CreateCommandOption::new(CommandOptionType::SubCommand, "set", "Bridge a channel")
                .add_sub_option(login_option("AeThex channel login"))
                .add_sub_option(text_channel_option("The Discord channel")),
        )
        .add_option(CreateCommandOption::new(CommandOptionType::SubCommand, "off", "Remove this server's bridge"))
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
    Ok(format!("<#{channel_id}> and **{login}**'s chat now mirror each other."))
}

/// Remove the guild's bridge.
async fn off(bot: &Bot, guild: u64) -> Answer {
    let n = bot.store.remove_bridges(guild).await.map_err(db)?;
    bot.bridges_changed.notify_one();
    Ok(if n > 0 { "The chat bridge is off." } else { "There was no bridge." }.to_string())
}
