//! Checking the peer: certificate chains against trust anchors, host names, and the
//! signatures the peer makes with its certificate's key. Failures are
//! [`VerifyError`]s, the kinds OpenSSL reports.

use crate::crypto::sign::{self, SchemeAlgorithm, SignatureCheck};
use crate::error::{Error, Reason};
use crate::keys::{certs_from_pem, read_file};
use crate::msgs::enums::{AlertDescription, SignatureScheme};
use crate::verify_error::VerifyError;
use crate::x509::der;
use crate::x509::{
    key_usage, ns_cert_type, parse_certificate, Certificate, CertificateFields, ExtendedKeyUsage, NameEntry,
};
use rustls_pki_types::{CertificateDer, SignatureVerificationAlgorithm, TrustAnchor, UnixTime};
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use webpki::{EndEntityCert, KeyUsage};

/// OID content bytes of the P-521 curve, `secp521r1` (1.3.132.0.35).
const OID_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

/// Where the system's trusted certificates are on Debian and its relatives, as the
/// system OpenSSL is built to look for them.
pub const DEFAULT_CERT_FILE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// The directory of the system's trusted certificates, one PEM file each, on Debian
/// and its relatives.
pub const DEFAULT_CERT_DIR: &str = "/etc/ssl/certs";

/// Where OpenSSL's default verify paths look for trusted certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultTrustPaths {
    /// A PEM file of certificates.
    pub file: PathBuf,
    /// Directories of PEM files.
    pub dirs: Vec<PathBuf>,
}

impl DefaultTrustPaths {
    /// OpenSSL's rules: the file named by `SSL_CERT_FILE` (else [`DEFAULT_CERT_FILE`])
    /// and the directories named by `SSL_CERT_DIR`, colon separated (else
    /// [`DEFAULT_CERT_DIR`]).
    pub fn from_env() -> DefaultTrustPaths {
        let file = std::env::var_os("SSL_CERT_FILE").unwrap_or_else(|| DEFAULT_CERT_FILE.into());
        let dirs = std::env::var_os("SSL_CERT_DIR").unwrap_or_else(|| DEFAULT_CERT_DIR.into());
        DefaultTrustPaths { file: PathBuf::from(file), dirs: std::env::split_paths(&dirs).collect() }
    }

    /// Every certificate in these locations, the file's first; locations that are
    /// missing or hold none are passed over.
    pub fn certs(&self) -> Vec<CertificateDer<'static>> {
        let mut certs = crate::keys::certs_from_pem_file(&self.file).unwrap_or_default();
        for dir in &self.dirs {
            certs.extend(pem_certs_in_dir(dir).unwrap_or_default());
        }
        certs
    }
}

/// The certificates in the PEM files of directory `dir`, file by file in name order;
/// files that hold none (or cannot be read) and subdirectories are passed over. Fails
/// only when the directory cannot be listed.
pub fn pem_certs_in_dir(dir: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => Reason::NO_SUCH_FILE,
            _ => Reason::SYSTEM_LIB,
        };
        Error::local(reason, format!("cannot read the directory {}: {e}", dir.display()))
    })?;
    let mut files: Vec<PathBuf> = entries.filter_map(|entry| Some(entry.ok()?.path())).collect();
    files.sort();
    let certs = files
        .iter()
        .filter(|path| path.is_file())
        .filter_map(|file| read_file(file).and_then(|pem| certs_from_pem(&pem)).ok());
    Ok(certs.flatten().collect())
}

/// The signature algorithms accepted on certificates in a chain.
static CHAIN_ALGORITHMS: &[&dyn SignatureVerificationAlgorithm] = &[
    webpki::ring::ECDSA_P256_SHA256,
    webpki::ring::ECDSA_P256_SHA384,
    webpki::ring::ECDSA_P384_SHA256,
    webpki::ring::ECDSA_P384_SHA384,
    webpki::ring::ED25519,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
    webpki::ring::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
    webpki::ring::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
];

/// Trusted certificates. Only the self-signed ones are trust anchors, unless
/// [`VerifyFlags::partial_chain`] makes every one of them an anchor (OpenSSL's rule).
#[derive(Default)]
pub struct RootStore {
    /// The trusted certificates as given.
    certs: Vec<CertificateDer<'static>>,
    /// The same certificates as webpki takes them.
    anchors: Vec<TrustAnchor<'static>>,
    /// Positions in `certs` by subject name (DER), for finding issuers.
    by_subject: HashMap<Vec<u8>, Vec<usize>>,
    /// The store's own flags (`X509_STORE_set_flags`), in force for every chain checked
    /// against it on top of the connection's.
    flags: VerifyFlags,
}

impl RootStore {
    /// An empty store.
    pub fn new() -> RootStore {
        RootStore::default()
    }

    /// A store trusting `certs`; certificates that cannot be trust anchors are passed
    /// over (as OpenSSL does when it builds a store from a directory).
    pub fn from_certs(certs: &[CertificateDer<'static>]) -> RootStore {
        let mut store = RootStore::new();
        store.add_usable(certs.iter().cloned());
        store
    }

    /// The same store with its own flags set to `flags`.
    pub fn with_flags(mut self, flags: VerifyFlags) -> RootStore {
        self.flags = flags;
        self
    }

    /// The store's own flags.
    pub fn flags(&self) -> VerifyFlags {
        self.flags
    }

    /// The number of trusted certificates.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// Whether nothing is trusted.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    /// The trusted certificates, in the order they were added.
    pub fn certificates(&self) -> &[CertificateDer<'static>] {
        &self.certs
    }

    /// Trusts one DER certificate. Returns false when it was already trusted.
    pub fn add_der(&mut self, cert: CertificateDer<'static>) -> Result<bool, Error> {
        if self.find_exact(&cert).is_some() {
            return Ok(false);
        }
        let unusable = |e: String| Error::local(Reason::X509_LIB, format!("the certificate cannot be trusted: {e}"));
        let anchor = webpki::anchor_from_trusted_cert(&cert).map_err(|e| unusable(e.to_string()))?.to_owned();
        let subject = parse_certificate(&cert).map_err(|e| unusable(e.detail))?.subject;
        self.by_subject.entry(subject.to_vec()).or_default().push(self.certs.len());
        self.anchors.push(anchor);
        self.certs.push(cert);
        Ok(true)
    }

    /// The trusted certificate at `index`, as the path builder takes it.
    fn link(&self, index: usize) -> Link<'_> {
        let der = &self.certs[index];
        // Every certificate was parsed when it was added.
        let fields = parse_certificate(der).expect("a trusted certificate parses");
        Link { der, fields, trusted: Some(index) }
    }

