//! Certificates and private keys from PEM files, PEM in memory, and DER.

use crate::crypto::pbe;
use crate::crypto::sign::SigningKey;
use crate::error::{Error, Reason};
use crate::pem;
use crate::x509::der;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer, PrivateSec1KeyDer};
use std::path::Path;
use std::sync::Arc;
use zeroize::Zeroizing;

/// A certificate chain (leaf first) and the private key of its leaf.
#[derive(Clone, Debug)]
pub struct CertifiedKey {
    /// Leaf first, then intermediates.
    pub chain: Vec<CertificateDer<'static>>,
    /// The leaf's private key (shared, so that the chain can change without copying it).
    pub key: Arc<SigningKey>,
}

impl CertifiedKey {
    /// Pairs a chain with its leaf's key, checking that the chain is not empty and that
    /// the key belongs to the leaf.
    pub fn new(chain: Vec<CertificateDer<'static>>, key: SigningKey) -> Result<CertifiedKey, Error> {
        let leaf = chain
            .first()
            .ok_or_else(|| Error::local(Reason::NO_CERTIFICATE_ASSIGNED, "the certificate chain is empty"))?;
        if !key_matches_cert(&key, leaf) {
            return Err(Error::local(
                Reason::KEY_VALUES_MISMATCH,
                "the private key does not match the public key in the certificate",
            ));
        }
        Ok(CertifiedKey { chain, key: Arc::new(key) })
    }
}

/// Reads every certificate in PEM text.
pub fn certs_from_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    parse_certs(pem, MEMORY)
}

/// Reads every certificate in a PEM file.
pub fn certs_from_pem_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    parse_certs(&read_file(path)?, &path.display().to_string())
}

/// Gives the password of an encrypted private key (OpenSSL's `pem_password_cb`). It is
/// asked at most once per key, and never for a key that is not encrypted.
pub type PasswordSource<'a> = &'a mut dyn FnMut() -> Result<Zeroizing<Vec<u8>>, Error>;

/// How PEM text in memory is named in messages.
const MEMORY: &str = "the PEM data";

/// The PEM labels of private keys: PKCS#8, PKCS#1 (RSA), SEC1 (EC), encrypted PKCS#8.
pub const KEY_LABELS: &[&str] = &["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

/// The PEM labels of certificates: "CERTIFICATE", and the older "X509 CERTIFICATE".
pub const CERT_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE"];

/// Reads the first private key in PEM text ("PRIVATE KEY", "RSA PRIVATE KEY" or
/// "EC PRIVATE KEY"); Ed25519 keys come as "PRIVATE KEY". An encrypted key is an error.
pub fn key_from_pem(pem: &[u8]) -> Result<SigningKey, Error> {
    key_from_pem_with(pem, &mut no_password)
}

/// As [`key_from_pem`], and an encrypted key (PKCS#8 "ENCRYPTED PRIVATE KEY", or the
/// older `Proc-Type: 4,ENCRYPTED` PEM) is decrypted with the password from `password`.
pub fn key_from_pem_with(pem: &[u8], password: PasswordSource<'_>) -> Result<SigningKey, Error> {
    parse_key(pem, MEMORY, password)
}

/// Reads the first private key in a PEM file.
pub fn key_from_pem_file(path: &Path) -> Result<SigningKey, Error> {
    key_from_pem_file_with(path, &mut no_password)
}

/// Reads the first private key in a PEM file, decrypting it with the password from
/// `password` if it is encrypted.
pub fn key_from_pem_file_with(path: &Path, password: PasswordSource<'_>) -> Result<SigningKey, Error> {
    let pem = Zeroizing::new(read_file(path)?);
    parse_key(&pem, &path.display().to_string(), password)
}

/// The DER of the private key in a PEM block labelled one of [`KEY_LABELS`] (PKCS#8,
/// PKCS#1 or SEC1, as [`key_from_der`] takes it), decrypted with the password from
/// `password` if the block is encrypted.
pub fn key_der_from_block(block: pem::Block, password: PasswordSource<'_>) -> Result<Zeroizing<Vec<u8>>, Error> {
    if block.label == "ENCRYPTED PRIVATE KEY" {
        return pbe::decrypt_pkcs8(&block.der, &password()?);
    }
    match block.header("DEK-Info") {
        Some(dek_info) => pbe::decrypt_pem(dek_info, &block.der, &password()?),
        None => Ok(block.der),
    }
}

/// The password source for callers that have none: an encrypted key is an error.
fn no_password() -> Result<Zeroizing<Vec<u8>>, Error> {
    Err(Error::local(Reason::PROBLEMS_GETTING_PASSWORD, "the private key is encrypted and no password was given"))
}

/// Reads a private key in DER, telling PKCS#8, PKCS#1 (RSA) and SEC1 (EC) apart by
/// what follows the version number.
pub fn key_from_der(der: &[u8]) -> Result<SigningKey, Error> {
    let mut fields = der::Reader::new(der::single(der, der::SEQUENCE).unwrap_or_default());
    let after_version = fields.read(der::INTEGER).and_then(|_| fields.peek_tag());
    let key = match after_version {
        Some(der::SEQUENCE) => PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(der)),
        Some(der::INTEGER) => PrivateKeyDer::Pkcs1(PrivatePkcs1KeyDer::from(der)),
        Some(der::OCTET_STRING) => PrivateKeyDer::Sec1(PrivateSec1KeyDer::from(der)),
        _ => {
            return Err(Error::local(
                Reason::BAD_VALUE,
                "the DER data is not a PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key",
            ))
        }
    };
    SigningKey::from_der(&key)
}

