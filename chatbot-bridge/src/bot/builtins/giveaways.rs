//! `!giveaway start [keyword] | enter | draw`: moderators open and draw,
//! anyone enters (also by typing the keyword, see [`Bot::on_line`]). The
//! giveaway itself is [`crate::loyalty::Giveaway`], in memory only.

use super::Call;
use crate::bot::Bot;
use crate::vars::Services;

/// `!giveaway ...`: every word answered, with a usage line fitting the caller.
pub(super) fn giveaway(bot: &mut Bot, c: &Call<'_>) -> String {
    let who = &c.who;
    let mut w = c.rest.split_whitespace();
    match (w.next().map(str::to_lowercase).as_deref(), c.is_mod) {
        (Some("start"), true) => {
            let kw = w.next();
            bot.giveaway.start(kw);
            match kw {
                Some(k) => format!("A giveaway has started! Type {k} or !giveaway enter to join."),
                None => "A giveaway has started! Type !giveaway enter to join.".into(),
            }
        }
        (Some("draw"), true) => {
            let services = bot.services.clone();
            let n = bot.giveaway.entrants();
            match bot.giveaway.draw(|n| services.random(n)) {
                Some(w) => format!("The winner is @{w} (out of {n})! Congratulations!"),
                None => "Nobody entered the giveaway.".into(),
            }
        }
        (Some("enter"), _) => match bot.giveaway.enter(c.login) {
            Ok(true) => format!("@{who} -> you're in!"),
            Ok(false) => format!("@{who} -> you're already in."),
            Err(e) => format!("@{who} -> {e}."),
        },
        _ if c.is_mod => format!("@{who} -> usage: !giveaway start [keyword] | enter | draw"),
        _ => format!("@{who} -> usage: !giveaway enter"),
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
