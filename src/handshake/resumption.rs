//! Session resumption (RFC 5246 7.3 abbreviated handshake, RFC 5077 tickets): making a
//! session out of a finished full handshake, deciding whether a server may resume the
//! session a client offers, and keeping the internal cache in step.

use super::{Context, HandshakeInfo, Secrets};
use crate::config::{Config, SESS_CACHE_NO_INTERNAL_LOOKUP, SESS_CACHE_NO_INTERNAL_STORE, SESS_CACHE_SERVER};
use crate::error::{Error, Reason};
use crate::msgs::enums::AlertDescription;
use crate::session::cache::{Counter, Lookup};
use crate::session::{self, Session};
use crate::verify::VerifyResult;
use rustls_pki_types::CertificateDer;
use std::sync::Arc;
use zeroize::Zeroizing;

/// What a session made by a full handshake remembers, gathered as the handshake
/// learns it.
#[derive(Default)]
pub struct SessionFacts {
    /// Whether the master secret is RFC 7627's extended master secret.
    pub extended_master_secret: bool,
    /// The peer's chain, leaf first (empty when it sent none).
    pub peer_certificates: Vec<CertificateDer<'static>>,
    /// The outcome of checking the peer's chain (none when it sent none).
    pub verify_result: Option<VerifyResult>,
    /// The SNI name (sent by a client, received by a server).
    pub server_name: Option<String>,
    /// The agreed ALPN protocol.
    pub alpn: Option<Vec<u8>>,
    /// The PSK identity of a PSK suite.
    pub psk_identity: Option<Vec<u8>>,
}

/// The session a finished full handshake made.
pub fn make_session(facts: SessionFacts, secrets: &Secrets, id: Vec<u8>, config: &Config) -> Session {
    Session {
        id,
        suite: secrets.suite,
        master_secret: Zeroizing::new(*secrets.master.secret_bytes()),
        extended_master_secret: facts.extended_master_secret,
        peer_certificates: facts.peer_certificates,
        verify_result: facts.verify_result.and_then(|r| r.error),
        server_name: facts.server_name,
        alpn: facts.alpn,
        sid_ctx: config.session_id_context.clone(),
        created: session::now(),
        timeout: config.session_timeout,
        ticket: None,
        ticket_lifetime_hint: 0,
        psk_identity: facts.psk_identity,
    }
}

/// Restores what a resumed session knew about the peer.
pub fn restore_info(info: &mut HandshakeInfo, session: &Session) {
    info.suite = Some(session.suite);
    info.extended_master_secret = session.extended_master_secret;
    info.peer_certificates = session.peer_certificates.clone();
    info.verify_result = Some(VerifyResult { error: session.verify_result, depth: 0 });
    info.psk_identity = session.psk_identity.clone();
    info.resumed = true;
}

/// What a server knows about the client's offer when it decides on resumption.
pub struct Offer<'a> {
    /// The suites the client offers.
    pub suites: &'a [u16],
    /// The SNI name the client asks for.
    pub server_name: Option<&'a str>,
    /// Whether the client offers extended master secret (and we accept it).
    pub extended_master_secret: bool,
}

/// Whether the server may resume `session` for this offer. A session without extended
/// master secret is not resumed by a client that offers it (a full handshake follows);
/// the reverse is fatal (RFC 7627 5.3).
pub fn server_may_resume(session: &Session, offer: &Offer<'_>, config: &Config, has_psk: bool) -> Result<bool, Error> {
    if session.extended_master_secret && !offer.extended_master_secret {
        return Err(Error::fatal(
            AlertDescription::HandshakeFailure,
            Reason::INCONSISTENT_EXTMS,
            "the client resumes a session that used extended master secret without offering it",
        ));
    }
    Ok(!session.is_expired(session::now())
        && session.extended_master_secret == offer.extended_master_secret
        && session.sid_ctx == config.session_id_context
        && offer.suites.contains(&session.suite.id)
        && config.suites.contains(&session.suite)
        && (!session.suite.kx.uses_psk() || has_psk)
        && session.server_name.as_deref() == offer.server_name)
}

/// Server: finds the session a client names by ID: the internal cache first (unless it
/// is off), then the application's external cache.
pub fn find_by_id(cx: &mut Context<'_>, id: &[u8]) -> Option<Arc<Session>> {
    let config = &cx.config;
    if id.is_empty() || config.session_cache_mode & SESS_CACHE_SERVER == 0 {
        return None;
    }
    if config.session_cache_mode & SESS_CACHE_NO_INTERNAL_LOOKUP == 0 {
        match config.session_cache.lookup(id, session::now()) {
            Lookup::Hit(found) => return Some(found),
            Lookup::Expired(old) => cx.hooks.removed_session(&old),
            Lookup::Miss => {}
        }
    }
    let found = cx.hooks.find_session(id)?;
    cx.config.session_cache.count(Counter::CallbackHit);
    Some(Arc::new(found))
}

/// Server: caches a new session and tells the application.
pub fn store(cx: &mut Context<'_>, session: &Arc<Session>) {
    let config = Arc::clone(cx.config);
    if session.id.is_empty() || config.session_cache_mode & SESS_CACHE_SERVER == 0 {
        return;
    }
    if config.session_cache_mode & SESS_CACHE_NO_INTERNAL_STORE == 0 {
        for evicted in config.session_cache.insert(Arc::clone(session)) {
            cx.hooks.removed_session(&evicted);
        }
    }
    cx.hooks.new_session(session);
}
