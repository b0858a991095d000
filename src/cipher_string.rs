//! OpenSSL's cipher-string language (`SSL_CTX_set_cipher_list`, `openssl ciphers`) over
//! the suites this library implements.
//!
//! A string is a list of rules separated by `:`, `,`, `;` or spaces. A rule names one
//! suite or an alias (`ECDHE`, `AES128`, `HIGH` ...), or several joined with `+` (all
//! must match), with an optional prefix: none adds the matching suites at the end, `-`
//! takes them out (they can come back), `!` removes them for good, `+` moves them to the
//! end. `@STRENGTH` sorts by key length, `@SECLEVEL=n` sets the security level. The list
//! starts from every suite in the library's default order, all inactive, and the rules
//! move suites around exactly as OpenSSL does, so the result matches what
//! `openssl ciphers` prints for the same string.

use crate::error::{Error, Reason};
use crate::suites::{self, Authentication, BulkCipher, KeyExchange, Mac, Suite};

/// What a cipher string says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CipherString {
    /// The enabled suites in preference order.
    pub suites: Vec<&'static Suite>,
    /// The security level the string set with `@SECLEVEL=n`, if it did.
    pub security_level: Option<u32>,
}

/// What a rule does to the suites it matches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Delete,
    Kill,
    MoveToEnd,
}

/// Whether a suite is allowed at OpenSSL security level `level`.
pub fn allowed_at_level(suite: &Suite, level: u32) -> bool {
    let forward_secret =
        matches!(suite.kx, KeyExchange::Ecdhe | KeyExchange::Dhe | KeyExchange::EcdhePsk | KeyExchange::DhePsk);
    match level {
        0..=2 => true,
        3 => forward_secret,
        _ => forward_secret && suite.bits >= 192 && suite.mac != Mac::HmacSha1,
    }
}

/// Whether `suite` matches the alias or suite name `name` (case-sensitive, as in OpenSSL).
/// Returns `None` for a name OpenSSL would not recognise either.
fn matches(name: &str, suite: &Suite) -> Option<bool> {
    use Authentication as A;
    use BulkCipher as B;
    let aes = matches!(suite.bulk, B::Aes128Gcm | B::Aes256Gcm | B::Aes128Cbc | B::Aes256Cbc);
    Some(match name {
        "ALL" | "DEFAULT" | "HIGH" => true,
        "COMPLEMENTOFALL"
        | "COMPLEMENTOFDEFAULT"
        | "MEDIUM"
        | "LOW"
        | "EXPORT"
        | "eNULL"
        | "NULL"
        | "aNULL"
        | "ADH"
        | "AECDH"
        | "3DES"
        | "RC4"
        | "MD5"
        | "CAMELLIA"
        | "ARIA"
        | "SEED"
        | "IDEA"
        | "AESCCM"
        | "AESCCM8"
        | "DSS"
        | "aDSS"
        | "SRP"
        | "kSRP"
        | "aSRP" => false,
        "PSK" => suite.kx.uses_psk(),
        "kPSK" => suite.kx == KeyExchange::Psk,
        "kDHEPSK" => suite.kx == KeyExchange::DhePsk,
        "kECDHEPSK" => suite.kx == KeyExchange::EcdhePsk,
        "kRSAPSK" => suite.kx == KeyExchange::RsaPsk,
        "aPSK" => suite.auth == A::Psk,
        "kECDHE" | "kEECDH" | "ECDHE" | "EECDH" | "ECDH" => suite.kx == KeyExchange::Ecdhe,
        "kDHE" | "kEDH" | "DHE" | "EDH" | "DH" => suite.kx == KeyExchange::Dhe,
        "kRSA" | "RSA" => suite.kx == KeyExchange::Rsa,
        "aRSA" => suite.auth == A::Rsa,
        "aECDSA" | "ECDSA" => suite.auth == A::Ecdsa,
        "AES" => aes,
        "AES128" => matches!(suite.bulk, B::Aes128Gcm | B::Aes128Cbc),
        "AES256" => matches!(suite.bulk, B::Aes256Gcm | B::Aes256Cbc),
        "AESGCM" => matches!(suite.bulk, B::Aes128Gcm | B::Aes256Gcm),
        "CBC" => matches!(suite.bulk, B::Aes128Cbc | B::Aes256Cbc),
        "CHACHA20" => suite.bulk == B::Chacha20Poly1305,
        "SHA1" | "SHA" => suite.mac == Mac::HmacSha1,
        "SHA256" => suite.mac == Mac::HmacSha256,
        "SHA384" => suite.mac == Mac::HmacSha384,
        "TLSv1.2" | "TLSv1" | "TLSv1.0" | "SSLv3" => {
            let label = if name == "TLSv1.0" { "TLSv1" } else { name };
            suite.version_label == label
        }
        other => {
            let known = suites::ALL_SUITES.iter().any(|s| s.openssl_name == other || s.iana_name == other);
            if !known {
                return None;
            }
            suite.openssl_name == other || suite.iana_name == other
        }
    })
}

