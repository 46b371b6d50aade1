//! The IRC message codec in the Twitch dialect (IRCv3 tags): one definition
//! shared by the server's chat gateways and by clients. Pure and bounded:
//! it never allocates more than a line's worth, never panics on input.

use std::fmt::Write as _;

/// Most bytes of IRC after the tags. RFC 1459 says 512, but a 500-character
/// chat message in a non-Latin script is up to 2,000 bytes of UTF-8, and Twitch
/// accepts such lines; so do we, on purpose.
pub const MAX_LINE: usize = 2048;
/// Most bytes of the tag section (IRCv3 message tags).
pub const MAX_TAGS: usize = 8191;

/// Why a line is not an IRC message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IrcError {
    /// Empty or whitespace only.
    #[error("empty line")]
    Empty,
    /// Longer than the limits above.
    #[error("line too long")]
    TooLong,
    /// A `@tags` or `:prefix` with nothing after it.
    #[error("no command")]
    NoCommand,
    /// NUL, CR or LF inside the line.
    #[error("control characters in line")]
    BadCharacter,
}

/// One IRC message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    /// IRCv3 tags, in order, values unescaped.
    pub tags: Vec<(String, String)>,
    /// `nick!user@host` or a server name, without the colon.
    pub prefix: Option<String>,
    /// Upper-case command or three-digit numeric.
    pub command: String,
    /// Parameters; the last may contain spaces.
    pub params: Vec<String>,
}

/// Escape a tag value (`;` `\s` `\\` `\r` `\n`), so user text cannot inject tags.
/// NUL has no escape and no place on a line: it becomes a space, as in parameters.
pub fn escape_tag(v: &str) -> String {
    let mut o = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            ';' => o.push_str("\\:"),
            ' ' | '\0' => o.push_str("\\s"),
            '\\' => o.push_str("\\\\"),
            '\r' => o.push_str("\\r"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o
}

/// Undo [`escape_tag`]; an unknown escape drops the backslash, as IRCv3 says.
pub fn unescape_tag(v: &str) -> String {
    let mut o = String::with_capacity(v.len());
    let mut it = v.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            o.push(c);
            continue;
        }
        match it.next() {
            Some(':') => o.push(';'),
            Some('s') => o.push(' '),
            Some('\\') => o.push('\\'),
            Some('r') => o.push('\r'),
            Some('n') => o.push('\n'),
            Some(other) => o.push(other),
            None => {}
        }
    }
    o
}

impl Message {
    /// A message with a command and parameters.
    pub fn new(command: &str, params: &[&str]) -> Self {
        Self { command: command.to_string(), params: params.iter().map(|p| p.to_string()).collect(), ..Self::default() }
    }

    /// The same message with a prefix.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// The same message with a tag added.
    pub fn with_tag(mut self, key: &str, value: impl Into<String>) -> Self {
        self.tags.push((key.to_string(), value.into()));
        self
    }

