//! Response variables, Nightbot's syntax and semantics: `$(user)`,
//! `$(touser)`, `$(query)`, `$(querystring)`, `$(1)`..`$(9)`, `$(count)`,
//! `$(channel)`, `$(userlevel)`, `$(time <zone> "<format>")`,
//! `$(countdown <date>)`, `$(countup <date>)`, `$(command <name>)`,
//! `$(urlfetch [json] <url>)`, `$(eval <expr>)`, AeThex's `$(uptime)` and
//! `$(followage)`, and StreamElements' `${random.pick 'a' 'b'}` and
//! `${random.number 1-10}`.
//!
//! Inner variables are expanded first (`$(urlfetch https://x/?q=$(querystring))`).
//! Bounded: nesting at most 4 deep, at most 20 variables per response, the
//! result at most 400 characters. Unterminated or unknown variables are left
//! as written, so the mistake is visible to whoever set the command up.

use crate::userlevel::UserLevel;

/// Most characters in a response.
pub const MAX_RESPONSE: usize = 400;
const MAX_DEPTH: usize = 4;
const MAX_VARS: usize = 20;

/// Who called which command with what.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// Caller's display name.
    pub user: String,
    /// Caller's login.
    pub login: String,
    /// Caller's level.
    pub level: UserLevel,
    /// The channel (login).
    pub channel: String,
    /// Words after the command.
    pub args: Vec<String>,
    /// Uses of this command so far, counting this one.
    pub count: u64,
    /// Now, Unix ms.
    pub now_ms: i64,
}

/// What variables need from outside: the web, the platform, other commands, randomness.
pub trait Services {
    /// `$(urlfetch)`: the body, or a short error text.
    fn urlfetch(&self, url: &str, inv: &Invocation)
        -> impl std::future::Future<Output = Result<String, String>> + Send;
    /// `$(uptime)` of the channel.
    fn uptime(&self, channel: &str) -> impl std::future::Future<Output = Result<String, String>> + Send;
    /// `$(followage)` of `user` in the channel.
    fn followage(&self, user: &str, channel: &str) -> impl std::future::Future<Output = Result<String, String>> + Send;
    /// Another command's response, for `$(command name)`.
    fn command_response(&self, name: &str) -> Option<String>;
    /// A random number in `0..n`.
    fn random(&self, n: usize) -> usize;
}

/// Expand every variable in `template`.
pub async fn expand<S: Services + Sync>(template: &str, inv: &Invocation, s: &S) -> String {
    let mut budget = MAX_VARS;
    let out = Box::pin(expand_at(template, inv, s, 0, &mut budget)).await;
    crate::cap(&out, MAX_RESPONSE)
}

