//! `/link` and subscriber roles. `/link` runs the OAuth device flow: the
//! member gets a code and the activation URL (privately), approves on AeThex,
//! and the bot records which AeThex account is theirs, then revokes the
//! token (it only needed the identity). Roles follow subscriptions to the
//! creator's channel: right after linking, on every `channel.subscribe`
//! event, and in a periodic full pass that also removes roles whose
//! subscription ended (AeThex has no "subscription ended" event).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;
use serenity::all::{
    CommandInteraction, Context, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, GuildId, RoleId, UserId,
};

use crate::bot::{no_pings, Bot};
use crate::lang::{say, Arg::N, Arg::T};
use crate::roles::{decide, RoleConfig};

/// `/link`: answer with the code at once, finish in the background.
pub async fn start_link(bot: Arc<Bot>, ctx: &Context, cmd: CommandInteraction) {
    let auth = match bot.api.start_device_login(&bot.config.client_id, &["user:read"]).await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "device login could not start");
            let msg = CreateInteractionResponseMessage::new()
                .content(say("link-down", &[("command", T(&bot.mention("link")))]))
                .ephemeral(true);
            let _ = cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg)).await;
            return;
        }
    };
    let minutes = (auth.expires_in / 60) as i64;
    let text =
        say("link-open", &[("url", T(&auth.verification_uri)), ("code", T(&auth.user_code)), ("minutes", N(minutes))]);
    let msg = CreateInteractionResponseMessage::new().content(text).ephemeral(true).allowed_mentions(no_pings());
    if let Err(e) = cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg)).await {
        tracing::warn!(error = %e, "could not answer /link");
        return;
    }
    let http = ctx.http.clone();
    // The outcome comes later, in the member's language too.
    let lang = crate::lang::current();
    tokio::spawn(crate::lang::scope(lang, async move {
        let outcome = async {
            let token = bot.api.finish_device_login(&bot.config.client_id, &auth).await?;
            let theirs = aethex_sdk::Client::new(&bot.config.server)?.with_token(token.access_token.clone());
            let me = theirs.me().await?;
            let revoke = aethex_sdk::ClientAuth { client_id: bot.config.client_id.clone(), client_secret: None };
            if let Err(e) = theirs.revoke(&revoke, &token.access_token).await {
                tracing::warn!(error = %e, "could not revoke the /link token");
            }
            Ok::<_, aethex_sdk::Error>((me.login, me.id))
        }
        .await;
        let text = match outcome {
            Ok((login, id)) => match bot.store.link(cmd.user.id.get(), &login, &id, crate::now_ms()).await {
                Ok(()) => {
                    sync_user(&bot, &login).await;
                    say("link-done", &[("login", T(&login))])
                }
                Err(e) => {
                    tracing::error!(error = %e, "database");
                    say("link-failed-here", &[("command", T(&bot.mention("link")))])
                }
            },
            Err(aethex_sdk::Error::AccessDenied) => say("link-declined", &[]),
            Err(aethex_sdk::Error::DeviceCodeExpired) => say("link-expired", &[("command", T(&bot.mention("link")))]),
            Err(e) => say("link-failed", &[("error", T(&e.to_string()))]),
        };
        let follow =
            CreateInteractionResponseFollowup::new().content(text).ephemeral(true).allowed_mentions(no_pings());
        if let Err(e) = cmd.create_followup(&http, follow).await {
            tracing::warn!(error = %e, "could not tell the member how /link went");
        }
    }));
}

/// The creator's subscribers: AeThex login → tier.
async fn subscribers(bot: &Bot) -> Option<HashMap<String, u8>> {
    let mut out = HashMap::new();
    let mut subs = std::pin::pin!(bot.api.subscriptions(&bot.owner).take(100_000));
    while let Some(s) = subs.next().await {
        match s {
            Ok(s) => {
                out.insert(s.user_login, s.tier);
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not read subscribers (the token needs channel:read:subscriptions)");
                return None;
            }
        }
    }
    Some(out)
}

