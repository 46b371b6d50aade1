//! Moderators' built-ins that change whom the bot spares: `!permit` (one link
//! past the link filter) and `!regulars` (the `regular` userlevel).

use super::{login_arg, Call};
use crate::bot::Bot;
use crate::lang::Arg::T;
use crate::store::StoreError;

/// `!permit <user>`: one link in the next 60 seconds.
pub(super) fn permit(bot: &mut Bot, c: &Call<'_>) -> String {
    match c.rest.split_whitespace().next().map(login_arg) {
        Some(u) => {
            bot.filter_state.permit(&u, c.now);
            bot.s.replies.say("permit", &[("user", T(&u))])
        }
        None => bot.s.replies.say("permit-usage", &[("who", T(&c.who))]),
    }
}

/// `!regulars add|remove <user>`: saved, and in effect at once.
pub(super) async fn regulars(bot: &mut Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let (who, r) = (c.who.as_str(), bot.s.replies);
    let mut w = c.rest.split_whitespace();
    Ok(match (w.next(), w.next().map(login_arg)) {
        (Some("add"), Some(u)) => {
            bot.store.set_regular(&bot.s.channel, &u, true).await?;
            bot.regulars.insert(u.clone());
            r.say("regular-added", &[("who", T(who)), ("user", T(&u))])
        }
        (Some("remove" | "delete"), Some(u)) => {
            bot.store.set_regular(&bot.s.channel, &u, false).await?;
            bot.regulars.remove(&u);
            r.say("regular-removed", &[("who", T(who)), ("user", T(&u))])
        }
        _ => r.say("regulars-usage", &[("who", T(who))]),
    })
}

#[cfg(test)]
mod tests {
    use crate::bot::tests::{bot, by_mod, line, said};

    #[tokio::test]
    async fn regulars_take_effect_at_once_and_viewers_cannot_name_them() {
        let (mut b, _) = bot().await;
        b.on_line(by_mod("!addcom !vip -ul=regular welcome back")).await;
        assert!(said(&b.on_line(line("fan", "", "!vip")).await).is_empty(), "not a regular yet");
        assert_eq!(said(&b.on_line(by_mod("!regulars add @Fan")).await), ["@mod -> fan is now a regular."]);
        assert_eq!(said(&b.on_line(line("fan", "", "!vip")).await), ["welcome back"]);
        assert_eq!(b.store.regulars("alice").await.unwrap(), ["fan"], "saved");
        assert_eq!(said(&b.on_line(by_mod("!regular remove fan")).await), ["@mod -> fan is no longer a regular."]);
        assert!(b.store.regulars("alice").await.unwrap().is_empty());
        assert_eq!(said(&b.on_line(by_mod("!regulars")).await), ["@mod -> usage: !regulars add|remove <user>"]);
        assert!(said(&b.on_line(line("viewer", "", "!regulars add viewer")).await).is_empty(), "viewers: silence");
        assert!(b.store.regulars("alice").await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn permit_names_someone_and_is_for_moderators() {
        let (mut b, _) = bot().await;
        assert_eq!(said(&b.on_line(by_mod("!permit")).await), ["@mod -> usage: !permit <user>"]);
        assert!(said(&b.on_line(line("viewer", "", "!permit viewer")).await).is_empty());
        let r = b.on_line(line("viewer", "", "https://x.example.com")).await;
        assert!(matches!(r.first(), Some(crate::bot::Action::Delete(_))), "a viewer cannot permit themselves: {r:?}");
    }
}
