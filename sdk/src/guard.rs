//! The SSRF guard for URLs that someone else chooses and we call: webhook
//! callbacks (the server) and `$(urlfetch)` (the chatbot). Without it, a
//! subscriber or a moderator could aim us at loopback services, the private
//! network or a cloud metadata endpoint.
//!
//! The address test is an allow-list, [`is_global`]: only addresses that the
//! IANA special-purpose address registries (RFC 6890 and its updates) place on
//! the global internet, and only unicast. Anything else, including every IPv6
//! form that tunnels to an IPv4 address we cannot judge, is refused. For IPv6
//! outside 2000::/3 that holds for blocks not yet registered too; inside it,
//! and for IPv4, the special blocks are listed here, so a new registry entry
//! there needs a new line in these tables.
//!
//! The test runs on parsed addresses, never on the text of the URL: the `url`
//! crate (WHATWG host parsing) turns every spelling of an IPv4 address
//! (`2130706433`, `0x7f.1`, `017700000001`, `127.1`, percent-encoded or
//! full-width digits, a trailing dot) into one `Host::Ipv4`, lowercases and
//! IDNA-maps names, parses bracketed IPv6 (zone ids are refused as invalid).
//!
//! Checked twice: up front by [`Policy::check_url`] (scheme, credentials,
//! literal addresses, `localhost` names) and [`Policy::check`] (plus what the
//! name resolves to now), and on every connection through [`GuardedResolver`],
//! so a name that later resolves somewhere private (DNS rebinding) is refused
//! too. The HTTP client connects to a literal address without asking the
//! resolver, so callers must run `check_url` (or `check`) before every
//! request, and must turn redirects off.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use url::{Host, Url};

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuardError {
    /// Not a URL at all.
    #[error("not a valid URL")]
    Invalid,
    /// `http://` (or anything else) where HTTPS is required.
    #[error("the URL must use https")]
    NotHttps,
    /// Credentials in the URL would be sent to the receiver and logged.
    #[error("the URL must not contain a user name or password")]
    Credentials,
    /// The host is (or resolves to) an address we never call. A `localhost`
    /// name is reported as `127.0.0.1`, the address it stands for.
    #[error("address {0} is loopback, private, link-local or otherwise not public")]
    Private(IpAddr),
    /// The host name does not resolve.
    #[error("host '{0}' does not resolve")]
    Unresolvable(String),
}

/// What the operator allows; the default (public HTTPS only) is the safe one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// `AETHEX_WEBHOOK_ALLOW_PRIVATE`: allow private and loopback targets and plain HTTP
    /// (for receivers on the same host or network, and for tests). With it no
    /// address is refused.
    pub allow_private: bool,
    /// Allow plain `http://` to public addresses too (`$(urlfetch)`, as Nightbot does).
    pub allow_http: bool,
}