    /// The trusted certificate equal to `cert`, if there is one.
    fn find_exact(&self, cert: &[u8]) -> Option<Link<'_>> {
        let subject = parse_certificate(cert).ok()?.subject;
        let indices = self.by_subject.get(subject)?;
        indices.iter().find(|&&i| self.certs[i].as_ref() == cert).map(|&i| self.link(i))
    }

    /// The trusted certificate that most likely issued `subject` (see [`best_issuer`]).
    fn find_issuer(&self, subject: &CertificateFields<'_>, now: i64) -> Option<Link<'_>> {
        let indices = self.by_subject.get(subject.issuer)?;
        let candidates: Vec<Link<'_>> = indices.iter().map(|&i| self.link(i)).collect();
        best_issuer(&candidates, subject, now).map(|i| candidates[i])
    }

    /// Trusts every certificate in PEM text; returns how many were new. Fails, adding
    /// nothing, when the text holds no certificate or one that cannot be an anchor.
    pub fn add_pem_bytes(&mut self, pem: &[u8]) -> Result<usize, Error> {
        self.add_all(certs_from_pem(pem)?, "the PEM data")
    }

    /// Trusts every certificate in a PEM file; returns how many were new.
    pub fn add_pem_file(&mut self, path: &Path) -> Result<usize, Error> {
        let source = path.display().to_string();
        let certs = crate::keys::certs_from_pem_file(path)?;
        self.add_all(certs, &source)
    }

    /// Trusts the certificates in every PEM file of a directory (see [`pem_certs_in_dir`];
    /// certificates that cannot be anchors are passed over); returns how many were new.
    pub fn add_dir(&mut self, dir: &Path) -> Result<usize, Error> {
        Ok(self.add_usable(pem_certs_in_dir(dir)?))
    }

    /// Trusts the system's certificates at [`DefaultTrustPaths::from_env`]. Returns how
    /// many were new; fails only when none of these locations could be read.
    pub fn add_system_defaults(&mut self) -> Result<usize, Error> {
        let paths = DefaultTrustPaths::from_env();
        self.add_file_and_dirs(&paths.file, &paths.dirs)
    }

    /// Trusts a PEM file and the certificates of directories; fails only when none of
    /// them could be read.
    fn add_file_and_dirs(&mut self, file: &Path, dirs: &[PathBuf]) -> Result<usize, Error> {
        let mut results = vec![self.add_pem_file(file)];
        for dir in dirs {
            results.push(self.add_dir(dir));
        }
        if results.iter().all(Result::is_err) {
            return results.swap_remove(0);
        }
        Ok(results.into_iter().filter_map(Result::ok).sum())
    }

    /// Trusts those of `certs` that can be trust anchors; returns how many were new.
    fn add_usable(&mut self, certs: impl IntoIterator<Item = CertificateDer<'static>>) -> usize {
        certs.into_iter().map(|cert| usize::from(self.add_der(cert).unwrap_or(false))).sum()
    }

    /// Trusts all of `certs`, or none of them when one cannot be a trust anchor.
    fn add_all(&mut self, certs: Vec<CertificateDer<'static>>, source: &str) -> Result<usize, Error> {
        for (index, cert) in certs.iter().enumerate() {
            let problem = match webpki::anchor_from_trusted_cert(cert) {
                Err(e) => Some(e.to_string()),
                Ok(_) if parse_certificate(cert).is_err() => Some("it cannot be parsed".to_string()),
                Ok(_) => None,
            };
            if let Some(problem) = problem {
                return Err(Error::local(
                    Reason::X509_LIB,
                    format!("certificate {} in {source} cannot be trusted: {problem}", index + 1),
                ));
            }
        }
        let mut added = 0;
        for cert in certs {
            added += usize::from(self.add_der(cert)?);
        }
        Ok(added)
    }
}

/// Which end of the connection a chain belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A server certificate (client checking the server).
    ServerAuth,
    /// A client certificate (server checking the client).
    ClientAuth,
}

/// The outcome of checking a chain, as `SSL_get_verify_result` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyResult {
    /// Why the chain was not accepted; `None` when it was (or nothing was checked).
    pub error: Option<VerifyError>,
    /// The depth in the chain the failure is about (0 = the leaf).
    pub depth: u32,
}

impl VerifyResult {
    /// Success.
    pub const OK: VerifyResult = VerifyResult { error: None, depth: 0 };

    /// A failure with `error` about the certificate at `depth`.
    pub fn failure(error: VerifyError, depth: usize) -> VerifyResult {
        VerifyResult { error: Some(error), depth: u32::try_from(depth).unwrap_or(u32::MAX) }
    }

    /// Whether the chain was accepted.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }

    /// OpenSSL's text for the result ("ok" for success).
    pub fn text(&self) -> &'static str {
        self.error.map_or("ok", VerifyError::text)
    }

    /// The alert a peer gets when this result aborts the handshake.
    pub fn alert(&self) -> AlertDescription {
        self.error.map_or(AlertDescription::CertificateUnknown, VerifyError::alert)
    }
}

/// How chains are built and what is trusted: the `X509_V_FLAG_*` behaviours this
/// library implements. Trusted issuers are always looked for first (OpenSSL's
/// `X509_V_FLAG_TRUSTED_FIRST`, its default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerifyFlags {
    /// `X509_V_FLAG_PARTIAL_CHAIN`: every trusted certificate is a trust anchor, not only
    /// the self-signed ones, and a leaf found in the store is trusted as it is.
    pub partial_chain: bool,
    /// How the leaf's names are matched against the expected host name
    /// (`X509_VERIFY_PARAM_set_hostflags`).
    pub host: HostFlags,
}

impl VerifyFlags {
    /// The flags set in either `self` or `other` (how OpenSSL adds a store's flags to a
    /// connection's).
    pub fn union(self, other: VerifyFlags) -> VerifyFlags {
        VerifyFlags { partial_chain: self.partial_chain || other.partial_chain, host: self.host.union(other.host) }
    }
}

/// What a chain is checked for.
#[derive(Clone, Copy, Debug)]
pub struct VerifyParams<'a> {
    /// Which end of a connection the chain must be fit for.
    pub purpose: Purpose,
    /// The name the leaf must carry (a DNS name or an IP address, matched as
    /// `flags.host` says); none checks no name.
    pub host: Option<&'a str>,
    /// `SSL_CTX_set_verify_depth`: at most `max_depth` certificates between the leaf and
    /// the trust anchor.
    pub max_depth: u32,
    /// Chain building and trust.
    pub flags: VerifyFlags,
}

impl VerifyParams<'_> {
    /// OpenSSL's defaults (depth 100, no flags) for `purpose`, without a name check.
    pub fn new(purpose: Purpose) -> VerifyParams<'static> {
        VerifyParams { purpose, host: None, max_depth: 100, flags: VerifyFlags::default() }
    }
}

/// A certificate the path builder may use: one the peer sent or one from the store.
#[derive(Clone, Copy)]
struct Link<'a> {
    /// The certificate.
    der: &'a CertificateDer<'static>,
    /// What the builder reads of it.
    fields: CertificateFields<'a>,
    /// Its position in the trust store, when it comes from there.
    trusted: Option<usize>,
}

impl Link<'_> {
    /// Whether it is self-signed as OpenSSL decides it before checking any signature.
    fn self_signed(&self) -> bool {
        likely_issued(&self.fields, &self.fields)
    }
}

/// Whether `issuer` probably issued `subject`, as OpenSSL decides it while building a
/// chain, before any signature is checked (see [`issue_mismatch`]).
fn likely_issued(issuer: &CertificateFields<'_>, subject: &CertificateFields<'_>) -> bool {
    issue_mismatch(issuer, subject).is_none()
}

/// Why `issuer` cannot have issued `subject`, as OpenSSL decides it before checking a
/// signature, or `None` when it may have: the names link (else
/// `SUBJECT_ISSUER_MISMATCH`), the authority key identifier, if both have key
/// identifiers, names the issuer's key (else `AKID_SKID_MISMATCH`), and the signature
/// algorithm fits the issuer's key type (else `SIGNATURE_ALGORITHM_MISMATCH`).
fn issue_mismatch(issuer: &CertificateFields<'_>, subject: &CertificateFields<'_>) -> Option<VerifyError> {
    const PKCS1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    const ECDSA_SIGNATURE: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04];
    let key_ids_agree = match (subject.usage.authority_key_id, issuer.usage.subject_key_id) {
        (Some(authority), Some(subject_key)) => authority == subject_key,
        _ => true,
    };
    let algorithm = subject.signature_algorithm;
    let fits_key = der::parse_spki(issuer.spki).is_some_and(|key| match key.algorithm {
        k if k.starts_with(PKCS1) => algorithm.starts_with(PKCS1),
        k if k == der::OID_EC_PUBLIC_KEY => algorithm.starts_with(ECDSA_SIGNATURE),
        k => k == der::OID_ED25519 && algorithm == der::OID_ED25519,
    });
    if issuer.subject != subject.issuer {
        Some(VerifyError::SUBJECT_ISSUER_MISMATCH)
    } else if !key_ids_agree {
        Some(VerifyError::AKID_SKID_MISMATCH)
    } else if !fits_key {
        Some(VerifyError::SIGNATURE_ALGORITHM_MISMATCH)
    } else {
        None
    }
}

