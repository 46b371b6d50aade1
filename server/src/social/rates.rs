//! Euro foreign exchange reference rates of the European Central Bank, for
//! showing a creator's takings in one display currency. Donations stay in
//! the currency they were given in; only totals are converted.
//!
//! The operator loads the ECB's published file, daily CSV (`eurofxref.csv`)
//! or XML (`eurofxref-daily.xml`), with `aethex-server rates load FILE`;
//! nothing is fetched at run time. Rates are exact decimals and conversions
//! are integer arithmetic, rounded half away from zero to the target
//! currency's ISO 4217 minor units (JPY none, KWD three).

use std::collections::BTreeMap;

use crate::store::Db;

/// A decimal as digits and a scale: 1.0705 is (10705, 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    digits: i128,
    scale: u32,
}

impl Rate {
    /// Parse "1.0705" (no sign, no exponent, at most 12 decimals).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if int.is_empty() || frac.len() > 12 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits: i128 = format!("{int}{frac}").parse().ok()?;
        (digits > 0 && int.len() <= 12).then_some(Self { digits, scale: frac.len() as u32 })
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = format!("{:0>width$}", self.digits, width = self.scale as usize + 1);
        let (i, d) = s.split_at(s.len() - self.scale as usize);
        if d.is_empty() {
            write!(f, "{i}")
        } else {
            write!(f, "{i}.{d}")
        }
    }
}

/// One day's rates: units of each currency per euro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rates {
    /// The day the ECB published them (as the file says it).
    pub date: String,
    /// Currency (ISO 4217) to units per EUR; EUR itself is 1.
    pub per_euro: BTreeMap<String, Rate>,
}

/// Why a rates file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RatesError {
    /// Neither the ECB's CSV nor its XML.
    #[error("not an ECB reference rates file (eurofxref.csv or eurofxref-daily.xml)")]
    Format,
    /// A currency code ISO 4217 does not list.
    #[error("'{0}' is not an ISO 4217 currency")]
    Currency(String),
    /// A rate that is not a positive decimal.
    #[error("the rate of {0} is not a positive decimal")]
    Rate(String),
    /// No rate at all.
    #[error("the file holds no rates")]
    Empty,
}

impl Rates {
    /// Parse the ECB's daily CSV or XML.
    pub fn parse(text: &str) -> Result<Self, RatesError> {
        let text = text.trim_start_matches('\u{feff}').trim();
        let (date, pairs) = if text.starts_with('<') { parse_xml(text)? } else { parse_csv(text)? };
        let mut per_euro = BTreeMap::new();
        per_euro.insert("EUR".to_string(), Rate { digits: 1, scale: 0 });
        for (code, rate) in pairs {
            let code = code.trim().to_ascii_uppercase();
            if crate::i18n::format::currency_exponent(&code).is_none() {
                return Err(RatesError::Currency(code));
            }
            let rate = rate.trim();
            // The CSV marks a currency without a rate that day as "N/A".
            if rate.eq_ignore_ascii_case("n/a") || rate.is_empty() {
                continue;
            }
            per_euro.insert(code.clone(), Rate::parse(rate).ok_or(RatesError::Rate(code))?);
        }
        if per_euro.len() < 2 {
            return Err(RatesError::Empty);
        }
        Ok(Self { date: date.trim().to_string(), per_euro })
    }

    /// `minor` units of `from` in `to`'s minor units, rounded half away from
    /// zero; `None` when either currency has no rate.
    pub fn convert(&self, minor: i64, from: &str, to: &str) -> Option<i64> {
        let (rf, rt) = (self.per_euro.get(from)?, self.per_euro.get(to)?);
        let (ef, et) = (crate::i18n::format::currency_exponent(from)?, crate::i18n::format::currency_exponent(to)?);
        // minor / 10^ef / (df / 10^sf) * (dt / 10^st) * 10^et
        let num = i128::from(minor).checked_mul(rt.digits)?.checked_mul(10i128.checked_pow(et as u32 + rf.scale)?)?;
        let den = rf.digits.checked_mul(10i128.checked_pow(ef as u32 + rt.scale)?)?;
        let (q, r) = (num / den, num % den);
        let q = if 2 * r.abs() >= den { q + num.signum() } else { q };
        i64::try_from(q).ok()
    }
}

/// `Date, USD, JPY, ...` then `28 June 2024, 1.0705, 171.94, ...` (trailing commas allowed).
fn parse_csv(text: &str) -> Result<(String, Vec<(String, String)>), RatesError> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let head: Vec<&str> = lines.next().ok_or(RatesError::Format)?.split(',').map(str::trim).collect();
    let row: Vec<&str> = lines.next().ok_or(RatesError::Format)?.split(',').map(str::trim).collect();
    if head.first().map(|h| h.eq_ignore_ascii_case("date")) != Some(true) || row.len() < 2 {
        return Err(RatesError::Format);
    }
    let pairs =
        head.iter().zip(row.iter()).skip(1).filter(|(h, _)| !h.is_empty()).map(|(h, v)| (h.to_string(), v.to_string()));
    Ok((row[0].to_string(), pairs.collect()))
}