/// Find the end of a variable body starting after `$(` (or `${`): the index of
/// the matching close, counting plain parentheses inside.
fn body_end(s: &str, close: char) -> Option<usize> {
    let open = if close == ')' { '(' } else { '{' };
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

async fn expand_at<S: Services + Sync>(t: &str, inv: &Invocation, s: &S, depth: usize, budget: &mut usize) -> String {
    let mut out = String::new();
    let mut rest = t;
    loop {
        let next = [rest.find("$("), rest.find("${")].into_iter().flatten().min();
        let Some(i) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let close = if rest[i..].starts_with("$(") { ')' } else { '}' };
        let inner_start = i + 2;
        let Some(len) = body_end(&rest[inner_start..], close) else {
            // Unterminated: leave the rest as written.
            out.push_str(&rest[i..]);
            return out;
        };
        let raw = &rest[inner_start..inner_start + len];
        rest = &rest[inner_start + len + 1..];
        if depth >= MAX_DEPTH || *budget == 0 {
            out.push_str(&format!("${}{raw}{}", if close == ')' { '(' } else { '{' }, close));
            continue;
        }
        *budget -= 1;
        let body = Box::pin(expand_at(raw, inv, s, depth + 1, budget)).await;
        let value = if close == ')' { variable(&body, inv, s, depth, budget).await } else { streamelements(&body, s) };
        match value {
            Some(v) => out.push_str(&v),
            None => out.push_str(&format!("${}{raw}{}", if close == ')' { '(' } else { '{' }, close)),
        }
    }
}

/// One `$(...)` body (already expanded inside); `None` for unknown names.
async fn variable<S: Services + Sync>(
    body: &str,
    inv: &Invocation,
    s: &S,
    depth: usize,
    budget: &mut usize,
) -> Option<String> {
    let body = body.trim();
    let (name, args) = body.split_once(char::is_whitespace).map(|(n, a)| (n, a.trim())).unwrap_or((body, ""));
    let query = inv.args.join(" ");
    Some(match name.to_ascii_lowercase().as_str() {
        "user" => inv.user.clone(),
        "touser" => inv.args.first().map(|a| a.trim_start_matches('@').to_string()).unwrap_or_else(|| inv.user.clone()),
        "query" => query,
        "querystring" => url::form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>().replace('+', "%20"),
        n if n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0" => {
            inv.args.get(n.parse::<usize>().ok()? - 1).cloned().unwrap_or_default()
        }
        "count" => inv.count.to_string(),
        "channel" => inv.channel.clone(),
        "userlevel" => inv.level.to_string(),
        "time" => time_var(args, inv.now_ms),
        "countdown" => match parse_date(args, inv.now_ms, true) {
            Some(t) => human_span(t - inv.now_ms),
            None => format!("[countdown: cannot read the date '{args}']"),
        },
        "countup" => match parse_date(args, inv.now_ms, false) {
            Some(t) => human_span(inv.now_ms - t),
            None => format!("[countup: cannot read the date '{args}']"),
        },
        "command" => {
            let target = crate::manage::normalise_name(args).ok()?;
            match s.command_response(&target) {
                Some(r) => Box::pin(expand_at(&r, inv, s, depth + 1, budget)).await,
                None => format!("[command: no command {target}]"),
            }
        }
        "urlfetch" => {
            let url = args.strip_prefix("json ").unwrap_or(args).trim();
            s.urlfetch(url, inv).await.unwrap_or_else(|e| format!("[urlfetch: {e}]"))
        }
        "eval" => crate::eval::eval(args).unwrap_or_else(|e| format!("[eval: {e}]")),
        "uptime" => s.uptime(&inv.channel).await.unwrap_or_else(|e| format!("[uptime: {e}]")),
        "followage" => {
            let who =
                inv.args.first().map(|a| a.trim_start_matches('@').to_lowercase()).unwrap_or_else(|| inv.login.clone());
            s.followage(&who, &inv.channel).await.unwrap_or_else(|e| format!("[followage: {e}]"))
        }
        _ => return None,
    })
}

/// `${random.pick 'a' 'b'}` and `${random.number 1-10}`.
fn streamelements<S: Services>(body: &str, s: &S) -> Option<String> {
    let body = body.trim();
    if let Some(args) = body.strip_prefix("random.pick") {
        let mut items = Vec::new();
        let mut rest = args.trim();
        while let Some(q) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') {
            let end = rest[1..].find(q)?;
            items.push(rest[1..1 + end].to_string());
            rest = rest[end + 2..].trim_start();
        }
        if items.is_empty() {
            items = args.split_whitespace().map(str::to_string).collect();
        }
        return (!items.is_empty()).then(|| items[s.random(items.len())].clone());
    }
    if let Some(args) = body.strip_prefix("random.number") {
        let (a, b) = args.trim().split_once('-')?;
        let (a, b): (i64, i64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        let (lo, hi) = (a.min(b), a.max(b));
        // hi - lo + 1 without overflowing (`0--9223372036854775808`); lo + a number below it cannot.
        let span = hi.abs_diff(lo).saturating_add(1).min(1_000_000_000) as usize;
        return Some((lo + s.random(span) as i64).to_string());
    }
    None
}

/// "2 days 3 hours 4 minutes 5 seconds", zero units left out.
pub fn human_span(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let parts = [(s / 86_400, "day"), ((s / 3600) % 24, "hour"), ((s / 60) % 60, "minute"), (s % 60, "second")];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n != 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if shown.is_empty() {
        "0 seconds".into()
    } else {
        shown.join(" ")
    }
}

/// A date for countdown/countup: RFC 3339, `YYYY-MM-DD[ HH:MM[:SS]]` (UTC),
/// or a time of day `HH:MM` that repeats daily (the next one for countdowns,
/// the last one for countups).
fn parse_date(s: &str, now_ms: i64, future: bool) -> Option<i64> {
    let s = s.trim().trim_end_matches(" UTC").trim_end_matches(" GMT");
    if let Some(t) = aethex_sdk::time::parse_rfc3339(s) {
        return Some(t);
    }
    let iso = |d: &str, t: &str| aethex_sdk::time::parse_rfc3339(&format!("{d}T{t}Z"));
    if s.len() == 10 {
        return iso(s, "00:00:00");
    }
    if let Some((d, t)) = s.split_once([' ', 'T']) {
        if d.len() == 10 {
            let t = if t.len() == 5 { format!("{t}:00") } else { t.to_string() };
            return iso(d, &t);
        }
    }
    let (h, m) = s.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    let day = now_ms.div_euclid(86_400_000) * 86_400_000;
    let today = day + (h * 3600 + m * 60) * 1000;
    Some(match (future, today >= now_ms) {
        (true, true) | (false, false) => today,
        (true, false) => today + 86_400_000,
        (false, true) => today - 86_400_000,
    })
}

