//! Loyalty, Streamlabs/StreamElements-style: points for minutes watched (from
//! the chatters list) and bonuses for follows, subscriptions and donations;
//! `!points`, `!give`, `!leaderboard`; giveaways; and the parsing of
//! `!quote`. Balances live in the database; a giveaway is in memory only
//! (it lasts minutes, and a restart should not draw from a stale list).

/// Points settings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PointsSettings {
    /// On or off.
    pub enabled: bool,
    /// What chat calls them; unset, the channel language's word ("points", "puntos").
    pub name: Option<String>,
    /// Points per minute in chat.
    pub per_minute: i64,
    /// Seconds between awards (each award counts the whole interval).
    pub interval_s: u64,
    /// Bonus for following.
    pub follow_bonus: i64,
    /// Bonus per subscription (and resubscription).
    pub sub_bonus: i64,
    /// Bonus per whole currency unit donated.
    pub donation_bonus_per_unit: i64,
}

impl Default for PointsSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            name: None,
            per_minute: 1,
            interval_s: 60,
            follow_bonus: 50,
            sub_bonus: 500,
            donation_bonus_per_unit: 10,
        }
    }
}

impl PointsSettings {
    /// Points for a donation of `cents`.
    pub fn donation_bonus(&self, cents: i64) -> i64 {
        (cents.max(0) / 100).saturating_mul(self.donation_bonus_per_unit)
    }
}

/// Most entrants a giveaway holds.
pub const MAX_ENTRANTS: usize = 10_000;

/// A running giveaway.
#[derive(Debug, Default, Clone)]
pub struct Giveaway {
    open: bool,
    /// The word chatters type to enter (besides `!giveaway enter`).
    pub keyword: Option<String>,
    entrants: Vec<String>,
}

impl Giveaway {
    /// Open a new giveaway, forgetting the last one.
    pub fn start(&mut self, keyword: Option<&str>) {
        *self = Self { open: true, keyword: keyword.map(|k| k.to_lowercase()), entrants: Vec::new() };
    }

    /// Whether entries are taken.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Enter `login`; `Ok(false)` when already in.
    /// A refusal is the id of its reply (`locales/*.ftl`).
    pub fn enter(&mut self, login: &str) -> Result<bool, &'static str> {
        if !self.open {
            return Err("giveaway-closed");
        }
        if self.entrants.iter().any(|e| e == login) {
            return Ok(false);
        }
        if self.entrants.len() >= MAX_ENTRANTS {
            return Err("giveaway-full");
        }
        self.entrants.push(login.to_string());
        Ok(true)
    }

    /// Entrants so far.
    pub fn entrants(&self) -> usize {
        self.entrants.len()
    }

    /// Close entries and draw one winner with `pick(n)` in `0..n`; the winner
    /// leaves the pool, so drawing again re-rolls among the rest.
    pub fn draw(&mut self, pick: impl FnOnce(usize) -> usize) -> Option<String> {
        self.open = false;
        if self.entrants.is_empty() {
            return None;
        }
        let i = pick(self.entrants.len()).min(self.entrants.len() - 1);
        Some(self.entrants.swap_remove(i))
    }
}

/// What `!quote ...` asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteCmd {
    /// `!quote` or `!quote random`.
    Random,
    /// `!quote 12`.
    Number(i64),
    /// `!quote add <text>`.
    Add(String),
    /// `!quote delete 12`.
    Delete(i64),
}

/// Parse the words after `!quote`; a refusal is the id of its reply.
pub fn parse_quote(rest: &str) -> Result<QuoteCmd, &'static str> {
    let rest = rest.trim();
    let (first, tail) = rest.split_once(char::is_whitespace).map(|(a, b)| (a, b.trim())).unwrap_or((rest, ""));
    match first.to_lowercase().as_str() {
        "" | "random" => Ok(QuoteCmd::Random),
        "add" if !tail.is_empty() && tail.chars().count() <= 300 => Ok(QuoteCmd::Add(tail.to_string())),
        "add" => Err("quote-add-usage"),
        "delete" | "del" | "remove" => {
            tail.trim_start_matches('#').parse().map(QuoteCmd::Delete).map_err(|_| "quote-delete-usage")
        }
        n => n.trim_start_matches('#').parse().map(QuoteCmd::Number).map_err(|_| "quote-usage"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn giveaways_take_each_chatter_once_and_draw_fairly() {
        let mut g = Giveaway::default();
        assert!(g.enter("a").is_err(), "nothing running");
        g.start(Some("Pizza"));
        assert_eq!(g.keyword.as_deref(), Some("pizza"));
        assert_eq!(g.enter("a"), Ok(true));
        assert_eq!(g.enter("a"), Ok(false));
        assert_eq!(g.enter("b"), Ok(true));
        assert_eq!(g.entrants(), 2);
        assert_eq!(g.draw(|n| n - 1).as_deref(), Some("b"));
        assert!(!g.is_open() && g.enter("c").is_err(), "closed after the draw");
        assert_eq!(g.draw(|_| 99).as_deref(), Some("a"), "a re-roll picks among the rest, index clamped");
        assert_eq!(g.draw(|_| 0), None);
    }

    #[test]
    fn quote_commands_and_bonuses() {
        assert_eq!(parse_quote(""), Ok(QuoteCmd::Random));
        assert_eq!(parse_quote("#12"), Ok(QuoteCmd::Number(12)));
        assert_eq!(parse_quote("add  she said it "), Ok(QuoteCmd::Add("she said it".into())));
        assert_eq!(parse_quote("delete 3"), Ok(QuoteCmd::Delete(3)));
        assert!(parse_quote("add").is_err());
        assert!(parse_quote("banana").is_err());
        assert!(parse_quote(&format!("add {}", "x".repeat(301))).is_err());
        let p = PointsSettings::default();
        assert_eq!(p.donation_bonus(1_250), 120);
        assert_eq!(p.donation_bonus(-5), 0);
    }
}