impl Policy {
    /// Check the parts of `raw` that need no DNS.
    pub fn check_url(&self, raw: &str) -> Result<Url, GuardError> {
        let url = Url::parse(raw).map_err(|_| GuardError::Invalid)?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_private || self.allow_http => {}
            _ => return Err(GuardError::NotHttps),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(GuardError::Credentials);
        }
        match url.host() {
            None => return Err(GuardError::Invalid),
            Some(Host::Ipv4(ip)) => self.check_ip(IpAddr::V4(ip))?,
            Some(Host::Ipv6(ip)) => self.check_ip(IpAddr::V6(ip))?,
            Some(Host::Domain(name)) => self.check_name(name)?,
        }
        Ok(url)
    }

    /// Check `raw` completely: the URL and every address its host resolves to.
    pub async fn check(&self, raw: &str) -> Result<Url, GuardError> {
        let url = self.check_url(raw)?;
        if let Some(Host::Domain(name)) = url.host() {
            let name = name.to_string();
            let addrs =
                tokio::time::timeout(std::time::Duration::from_secs(5), tokio::net::lookup_host((name.as_str(), 443)))
                    .await
                    .map_err(|_| GuardError::Unresolvable(name.clone()))?
                    .map_err(|_| GuardError::Unresolvable(name.clone()))?;
            let mut any = false;
            for a in addrs {
                self.check_ip(a.ip())?;
                any = true;
            }
            if !any {
                return Err(GuardError::Unresolvable(name));
            }
        }
        Ok(url)
    }

    /// Whether one address may be called: [`is_global`], unless the operator
    /// allows private targets.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), GuardError> {
        if self.allow_private || is_global(ip) {
            Ok(())
        } else {
            Err(GuardError::Private(ip))
        }
    }

    /// Refuse `localhost` and `*.localhost` before any lookup: RFC 6761 §6.3
    /// asks resolvers to answer loopback for them without asking DNS, and some
    /// do. The resolved addresses would be refused too; this says so sooner.
    fn check_name(&self, name: &str) -> Result<(), GuardError> {
        let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
        if !self.allow_private && (name == "localhost" || name.ends_with(".localhost")) {
            return Err(GuardError::Private(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        }
        Ok(())
    }
}

/// Whether `ip` is a public unicast address (the name [`is_global`] had before).
pub fn is_public(ip: IpAddr) -> bool {
    is_global(ip)
}

/// Whether `ip` is a globally reachable unicast address, the one test the
/// guard applies to every literal and every resolved address.
///
/// IPv4: any address outside the blocks the IANA IPv4 Special-Purpose Address
/// Registry marks not globally reachable, outside multicast (224/4) and the
/// reserved 240/4 (broadcast included). The registry's global blocks (AS112
/// 192.31.196/24 and 192.175.48/24, AMT 192.52.193/24) pass; its global
/// exceptions inside refused blocks (192.0.0.9 and .10, 192.88.99.2) do not:
/// anycast for PCP, TURN and 6a44 relays is nothing a webhook or urlfetch
/// should reach, and refusing the whole block keeps the table simple.
///
/// IPv6: only 2000::/3 (global unicast), minus the special blocks inside it.
/// That alone refuses, outright, everything outside it: unspecified, loopback,
/// IPv4-compatible `::a.b.c.d` (deprecated by RFC 4291; a stack that still
/// tunnels it sends it to that IPv4 address), IPv4-translated
/// `::ffff:0:a.b.c.d` (internal to SIIT), local-use NAT64 64:ff9b:1::/48 (the
/// operator picks the embedding, so we cannot find the IPv4 address), discard
/// 100::/64, the dummy prefix 100:0:0:1::/64, unique local fc00::/7,
/// link-local fe80::/10, site-local fec0::/10 and multicast ff00::/8.
/// Inside 2000::/3 the refused blocks are 2001::/23 (IETF protocol
/// assignments: Teredo 2001::/32 embeds an obfuscated client IPv4 address and
/// a server IPv4 address, benchmarking, ORCHID; conservatively also the few
/// entries there the registry marks global: PCP, TURN and DNS-SD anycast, AMT,
/// AS112-v6, ORCHIDv2, DRIP), documentation 2001:db8::/32 and 3fff::/20, 6to4
/// 2002::/16 (deprecated by RFC 7526; a relay or a local 6to4 interface would
/// carry the request to the embedded IPv4 address, whatever it is) and SRv6
/// SIDs 5f00::/16.
///
/// Two forms are judged as the IPv4 address they carry, because a normal
/// resolver returns them for ordinary public hosts and connecting to them
/// reaches exactly that IPv4 address: IPv4-mapped `::ffff:a.b.c.d` (resolvers
/// asked for AI_V4MAPPED) and the NAT64 well-known prefix 64:ff9b::/96 (DNS64
/// synthesises it for every IPv4-only name on an IPv6-only network; refusing
/// it would cut such a deployment off from IPv4-only receivers).
///
/// Out of reach of any address test: a NAT64 gateway with a network-specific
/// prefix (RFC 6052) embeds IPv4 addresses, private ones included, in
/// ordinary global addresses. On such a network the gateway is the place to
/// filter.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_global_v4(v4),
        IpAddr::V6(v6) => is_global_v6(v6),
    }
}

