//! Custom commands: the registry moderators manage from chat, and running a
//! command: userlevel check, per-command cooldown (moderators and the owner
//! are exempt), aliases (followed at most 5 deep, loops refused when they are
//! set up), use counters, and variable expansion.

use std::collections::HashMap;

use crate::lang::Msg;
use crate::manage::{Action, Manage, DEFAULT_COOLDOWN};
use crate::userlevel::UserLevel;
use crate::vars::{expand, Invocation, Services};

/// Aliases followed before giving up.
pub const MAX_ALIAS_DEPTH: usize = 5;

/// One custom command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Name with `!`.
    pub name: String,
    /// Response template (for an alias: arguments put in front of the caller's).
    pub response: String,
    /// Lowest level that may use it.
    pub level: UserLevel,
    /// Seconds between uses.
    pub cooldown: u64,
    /// Run this command instead.
    pub alias: Option<String>,
    /// Uses so far.
    pub count: u64,
}

/// All commands of a channel, with their cooldown clocks.
#[derive(Debug, Default)]
pub struct Registry {
    commands: HashMap<String, Command>,
    last_used_ms: HashMap<String, i64>,
}

impl Registry {
    /// A command by name.
    pub fn get(&self, name: &str) -> Option<&Command> {
        self.commands.get(name)
    }

    /// All commands, by name.
    pub fn all(&self) -> Vec<&Command> {
        let mut v: Vec<_> = self.commands.values().collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    }

    /// Insert a command as is (imports, loading from storage).
    pub fn insert(&mut self, c: Command) {
        self.commands.insert(c.name.clone(), c);
    }

    /// The chain an alias would create, refused when it loops or is too deep.
    fn check_alias(&self, name: &str, alias: &str) -> Result<(), Msg> {
        let mut seen = vec![name.to_string()];
        let mut next = Some(alias.to_string());
        while let Some(n) = next {
            if seen.contains(&n) {
                let chain = format!("{name} -> {}", seen[1..].join(" -> "));
                return Err(Msg::new("manage-alias-loop").text("chain", chain).text("name", n));
            }
            if seen.len() > MAX_ALIAS_DEPTH {
                return Err(Msg::new("manage-alias-depth").number("max", MAX_ALIAS_DEPTH as i64));
            }
            seen.push(n.clone());
            next = self.commands.get(&n).and_then(|c| c.alias.clone());
        }
        Ok(())
    }

    /// Apply a management command from a chatter at `by`; the reply for chat.
    pub fn manage(&mut self, m: Manage, by: UserLevel) -> Result<Msg, Msg> {
        if by < UserLevel::Moderator {
            return Err(Msg::new("manage-mods-only"));
        }
        if let Some(a) = &m.alias {
            self.check_alias(&m.name, a)?;
        }
        match m.action {
            Action::Add => {
                if self.commands.contains_key(&m.name) {
                    return Err(Msg::new("manage-exists").text("name", m.name));
                }
                self.insert(Command {
                    name: m.name.clone(),
                    response: m.response.unwrap_or_default(),
                    level: m.userlevel.unwrap_or(UserLevel::Everyone),
                    cooldown: m.cooldown.unwrap_or(DEFAULT_COOLDOWN),
                    alias: m.alias,
                    count: 0,
                });
                Ok(Msg::new("manage-added").text("name", m.name))
            }
            Action::Edit => {
                let c = self
                    .commands
                    .get_mut(&m.name)
                    .ok_or_else(|| Msg::new("manage-missing").text("name", m.name.clone()))?;
                if let Some(r) = m.response {
                    c.response = r;
                }
                if let Some(l) = m.userlevel {
                    c.level = l;
                }
                if let Some(cd) = m.cooldown {
                    c.cooldown = cd;
                }
                if m.alias.is_some() {
                    c.alias = m.alias;
                }
                Ok(Msg::new("manage-edited").text("name", m.name))
            }
            Action::Delete => {
                self.commands.remove(&m.name).ok_or_else(|| Msg::new("manage-missing").text("name", m.name.clone()))?;
                self.last_used_ms.remove(&m.name);
                Ok(Msg::new("manage-deleted").text("name", m.name))
            }
        }
    }

