//! Schemas the OpenAPI document needs beyond the wire types' shapes: the
//! platform's input rules as JSON Schema patterns, so a client can check a
//! value before sending it and a fuzzer knows which values the server takes.
//!
//! Each pattern here is built from, or tested against, the rule the server
//! applies ([`is_valid_login`], [`is_valid_tag`], `char::is_control`,
//! `char::is_whitespace`), so the document cannot promise what the server refuses.
//! Patterns use only what ECMA-262, Python's `re` and Rust's `regex` read alike:
//! `\uXXXX` escapes for the basic plane, literal characters beyond it.

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

#[cfg(doc)]
use crate::{is_valid_login, is_valid_tag};

/// [`is_valid_login`]: 3–25 characters of `[a-z0-9_]`.
pub const LOGIN_PATTERN: &str = "^[a-z0-9_]{3,25}$";

/// Text without control characters (`char::is_control`: U+0000–U+001F, U+007F–U+009F).
pub const NO_CONTROL_PATTERN: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

/// Text without control characters that is not blank (it has a character that
/// is neither whitespace, as `char::is_whitespace` says, nor a control).
pub const NOT_BLANK_PATTERN: &str = concat!(
    "^[^\\u0000-\\u001f\\u007f-\\u009f]*",
    "[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]",
    "[^\\u0000-\\u001f\\u007f-\\u009f]*$"
);

/// Text that, once trimmed of whitespace, is 1 to `max` characters without
/// controls: the rule of chat messages and blocked terms, which are trimmed
/// before they are checked. `max` is at least 2.
pub fn trimmed_text_pattern(max: usize) -> String {
    const WS: &str = "[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
    const NOT_WS: &str = "[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
    const TEXT: &str = "[^\\u0000-\\u001f\\u007f-\\u009f]";
    format!("^{WS}*{NOT_WS}(?:{TEXT}{{0,{}}}{NOT_WS})?{WS}*$", max.saturating_sub(2))
}

/// A character class (`[...]`, without the brackets) of every character `keep` accepts.
pub fn char_class(keep: impl Fn(char) -> bool) -> String {
    let mut ranges: Vec<(char, char)> = Vec::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32).filter(|c| keep(*c)) {
        match ranges.last_mut() {
            Some((_, hi)) if u32::from(*hi) + 1 == u32::from(c) => *hi = c,
            _ => ranges.push((c, c)),
        }
    }
    let one = |c: char| -> String {
        if c.is_ascii_alphanumeric() {
            c.to_string()
        } else if u32::from(c) < 0x1_0000 {
            format!("\\u{:04x}", u32::from(c))
        } else {
            // No escape for the astral planes reads the same in every dialect; the character does.
            c.to_string()
        }
    };
    ranges
        .into_iter()
        .map(|(lo, hi)| match u32::from(hi) - u32::from(lo) {
            0 => one(lo),
            1 => format!("{}{}", one(lo), one(hi)),
            _ => format!("{}-{}", one(lo), one(hi)),
        })
        .collect()
}

fn string(pattern: String, description: &str) -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).description(Some(description)).into()
}

/// A login in the document: [`LOGIN_PATTERN`].
pub struct Login;

impl PartialSchema for Login {
    fn schema() -> RefOr<Schema> {
        string(LOGIN_PATTERN.to_string(), "A login: 3-25 characters of a-z, 0-9 and _.")
    }
}

impl ToSchema for Login {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Login")
    }
}

/// A channel tag in the document: [`is_valid_tag`] as a pattern.
pub struct Tag;

impl PartialSchema for Tag {
    fn schema() -> RefOr<Schema> {
        static PATTERN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let pattern = PATTERN.get_or_init(|| format!("^[{}]{{1,25}}$", char_class(char::is_alphanumeric)));
        string(
            pattern.clone(),
            "A tag: 1-25 letters or digits of any script (Unicode Alphabetic or Numeric), no spaces or punctuation.",
        )
    }
}

impl ToSchema for Tag {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Tag")
    }
}

/// An ISO 4217 currency code, either case: one of [`crate::currency_codes`].
pub struct Currency;

impl PartialSchema for Currency {
    fn schema() -> RefOr<Schema> {
        static PATTERN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let pattern = PATTERN.get_or_init(|| {
            let either =
                |code: &str| code.chars().map(|c| format!("[{c}{}]", c.to_ascii_lowercase())).collect::<String>();
            format!("^(?:{})$", crate::currency_codes().iter().map(|c| either(c)).collect::<Vec<_>>().join("|"))
        });
        string(pattern.clone(), "An ISO 4217 currency code, either case (EUR, usd, JPY...).")
    }
}

impl ToSchema for Currency {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Currency")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_ranges_of_the_rule() {
        assert_eq!(char_class(char::is_control), "\\u0000-\\u001f\\u007f-\\u009f");
        assert_eq!(char_class(|c| c.is_ascii_digit() || c == 'a' || c == 'b'), "0-9ab");
        // The whitespace the patterns name is exactly Rust's.
        assert_eq!(
            char_class(char::is_whitespace),
            "\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
        );
    }

    #[test]
    fn trimmed_text_bounds() {
        assert!(trimmed_text_pattern(500).contains("{0,498}"));
    }
}