/// OpenSSL's `X509_check_issued` verdict on two DER certificates: `None` when `issuer`
/// may have issued `subject` (see [`issue_mismatch`]) and may sign certificates (a
/// keyUsage extension, if it has one, includes keyCertSign; else
/// `KEYUSAGE_NO_CERTSIGN`), or why not. A certificate that does not parse gives
/// `SUBJECT_ISSUER_MISMATCH`.
pub fn check_issued(issuer: &[u8], subject: &[u8]) -> Option<VerifyError> {
    let (Ok(issuer), Ok(subject)) = (parse_certificate(issuer), parse_certificate(subject)) else {
        return Some(VerifyError::SUBJECT_ISSUER_MISMATCH);
    };
    issue_mismatch(&issuer, &subject).or_else(|| {
        let signs = issuer.usage.key_usage.is_none_or(|bits| bits & key_usage::KEY_CERT_SIGN != 0);
        (!signs).then_some(VerifyError::KEYUSAGE_NO_CERTSIGN)
    })
}

/// Which of `candidates` most likely issued `subject`: the first that is valid at
/// `now`, else the one that expires last (OpenSSL's choice).
fn best_issuer(candidates: &[Link<'_>], subject: &CertificateFields<'_>, now: i64) -> Option<usize> {
    let mut fallback: Option<usize> = None;
    for (index, candidate) in candidates.iter().enumerate() {
        if !likely_issued(&candidate.fields, subject) {
            continue;
        }
        if (candidate.fields.not_before..=candidate.fields.not_after).contains(&now) {
            return Some(index);
        }
        if fallback.is_none_or(|best| candidate.fields.not_after > candidates[best].fields.not_after) {
            fallback = Some(index);
        }
    }
    fallback
}

/// Builds the path from `leaf` towards a trust anchor as OpenSSL does: at each step an
/// issuer from the store first, else one of the peer's certificates (each used once),
/// and once a trusted certificate is in the path only the store. No signature is
/// checked here, and the work is bounded by (certificates x depth) name comparisons,
/// whatever the peer sent. Returns the path, and the failure when it reaches no anchor.
fn build_path<'a>(
    roots: &'a RootStore,
    leaf: Link<'a>,
    mut untrusted: Vec<Link<'a>>,
    params: &VerifyParams<'_>,
    now: i64,
) -> (Vec<Link<'a>>, Option<VerifyResult>) {
    // Chains are built to one longer than the limit, so that a longer one is reported
    // as too long.
    let max_len = usize::try_from(params.max_depth).unwrap_or(usize::MAX).saturating_add(1);
    let mut path = vec![leaf];
    let mut search_untrusted = true;
    loop {
        let current = path[path.len() - 1];
        if path.len() <= max_len {
            if let Some(issuer) = roots.find_issuer(&current.fields, now) {
                if !current.self_signed() {
                    path.push(issuer);
                    search_untrusted = false;
                    if params.flags.partial_chain || issuer.self_signed() {
                        return (path, None);
                    }
                    continue;
                }
                // A self-signed certificate is trusted only as an exact copy of a trusted
                // one; one that merely shares a trusted certificate's name is a mimic.
                if issuer.der == current.der {
                    let last = path.len() - 1;
                    path[last] = issuer;
                    return (path, None);
                }
            }
        }
        if !search_untrusted || current.self_signed() || path.len() > max_len {
            break;
        }
        match best_issuer(&untrusted, &current.fields, now) {
            Some(index) => path.push(untrusted.remove(index)),
            None => break,
        }
    }
    // With partial chains, a leaf found in the store is trusted as it is.
    let all_untrusted = path.iter().all(|link| link.trusted.is_none());
    if params.flags.partial_chain && all_untrusted && path.len() <= max_len {
        if let Some(trusted_leaf) = roots.find_exact(leaf.der) {
            return (vec![trusted_leaf], None);
        }
    }
    let top = path[path.len() - 1];
    let code = match () {
        _ if path.len() > max_len => VerifyError::CERT_CHAIN_TOO_LONG,
        _ if top.self_signed() && path.len() == 1 => VerifyError::DEPTH_ZERO_SELF_SIGNED_CERT,
        _ if top.self_signed() => VerifyError::SELF_SIGNED_CERT_IN_CHAIN,
        _ if !all_untrusted => VerifyError::UNABLE_TO_GET_ISSUER_CERT,
        _ => VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    };
    let failure = VerifyResult::failure(code, path.len() - 1);
    (path, Some(failure))
}

/// Whether a leaf's extensions allow it to serve `purpose` (OpenSSL's
/// `X509_PURPOSE_SSL_SERVER` / `_SSL_CLIENT` checks): extendedKeyUsage, keyUsage and
/// Netscape's certificate type, each when present.
fn fit_for_purpose(leaf: &CertificateFields<'_>, purpose: Purpose) -> bool {
    use key_usage::{DIGITAL_SIGNATURE, KEY_AGREEMENT, KEY_ENCIPHERMENT};
    let (extended, key, netscape) = match purpose {
        Purpose::ServerAuth => (
            ExtendedKeyUsage::SERVER_AUTH | ExtendedKeyUsage::SERVER_GATED_CRYPTO,
            DIGITAL_SIGNATURE | KEY_ENCIPHERMENT | KEY_AGREEMENT,
            ns_cert_type::SSL_SERVER,
        ),
        Purpose::ClientAuth => {
            (ExtendedKeyUsage::CLIENT_AUTH, DIGITAL_SIGNATURE | KEY_AGREEMENT, ns_cert_type::SSL_CLIENT)
        }
    };
    let usage = &leaf.usage;
    usage.extended_key_usage.is_none_or(|set| set.intersects(extended))
        && usage.key_usage.is_none_or(|bits| bits & key != 0)
        && usage.ns_cert_type.is_none_or(|bits| bits & netscape != 0)
}

