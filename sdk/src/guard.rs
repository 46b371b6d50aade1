//! The SSRF guard for URLs that someone else chooses and we call: webhook
//! callbacks (the server) and `$(urlfetch)` (the chatbot). Without it, a
//! subscriber or a moderator could aim us at loopback services, the private
//! network or a cloud metadata endpoint.
//!
//! Checked twice: up front (scheme, literal addresses, and what the host name
//! resolves to now) and on every connection, through [`GuardedResolver`], so a
//! name that later resolves somewhere private (DNS rebinding) is refused too.
//! Callers must also turn redirects off.

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
    /// The host is (or resolves to) an address we never call.
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
    /// (for receivers on the same host or network, and for tests).
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
            Some(Host::Domain(_)) => {}
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

    /// Whether one address may be called.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), GuardError> {
        if self.allow_private || is_public(ip) {
            Ok(())
        } else {
            Err(GuardError::Private(ip))
        }
    }
}

/// Whether `ip` is a public unicast address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let seg = v6.segments();
            // NAT64 (64:ff9b::/96) embeds an IPv4 address.
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0, 0, 0, 0] {
                let o = v6.octets();
                return is_public_v4(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00 // unique local
                || (seg[0] & 0xffc0) == 0xfe80 // link-local
                || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
                || v6 == Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 1))
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local() // 169.254/16, cloud metadata lives here
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || o[0] == 0 // "this network"
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // carrier-grade NAT 100.64/10
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // benchmarking 198.18/15
        || o[0] >= 240) // reserved
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

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = addrs.iter().copied().filter(|a| policy.check_ip(a.ip()).is_ok()).collect();
            if allowed.is_empty() {
                let err: Box<dyn std::error::Error + Send + Sync> = match addrs.first() {
                    Some(a) => Box::new(GuardError::Private(a.ip())),
                    None => Box::new(GuardError::Unresolvable(host)),
                };
                return Err(err);
            }
            let it: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(it)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_refused() {
        let strict = Policy::default();
        for bad in [
            "https://127.0.0.1/cb",
            "https://10.1.2.3/",
            "https://172.16.0.1/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/",
            "https://0.0.0.0/",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[64:ff9b::a9fe:a9fe]/",
        ] {
            assert!(matches!(strict.check_url(bad), Err(GuardError::Private(_))), "{bad}");
        }
        assert_eq!(strict.check_url("http://93.184.216.34/"), Err(GuardError::NotHttps));
        assert_eq!(strict.check_url("ftp://93.184.216.34/"), Err(GuardError::NotHttps));
        assert_eq!(strict.check_url("https://u:p@93.184.216.34/"), Err(GuardError::Credentials));
        assert_eq!(strict.check_url("not a url"), Err(GuardError::Invalid));
        assert!(strict.check_url("https://93.184.216.34/cb").is_ok());
        assert!(strict.check_url("https://[2606:4700::1111]/").is_ok());
        let open = Policy { allow_private: true, allow_http: false };
        let http = Policy { allow_http: true, ..Policy::default() };
        assert!(http.check_url("http://93.184.216.34/").is_ok());
        assert!(matches!(http.check_url("http://127.0.0.1/"), Err(GuardError::Private(_))));
        assert!(open.check_url("http://127.0.0.1:9000/cb").is_ok());
    }

    #[tokio::test]
    async fn names_are_checked_after_resolution() {
        let strict = Policy::default();
        assert!(matches!(strict.check("https://localhost/cb").await, Err(GuardError::Private(_))));
    }
}