/// `$(time <zone> "<format>")`: zones `UTC`/`GMT`, `UTC+2`, `+05:30`; moment.js
/// format tokens `YYYY MMMM MMM MM M Do DD D dddd ddd HH H hh h mm m ss s A a`.
fn time_var(args: &str, now_ms: i64) -> String {
    let (zone, format) = match args.split_once('"') {
        Some((z, f)) => (z.trim(), f.trim_end_matches('"')),
        None => (args.trim(), "h:mm A"),
    };
    let offset_min = match zone.to_ascii_uppercase().as_str() {
        "" | "UTC" | "GMT" | "ETC/UTC" => Some(0),
        z => {
            let z = z.trim_start_matches("UTC").trim_start_matches("GMT");
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let z = z.trim_start_matches(['+', '-']);
            let (h, m) = z.split_once(':').unwrap_or((z, "0"));
            match (h.parse::<i64>(), m.parse::<i64>()) {
                (Ok(h), Ok(m)) if h <= 14 && m < 60 => Some(sign * (h * 60 + m)),
                _ => None,
            }
        }
    };
    let Some(offset) = offset_min else {
        return format!("[time: unknown timezone '{zone}'; use UTC or an offset like UTC+2]");
    };
    format_moment(now_ms + offset * 60_000, format)
}

