//! `/link`: what Discord shows for it. Running it is
//! [`crate::members::start_link`]'s, next to the role sync it ends in.

use serenity::all::CreateCommand;

/// What Discord shows for `/link`.
pub(super) fn definition() -> CreateCommand {
    crate::lang::command("cmd-link-name", "cmd-link")
}
