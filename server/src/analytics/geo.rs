//! Countries from addresses, through an optional MaxMind-format database
//! (`--geoip-db`: GeoLite2-Country, GeoIP2-Country or City). Only the
//! two-letter country code is kept; the address is looked up and dropped.

use std::net::IpAddr;
use std::path::Path;

/// An open country database.
pub struct Geo {
    reader: maxminddb::Reader<Vec<u8>>,
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("the location database {path}: {reason}")]
pub struct GeoError {
    /// The file.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

impl Geo {
    /// Read the database at `path` into memory.
    pub fn open(path: &Path) -> Result<Self, GeoError> {
        let reader = maxminddb::Reader::open_readfile(path)
            .map_err(|e| GeoError { path: path.display().to_string(), reason: e.to_string() })?;
        if !reader.metadata.database_type.contains("Country") && !reader.metadata.database_type.contains("City") {
            return Err(GeoError {
                path: path.display().to_string(),
                reason: format!("a {} database has no countries", reader.metadata.database_type),
            });
        }
        Ok(Self { reader })
    }

    /// The ISO 3166-1 code of the country `ip` is in, if the database knows.
    pub fn country(&self, ip: IpAddr) -> Option<String> {
        let found = self.reader.lookup(ip).ok()?;
        let path = [maxminddb::PathElement::Key("country"), maxminddb::PathElement::Key("iso_code")];
        let code: String = found.decode_path(&path).ok()??;
        (code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())).then(|| code.to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geo() -> Geo {
        Geo::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/GeoIP2-Country-Test.mmdb")).unwrap()
    }

    #[test]
    fn maxminds_test_database_says_where() {
        let g = geo();
        let at = |ip: &str| g.country(ip.parse().unwrap());
        assert_eq!(at("81.2.69.160").as_deref(), Some("GB"));
        assert_eq!(at("89.160.20.128").as_deref(), Some("SE"));
        assert_eq!(at("216.160.83.56").as_deref(), Some("US"));
        assert_eq!(at("2001:218::1").as_deref(), Some("JP"));
        assert_eq!(at("127.0.0.1"), None);
        assert_eq!(at("10.1.2.3"), None);
    }

    #[test]
    fn a_missing_or_wrong_file_is_refused() {
        let e = Geo::open(Path::new("/nonexistent/GeoLite2-Country.mmdb")).err().unwrap();
        assert!(e.to_string().contains("/nonexistent/GeoLite2-Country.mmdb"), "{e}");
        let not_mmdb = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/README.md");
        assert!(Geo::open(&not_mmdb).is_err());
    }
}