    /// A tag's value.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Parse one line (with or without its CRLF).
    pub fn parse(line: &str) -> Result<Self, IrcError> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains(['\0', '\r', '\n']) {
            return Err(IrcError::BadCharacter);
        }
        let mut rest = line.trim_start_matches(' ');
        let mut msg = Message::default();
        if let Some(tags) = rest.strip_prefix('@') {
            let (tags, after) = tags.split_once(' ').ok_or(IrcError::NoCommand)?;
            if tags.len() > MAX_TAGS {
                return Err(IrcError::TooLong);
            }
            for tag in tags.split(';').filter(|t| !t.is_empty()) {
                let (k, v) = tag.split_once('=').unwrap_or((tag, ""));
                msg.tags.push((k.to_string(), unescape_tag(v)));
            }
            rest = after.trim_start_matches(' ');
        }
        if rest.len() > MAX_LINE {
            return Err(IrcError::TooLong);
        }
        if let Some(p) = rest.strip_prefix(':') {
            let (prefix, after) = p.split_once(' ').ok_or(IrcError::NoCommand)?;
            msg.prefix = Some(prefix.to_string());
            rest = after.trim_start_matches(' ');
        }
        let (command, mut rest) = match rest.split_once(' ') {
            Some((c, r)) => (c, r),
            None => (rest, ""),
        };
        if command.is_empty() {
            return Err(if line.trim().is_empty() { IrcError::Empty } else { IrcError::NoCommand });
        }
        msg.command = command.to_ascii_uppercase();
        loop {
            rest = rest.trim_start_matches(' ');
            if rest.is_empty() {
                break;
            }
            if let Some(trailing) = rest.strip_prefix(':') {
                msg.params.push(trailing.to_string());
                break;
            }
            match rest.split_once(' ') {
                Some((p, r)) => {
                    msg.params.push(p.to_string());
                    rest = r;
                }
                None => {
                    msg.params.push(rest.to_string());
                    break;
                }
            }
        }
        Ok(msg)
    }

    /// Serialise without the CRLF. Tag values are escaped; the last parameter
    /// gets a colon when it needs one; CR, LF and NUL in parameters become spaces.
    pub fn to_line(&self) -> String {
        let mut o = String::with_capacity(64);
        if !self.tags.is_empty() {
            o.push('@');
            for (i, (k, v)) in self.tags.iter().enumerate() {
                if i > 0 {
                    o.push(';');
                }
                let key: String =
                    k.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | '+')).collect();
                let _ = write!(o, "{key}={}", escape_tag(v));
            }
            o.push(' ');
        }
        if let Some(p) = &self.prefix {
            let _ = write!(o, ":{} ", clean(p).replace(' ', ""));
        }
        o.push_str(&self.command);
        for (i, p) in self.params.iter().enumerate() {
            let p = clean(p);
            let last = i + 1 == self.params.len();
            if last && (p.is_empty() || p.contains(' ') || p.starts_with(':')) {
                let _ = write!(o, " :{p}");
            } else {
                let _ = write!(o, " {}", p.replace(' ', ""));
            }
        }
        o
    }
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\r' | '\n' | '\0') { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_twitch_privmsg() {
        let line = "@badge-info=subscriber/8;badges=broadcaster/1;color=#0D4200;display-name=Ronni;emotes=;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;tmi-sent-ts=1507246572675;user-id=1337 :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa\r\n";
        let m = Message::parse(line).unwrap();
        assert_eq!(m.command, "PRIVMSG");
        assert_eq!(m.params, vec!["#ronni", "Kappa Keepo Kappa"]);
        assert_eq!(m.prefix.as_deref(), Some("ronni!ronni@ronni.tmi.twitch.tv"));
        assert_eq!(m.tag("display-name"), Some("Ronni"));
        assert_eq!(m.tag("emotes"), Some(""));
        assert_eq!(Message::parse(&m.to_line()).unwrap(), m, "round trip");
    }

    #[test]
    fn tag_injection_is_escaped() {
        let evil = "a;b=c d\\e\r\nPRIVMSG #x :pwned";
        let m = Message::new("PRIVMSG", &["#room", "hi"]).with_tag("display-name", evil);
        let line = m.to_line();
        assert!(!line.contains('\r') && !line.contains('\n'));
        assert_eq!(line.matches(';').count(), 0, "no raw semicolons: {line}");
        assert_eq!(Message::parse(&line).unwrap().tag("display-name"), Some(evil));
        let text = Message::new("PRIVMSG", &["#room", "line\r\nQUIT"]).to_line();
        assert_eq!(text, "PRIVMSG #room :line  QUIT");
    }

    #[test]
    fn simple_and_odd_lines() {
        assert_eq!(Message::parse("PING :tmi.twitch.tv").unwrap(), Message::new("PING", &["tmi.twitch.tv"]));
        assert_eq!(Message::parse("nick justinfan123").unwrap(), Message::new("NICK", &["justinfan123"]));
        assert_eq!(Message::parse("CAP REQ :a b").unwrap().params, vec!["REQ", "a b"]);
        assert_eq!(Message::parse("JOIN #a,#b").unwrap().params, vec!["#a,#b"]);
        assert_eq!(Message::parse("   "), Err(IrcError::Empty));
        assert_eq!(Message::parse("@a=b"), Err(IrcError::NoCommand));
        assert_eq!(Message::parse(":prefix"), Err(IrcError::NoCommand));
        assert_eq!(Message::parse("PRIVMSG #a :x\0y"), Err(IrcError::BadCharacter));
        assert_eq!(Message::parse(&format!("PRIVMSG #a :{}", "x".repeat(2100))), Err(IrcError::TooLong));
        assert!(Message::parse(&format!("PRIVMSG #a :{}", "é".repeat(500))).is_ok(), "500 two-byte characters fit");
        assert_eq!(Message::parse(&format!("@a={} PING", "x".repeat(9000))), Err(IrcError::TooLong));
        assert_eq!(unescape_tag("\\:\\s\\\\\\r\\n\\q\\"), "; \\\r\nq");
        assert_eq!(Message::new("PRIVMSG", &["#a", ""]).to_line(), "PRIVMSG #a :");
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz targets for the codec: any line parses or is refused with an
    //! [`IrcError`], and what parses survives a trip through [`Message::to_line`];
    //! any message the server builds becomes one line that parses back to it.

    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::fuzz::gen::{mutate_text, mutations, text};

    const CONTROL: [char; 3] = ['\0', '\r', '\n'];

    fn key_char(c: char) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | '+')
    }

    /// The message `to_line` means to send: tag keys reduced to the characters
    /// it keeps (it drops the others rather than escape them).
    fn canonical(m: &Message) -> Message {
        let mut m = m.clone();
        for (k, _) in &mut m.tags {
            k.retain(key_char);
        }
        m
    }

    /// Whether a line `to_line` wrote fits [`MAX_TAGS`] and [`MAX_LINE`].
    fn within_limits(line: &str) -> bool {
        match line.strip_prefix('@').and_then(|t| t.split_once(' ')) {
            Some((tags, rest)) => tags.len() <= MAX_TAGS && rest.len() <= MAX_LINE,
            None => line.len() <= MAX_LINE,
        }
    }

    /// Well-formed lines, then damaged: random separators, truncation, bit flips, repeats.
    fn line() -> impl Strategy<Value = String> {
        let tag = ("[a-z0-9/+.-]{0,8}", text(12), any::<bool>()).prop_map(|(k, v, with_eq)| {
            if with_eq {
                format!("{k}={}", escape_tag(&v))
            } else {
                k
            }
        });
        let structured = (
            proptest::option::of(vec(tag, 0..5)),
            proptest::option::of("[a-z0-9!@.]{0,20}"),
            prop_oneof!["[A-Za-z]{1,10}", "[0-9]{3}", text(6)],
            vec(text(10), 0..4),
            proptest::option::of(text(40)),
            prop::sample::select(vec![" ", "  ", " \t", "\u{a0}"]),
            prop::sample::select(vec!["", "\r\n", "\n", "\r"]),
        )
            .prop_map(|(tags, prefix, command, middle, trailing, sep, end)| {
                let mut l = String::new();
                if let Some(tags) = tags {
                    l.push('@');
                    l.push_str(&tags.join(";"));
                    l.push_str(sep);
                }
                if let Some(p) = prefix {
                    l.push(':');
                    l.push_str(&p);
                    l.push_str(sep);
                }
                l.push_str(&command);
                for p in middle {
                    l.push_str(sep);
                    l.push_str(&p);
                }
                if let Some(t) = trailing {
                    l.push_str(sep);
                    l.push(':');
                    l.push_str(&t);
                }
                l.push_str(end);
                l
            });
        let near_limits = prop_oneof![
            (MAX_LINE - 20..MAX_LINE + 20).prop_map(|n| format!("PRIVMSG #a :{}", "x".repeat(n))),
            (MAX_LINE / 2 - 10..MAX_LINE / 2 + 10).prop_map(|n| format!("PRIVMSG #a :{}", "é".repeat(n))),
            (MAX_TAGS - 20..MAX_TAGS + 20).prop_map(|n| format!("@a={} PING", "x".repeat(n))),
            (0..3000usize).prop_map(|n| format!("@{} :p CMD", "a;".repeat(n))),
            (0..3000usize).prop_map(|n| format!("CMD {}", "p ".repeat(n))),
        ];
        prop_oneof![
            4 => (structured, mutations(4)).prop_map(|(l, m)| mutate_text(&l, &m)),
            2 => text(200),
            1 => near_limits,
        ]
    }

    #[test]
    fn fuzz_irc_parse() {
        crate::fuzz::target("irc_parse").run(line(), |line| {
            let Ok(m) = Message::parse(&line) else { return Ok(()) };
            prop_assert!(!m.command.is_empty() && !m.command.contains(' '), "command {:?}", m.command);
            prop_assert_eq!(&m.command, &m.command.to_ascii_uppercase());
            prop_assert!(m.prefix.as_deref().is_none_or(|p| !p.contains(' ')));
            // Tag values may hold CR and LF (escaped on the wire), never NUL.
            prop_assert!(m.tags.iter().all(|(_, v)| !v.contains('\0')));
            for t in m.tags.iter().map(|(k, _)| k).chain(&m.params).chain(&m.prefix) {
                prop_assert!(!t.contains(CONTROL), "control character in {t:?}");
            }
            if let Some((_, middle)) = m.params.split_last() {
                for p in middle {
                    prop_assert!(!p.is_empty() && !p.contains(' ') && !p.starts_with(':'), "middle param {p:?}");
                }
            }
            // `to_line` does not enforce the limits: valueless tags (`a;b`) come back
            // as `a=;b=`, so a tag section near the limit can outgrow it. And a
            // command read after an empty tag section (`@ @ X`) may start with `@`,
            // which reads as tags when written first; no command we send does.
            let again = m.to_line();
            if !within_limits(&again) || m.command.starts_with('@') {
                return Ok(());
            }
            prop_assert_eq!(Message::parse(&again), Ok(canonical(&m)), "re-serialised as {:?}", again);
            Ok(())
        });
    }

    /// A message as the server builds one: a command of its own, any text in
    /// tag values and in the last parameter, and middle parameters that are
    /// mostly channel-like words (sometimes anything).
    type Parts = (Vec<(String, String)>, Option<String>, String, Vec<String>, String);

    fn parts() -> impl Strategy<Value = Parts> {
        let middle = prop_oneof![4 => "#?[a-z0-9_]{1,12}", 1 => text(8)];
        (
            vec(("[A-Za-z0-9/+.-]{0,12}", text(30)), 0..6),
            proptest::option::of(text(20)),
            prop_oneof!["[A-Z]{1,12}", "[0-9]{3}"],
            vec(middle, 0..3),
            text(80),
        )
    }

    #[test]
    fn fuzz_irc_format() {
        crate::fuzz::target("irc_format").run(parts(), |(tags, prefix, command, middle, last)| {
            let mut params: Vec<&str> = middle.iter().map(String::as_str).collect();
            params.push(&last);
            let mut m = Message::new(&command, &params);
            m.prefix = prefix.clone();
            m.tags = tags.clone();
            let line = m.to_line();
            prop_assert!(!line.contains(CONTROL), "one line, no control characters: {line:?}");
            if !within_limits(&line) {
                return Ok(());
            }
            let parsed = Message::parse(&line).map_err(|e| TestCaseError::fail(format!("{e}: {line:?}")))?;
            prop_assert_eq!(&parsed.command, &command);
            let mut sent = canonical(&m).tags;
            for (_, v) in &mut sent {
                *v = v.replace('\0', " ");
            }
            prop_assert_eq!(&parsed.tags, &sent, "tag values survive any text but NUL");
            let clean = |s: &str| s.replace(CONTROL, " ");
            prop_assert_eq!(parsed.prefix, prefix.map(|p| clean(&p).replace(' ', "")));
            let plain_middle =
                middle.iter().all(|p| !p.is_empty() && !p.starts_with(':') && !p.contains(CONTROL) && !p.contains(' '));
            if plain_middle {
                prop_assert_eq!(parsed.params.last().cloned(), Some(clean(&last)));
                prop_assert_eq!(parsed.params.len(), middle.len() + 1);
            }
            Ok(())
        });
    }
}
