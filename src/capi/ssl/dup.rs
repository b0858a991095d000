//! Copies of a connection that has not started, for BIOs that hand out one per
//! accepted connection (`BIO_set_accept_bios`, through `BIO_dup_chain`).

use super::Ssl;

impl Ssl {
    /// A new connection of the same context with this one's settings, role, server
    /// name and host to verify, as `SSL_dup` makes of a connection that has not
    /// started; one reference for the caller, NULL on failure.
    pub(crate) fn duplicate(&self) -> *mut Ssl {
        // SAFETY: the context is live while this connection holds it.
        let copy = unsafe { super::tls12_SSL_new(self.ctx.get()) };
        // SAFETY: `copy` is NULL or the new connection, used by no one else yet.
        if let Some(new) = unsafe { copy.as_ref() } {
            new.role.set(self.role.get());
            new.settings.replace(self.settings.borrow().clone());
            new.sni.replace(self.sni.borrow().clone());
            new.verify_host.replace(self.verify_host.borrow().clone());
        }
        copy
    }
}
