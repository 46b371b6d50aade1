//! RFC 3339 timestamps, the one time format on the wire. Kept here (not a date
//! crate) because the server formats them and webhook receivers must parse the
//! `Aethex-Eventsub-Message-Timestamp` header to enforce the replay window.

/// Now, in Unix milliseconds (0 if the clock is before 1970).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Unix milliseconds as RFC 3339 (UTC, millisecond precision).
pub fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// Parse an RFC 3339 date-time (`Z` or `±hh:mm` offset, any fraction digits)
/// into Unix milliseconds; `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (y, mo, d, h, mi, sec) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut rest = &s[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let ms_digits: String = frac[..digits].chars().chain("000".chars()).take(3).collect();
        millis = ms_digits.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset_min = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) && rest.get(3..4) == Some(":") => {
            let oh = num(s.len() - 5..s.len() - 3)?;
            let om = num(s.len() - 2..s.len())?;
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (oh * 60 + om)
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(((days * 86_400 + h * 3600 + mi * 60 + sec) - offset_min * 60) * 1000 + millis)
}

/// Howard Hinnant's days-to-civil algorithm.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The inverse: civil date to days since 1970-01-01.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(rfc3339(1_795_478_400_000), "2026-11-24T00:00:00.000Z");
    }

    #[test]
    fn parse_round_trips_and_offsets() {
        for ms in [0, 951_782_400_123, 1_795_478_400_000, 1_795_512_345_678, -86_400_000] {
            assert_eq!(parse_rfc3339(&rfc3339(ms)), Some(ms));
        }
        assert_eq!(parse_rfc3339("2026-11-24T01:00:00+01:00"), Some(1_795_478_400_000));
        assert_eq!(parse_rfc3339("2026-11-23T23:30:00.5-00:30"), Some(1_795_478_400_500));
        assert_eq!(parse_rfc3339("2026-11-24T00:00:00.123456789Z"), Some(1_795_478_400_123));
        for bad in [
            "",
            "2026-11-24",
            "2026-13-01T00:00:00Z",
            "2026-11-24T00:00:00",
            "2026-11-24T00:00:00.Z",
            "x026-11-24T00:00:00Z",
            "2026-11-24T00:00:00+0100",
            "2026-11-24T00:00:00-a€a",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target: any text parses to an instant or to `None`, never a panic;
    //! what parses formats and parses back to itself; every instant of years
    //! 0000 to 9999 survives `rfc3339` then `parse_rfc3339`.

    use proptest::prelude::*;

    use super::*;
    use crate::fuzz::gen::{mutate_text, mutations, text};

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    const FIRST: i64 = -62_167_219_200_000;
    const LAST: i64 = 253_402_300_799_999;

    fn timestamp() -> impl Strategy<Value = String> {
        let offset = prop_oneof![
            Just("Z".to_string()),
            Just("z".to_string()),
            (prop::sample::select(vec!['+', '-']), 0..30u32, 0..70u32)
                .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
            text(7),
        ];
        let structured = (
            (0..10_000u32, 0..14u32, 0..33u32),
            (0..25u32, 0..62u32, 0..62u32),
            prop::sample::select(vec!['T', 't', ' ', '_']),
            proptest::option::of("[0-9]{0,12}"),
            offset,
        )
            .prop_map(|((y, mo, d), (h, mi, s), sep, frac, off)| {
                let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
                format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{off}")
            });
        prop_oneof![4 => (structured, mutations(3)).prop_map(|(t, m)| mutate_text(&t, &m)), 1 => text(40)]
    }

    #[test]
    fn fuzz_rfc3339() {
        crate::fuzz::target("rfc3339").run((timestamp(), FIRST..=LAST), |(text, ms)| {
            // An offset can move 0000-01-01 into year -1, which has no RFC 3339 form.
            if let Some(t) = parse_rfc3339(&text).filter(|t| (FIRST..=LAST).contains(t)) {
                prop_assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t), "{:?} formats back as {}", text, rfc3339(t));
            }
            prop_assert_eq!(parse_rfc3339(&rfc3339(ms)), Some(ms));
            Ok(())
        });
    }
}
