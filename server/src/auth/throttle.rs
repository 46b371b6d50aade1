//! Backoff against guessing on `/login` (passwords) and `/oauth/token`
//! (client secrets, codes, refresh tokens).
//!
//! The request rate limit alone allows thousands of guesses a day from one
//! address and unlimited ones spread over many, so failures are also counted
//! per account (the login name or client id, whether it exists or not, so the
//! answer never tells which do) and per client address. Each key has a few
//! free failures (5 per account, 20 per address); the next makes the key wait
//! 30 s before its next attempt is even checked, and every further one doubles
//! that, up to a cap. A success clears the account's count.
//!
//! The account cap is short (5 minutes) because anyone can fail on someone
//! else's account: a longer one would let a stranger lock a streamer out.
//! The address cap is longer (15 minutes). In memory, per node, bounded.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys kept before idle ones are swept, bounding memory when keys churn.
const MAX_KEYS: usize = 100_000;
/// A key with no failure for this long starts again from zero.
const FORGET_AFTER: Duration = Duration::from_secs(3600);

/// What is being guessed at, and from where.
#[derive(Debug, Clone)]
pub struct Attempt {
    account: String,
    address: String,
}

impl Attempt {
    /// An attempt on `account` (already namespaced, e.g. `login:alice`) from `ip`.
    pub fn new(account: &str, ip: IpAddr) -> Self {
        Self { account: crate::http::truncate(account, 80), address: format!("ip:{}", address_key(ip)) }
    }
}

/// The address a client is counted under: IPv4 as is (IPv4-mapped IPv6 too),
/// IPv6 by its /64, the block one subscriber usually holds.
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut s = v6.segments();
                s[4..].fill(0);
                IpAddr::V6(s.into())
            }
        },
        v4 => v4,
    }
}

#[derive(Debug)]
struct Entry {
    failures: u32,
    last: Instant,
    blocked_until: Instant,
}

/// The failure counts.
#[derive(Debug, Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, Entry>>,
}

/// Free failures, the first wait and the longest, per kind of key.
struct Rule {
    free: u32,
    first: Duration,
    cap: Duration,
}

const ACCOUNT: Rule = Rule { free: 5, first: Duration::from_secs(30), cap: Duration::from_secs(300) };
const ADDRESS: Rule = Rule { free: 20, first: Duration::from_secs(30), cap: Duration::from_secs(900) };

impl Throttle {
    /// `Err(wait)` while the account or the address must wait before trying again.
    pub fn check(&self, a: &Attempt) -> Result<(), Duration> {
        let now = Instant::now();
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let wait = [&a.account, &a.address]
            .iter()
            .filter_map(|k| entries.get(k.as_str()))
            .map(|e| e.blocked_until.saturating_duration_since(now))
            .max()
            .unwrap_or_default();
        if wait.is_zero() {
            Ok(())
        } else {
            Err(wait)
        }
    }

    /// Count a failed attempt against both keys.
    pub fn failed(&self, a: &Attempt) {
        self.count(a, true);
    }

    /// Count a failure against the address only: for guesses at values too
    /// long to guess (codes, refresh tokens), where counting against the
    /// client would let its many honest users' stale tokens lock it for all.
    pub fn failed_from_address(&self, a: &Attempt) {
        self.count(a, false);
    }

    fn count(&self, a: &Attempt, account: bool) {
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_KEYS {
            entries.retain(|_, e| now.duration_since(e.last) < FORGET_AFTER || e.blocked_until > now);
        }
        let keys = [(&a.account, ACCOUNT), (&a.address, ADDRESS)];
        for (key, rule) in keys.into_iter().skip(usize::from(!account)) {
            if entries.len() >= MAX_KEYS && !entries.contains_key(key) {
                // Still full of live keys: fail closed for this key by not
                // tracking it, but the other key (usually the address) counts.
                continue;
            }
            let e = entries.entry(key.clone()).or_insert(Entry { failures: 0, last: now, blocked_until: now });
            if now.duration_since(e.last) >= FORGET_AFTER {
                e.failures = 0;
            }
            e.failures = e.failures.saturating_add(1);
            e.last = now;
            if let Some(over) = e.failures.checked_sub(rule.free).filter(|n| *n > 0) {
                let wait = rule.first.saturating_mul(1u32 << (over - 1).min(16)).min(rule.cap);
                e.blocked_until = now + wait;
            }
        }
    }

    /// A success: the account's count starts again (the address keeps its own,
    /// so one good password does not reset a guessing run from that address).
    pub fn succeeded(&self, a: &Attempt) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(&a.account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn free_failures_then_doubling_waits() {
        let t = Throttle::default();
        let a = Attempt::new("login:alice", ip("192.0.2.1"));
        for _ in 0..ACCOUNT.free {
            assert!(t.check(&a).is_ok());
            t.failed(&a);
        }
        assert!(t.check(&a).is_ok(), "five failures are free");
        t.failed(&a);
        let w1 = t.check(&a).unwrap_err();
        assert!(w1 <= ACCOUNT.first && w1 > ACCOUNT.first / 2, "{w1:?}");
        t.failed(&a);
        let w2 = t.check(&a).unwrap_err();
        assert!(w2 > ACCOUNT.first && w2 <= ACCOUNT.first * 2, "{w2:?}");
        for _ in 0..30 {
            t.failed(&a);
        }
        // The account's wait is capped (the address, with more failures, waits longer).
        let elsewhere = t.check(&Attempt::new("login:alice", ip("198.51.100.7"))).unwrap_err();
        assert!(elsewhere <= ACCOUNT.cap && elsewhere > ACCOUNT.cap / 2, "{elsewhere:?}");
        assert!(t.check(&a).unwrap_err() > ACCOUNT.cap);
        // Another account from a fresh address does not wait.
        assert!(t.check(&Attempt::new("login:bob", ip("198.51.100.7"))).is_ok());
        // A success clears the account but not the address.
        t.succeeded(&a);
        assert!(t.check(&Attempt::new("login:alice", ip("198.51.100.7"))).is_ok());
        assert!(t.check(&Attempt::new("login:carol", ip("192.0.2.1"))).is_err(), "the address still waits");
    }

    #[test]
    fn many_accounts_from_one_address_are_throttled_by_address() {
        let t = Throttle::default();
        for n in 0..ADDRESS.free {
            let a = Attempt::new(&format!("login:user{n}"), ip("2001:db8:1:2:3::9"));
            assert!(t.check(&a).is_ok(), "failure {n} is free");
            t.failed(&a);
        }
        let next = Attempt::new("login:fresh", ip("2001:db8:1:2:ffff::1"));
        assert!(t.check(&next).is_ok());
        t.failed(&next);
        // Same /64, another interface id: the same address key.
        assert!(t.check(&Attempt::new("login:other", ip("2001:db8:1:2::77"))).is_err());
        assert!(t.check(&Attempt::new("login:other", ip("2001:db8:1:3::77"))).is_ok());
    }

    #[test]
    fn mapped_ipv4_counts_as_ipv4() {
        assert_eq!(address_key(ip("::ffff:192.0.2.5")), ip("192.0.2.5"));
        assert_eq!(address_key(ip("2001:db8::1:2:3:4")), ip("2001:db8::"));
    }
}
