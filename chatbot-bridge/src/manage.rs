//! Moderators manage commands from chat, Nightbot-style:
//! `!commands add|edit|delete !name [-ul=level] [-cd=seconds] [-a=!other] response`,
//! and the `!addcom`/`!editcom`/`!delcom` shorthand other bots taught streamers.
//! This module only parses and validates; [`crate::commands`] applies.

use crate::lang::Msg;
use crate::userlevel::UserLevel;

/// Most characters in a response.
pub const MAX_RESPONSE: usize = 400;
/// Nightbot's default cooldown.
pub const DEFAULT_COOLDOWN: u64 = 30;
/// The shortest cooldown allowed.
pub const MIN_COOLDOWN: u64 = 5;
/// The longest cooldown allowed (an hour).
pub const MAX_COOLDOWN: u64 = 3600;

/// What the moderator asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Create.
    Add,
    /// Change.
    Edit,
    /// Remove.
    Delete,
}

/// A parsed management command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manage {
    /// The action.
    pub action: Action,
    /// The command's name, lower case, with its `!`.
    pub name: String,
    /// `-ul=`.
    pub userlevel: Option<UserLevel>,
    /// `-cd=`.
    pub cooldown: Option<u64>,
    /// `-a=`: run this command instead, with the response as its arguments.
    pub alias: Option<String>,
    /// The response (or, for an alias, the arguments passed on).
    pub response: Option<String>,
}

/// A command name as stored: lower case, one `!` in front.
pub fn normalise_name(raw: &str) -> Result<String, Msg> {
    let n = raw.trim().trim_start_matches('!').to_lowercase();
    if n.is_empty() || n.chars().count() > 50 || n.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Msg::new("manage-not-a-name").text("name", raw));
    }
    Ok(format!("!{n}"))
}

/// Parse a chat line; `None` when it is not a management command at all.
/// A mistake is a [`Msg`], said in the channel's language (the syntax
/// itself, `add`, `-ul=` and the userlevel names, is the same in every language).
pub fn parse(line: &str) -> Option<Result<Manage, Msg>> {
    let mut words = line.split_whitespace();
    let first = words.next()?.to_lowercase();
    let action = match first.as_str() {
        "!addcom" => Action::Add,
        "!editcom" => Action::Edit,
        "!delcom" | "!deletecom" => Action::Delete,
        "!commands" | "!command" => match words.next().map(str::to_lowercase).as_deref() {
            Some("add") => Action::Add,
            Some("edit") => Action::Edit,
            Some("delete") | Some("remove") | Some("del") => Action::Delete,
            Some(other) => return Some(Err(Msg::new("manage-unknown-action").text("action", other))),
            None => return Some(Err(Msg::new("manage-usage"))),
        },
        _ => return None,
    };
    Some(parse_rest(action, &words.collect::<Vec<_>>()))
}

fn parse_rest(action: Action, words: &[&str]) -> Result<Manage, Msg> {
    let Some((name, rest)) = words.split_first() else {
        return Err(Msg::new("manage-which"));
    };
    let name = normalise_name(name)?;
    let mut m = Manage { action, name, userlevel: None, cooldown: None, alias: None, response: None };
    let mut i = 0;
    while let Some(w) = rest.get(i) {
        let Some((flag, value)) = w.split_once('=').filter(|(f, _)| f.starts_with('-')) else { break };
        match flag {
            "-ul" | "-userlevel" => {
                m.userlevel =
                    Some(UserLevel::parse(value).ok_or_else(|| Msg::new("manage-unknown-level").text("level", value))?)
            }
            "-cd" | "-cooldown" => {
                let cd: u64 =
                    value.parse().map_err(|_| Msg::new("manage-cooldown-not-a-number").text("value", value))?;
                if !(MIN_COOLDOWN..=MAX_COOLDOWN).contains(&cd) {
                    return Err(Msg::new("manage-cooldown-range")
                        .number("min", MIN_COOLDOWN as i64)
                        .number("max", MAX_COOLDOWN as i64));
                }
                m.cooldown = Some(cd);
            }
            "-a" | "-alias" => m.alias = Some(normalise_name(value)?),
            other => return Err(Msg::new("manage-unknown-flag").text("flag", other)),
        }
        i += 1;
    }
    let response = rest[i..].join(" ");
    if !response.is_empty() {
        if response.chars().count() > MAX_RESPONSE {
            return Err(Msg::new("manage-too-long").number("max", MAX_RESPONSE as i64));
        }
        m.response = Some(response);
    }
    if m.alias.as_deref() == Some(m.name.as_str()) {
        return Err(Msg::new("manage-self-alias").text("name", m.name));
    }
    match m.action {
        Action::Add if m.response.is_none() && m.alias.is_none() => {
            Err(Msg::new("manage-needs-response").text("name", m.name))
        }
        Action::Edit if m.response.is_none() && m.alias.is_none() && m.userlevel.is_none() && m.cooldown.is_none() => {
            Err(Msg::new("manage-nothing-to-change").text("name", m.name))
        }
        Action::Delete
            if m.response.is_some() || m.userlevel.is_some() || m.cooldown.is_some() || m.alias.is_some() =>
        {
            Err(Msg::new("manage-delete-extra"))
        }
        _ => Ok(m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_syntaxes_with_flags() {
        let m = parse("!commands add !Discord -ul=moderator -cd=10 Join us: https://x.test").unwrap().unwrap();
        assert_eq!(m.action, Action::Add);
        assert_eq!(m.name, "!discord");
        assert_eq!(m.userlevel, Some(UserLevel::Moderator));
        assert_eq!(m.cooldown, Some(10));
        assert_eq!(m.response.as_deref(), Some("Join us: https://x.test"));
        let m = parse("!addcom hug $(user) hugs $(touser)").unwrap().unwrap();
        assert_eq!((m.name.as_str(), m.response.as_deref()), ("!hug", Some("$(user) hugs $(touser)")));
        let m = parse("!editcom !hug -cd=60").unwrap().unwrap();
        assert_eq!((m.action, m.cooldown, m.response), (Action::Edit, Some(60), None));
        let m = parse("!commands add !dc -a=!discord").unwrap().unwrap();
        assert_eq!(m.alias.as_deref(), Some("!discord"));
        assert_eq!(parse("!delcom !hug").unwrap().unwrap().action, Action::Delete);
        assert!(parse("hello !commands").is_none());
        assert!(parse("!uptime").is_none());
    }

    #[test]
    fn bad_management_gets_a_clear_message() {
        let err = |l: &str| crate::lang::Replies::english().render(&parse(l).unwrap().unwrap_err());
        assert!(err("!commands add !x -cd=1 hi").contains("5 to 3600"));
        assert!(err("!commands add !x -cd=soon hi").contains("not a number"));
        assert!(err("!commands add !x -ul=king hi").contains("unknown userlevel"));
        assert!(err("!commands add !x -zz=1 hi").contains("unknown flag"));
        assert!(err("!commands add !x").contains("needs a response"));
        assert!(err("!commands add !x -a=!x").contains("alias of itself"));
        assert!(err("!commands edit !x").contains("nothing to change"));
        assert!(err("!commands delete !x now").contains("only the command name"));
        assert!(err("!commands frob !x").contains("unknown action"));
        assert!(err("!commands").contains("usage"));
        assert!(err(&format!("!addcom !x {}", "y".repeat(401))).contains("400"));
        assert!(err("!addcom").contains("which command"));
    }
}
