//! Viewers whose players send no beacon (VLC, mpv, ffplay, TV apps, Safari's
//! native player where scripts do not run): counted from the HLS playlist
//! requests the ingest keeps per playback session ([`crate::ingest::Playback`]).
//!
//! A session and the web player's beacon share one key, a hash of the
//! client's address and User-Agent ([`crate::ingest::viewer_key`]). A playback
//! session becomes a viewer only after a grace period with no beacon from its
//! key, so the web player (whose playlist requests start before its first
//! beacon) is never counted twice; one that asked not to be tracked (DNT,
//! GPC) is never counted. Its rows are the beacon's: `view` while requests
//! come, `view_end` at the last one, from a pseudonym of the key.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use super::{collect, Analytics, Row};

/// How long a playback session plays before it counts without a beacon.
pub const GRACE: Duration = Duration::from_secs(60);
/// How often playback sessions are sampled.
pub const EVERY: Duration = Duration::from_secs(15);
/// How long a beacon's key stays known as the web player's.
const WEB_MEMORY: Duration = Duration::from_secs(600);
/// Keys remembered at most (a few bytes each); beyond, a new key waits until old ones expire.
const MAX_WEB: usize = 1_000_000;

/// A session counted as a viewer.
struct Counted {
    channel_id: i64,
    viewer: String,
    session: String,
    device: &'static str,
    country: Option<String>,
    /// Its latest request (analytics clock).
    last_ms: i64,
}

/// What the sampler remembers between samples.
#[derive(Default)]
pub struct Players {
    /// Keys the web player's beacon came from, and when.
    web: HashMap<u64, Instant>,
    /// Counted sessions by (stream session, key).
    counted: HashMap<(i64, u64), Counted>,
}

impl Analytics {
    /// A beacon came from `key`: that player's HLS requests are the web player's.
    pub(super) fn beacon_from(&self, key: u64) {
        let mut p = self.players.lock().unwrap_or_else(|e| e.into_inner());
        if p.web.len() < MAX_WEB || p.web.contains_key(&key) {
            p.web.insert(key, Instant::now());
        }
    }

    /// Count the live streams' playback sessions that sent no beacon and
    /// have played `grace` or longer; end those that stopped (the server runs
    /// this every [`EVERY`] with [`GRACE`]).
    pub fn sample_players(&self, grace: Duration) {
        let now = Instant::now();
        let clock = self.now();
        let at = |t: Instant| clock - now.saturating_duration_since(t).as_millis() as i64;
        let mut rows = Vec::new();
        {
            let mut guard = self.players.lock().unwrap_or_else(|e| e.into_inner());
            let p = &mut *guard;
            p.web.retain(|_, t| now.saturating_duration_since(*t) < WEB_MEMORY);
            let mut seen = HashSet::new();
            for stream in self.ingest.all() {
                if stream.is_ended() {
                    continue;
                }
                for (key, play) in stream.playbacks() {
                    if play.private || p.web.contains_key(&key) || now.saturating_duration_since(play.first) < grace {
                        continue;
                    }
                    let id = (stream.session_id, key);
                    seen.insert(id);
                    let (c, at_ms) = match p.counted.entry(id) {
                        std::collections::hash_map::Entry::Occupied(o) => {
                            let c = o.into_mut();
                            c.last_ms = at(play.last);
                            (c, at(play.last))
                        }
                        std::collections::hash_map::Entry::Vacant(v) => {
                            let c = v.insert(Counted {
                                channel_id: stream.channel_id,
                                viewer: self.pseudonym(&format!("hls:{key:016x}")),
                                session: format!("hls-{key:016x}-{}", stream.session_id),
                                device: collect::device(&play.user_agent),
                                country: self.geo.as_ref().and_then(|g| g.country(play.ip)),
                                last_ms: at(play.last),
                            });
                            // Its first row is its first request: the grace minute was watched too.
                            (c, at(play.first))
                        }
                    };
                    rows.push(row(c, "view", at_ms, id.0));
                }
            }
            let gone: Vec<(i64, u64)> = p.counted.keys().filter(|id| !seen.contains(id)).copied().collect();
            for id in gone {
                if let Some(c) = p.counted.remove(&id) {
                    rows.push(row(&c, "view_end", c.last_ms, id.0));
                }
            }
        }
        for r in rows {
            self.record(r);
        }
    }
}

fn row(c: &Counted, kind: &'static str, at_ms: i64, stream_id: i64) -> Row {
    Row {
        viewer: Some(c.viewer.clone()),
        session: Some(c.session.clone()),
        device: Some(c.device.into()),
        source: Some("direct".into()),
        country: c.country.clone(),
        ..Row::new(at_ms, kind, c.channel_id, Some(stream_id))
    }
}