/// Whether `key` is the private half of the public key in `cert`.
pub fn key_matches_cert(key: &SigningKey, cert: &CertificateDer<'_>) -> bool {
    crate::x509::parse_certificate(cert).is_ok_and(|fields| key.matches_spki(fields.spki))
}

/// Reads a whole file, naming it in the error.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => Reason::NO_SUCH_FILE,
            _ => Reason::SYSTEM_LIB,
        };
        Error::local(reason, format!("cannot read {}: {e}", path.display()))
    })
}

/// Every certificate ("CERTIFICATE", or the older "X509 CERTIFICATE") in PEM text.
fn parse_certs(text: &[u8], source: &str) -> Result<Vec<CertificateDer<'static>>, Error> {
    let blocks = pem::parse(text).map_err(|e| malformed("certificate", source, &e))?;
    let certs: Vec<CertificateDer<'static>> = blocks
        .into_iter()
        .filter(|block| CERT_LABELS.contains(&block.label.as_str()))
        .map(|block| CertificateDer::from(block.der.to_vec()))
        .collect();
    if certs.is_empty() {
        return Err(Error::local(Reason::X509_LIB, format!("no certificate found in {source}")));
    }
    Ok(certs)
}

/// The DER of the first private key in PEM text, decrypted if it is encrypted.
fn key_der(text: &[u8], source: &str, password: PasswordSource<'_>) -> Result<Zeroizing<Vec<u8>>, Error> {
    let block = match pem::first_block(text, KEY_LABELS) {
        Ok(block) => block,
        Err(pem::ReadError::NoStartLine) => {
            return Err(Error::local(Reason::X509_LIB, format!("no private key found in {source}")))
        }
        Err(e) => return Err(malformed("private key", source, &e)),
    };
    key_der_from_block(block, password).map_err(|e| named(e, source))
}

/// The signing key of the first private key in PEM text.
fn parse_key(text: &[u8], source: &str, password: PasswordSource<'_>) -> Result<SigningKey, Error> {
    let der = key_der(text, source, password)?;
    key_from_der(&der).map_err(|e| named(e, source))
}

/// `error` with the file it is about named at the end (text in memory is not named:
/// the caller says what it was).
fn named(error: Error, source: &str) -> Error {
    if source == MEMORY {
        return error;
    }
    Error { detail: format!("{} ({source})", error.detail), ..error }
}

/// The error for PEM text that is damaged.
#[track_caller]
fn malformed(what: &str, source: &str, problem: &pem::ReadError) -> Error {
    Error::local(Reason::X509_LIB, format!("malformed PEM {what} in {source}: {problem}"))
}

/// Keys and certificates made with the `openssl` command, shared by the unit tests of
/// the key, signing and verification modules.
#[cfg(test)]
pub(crate) mod test_pki {
    use super::*;
    use std::path::PathBuf;
    use std::sync::OnceLock;

    /// The directory the fixtures were made in.
    pub(crate) struct TestPki {
        dir: PathBuf,
    }

