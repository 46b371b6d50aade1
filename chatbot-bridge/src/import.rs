//! Importers: a streamer's existing commands from Nightbot (the JSON of its
//! `GET /1/commands` API) and from Streamlabs Chatbot (its command export,
//! saved as CSV with the export's columns `Command, Permission, Info, Group,
//! Response, Cooldown, UserCooldown, Cost, Count, Usage, Enabled`), turned into
//! AeThex commands, with a report of everything that could not be translated.

use serde::Deserialize;

use crate::commands::Command;
use crate::manage::{normalise_name, MAX_COOLDOWN, MAX_RESPONSE, MIN_COOLDOWN};
use crate::userlevel::UserLevel;

/// What an import produced.
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    /// Commands ready to add.
    pub imported: Vec<Command>,
    /// Commands left out, with why.
    pub skipped: Vec<(String, String)>,
    /// Commands imported with a change worth checking, with what changed.
    pub notes: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct NightbotList {
    commands: Vec<NightbotCommand>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NightbotCommand {
    name: String,
    message: String,
    #[serde(default = "default_cd")]
    cool_down: u64,
    #[serde(default)]
    count: u64,
    #[serde(default = "everyone")]
    user_level: String,
}

fn default_cd() -> u64 {
    crate::manage::DEFAULT_COOLDOWN
}
fn everyone() -> String {
    "everyone".into()
}

fn clamp_cooldown(name: &str, cd: u64, notes: &mut Vec<(String, String)>) -> u64 {
    let c = cd.clamp(MIN_COOLDOWN, MAX_COOLDOWN);
    if c != cd {
        notes.push((name.to_string(), format!("cooldown {cd} s became {c} s")));
    }
    c
}

/// Import Nightbot's `/1/commands` JSON.
pub fn nightbot(json: &str) -> Result<Report, String> {
    let list: NightbotList = serde_json::from_str(json).map_err(|e| format!("not a Nightbot command list: {e}"))?;
    let mut r = Report::default();
    for c in list.commands {
        let Ok(name) = normalise_name(&c.name) else {
            r.skipped.push((c.name.clone(), "not a usable command name".into()));
            continue;
        };
        let Some(level) = UserLevel::parse(&c.user_level) else {
            r.skipped.push((name, format!("unknown userlevel '{}'", c.user_level)));
            continue;
        };
        if c.message.chars().count() > MAX_RESPONSE {
            r.skipped.push((name, format!("response longer than {MAX_RESPONSE} characters")));
            continue;
        }
        if c.message.contains("$(eval") {
            r.notes
                .push((name.clone(), "$(eval) here is a small expression language, not JavaScript: check it".into()));
        }
        let cooldown = clamp_cooldown(&name, c.cool_down, &mut r.notes);
        r.imported.push(Command { name, response: c.message, level, cooldown, alias: None, count: c.count });
    }
    Ok(r)
}

/// Split one CSV line (RFC 4180 quoting) into fields.
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Streamlabs variables in AeThex (Nightbot) syntax; `None` for ones without an equivalent.
fn translate_streamlabs(response: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = response;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let word_len = tail.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
        let word = &tail[..word_len];
        let after = &tail[word_len..];
        // Function-style variables take a parenthesised argument list.
        let (args, after) = match after.strip_prefix('(').and_then(|a| a.find(')').map(|e| (&a[..e], &a[e + 1..]))) {
            Some((args, rest)) => (Some(args), rest),
            None => (None, after),
        };
        let replacement = match (word.to_ascii_lowercase().as_str(), args) {
            ("username" | "user", None) => "$(user)".to_string(),
            ("targetname" | "touser", None) => "$(touser)".to_string(),
            ("msg" | "query", None) => "$(query)".to_string(),
            ("count", None) => "$(count)".to_string(),
            ("channelname" | "channel", None) => "$(channel)".to_string(),
            ("uptime", None) => "$(uptime)".to_string(),
            (p, None) if p.starts_with("param") && p[5..].parse::<u8>().is_ok_and(|n| (1..=9).contains(&n)) => {
                format!("$({})", &p[5..])
            }
            ("randnum", Some(a)) => match a.split_once(',') {
                Some((lo, hi)) => format!("${{random.number {}-{}}}", lo.trim(), hi.trim()),
                None => return Err(format!("$randnum({a}) needs two numbers")),
            },
            ("readapi", Some(url)) => format!("$(urlfetch {})", url.trim()),
            ("", _) => "$".to_string(),
            (other, _) => return Err(format!("${other} has no AeThex equivalent")),
        };
        out.push_str(&replacement);
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// Import a Streamlabs Chatbot command export (CSV with a header row).
pub fn streamlabs(csv: &str) -> Result<Report, String> {
    let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> =
        csv_fields(lines.next().ok_or("the export is empty")?).iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(c_cmd), Some(c_perm), Some(c_resp)) = (col("command"), col("permission"), col("response")) else {
        return Err("not a Streamlabs Chatbot export: the header needs Command, Permission and Response".into());
    };
    let (c_cd, c_count, c_enabled, c_cost) = (col("cooldown"), col("count"), col("enabled"), col("cost"));
    let mut r = Report::default();
    for line in lines {
        let f = csv_fields(line);
        let get = |i: Option<usize>| i.and_then(|i| f.get(i)).map(|s| s.trim().to_string()).unwrap_or_default();
        let raw_name = get(Some(c_cmd));
        let Ok(name) = normalise_name(&raw_name) else {
            r.skipped.push((raw_name, "not a usable command name".into()));
            continue;
        };
        if get(c_enabled).eq_ignore_ascii_case("false") {
            r.skipped.push((name, "disabled in Streamlabs".into()));
            continue;
        }
        let perm = get(Some(c_perm));
        let level = match perm.to_ascii_lowercase().as_str() {
            "everyone" | "" => UserLevel::Everyone,
            "regular" => UserLevel::Regular,
            "subscriber" => UserLevel::Subscriber,
            "moderator" => UserLevel::Moderator,
            "editor" => {
                r.notes.push((name.clone(), "Editor became moderator".into()));
                UserLevel::Moderator
            }
            "caster" | "broadcaster" => UserLevel::Owner,
            other => {
                r.skipped.push((name, format!("permission '{other}' has no AeThex equivalent")));
                continue;
            }
        };
        let response = match translate_streamlabs(&get(Some(c_resp))) {
            Ok(t) if !t.trim().is_empty() && t.chars().count() <= MAX_RESPONSE => t,
            Ok(t) if t.trim().is_empty() => {
                r.skipped.push((name, "empty response".into()));
                continue;
            }
            Ok(_) => {
                r.skipped.push((name, format!("response longer than {MAX_RESPONSE} characters")));
                continue;
            }
            Err(why) => {
                r.skipped.push((name, why));
                continue;
            }
        };
        if get(c_cost).parse::<u64>().unwrap_or(0) > 0 {
            r.notes.push((name.clone(), "its points cost was dropped".into()));
        }
        let cd = get(c_cd).parse::<u64>().unwrap_or(crate::manage::DEFAULT_COOLDOWN);
        let cooldown = clamp_cooldown(&name, cd, &mut r.notes);
        r.imported.push(Command {
            name,
            response,
            level,
            cooldown,
            alias: None,
            count: get(c_count).parse().unwrap_or(0),
        });
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sample in the shape of Nightbot's `GET /1/commands` answer.
    /// A sample in the shape of Nightbot's `GET /1/commands` answer (shared with the CLI test).
    const NIGHTBOT: &str = include_str!("../tests/data/nightbot-commands.json");

    /// A sample in the shape of Streamlabs Chatbot's command export, saved as CSV.
    const STREAMLABS: &str = include_str!("../tests/data/streamlabs-commands.csv");

    #[test]
    fn nightbot_commands_with_a_report() {
        let r = nightbot(NIGHTBOT).unwrap();
        let names: Vec<&str> = r.imported.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["!discord", "!hug", "!math"]);
        assert_eq!(r.imported[0].count, 12);
        assert_eq!(r.imported[1].level, UserLevel::Vip);
        assert_eq!(r.imported[1].cooldown, 5);
        assert!(r.notes.iter().any(|(n, why)| n == "!hug" && why.contains("2 s became 5 s")));
        assert!(r.notes.iter().any(|(n, why)| n == "!math" && why.contains("not JavaScript")));
        assert_eq!(r.skipped.len(), 2);
        assert!(nightbot("[1,2]").unwrap_err().contains("not a Nightbot command list"));
    }

    #[test]
    fn streamlabs_export_translated_with_a_report() {
        let r = streamlabs(STREAMLABS).unwrap();
        let got: Vec<(&str, &str)> = r.imported.iter().map(|c| (c.name.as_str(), c.response.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("!lurk", "$(user) is now lurking, see you soon!"),
                ("!roll", "$(user) rolled ${random.number 1-6}"),
                ("!so", "Go follow $(touser) at https://live.example/$(1)"),
                ("!api", "$(urlfetch https://api.example/x)"),
            ]
        );
        assert_eq!(r.imported[1].level, UserLevel::Subscriber);
        assert_eq!(r.imported[2].level, UserLevel::Moderator);
        assert!(r.notes.iter().any(|(n, w)| n == "!so" && w.contains("Editor")));
        assert!(r.notes.iter().any(|(n, w)| n == "!roll" && w.contains("points cost")));
        let skipped: Vec<&str> = r.skipped.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(skipped, vec!["!rank", "!old", "!pts"]);
        assert!(r.skipped.iter().any(|(_, w)| w.contains("$points has no AeThex equivalent")));
        assert!(streamlabs("Name,Text\nx,y").unwrap_err().contains("not a Streamlabs"));
        assert!(streamlabs("").unwrap_err().contains("empty"));
    }
}