/// Checks `chain` (leaf first, then whatever the peer sent to help) against `roots` as
/// OpenSSL's `X509_verify_cert` would with `params`, and returns the verdict with
/// OpenSSL's code and depth. The work is bounded whatever the chain holds: duplicates
/// are dropped, the path is built by names alone (see [`build_path`]), and signatures
/// are checked only along the one path found, once it reaches a trust anchor.
pub fn verify_chain(roots: &RootStore, chain: &[CertificateDer<'static>], params: &VerifyParams<'_>) -> VerifyResult {
    let Some(leaf) = chain.first() else {
        return VerifyResult::failure(VerifyError::UNSPECIFIED, 0);
    };
    let params = &VerifyParams { flags: params.flags.union(roots.flags), ..*params };
    let now = UnixTime::now();
    let now_secs = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    let leaf_fields = match (EndEntityCert::try_from(leaf), parse_certificate(leaf).ok()) {
        (_, Some(fields)) if !fields.has_extensions_version() => fields,
        (Ok(_), Some(fields)) => fields,
        (Err(error), _) => return VerifyResult::failure(webpki_code(&error), 0),
        (Ok(_), None) => return VerifyResult::failure(VerifyError::CERT_REJECTED, 0),
    };
    let mut seen: HashSet<&[u8]> = HashSet::from([leaf.as_ref()]);
    let mut untrusted = Vec::new();
    for der in &chain[1..] {
        if let (true, Some(fields)) = (seen.insert(der.as_ref()), parse_certificate(der).ok()) {
            untrusted.push(Link { der, fields, trusted: None });
        }
    }
    let leaf_link = Link { der: leaf, fields: leaf_fields, trusted: None };
    let (path, failure) = build_path(roots, leaf_link, untrusted, params, now_secs);
    if let Some(failure) = failure {
        return failure;
    }
    // OpenSSL checks purposes, then the host name, then signatures and dates.
    if !fit_for_purpose(&leaf_fields, params.purpose) {
        return VerifyResult::failure(VerifyError::INVALID_PURPOSE, 0);
    }
    // OpenSSL takes a certificate without extensions as a CA only when it is a
    // self-signed root (`X509_check_ca`); the leaf was read above.
    if let Some(depth) =
        path.iter().skip(1).position(|link| !link.fields.has_extensions_version() && !link.self_signed())
    {
        return VerifyResult::failure(VerifyError::INVALID_CA, depth + 1);
    }
    let host_result = params.host.map_or(Ok(()), |host| check_host(leaf, host, params.flags.host));
    let anchor_index = path[path.len() - 1].trusted.expect("a built path ends at a trusted certificate");
    if path.len() == 1 {
        // The leaf itself is trusted: no signature to check (OpenSSL does not check a
        // trust anchor's own signature), only its dates.
        if let Err(code) = host_result {
            return VerifyResult::failure(code, 0);
        }
        return validity_failure(&leaf_fields, 0, now_secs).unwrap_or(VerifyResult::OK);
    }
    if !leaf_fields.has_extensions_version() {
        return host_result
            .map_or_else(|code| VerifyResult::failure(code, 0), |()| verify_unextended_leaf(&path, now_secs));
    }
    let end_entity = match EndEntityCert::try_from(leaf) {
        Ok(end_entity) => end_entity,
        Err(error) => return VerifyResult::failure(webpki_code(&error), 0),
    };
    let usage = match params.purpose {
        Purpose::ServerAuth => KeyUsage::server_auth(),
        Purpose::ClientAuth => KeyUsage::client_auth(),
    };
    let intermediates: Vec<CertificateDer<'_>> =
        path[1..path.len() - 1].iter().map(|link| CertificateDer::from(link.der.as_ref())).collect();
    let anchor = std::slice::from_ref(&roots.anchors[anchor_index]);
    match end_entity.verify_for_usage(CHAIN_ALGORITHMS, anchor, &intermediates, now, usage, None, None) {
        Ok(_) => match host_result {
            Ok(()) => VerifyResult::OK,
            Err(code) => VerifyResult::failure(code, 0),
        },
        Err(error) => {
            let fields: Vec<CertificateFields<'_>> = path.iter().map(|link| link.fields).collect();
            let result = chain_failure(&error, &fields, now_secs);
            match host_result {
                Err(code) if checked_after_host(&error) => VerifyResult::failure(code, 0),
                _ => result,
            }
        }
    }
}

/// Checks the signatures and dates along `path` (leaf first, anchor last) whose leaf
/// has no extensions (version 1 or 2), which webpki does not read, in OpenSSL's order:
/// from the anchor down, each certificate's signature by its issuer and then its dates.
/// The anchor's own signature is not checked. Only a leaf directly under its anchor is
/// checked this way; with intermediates the chain is rejected.
fn verify_unextended_leaf(path: &[Link<'_>], now: i64) -> VerifyResult {
    let [leaf, anchor] = path else {
        return VerifyResult::failure(VerifyError::CERT_REJECTED, 0);
    };
    if let Some(failure) = validity_failure(&anchor.fields, 1, now) {
        return failure;
    }
    if !issuer_signed(&leaf.fields, anchor.fields.spki) {
        return VerifyResult::failure(VerifyError::CERT_SIGNATURE_FAILURE, 0);
    }
    validity_failure(&leaf.fields, 0, now).unwrap_or(VerifyResult::OK)
}

/// The failure at `depth` when the certificate is not valid at `now`.
fn validity_failure(fields: &CertificateFields<'_>, depth: usize, now: i64) -> Option<VerifyResult> {
    match fields {
        f if now < f.not_before => Some(VerifyResult::failure(VerifyError::CERT_NOT_YET_VALID, depth)),
        f if now > f.not_after => Some(VerifyResult::failure(VerifyError::CERT_HAS_EXPIRED, depth)),
        _ => None,
    }
}

/// The code and depth for a path (leaf first, anchor last) that webpki rejected.
fn chain_failure(error: &webpki::Error, path: &[CertificateFields<'_>], now: i64) -> VerifyResult {
    match error {
        webpki::Error::CertExpired { .. } => {
            let depth = path.iter().position(|f| now > f.not_after);
            VerifyResult::failure(VerifyError::CERT_HAS_EXPIRED, depth.unwrap_or(0))
        }
        webpki::Error::CertNotValidYet { .. } => {
            let depth = path.iter().position(|f| now < f.not_before);
            VerifyResult::failure(VerifyError::CERT_NOT_YET_VALID, depth.unwrap_or(0))
        }
        webpki::Error::EndEntityUsedAsCa => {
            let depth = path.iter().skip(1).position(|f| f.usage.ca != Some(true)).map_or(1, |d| d + 1);
            VerifyResult::failure(VerifyError::INVALID_CA, depth)
        }
        // The names link all the way to the anchor, so a path webpki cannot complete
        // has a signature that does not verify.
        webpki::Error::UnknownIssuer => VerifyResult::failure(VerifyError::CERT_SIGNATURE_FAILURE, 0),
        other => VerifyResult::failure(webpki_code(other), 0),
    }
}

/// Whether OpenSSL would only have found `error` after checking the host name.
fn checked_after_host(error: &webpki::Error) -> bool {
    matches!(
        error,
        webpki::Error::CertExpired { .. }
            | webpki::Error::CertNotValidYet { .. }
            | webpki::Error::InvalidSignatureForPublicKey
    )
}

/// The verification failure closest to a webpki error.
fn webpki_code(error: &webpki::Error) -> VerifyError {
    use webpki::Error as E;
    #[allow(deprecated)]
    match error {
        E::UnknownIssuer => VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
        E::CertExpired { .. } => VerifyError::CERT_HAS_EXPIRED,
        E::CertNotValidYet { .. } => VerifyError::CERT_NOT_YET_VALID,
        E::CertRevoked => VerifyError::CERT_REVOKED,
        E::CertNotValidForName(_) => VerifyError::HOSTNAME_MISMATCH,
        E::InvalidSignatureForPublicKey
        | E::UnsupportedSignatureAlgorithm
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKey
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => VerifyError::CERT_SIGNATURE_FAILURE,
        E::SignatureAlgorithmMismatch => VerifyError::SIGNATURE_ALGORITHM_INCONSISTENCY,
        E::RequiredEkuNotFound | E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => {
            VerifyError::INVALID_PURPOSE
        }
        E::CaUsedAsEndEntity => VerifyError::INVALID_NON_CA,
        E::EndEntityUsedAsCa => VerifyError::INVALID_CA,
        E::PathLenConstraintViolated => VerifyError::PATH_LENGTH_EXCEEDED,
        E::MaximumPathDepthExceeded | E::MaximumPathBuildCallsExceeded | E::MaximumSignatureChecksExceeded => {
            VerifyError::CERT_CHAIN_TOO_LONG
        }
        E::NameConstraintViolation | E::MaximumNameConstraintComparisonsExceeded => VerifyError::PERMITTED_VIOLATION,
        E::UnsupportedCriticalExtension => VerifyError::UNHANDLED_CRITICAL_EXTENSION,
        E::ExtensionValueInvalid | E::MalformedExtensions | E::MalformedNameConstraint => {
            VerifyError::INVALID_EXTENSION
        }
        E::BadDerTime | E::InvalidCertValidity => VerifyError::ERROR_IN_CERT_NOT_BEFORE_FIELD,
        E::BadDer | E::TrailingData(_) | E::InvalidSerialNumber | E::UnsupportedCertVersion | E::CertDistrusted => {
            VerifyError::CERT_REJECTED
        }
        _ => VerifyError::UNSPECIFIED,
    }
}

/// Checks the leaf against `host` as OpenSSL's verifier does after `SSL_set1_host`: an
/// IP address against the iPAddress names of subjectAltName (`X509_check_ip`), any other
/// name with [`match_host`] and `flags` (`X509_check_host`). `Err` carries the mismatch
/// code.
fn check_host(leaf: &[u8], host: &str, flags: HostFlags) -> Result<(), VerifyError> {
    let is_ip = host.parse::<IpAddr>().is_ok();
    let mismatch = if is_ip { VerifyError::IP_ADDRESS_MISMATCH } else { VerifyError::HOSTNAME_MISMATCH };
    let cert = Certificate::parse(leaf).map_err(|_| mismatch)?;
    let matched = matches_ip_text(&cert, host).unwrap_or_else(|| match_host(&cert, host, flags).is_some());
    if matched {
        Ok(())
    } else {
        Err(mismatch)
    }
}

/// How [`match_host`] checks a host name (OpenSSL's `X509_CHECK_FLAG_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HostFlags {
    /// Also look at the subject's common names when DNS names are present.
    pub always_check_subject: bool,
    /// Never look at the subject's common names.
    pub never_check_subject: bool,
    /// Treat `*` as an ordinary character.
    pub no_wildcards: bool,
    /// Accept `*` only as a whole label (`*.example.com`, not `w*.example.com`).
    pub no_partial_wildcards: bool,
}

impl HostFlags {
    /// The flags set in either `self` or `other`.
    pub fn union(self, other: HostFlags) -> HostFlags {
        HostFlags {
            always_check_subject: self.always_check_subject || other.always_check_subject,
            never_check_subject: self.never_check_subject || other.never_check_subject,
            no_wildcards: self.no_wildcards || other.no_wildcards,
            no_partial_wildcards: self.no_partial_wildcards || other.no_partial_wildcards,
        }
    }
}

/// Whether the presented name `pattern` (from a certificate) matches `host`, by
/// OpenSSL's rules: equal ignoring ASCII case, or one `*` in the leftmost label of a
/// pattern with at least two labels after it (so never `*.com`). The `*` stands for
/// letters, digits and hyphens within the host's leftmost label: at least one when it is
/// the whole label, any number when it is part of one (`w*.example.com`, refused with
/// `no_partial_wildcards`, and never for an internationalized `xn--` label on either
/// side).
fn name_matches(pattern: &str, host: &str, flags: HostFlags) -> bool {
    if pattern.eq_ignore_ascii_case(host) {
        return true;
    }
    if flags.no_wildcards {
        return false;
    }
    let (Some((p_first, p_rest)), Some((h_first, h_rest))) = (pattern.split_once('.'), host.split_once('.')) else {
        return false;
    };
    let Some((prefix, suffix)) = p_first.split_once('*') else {
        return false;
    };
    let whole_label = prefix.is_empty() && suffix.is_empty();
    let is_idna = |label: &str| label.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("xn--"));
    let plausible = p_rest.contains('.')
        && !p_rest.split('.').any(str::is_empty)
        && !suffix.contains('*')
        && !p_rest.contains('*')
        && (whole_label || (!flags.no_partial_wildcards && !is_idna(p_first) && !is_idna(h_first)));
    if !plausible || !p_rest.eq_ignore_ascii_case(h_rest) || h_first.len() < prefix.len() + suffix.len() {
        return false;
    }
    let (Some(h_prefix), Some(h_suffix)) = (h_first.get(..prefix.len()), h_first.get(h_first.len() - suffix.len()..))
    else {
        return false;
    };
    let wildcard = &h_first[prefix.len()..h_first.len() - suffix.len()];
    h_prefix.eq_ignore_ascii_case(prefix)
        && h_suffix.eq_ignore_ascii_case(suffix)
        && (!whole_label || !wildcard.is_empty())
        && wildcard.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

/// The name of `cert` that `host` matches, as OpenSSL's `X509_check_host` looks for it
/// (see [`name_matches`]): the DNS names of subjectAltName, and the subject's common
/// names when there are no DNS names (or `always_check_subject`), unless
/// `never_check_subject`. A final dot of `host` is ignored.
pub fn match_host(cert: &Certificate, host: &str, flags: HostFlags) -> Option<String> {
    const NID_COMMON_NAME: i32 = 13;
    let host = host.strip_suffix('.').unwrap_or(host);
    if let Some(name) = cert.dns_names.iter().find(|n| name_matches(n, host, flags)) {
        return Some(name.clone());
    }
    let check_subject = !flags.never_check_subject && (cert.dns_names.is_empty() || flags.always_check_subject);
    if !check_subject {
        return None;
    }
    cert.subject
        .entries
        .iter()
        .filter(|e| e.attribute_type().is_some_and(|t| t.nid == NID_COMMON_NAME))
        .filter_map(NameEntry::utf8_value)
        .find(|cn| name_matches(cn, host, flags))
}

/// Whether `ip` (4 or 16 bytes) is one of the subjectAltName IP addresses of `cert`
/// (`X509_check_ip`).
pub fn matches_ip(cert: &Certificate, ip: &[u8]) -> bool {
    cert.ip_addresses.iter().any(|a| a == ip)
}

/// Whether the IP address written in `text` ("192.0.2.1", "2001:db8::1") is one of the
/// subjectAltName IP addresses of `cert` (`X509_check_ip_asc`); `None` when `text` is no
/// IP address.
pub fn matches_ip_text(cert: &Certificate, text: &str) -> Option<bool> {
    match text.parse::<IpAddr>().ok()? {
        IpAddr::V4(ip) => Some(matches_ip(cert, &ip.octets())),
        IpAddr::V6(ip) => Some(matches_ip(cert, &ip.octets())),
    }
}

/// The verification algorithms a TLS 1.2 signature scheme may stand for. In TLS 1.2
/// the ECDSA schemes name only the hash, so either curve is allowed.
fn scheme_algorithms(scheme: SignatureScheme) -> Vec<&'static dyn SignatureVerificationAlgorithm> {
    use webpki::ring as alg;
    match scheme {
        SignatureScheme::EcdsaSecp256r1Sha256 => {
            vec![alg::ECDSA_P256_SHA256, alg::ECDSA_P384_SHA256]
        }
        SignatureScheme::EcdsaSecp384r1Sha384 => {
            vec![alg::ECDSA_P384_SHA384, alg::ECDSA_P256_SHA384]
        }
        SignatureScheme::RsaPssRsaeSha256 => vec![alg::RSA_PSS_2048_8192_SHA256_LEGACY_KEY],
        SignatureScheme::RsaPssRsaeSha384 => vec![alg::RSA_PSS_2048_8192_SHA384_LEGACY_KEY],
        SignatureScheme::RsaPssRsaeSha512 => vec![alg::RSA_PSS_2048_8192_SHA512_LEGACY_KEY],
        SignatureScheme::RsaPkcs1Sha256 => vec![alg::RSA_PKCS1_2048_8192_SHA256],
        SignatureScheme::RsaPkcs1Sha384 => vec![alg::RSA_PKCS1_2048_8192_SHA384],
        SignatureScheme::RsaPkcs1Sha512 => vec![alg::RSA_PKCS1_2048_8192_SHA512],
        SignatureScheme::Ed25519 => vec![alg::ED25519],
        _ => Vec::new(),
    }
}

/// The bits of security of the public key in `cert`, as OpenSSL rates them for
/// security levels (`EVP_PKEY_get_security_bits`); none for a key it cannot rate.
pub fn key_security_bits(cert: &CertificateDer<'_>) -> Option<u32> {
    use crate::crypto::sign::{rsa_modulus_bits, rsa_security_bits};
    let info = der::parse_spki(parse_certificate(cert).ok()?.spki)?;
    match info.algorithm {
        a if a == der::OID_RSA_ENCRYPTION => rsa_modulus_bits(info.key).map(rsa_security_bits),
        a if a == der::OID_ED25519 => Some(128),
        a if a == der::OID_EC_PUBLIC_KEY => match info.curve? {
            c if c == der::OID_P256 => Some(128),
            c if c == der::OID_P384 => Some(192),
            c if c == OID_P521 => Some(256),
            _ => None,
        },
        _ => None,
    }
}

/// OpenSSL's key check at security `level` (`check_key_level`): a chain that is
/// otherwise accepted fails with `VerifyError::EE_KEY_TOO_SMALL` when its leaf's key is
/// weaker than the level asks for.
pub fn check_key_level(chain: &[CertificateDer<'_>], level: u32, result: VerifyResult) -> VerifyResult {
    let needed = crate::config::min_security_bits(level);
    let too_small = chain.first().and_then(key_security_bits).is_some_and(|bits| bits < needed);
    match result.is_ok() && too_small {
        true => VerifyResult::failure(VerifyError::EE_KEY_TOO_SMALL, 0),
        false => result,
    }
}

/// Checks `signature` over `message` with `key` by one of ring's algorithms (as webpki
/// names them): [`SignatureCheck::WrongKey`] when the algorithm is for another type of key.
fn check_with_key(
    algorithm: &dyn SignatureVerificationAlgorithm,
    key: &der::PublicKeyInfo<'_>,
    message: &[u8],
    signature: &[u8],
) -> SignatureCheck {
    if algorithm.public_key_alg_id().as_ref() != key.algorithm_id {
        return SignatureCheck::WrongKey;
    }
    match algorithm.verify_signature(key.key, message, signature) {
        Ok(()) => SignatureCheck::Valid,
        Err(_) => SignatureCheck::Invalid,
    }
}

/// Whether the key in `issuer_spki` made the signature on `subject`, by one of the
/// algorithms accepted on chains. This is the check for the certificates webpki does
/// not read (version 1 and 2, without extensions); webpki checks the others.
fn issuer_signed(subject: &CertificateFields<'_>, issuer_spki: &[u8]) -> bool {
    let (Some(key), Some((&0, signature))) = (der::parse_spki(issuer_spki), subject.signature.split_first()) else {
        return false;
    };
    CHAIN_ALGORITHMS.iter().any(|algorithm| {
        algorithm.signature_alg_id().as_ref() == subject.signed_with
            && check_with_key(*algorithm, &key, subject.tbs, signature) == SignatureCheck::Valid
    })
}

/// Checks a signature made with the public key in `cert`: ring's pairs through
/// webpki's algorithms, the other TLS 1.2 pairs (ECDSA with SHA-1, SHA-224, SHA-512, RSA PKCS#1 v1.5
/// with SHA-1, SHA-224) through [`sign::verify_other_pairs`].
pub fn verify_signature(
    cert: &CertificateDer<'_>,
    scheme: SignatureScheme,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let unreadable = |detail: String| {
        Error::fatal(
            AlertDescription::BadCertificate,
            Reason::X509_LIB,
            format!("the peer's certificate cannot be read: {detail}"),
        )
    };
    let spki = parse_certificate(cert).map_err(|e| unreadable(e.to_string()))?.spki;
    let algorithms = scheme_algorithms(scheme);
    let check = if algorithms.is_empty() {
        if SchemeAlgorithm::of(scheme).is_none() {
            return Err(Error::illegal(
                Reason::WRONG_SIGNATURE_TYPE,
                format!("the peer signed with {}, which is not accepted", scheme.text()),
            ));
        }
        sign::verify_other_pairs(spki, scheme, message, signature)
    } else {
        let key = der::parse_spki(spki).ok_or_else(|| unreadable("its public key is malformed".to_string()))?;
        let mut check = SignatureCheck::WrongKey;
        for algorithm in algorithms {
            match check_with_key(algorithm, &key, message, signature) {
                SignatureCheck::Valid => return Ok(()),
                SignatureCheck::Invalid => check = SignatureCheck::Invalid,
                SignatureCheck::WrongKey => {}
            }
        }
        check
    };
    if check == SignatureCheck::Valid {
        return Ok(());
    }
    if check == SignatureCheck::WrongKey {
        return Err(Error::illegal(
            Reason::WRONG_SIGNATURE_TYPE,
            format!("the peer's certificate key cannot make {} signatures", scheme.text()),
        ));
    }
    Err(Error::fatal(
        AlertDescription::DecryptError,
        Reason::BAD_SIGNATURE,
        format!("the peer's {} signature does not verify with its certificate's key", scheme.text()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::test_pki;

    /// A store trusting the fixture files named.
    fn roots(names: &[&str]) -> RootStore {
        let pki = test_pki::get();
        let mut store = RootStore::new();
        for name in names {
            store.add_pem_file(&pki.path(name)).expect(name);
        }
        store
    }

    /// The fixture certificates named, as one chain.
    fn chain(names: &[&str]) -> Vec<CertificateDer<'static>> {
        names.iter().flat_map(|name| test_pki::get().certs(name)).collect()
    }

    fn check(trusted: &[&str], presented: &[&str], host: Option<&str>) -> (Option<VerifyError>, u32) {
        let params = VerifyParams { host, ..VerifyParams::new(Purpose::ServerAuth) };
        let result = verify_chain(&roots(trusted), &chain(presented), &params);
        (result.error, result.depth)
    }

    #[test]
    fn good_chains_verify() {
        assert_eq!(check(&["ca.pem"], &["leaf.pem"], Some("localhost")), (None, 0));
        assert_eq!(check(&["ca.pem"], &["leaf.pem"], Some("www.example.test")), (None, 0));
        assert_eq!(check(&["ca.pem"], &["leaf.pem"], Some("127.0.0.1")), (None, 0));
        assert_eq!(check(&["ca.pem"], &["leaf.pem"], None), (None, 0));
        assert_eq!(check(&["ca.pem"], &["leaf-via-inter.pem", "inter.pem"], None), (None, 0));
    }

    #[test]
    fn failures_carry_openssl_codes_and_depths() {
        // Each of these was checked against `openssl verify` on the same files, except the
        // leaf used as a CA, for which OpenSSL names the leaf's keyUsage (32) instead.
        assert_eq!(check(&["ca.pem"], &["expired.pem"], None), (Some(VerifyError::CERT_HAS_EXPIRED), 0));
        assert_eq!(check(&["ca.pem"], &["not-yet-valid.pem"], None), (Some(VerifyError::CERT_NOT_YET_VALID), 0));
        assert_eq!(
            check(&["ca.pem"], &["stranger.pem"], None),
            (Some(VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY), 0)
        );
        assert_eq!(
            check(&["ca.pem"], &["stranger.pem", "other-ca.pem"], None),
            (Some(VerifyError::SELF_SIGNED_CERT_IN_CHAIN), 1)
        );
        assert_eq!(check(&["ca.pem"], &["selfsigned.pem"], None), (Some(VerifyError::DEPTH_ZERO_SELF_SIGNED_CERT), 0));
        assert_eq!(check(&["ca.pem"], &["leaf.pem"], Some("other.test")), (Some(VerifyError::HOSTNAME_MISMATCH), 0));
        assert_eq!(check(&["ca.pem"], &["leaf.pem"], Some("127.0.0.2")), (Some(VerifyError::IP_ADDRESS_MISMATCH), 0));
        assert_eq!(check(&["ca.pem"], &["client.pem"], None), (Some(VerifyError::INVALID_PURPOSE), 0));
        assert_eq!(check(&["ca.pem"], &["issued-by-leaf.pem", "leaf.pem"], None), (Some(VerifyError::INVALID_CA), 1));

        // OpenSSL finds a missing issuer or a wrong purpose before a wrong host name, and
        // a wrong host name before expiry.
        let other = Some("other.test");
        assert_eq!(check(&["ca.pem"], &["expired.pem"], other), (Some(VerifyError::HOSTNAME_MISMATCH), 0));
        assert_eq!(
            check(&["ca.pem"], &["stranger.pem"], other),
            (Some(VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY), 0)
        );
        assert_eq!(check(&["ca.pem"], &["client.pem"], other), (Some(VerifyError::INVALID_PURPOSE), 0));

        let as_client = VerifyParams::new(Purpose::ClientAuth);
        let client = verify_chain(&roots(&["ca.pem"]), &chain(&["client.pem"]), &as_client);
        assert_eq!(client, VerifyResult::OK);
        let server_as_client = verify_chain(&roots(&["ca.pem"]), &chain(&["leaf.pem"]), &as_client);
        assert_eq!(server_as_client.error, Some(VerifyError::INVALID_PURPOSE));
    }

    #[test]
    fn verify_depth_limits_certificates_below_the_anchor() {
        let presented = chain(&["leaf-via-inter.pem", "inter.pem"]);
        let store = roots(&["ca.pem"]);
        let depth = |max_depth| VerifyParams { max_depth, ..VerifyParams::new(Purpose::ServerAuth) };
        let too_long = verify_chain(&store, &presented, &depth(0));
        assert_eq!((too_long.error, too_long.depth), (Some(VerifyError::CERT_CHAIN_TOO_LONG), 1));
        assert!(verify_chain(&store, &presented, &depth(1)).is_ok());
    }

    #[test]
    fn a_trusted_self_signed_leaf_is_accepted_by_byte_equality() {
        let trusted = ["selfsigned.pem"];
        assert_eq!(check(&trusted, &["selfsigned.pem"], Some("localhost")), (None, 0));
        assert_eq!(check(&trusted, &["selfsigned.pem"], Some("other.test")), (Some(VerifyError::HOSTNAME_MISMATCH), 0));
        let expired = ["expired-selfsigned.pem"];
        assert_eq!(check(&expired, &expired, None), (Some(VerifyError::CERT_HAS_EXPIRED), 0));
    }

    #[test]
    fn codes_have_openssl_texts_and_alerts() {
        let texts = [
            (VerifyError::CERT_HAS_EXPIRED, "certificate has expired"),
            (VerifyError::CERT_NOT_YET_VALID, "certificate is not yet valid"),
            (VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unable to get local issuer certificate"),
            (VerifyError::DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate"),
            (VerifyError::SELF_SIGNED_CERT_IN_CHAIN, "self-signed certificate in certificate chain"),
            (VerifyError::HOSTNAME_MISMATCH, "hostname mismatch"),
            (VerifyError::INVALID_PURPOSE, "unsuitable certificate purpose"),
            (VerifyError::CERT_CHAIN_TOO_LONG, "certificate chain too long"),
            (VerifyError::INVALID_CA, "invalid CA certificate"),
        ];
        for (error, text) in texts {
            assert_eq!(error.text(), text);
        }
        let alert = |code| VerifyResult::failure(code, 0).alert();
        assert_eq!(alert(VerifyError::CERT_HAS_EXPIRED), AlertDescription::CertificateExpired);
        assert_eq!(alert(VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY), AlertDescription::UnknownCa);
        assert_eq!(alert(VerifyError::DEPTH_ZERO_SELF_SIGNED_CERT), AlertDescription::UnknownCa);
        assert_eq!(alert(VerifyError::CERT_NOT_YET_VALID), AlertDescription::BadCertificate);
        assert_eq!(alert(VerifyError::HOSTNAME_MISMATCH), AlertDescription::BadCertificate);
        assert_eq!(alert(VerifyError::CERT_SIGNATURE_FAILURE), AlertDescription::DecryptError);
        assert_eq!(alert(VerifyError::CERT_REVOKED), AlertDescription::CertificateRevoked);
        assert_eq!(alert(VerifyError::INVALID_PURPOSE), AlertDescription::UnsupportedCertificate);
        assert_eq!(alert(VerifyError::APPLICATION_VERIFICATION), AlertDescription::HandshakeFailure);
        assert_eq!(alert(VerifyError::INVALID_NON_CA), AlertDescription::CertificateUnknown);
    }

    #[test]
    fn root_stores_load_files_directories_and_defaults() {
        let pki = test_pki::get();
        let mut store = RootStore::new();
        assert!(store.is_empty());
        assert_eq!(store.add_pem_file(&pki.path("ca.pem")).expect("ca"), 1);
        assert_eq!(store.add_pem_file(&pki.path("ca.pem")).expect("again"), 0);
        assert_eq!(store.len(), 1);
        let error = store.add_pem_file(&pki.path("missing.pem")).expect_err("missing");
        assert_eq!(error.reason, Reason::NO_SUCH_FILE);
        assert!(error.detail.contains("missing.pem"));
        assert!(store.add_pem_bytes(b"no PEM here").is_err());

        let dir = pki.path("roots-dir");
        std::fs::create_dir_all(&dir).expect("mkdir");
        for name in ["ca.pem", "other-ca.pem", "selfsigned.pem"] {
            std::fs::copy(pki.path(name), dir.join(name)).expect("copy");
        }
        std::fs::write(dir.join("README"), "not a certificate").expect("write");
        let mut from_dir = RootStore::new();
        assert_eq!(from_dir.add_dir(&dir).expect("dir"), 3);
        assert!(from_dir.add_dir(&pki.path("no-such-dir")).is_err());

        let mut defaults = RootStore::new();
        let added = defaults
            .add_file_and_dirs(&pki.path("missing.pem"), std::slice::from_ref(&dir))
            .expect("the directory still loads");
        assert_eq!(added, 3);
        let nothing = RootStore::new().add_file_and_dirs(&pki.path("missing.pem"), &[]);
        assert_eq!(nothing.err().map(|e| e.reason), Some(Reason::NO_SUCH_FILE));
        if Path::new(DEFAULT_CERT_FILE).exists() {
            assert!(RootStore::new().add_system_defaults().expect("system roots") > 0);
        }
    }

    #[test]
    fn signatures_with_unaccepted_schemes_or_wrong_keys_are_refused() {
        let pki = test_pki::get();
        let rsa_cert = &pki.certs("rsa2048.pem")[0];
        let key = pki.key("p256-pkcs8.key");
        let signature = key.sign(SignatureScheme::EcdsaSecp256r1Sha256, b"m").expect("sign");
        let error = verify_signature(rsa_cert, SignatureScheme::EcdsaSecp256r1Sha256, b"m", &signature)
            .expect_err("an RSA key cannot check ECDSA");
        assert_eq!(error.reason, Reason::WRONG_SIGNATURE_TYPE);
        let error = verify_signature(rsa_cert, SignatureScheme::EcdsaSha1, b"m", &signature).expect_err("SHA-1");
        assert_eq!(error.alert, Some(AlertDescription::IllegalParameter));
        // An RSA key makes rsa_pkcs1_sha1 signatures, but not this one.
        let error = verify_signature(rsa_cert, SignatureScheme::RsaPkcs1Sha1, b"m", &signature).expect_err("not RSA");
        assert_eq!(error.alert, Some(AlertDescription::DecryptError));
        let error = verify_signature(rsa_cert, SignatureScheme::from(0x0202), b"m", &signature).expect_err("DSA");
        assert_eq!(error.alert, Some(AlertDescription::IllegalParameter));
        let other_p256 = &pki.certs("selfsigned.pem")[0];
        let error = verify_signature(other_p256, SignatureScheme::EcdsaSecp256r1Sha256, b"m", &signature)
            .expect_err("another key");
        assert_eq!(error.alert, Some(AlertDescription::DecryptError));
    }

    #[test]
    fn key_strength_is_rated_as_openssl_does() {
        let pki = test_pki::get();
        for (name, bits) in
            [("rsa2048.pem", 112), ("p256.pem", 128), ("p384.pem", 192), ("ed25519.pem", 128), ("other-ca.pem", 256)]
        {
            assert_eq!(key_security_bits(&pki.certs(name)[0]), Some(bits), "{name}");
        }
        assert_eq!(key_security_bits(&CertificateDer::from(&b"junk"[..])), None);
        let rsa = pki.certs("rsa2048.pem");
        assert_eq!(check_key_level(&rsa, 2, VerifyResult::OK), VerifyResult::OK);
        assert_eq!(check_key_level(&rsa, 3, VerifyResult::OK), VerifyResult::failure(VerifyError::EE_KEY_TOO_SMALL, 0));
        let expired = VerifyResult::failure(VerifyError::CERT_HAS_EXPIRED, 0);
        assert_eq!(check_key_level(&rsa, 3, expired), expired);
        assert_eq!(check_key_level(&pki.certs("p384.pem"), 4, VerifyResult::OK), VerifyResult::OK);
        assert_eq!(
            check_key_level(&pki.certs("p384.pem"), 5, VerifyResult::OK).error,
            Some(VerifyError::EE_KEY_TOO_SMALL)
        );
        assert_eq!(check_key_level(&rsa, 0, VerifyResult::OK), VerifyResult::OK);
    }
    #[test]
    fn host_names() {
        let cert = Certificate::parse(&crate::x509::test_pki::TestCert::plain().der).unwrap();
        let f = HostFlags::default();
        assert_eq!(match_host(&cert, "TEST.example", f).as_deref(), Some("test.example"));
        assert_eq!(match_host(&cert, "a.test.example.", f).as_deref(), Some("*.test.example"));
        assert_eq!(match_host(&cert, "a.b.test.example", f), None);
        assert_eq!(match_host(&cert, "example", f), None);
        assert_eq!(match_host(&cert, "a.test.example", HostFlags { no_wildcards: true, ..f }), None);
        assert!(matches_ip(&cert, &[127, 0, 0, 1]));
        let partial = |p: &str, h: &str, f| name_matches(p, h, f);
        assert!(partial("w*.example.com", "www.example.com", f));
        assert!(partial("w*.example.com", "w.example.com", f));
        assert!(!partial("w*.example.com", "www.example.com", HostFlags { no_partial_wildcards: true, ..f }));
        assert!(!partial("*.com", "example.com", f));
        assert!(!partial("*.example.com", ".example.com", f));
        assert!(!partial("xn--*.example.com", "xn--a.example.com", f));
    }

    /// Our verdict on each name, for certificates with DNS names, IP addresses, whole and
    /// partial wildcards and only a common name, is the verdict of `openssl verify
    /// -verify_hostname` (or `-verify_ip` for an address) on the same certificate,
    /// trusted as its own anchor. (One deliberate difference is not in the table: a
    /// final dot of the host name is ignored here, see [`match_host`]; OpenSSL 3.0
    /// compares it.)
    #[test]
    fn host_checks_agree_with_openssl_verify() {
        let san = |names: &str| ["-addext".to_string(), format!("subjectAltName={names}")];
        let certs = [
            ("/CN=cn-only.example", Vec::new()),
            ("/CN=*.cn-wild.example", Vec::new()),
            ("/CN=ignored.example", san("DNS:www.example.com,DNS:*.wild.example,IP:192.0.2.7,IP:2001:db8::1").to_vec()),
            ("/CN=ip-cn.example", san("IP:127.0.0.1").to_vec()),
            (
                "/CN=x",
                san("DNS:f*.part.example,DNS:*o.end.example,DNS:*.com,DNS:*.co.uk,DNS:xn--*.idn.example").to_vec(),
            ),
            ("/CN=y", san("DNS:*.xn--idn.example,DNS:a.*.mid.example,DNS:**.two.example,DNS:*").to_vec()),
        ];
        let names = [
            "cn-only.example",
            "CN-ONLY.example",
            "a.cn-wild.example",
            "ignored.example",
            "www.example.com",
            "WWW.Example.COM",
            "a.wild.example",
            "A-1.WILD.example",
            "wild.example",
            "a.b.wild.example",
            "a_b.wild.example",
            "ip-cn.example",
            "foo.part.example",
            "f.part.example",
            "bar.part.example",
            "xn--f.part.example",
            "foo.end.example",
            "o.end.example",
            "example.com",
            "a.com",
            "a.co.uk",
            "xn--a.idn.example",
            "a.xn--idn.example",
            "xn--a.xn--idn.example",
            "a.b.mid.example",
            "ab.two.example",
            "a",
            "192.0.2.7",
            "192.0.2.8",
            "2001:db8::1",
            "2001:DB8:0::1",
            "127.0.0.1",
        ];
        let mut matches = 0;
        for (subject, options) in &certs {
            let options: Vec<&str> = options.iter().map(String::as_str).collect();
            let cert = crate::x509::test_pki::TestCert::new(subject, &options);
            let der = CertificateDer::from(cert.der.clone());
            let roots = RootStore::from_certs(std::slice::from_ref(&der));
            for name in names {
                let option = if name.parse::<IpAddr>().is_ok() { "-verify_ip" } else { "-verify_hostname" };
                let openssl = cert.openssl_succeeds(&["verify", "-CAfile", "cert.pem", option, name, "cert.pem"]);
                let params = VerifyParams { host: Some(name), ..VerifyParams::new(Purpose::ServerAuth) };
                let ours = verify_chain(&roots, std::slice::from_ref(&der), &params);
                assert_eq!(ours.is_ok(), openssl, "{subject} {options:?} for {name}: ours {}", ours.text());
                matches += usize::from(openssl);
            }
        }
        // Both verdicts occur: the certificates themselves verify, and names are refused.
        assert_eq!(matches, 19);
    }
}
