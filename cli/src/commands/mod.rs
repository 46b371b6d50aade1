//! One module per command group; [`run`] dispatches.

pub mod account;
pub mod analytics;
pub mod api;
pub mod channel;
pub mod chat;
pub mod dashboard;
pub mod event;
pub mod lists;

use clap::CommandFactory as _;

use crate::args::{Cli, Command};
use crate::config::Context;
use crate::error::{CliError, CliResult};

/// Run one parsed command line.
pub async fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "aethex", &mut std::io::stdout());
            return Ok(());
        }
        Command::Man => {
            return clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout())
                .map_err(|e| CliError::other(format!("cannot write the man page: {e}")));
        }
        // Forged events need no server or login.
        Command::Event(crate::args::EventCmd::Trigger { kind, forward_address, secret }) => {
            return event::trigger(kind, &forward_address, &secret, cli.global.json).await;
        }
        Command::Event(crate::args::EventCmd::VerifySubscription { forward_address, secret }) => {
            return event::verify_subscription(&forward_address, &secret, cli.global.json).await;
        }
        _ => {}
    }
    let ctx = Context::load(&cli.global)?;
    match cli.command {
        Command::Login(a) => account::login(&ctx, a).await,
        Command::Logout => account::logout(&ctx).await,
        Command::Whoami => account::whoami(&ctx).await,
        Command::Config(c) => account::config(ctx, c),
        Command::Channel(c) => channel::channel(&ctx, c).await,
        Command::Stream(c) => channel::stream(&ctx, c).await,
        Command::Chat(c) => chat::run(&ctx, c).await,
        Command::Followers(a) => lists::followers(&ctx, a.limit).await,
        Command::Subs(a) => lists::subs(&ctx, a.limit).await,
        Command::Donations(a) => lists::donations(&ctx, a.limit).await,
        Command::Discover(a) => lists::discover(&ctx, a).await,
        Command::Webhooks(c) => event::webhooks(&ctx, c).await,
        Command::Event(c) => event::listen(&ctx, c).await,
        Command::Api(c) => api::run(&ctx, c).await,
        Command::Analytics(c) => analytics::run(&ctx, c).await,
        Command::Completions { .. } | Command::Man | Command::Dashboard(_) => Ok(()),
    }
}
