//! Loyalty points: `!points [user]`, `!give <user> <amount>`, `!leaderboard`.
//! Balances live in the store; awards come from [`Bot::on_watch`] and the
//! bonuses, not from here.

use super::{login_arg, Call};
use crate::bot::Bot;
use crate::lang::Arg::{N, T};
use crate::store::StoreError;

/// What `count` points are called: the configured name, else the channel
/// language's word in the form that goes with `count`.
fn unit(bot: &Bot, count: i64) -> String {
    bot.s.points.name.clone().unwrap_or_else(|| bot.s.replies.say("points-unit", &[("count", N(count))]))
}

/// `!points [user]`: a balance and the time watched (the caller's by default).
pub(super) async fn balance(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let target = c.rest.split_whitespace().next().map(login_arg).unwrap_or_else(|| c.login.to_string());
    let (p, minutes) = bot.store.points(&bot.s.channel, &target).await?;
    let r = bot.s.replies;
    let watched = r.span(minutes * 60_000);
    Ok(r.say(
        "points-balance",
        &[("user", T(&target)), ("points", N(p)), ("name", T(&unit(bot, p))), ("watched", T(&watched))],
    ))
}

/// `!give <user> <amount>`: a transfer of a positive amount to someone else,
/// refused when the caller has too little.
pub(super) async fn give(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let (who, r) = (c.who.as_str(), bot.s.replies);
    let mut w = c.rest.split_whitespace();
    let to = w.next().map(login_arg);
    let amount = w.next().and_then(|a| a.parse::<i64>().ok());
    Ok(match (to, amount) {
        (Some(to), Some(n)) if n > 0 && to != c.login => {
            let name = unit(bot, n);
            let args = [("who", T(who)), ("amount", N(n)), ("name", T(&name)), ("to", T(&to))];
            if bot.store.transfer(&bot.s.channel, c.login, &to, n).await? {
                r.say("points-gave", &args)
            } else {
                r.say("points-too-few", &args)
            }
        }
        _ => r.say("points-give-usage", &[("who", T(who))]),
    })
}

/// `!leaderboard` (`!top`): the five richest chatters.
pub(super) async fn leaderboard(bot: &Bot) -> Result<String, StoreError> {
    // "Top points", "Nobody has any points": the form for a few (a plural
    // noun in every language; Arabic's form for 100 is singular, for 5 plural).
    let (name, r) = (unit(bot, 5), bot.s.replies);
    let top = bot.store.leaderboard(&bot.s.channel, 5).await?;
    if top.is_empty() {
        return Ok(r.say("points-nobody", &[("name", T(&name))]));
    }
    let list: Vec<String> = top.iter().enumerate().map(|(i, (u, p))| format!("{}. {u} ({p})", i + 1)).collect();
    Ok(r.say("points-top", &[("name", T(&name)), ("list", T(&list.join(", ")))]))
}

#[cfg(test)]
mod tests {
    use crate::bot::tests::{bot, line, said};

    #[tokio::test]
    async fn points_name_anyone_and_nobody_gives_to_themselves() {
        let (mut b, _) = bot().await;
        assert_eq!(said(&b.on_line(line("x", "", "!top")).await), ["Nobody has any points yet."]);
        b.on_watch(&["fan".into()], 3).await;
        assert_eq!(
            said(&b.on_line(line("viewer", "", "!points @Fan")).await),
            ["fan has 3 points and has watched for 3 minutes."]
        );
        assert!(said(&b.on_line(line("fan", "", "!give fan 1")).await)[0].contains("usage"));
        assert!(said(&b.on_line(line("fan", "", "!give viewer lots")).await)[0].contains("usage"));
        assert_eq!(said(&b.on_line(line("fan", "", "!give @Viewer 2")).await), ["@fan gave 2 points to viewer."]);
        assert_eq!(said(&b.on_line(line("x", "", "!leaderboard")).await), ["Top points: 1. viewer (2), 2. fan (1)"]);
    }
}
