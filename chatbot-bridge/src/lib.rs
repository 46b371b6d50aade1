//! `aethex-chatbot`: a Nightbot/Streamlabs-style chatbot for AeThex (and
//! Twitch) chat. The command language is a library tested without chat:
//! [`userlevel`] (Nightbot's levels from badges), [`manage`] (`!commands`,
//! `!addcom`... parsing and validation), [`vars`] (every variable, bounded),
//! [`eval`] (the sandboxed `$(eval)` language) and [`commands`] (the registry:
//! userlevels, cooldowns, aliases, counters), plus [`filters`] (spam
//! protection with escalating timeouts), [`timers`] and [`import`] (Nightbot
//! and Streamlabs Chatbot exports). Points, song requests and the IRC client
//! are the rest of issue 9.

pub mod commands;
pub mod eval;
pub mod filters;
pub mod import;
pub mod manage;
pub mod timers;
pub mod userlevel;
pub mod vars;

/// Cut `s` to at most `max` characters.
pub fn cap(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