/// Give or take one member's roles in one guild.
async fn apply(bot: &Bot, guild: u64, config: &RoleConfig, user: u64, tier: Option<u8>) {
    let g = GuildId::new(guild.max(1));
    let member = match bot.http.get_member(g, UserId::new(user.max(1))).await {
        Ok(m) => m,
        Err(e) => return tracing::debug!(error = %e, guild, user, "not a member here"),
    };
    let existing: BTreeSet<u64> = match bot.http.get_guild_roles(g).await {
        Ok(r) => r.iter().map(|r| r.id.get()).collect(),
        Err(e) => return tracing::warn!(error = %e, guild, "could not read the guild's roles"),
    };
    for missing in config.managed().difference(&existing) {
        tracing::warn!(guild, role = missing, "a configured subscriber role was deleted; set /roles again");
        let role = missing.to_string();
        let command = bot.mention("roles");
        let args = [("role", crate::lang::Arg::T(&role)), ("command", crate::lang::Arg::T(&command))];
        crate::report::to_admin(bot, guild, &format!("role-deleted:{missing}"), "role-deleted", &args).await;
    }
    let current: BTreeSet<u64> = member.roles.iter().map(|r| r.get()).collect();
    let change = decide(config, tier, &current, &existing);
    for r in change.add {
        if let Err(e) = bot.http.add_member_role(g, member.user.id, RoleId::new(r), Some("AeThex subscriber")).await {
            tracing::warn!(error = %e, guild, role = r, "could not give a role (is the bot's role above it, with Manage Roles?)");
            role_problem(bot, guild, r).await;
        }
    }
    for r in change.remove {
        if let Err(e) =
            bot.http.remove_member_role(g, member.user.id, RoleId::new(r), Some("AeThex subscription ended")).await
        {
            tracing::warn!(error = %e, guild, role = r, "could not take a role");
            role_problem(bot, guild, r).await;
        }
    }
}

/// Tell the admin why roles cannot be managed.
async fn role_problem(bot: &Bot, guild: u64, role: u64) {
    let id = role.to_string();
    let args = [("role", crate::lang::Arg::T(&id))];
    crate::report::to_admin(bot, guild, &format!("role:{role}"), "role-problem", &args).await;
}

/// Bring the roles of every member linked to `login` up to date, in every guild.
pub async fn sync_user(bot: &Bot, login: &str) {
    let Some(subs) = subscribers(bot).await else { return };
    let (Ok(links), Ok(configs)) = (bot.store.links().await, bot.store.role_configs().await) else { return };
    for (user, _) in links.iter().filter(|(_, l)| l == login) {
        for (guild, config) in &configs {
            apply(bot, *guild, config, *user, subs.get(login).copied()).await;
        }
    }
}

/// An AeThex account was erased (`channel.user.erase`): drop its links and
/// take the subscriber roles from the Discord members it was linked to.
pub async fn forget(bot: &Bot, aethex_user_id: &str) {
    let users = match bot.store.unlink_account(aethex_user_id).await {
        Ok(u) => u,
        Err(e) => return tracing::error!(error = %e, "database"),
    };
    let Ok(configs) = bot.store.role_configs().await else { return };
    for user in &users {
        for (guild, config) in &configs {
            apply(bot, *guild, config, *user, None).await;
        }
    }
    tracing::info!(unlinked = users.len(), "an erased AeThex account was forgotten");
}

/// Bring every linked member of one guild up to date.
pub async fn sync_guild(bot: &Bot, guild: u64, config: &RoleConfig) {
    let Some(subs) = subscribers(bot).await else { return };
    let Ok(links) = bot.store.links().await else { return };
    for (user, login) in links {
        apply(bot, guild, config, user, subs.get(&login).copied()).await;
    }
}

/// The periodic full pass.
pub async fn sync_loop(bot: Arc<Bot>) {
    let every = Duration::from_secs(bot.config.role_sync_s.max(10));
    loop {
        tokio::time::sleep(every).await;
        if let Ok(configs) = bot.store.role_configs().await {
            for (guild, config) in configs {
                sync_guild(&bot, guild, &config).await;
            }
        }
    }
}
