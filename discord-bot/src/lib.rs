//! `aethex-discord`: the Discord bot. Its decisions are pure and tested
//! without Discord: [`format`] (embeds, `/stream` answers, safe text),
//! [`store`] (the bot's SQLite: targets, exactly-once announcements, links,
//! role configs, bridges), [`roles`] (subscriber role decisions) and
//! [`bridge`] (chat bridge rules). Around them, with serenity: `bot`
//! (configuration and the shared state, re-exported by [`app`]), [`app`]
//! (startup, the gateway client), [`commands`] (slash commands and `!stream`,
//! one handler each), [`announce`] (go-live messages from the event
//! socket), [`members`] (`/link` and roles), [`relay`] (the chat bridge) and
//! [`report`] (problems only a guild admin can fix, sent to them by DM);
//! [`cli`] is the command line.

pub mod announce;
pub mod app;
mod bot;
pub mod bridge;
pub mod cli;
pub mod commands;
pub mod format;
pub mod lang;
pub mod members;
pub mod relay;
pub mod report;
pub mod roles;
pub mod store;

/// Now, Unix ms.
pub use aethex_sdk::time::now_ms;
