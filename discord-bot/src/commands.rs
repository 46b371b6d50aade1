//! Slash commands and the `!stream` prefix command: their definitions (what
//! Discord shows) and what each does. Every answer is built by [`crate::format`]
//! and sent without pings; admin commands are limited to members with Manage
//! Server, both in Discord's UI (`default_member_permissions`) and checked
//! here again, since a guild can override the UI setting.

use std::sync::Arc;

use serenity::all::{
    ChannelType, CommandDataOption, CommandDataOptionValue, CommandInteraction, CommandOptionType, Context,
    CreateCommand, CreateCommandOption, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    Message, Permissions,
};

use crate::bot::{no_pings, Bot};
use crate::roles::RoleConfig;
use crate::store::{Bridge, Target};

/// The slash commands, as registered on every start (a bulk overwrite, so renamed or removed ones disappear).
pub fn definitions() -> Vec<CreateCommand> {
    let login = |desc: &str| CreateCommandOption::new(CommandOptionType::String, "channel", desc).required(true);
    let text_channel = |desc: &str| {
        CreateCommandOption::new(CommandOptionType::Channel, "discord-channel", desc)
            .required(true)
            .channel_types(vec![ChannelType::Text, ChannelType::News])
    };
    let admin = Permissions::MANAGE_GUILD;
    vec![
        CreateCommand::new("notify")
            .description("Go-live announcements for an AeThex channel")
            .default_member_permissions(admin)
            .dm_permission(false)
            .add_option(
                CreateCommandOption::new(CommandOptionType::SubCommand, "add", "Announce an AeThex channel here")
                    .add_sub_option(login("AeThex channel login"))
                    .add_sub_option(text_channel("Where to announce"))
                    .add_sub_option(
                        CreateCommandOption::new(CommandOptionType::Role, "role", "Role to ping").required(false),
                    ),
            )
            .add_option(
                CreateCommandOption::new(CommandOptionType::SubCommand, "remove", "Stop announcing")
                    .add_sub_option(login("AeThex channel login"))
                    .add_sub_option(text_channel("The announcement channel")),
            )
            .add_option(CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "list",
                "Announcements in this server",
            )),
        CreateCommand::new("stream").description("Is the stream live? Title, viewers, uptime").add_option(
            CreateCommandOption::new(CommandOptionType::String, "channel", "AeThex channel login").required(false),
        ),
        CreateCommand::new("link").description("Link your AeThex account (for subscriber roles)"),
        CreateCommand::new("roles")
            .description("Subscriber roles for linked members")
            .default_member_permissions(admin)
            .dm_permission(false)
            .add_option(
                CreateCommandOption::new(CommandOptionType::Role, "subscriber", "Every subscriber").required(false),
            )
            .add_option(CreateCommandOption::new(CommandOptionType::Role, "tier1", "Tier 1 extra role").required(false))
            .add_option(CreateCommandOption::new(CommandOptionType::Role, "tier2", "Tier 2 extra role").required(false))
            .add_option(
                CreateCommandOption::new(CommandOptionType::Role, "tier3", "Tier 3 extra role").required(false),
            ),
        CreateCommand::new("bridge")
            .description("Mirror an AeThex chat room and a Discord channel")
            .default_member_permissions(admin)
            .dm_permission(false)
            .add_option(
                CreateCommandOption::new(CommandOptionType::SubCommand, "set", "Bridge a channel")
                    .add_sub_option(login("AeThex channel login"))
                    .add_sub_option(text_channel("The Discord channel")),
            )
            .add_option(CreateCommandOption::new(CommandOptionType::SubCommand, "off", "Remove this server's bridge")),
    ]
}

fn opt<'a>(opts: &'a [CommandDataOption], name: &str) -> Option<&'a CommandDataOptionValue> {
    opts.iter().find(|o| o.name == name).map(|o| &o.value)
}

fn opt_str(opts: &[CommandDataOption], name: &str) -> Option<String> {
    match opt(opts, name) {
        Some(CommandDataOptionValue::String(s)) => Some(s.trim().trim_start_matches('@').to_lowercase()),
        _ => None,
    }
}

fn opt_channel(opts: &[CommandDataOption], name: &str) -> Option<u64> {
    match opt(opts, name) {
        Some(CommandDataOptionValue::Channel(c)) => Some(c.get()),
        _ => None,
    }
}