    /// What `make` runs, in the fixture directory.
    const SCRIPT: &str = r#"
serial=1
genrsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$1 -out $2 2>/dev/null; }
ecgen() { openssl ecparam -name $1 -genkey -noout -out $2; openssl pkcs8 -topk8 -nocrypt -in $2 -out $3; }
selfsign() { openssl req -x509 -new -key $1 -subj "/CN=$3" -addext "subjectAltName=DNS:$3" -days 30 -out $2; }
issue() { # key cert subject issuer-cert issuer-key extensions
  openssl req -new -key $1 -subj "/CN=$3" -out $2.csr
  printf "$6" > $2.ext
  openssl x509 -req -in $2.csr -CA $4 -CAkey $5 -set_serial $((serial = serial + 1)) -days 30 -extfile $2.ext -out $2 2>/dev/null
}
genrsa 2048 rsa2048-pkcs8.key
openssl pkey -in rsa2048-pkcs8.key -traditional -out rsa2048-pkcs1.key
genrsa 3072 rsa3072-pkcs8.key
genrsa 1024 rsa1024-pkcs8.key
ecgen prime256v1 p256-sec1.key p256-pkcs8.key
ecgen secp384r1 p384-sec1.key p384-pkcs8.key
ecgen secp521r1 p521-sec1.key p521-pkcs8.key
openssl ec -in p256-sec1.key -outform DER -out p256-sec1.der 2>/dev/null
openssl genpkey -algorithm ed25519 -out ed25519.key
encrypt() { in=$1; out=$2; shift 2; openssl pkcs8 -topk8 -in $in -passout pass:secret -out $out "$@"; }
encrypt rsa2048-pkcs8.key rsa2048-pbes2-aes128-sha1.key -v2 aes-128-cbc -v2prf hmacWithSHA1
encrypt p256-pkcs8.key p256-pbes2-aes256-sha256.key -v2 aes-256-cbc
encrypt p384-pkcs8.key p384-pbes2-aes192-sha512.key -v2 aes-192-cbc -v2prf hmacWithSHA512
encrypt p256-pkcs8.key p256-scrypt.key -scrypt
encrypt ed25519.key ed25519-pbes2-sha384.key -v2 aes-256-cbc -v2prf hmacWithSHA384
openssl ec -in p256-sec1.key -aes256 -passout pass:secret -out p256-legacy-aes256.key 2>/dev/null
openssl pkey -in rsa2048-pkcs8.key -traditional -aes128 -passout pass:secret -out rsa2048-legacy-aes128.key
openssl pkey -in rsa2048-pkcs8.key -traditional -des3 -passout pass:secret -out rsa2048-legacy-des3.key
openssl genpkey -algorithm ed448 -out ed448.key
selfsign rsa2048-pkcs8.key rsa2048.pem localhost
selfsign p256-pkcs8.key p256.pem localhost
selfsign p384-pkcs8.key p384.pem localhost
selfsign ed25519.key ed25519.pem localhost
openssl ecparam -name prime256v1 -genkey -noout -out selfsigned.key
selfsign selfsigned.key selfsigned.pem localhost
openssl req -x509 -new -key p384-sec1.key -subj "/CN=Test Root CA" -days 3650 -out ca.pem
openssl req -x509 -new -key p521-sec1.key -subj "/CN=Other Root CA" -days 3650 -out other-ca.pem
LEAF='basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nsubjectAltName=DNS:localhost,DNS:*.example.test,IP:127.0.0.1\n'
issue p256-sec1.key leaf.pem localhost ca.pem p384-sec1.key "${LEAF}extendedKeyUsage=serverAuth\n"
issue p256-sec1.key client.pem localhost ca.pem p384-sec1.key "${LEAF}extendedKeyUsage=clientAuth\n"
issue p256-sec1.key stranger.pem localhost other-ca.pem p521-sec1.key "$LEAF"
issue rsa2048-pkcs8.key inter.pem "Test Intermediate CA" ca.pem p384-sec1.key 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign\n'
issue p256-sec1.key leaf-via-inter.pem localhost inter.pem rsa2048-pkcs8.key "$LEAF"
issue p384-pkcs8.key issued-by-leaf.pem localhost leaf.pem p256-sec1.key "$LEAF"
cat > ca.cnf <<EOF
[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
x509_extensions = leaf
[any]
commonName = supplied
[leaf]
basicConstraints = CA:FALSE
subjectAltName = DNS:localhost
EOF
: > index.txt; echo 1000 > serial
dated() { # out start end [ca options...]
  out=$1; start=$2; end=$3; shift 3
  openssl ca -batch -config ca.cnf -notext -startdate $start -enddate $end -in leaf.pem.csr -out $out "$@" 2>/dev/null
}
dated expired.pem 20200101000000Z 20210101000000Z -cert ca.pem -keyfile p384-sec1.key
dated not-yet-valid.pem 20990101000000Z 20991231000000Z -cert ca.pem -keyfile p384-sec1.key
dated expired-selfsigned.pem 20200101000000Z 20210101000000Z -selfsign -keyfile p256-sec1.key
"#;

    /// The fixture directory's name, before the process id.
    const PREFIX: &str = "tls12-test-pki-";

    /// Removes the fixture directories of test runs whose process has ended (where
    /// `/proc` tells which processes are alive).
    fn remove_stale_fixtures() {
        let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        if !Path::new("/proc/self").exists() {
            return;
        }
        for entry in entries.flatten() {
            let name = entry.file_name();
            let pid = name.to_str().and_then(|n| n.strip_prefix(PREFIX));
            if pid.is_some_and(|pid| !Path::new("/proc").join(pid).exists()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    /// The fixtures, made once per test run.
    pub(crate) fn get() -> &'static TestPki {
        static PKI: OnceLock<TestPki> = OnceLock::new();
        PKI.get_or_init(|| {
            remove_stale_fixtures();
            let dir = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("create the fixture directory");
            let output =
                std::process::Command::new("sh").args(["-ec", SCRIPT]).current_dir(&dir).output().expect("run sh");
            assert!(output.status.success(), "making test keys failed: {}", String::from_utf8_lossy(&output.stderr));
            TestPki { dir }
        })
    }

    impl TestPki {
        /// The path of a fixture file.
        pub(crate) fn path(&self, name: &str) -> PathBuf {
            self.dir.join(name)
        }

        /// A fixture private key.
        pub(crate) fn key(&self, name: &str) -> SigningKey {
            key_from_pem_file(&self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
        }

        /// The certificates in a fixture PEM file.
        pub(crate) fn certs(&self, name: &str) -> Vec<CertificateDer<'static>> {
            certs_from_pem_file(&self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
        }

        /// The DER bytes of a fixture file.
        pub(crate) fn bytes(&self, name: &str) -> Vec<u8> {
            std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::sign::KeyKind;
    use crate::msgs::enums::NamedGroup;

    #[test]
    fn der_keys_load_whatever_their_format() {
        let pki = test_pki::get();
        let sec1 = pki.bytes("p256-sec1.der");
        let key = key_from_der(&sec1).expect("SEC1 DER");
        assert_eq!(key.kind(), KeyKind::Ecdsa(NamedGroup::Secp256r1));
        for name in ["rsa2048-pkcs1.key", "rsa2048-pkcs8.key", "p384-pkcs8.key"] {
            let pem = pki.bytes(name);
            let block = pem::first_block(&pem, KEY_LABELS).expect(name);
            let der = key_der_from_block(block, &mut no_password).expect(name);
            let from_der = key_from_der(&der).expect(name);
            assert_eq!(from_der.kind(), pki.key(name).kind(), "{name}");
        }
        assert_eq!(key_from_der(b"not a key").err().map(|e| e.reason), Some(Reason::BAD_VALUE));
    }

    #[test]
    fn sec1_keys_without_curve_parameters_load() {
        let sec1 = test_pki::get().bytes("p256-sec1.der");
        let mut fields = der::Reader::new(der::single(&sec1, der::SEQUENCE).expect("SEC1"));
        let mut kept = Vec::new();
        while let Some(element) = fields.element() {
            if element.tag != der::CONTEXT_0 {
                kept.extend_from_slice(element.encoded);
            }
        }
        let without_parameters = der::encode(der::SEQUENCE, &kept);
        let key = key_from_der(&without_parameters).expect("SEC1 without parameters");
        assert_eq!(key.kind(), KeyKind::Ecdsa(NamedGroup::Secp256r1));
    }

    #[test]
    fn keys_match_their_certificates_only() {
        let pki = test_pki::get();
        let rsa_cert = &pki.certs("rsa2048.pem")[0];
        let p256_cert = &pki.certs("p256.pem")[0];
        assert!(key_matches_cert(&pki.key("rsa2048-pkcs1.key"), rsa_cert));
        assert!(key_matches_cert(&pki.key("rsa2048-pkcs8.key"), rsa_cert));
        assert!(key_matches_cert(&pki.key("p256-pkcs8.key"), p256_cert));
        assert!(!key_matches_cert(&pki.key("selfsigned.key"), p256_cert));
        assert!(!key_matches_cert(&pki.key("rsa3072-pkcs8.key"), rsa_cert));
        assert!(!key_matches_cert(&pki.key("p256-pkcs8.key"), rsa_cert));
        assert!(!key_matches_cert(&pki.key("p256-pkcs8.key"), &CertificateDer::from(&b"junk"[..])));

        let chain = pki.certs("leaf-via-inter.pem");
        assert!(CertifiedKey::new(chain.clone(), pki.key("p256-sec1.key")).is_ok());
        let mismatch = CertifiedKey::new(chain, pki.key("p384-sec1.key")).expect_err("mismatch");
        assert_eq!(mismatch.reason, Reason::KEY_VALUES_MISMATCH);
    }

    #[test]
    fn missing_and_empty_inputs_say_what_is_wrong() {
        let pki = test_pki::get();
        let missing = pki.path("no-such-file.pem");
        let error = certs_from_pem_file(&missing).expect_err("missing file");
        assert_eq!(error.reason, Reason::NO_SUCH_FILE);
        assert!(error.detail.contains("no-such-file.pem"), "{error}");
        let error = key_from_pem_file(&missing).expect_err("missing file");
        assert_eq!(error.reason, Reason::NO_SUCH_FILE);

        let error = key_from_pem_file(&pki.path("leaf.pem")).expect_err("no key in a cert");
        assert_eq!(error.reason, Reason::X509_LIB);
        assert!(error.detail.starts_with("no private key found in "), "{error}");
        let error = certs_from_pem_file(&pki.path("p256-sec1.key")).expect_err("no cert");
        assert!(error.detail.starts_with("no certificate found in "), "{error}");
        let begin_line = |label: &str| pem::encode(label, b"").lines().next().map(|line| format!("{line}\n")).unwrap();
        let error = certs_from_pem(format!("{}!!!\n", begin_line("CERTIFICATE")).as_bytes()).expect_err("bad PEM");
        assert_eq!(error.reason, Reason::X509_LIB);
        let error = key_from_pem(begin_line("ENCRYPTED PRIVATE KEY").as_bytes()).expect_err("cut");
        assert!(error.detail.ends_with("the ENCRYPTED PRIVATE KEY block has no END line"), "{error}");
        let error = key_from_pem(&pki.bytes("p256-pbes2-aes256-sha256.key")).expect_err("no password");
        assert!(error.detail.contains("encrypted"), "{error}");
    }

    #[test]
    fn encrypted_keys_decrypt_with_their_password_only() {
        let pki = test_pki::get();
        let encrypted = [
            ("rsa2048-pbes2-aes128-sha1.key", "rsa2048.pem"),
            ("p256-pbes2-aes256-sha256.key", "p256.pem"),
            ("p384-pbes2-aes192-sha512.key", "p384.pem"),
            ("ed25519-pbes2-sha384.key", "ed25519.pem"),
            ("p256-legacy-aes256.key", "p256.pem"),
            ("rsa2048-legacy-aes128.key", "rsa2048.pem"),
        ];
        for (name, cert) in encrypted {
            let path = pki.path(name);
            let mut asked = 0;
            let mut secret = || {
                asked += 1;
                Ok(Zeroizing::new(b"secret".to_vec()))
            };
            let key = key_from_pem_file_with(&path, &mut secret).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(asked, 1, "{name}");
            assert!(key_matches_cert(&key, &pki.certs(cert)[0]), "{name}");

            let wrong = key_from_pem_file_with(&path, &mut || Ok(Zeroizing::new(b"wrong".to_vec())));
            let error = wrong.expect_err(name);
            assert!(
                error.reason == Reason::BAD_DECRYPT || error.detail.contains("DER") || error.detail.contains("key"),
                "{name}: {error}"
            );
            let error = key_from_pem_file(&path).expect_err(name);
            assert_eq!(error.reason, Reason::PROBLEMS_GETTING_PASSWORD, "{name}");
            assert!(error.detail.contains(name), "{error}");
        }
        let mut never = || -> Result<Zeroizing<Vec<u8>>, Error> { panic!("asked for a password") };
        key_from_pem_file_with(&pki.path("p256-pkcs8.key"), &mut never).expect("plain key");

        for (name, scheme) in [("p256-scrypt.key", "scrypt"), ("rsa2048-legacy-des3.key", "DES-EDE3-CBC")] {
            let error = key_from_pem_file_with(&pki.path(name), &mut || Ok(Zeroizing::new(b"secret".to_vec())))
                .expect_err(name);
            assert_eq!(error.reason, Reason::NOT_SUPPORTED, "{name}");
            assert!(error.detail.contains(scheme), "{name}: {error}");
        }
    }

    #[test]
    fn certificate_files_load_in_order() {
        let pki = test_pki::get();
        let mut bundle = pki.bytes("leaf.pem");
        bundle.extend(pki.bytes("ca.pem"));
        let certs = certs_from_pem(&bundle).expect("bundle");
        assert_eq!(certs.len(), 2);
        assert_eq!(certs[1], pki.certs("ca.pem")[0]);
    }
}
