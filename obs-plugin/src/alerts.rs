//! The alert queue behind the "AeThex Alerts" source: platform events become
//! alerts rendered from per-type text templates, shown one at a time for a
//! configurable time, in arrival order. Pure logic, so it is tested without OBS.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use aethex_sdk::Event;

/// Alerts waiting beyond this are dropped, oldest first: a raid of follows
/// must not queue an hour of alerts.
pub const MAX_QUEUED: usize = 50;

/// Which kind of alert (each has its own template, image and sound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Someone followed.
    Follow,
    /// Someone subscribed.
    Subscribe,
    /// Someone donated.
    Donation,
    /// Someone raided.
    Raid,
}

impl Kind {
    /// The kind's slot in per-kind settings arrays (images, sounds).
    pub fn index(self) -> usize {
        match self {
            Kind::Follow => 0,
            Kind::Subscribe => 1,
            Kind::Donation => 2,
            Kind::Raid => 3,
        }
    }
}

/// Text templates per kind. Placeholders: `{user}`, `{amount}`, `{currency}`,
/// `{message}`, `{tier}`, `{months}`, `{viewers}`; `{{` and `}}` are literal braces.
#[derive(Debug, Clone, PartialEq)]
pub struct Templates {
    /// Follow template.
    pub follow: String,
    /// Subscription template.
    pub subscribe: String,
    /// Donation template.
    pub donation: String,
    /// Raid template.
    pub raid: String,
    /// The decimal mark in `{amount}` (the alert language's: `12.50`, `12,50`).
    pub decimal_mark: String,
}

/// English's, as `data/locale/en-US.ini` has them (a test holds the two equal);
/// other languages' come from their locale files ([`crate::locale::Texts::templates`]).
impl Default for Templates {
    fn default() -> Self {
        Self {
            follow: "{user} just followed!".into(),
            subscribe: "{user} subscribed at tier {tier}! Month {months}".into(),
            donation: "{user} donated {amount} {currency}! {message}".into(),
            raid: "{user} is raiding! Viewers: {viewers}".into(),
            decimal_mark: ".".into(),
        }
    }
}

/// One alert ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Its kind.
    pub kind: Kind,
    /// The rendered text.
    pub text: String,
    /// Its place in arrival order: a source sees a new alert start (and plays
    /// its sound once) when this changes, even if two alerts read the same.
    pub seq: u64,
}

