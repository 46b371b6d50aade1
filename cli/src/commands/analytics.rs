//! `aethex analytics summary`: a broadcast's numbers in the terminal, charts
//! drawn with block characters, or the summary as JSON with `--json`.

use aethex_sdk::{Breakdown, ChannelAnalytics, PeriodStats, StreamSummary};

use crate::args::AnalyticsCmd;
use crate::config::Context;
use crate::error::CliResult;
use crate::output;

/// Run an analytics command.
pub async fn run(ctx: &Context, cmd: AnalyticsCmd) -> CliResult {
    match cmd {
        AnalyticsCmd::Summary { stream, last: _ } => {
            let client = ctx.client().await?;
            let summary = match stream {
                Some(id) => client.stream_summary(&id).await?,
                None => client.latest_stream_summary(&ctx.me(&client).await?).await?,
            };
            if ctx.json {
                output::json(&summary);
            } else {
                print!("{}", render(&summary));
            }
            Ok(())
        }
        AnalyticsCmd::Channel { from, to } => {
            let client = ctx.client().await?;
            let login = ctx.me(&client).await?;
            let today = aethex_sdk::time::rfc3339(aethex_sdk::time::now_ms())[..10].to_string();
            let to = to.unwrap_or(today);
            let from = match from {
                Some(f) => f,
                None => {
                    let end = aethex_sdk::time::parse_rfc3339(&format!("{to}T00:00:00Z")).unwrap_or_default();
                    aethex_sdk::time::rfc3339(end - 29 * 86_400_000)[..10].to_string()
                }
            };
            let a = client.channel_analytics(&login, &from, &to).await?;
            if ctx.json {
                output::json(&a);
            } else {
                print!("{}", render_channel(&a));
            }
            Ok(())
        }
    }
}

/// `now` against `before` as a signed percentage ("+50%", "-20%"), "new" from nothing.
pub fn growth(now: f64, before: f64) -> String {
    if before == 0.0 {
        return if now == 0.0 { "±0%".into() } else { "new".into() };
    }
    let p = ((now - before) / before * 100.0).round();
    if p > 0.0 {
        format!("+{p}%")
    } else if p == 0.0 {
        "±0%".into()
    } else {
        format!("{p}%")
    }
}

fn row(label: &str, s: &PeriodStats) -> Vec<String> {
    vec![
        label.to_string(),
        s.live_minutes.to_string(),
        s.watch_minutes.to_string(),
        format!("{:.2}", s.average_viewers),
        s.peak_viewers.to_string(),
        s.unique_viewers.to_string(),
        s.chat_messages.to_string(),
        s.new_followers.to_string(),
        s.subscriptions.to_string(),
    ]
}

/// A channel's range as a table per day, the totals, the period before, and growth.
pub fn render_channel(a: &ChannelAnalytics) -> String {
    let headers = ["DAY", "LIVE MIN", "WATCH MIN", "AVG", "PEAK", "UNIQUE", "CHAT", "FOLLOWS", "SUBS"];
    let mut rows: Vec<Vec<String>> = a.days.iter().map(|d| row(&d.date, &d.stats)).collect();
    rows.push(row("total", &a.total));
    rows.push(row("before", &a.previous));
    let (t, p) = (&a.total, &a.previous);
    let mut out = format!("{} from {} to {}\n", a.broadcaster_user_login, a.from, a.to);
    out += &output::render_table(&headers, &rows);
    out += &format!(
        "growth: watch {}, average viewers {}, unique viewers {}, followers {}\n",
        growth(t.watch_minutes as f64, p.watch_minutes as f64),
        growth(t.average_viewers, p.average_viewers),
        growth(t.unique_viewers as f64, p.unique_viewers as f64),
        growth(t.new_followers as f64, p.new_followers as f64),
    );
    out
}

