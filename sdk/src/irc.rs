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
pub fn escape_tag(v: &str) -> String {
    let mut o = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            ';' => o.push_str("\\:"),
            ' ' => o.push_str("\\s"),
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
