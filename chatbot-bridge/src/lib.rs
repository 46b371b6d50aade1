//! `aethex-chatbot`: a Nightbot/Streamlabs-style chatbot for AeThex (and
//! Twitch) chat. The command language is a library tested without chat:
//! [`userlevel`] (Nightbot's levels from badges), [`manage`] (`!commands`,
//! `!addcom`... parsing and validation), [`vars`] (every variable, bounded),
//! [`eval`] (the sandboxed `$(eval)` language) and [`commands`] (the registry:
//! userlevels, cooldowns, aliases, counters), plus [`filters`] (spam
//! protection with escalating timeouts), [`timers`] and [`import`] (Nightbot
//! and Streamlabs Chatbot exports), [`loyalty`] (points, giveaways, quotes)
//! and [`songs`] (song requests).
//!
//! Around that logic: [`bot`] holds a channel's state and turns chat lines
//! into actions, [`store`] keeps what must survive a restart in SQLite,
//! [`services`] gives variables the web and the AeThex API, [`http`] serves
//! the song queue and [`respond`]'s Nightbot response URLs, [`helix`]
//! moderates on Twitch through its API, [`run`] connects it all to chat with `twitch-irc`, and
//! [`cli`] and [`config`] are the command line and the config file.

pub mod bot;
pub mod cli;
pub mod commands;
pub mod config;
pub mod eval;
pub mod filters;
pub mod helix;
pub mod http;
pub mod import;
pub mod lang;
pub mod loyalty;
pub mod manage;
pub mod respond;
pub mod run;
pub mod services;
pub mod songs;
pub mod store;
pub mod timers;
pub mod userlevel;
pub mod vars;

/// Cut `s` to at most `max` characters.
pub fn cap(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Now, Unix ms.
pub use aethex_sdk::time::now_ms;
