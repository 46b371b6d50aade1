//! Song requests: `!sr` (`!songrequest`), `!queue`, `!song`, `!skip`
//! (moderators) and `!wrongsong`. Links are normalised by [`crate::songs`];
//! the queue lives in the store, where the HTTP API also reads and advances it.

use super::Call;
use crate::bot::Bot;
use crate::store::StoreError;

/// `!sr <link or words>`: queued unless the caller's level, the queue's
/// size, the caller's share of it (moderators exempt) or a duplicate says no.
pub(super) async fn request(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let (who, ch, songs) = (&c.who, &bot.s.channel, &bot.s.songs);
    if c.level < songs.level {
        return Ok(format!("@{who} -> song requests are for {}s and up.", songs.level.name()));
    }
    let req = match crate::songs::parse(c.rest) {
        Ok(req) => req,
        Err(e) => return Ok(format!("@{who} -> {e}")),
    };
    let (waiting, mine, dup) = bot.store.queue_stats(ch, c.login, req.url.as_deref()).await?;
    Ok(if waiting >= songs.max_queue {
        format!("@{who} -> the queue is full ({} songs).", songs.max_queue)
    } else if mine >= songs.max_per_user && !c.is_mod {
        format!("@{who} -> you already have {mine} songs in the queue.")
    } else if dup {
        format!("@{who} -> that song is already in the queue.")
    } else {
        bot.store.enqueue(ch, c.login, &req.title, req.url.as_deref(), c.now).await?;
        format!("@{who} -> \"{}\" was added to the queue at #{}.", req.title, waiting + 1)
    })
}

/// `!queue` (`!songs`, `!songlist`): the length and the next five.
pub(super) async fn queue(bot: &Bot) -> Result<String, StoreError> {
    let q = bot.store.queue(&bot.s.channel).await?;
    if q.is_empty() {
        return Ok("The song queue is empty.".into());
    }
    let list: Vec<String> =
        q.iter().take(5).enumerate().map(|(i, s)| format!("{}. {} ({})", i + 1, s.title, s.requested_by)).collect();
    Ok(format!("{} songs: {}", q.len(), list.join(" | ")))
}

/// `!song` (`!currentsong`): what is playing, with its link.
pub(super) async fn current(bot: &Bot) -> Result<String, StoreError> {
    Ok(match bot.store.queue(&bot.s.channel).await?.into_iter().find(|s| s.state == "playing") {
        Some(s) => format!(
            "Now playing: {} (requested by {}){}",
            s.title,
            s.requested_by,
            s.url.map(|u| format!(" {u}")).unwrap_or_default()
        ),
        None => "Nothing is playing.".into(),
    })
}

/// `!skip`: the next song plays.
pub(super) async fn skip(bot: &Bot) -> Result<String, StoreError> {
    Ok(match bot.store.advance(&bot.s.channel).await? {
        Some(s) => format!("Skipped. Now playing: {}", s.title),
        None => "Skipped. The queue is empty.".into(),
    })
}

/// `!wrongsong`: the caller's latest waiting request leaves the queue.
pub(super) async fn wrong_song(bot: &Bot, c: &Call<'_>) -> Result<String, StoreError> {
    let ch = &bot.s.channel;
    let queue = bot.store.queue(ch).await?;
    Ok(match queue.into_iter().rev().find(|s| s.state == "queued" && s.requested_by == c.login) {
        Some(s) => {
            bot.store.remove_song(ch, s.id).await?;
            format!("@{} -> removed \"{}\" from the queue.", c.who, s.title)
        }
        None => format!("@{} -> you have no songs waiting in the queue.", c.who),
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
