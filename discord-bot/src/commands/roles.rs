//! `/roles`: which Discord roles linked subscribers of the creator's channel
//! get (one for every subscriber, one extra per tier; none given turns them
//! off). The guild's members are brought up to date right away.

use serenity::all::{
    CommandDataOption, CommandInteraction, CommandOptionType, Context, CreateCommand, CreateCommandOption,
};

use super::common::{admin_command, admin_guild, answer, db, opt_role, subcommand, Answer};
use crate::bot::Bot;
use crate::roles::RoleConfig;

/// What Discord shows for `/roles`.
pub(super) fn definition() -> CreateCommand {
    let role = |name: &str, desc: &str| CreateCommandOption::new(CommandOptionType::Role, name, desc).required(false);
    admin_command("roles", "Subscriber roles for linked members")
        .add_option(role("subscriber", "Every subscriber"))
        .add_option(role("tier1", "Tier 1 extra role"))
        .add_option(role("tier2", "Tier 2 extra role"))
        .add_option(role("tier3", "Tier 3 extra role"))
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
    Ok(if c.managed().is_empty() {
        "Subscriber roles are off.".to_string()
    } else {
        format!("Linked subscribers of **{}** now get their roles.", bot.owner)
    })
}
