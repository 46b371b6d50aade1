//! `!giveaway start [keyword] | enter | draw`: moderators open and draw,
//! anyone enters (also by typing the keyword, see [`Bot::on_line`]). The
//! giveaway itself is [`crate::loyalty::Giveaway`], in memory only.

use super::Call;
use crate::bot::Bot;
use crate::lang::Arg::{N, T};
use crate::vars::Services;

/// `!giveaway ...`: every word answered, with a usage line fitting the caller.
pub(super) fn giveaway(bot: &mut Bot, c: &Call<'_>) -> String {
    let (who, r) = (c.who.as_str(), bot.s.replies);
    let me = [("who", T(who))];
    let mut w = c.rest.split_whitespace();
    match (w.next().map(str::to_lowercase).as_deref(), c.is_mod) {
        (Some("start"), true) => {
            let kw = w.next();
            bot.giveaway.start(kw);
            match kw {
                Some(k) => r.say("giveaway-started-keyword", &[("keyword", T(k))]),
                None => r.say("giveaway-started", &[]),
            }
        }
        (Some("draw"), true) => {
            let services = bot.services.clone();
            let n = bot.giveaway.entrants();
            match bot.giveaway.draw(|n| services.random(n)) {
                Some(w) => r.say("giveaway-winner", &[("winner", T(&w)), ("count", N(n as i64))]),
                None => r.say("giveaway-nobody", &[]),
            }
        }
        (Some("enter"), _) => match bot.giveaway.enter(c.login) {
            Ok(true) => r.say("giveaway-entered", &me),
            Ok(false) => r.say("giveaway-already", &me),
            Err(id) => r.say(id, &me),
        },
        _ if c.is_mod => r.say("giveaway-usage-mod", &me),
        _ => r.say("giveaway-usage", &me),
    }
}

#[cfg(test)]
mod tests {
    use crate::bot::tests::{bot, by_mod, line, said};

    #[tokio::test]
    async fn giveaways_answer_each_word_for_the_caller() {
        let (mut b, _) = bot().await;
        assert_eq!(
            said(&b.on_line(line("viewer", "", "!giveaway enter")).await),
            ["@viewer -> there is no giveaway running."]
        );
        assert_eq!(
            said(&b.on_line(line("viewer", "", "!giveaway start")).await),
            ["@viewer -> usage: !giveaway enter"]
        );
        assert_eq!(
            said(&b.on_line(by_mod("!giveaway")).await),
            ["@mod -> usage: !giveaway start [keyword] | enter | draw"]
        );
        assert_eq!(
            said(&b.on_line(by_mod("!giveaway start")).await),
            ["A giveaway has started! Type !giveaway enter to join."]
        );
        assert_eq!(said(&b.on_line(line("viewer", "", "!giveaway ENTER")).await), ["@viewer -> you're in!"]);
        assert_eq!(said(&b.on_line(line("viewer", "", "!giveaway enter")).await), ["@viewer -> you're already in."]);
        assert_eq!(
            said(&b.on_line(by_mod("!giveaway draw")).await),
            ["The winner is @viewer (out of 1)! Congratulations!"]
        );
    }
}