fn opt_role(opts: &[CommandDataOption], name: &str) -> Option<u64> {
    match opt(opts, name) {
        Some(CommandDataOptionValue::Role(r)) => Some(r.get()),
        _ => None,
    }
}

fn is_admin(cmd: &CommandInteraction) -> bool {
    cmd.member.as_ref().and_then(|m| m.permissions).is_some_and(|p| p.administrator() || p.manage_guild())
}

/// A valid AeThex login, or the reason it is not one.
fn check_login(login: &str) -> Result<&str, String> {
    if login.is_empty() || login.len() > 25 || !login.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("'{}' is not an AeThex channel name.", crate::format::neutralise(login)));
    }
    Ok(login)
}

/// Answer `cmd` privately (only the caller sees it).
async fn reply(ctx: &Context, cmd: &CommandInteraction, text: String, ephemeral: bool) {
    let msg = CreateInteractionResponseMessage::new()
        .content(crate::format::cap(&text, crate::format::limits::CONTENT))
        .ephemeral(ephemeral)
        .allowed_mentions(no_pings());
    if let Err(e) = cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg)).await {
        tracing::warn!(error = %e, command = %cmd.data.name, "could not answer an interaction");
    }
}

/// Run one slash command.
pub async fn dispatch(bot: &Arc<Bot>, ctx: &Context, cmd: CommandInteraction) {
    let guild = cmd.guild_id.map(|g| g.get());
    let (sub, opts): (String, Vec<CommandDataOption>) = match cmd.data.options.first() {
        Some(CommandDataOption { name, value: CommandDataOptionValue::SubCommand(o), .. }) => (name.clone(), o.clone()),
        _ => (String::new(), cmd.data.options.clone()),
    };
    let admin_only = matches!(cmd.data.name.as_str(), "notify" | "roles" | "bridge");
    if admin_only && (guild.is_none() || !is_admin(&cmd)) {
        return reply(ctx, &cmd, "Only server managers (Manage Server) can do that, inside a server.".into(), true)
            .await;
    }
    let guild = guild.unwrap_or(0);
    if admin_only {
        // Whoever sets the bot up hears about the problems only an admin can fix (see `report`).
        if let Err(e) = bot.store.set_admin(guild, cmd.user.id.get(), crate::now_ms()).await {
            tracing::error!(error = %e, "database");
        }
    }
    let answer: Result<(String, bool), String> = match (cmd.data.name.as_str(), sub.as_str()) {
        ("notify", "add") => {
            async {
                let login = check_login(&opt_str(&opts, "channel").unwrap_or_default())?.to_string();
                let channel_id = opt_channel(&opts, "discord-channel").ok_or("Pick a Discord channel.")?;
                bot.api.channel(&login).await.map_err(|e| match e {
                    aethex_sdk::Error::NotFound { .. } => format!("There is no AeThex channel '{login}'."),
                    other => format!("AeThex is not answering right now ({other}); try again."),
                })?;
                let t =
                    Target { guild_id: guild, login: login.clone(), channel_id, ping_role: opt_role(&opts, "role") };
                let added = bot.store.add_target(&t).await.map_err(db)?;
                bot.targets_changed.notify_one();
                Ok((
                    if added {
                        format!("I'll announce **{login}** in <#{channel_id}> when they go live.")
                    } else {
                        format!("**{login}** is already announced in <#{channel_id}>.")
                    },
                    true,
                ))
            }
            .await
        }
        ("notify", "remove") => {
            async {
                let login = opt_str(&opts, "channel").unwrap_or_default();
                let channel_id = opt_channel(&opts, "discord-channel").ok_or("Pick a Discord channel.")?;
                let removed = bot.store.remove_target(guild, &login, channel_id).await.map_err(db)?;
                bot.targets_changed.notify_one();
                Ok((
                    if removed {
                        format!("Stopped announcing **{login}** in <#{channel_id}>.")
                    } else {
                        format!("**{login}** was not announced in <#{channel_id}>.")
                    },
                    true,
                ))
            }
            .await
        }
        ("notify", "list") => {
            async {
                let ts = bot.store.targets(Some(guild), None).await.map_err(db)?;
                if ts.is_empty() {
                    return Ok(("No announcements yet: `/notify add`.".to_string(), true));
                }
                let lines: Vec<String> = ts
                    .iter()
                    .map(|t| match t.ping_role {
                        Some(r) => format!("**{}** → <#{}> (pings <@&{r}>)", t.login, t.channel_id),
                        None => format!("**{}** → <#{}>", t.login, t.channel_id),
                    })
                    .collect();
                Ok((lines.join("\n"), true))
            }
            .await
        }
        ("stream", _) => {
            let login = opt_str(&opts, "channel").unwrap_or_else(|| bot.owner.clone());
            status(bot, &login).await.map(|t| (t, false))
        }
        ("link", _) => return crate::members::start_link(bot.clone(), ctx, cmd).await,
        ("roles", _) => {
            async {
                let c = RoleConfig {
                    subscriber: opt_role(&opts, "subscriber"),
                    tiers: [opt_role(&opts, "tier1"), opt_role(&opts, "tier2"), opt_role(&opts, "tier3")],
                };
                bot.store.set_roles(guild, &c).await.map_err(db)?;
                crate::members::sync_guild(bot, guild, &c).await;
                Ok((
                    if c.managed().is_empty() {
                        "Subscriber roles are off.".to_string()
                    } else {
                        format!("Linked subscribers of **{}** now get their roles.", bot.owner)
                    },
                    true,
                ))
            }
            .await
        }
        ("bridge", "set") => {
            async {
                let login = check_login(&opt_str(&opts, "channel").unwrap_or_default())?.to_string();
                let channel_id = opt_channel(&opts, "discord-channel").ok_or("Pick a Discord channel.")?;
                bot.store.remove_bridges(guild).await.map_err(db)?;
                bot.store
                    .set_bridge(&Bridge {
                        guild_id: guild,
                        discord_channel_id: channel_id,
                        aethex_login: login.clone(),
                    })
                    .await
                    .map_err(db)?;
                bot.bridges_changed.notify_one();
                Ok((format!("<#{channel_id}> and **{login}**'s chat now mirror each other."), true))
            }
            .await
        }
        ("bridge", "off") => {
            async {
                let n = bot.store.remove_bridges(guild).await.map_err(db)?;
                bot.bridges_changed.notify_one();
                Ok((if n > 0 { "The chat bridge is off." } else { "There was no bridge." }.to_string(), true))
            }
            .await
        }
        (other, _) => Err(format!("I don't know /{other}.")),
    };
    match answer {
        Ok((text, ephemeral)) => reply(ctx, &cmd, text, ephemeral).await,
        Err(e) => reply(ctx, &cmd, e, true).await,
    }
}