/// IPv4 blocks that are not globally reachable unicast: the IANA IPv4
/// Special-Purpose Address Registry's non-global entries, multicast and 240/4.
const V4_NOT_GLOBAL: [(Ipv4Addr, u8); 15] = [
    // "This network" (RFC 791); 0.0.0.0 reaches the local host on Linux.
    (Ipv4Addr::new(0, 0, 0, 0), 8),
    // Private use (RFC 1918).
    (Ipv4Addr::new(10, 0, 0, 0), 8),
    // Shared address space, carrier-grade NAT (RFC 6598).
    (Ipv4Addr::new(100, 64, 0, 0), 10),
    // Loopback (RFC 1122).
    (Ipv4Addr::new(127, 0, 0, 0), 8),
    // Link-local (RFC 3927); cloud metadata endpoints live here.
    (Ipv4Addr::new(169, 254, 0, 0), 16),
    // Private use (RFC 1918).
    (Ipv4Addr::new(172, 16, 0, 0), 12),
    // IETF protocol assignments (RFC 6890): DS-Lite, the dummy address, NAT64
    // discovery; also, conservatively, PCP and TURN anycast (.9, .10).
    (Ipv4Addr::new(192, 0, 0, 0), 24),
    // Documentation, TEST-NET-1 (RFC 5737).
    (Ipv4Addr::new(192, 0, 2, 0), 24),
    // 6to4 relay anycast, deprecated (RFC 7526); also, conservatively, the
    // 6a44 relay anycast 192.88.99.2 (RFC 6751).
    (Ipv4Addr::new(192, 88, 99, 0), 24),
    // Private use (RFC 1918).
    (Ipv4Addr::new(192, 168, 0, 0), 16),
    // Benchmarking (RFC 2544).
    (Ipv4Addr::new(198, 18, 0, 0), 15),
    // Documentation, TEST-NET-2 (RFC 5737).
    (Ipv4Addr::new(198, 51, 100, 0), 24),
    // Documentation, TEST-NET-3 (RFC 5737).
    (Ipv4Addr::new(203, 0, 113, 0), 24),
    // Multicast (RFC 5771), MCAST-TEST-NET included: not unicast.
    (Ipv4Addr::new(224, 0, 0, 0), 4),
    // Reserved (RFC 1112), limited broadcast 255.255.255.255 included.
    (Ipv4Addr::new(240, 0, 0, 0), 4),
];

/// Global unicast (RFC 4291): the only IPv6 space we call, less the blocks below.
const V6_GLOBAL_UNICAST: (Ipv6Addr, u8) = (Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3);

/// The blocks inside 2000::/3 that are not globally reachable, or tunnel to
/// an address we cannot judge.
const V6_NOT_GLOBAL: [(Ipv6Addr, u8); 5] = [
    // IETF protocol assignments (RFC 2928): Teredo, benchmarking, ORCHID, and
    // conservatively the anycast and overlay entries marked global.
    (Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 23),
    // Documentation (RFC 3849).
    (Ipv6Addr::new(0x2001, 0x0db8, 0, 0, 0, 0, 0, 0), 32),
    // 6to4 (RFC 3056), deprecated (RFC 7526): embeds an IPv4 address.
    (Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0), 16),
    // Documentation (RFC 9637).
    (Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20),
    // Segment Routing (SRv6) SIDs (RFC 9602).
    (Ipv6Addr::new(0x5f00, 0, 0, 0, 0, 0, 0, 0), 16),
];

/// The NAT64 well-known prefix (RFC 6052), judged as the IPv4 address it carries.
const V6_NAT64_WELL_KNOWN: (Ipv6Addr, u8) = (Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96);

fn is_global_v4(ip: Ipv4Addr) -> bool {
    !V4_NOT_GLOBAL.iter().any(|&block| in_v4(ip, block))
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_global_v4(v4);
    }
    if in_v6(ip, V6_NAT64_WELL_KNOWN) {
        let [.., a, b, c, d] = ip.octets();
        return is_global_v4(Ipv4Addr::new(a, b, c, d));
    }
    in_v6(ip, V6_GLOBAL_UNICAST) && !V6_NOT_GLOBAL.iter().any(|&block| in_v6(ip, block))
}

