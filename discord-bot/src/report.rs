//! Telling a guild's admin about problems only they can fix (the bot lacks a
//! permission in a channel, a role sits above the bot's, a role was deleted):
//! a direct message to whoever last set the bot up there with `/notify`,
//! `/roles` or `/bridge`, at most once per problem every six hours, so a
//! broken channel does not turn into a DM per stream. Everything is also logged.

use serenity::all::{CreateMessage, UserId};

use crate::bot::{no_pings, Bot};
use crate::lang::{Arg, Lang};

/// How long one problem stays quiet after it was reported.
pub const QUIET_MS: i64 = 6 * 3_600_000;

/// Report `problem` (a stable key, e.g. `announce:<channel>`) in `guild`
/// with message `id` and `args`, in the admin's language.
pub async fn to_admin(bot: &Bot, guild: u64, problem: &str, id: &str, args: &[(&str, Arg<'_>)]) {
    let (admin, language) = match bot.store.admin(guild).await {
        Ok(Some(a)) => a,
        Ok(None) => return tracing::debug!(guild, problem, "no admin on record to tell"),
        Err(e) => return tracing::error!(error = %e, "database"),
    };
    match bot.store.claim_report(guild, problem, crate::now_ms(), QUIET_MS).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => return tracing::error!(error = %e, "database"),
    }
    let user = UserId::new(admin.max(1));
    let dm = match user.create_dm_channel(&bot.http).await {
        Ok(c) => c,
        Err(e) => return tracing::warn!(error = %e, guild, admin, "could not open a DM to the admin"),
    };
    let text = Lang::named(&language).unwrap_or_else(Lang::english).say(id, args);
    let text = crate::format::cap(&text, crate::format::limits::CONTENT);
    if let Err(e) = dm.id.send_message(&bot.http, CreateMessage::new().content(text).allowed_mentions(no_pings())).await
    {
        tracing::warn!(error = %e, guild, admin, "could not DM the admin (DMs closed?)");
    }
}
