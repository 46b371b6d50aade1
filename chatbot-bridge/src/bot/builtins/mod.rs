//! The built-in commands, one file per family. [`builtin`] is the table of
//! which command goes to which handler and who may use it; a command whose
//! gate is closed (a viewer's `!permit`, `!sr` with song requests off) is
//! not answered here, so a custom command of the same name still can be.

use super::{Bot, Line};
use crate::store::StoreError;
use crate::userlevel::UserLevel;

mod giveaways;
mod manage;
mod moderation;
mod points;
mod quotes;
mod songs;

/// One built-in command as a handler sees it.
struct Call<'a> {
    /// The caller's login.
    login: &'a str,
    /// How replies address the caller: the display name, else the login.
    who: String,
    /// The caller's userlevel.
    level: UserLevel,
    /// Whether the caller is a moderator or the owner.
    is_mod: bool,
    /// The arguments after the command word, trimmed.
    rest: &'a str,
    /// The time of the line, Unix ms.
    now: i64,
}

/// The built-in commands; `Ok(None)` when `text` is not one (or not one the
/// caller may use), so custom commands get their turn.
pub(super) async fn builtin(
    bot: &mut Bot,
    l: &Line,
    level: UserLevel,
    text: &str,
    now: i64,
) -> Result<Option<String>, StoreError> {
    let (cmd, rest) = text.split_once(char::is_whitespace).map(|(a, b)| (a, b.trim())).unwrap_or((text, ""));
    let who = if l.display.is_empty() { l.login.clone() } else { l.display.clone() };
    let c = Call { login: &l.login, who, level, is_mod: level >= UserLevel::Moderator, rest, now };
    if let Some(parsed) = crate::manage::parse(text) {
        return manage::manage(bot, &c, parsed).await;
    }
    let (points_on, songs_on) = (bot.s.points.enabled, bot.s.songs.enabled);
    let reply = match cmd.to_lowercase().as_str() {
        "!permit" if c.is_mod => moderation::permit(bot, &c),
        "!regulars" | "!regular" if c.is_mod => moderation::regulars(bot, &c).await?,
        "!points" if points_on => points::balance(bot, &c).await?,
        "!give" if points_on => points::give(bot, &c).await?,
        "!leaderboard" | "!top" if points_on => points::leaderboard(bot).await?,
        "!giveaway" => giveaways::giveaway(bot, &c),
        "!quote" | "!quotes" => quotes::quote(bot, &c).await?,
        "!sr" | "!songrequest" if songs_on => songs::request(bot, &c).await?,
        "!queue" | "!songs" | "!songlist" if songs_on => songs::queue(bot).await?,
        "!song" | "!currentsong" if songs_on => songs::current(bot).await?,
        "!skip" if songs_on && c.is_mod => songs::skip(bot).await?,
        "!wrongsong" if songs_on => songs::wrong_song(bot, &c).await?,
        _ => return Ok(None),
    };
    Ok(Some(reply))
}

/// A login named in chat (`@Bob`, `bob`), as the store keeps logins.
fn login_arg(word: &str) -> String {
    word.trim_start_matches('@').to_lowercase()
}
