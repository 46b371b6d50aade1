//! Song requests: `!sr` (`!songrequest`), `!queue`, `!song`, `!skip`
//! (moderators) and `!wrongsong`. Links are normalised by [`crate::songs`];
//! the queue lives in the store, where the HTTP API also reads and advances it.

use super::Call;
use crate::bot::Bot;
use crate::lang::Arg::{N, T};
use crate::store::StoreError;

/// `!sr <link or words>`: queued unless the caller's level, the queue's
/// size, the caller's share of it (moderators exempt) or a duplicate says no.
pub(super) async fn request(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let (who, ch, songs, r) = (c.who.as_str(), &bot.s.channel, &bot.s.songs, bot.s.replies);
    if c.level < songs.level {
        return Ok(r.say("songs-level", &[("who", T(who)), ("level", T(songs.level.name()))]));
    }
    let req = match crate::songs::parse(c.rest) {
        Ok(req) => req,
        Err(id) => return Ok(r.say(id, &[("who", T(who))])),
    };
    let (waiting, mine, dup) = bot.store.queue_stats(ch, c.login, req.url.as_deref()).await?;
    Ok(if waiting >= songs.max_queue {
        r.say("songs-full", &[("who", T(who)), ("count", N(songs.max_queue as i64))])
    } else if mine >= songs.max_per_user && !c.is_mod {
        r.say("songs-yours-full", &[("who", T(who)), ("count", N(mine as i64))])
    } else if dup {
        r.say("songs-duplicate", &[("who", T(who))])
    } else {
        bot.store.enqueue(ch, c.login, &req.title, req.url.as_deref(), c.now).await?;
        r.say("songs-added", &[("who", T(who)), ("title", T(&req.title)), ("position", N(waiting as i64 + 1))])
    })
}

/// `!queue` (`!songs`, `!songlist`): the length and the next five.
pub(super) async fn queue(bot: &Bot) -> Result<String, StoreError> {
    let q = bot.store.queue(&bot.s.channel).await?;
    if q.is_empty() {
        return Ok(bot.s.replies.say("songs-empty", &[]));
    }
    let list: Vec<String> =
        q.iter().take(5).enumerate().map(|(i, s)| format!("{}. {} ({})", i + 1, s.title, s.requested_by)).collect();
    Ok(bot.s.replies.say("songs-list", &[("count", N(q.len() as i64)), ("list", T(&list.join(" | ")))]))
}

/// `!song` (`!currentsong`): what is playing, with its link.
pub(super) async fn current(bot: &Bot) -> Result<String, StoreError> {
    Ok(match bot.store.queue(&bot.s.channel).await?.into_iter().find(|s| s.state == "playing") {
        Some(s) => {
            let now = bot.s.replies.say("songs-now", &[("title", T(&s.title)), ("user", T(&s.requested_by))]);
            format!("{now}{}", s.url.map(|u| format!(" {u}")).unwrap_or_default())
        }
        None => bot.s.replies.say("songs-nothing", &[]),
    })
}

/// `!skip`: the next song plays.
pub(super) async fn skip(bot: &Bot) -> Result<String, StoreError> {
    Ok(match bot.store.advance(&bot.s.channel).await? {
        Some(s) => bot.s.replies.say("songs-skipped", &[("title", T(&s.title))]),
        None => bot.s.replies.say("songs-skipped-empty", &[]),
    })
}

/// `!wrongsong`: the caller's latest waiting request leaves the queue.
pub(super) async fn wrong_song(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let ch = &bot.s.channel;
    let queue = bot.store.queue(ch).await?;
    Ok(match queue.into_iter().rev().find(|s| s.state == "queued" && s.requested_by == c.login) {
        Some(s) => {
            bot.store.remove_song(ch, s.id).await?;
            bot.s.replies.say("songs-removed", &[("who", T(&c.who)), ("title", T(&s.title))])
        }
        None => bot.s.replies.say("songs-none-yours", &[("who", T(&c.who))]),
    })
}

#[cfg(test)]
mod tests {
    use crate::bot::tests::{bot, by_mod, line, said};

    #[tokio::test]
    async fn the_queue_lists_requests_and_only_moderators_skip() {
        let (mut b, _) = bot().await;
        assert_eq!(said(&b.on_line(line("viewer", "", "!queue")).await), ["The song queue is empty."]);
        assert_eq!(said(&b.on_line(line("viewer", "", "!song")).await), ["Nothing is playing."]);
        b.on_line(line("viewer", "", "!sr lofi beats")).await;
        b.on_line(line("fan", "", "!songrequest https://youtu.be/dQw4w9WgXcQ")).await;
        assert_eq!(
            said(&b.on_line(line("x", "", "!songs")).await),
            ["2 songs: 1. lofi beats (viewer) | 2. YouTube dQw4w9WgXcQ (fan)"]
        );
        assert!(said(&b.on_line(line("viewer", "", "!skip")).await).is_empty(), "viewers cannot skip");
        assert_eq!(said(&b.on_line(by_mod("!skip")).await), ["Skipped. Now playing: lofi beats"]);
        assert!(said(&b.on_line(line("viewer", "", "!wrongsong")).await)[0].contains("no songs waiting"));
    }
}
