//! Chat bridge rules between a Discord channel and an AeThex chat room:
//! what crosses, how it is written, and what never crosses (the bridge's own
//! messages, so nothing loops; bots; empty text).

use crate::format::{cap, neutralise};

/// AeThex's limit per chat message.
pub const AETHEX_MAX: usize = 500;

/// A Discord message as the bridge sees it.
#[derive(Debug, Clone)]
pub struct DiscordMessage<'a> {
    /// Author's display name.
    pub author: &'a str,
    /// Whether the author is a bot or webhook (the bridge itself included).
    pub author_is_bot: bool,
    /// Text.
    pub content: &'a str,
}

/// An AeThex chat message as the bridge sees it.
#[derive(Debug, Clone)]
pub struct AethexMessage<'a> {
    /// Sender's login.
    pub login: &'a str,
    /// Sender's display name.
    pub name: &'a str,
    /// Text.
    pub text: &'a str,
}

/// The text to send to AeThex for a Discord message, or `None` when it must not cross.
pub fn to_aethex(m: &DiscordMessage<'_>) -> Option<String> {
    if m.author_is_bot {
        return None;
    }
    // AeThex chat is one line of printable text.
    let text: String = m.content.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    let name: String = m.author.chars().filter(|c| !c.is_control()).take(32).collect();
    Some(cap(&format!("[discord] {name}: {text}"), AETHEX_MAX))
}

/// The text to post in Discord for an AeThex message, or `None` when it must
/// not cross (it was sent by the bridge's own AeThex account).
pub fn to_discord(m: &AethexMessage<'_>, bridge_login: &str) -> Option<String> {
    if m.login.eq_ignore_ascii_case(bridge_login) || m.text.trim().is_empty() {
        return None;
    }
    Some(neutralise(&format!("**{}**: {}", m.name.replace('*', ""), m.text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_loops_nothing_pings_everything_fits() {
        let d = DiscordMessage { author: "Zed", author_is_bot: false, content: "hello\nthere  @everyone" };
        assert_eq!(to_aethex(&d).unwrap(), "[discord] Zed: hello there @everyone");
        assert!(to_aethex(&DiscordMessage { author_is_bot: true, ..d.clone() }).is_none());
        assert!(to_aethex(&DiscordMessage { content: " \n ", ..d.clone() }).is_none());
        let long = "x".repeat(900);
        assert_eq!(to_aethex(&DiscordMessage { content: &long, ..d }).unwrap().chars().count(), AETHEX_MAX);

        let a = AethexMessage { login: "bob", name: "Bob", text: "hi @everyone <@&1>" };
        let out = to_discord(&a, "aethexbridge").unwrap();
        assert!(out.starts_with("**Bob**: hi "));
        assert!(!out.contains("@everyone") && !out.contains("<@&"));
        assert!(to_discord(&AethexMessage { login: "AethexBridge", ..a.clone() }, "aethexbridge").is_none());
        assert!(to_discord(&AethexMessage { text: "  ", ..a }, "aethexbridge").is_none());
    }
}
