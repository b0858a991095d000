//! Our certificates and keys as an application loads them, and the certificates it
//! trusts: [`KeyPairing`] pairs a chain with its private key whichever comes first (as
//! OpenSSL does) and installs each pair in the [`Config`] slot for its key type;
//! [`TrustedCerts`] collects trust anchors and keeps the configuration's
//! [`RootStore`] built from them.

use super::Config;
use crate::crypto::sign::{KeyKind, SigningKey};
use crate::error::{Error, Reason};
use crate::keys::{key_matches_cert, CertifiedKey};
use crate::verify::{RootStore, VerifyFlags};
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

/// Which certificates a getter lists (`SSL_CTX_get_extra_chain_certs`,
/// `SSL_CTX_get0_chain_certs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListedCerts {
    /// The extra chain certificates; unless `only`, the current certificate's
    /// intermediates when there are none (as OpenSSL's `SSL_CTX_get_extra_chain_certs`).
    Extra {
        /// List the extra certificates even when there are none.
        only: bool,
    },
    /// The current certificate's intermediates.
    Chain,
}

/// A change to the certificates sent after ours (OpenSSL's chain `SSL_CTX_ctrl`
/// commands), made with [`KeyPairing::edit_chain_certs`].
#[derive(Debug)]
pub enum ChainEdit {
    /// Append to the current certificate's chain (`SSL_CTX_add0_chain_cert`).
    Add(CertificateDer<'static>),
    /// Replace the current certificate's intermediates (`SSL_CTX_set0_chain`).
    Set(Vec<CertificateDer<'static>>),
    /// Add an extra chain certificate, sent after a leaf without intermediates
    /// (`SSL_CTX_add_extra_chain_cert`).
    AddExtra(CertificateDer<'static>),
    /// Forget the extra chain certificates (`SSL_CTX_clear_extra_chain_certs`).
    ClearExtra,
}

/// What has been loaded toward the next certificate/key pair.
#[derive(Default)]
enum Pairing {
    /// Nothing loaded since the last complete pair.
    #[default]
    Empty,
    /// A chain (leaf first) waiting for its key.
    Chain(Vec<CertificateDer<'static>>),
    /// A key waiting for its certificate.
    Key(Box<SigningKey>),
    /// The last chain and key, matched and installed in the configuration slot for
    /// this kind of key (the current certificate, whose chain the chain setters change).
    Paired(KeyKind),
}

/// The certificate/key pairing in progress for a configuration.
#[derive(Default)]
pub struct KeyPairing {
    /// Where the pairing is.
    state: Pairing,
}

impl KeyPairing {
    /// Takes a chain (leaf first, not empty). A key waiting for it is installed with it
    /// in `config` when it belongs to the leaf; otherwise the key is dropped, as OpenSSL
    /// does, and the chain waits for its key.
    pub fn take_chain(&mut self, config: &mut Config, chain: Vec<CertificateDer<'static>>) {
        self.state = match std::mem::take(&mut self.state) {
            Pairing::Key(key) if chain.first().is_some_and(|leaf| key_matches_cert(&key, leaf)) => {
                Pairing::Paired(install(config, chain, *key))
            }
            _ => Pairing::Chain(chain),
        };
    }

    /// Takes a private key. A chain waiting for it is installed with it in `config`;
    /// a key that does not belong to the waiting chain fails ("key values mismatch")
    /// and the chain keeps waiting.
    pub fn take_key(&mut self, config: &mut Config, key: SigningKey) -> Result<(), Error> {
        match std::mem::take(&mut self.state) {
            Pairing::Chain(chain) if chain.first().is_some_and(|leaf| key_matches_cert(&key, leaf)) => {
                self.state = Pairing::Paired(install(config, chain, key));
                Ok(())
            }
            Pairing::Chain(chain) => {
                self.state = Pairing::Chain(chain);
                Err(Error::local(
                    Reason::KEY_VALUES_MISMATCH,
                    "the private key does not belong to the certificate loaded before it",
                ))
            }
            _ => {
                self.state = Pairing::Key(Box::new(key));
                Ok(())
            }
        }
    }

    /// Makes `edit` to `config`'s chain certificates. Changes to the current
    /// certificate's chain fail when no certificate is loaded.
    pub fn edit_chain_certs(&mut self, config: &mut Config, edit: ChainEdit) -> Result<(), Error> {
        match edit {
            ChainEdit::Add(cert) => self.add_chain_cert(config, cert),
            ChainEdit::Set(certs) => self.set_chain_certs(config, certs),
            ChainEdit::AddExtra(cert) => {
                config.extra_chain_certs.push(cert);
                Ok(())
            }
            ChainEdit::ClearExtra => {
                config.extra_chain_certs.clear();
                Ok(())
            }
        }
    }

    /// Adds `cert` to the end of the current certificate's chain (OpenSSL's
    /// `SSL_CTX_add0_chain_cert`): the chain waiting for its key, or the one installed
    /// last. Fails when no certificate is loaded.
    pub fn add_chain_cert(&mut self, config: &mut Config, cert: CertificateDer<'static>) -> Result<(), Error> {
        self.edit_chain(config, |chain| chain.push(cert))
    }

    /// Replaces the intermediates of the current certificate's chain, keeping its leaf
    /// (OpenSSL's `SSL_CTX_set0_chain`; an empty list clears them). Fails when no
    /// certificate is loaded.
    pub fn set_chain_certs(&mut self, config: &mut Config, certs: Vec<CertificateDer<'static>>) -> Result<(), Error> {
        self.edit_chain(config, |chain| {
            chain.truncate(1);
            chain.extend(certs);
        })
    }

    /// The intermediates of the current certificate's chain (empty when none is loaded).
    pub fn chain_certs<'a>(&'a self, config: &'a Config) -> &'a [CertificateDer<'static>] {
        let chain = match &self.state {
            Pairing::Chain(chain) => chain.as_slice(),
            Pairing::Paired(kind) => config.certs.slot(*kind).as_ref().map_or(&[][..], |pair| pair.chain.as_slice()),
            Pairing::Empty | Pairing::Key(_) => &[],
        };
        chain.get(1..).unwrap_or_default()
    }

    /// The certificates `which` names, as OpenSSL's getters list them.
    pub fn listed<'a>(&'a self, config: &'a Config, which: ListedCerts) -> &'a [CertificateDer<'static>] {
        match which {
            ListedCerts::Extra { only } if only || !config.extra_chain_certs.is_empty() => &config.extra_chain_certs,
            ListedCerts::Extra { .. } | ListedCerts::Chain => self.chain_certs(config),
        }
    }

    /// Runs `edit` on the current certificate's chain (leaf first), wherever it is.
    fn edit_chain(
        &mut self,
        config: &mut Config,
        edit: impl FnOnce(&mut Vec<CertificateDer<'static>>),
    ) -> Result<(), Error> {
        match &mut self.state {
            Pairing::Chain(chain) => edit(chain),
            Pairing::Paired(kind) => {
                if let Some(pair) = config.certs.slot_mut(*kind) {
                    edit(&mut Arc::make_mut(pair).chain);
                }
            }
            Pairing::Empty | Pairing::Key(_) => {
                return Err(Error::local(
                    Reason::NO_CERTIFICATE_ASSIGNED,
                    "no certificate is loaded to add chain certificates to",
                ))
            }
        }
        Ok(())
    }

    /// Whether the last certificate and key loaded belong together; the error says
    /// which one is missing.
    pub fn check(&self) -> Result<(), Error> {
        match self.state {
            Pairing::Paired(_) => Ok(()),
            Pairing::Chain(_) => {
                Err(Error::local(Reason::NO_PRIVATE_KEY_ASSIGNED, "no private key is loaded for the certificate"))
            }
            Pairing::Key(_) | Pairing::Empty => {
                Err(Error::local(Reason::NO_CERTIFICATE_ASSIGNED, "no certificate is loaded"))
            }
        }
    }
}

/// Puts a matched chain and key into the configuration slot for the key's type, and
/// says which kind that was.
fn install(config: &mut Config, chain: Vec<CertificateDer<'static>>, key: SigningKey) -> KeyKind {
    let kind = key.kind();
    *config.certs.slot_mut(kind) = Some(Arc::new(CertifiedKey { chain, key: Arc::new(key) }));
    kind
}

/// The certificates a configuration trusts, in the order they were added, without
/// repeats.
#[derive(Default)]
pub struct TrustedCerts {
    /// The certificates, as loaded.
    certs: Vec<CertificateDer<'static>>,
}

impl TrustedCerts {
    /// The trusted certificates, in the order they were added.
    pub fn certs(&self) -> &[CertificateDer<'static>] {
        &self.certs
    }

    /// Adds the certificates not trusted yet and rebuilds `config`'s root store (with
    /// its flags) when there were any; returns how many were new.
    pub fn add(&mut self, config: &mut Config, certs: Vec<CertificateDer<'static>>) -> usize {
        let before = self.certs.len();
        for cert in certs {
            if !self.certs.contains(&cert) {
                self.certs.push(cert);
            }
        }
        let added = self.certs.len() - before;
        if added > 0 {
            self.rebuild(config, config.roots.flags());
        }
        added
    }

    /// Runs `f` on the root store's flags (`X509_STORE_set_flags`) and rebuilds
    /// `config`'s store when they changed.
    pub fn on_flags<R>(&self, config: &mut Config, f: impl FnOnce(&mut VerifyFlags) -> R) -> R {
        let mut flags = config.roots.flags();
        let result = f(&mut flags);
        if flags != config.roots.flags() {
            self.rebuild(config, flags);
        }
        result
    }

    /// Replaces `config`'s root store with one of these certificates and `flags`.
    fn rebuild(&self, config: &mut Config, flags: VerifyFlags) {
        config.roots = Arc::new(RootStore::from_certs(&self.certs).with_flags(flags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{certs_from_pem, key_from_pem};
    use crate::testing::openssl;

    /// A new P-256 key (PEM) from the openssl command, and a certificate for it.
    fn key_and_cert() -> (Vec<u8>, CertificateDer<'static>) {
        let key = openssl(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], b"");
        let cert = openssl(&["req", "-new", "-x509", "-key", "/dev/stdin", "-subj", "/CN=pairing", "-days", "1"], &key);
        (key, certs_from_pem(&cert).unwrap().remove(0))
    }

    #[test]
    fn chain_and_key_pair_in_either_order() {
        let (key_a, cert_a) = key_and_cert();
        let (key_b, _) = key_and_cert();
        let mut config = Config::default();
        let mut pairing = KeyPairing::default();
        assert_eq!(pairing.check().unwrap_err().reason, Reason::NO_CERTIFICATE_ASSIGNED);

        pairing.take_chain(&mut config, vec![cert_a.clone()]);
        assert_eq!(pairing.check().unwrap_err().reason, Reason::NO_PRIVATE_KEY_ASSIGNED);
        let mismatch = pairing.take_key(&mut config, key_from_pem(&key_b).unwrap()).unwrap_err();
        assert_eq!(mismatch.reason, Reason::KEY_VALUES_MISMATCH);
        assert!(config.certs.is_empty());
        pairing.take_key(&mut config, key_from_pem(&key_a).unwrap()).unwrap();
        assert!(pairing.check().is_ok());
        assert!(config.certs.ecdsa.is_some() && config.certs.rsa.is_none());

        let mut config = Config::default();
        let mut pairing = KeyPairing::default();
        pairing.take_key(&mut config, key_from_pem(&key_a).unwrap()).unwrap();
        pairing.take_chain(&mut config, vec![cert_a]);
        assert!(pairing.check().is_ok(), "a key loaded first pairs with its certificate");
        assert!(config.certs.ecdsa.is_some());
    }

    #[test]
    fn chain_certs_join_the_current_certificate_wherever_it_is() {
        let (key, leaf) = key_and_cert();
        let (_, other_leaf) = key_and_cert();
        let (_, inter) = key_and_cert();
        let mut config = Config::default();
        let mut pairing = KeyPairing::default();
        let refused = pairing.add_chain_cert(&mut config, inter.clone()).unwrap_err();
        assert_eq!(refused.reason, Reason::NO_CERTIFICATE_ASSIGNED);

        pairing.take_chain(&mut config, vec![leaf.clone()]);
        pairing.add_chain_cert(&mut config, inter.clone()).unwrap();
        assert_eq!(pairing.chain_certs(&config), std::slice::from_ref(&inter), "waiting for its key");
        pairing.take_key(&mut config, key_from_pem(&key).unwrap()).unwrap();
        let installed = config.certs.ecdsa.clone().unwrap();
        assert_eq!(installed.chain, [leaf.clone(), inter.clone()]);

        pairing.add_chain_cert(&mut config, other_leaf.clone()).unwrap();
        assert_eq!(config.certs.ecdsa.as_ref().unwrap().chain.len(), 3, "installed, then extended");
        assert_eq!(installed.chain.len(), 2, "a configuration already built keeps its chain");
        pairing.set_chain_certs(&mut config, Vec::new()).unwrap();
        assert_eq!(config.certs.ecdsa.as_ref().unwrap().chain, std::slice::from_ref(&leaf));
        assert!(pairing.chain_certs(&config).is_empty());

        let pair = config.certs.ecdsa.clone().unwrap();
        assert_eq!(config.chain_to_send(&pair).as_ref(), std::slice::from_ref(&leaf));
        config.extra_chain_certs.push(inter.clone());
        assert_eq!(
            config.chain_to_send(&pair).as_ref(),
            [leaf.clone(), inter.clone()],
            "the extra certificates follow a lone leaf"
        );
        pairing.add_chain_cert(&mut config, other_leaf.clone()).unwrap();
        let pair = config.certs.ecdsa.clone().unwrap();
        assert_eq!(config.chain_to_send(&pair).as_ref(), [leaf, other_leaf.clone()], "a chain of its own wins");
        assert_eq!(pairing.listed(&config, ListedCerts::Chain), std::slice::from_ref(&other_leaf));
        assert_eq!(pairing.listed(&config, ListedCerts::Extra { only: false }), std::slice::from_ref(&inter));
        pairing.edit_chain_certs(&mut config, ChainEdit::ClearExtra).unwrap();
        assert_eq!(
            pairing.listed(&config, ListedCerts::Extra { only: false }),
            std::slice::from_ref(&other_leaf),
            "no extras: the chain"
        );
        assert!(pairing.listed(&config, ListedCerts::Extra { only: true }).is_empty());
    }

    #[test]
    fn trusted_certs_rebuild_the_store_once_per_change() {
        let (_, cert) = key_and_cert();
        let mut config = Config::default();
        let mut trusted = TrustedCerts::default();
        let empty = Arc::clone(&config.roots);
        assert_eq!(trusted.add(&mut config, vec![cert.clone(), cert.clone()]), 1);
        assert!(!Arc::ptr_eq(&empty, &config.roots));
        let one = Arc::clone(&config.roots);
        assert_eq!(trusted.add(&mut config, vec![cert]), 0);
        assert!(Arc::ptr_eq(&one, &config.roots), "nothing new, same store");
        trusted.on_flags(&mut config, |_| ());
        assert!(Arc::ptr_eq(&one, &config.roots), "same flags, same store");
        trusted.on_flags(&mut config, |f| f.partial_chain = true);
        assert!(config.roots.flags().partial_chain);
        assert_eq!(trusted.certs().len(), 1);
    }
}