fn format_moment(ms: i64, fmt: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DAYS: [&str; 7] = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"];
    let iso = aethex_sdk::time::rfc3339(ms);
    let (y, mo, d): (i64, usize, usize) =
        (iso[0..4].parse().unwrap_or(1970), iso[5..7].parse().unwrap_or(1), iso[8..10].parse().unwrap_or(1));
    let (h, mi, s): (usize, usize, usize) =
        (iso[11..13].parse().unwrap_or(0), iso[14..16].parse().unwrap_or(0), iso[17..19].parse().unwrap_or(0));
    let weekday = DAYS[ms.div_euclid(86_400_000).rem_euclid(7) as usize];
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let ordinal = match (d % 10, d % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    let tokens: [(&str, String); 20] = [
        ("YYYY", y.to_string()),
        ("MMMM", MONTHS[mo - 1].into()),
        ("MMM", MONTHS[mo - 1][..3].into()),
        ("MM", format!("{mo:02}")),
        ("M", mo.to_string()),
        ("Do", format!("{d}{ordinal}")),
        ("DD", format!("{d:02}")),
        ("D", d.to_string()),
        ("dddd", weekday.into()),
        ("ddd", weekday[..3].into()),
        ("HH", format!("{h:02}")),
        ("H", h.to_string()),
        ("hh", format!("{h12:02}")),
        ("h", h12.to_string()),
        ("mm", format!("{mi:02}")),
        ("m", mi.to_string()),
        ("ss", format!("{s:02}")),
        ("s", s.to_string()),
        ("A", if h < 12 { "AM" } else { "PM" }.into()),
        ("a", if h < 12 { "am" } else { "pm" }.into()),
    ];
    let mut out = String::new();
    let mut rest = fmt;
    'outer: while !rest.is_empty() {
        for (tok, val) in &tokens {
            if let Some(after) = rest.strip_prefix(tok) {
                out.push_str(val);
                rest = after;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;

    impl Services for Fake {
        async fn urlfetch(&self, url: &str, inv: &Invocation) -> Result<String, String> {
            if url.contains("private") {
                Err("refused: private address".into())
            } else {
                Ok(format!("fetched {url} for {}", inv.login))
            }
        }
        async fn uptime(&self, channel: &str) -> Result<String, String> {
            Ok(format!("{channel} up 1 hour"))
        }
        async fn followage(&self, user: &str, _channel: &str) -> Result<String, String> {
            Ok(format!("{user} for 2 days"))
        }
        fn command_response(&self, name: &str) -> Option<String> {
            match name {
                "!discord" => Some("join $(channel)'s discord".into()),
                "!loop" => Some("again $(command loop)".into()),
                _ => None,
            }
        }
        fn random(&self, n: usize) -> usize {
            n - 1
        }
    }

    fn inv(args: &[&str]) -> Invocation {
        Invocation {
            user: "Bob".into(),
            login: "bob".into(),
            level: UserLevel::Subscriber,
            channel: "alice".into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            count: 7,
            now_ms: aethex_sdk::time::parse_rfc3339("2026-11-24T21:05:09Z").unwrap(),
        }
    }

    async fn x(t: &str, args: &[&str]) -> String {
        expand(t, &inv(args), &Fake).await
    }

    #[tokio::test]
    async fn every_variable() {
        assert_eq!(x("$(user) hugs $(touser)", &["@Cat"]).await, "Bob hugs Cat");
        assert_eq!(x("$(user) hugs $(touser)", &[]).await, "Bob hugs Bob");
        assert_eq!(x("[$(query)] [$(querystring)]", &["a b", "&c"]).await, "[a b &c] [a%20b%20%26c]");
        assert_eq!(x("$(1)-$(2)-$(9)", &["x", "y"]).await, "x-y-");
        assert_eq!(
            x("used $(count) times in $(channel) by a $(userlevel)", &[]).await,
            "used 7 times in alice by a subscriber"
        );
        assert_eq!(
            x("$(time UTC \"dddd, MMMM Do YYYY h:mm:ss A\")", &[]).await,
            "Tuesday, November 24th 2026 9:05:09 PM"
        );
        assert_eq!(x("$(time UTC+2 \"HH:mm\")", &[]).await, "23:05");
        assert_eq!(x("$(time -05:30 \"HH:mm\")", &[]).await, "15:35");
        assert!(x("$(time Mars/Olympus)", &[]).await.contains("unknown timezone"));
        assert_eq!(x("$(countdown 2026-11-25T21:05:09Z)", &[]).await, "1 day");
        assert_eq!(x("$(countup 2026-11-24 20:00)", &[]).await, "1 hour 5 minutes 9 seconds");
        assert_eq!(x("$(countdown 21:10)", &[]).await, "4 minutes 51 seconds", "a time of day repeats daily");
        assert_eq!(x("$(countdown 21:00)", &[]).await, "23 hours 54 minutes 51 seconds");
        assert!(x("$(countdown someday)", &[]).await.contains("cannot read"));
        assert_eq!(x("$(command discord)", &[]).await, "join alice's discord");
        assert_eq!(
            x("$(urlfetch https://api.test/$(querystring))", &["hi there"]).await,
            "fetched https://api.test/hi%20there for bob"
        );
        assert_eq!(x("$(urlfetch json https://x.test/private)", &[]).await, "[urlfetch: refused: private address]");
        assert_eq!(x("$(eval 2 * (3 + 4))", &[]).await, "14");
        assert_eq!(x("$(eval 1/0)", &[]).await, "[eval: division by zero]");
        assert_eq!(x("$(uptime) / $(followage)", &[]).await, "alice up 1 hour / bob for 2 days");
        assert_eq!(x("${random.pick 'heads' 'tails'}", &[]).await, "tails");
        assert_eq!(x("${random.number 1-10}", &[]).await, "10");
    }

    #[tokio::test]
    async fn bounded_and_forgiving() {
        assert_eq!(x("$(nosuch var) ok", &[]).await, "$(nosuch var) ok");
        assert_eq!(x("unterminated $(user", &[]).await, "unterminated $(user");
        // Recursion through $(command) stops at the depth limit.
        let looped = x("$(command loop)", &[]).await;
        assert!(looped.starts_with("again again") && looped.contains("$(command loop)"), "{looped}");
        // Deep nesting stops expanding (the innermost stays as written, and the
        // outer evals then say they cannot read it); long results are cut.
        let deep = x("$(eval $(eval $(eval $(eval $(eval 1)))))", &[]).await;
        assert!(deep.starts_with("[eval:"), "{deep}");
        assert_eq!(x("$(eval $(eval $(eval 2+2)))", &[]).await, "4", "shallow nesting works");
        let many = x(&"$(user)".repeat(30), &[]).await;
        assert!(many.contains("$(user)"), "at most 20 variables");
        assert_eq!(x(&"z".repeat(900), &[]).await.chars().count(), MAX_RESPONSE);
        assert_eq!(human_span(0), "0 seconds");
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for variable expansion: any template (nested variables,
    //! `$(command)` loops, StreamElements' `${random...}`) with any chatter's
    //! words ends in a response of at most [`MAX_RESPONSE`] characters, calls
    //! the services at most [`MAX_VARS`] times, and never panics.

    use std::sync::atomic::{AtomicUsize, Ordering};

    use aethex_sdk::fuzz::gen::{mutate_text, mutations, text, Mutation};
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;

    /// Services that answer at once and count how often they were asked.
    struct Counting {
        commands: Vec<(String, String)>,
        calls: AtomicUsize,
    }

    impl Services for Counting {
        async fn urlfetch(&self, url: &str, _: &Invocation) -> Result<String, String> {
            self.calls.fetch_add(1, Ordering::Relaxed);
            Ok(format!("{url} {}", "x".repeat(url.len() % 600)))
        }
        async fn uptime(&self, _: &str) -> Result<String, String> {
            self.calls.fetch_add(1, Ordering::Relaxed);
            Err("offline".into())
        }
        async fn followage(&self, user: &str, _: &str) -> Result<String, String> {
            self.calls.fetch_add(1, Ordering::Relaxed);
            Ok(user.to_string())
        }
        fn command_response(&self, name: &str) -> Option<String> {
            self.calls.fetch_add(1, Ordering::Relaxed);
            self.commands.iter().find(|(n, _)| format!("!{n}") == name).map(|(_, r)| r.clone())
        }
        fn random(&self, n: usize) -> usize {
            n.saturating_sub(1)
        }
    }

    /// A word a chatter or a moderator might put where a number, date, zone or name goes.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => "[a-z0-9@_]{0,8}",
            1 => any::<i64>().prop_map(|n| n.to_string()),
            1 => prop::sample::select(vec![
                "-9223372036854775808", "9223372036854775807", "0--9223372036854775808", "1-10", "-5-5",
                "2026-11-24", "2026-11-24 21:05", "2026-11-24T21:05:09+0é1", "9999-12-31T23:59:59Z", "23:59", "24:00",
                "UTC+14", "UTC-15", "+05:30", "\"HH:mm Do MMMM\"", "'a' 'b'", "'unterminated", "json", "http://x.test/",
            ])
            .prop_map(str::to_string),
            1 => text(8),
        ]
    }

    fn template() -> impl Strategy<Value = String> {
        let name = prop::sample::select(vec![
            "user",
            "touser",
            "query",
            "querystring",
            "1",
            "2",
            "9",
            "0",
            "count",
            "channel",
            "userlevel",
            "time",
            "countdown",
            "countup",
            "command",
            "urlfetch",
            "eval",
            "uptime",
            "followage",
            "nosuch",
            "USER",
        ]);
        let leaf = prop_oneof![
            3 => "[a-z !]{0,6}",
            2 => (name.clone(), vec(word(), 0..3)).prop_map(|(n, a)| format!("$({n} {})", a.join(" "))),
            1 => vec(word(), 0..3).prop_map(|a| format!("${{random.pick {}}}", a.join(" "))),
            1 => (word(), word()).prop_map(|(a, b)| format!("${{random.number {a}-{b}}}")),
            1 => prop::sample::select(vec!["$(", "${", ")", "}", "$(eval 1+", "$()"]).prop_map(str::to_string),
        ];
        leaf.prop_recursive(6, 40, 4, move |inner| {
            prop_oneof![
                2 => vec(inner.clone(), 1..4).prop_map(|parts| parts.concat()),
                2 => (name.clone(), inner.clone()).prop_map(|(n, body)| format!("$({n} {body})")),
                1 => inner.prop_map(|body| format!("${{random.pick {body} 'x'}}")),
            ]
        })
    }

    type Input = (String, Vec<Mutation>, Vec<String>, Vec<(String, String)>, i64);

    #[test]
    fn fuzz_vars() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let commands = vec(("[a-c]{1,2}", template()), 0..4);
        let now = prop_oneof![4 => Just(1_795_512_345_678i64), 1 => 0..253_402_300_799_999i64];
        let input = (template(), mutations(2), vec(word(), 0..4), commands, now);
        aethex_sdk::fuzz::target("vars").run(input, |(template, ms, args, commands, now_ms): Input| {
            let template = mutate_text(&template, &ms);
            let inv = Invocation {
                user: "Viewer".into(),
                login: "viewer".into(),
                level: UserLevel::Everyone,
                channel: "alice".into(),
                args,
                count: 1,
                now_ms,
            };
            let services = Counting { commands, calls: AtomicUsize::new(0) };
            let out = rt.block_on(expand(&template, &inv, &services));
            prop_assert!(out.chars().count() <= MAX_RESPONSE);
            let calls = services.calls.load(Ordering::Relaxed);
            prop_assert!(calls <= MAX_VARS, "{calls} service calls for {template:?}");
            Ok(())
        });
    }
}