/// `<Cube time='2024-06-28'><Cube currency='USD' rate='1.0705'/>...`: the
/// attributes the ECB writes, read without an XML library (the file is
/// flat and attributes are all it carries).
fn parse_xml(text: &str) -> Result<(String, Vec<(String, String)>), RatesError> {
    if !text.contains("eurofxref") {
        return Err(RatesError::Format);
    }
    let attr = |tag: &str, name: &str| -> Option<String> {
        let i = tag.find(&format!("{name}="))? + name.len() + 1;
        let quote = tag[i..].chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let rest = &tag[i + 1..];
        Some(rest[..rest.find(quote)?].to_string())
    };
    let mut date = None;
    let mut pairs = Vec::new();
    for tag in text.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        if !tag.starts_with("Cube") {
            continue;
        }
        if let Some(t) = attr(tag, "time") {
            if date.is_some() {
                break; // a history file: the newest day comes first
            }
            date = Some(t);
        }
        if let (Some(c), Some(r)) = (attr(tag, "currency"), attr(tag, "rate")) {
            pairs.push((c, r));
        }
    }
    Ok((date.ok_or(RatesError::Format)?, pairs))
}

/// Replace the stored rates with `rates`.
pub async fn store(db: &Db, rates: &Rates) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM exchange_rates").execute(&mut *tx).await?;
    for (code, rate) in &rates.per_euro {
        sqlx::query("INSERT INTO exchange_rates (currency, per_euro, as_of) VALUES ($1, $2, $3)")
            .bind(code)
            .bind(rate.to_string())
            .bind(&rates.date)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// The stored rates, if the operator loaded any.
pub async fn load(db: &Db) -> Result<Option<Rates>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT currency, per_euro, as_of FROM exchange_rates").fetch_all(&db.pool).await?;
    let date = rows.first().map(|r| r.2.clone()).unwrap_or_default();
    let per_euro: BTreeMap<String, Rate> =
        rows.into_iter().filter_map(|(c, r, _)| Some((c, Rate::parse(&r)?))).collect();
    Ok((per_euro.len() > 1).then_some(Rates { date, per_euro }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ECB's reference rates of 28 June 2024 as it publishes them (XML),
    /// abridged to eight currencies.
    const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='2024-06-28'>
\t\t\t<Cube currency='USD' rate='1.0705'/>
\t\t\t<Cube currency='JPY' rate='171.94'/>
\t\t\t<Cube currency='GBP' rate='0.84638'/>
\t\t\t<Cube currency='PLN' rate='4.3090'/>
\t\t\t<Cube currency='BRL' rate='5.8915'/>
\t\t\t<Cube currency='CNY' rate='7.7748'/>
\t\t\t<Cube currency='IDR' rate='17487.21'/>
\t\t\t<Cube currency='KRW' rate='1474.86'/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>";

    /// The same day in the ECB's CSV layout (`eurofxref.csv`), trailing comma
    /// included. The ECB publishes no Kuwaiti dinar: the KWD column (0.3283
    /// per euro) is one an operator added by hand, to show three-digit rounding.
    const CSV: &str = "Date, USD, JPY, GBP, KWD, \n28 June 2024, 1.0705, 171.94, 0.84638, 0.3283, \n";

    #[test]
    fn both_ecb_formats_parse() {
        let x = Rates::parse(XML).unwrap();
        assert_eq!(x.date, "2024-06-28");
        assert_eq!(x.per_euro.len(), 9, "eight and the euro");
        assert_eq!(x.per_euro["GBP"].to_string(), "0.84638");
        let c = Rates::parse(CSV).unwrap();
        assert_eq!(c.date, "28 June 2024");
        assert_eq!(c.per_euro["USD"], x.per_euro["USD"]);
        assert_eq!(c.per_euro["KWD"].to_string(), "0.3283");
    }

    #[test]
    fn conversions_round_to_each_currencys_minor_units() {
        let r = Rates::parse(CSV).unwrap();
        // 10.00 EUR is 10.705 USD: half away from zero, 10.71 (1071 cents).
        assert_eq!(r.convert(1000, "EUR", "USD"), Some(1071));
        // 10.00 EUR is 1719.4 yen: no minor unit, 1719.
        assert_eq!(r.convert(1000, "EUR", "JPY"), Some(1719));
        // 10.00 EUR is 3.283 KWD: three digits, 3283 fils, nothing lost.
        assert_eq!(r.convert(1000, "EUR", "KWD"), Some(3283));
        // 500 yen through the euro: 500 / 171.94 * 1.0705 = 3.1130... USD.
        assert_eq!(r.convert(500, "JPY", "USD"), Some(311));
        // 1.000 KWD in yen: 1 / 0.3283 * 171.94 = 523.72... yen.
        assert_eq!(r.convert(1000, "KWD", "JPY"), Some(524));
        assert_eq!(r.convert(499, "USD", "USD"), Some(499));
        assert_eq!(r.convert(100, "EUR", "CHF"), None, "no rate, no guess");
    }

    #[test]
    fn bad_files_are_refused() {
        assert_eq!(Rates::parse("hello"), Err(RatesError::Format));
        assert_eq!(Rates::parse("Date, USD,\n28 June 2024, abc,"), Err(RatesError::Rate("USD".into())));
        assert_eq!(Rates::parse("Date, XYZ,\n28 June 2024, 1.5,"), Err(RatesError::Currency("XYZ".into())));
        assert_eq!(Rates::parse("Date, USD,\n28 June 2024, N/A,"), Err(RatesError::Empty));
        assert_eq!(Rates::parse("<x/>"), Err(RatesError::Format));
    }
}