/// Values for a template.
fn values(event: &Event, decimal_mark: &str) -> Option<(Kind, Vec<(&'static str, String)>)> {
    Some(match event {
        Event::ChannelFollow(f) => (Kind::Follow, vec![("user", f.user_name.clone())]),
        Event::ChannelSubscribe(s) => (
            Kind::Subscribe,
            vec![
                ("user", s.user_name.clone()),
                ("tier", s.tier.chars().next().unwrap_or('1').to_string()),
                ("months", s.cumulative_months.to_string()),
            ],
        ),
        Event::ChannelDonation(d) => (
            Kind::Donation,
            vec![
                ("user", d.donation.donor_name.clone()),
                ("amount", aethex_sdk::amount_text(d.donation.amount, &d.donation.currency, decimal_mark)),
                ("currency", d.donation.currency.clone()),
                ("message", d.donation.message.clone()),
            ],
        ),
        Event::ChannelRaid(r) => {
            (Kind::Raid, vec![("user", r.from_broadcaster_user_name.clone()), ("viewers", r.viewers.to_string())])
        }
        _ => return None,
    })
}

/// Fill `template` with `values`; unknown placeholders stay as written, so a
/// typo shows up on screen instead of silently vanishing.
pub fn render(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if tail.starts_with('{') {
            match tail.find('}') {
                Some(end) => {
                    let name = &tail[1..end];
                    match values.iter().find(|(k, _)| *k == name) {
                        Some((_, v)) => out.push_str(v),
                        None => out.push_str(&tail[..=end]),
                    }
                    rest = &tail[end + 1..];
                }
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The queue: one alert on screen at a time, each for `duration`.
#[derive(Debug)]
pub struct AlertQueue {
    templates: Templates,
    duration: Duration,
    waiting: VecDeque<Alert>,
    current: Option<(Alert, Instant)>,
    dropped: u64,
    pushed: u64,
}

impl AlertQueue {
    /// A queue showing each alert for `duration`.
    pub fn new(templates: Templates, duration: Duration) -> Self {
        Self { templates, duration, waiting: VecDeque::new(), current: None, dropped: 0, pushed: 0 }
    }

    /// Change templates or duration (settings edited while live).
    pub fn configure(&mut self, templates: Templates, duration: Duration) {
        self.templates = templates;
        self.duration = duration;
    }

    /// Queue the alert for `event`; events that are not alerts are ignored.
    /// Returns whether an alert was queued.
    pub fn push(&mut self, event: &Event) -> bool {
        let Some((kind, vals)) = values(event, &self.templates.decimal_mark) else { return false };
        let template = match kind {
            Kind::Follow => &self.templates.follow,
            Kind::Subscribe => &self.templates.subscribe,
            Kind::Donation => &self.templates.donation,
            Kind::Raid => &self.templates.raid,
        };
        self.pushed += 1;
        self.waiting.push_back(Alert { kind, text: render(template, &vals), seq: self.pushed });
        while self.waiting.len() > MAX_QUEUED {
            self.waiting.pop_front();
            self.dropped += 1;
        }
        true
    }

    /// What to show at `now` (advancing past alerts whose time is up).
    pub fn tick(&mut self, now: Instant) -> Option<&Alert> {
        if let Some((_, since)) = &self.current {
            if now.duration_since(*since) >= self.duration {
                self.current = None;
            }
        }
        if self.current.is_none() {
            if let Some(next) = self.waiting.pop_front() {
                self.current = Some((next, now));
            }
        }
        self.current.as_ref().map(|(a, _)| a)
    }

    /// Alerts waiting behind the current one.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Alerts dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aethex_sdk::{ChannelDonationEvent, ChannelFollowEvent, ChannelRaidEvent, Donation, StreamOfflineEvent};

    fn follow(name: &str) -> Event {
        Event::ChannelFollow(ChannelFollowEvent {
            user_id: "2".into(),
            user_login: name.to_lowercase(),
            user_name: name.into(),
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "caster".into(),
            broadcaster_user_name: "Caster".into(),
            followed_at: "2026-11-24T00:00:00.000Z".into(),
        })
    }

    #[test]
    fn templates_fill_escape_and_keep_unknowns() {
        let v = [("user", "Bob".to_string()), ("amount", "5.00".to_string())];
        assert_eq!(render("{user} gave {amount}", &v), "Bob gave 5.00");
        assert_eq!(render("{{literal}} {user}", &v), "{literal} Bob");
        assert_eq!(render("{nope} {user}", &v), "{nope} Bob");
        assert_eq!(render("unterminated {user", &v), "unterminated {user");
        assert_eq!(render("stray } brace", &v), "stray } brace");
        assert_eq!(render("", &v), "");
    }

    #[test]
    fn amounts_use_the_currency_minor_unit_and_the_language_decimal_mark() {
        use aethex_sdk::amount_text as amount;
        assert_eq!(amount(1250, "EUR", "."), "12.50");
        assert_eq!(amount(1250, "EUR", ","), "12,50");
        assert_eq!(amount(500, "JPY", ","), "500");
        assert_eq!(amount(1234, "KWD", "."), "1.234");
        assert_eq!(amount(5, "usd", "."), "0.05");
        assert_eq!(amount(-5, "USD", "."), "-0.05");
        assert_eq!(amount(i64::MIN, "USD", "."), "-92233720368547758.08");
    }

    #[test]
    fn alerts_show_one_at_a_time_for_their_duration() {
        let mut q = AlertQueue::new(Templates::default(), Duration::from_secs(5));
        let t0 = Instant::now();
        assert!(q.tick(t0).is_none());
        assert!(q.push(&follow("Ann")));
        assert!(q.push(&follow("Ben")));
        assert!(!q.push(&Event::StreamOffline(StreamOfflineEvent {
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "c".into(),
            broadcaster_user_name: "C".into(),
        })));
        assert_eq!(q.tick(t0).unwrap().text, "Ann just followed!");
        assert_eq!(q.tick(t0 + Duration::from_secs(4)).unwrap().seq, 1, "the same alert, still showing");
        let ben = q.tick(t0 + Duration::from_secs(5)).unwrap();
        assert_eq!((ben.text.as_str(), ben.seq), ("Ben just followed!", 2));
        assert_eq!(q.waiting(), 0);
        assert!(q.tick(t0 + Duration::from_secs(11)).is_none());
    }

    #[test]
    fn every_alert_kind_renders_and_the_queue_is_bounded() {
        let mut q = AlertQueue::new(Templates::default(), Duration::from_secs(1));
        q.push(&Event::ChannelDonation(ChannelDonationEvent {
            donation: Donation {
                id: "d".into(),
                broadcaster_user_id: "1".into(),
                broadcaster_login: "caster".into(),
                user_id: "2".into(),
                donor_name: "Dee".into(),
                amount: 1250,
                currency: "EUR".into(),
                message: "gg".into(),
                created_at: "2026-11-24T00:00:00.000Z".into(),
            },
            user_login: "dee".into(),
        }));
        q.push(&Event::ChannelRaid(ChannelRaidEvent {
            from_broadcaster_user_id: "3".into(),
            from_broadcaster_user_login: "rai".into(),
            from_broadcaster_user_name: "Rai".into(),
            to_broadcaster_user_id: "1".into(),
            to_broadcaster_user_login: "caster".into(),
            to_broadcaster_user_name: "Caster".into(),
            viewers: 42,
        }));
        let t = Instant::now();
        assert_eq!(q.tick(t).unwrap().text, "Dee donated 12.50 EUR! gg");
        assert_eq!(q.tick(t + Duration::from_secs(1)).unwrap().text, "Rai is raiding! Viewers: 42");
        for i in 0..(MAX_QUEUED + 10) {
            q.push(&follow(&format!("F{i}")));
        }
        assert_eq!(q.waiting(), MAX_QUEUED);
        assert_eq!(q.dropped(), 10);
    }
}
