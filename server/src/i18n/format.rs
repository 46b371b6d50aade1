//! Numbers, dates and money per locale, from CLDR through ICU4X (compiled
//! data: nothing is loaded at run time).
//!
//! Fluent chooses plural forms itself; the numbers it prints go through
//! [`format_value`], which the catalogues install as their bundle's formatter,
//! so `{ $count }` reads "1.234" in German and "1 234" in French.

use fixed_decimal::Decimal;
use fluent_bundle::FluentValue;
use icu_decimal::DecimalFormatter;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// The ICU locale of a Fluent language tag (`pt-BR`, `zh-CN`, ...). The
/// pseudo-locale formats as English.
pub fn icu_locale(tag: &str) -> icu_locale_core::Locale {
    let tag = if tag == super::PSEUDO { "en" } else { tag };
    tag.parse().unwrap_or(icu_locale_core::locale!("en"))
}

/// A locale's decimal formatter, built once per catalogue by Fluent's memoizer.
pub struct Decimals(DecimalFormatter);

impl Memoizable for Decimals {
    type Args = ();
    type Error = icu_provider::DataError;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        DecimalFormatter::try_new(icu_locale(&lang.to_string()).into(), Default::default()).map(Decimals)
    }
}

impl Decimals {
    /// `minor` with `exponent` fraction digits (499, 2 -> "4.99"), grouped.
    pub fn format(&self, minor: i64, exponent: i16) -> String {
        let mut d = Decimal::from(minor);
        d.multiply_pow10(-exponent);
        self.0.format(&d).to_string()
    }
}

/// The bundle formatter: numbers in the catalogue's locale; everything else
/// as Fluent prints it.
pub fn format_value<M: fluent_bundle::memoizer::MemoizerKind>(v: &FluentValue, intls: &M) -> Option<String> {
    let FluentValue::Number(n) = v else { return None };
    if n.value.fract() != 0.0 || !n.value.is_finite() || n.value.abs() > 1e15 {
        return None;
    }
    intls.with_try_get_threadsafe::<Decimals, _, _>((), |f| f.format(n.value as i64, 0)).ok()
}

/// A locale's medium date ("30 Nov 2026", "30.11.2026", "2026/11/30").
pub struct Dates(icu_datetime::DateTimeFormatter<icu_datetime::fieldsets::YMD>);

impl Memoizable for Dates {
    type Args = ();
    type Error = icu_datetime::DateTimeFormatterLoadError;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        let fields = icu_datetime::fieldsets::YMD::medium();
        icu_datetime::DateTimeFormatter::try_new(icu_locale(&lang.to_string()).into(), fields).map(Dates)
    }
}

impl Dates {
    /// The UTC calendar date of `ms` (Unix milliseconds).
    pub fn format(&self, ms: i64) -> String {
        let days = ms.div_euclid(86_400_000);
        let (y, m, d) = aethex_sdk::time::civil_from_days(days);
        match icu_calendar::Date::try_new_iso(y as i32, m as u8, d as u8) {
            Ok(date) => self.0.format(&date).to_string(),
            Err(_) => String::new(),
        }
    }
}

/// Minor-unit digits of an ISO 4217 currency (JPY 0, EUR 2, KWD 3); `None`
/// for a code ISO 4217 does not list.
pub fn currency_exponent(code: &str) -> Option<u16> {
    aethex_sdk::currency_exponent(code)
}

/// Parse a typed amount of `currency` into minor units: "4.99" or "4,99" for
/// EUR is 499, "500" for JPY is 500; at most the currency's fraction digits,
/// optional thousands separators (space, no-break space, the other mark).
pub fn parse_amount(typed: &str, exponent: u16) -> Option<i64> {
    let t: String = typed.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    if t.is_empty() || t.len() > 24 {
        return None;
    }
    // The last '.' or ',' is the decimal mark when it has at most `exponent`
    // digits after it and there is only one such mark or the others are the other sign.
    let last = t.rfind(['.', ',']);
    let (int_part, frac) = match last {
        Some(i) if t.len() - i - 1 <= exponent as usize && t.len() - i - 1 > 0 => {
            let mark = t.as_bytes()[i];
            let int = &t[..i];
            if int.bytes().any(|b| b == mark) {
                return None; // "1.234.56": ambiguous
            }
            (int.replace(['.', ','], ""), &t[i + 1..])
        }
        Some(i) if t.len() - i - 1 == 3 && exponent == 0 => {
            // "1,000" or "1.000" yen: a thousands separator. With a currency
            // that has cents, "4.999" is ambiguous (4999 in German, a typo in
            // English) and refused.
            let _ = i;
            (t.replace(['.', ','], ""), "")
        }
        Some(_) => return None,
        None => (t.clone(), ""),
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut s = int_part;
    s.push_str(frac);
    for _ in frac.len()..exponent as usize {
        s.push('0');
    }
    s.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_per_currency() {
        assert_eq!(parse_amount("4.99", 2), Some(499));
        assert_eq!(parse_amount("4,99", 2), Some(499));
        assert_eq!(parse_amount("5", 2), Some(500));
        assert_eq!(parse_amount("1.234,50", 2), Some(123_450));
        assert_eq!(parse_amount("1,234.50", 2), Some(123_450));
        assert_eq!(parse_amount("1 234,5", 2), Some(123_450));
        assert_eq!(parse_amount("500", 0), Some(500));
        assert_eq!(parse_amount("1,000", 0), Some(1000));
        assert_eq!(parse_amount("4.5", 0), None, "yen have no fraction");
        assert_eq!(parse_amount("1.250", 3), Some(1250), "KWD has three digits");
        for bad in ["", "abc", "4.9.9", "-5", "1.234.56", "4,", ".5x", "4.999"] {
            assert_eq!(parse_amount(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn currencies_have_iso_minor_units() {
        assert_eq!(currency_exponent("jpy"), Some(0));
        assert_eq!(currency_exponent("EUR"), Some(2));
        assert_eq!(currency_exponent("KWD"), Some(3));
        assert_eq!(currency_exponent("XYZ"), None);
    }
}
