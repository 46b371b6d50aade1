//! Fuzz target for the SSRF guard (`guard.rs`), through its public
//! [`Policy::check_url`] only, so the guard's inside can change freely: no URL
//! it accepts names a literal address that is not global, in any of the
//! spellings a URL parser accepts (integer, hex and octal IPv4, short forms,
//! full-width digits, percent-encoding, IPv4-mapped IPv6, ...).
//!
//! The oracle is our own and deliberately simple (loopback, private,
//! link-local, unspecified, multicast, broadcast; for IPv6 `::1`, `::`,
//! `fc00::/7`, `fe80::/10`, `ff00::/8` and `::ffff:a.b.c.d`); the guard may
//! refuse more than it does.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use url::Host;

use crate::fuzz::gen::{mutate_text, mutations, text};
use crate::guard::Policy;

/// Whether the oracle calls `ip` not global.
fn not_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, _, _] = v4.octets();
            a == 127
                || a == 10
                || (a == 172 && (16..32).contains(&b))
                || (a == 192 && b == 168)
                || (a == 169 && b == 254)
                || a == 0
                || (224..240).contains(&a)
                || v4 == Ipv4Addr::BROADCAST
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if s[..5] == [0; 5] && s[5] == 0xffff {
                let [_, _, _, _, _, _, hi, lo] = s;
                return not_global(IpAddr::V4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo))));
            }
            v6 == Ipv6Addr::LOCALHOST
                || v6 == Ipv6Addr::UNSPECIFIED
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] & 0xff00) == 0xff00
        }
    }
}

/// Addresses from every special block, and any address at all.
fn address() -> impl Strategy<Value = IpAddr> {
    let v4_block = prop::sample::select(vec![
        (127u32 << 24, 8u32),
        (10 << 24, 8),
        ((172 << 24) | (16 << 16), 12),
        ((192 << 24) | (168 << 16), 16),
        ((169 << 24) | (254 << 16), 16),
        (0, 8),
        (224 << 24, 4),
        (u32::MAX, 32),
        ((100 << 24) | (64 << 16), 10),
        ((8 << 24) | (8 << 16) | (8 << 8) | 8, 32),
    ]);
    let v4 = prop_oneof![
        (v4_block, any::<u32>()).prop_map(|((net, len), r)| net | (r >> len.min(31) >> u32::from(len == 32))),
        any::<u32>(),
    ]
    .prop_map(Ipv4Addr::from);
    let v6 = prop_oneof![
        Just(Ipv6Addr::LOCALHOST),
        Just(Ipv6Addr::UNSPECIFIED),
        any::<u128>().prop_map(|r| Ipv6Addr::from((0xfc00u128 << 112) | (r >> 7))),
        any::<u128>().prop_map(|r| Ipv6Addr::from((0xfe80u128 << 112) | (r >> 10))),
        any::<u128>().prop_map(|r| Ipv6Addr::from((0xffu128 << 120) | (r >> 8))),
        v4.clone().prop_map(|a| a.to_ipv6_mapped()),
        v4.clone().prop_map(|a| Ipv6Addr::from((0x64_ff9bu128 << 96) | u128::from(u32::from(a)))),
        v4.clone().prop_map(|a| a.to_ipv6_compatible()),
        any::<u128>().prop_map(Ipv6Addr::from),
    ];
    prop_oneof![v4.prop_map(IpAddr::V4), v6.prop_map(IpAddr::V6)]
}

/// One of the many ways to write `ip` as a URL host.
fn spelling(ip: IpAddr, form: u8) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            let n = u32::from(v4);
            match form % 9 {
                0 => v4.to_string(),
                1 => n.to_string(),
                2 => format!("0x{n:x}"),
                3 => format!("0{:o}.{}.{}.0{:o}", o[0], o[1], o[2], o[3]),
                4 => format!("{}.{}", o[0], n & 0xff_ffff),
                5 => format!("0x{:X}.{}.{}.{}.", o[0], o[1], o[2], o[3]),
                6 => v4
                    .to_string()
                    .chars()
                    .map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0xff10 + d).unwrap_or(c)))
                    .collect(),
                7 => v4.to_string().bytes().map(|b| format!("%{b:02X}")).collect(),
                _ => format!("[::ffff:{v4}]"),
            }
        }
        IpAddr::V6(v6) => match form % 4 {
            0 => format!("[{v6}]"),
            1 => format!("[{}]", v6.segments().map(|s| format!("{s:04X}")).join(":")),
            2 => match v6.to_ipv4_mapped() {
                Some(v4) => format!("[0:0:0:0:0:FFFF:{v4}]"),
                None => format!("[{v6}]"),
            },
            _ => format!("[{v6}%25eth0]"),
        },
    }
}

/// A URL around an address (`Some` while its spelling is intact), or any text.
fn url() -> impl Strategy<Value = (String, Option<IpAddr>)> {
    let built = (
        prop::sample::select(vec!["https", "http", "HTTPS", "ftp", "wss"]),
        prop::sample::select(vec!["", "user@", "u:p@", ":@"]),
        address(),
        any::<u8>(),
        prop::sample::select(vec!["", ":443", ":80", ":0", ":65536"]),
        prop::sample::select(vec!["", "/", "/cb?x=1", "/#frag", "?@evil.example/"]),
        mutations(2),
    )
        .prop_map(|(scheme, user, ip, form, port, rest, ms)| {
            let url = format!("{scheme}://{user}{}{port}{rest}", spelling(ip, form));
            if ms.is_empty() {
                (url, Some(ip))
            } else {
                (mutate_text(&url, &ms), None)
            }
        });
    prop_oneof![6 => built, 1 => text(40).prop_map(|t| (t, None))]
}

#[test]
fn fuzz_guard_literal_hosts() {
    let policies = [Policy::default(), Policy { allow_http: true, ..Policy::default() }];
    crate::fuzz::target("guard_literal_hosts").run(url(), |(raw, intended)| {
        for policy in &policies {
            let Ok(url) = policy.check_url(&raw) else { continue };
            let host = match url.host() {
                Some(Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
                Some(Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
                Some(Host::Domain(d)) => d.trim_end_matches('.').parse().ok(),
                None => None,
            };
            if let Some(ip) = host {
                prop_assert!(!not_global(ip), "{policy:?} accepted {raw:?}, whose host is {ip}");
            }
            if let Some(ip) = intended {
                prop_assert!(!not_global(ip), "{policy:?} accepted {raw:?}, spelling {ip}");
            }
        }
        Ok(())
    });
}