fn in_v4(ip: Ipv4Addr, (net, len): (Ipv4Addr, u8)) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net)
}

fn in_v6(ip: Ipv6Addr, (net, len): (Ipv6Addr, u8)) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0);
    u128::from(ip) & mask == u128::from(net)
}

/// reqwest's resolver with the guard applied to every answer.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    policy: Policy,
}

impl GuardedResolver {
    /// A resolver enforcing `policy`.
    pub fn new(policy: Policy) -> Arc<Self> {
        Arc::new(Self { policy })
    }
}

/// The addresses of `addrs` that `policy` lets us call, in order. Refused
/// ones are dropped rather than failing the name, which is just as safe: the
/// client only ever dials what is returned. With none left, the error names
/// the first refused address.
fn vet(policy: Policy, host: &str, addrs: Vec<SocketAddr>) -> Result<Vec<SocketAddr>, GuardError> {
    let first = addrs.first().map(SocketAddr::ip);
    let allowed: Vec<SocketAddr> = addrs.into_iter().filter(|a| policy.check_ip(a.ip()).is_ok()).collect();
    match (allowed.is_empty(), first) {
        (false, _) => Ok(allowed),
        (true, Some(ip)) => Err(GuardError::Private(ip)),
        (true, None) => Err(GuardError::Unresolvable(host.to_string())),
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_string();
            policy.check_name(&host)?;
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let it: reqwest::dns::Addrs = Box::new(vet(policy, &host, addrs)?.into_iter());
            Ok(it)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: Policy = Policy { allow_private: false, allow_http: false };

    /// Each URL is refused for its address, whatever the spelling.
    #[track_caller]
    fn refused(class: &str, urls: &[&str]) {
        for url in urls {
            let got = STRICT.check_url(url);
            assert!(matches!(got, Err(GuardError::Private(_))), "{class}: {url} gave {got:?}");
        }
    }

    fn v4(s: &str) -> IpAddr {
        IpAddr::V4(s.parse().unwrap())
    }

    fn v6(s: &str) -> IpAddr {
        IpAddr::V6(s.parse().unwrap())
    }

    /// Teredo (RFC 4380): server 65.54.227.120, then flags, port and client
    /// address, the last two inverted bit by bit.
    fn teredo(client: Ipv4Addr) -> Ipv6Addr {
        let c = !u32::from(client);
        Ipv6Addr::new(0x2001, 0, 0x4136, 0xe378, 0x8000, !40000u16, (c >> 16) as u16, c as u16)
    }

    #[test]
    fn every_spelling_of_an_address_parses_to_that_address() {
        let host = |url: &str| Url::parse(url).unwrap().host().map(|h| h.to_owned());
        for spelling in [
            "127.0.0.1",
            "127.1",
            "127.0.1",
            "2130706433",
            "0x7f000001",
            "0X7F000001",
            "0x7f.1",
            "0x7f.0x0.0x0.0x1",
            "017700000001",
            "0177.0.0.1",
            "0177.1",
            "127.000.000.001",
            "127.0.0.1.",
            "%31%32%37.0.0.1",
            "\u{ff11}\u{ff12}\u{ff17}\u{ff0e}\u{ff10}\u{ff0e}\u{ff10}\u{ff0e}\u{ff11}",
        ] {
            assert_eq!(host(&format!("https://{spelling}/")), Some(Host::Ipv4(Ipv4Addr::LOCALHOST)), "{spelling}");
        }
        for spelling in ["[::1]", "[0:0:0:0:0:0:0:1]", "[0000::0001]", "[::0.0.0.1]"] {
            assert_eq!(host(&format!("https://{spelling}/")), Some(Host::Ipv6(Ipv6Addr::LOCALHOST)), "{spelling}");
        }
        let mapped = Ipv4Addr::LOCALHOST.to_ipv6_mapped();
        for spelling in ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "[::FFFF:7F00:1]"] {
            assert_eq!(host(&format!("https://{spelling}/")), Some(Host::Ipv6(mapped)), "{spelling}");
        }
        assert_eq!(host("HTTPS://LocalHost./"), Some(Host::Domain("localhost.".to_string())));
        assert_eq!(host("https://\u{24db}ocalhost/"), Some(Host::Domain("localhost".to_string())), "IDNA maps names");
    }

    #[test]
    fn loopback_is_refused_in_every_encoding() {
        refused(
            "loopback",
            &[
                "https://127.0.0.1/cb",
                "https://127.1/",
                "https://127.255.255.254/",
                "https://2130706433/",
                "https://0x7f000001/",
                "https://0x7f.1/",
                "https://017700000001/",
                "https://0177.0.0.1/",
                "https://127.0.0.1./",
                "https://%31%32%37.0.0.1/",
                "https://\u{ff11}\u{ff12}\u{ff17}.\u{ff10}.\u{ff10}.\u{ff11}/",
                "https://127.0.0.1:8443/",
                "https://[::1]/",
                "https://[0:0:0:0:0:0:0:1]/",
                "https://[::0.0.0.1]/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:7f00:1]/",
                "https://[0:0:0:0:0:ffff:7f00:1]/",
                "https://[::127.0.0.1]/",
                "https://[::ffff:0:127.0.0.1]/",
                "https://[2002:7f00:1::]/",
                "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
                "https://[64:ff9b::7f00:1]/",
                "https://[64:ff9b::127.0.0.1]/",
                "https://[64:ff9b:1::7f00:1]/",
                "https://localhost/",
                "https://localhost./",
                "https://LOCALHOST/",
                "https://LocalHost./",
                "https://api.localhost/",
                "https://\u{24db}ocalhost/",
            ],
        );
        assert_eq!(teredo(Ipv4Addr::LOCALHOST), "2001:0:4136:e378:8000:63bf:80ff:fffe".parse::<Ipv6Addr>().unwrap());
    }

    #[test]
    fn unspecified_and_this_network_are_refused() {
        refused(
            "unspecified",
            &[
                "https://0.0.0.0/",
                "https://0/",
                "https://0x0/",
                "https://0.1.2.3/",
                "https://[::]/",
                "https://[::ffff:0.0.0.0]/",
                "https://[64:ff9b::]/",
            ],
        );
    }

    #[test]
    fn private_networks_are_refused() {
        refused(
            "private (RFC 1918)",
            &[
                "https://10.0.0.1/",
                "https://10.255.255.255/",
                "https://012.0.0.1/",
                "https://0xa000001/",
                "https://167772161/",
                "https://10.1/",
                "https://172.16.0.1/",
                "https://172.31.255.255/",
                "https://192.168.1.1/",
                "https://3232235777/",
                "https://0xc0.0xa8.1.1/",
                "https://[::ffff:10.0.0.1]/",
                "https://[::ffff:c0a8:101]/",
                "https://[::10.0.0.1]/",
                "https://[2002:a00:1::]/",
                "https://[2002:c0a8:101::1]/",
                "https://[64:ff9b::a00:1]/",
                "https://[64:ff9b::192.168.1.1]/",
                &format!("https://[{}]/", teredo(Ipv4Addr::new(10, 0, 0, 1))),
            ],
        );
        refused(
            "shared, carrier-grade NAT",
            &["https://100.64.0.1/", "https://100.127.255.254/", "https://[::ffff:100.64.0.1]/"],
        );
        refused("unique local", &["https://[fc00::1]/", "https://[fd00::1]/", "https://[fdff:ffff::1]/"]);
        refused("site-local, deprecated", &["https://[fec0::1]/", "https://[feff::1]/"]);
    }

    #[test]
    fn link_local_and_cloud_metadata_are_refused() {
        refused(
            "link-local",
            &[
                "https://169.254.169.254/latest/meta-data/",
                "https://2852039166/",
                "https://0xa9.0xfe.0xa9.0xfe/",
                "https://0251.0376.0251.0376/",
                "https://169.254.0.1/",
                "https://[::ffff:169.254.169.254]/",
                "https://[::ffff:a9fe:a9fe]/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "https://[fe80::1]/",
                "https://[fe80::a9fe:a9fe]/",
                "https://[febf::1]/",
                "https://[fd00:ec2::254]/",
            ],
        );
    }

    #[test]
    fn zone_ids_are_not_urls() {
        for url in ["https://[fe80::1%25eth0]/", "https://[fe80::1%eth0]/", "https://[fe80::1%251]/"] {
            assert_eq!(STRICT.check_url(url), Err(GuardError::Invalid), "{url}");
        }
    }

    #[test]
    fn multicast_broadcast_and_reserved_are_refused() {
        refused(
            "multicast",
            &[
                "https://224.0.0.1/",
                "https://239.255.255.250/",
                "https://233.252.0.1/",
                "https://[::ffff:224.0.0.251]/",
                "https://[ff02::1]/",
                "https://[ff05::1:3]/",
                "https://[ff0e::1]/",
            ],
        );
        refused(
            "broadcast and reserved",
            &[
                "https://255.255.255.255/",
                "https://4294967295/",
                "https://0xffffffff/",
                "https://240.0.0.1/",
                "https://[::ffff:255.255.255.255]/",
            ],
        );
    }

    #[test]
    fn documentation_benchmarking_and_protocol_blocks_are_refused() {
        refused(
            "documentation",
            &[
                "https://192.0.2.1/",
                "https://198.51.100.1/",
                "https://203.0.113.9/",
                "https://[2001:db8::1]/",
                "https://[3fff::1]/",
                "https://[3fff:fff:ffff::1]/",
            ],
        );
        refused("benchmarking", &["https://198.18.0.1/", "https://198.19.255.255/", "https://[2001:2::1]/"]);
        refused(
            "IETF protocol assignments",
            &[
                "https://192.0.0.1/",
                "https://192.0.0.8/",
                "https://192.0.0.170/",
                "https://[2001::1]/",
                "https://[2001:10::1]/",
                "https://[2001:1ff:ffff::1]/",
            ],
        );
        // The registry calls these globally reachable; we refuse them anyway
        // (see `is_global`).
        refused(
            "conservatively refused",
            &[
                "https://192.0.0.9/",
                "https://192.0.0.10/",
                "https://192.88.99.1/",
                "https://192.88.99.2/",
                "https://[2001:1::1]/",
                "https://[2001:1::3]/",
                "https://[2001:3::1]/",
                "https://[2001:4:112::1]/",
                "https://[2001:20::1]/",
                "https://[2001:30::1]/",
            ],
        );
        refused("discard, dummy, SRv6", &["https://[100::1]/", "https://[100:0:0:1::1]/", "https://[5f00::1]/"]);
        refused("outside 2000::/3", &["https://[4000::1]/", "https://[e000::1]/", "https://[1fff:ffff::1]/"]);
    }

    #[test]
    fn forms_that_tunnel_to_ipv4_are_refused_even_for_public_ipv4() {
        let public = Ipv4Addr::new(8, 8, 8, 8);
        refused(
            "tunnel",
            &[
                "https://[::8.8.8.8]/",
                "https://[::808:808]/",
                "https://[::ffff:0:8.8.8.8]/",
                "https://[2002:808:808::1]/",
                "https://[64:ff9b:1::808:808]/",
                &format!("https://[{}]/", teredo(public)),
            ],
        );
    }

    #[test]
    fn public_addresses_pass() {
        for url in [
            "https://8.8.8.8/",
            "https://1.1.1.1/",
            "https://93.184.215.14/",
            "https://93.184.216.34/cb",
            "https://134744072/",
            "https://192.31.196.1/",
            "https://[2606:4700:4700::1111]/",
            "https://[2606:4700::1111]/",
            "https://[2001:4860:4860::8888]/",
            "https://[2620:4f:8000::1]/",
            "https://[::ffff:8.8.8.8]/",
            "https://[64:ff9b::1.1.1.1]/",
            "https://example.com/cb",
            "https://localhost.example.com/",
            "https://EXAMPLE.com./",
        ] {
            assert!(STRICT.check_url(url).is_ok(), "{url}: {:?}", STRICT.check_url(url));
        }
    }

    #[test]
    fn block_edges_are_exact() {
        for ip in [
            "0.255.255.255",
            "10.0.0.0",
            "10.255.255.255",
            "100.64.0.0",
            "100.127.255.255",
            "127.0.0.0",
            "127.255.255.255",
            "169.254.0.0",
            "169.254.255.255",
            "172.16.0.0",
            "172.31.255.255",
            "192.0.0.0",
            "192.0.0.255",
            "192.0.2.0",
            "192.0.2.255",
            "192.88.99.0",
            "192.88.99.255",
            "192.168.0.0",
            "192.168.255.255",
            "198.18.0.0",
            "198.19.255.255",
            "198.51.100.0",
            "198.51.100.255",
            "203.0.113.0",
            "203.0.113.255",
            "224.0.0.0",
            "239.255.255.255",
            "240.0.0.0",
            "255.255.255.255",
        ] {
            assert!(!is_global(v4(ip)), "{ip}");
        }
        for ip in [
            "1.0.0.0",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.0",
            "169.253.255.255",
            "169.255.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "191.255.255.255",
            "192.0.1.0",
            "192.0.3.0",
            "192.88.98.255",
            "192.88.100.0",
            "192.167.255.255",
            "192.169.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "198.51.99.255",
            "198.51.101.0",
            "203.0.112.255",
            "203.0.114.0",
            "223.255.255.255",
        ] {
            assert!(is_global(v4(ip)), "{ip}");
        }
        for ip in [
            "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001::",
            "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:db8::",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
            "2002::",
            "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "3fff::",
            "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
            "4000::",
            "5f00::",
            "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "64:ff9b:1::",
            "64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
        ] {
            assert!(!is_global(v6(ip)), "{ip}");
        }
        for ip in [
            "2000::",
            "2001:200::",
            "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:db9::",
            "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2003::",
            "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "3fff:1000::",
            "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        ] {
            assert!(is_global(v6(ip)), "{ip}");
        }
    }

    /// Mapped and NAT64 well-known addresses answer as their IPv4 address;
    /// compatible, translated, 6to4, Teredo and local-use NAT64 never pass.
    #[test]
    fn embedded_ipv4_forms_follow_one_rule() {
        for s in
            ["8.8.8.8", "1.1.1.1", "93.184.215.14", "127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1"]
        {
            let ip: Ipv4Addr = s.parse().unwrap();
            let [a, b, c, d] = ip.octets().map(u16::from);
            let (hi, lo) = (a << 8 | b, c << 8 | d);
            let want = is_global(IpAddr::V4(ip));
            assert_eq!(is_global(IpAddr::V6(ip.to_ipv6_mapped())), want, "mapped {s}");
            assert_eq!(is_global(IpAddr::V6(Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, hi, lo))), want, "NAT64 {s}");
            for tunnel in [
                ip.to_ipv6_compatible(),
                Ipv6Addr::new(0, 0, 0, 0, 0xffff, 0, hi, lo),
                Ipv6Addr::new(0x2002, hi, lo, 0, 0, 0, 0, 1),
                Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, hi, lo),
                teredo(ip),
            ] {
                assert!(!is_global(IpAddr::V6(tunnel)), "{tunnel} carries {s}");
            }
        }
    }

    #[test]
    fn schemes_credentials_and_policy() {
        assert_eq!(STRICT.check_url("http://93.184.216.34/"), Err(GuardError::NotHttps));
        assert_eq!(STRICT.check_url("ftp://93.184.216.34/"), Err(GuardError::NotHttps));
        assert_eq!(STRICT.check_url("file:///etc/passwd"), Err(GuardError::NotHttps));
        assert_eq!(STRICT.check_url("https://u:p@93.184.216.34/"), Err(GuardError::Credentials));
        assert_eq!(STRICT.check_url("https://u@127.0.0.1/"), Err(GuardError::Credentials));
        assert_eq!(STRICT.check_url("not a url"), Err(GuardError::Invalid));
        assert_eq!(STRICT.check_url("https://2130706433/"), Err(GuardError::Private(v4("127.0.0.1"))));
        assert_eq!(STRICT.check_url("https://localhost./"), Err(GuardError::Private(v4("127.0.0.1"))));
        let http = Policy { allow_http: true, ..Policy::default() };
        assert!(http.check_url("http://93.184.216.34/").is_ok());
        assert!(matches!(http.check_url("http://127.0.0.1/"), Err(GuardError::Private(_))));
        assert!(matches!(http.check_url("http://0x7f.1/"), Err(GuardError::Private(_))));
        let open = Policy { allow_private: true, allow_http: false };
        for url in [
            "http://127.0.0.1:9000/cb",
            "https://[::1]/",
            "https://10.0.0.7/",
            "http://localhost./",
            "https://[fd00::1]/",
        ] {
            assert!(open.check_url(url).is_ok(), "{url}");
        }
        assert_eq!(open.check_url("ftp://127.0.0.1/"), Err(GuardError::NotHttps));
    }

    #[test]
    fn resolved_addresses_are_vetted_one_by_one() {
        let sa = |ip: IpAddr| SocketAddr::new(ip, 443);
        let public = sa(v4("93.184.215.14"));
        let public6 = sa(v6("2606:4700:4700::1111"));
        assert_eq!(vet(STRICT, "h", vec![public, public6]), Ok(vec![public, public6]));
        // A rebinding answer mixing public and private: only the public one is dialled.
        for bad in ["127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0"] {
            assert_eq!(vet(STRICT, "h", vec![sa(v4(bad)), public]), Ok(vec![public]), "{bad}");
        }
        for bad in
            ["::1", "::ffff:127.0.0.1", "::127.0.0.1", "2002:7f00:1::", "64:ff9b::a9fe:a9fe", "fe80::1", "fd00::1"]
        {
            assert_eq!(vet(STRICT, "h", vec![sa(v6(bad)), public]), Ok(vec![public]), "{bad}");
            assert_eq!(vet(STRICT, "h", vec![sa(v6(bad))]), Err(GuardError::Private(v6(bad))), "{bad}");
        }
        assert_eq!(vet(STRICT, "h", vec![sa(v6("::ffff:8.8.8.8"))]), Ok(vec![sa(v6("::ffff:8.8.8.8"))]));
        assert_eq!(vet(STRICT, "h", vec![]), Err(GuardError::Unresolvable("h".into())));
        let open = Policy { allow_private: true, allow_http: false };
        assert_eq!(vet(open, "h", vec![sa(v4("127.0.0.1"))]), Ok(vec![sa(v4("127.0.0.1"))]));
    }

    #[tokio::test]
    async fn localhost_names_are_refused_by_the_full_check() {
        for url in ["https://localhost/cb", "https://localhost./cb", "https://LOCALHOST/cb"] {
            assert!(matches!(STRICT.check(url).await, Err(GuardError::Private(_))), "{url}");
        }
    }

    #[tokio::test]
    async fn the_resolver_refuses_what_the_check_refuses() {
        use reqwest::dns::Resolve;
        let guarded = GuardedResolver::new(STRICT);
        for name in ["localhost", "localhost.", "LOCALHOST", "api.localhost"] {
            let err = match guarded.resolve(name.parse().unwrap()).await {
                Ok(addrs) => panic!("{name} resolved to {:?}", addrs.collect::<Vec<_>>()),
                Err(e) => e,
            };
            assert!(matches!(err.downcast_ref::<GuardError>(), Some(GuardError::Private(_))), "{name}: {err}");
        }
        let open = GuardedResolver::new(Policy { allow_private: true, allow_http: false });
        let addrs: Vec<SocketAddr> = open.resolve("localhost".parse().unwrap()).await.unwrap().collect();
        assert!(addrs.iter().all(|a| a.ip().is_loopback()), "{addrs:?}");
    }
}