    /// Run `name` for `inv` (whose `args` are the caller's words); `None` when
    /// the command does not exist, the caller's level is too low, or it is cooling down.
    pub async fn run<S: Services + Sync>(&mut self, name: &str, mut inv: Invocation, s: &S) -> Option<String> {
        let first = self.commands.get(name)?;
        if inv.level < first.level {
            return None;
        }
        let exempt = inv.level >= UserLevel::Moderator;
        if !exempt {
            if let Some(last) = self.last_used_ms.get(name) {
                if inv.now_ms - last < first.cooldown as i64 * 1000 {
                    return None;
                }
            }
        }
        // Follow aliases, putting each alias's own arguments first.
        let mut target = first.clone();
        for _ in 0..MAX_ALIAS_DEPTH {
            let Some(next) = target.alias.clone() else { break };
            let mut args: Vec<String> = target.response.split_whitespace().map(str::to_string).collect();
            args.append(&mut inv.args);
            inv.args = args;
            target = self.commands.get(&next)?.clone();
        }
        if target.alias.is_some() {
            return None;
        }
        self.last_used_ms.insert(name.to_string(), inv.now_ms);
        let counted = self.commands.get_mut(&target.name)?;
        counted.count += 1;
        inv.count = counted.count;
        Some(expand(&target.response, &inv, s).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manage::parse;

    /// Services that have nothing to say (the fuzz target uses them too).
    pub(super) struct Fake;
    impl Services for Fake {
        async fn urlfetch(&self, _: &str, _: &Invocation) -> Result<String, String> {
            Err("offline".into())
        }
        async fn uptime(&self, _: &str) -> Result<String, String> {
            Err("offline".into())
        }
        async fn followage(&self, _: &str, _: &str) -> Result<String, String> {
            Err("offline".into())
        }
        fn command_response(&self, _: &str) -> Option<String> {
            None
        }
        fn random(&self, _: usize) -> usize {
            0
        }
    }

    fn inv(level: UserLevel, args: &[&str], now_s: i64) -> Invocation {
        Invocation {
            user: "Viewer".into(),
            login: "viewer".into(),
            level,
            channel: "alice".into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            count: 0,
            now_ms: now_s * 1000,
        }
    }

    /// The reply (or the refusal) in English.
    fn add(r: &mut Registry, line: &str) -> Result<String, String> {
        let en = crate::lang::Replies::english();
        r.manage(parse(line).unwrap().map_err(|m| en.render(&m))?, UserLevel::Moderator)
            .map(|m| en.render(&m))
            .map_err(|m| en.render(&m))
    }

    #[tokio::test]
    async fn userlevels_cooldowns_counts_and_aliases() {
        let mut r = Registry::default();
        assert!(add(&mut r, "!addcom !hi -cd=10 hello $(touser), use $(count)").unwrap().contains("added"));
        assert!(add(&mut r, "!addcom !hi again").unwrap_err().contains("already exists"));
        let refused = r.manage(parse("!addcom !x y").unwrap().unwrap(), UserLevel::Vip).unwrap_err();
        assert!(crate::lang::Replies::english().render(&refused).contains("only moderators"));
        let ev = UserLevel::Everyone;
        assert_eq!(r.run("!hi", inv(ev, &["Cat"], 100), &Fake).await.as_deref(), Some("hello Cat, use 1"));
        assert_eq!(r.run("!hi", inv(ev, &[], 105), &Fake).await, None, "cooling down");
        assert_eq!(
            r.run("!hi", inv(UserLevel::Moderator, &[], 105), &Fake).await.as_deref(),
            Some("hello Viewer, use 2"),
            "moderators are exempt"
        );
        assert_eq!(r.run("!hi", inv(ev, &[], 116), &Fake).await.as_deref(), Some("hello Viewer, use 3"));

        add(&mut r, "!commands add !secret -ul=subscriber -cd=5 subs only").unwrap();
        assert_eq!(r.run("!secret", inv(ev, &[], 0), &Fake).await, None);
        assert_eq!(r.run("!secret", inv(UserLevel::Subscriber, &[], 0), &Fake).await.as_deref(), Some("subs only"));

        // An alias passes its own arguments first.
        add(&mut r, "!commands add !hicat -a=!hi Cat").unwrap();
        assert_eq!(r.run("!hicat", inv(ev, &[], 200), &Fake).await.as_deref(), Some("hello Cat, use 4"));
        // Loops are refused when set up.
        add(&mut r, "!commands add !a -a=!b x").unwrap();
        let err = add(&mut r, "!commands add !b -a=!a y").unwrap_err();
        assert!(err.contains("loop"), "{err}");
        // An alias whose target was deleted answers nothing.
        add(&mut r, "!delcom !hi").unwrap();
        assert_eq!(r.run("!hicat", inv(ev, &[], 300), &Fake).await, None);
        assert!(add(&mut r, "!editcom !hi x").unwrap_err().contains("does not exist"));
        assert_eq!(r.run("!nosuch", inv(ev, &[], 0), &Fake).await, None);
        add(&mut r, "!editcom !secret -ul=everyone").unwrap();
        assert_eq!(r.run("!secret", inv(ev, &[], 10), &Fake).await.as_deref(), Some("subs only"));
        assert_eq!(r.all().len(), 3);
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for the command language as chat drives it: any sequence of
    //! lines from chatters of any level, management commands (`!addcom`,
    //! `!commands edit ... -a=...`) among them, keeps the registry sound:
    //! names as stored, cooldowns in range, responses within the limit, no
    //! alias loop; every command's answer within [`crate::vars::MAX_RESPONSE`];
    //! no panic.

    use aethex_sdk::fuzz::gen::text;
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::tests::Fake;
    use super::*;
    use crate::manage::{parse, MAX_COOLDOWN, MIN_COOLDOWN};

    fn level() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["everyone", "subscriber", "regular", "vip", "moderator", "owner"])
            .prop_map(String::from)
    }

    /// A chat line: mostly the language's own words, in any order.
    fn line() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            4 => prop::sample::select(vec![
                "!addcom", "!editcom", "!delcom", "!commands", "!command", "add", "edit", "delete", "remove", "!a", "!b", "!c",
                "a", "B", "-ul=mod", "-ul=everyone", "-ul=king", "-cd=5", "-cd=3600", "-cd=3601", "-cd=-1",
                "-cd=18446744073709551616", "-a=!a", "-a=!b", "-a=c", "-a=", "-x=1", "$(count)", "$(touser)", "$(1)",
                "$(eval 2*3)", "$(command a)", "${random.number 1-6}", "hi",
            ])
            .prop_map(str::to_string),
            1 => text(6),
            1 => "[!a-z]{1,3}",
        ];
        prop_oneof![
            8 => vec(word, 1..8).prop_map(|w| w.join(" ")),
            1 => (1..450usize).prop_map(|n| format!("!addcom !long {}", "y".repeat(n))),
            1 => text(40),
        ]
    }

    fn sound(r: &Registry) -> Result<(), TestCaseError> {
        for c in r.all() {
            prop_assert_eq!(crate::manage::normalise_name(&c.name).ok(), Some(c.name.clone()));
            prop_assert!((MIN_COOLDOWN..=MAX_COOLDOWN).contains(&c.cooldown) || c.cooldown == DEFAULT_COOLDOWN);
            prop_assert!(c.response.chars().count() <= crate::manage::MAX_RESPONSE);
            // Following aliases from any command never comes back to where it started.
            let (mut seen, mut next) = (vec![c.name.clone()], c.alias.clone());
            while let Some(n) = next {
                prop_assert!(!seen.contains(&n), "alias loop {seen:?} -> {n}");
                next = r.get(&n).and_then(|c| c.alias.clone());
                seen.push(n);
            }
        }
        Ok(())
    }

    #[test]
    fn fuzz_commands() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let lines = vec((level(), 0..40_000i64, line()), 0..40);
        aethex_sdk::fuzz::target("commands").run(lines, |lines: Vec<(String, i64, String)>| {
            let mut r = Registry::default();
            let mut now = 1_800_000_000_000i64;
            for (level, wait_ms, line) in lines {
                let level = UserLevel::parse(&level).unwrap_or(UserLevel::Everyone);
                now += wait_ms;
                match parse(&line) {
                    Some(Ok(m)) => {
                        let _ = r.manage(m, level);
                    }
                    Some(Err(_)) => {}
                    None => {
                        let mut words = line.split_whitespace();
                        let name = words.next().unwrap_or("").to_lowercase();
                        let inv = Invocation {
                            user: "Viewer".into(),
                            login: "viewer".into(),
                            level,
                            channel: "alice".into(),
                            args: words.map(str::to_string).collect(),
                            count: 0,
                            now_ms: now,
                        };
                        if let Some(answer) = rt.block_on(r.run(&name, inv, &Fake)) {
                            prop_assert!(answer.chars().count() <= crate::vars::MAX_RESPONSE);
                        }
                    }
                }
                sound(&r)?;
            }
            Ok(())
        });
    }
}
