//! `!commands add|edit|delete` and `!addcom`/`!editcom`/`!delcom`: the
//! registry decides, the store keeps the result across restarts.

use super::Call;
use crate::bot::Bot;
use crate::lang::Msg;
use crate::manage::Manage;
use crate::store::StoreError;
use crate::userlevel::UserLevel;

/// Answer a parsed (or unparseable) management command.
pub(super) async fn manage(
    bot: &mut Bot,
    c: &Call<'_>,
    parsed: Result<Manage, Msg>,
) -> Result<Option<String>, StoreError> {
    let result = match parsed {
        Ok(m) => apply(bot, m, c.level).await?,
        Err(e) => Err(e),
    };
    // Nightbot answers management only to moderators; viewers get silence.
    Ok(c.is_mod.then(|| match result {
        Ok(r) | Err(r) => format!("@{} -> {}", c.who, bot.s.replies.render(&r)),
    }))
}

/// Apply `m` to the registry; when it is accepted, save it and refresh the
/// responses `$(command)` reads. The inner error is the moderator's mistake.
async fn apply(bot: &mut Bot, m: Manage, level: UserLevel) -> Result<Result<Msg, Msg>, StoreError> {
    let name = m.name.clone();
    let r = bot.registry.manage(m, level);
    if r.is_ok() {
        match bot.registry.get(&name) {
            Some(c) => bot.store.save_command(&bot.s.channel, c).await?,
            None => bot.store.delete_command(&bot.s.channel, &name).await?,
        }
        bot.refresh_responses();
    }
    Ok(r)
}
