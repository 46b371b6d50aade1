//! `!quote [n] | add <text> | delete <n>`: anyone reads, moderators change.
//! Parsing is [`crate::loyalty::parse_quote`]; the quotes live in the store.

use super::Call;
use crate::bot::Bot;
use crate::lang::Arg::{N, T};
use crate::loyalty::{parse_quote, QuoteCmd};
use crate::store::StoreError;
use crate::vars::Services;

/// `!quote ...` (`!quotes`).
pub(super) async fn quote(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let (ch, r) = (&bot.s.channel, bot.s.replies);
    let number = |n: i64| [("number", N(n))];
    Ok(match parse_quote(c.rest) {
        Ok(QuoteCmd::Add(t)) if c.is_mod => {
            let n = bot.store.add_quote(ch, &t, c.login, c.now).await?;
            r.say("quote-added", &number(n))
        }
        Ok(QuoteCmd::Delete(n)) if c.is_mod => {
            if bot.store.delete_quote(ch, n).await? {
                r.say("quote-deleted", &number(n))
            } else {
                r.say("quote-missing", &number(n))
            }
        }
        Ok(QuoteCmd::Add(_) | QuoteCmd::Delete(_)) => r.say("quote-mods-only", &[("who", T(&c.who))]),
        Ok(QuoteCmd::Number(n)) => match bot.store.quote(ch, n).await? {
            Some(t) => format!("#{n}: {t}"),
            None => r.say("quote-missing", &number(n)),
        },
        Ok(QuoteCmd::Random) => random(bot).await?,
        Err(id) => r.say(id, &[("who", T(&c.who))]),
    })
}

/// A random quote, or how to add the first one.
async fn random(bot: &Bot) -> Result<String, StoreError> {
    let ch = &bot.s.channel;
    let all = bot.store.quote_numbers(ch).await?;
    if all.is_empty() {
        return Ok(bot.s.replies.say("quote-none", &[]));
    }
    let n = all[bot.services.random(all.len())];
    Ok(format!("#{n}: {}", bot.store.quote(ch, n).await?.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use crate::bot::tests::{bot, by_mod, line, said};

    #[tokio::test]
    async fn quotes_are_read_by_number_and_deleted_by_moderators() {
        let (mut b, _) = bot().await;
        assert!(said(&b.on_line(line("viewer", "", "!quote")).await)[0].starts_with("There are no quotes yet"));
        b.on_line(by_mod("!quote add first")).await;
        assert_eq!(said(&b.on_line(by_mod("!quotes add second")).await), ["Quote #2 added."]);
        assert_eq!(said(&b.on_line(line("viewer", "", "!quote #2")).await), ["#2: second"]);
        assert!(said(&b.on_line(line("viewer", "", "!quote delete 1")).await)[0].contains("only moderators"));
        assert_eq!(said(&b.on_line(by_mod("!quote delete 1")).await), ["Quote #1 deleted."]);
        assert_eq!(said(&b.on_line(by_mod("!quote delete 1")).await), ["There is no quote #1."]);
        assert_eq!(said(&b.on_line(line("viewer", "", "!quote 1")).await), ["There is no quote #1."]);
        assert!(said(&b.on_line(line("viewer", "", "!quote what")).await)[0].contains("usage"));
    }
}
