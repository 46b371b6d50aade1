//! Moderators' built-ins that change whom the bot spares: `!permit` (one link
//! past the link filter) and `!regulars` (the `regular` userlevel).

use super::{login_arg, Call};
use crate::bot::Bot;
use crate::store::StoreError;

/// `!permit <user>`: one link in the next 60 seconds.
pub(super) fn permit(bot: &mut Bot, c: &Call<'_>) -> String {
    match c.rest.split_whitespace().next().map(login_arg) {
        Some(u) => {
            bot.filter_state.permit(&u, c.now);
            format!("@{u} -> you may post one link in the next 60 seconds.")
        }
        None => format!("@{} -> usage: !permit <user>", c.who),
    }
}

/// `!regulars add|remove <user>`: saved, and in effect at once.
pub(super) async fn regulars(bot: &mut Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let who = &c.who;
    let mut w = c.rest.split_whitespace();
    Ok(match (w.next(), w.next().map(login_arg)) {
        (Some("add"), Some(u)) => {
            bot.store.set_regular(&bot.s.channel, &u, true).await?;
            bot.regulars.insert(u.clone());
            format!("@{who} -> {u} is now a regular.")
        }
        (Some("remove" | "delete"), Some(u)) => {
            bot.store.set_regular(&bot.s.channel, &u, false).await?;
            bot.regulars.remove(&u);
            format!("@{who} -> {u} is no longer a regular.")
        }
        _ => format!("@{who} -> usage: !regulars add|remove <user>"),
    })
}

