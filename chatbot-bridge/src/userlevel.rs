//! Nightbot's userlevels, highest first: owner, moderator, vip, regular,
//! subscriber, everyone. Chat badges decide them, except `regular`, which is
//! the bot's own list.

use std::fmt;

/// A userlevel. Ordered: `Owner > Moderator > ... > Everyone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UserLevel {
    /// Anyone in chat.
    Everyone,
    /// Subscribers.
    Subscriber,
    /// The bot's regulars list.
    Regular,
    /// VIPs.
    Vip,
    /// Moderators.
    Moderator,
    /// The broadcaster.
    Owner,
}

impl UserLevel {
    /// Parse Nightbot's names (`twitch_vip` and `vip` both mean VIP; `admin` and `broadcaster` mean owner).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "everyone" => Self::Everyone,
            "subscriber" | "sub" => Self::Subscriber,
            "regular" | "reg" => Self::Regular,
            "vip" | "twitch_vip" => Self::Vip,
            "moderator" | "mod" => Self::Moderator,
            "owner" | "admin" | "broadcaster" => Self::Owner,
            _ => return None,
        })
    }

    /// The level a chatter has, from their IRC `badges` tag and whether they are a regular.
    pub fn from_badges(badges: &str, is_regular: bool) -> Self {
        let sets: Vec<&str> = badges.split(',').filter_map(|b| b.split('/').next()).collect();
        let has = |s: &str| sets.contains(&s);
        if has("broadcaster") {
            Self::Owner
        } else if has("moderator") {
            Self::Moderator
        } else if has("vip") {
            Self::Vip
        } else if is_regular {
            Self::Regular
        } else if has("subscriber") || has("founder") {
            Self::Subscriber
        } else {
            Self::Everyone
        }
    }

    /// Nightbot's name of the level.
    pub fn name(self) -> &'static str {
        match self {
            Self::Everyone => "everyone",
            Self::Subscriber => "subscriber",
            Self::Regular => "regular",
            Self::Vip => "vip",
            Self::Moderator => "moderator",
            Self::Owner => "owner",
        }
    }
}

impl fmt::Display for UserLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_names_and_badges() {
        assert!(UserLevel::Owner > UserLevel::Moderator && UserLevel::Regular > UserLevel::Subscriber);
        assert_eq!(UserLevel::parse("twitch_vip"), Some(UserLevel::Vip));
        assert_eq!(UserLevel::parse(" Moderator "), Some(UserLevel::Moderator));
        assert_eq!(UserLevel::parse("king"), None);
        assert_eq!(UserLevel::from_badges("broadcaster/1,subscriber/12", false), UserLevel::Owner);
        assert_eq!(UserLevel::from_badges("moderator/1", false), UserLevel::Moderator);
        assert_eq!(UserLevel::from_badges("vip/1", true), UserLevel::Vip);
        assert_eq!(UserLevel::from_badges("subscriber/3", true), UserLevel::Regular);
        assert_eq!(UserLevel::from_badges("subscriber/3", false), UserLevel::Subscriber);
        assert_eq!(UserLevel::from_badges("", false), UserLevel::Everyone);
        assert_eq!(UserLevel::Vip.to_string(), "vip");
    }
}
