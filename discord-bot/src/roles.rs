//! Subscriber roles: which of the guild's configured roles a linked member
//! should hold, given their AeThex subscription, and what to change. Roles the
//! bot does not manage are never touched.

use std::collections::BTreeSet;

/// A guild's role configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleConfig {
    /// Given to every subscriber, whatever the tier.
    pub subscriber: Option<u64>,
    /// Extra roles per tier (1, 2, 3).
    pub tiers: [Option<u64>; 3],
}

impl RoleConfig {
    /// Every role this configuration manages.
    pub fn managed(&self) -> BTreeSet<u64> {
        self.subscriber.into_iter().chain(self.tiers.iter().flatten().copied()).collect()
    }

    /// The managed roles a member with subscription `tier` (None: not subscribed) should hold.
    pub fn wanted(&self, tier: Option<u8>) -> BTreeSet<u64> {
        let Some(tier) = tier.filter(|t| (1..=3).contains(t)) else { return BTreeSet::new() };
        let mut out: BTreeSet<u64> = self.subscriber.into_iter().collect();
        if let Some(r) = self.tiers[(tier - 1) as usize] {
            out.insert(r);
        }
        out
    }
}

/// Roles to add and to remove.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleChange {
    /// Add these.
    pub add: Vec<u64>,
    /// Remove these.
    pub remove: Vec<u64>,
}

impl RoleChange {
    /// Nothing to do.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

/// What to change for a member holding `current` roles. `existing` is the
/// guild's role list: a configured role that was deleted is skipped (and
/// reported by the caller), never re-created.
pub fn decide(config: &RoleConfig, tier: Option<u8>, current: &BTreeSet<u64>, existing: &BTreeSet<u64>) -> RoleChange {
    let wanted = config.wanted(tier);
    let managed = config.managed();
    RoleChange {
        add: wanted.iter().filter(|r| !current.contains(r) && existing.contains(r)).copied().collect(),
        remove: current.iter().filter(|r| managed.contains(r) && !wanted.contains(r)).copied().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[u64]) -> BTreeSet<u64> {
        v.iter().copied().collect()
    }

    #[test]
    fn subscribers_get_and_lose_their_roles() {
        let cfg = RoleConfig { subscriber: Some(10), tiers: [Some(11), None, Some(13)] };
        let all = set(&[10, 11, 13, 99]);
        assert_eq!(decide(&cfg, Some(1), &set(&[99]), &all), RoleChange { add: vec![10, 11], remove: vec![] });
        // Upgrading to tier 3 swaps the tier role, keeps the base role and the unmanaged one.
        assert_eq!(decide(&cfg, Some(3), &set(&[10, 11, 99]), &all), RoleChange { add: vec![13], remove: vec![11] });
        // The subscription ended: every managed role goes, the unmanaged one stays.
        assert_eq!(decide(&cfg, None, &set(&[10, 13, 99]), &all), RoleChange { add: vec![], remove: vec![10, 13] });
        // A deleted role is not added.
        assert_eq!(decide(&cfg, Some(1), &set(&[]), &set(&[11])), RoleChange { add: vec![11], remove: vec![] });
        // Nonsense tiers count as not subscribed.
        assert!(decide(&cfg, Some(7), &set(&[]), &all).is_empty());
        assert!(decide(&RoleConfig::default(), Some(1), &set(&[99]), &all).is_empty());
    }
}