/// One block character per value, scaled to the largest (`▁` for zero).
pub fn sparkline(values: &[i64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values.iter().map(|v| BLOCKS[((v.max(&0) * 7 + max / 2) / max) as usize]).collect()
}

fn breakdown(b: &Breakdown) -> String {
    let mut parts: Vec<String> = b.shown.iter().map(|x| format!("{} {}", x.key, x.viewers)).collect();
    if b.hidden > 0 {
        parts.push(format!("{} in groups under {}", b.hidden, aethex_sdk::MIN_BUCKET));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(", ")
    }
}

/// The summary as text for people.
pub fn render(s: &StreamSummary) -> String {
    let status = if s.is_final { s.ended_at.clone().unwrap_or_default() } else { "live (provisional)".into() };
    let donations = if s.donations.is_empty() {
        "—".to_string()
    } else {
        s.donations
            .iter()
            .map(|d| format!("{} {} ({})", aethex_sdk::amount_text(d.amount, &d.currency, "."), d.currency, d.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let retention: Vec<String> = s.retention.iter().map(|r| format!("{:.0}%", r * 100.0)).collect();
    let moments: Vec<String> =
        s.top_moments.iter().map(|m| format!("minute {} ({} messages)", m.minute, m.messages)).collect();
    let f = &s.funnel;
    let items = [
        ("stream", format!("{} ({})", s.stream_id, s.broadcaster_user_login)),
        ("started", s.started_at.clone()),
        ("ended", status),
        ("minutes", s.minutes.to_string()),
        ("average viewers", format!("{:.2}", s.average_viewers)),
        ("peak viewers", s.peak_viewers.to_string()),
        ("unique viewers", s.unique_viewers.to_string()),
        ("minutes watched", s.watch_minutes.to_string()),
        ("viewers/minute", format!("{} (peak {})", sparkline(&s.viewers_per_minute), s.peak_viewers)),
        ("chat/minute", sparkline(&s.chat_per_minute)),
        ("retention", retention.join(" ")),
        ("chat", format!("{} messages from {} chatters", s.chat_messages, s.chatters)),
        ("top moments", if moments.is_empty() { "—".into() } else { moments.join(", ") }),
        ("engagement", engagement(s)),
        ("engagement/minute", sparkline(&s.engagement_per_minute.iter().map(|e| e.round() as i64).collect::<Vec<_>>())),
        (
            "funnel",
            format!(
                "{} viewers → {} chatters → {} followers → {} subscribers",
                f.viewers, f.chatters, f.followers, f.subscribers
            ),
        ),
        ("new followers", s.new_followers.to_string()),
        ("subscriptions", s.subscriptions.to_string()),
        ("donations", donations),
        ("raids", format!("{} ({} viewers)", s.raids, s.raid_viewers)),
        ("clips", s.clips.to_string()),
        ("sources", breakdown(&s.sources)),
        ("devices", breakdown(&s.devices)),
        ("countries", breakdown(&s.countries)),
    ];
    let w = items.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 1;
    items.iter().map(|(k, v)| format!("{:<w$}  {v}\n", format!("{k}:"))).collect()
}

/// The engagement score and what it is made of.
fn engagement(s: &StreamSummary) -> String {
    match (s.engagement, s.engagement_signals) {
        (Some(e), Some(g)) => format!(
            "{e:.0}/100 ({:.2} messages per viewer-minute, {:.0}% of viewers chatting, mood {:+.2}, {:.2} follows/subs/tips per viewer-hour)",
            g.chat,
            g.chatters * 100.0,
            g.mood,
            g.support
        ),
        _ => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_to_the_largest_value() {
        assert_eq!(sparkline(&[0, 7, 7, 5, 4]), "▁██▆▅");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn growth_is_a_signed_percentage() {
        assert_eq!(growth(15.0, 10.0), "+50%");
        assert_eq!(growth(8.0, 10.0), "-20%");
        assert_eq!(growth(10.0, 10.0), "±0%");
        assert_eq!(growth(3.0, 0.0), "new");
        assert_eq!(growth(0.0, 0.0), "±0%");
    }

    #[test]
    fn small_groups_are_named_as_hidden() {
        let b = Breakdown { shown: vec![aethex_sdk::Bucket { key: "phone".into(), viewers: 6 }], hidden: 3 };
        assert_eq!(breakdown(&b), "phone 6, 3 in groups under 5");
        assert_eq!(breakdown(&Breakdown::default()), "—");
    }
}
