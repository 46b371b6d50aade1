//! `aethex-discord`: the Discord bot's logic, kept apart from serenity so it
//! is tested without Discord: [`format`] (embeds, `/stream` answers, safe
//! text), [`store`] (the bot's SQLite: targets and exactly-once
//! announcements), [`roles`] (subscriber role decisions) and [`bridge`]
//! (chat bridge rules). The serenity client that drives them is the rest of
//! issue 8.

pub mod bridge;
pub mod format;
pub mod roles;
pub mod store;
