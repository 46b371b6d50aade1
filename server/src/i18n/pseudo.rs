//! The pseudo-locale `en-XA`: English with every letter accented and each
//! message at least 40% longer, framed by ⟦ ⟧. Turned on by the operator
//! (`--pseudo-locale`), it shows on any page which text does not come from
//! the catalogue (plain ASCII) and which boxes cannot take longer languages
//! (German, Russian run 30-40% longer than English).

/// Accented look-alikes of ASCII letters.
fn accent(c: char) -> char {
    const LOWER: &str = "àƀçđéƒĝĥîĵķĺɱñöƥʠŕšţûṽŵẋýž";
    const UPPER: &str = "ÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖƤɊŔŠŢÛṼŴẊÝŽ";
    match c {
        'a'..='z' => LOWER.chars().nth(c as usize - 'a' as usize).unwrap_or(c),
        'A'..='Z' => UPPER.chars().nth(c as usize - 'A' as usize).unwrap_or(c),
        _ => c,
    }
}

/// Text accented outside its placeables (`{ ... }` kept as they are), and
/// how many letters and digits were accented.
fn accented(pattern: &str) -> (String, usize) {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut depth = 0usize;
    let mut letters = 0usize;
    for c in pattern.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && c != '}' {
            out.push(accent(c));
            letters += usize::from(c.is_alphanumeric());
        } else {
            out.push(c);
        }
    }
    (out, letters)
}

/// A pattern's text with its placeables (`{ ... }`) kept as they are.
fn text(pattern: &str) -> String {
    let (out, letters) = accented(pattern);
    if letters == 0 {
        return out;
    }
    // Framing and padding: at least 40% more visible characters.
    let pad = (letters * 2).div_ceil(5).saturating_sub(2).max(1);
    format!("⟦{out} {}⟧", "·".repeat(pad))
}

/// The pseudo-locale's catalogue source from the English one: ids, comments,
/// selectors and placeables unchanged, text transformed.
pub(crate) fn from_english(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.is_empty() || trimmed == "}" {
            out.push_str(line);
        } else if let Some(rest) = line.strip_prefix('}') {
            // A selector's end with text after it (`}: { $percent }`).
            out.push('}');
            out.push_str(&accented(rest).0);
        } else if !line.starts_with(' ') {
            // `id = pattern`, the pattern perhaps opening a selector at its end
            // (`Minute { $minute }: { $count ->`): its text accented, the selector kept.
            match line.split_once(" = ") {
                Some((id, pattern)) if pattern.trim_end().ends_with("->") => {
                    let open = pattern.rfind('{').unwrap_or(0);
                    out.push_str(id);
                    out.push_str(" = ");
                    out.push_str(&accented(&pattern[..open]).0);
                    out.push_str(&pattern[open..]);
                }
                Some((id, pattern)) => {
                    out.push_str(id);
                    out.push_str(" = ");
                    out.push_str(&text(pattern));
                }
                None => out.push_str(line),
            }
        } else if let Some(close) =
            trimmed.strip_prefix('*').unwrap_or(trimmed).strip_prefix('[').and(trimmed.find(']'))
        {
            // `   *[other] pattern` / `    [one] pattern`
            let indent = &line[..line.len() - trimmed.len()];
            out.push_str(indent);
            out.push_str(&trimmed[..=close]);
            out.push(' ');
            out.push_str(&text(trimmed[close + 1..].trim_start()));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_accented_and_longer_with_placeables_kept() {
        let t = text("Follow { $name } now");
        assert!(t.contains("{ $name }"), "{t}");
        assert!(t.starts_with("⟦Ƒöĺĺöŵ"), "{t}");
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        assert!(visible(&t) as f64 >= 1.4 * visible("Follow  now") as f64, "{t}");
    }

    #[test]
    fn selectors_stay_fluent() {
        let src =
            "viewers = { $count ->\n    [one] { $count } viewer\n   *[other] { $count } viewers\n}\nlive = LIVE\n";
        let p = from_english(src);
        assert!(p.contains("viewers = { $count ->\n    [one] ⟦{ $count } ṽîéŵéŕ"), "{p}");
        assert!(p.contains("   *[other] ⟦"), "{p}");
        assert!(p.contains("live = ⟦ĹÎṼÉ"), "{p}");
        fluent_bundle::FluentResource::try_new(p).unwrap_or_else(|(_, e)| panic!("{e:?}"));
    }

    #[test]
    fn a_selector_inside_a_line_stays_fluent() {
        let src =
            "row = After { $count ->\n    [one] { $count } minute\n   *[other] { $count } minutes\n}: { $percent }\n";
        let p = from_english(src);
        assert!(p.contains("row = Àƒţéŕ { $count ->\n"), "{p}");
        assert!(p.contains("\n}: { $percent }\n"), "{p}");
        fluent_bundle::FluentResource::try_new(p).unwrap_or_else(|(_, e)| panic!("{e:?}"));
    }
}
