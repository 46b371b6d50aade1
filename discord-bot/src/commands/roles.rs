//! `/roles`: which Discord roles linked subscribers of the creator's channel
//! get (one for every subscriber, one extra per tier; none given turns them
//! off). The guild's members are brought up to date right away.

use serenity::all::{CommandDataOption, CommandInteraction, CommandOptionType, Context, CreateCommand};

use super::common::{admin_command, admin_guild, answer, db, opt_role, subcommand, Answer};
use crate::bot::Bot;
use crate::lang::{say, Arg::T};
use crate::roles::RoleConfig;

/// What Discord shows for `/roles`.
pub(super) fn definition() -> CreateCommand {
    let role = |name: &str, desc: &str, tier: i64| {
        crate::lang::option(CommandOptionType::Role, name, desc, &[("tier", crate::lang::Arg::N(tier))]).required(false)
    };
    admin_command("cmd-roles-name", "cmd-roles")
        .add_option(role("subscriber", "opt-subscriber", 0))
        .add_option(role("tier1", "opt-tier", 1))
        .add_option(role("tier2", "opt-tier", 2))
        .add_option(role("tier3", "opt-tier", 3))
}

/// Run `/roles` (admins only).
pub(super) async fn run(bot: &Bot, ctx: &Context, cmd: &CommandInteraction) {
    let Some(guild) = admin_guild(bot, ctx, cmd).await else { return };
    let (_, opts) = subcommand(cmd);
    answer(ctx, cmd, set(bot, guild, opts).await, true).await;
}

/// Store the guild's role config and apply it to every linked member.
async fn set(bot: &Bot, guild: u64, opts: &[CommandDataOption]) -> Answer {
    let c = RoleConfig {
        subscriber: opt_role(opts, "subscriber"),
        tiers: [opt_role(opts, "tier1"), opt_role(opts, "tier2"), opt_role(opts, "tier3")],
    };
    bot.store.set_roles(guild, &c).await.map_err(db)?;
    crate::members::sync_guild(bot, guild, &c).await;
    Ok(if c.managed().is_empty() { say("roles-off", &[]) } else { say("roles-set", &[("login", T(&bot.owner))]) })
}