fn db(e: sqlx::Error) -> String {
    tracing::error!(error = %e, "database");
    "Something went wrong on my side; try again.".into()
}

/// The `/stream` and `!stream` answer for `login`.
async fn status(bot: &Bot, login: &str) -> Result<String, String> {
    check_login(login)?;
    let channel = bot.api.channel(login).await.map_err(|e| match e {
        aethex_sdk::Error::NotFound { .. } => format!("There is no AeThex channel '{login}'."),
        other => format!("AeThex is not answering right now ({other})."),
    })?;
    let live = if channel.is_live { bot.api.live_stream(login).await.map_err(|e| e.to_string())? } else { None };
    Ok(crate::format::status_text(&channel, live.as_ref(), crate::now_ms()))
}

/// A message in a guild channel: `!stream [channel]`, or a bridged line.
pub async fn on_message(bot: &Arc<Bot>, msg: Message) {
    if msg.author.bot {
        return;
    }
    let text = msg.content.trim();
    let mut words = text.split_whitespace();
    if words.next().is_some_and(|w| w.eq_ignore_ascii_case("!stream")) {
        let login = words.next().map(|w| w.trim_start_matches('@').to_lowercase()).unwrap_or_else(|| bot.owner.clone());
        let answer = status(bot, &login).await.unwrap_or_else(|e| e);
        let out = CreateMessage::new().content(answer).reference_message(&msg).allowed_mentions(no_pings());
        if let Err(e) = msg.channel_id.send_message(&bot.http, out).await {
            tracing::warn!(error = %e, channel = %msg.channel_id, "could not answer !stream");
        }
        return;
    }
    crate::relay::from_discord(bot, &msg).await;
}