/// The list OpenSSL's rules work on: every suite, active or not, in order.
struct WorkList(Vec<(&'static Suite, bool)>);

impl WorkList {
    fn apply(&mut self, op: Op, selected: impl Fn(&Suite) -> bool) {
        let items = std::mem::take(&mut self.0);
        let (chosen, rest): (Vec<_>, Vec<_>) = items.into_iter().partition(|(suite, active)| {
            selected(suite)
                && match op {
                    Op::Add => !active,
                    Op::Delete | Op::MoveToEnd => *active,
                    Op::Kill => true,
                }
        });
        self.0 = match op {
            Op::Add => rest.into_iter().chain(chosen.into_iter().map(|(s, _)| (s, true))).collect(),
            Op::MoveToEnd => rest.into_iter().chain(chosen).collect(),
            Op::Delete => chosen.into_iter().map(|(s, _)| (s, false)).chain(rest).collect(),
            Op::Kill => rest,
        };
    }

    fn sort_by_strength(&mut self) {
        let mut strengths: Vec<u32> = self.0.iter().map(|(s, _)| s.bits).collect();
        strengths.sort_unstable_by(|a, b| b.cmp(a));
        strengths.dedup();
        for bits in strengths {
            self.apply(Op::MoveToEnd, |s| s.bits == bits);
        }
    }
}

/// Parses a cipher string. Names this library does not implement are skipped, as
/// OpenSSL skips names it does not know; the result fails only when no suite is left.
pub fn parse(string: &str) -> Result<CipherString, Error> {
    // OpenSSL expands a leading DEFAULT into its default rule list.
    let expanded;
    let string = match string.strip_prefix("DEFAULT") {
        Some(rest) => {
            expanded = format!("ALL:!COMPLEMENTOFDEFAULT:!eNULL{rest}");
            expanded.as_str()
        }
        None => string,
    };
    let mut list = WorkList(suites::ALL_SUITES.iter().map(|s| (s, false)).collect());
    let mut security_level = None;
    // A command such as @STRENGTH may follow a rule without a separator ("ALL@SECLEVEL=3").
    let rules = string.split([':', ',', ';', ' ']).flat_map(|item| match item.find('@') {
        Some(at) if at > 0 => vec![&item[..at], &item[at..]],
        _ => vec![item],
    });
    for rule in rules.filter(|r| !r.is_empty()) {
        if rule == "@STRENGTH" {
            list.sort_by_strength();
            continue;
        }
        if let Some(level) = rule.strip_prefix("@SECLEVEL=") {
            let level = level.parse::<u32>().ok().filter(|l| *l <= 5).ok_or_else(|| {
                Error::local(Reason::NO_CIPHER_MATCH, format!("\"{rule}\" is not a security level from 0 to 5"))
            })?;
            security_level = Some(level);
            continue;
        }
        let (op, body) = match rule.as_bytes()[0] {
            b'-' => (Op::Delete, &rule[1..]),
            b'!' => (Op::Kill, &rule[1..]),
            b'+' => (Op::MoveToEnd, &rule[1..]),
            _ => (Op::Add, rule),
        };
        let names: Vec<&str> = body.split('+').collect();
        // A rule with a name nobody knows matches nothing, as in OpenSSL.
        if names.iter().any(|n| matches(n, &suites::ALL_SUITES[0]).is_none()) {
            continue;
        }
        list.apply(op, |suite| names.iter().all(|n| matches(n, suite) == Some(true)));
    }
    let level = security_level.unwrap_or(0);
    let suites: Vec<&'static Suite> =
        list.0.iter().filter(|(s, active)| *active && allowed_at_level(s, level)).map(|(s, _)| *s).collect();
    if suites.is_empty() {
        return Err(Error::local(
            Reason::NO_CIPHER_MATCH,
            format!("no cipher suite this library implements matches \"{string}\""),
        ));
    }
    Ok(CipherString { suites, security_level })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `openssl ciphers -s -psk -tls1_2 STRING` prints, restricted to our suites
    /// (`-psk` counts PSK suites as usable, as they are once PSK callbacks are set).
    fn openssl_list(string: &str) -> Vec<String> {
        let output = std::process::Command::new("openssl")
            .args(["ciphers", "-s", "-psk", "-tls1_2", string])
            .output()
            .expect("the openssl command runs");
        let text = String::from_utf8_lossy(&output.stdout);
        text.trim()
            .split(':')
            .filter(|name| suites::ALL_SUITES.iter().any(|s| s.openssl_name == *name))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn matches_openssl_for_representative_strings() {
        let strings = [
            "ALL",
            "DEFAULT",
            "HIGH",
            "ECDHE",
            "kECDHE",
            "EECDH",
            "DHE",
            "kDHE",
            "EDH",
            "kRSA",
            "RSA",
            "aRSA",
            "aECDSA",
            "ECDSA",
            "AES",
            "AES128",
            "AES256",
            "AESGCM",
            "CHACHA20",
            "SHA1",
            "SHA256",
            "SHA384",
            "MEDIUM",
            "COMPLEMENTOFDEFAULT",
            "aNULL",
            "eNULL",
            "TLSv1.2",
            "TLSv1",
            "SSLv3",
            "HIGH:!aNULL:!MD5",
            "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM",
            "kRSA:-AES128:AES128",
            "HIGH:+kRSA",
            "AES128+ECDHE",
            "ALL:@STRENGTH",
            "ALL:!kRSA:+AES128",
            "DEFAULT:!SHA1:!SHA256:!SHA384",
            "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
            "AES256-SHA:AES128-SHA:-AES256-SHA",
            "ALL@SECLEVEL=3",
            "ALL:@SECLEVEL=4",
            "DEFAULT@SECLEVEL=0",
            "CHACHA20,AESGCM AES",
            "ALL:-ECDHE:ECDHE",
            "!ECDHE:ALL",
            "RC4:3DES",
            "NOSUCHALIAS:AES128-SHA",
            "aRSA+kDHE+AES256",
            "ECDHE:!ECDSA:@STRENGTH:+SHA1",
            "PSK",
            "kPSK",
            "aPSK",
            "kDHEPSK",
            "kECDHEPSK",
            "kRSAPSK",
            "HIGH:!PSK",
            "PSK+AESGCM:-kRSAPSK",
            "ALL:!aPSK@SECLEVEL=3",
            "RSA-PSK-AES128-CBC-SHA:PSK-AES128-GCM-SHA256",
            "CBC",
            "ECDHE:DHE:!CBC",
            "CBC+SHA256",
            "CBC+SHA384:AESGCM+SHA384",
            "ALL:-CBC:CBC",
            "HIGH:+CBC",
            "CBC:@STRENGTH",
            "AESCCM:AES",
            "EDH+CHACHA20:EECDH+CHACHA20",
            "AES128+aECDSA:AES256+aRSA:!CBC",
            "kRSA+CBC:PSK+CBC",
            "HIGH:!CBC@SECLEVEL=3",
            "PSK:!CBC:-AES256",
        ];
        for string in strings {
            let expected = openssl_list(string);
            let ours = parse(string).map(|c| c.suites.iter().map(|s| s.openssl_name.to_string()).collect::<Vec<_>>());
            match ours {
                Ok(list) => assert_eq!(list, expected, "cipher string {string:?}"),
                Err(e) => assert!(expected.is_empty(), "cipher string {string:?}: we failed ({e}), OpenSSL did not"),
            }
        }
    }

    #[test]
    fn accepts_iana_names_and_reports_the_level() {
        let parsed = parse("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:@SECLEVEL=2").unwrap();
        assert_eq!(parsed.suites[0].id, 0xc02f);
        assert_eq!(parsed.security_level, Some(2));
        assert!(parse("RC4-SHA").is_err());
        assert!(parse("@SECLEVEL=9").is_err());
    }
}
