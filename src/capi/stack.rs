//! `STACK_OF(type)`: one stack object for every element type (OpenSSL's `OPENSSL_STACK`),
//! a list of raw pointers with, for the stacks the library owns, the function that
//! frees an element. The typed stacks C sees (`STACK_OF(X509)`, `STACK_OF(X509_NAME)`,
//! `STACK_OF(SSL_CIPHER)`) are the same object behind a pointer of another type; the
//! compatibility headers' `sk_<type>_*` macros cast them to the `OPENSSL_sk_*`
//! functions, as OpenSSL's safestack does.

use super::{guard, null_arg};
use std::ffi::{c_int, c_void};
use std::ptr;

/// `OPENSSL_sk_freefunc`: frees one element (`X509_free`, `X509_NAME_free` ...).
pub type StackFreeFunc = Option<unsafe extern "C" fn(ptr: *mut c_void)>;

/// How the library frees an element of a stack it owns.
pub(crate) type ElementFree = unsafe fn(*mut c_void);

/// `OPENSSL_STACK`: the elements, and for a stack the library owns, how to free them
/// when the stack goes.
pub struct OpensslStack {
    items: Vec<*mut c_void>,
    free: Option<ElementFree>,
    /// Whether the library keeps the stack (C may read it, not change it).
    read_only: bool,
}

/// Defines the typed stacks: opaque names for pointers to an [`OpensslStack`], never
/// made themselves.
macro_rules! typed_stacks {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        pub struct $name {
            _opaque: [u8; 0],
        }

        impl Typed for $name {}
    )*};
}

/// A typed stack: a pointer to it is a pointer to an [`OpensslStack`].
pub(crate) trait Typed {}

typed_stacks! {
    /// `STACK_OF(X509)`: certificates, as `SSL_get_peer_cert_chain` returns them.
    X509Stack;
    /// `STACK_OF(X509_NAME)`: distinguished names, as the client CA list functions
    /// take and return them.
    X509NameStack;
    /// `STACK_OF(SSL_CIPHER)`: cipher suites (static objects), as `SSL_get_ciphers`
    /// returns them.
    CipherStack;
}

impl OpensslStack {
    /// A new stack for C holding `items`; `free` frees them when the library drops it
    /// with [`release`] (`None`: the stack does not own them).
    pub(crate) fn into_ptr<T: Typed>(items: Vec<*mut c_void>, free: Option<ElementFree>) -> *mut T {
        Box::into_raw(Box::new(OpensslStack { items, free, read_only: free.is_some() })).cast()
    }

    /// The elements.
    pub(crate) fn items(&self) -> &[*mut c_void] {
        &self.items
    }

    /// Borrows a typed stack; `None` for NULL (no error entry).
    ///
    /// # Safety
    /// `p` is NULL or a live stack from this library that nothing changes during `'a`.
    pub(crate) unsafe fn from_typed<'a, T: Typed>(p: *const T) -> Option<&'a OpensslStack> {
        // SAFETY: as promised by the caller; a typed pointer is an `OpensslStack` one.
        unsafe { p.cast::<OpensslStack>().as_ref() }
    }
}

/// Frees a stack the library made, with each element's free function if it owns
/// them (NULL is ignored).
///
/// # Safety
/// `p` is NULL or a live stack from this library, not used afterwards.
pub(crate) unsafe fn release<T: Typed>(p: *mut T) {
    if p.is_null() {
        return;
    }
    // SAFETY: as promised by the caller, `p` came from `Box::into_raw`.
    let stack = unsafe { Box::from_raw(p.cast::<OpensslStack>()) };
    if let Some(free) = stack.free {
        for &item in stack.items.iter().filter(|i| !i.is_null()) {
            // SAFETY: the stack owns its elements, which `free` releases.
            unsafe { free(item) };
        }
    }
}

/// Takes apart a stack from C: frees the stack object and returns its elements.
///
/// # Safety
/// `p` is NULL or a live stack from this library, not used afterwards.
pub(crate) unsafe fn into_items<T: Typed>(p: *mut T) -> Vec<*mut c_void> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: as promised by the caller, `p` came from `Box::into_raw`.
    unsafe { Box::from_raw(p.cast::<OpensslStack>()) }.items
}

/// A stack a getter hands out and its object keeps: rebuilt when what it lists
/// (`key`) changes, freed with the object. A copy starts empty.
pub(crate) struct StackCache<K> {
    key: Option<K>,
    stack: *mut OpensslStack,
}

impl<K> Default for StackCache<K> {
    fn default() -> Self {
        StackCache { key: None, stack: ptr::null_mut() }
    }
}

impl<K> Clone for StackCache<K> {
    fn clone(&self) -> Self {
        StackCache::default()
    }
}

impl<K> Drop for StackCache<K> {
    fn drop(&mut self) {
        // SAFETY: the cache owns its stack, which nothing uses after the object goes.
        unsafe { release(self.stack) }
    }
}

impl Typed for OpensslStack {}

impl<K: PartialEq> StackCache<K> {
    /// The stack listing `key`, made by `build` unless the one kept already does.
    pub(crate) fn get<T: Typed>(&mut self, key: K, build: impl FnOnce(&K) -> *mut T) -> *mut T {
        if self.stack.is_null() || self.key.as_ref() != Some(&key) {
            let new = build(&key).cast::<OpensslStack>();
            // SAFETY: `build` made a live stack that nothing else uses yet.
            if let Some(s) = unsafe { new.as_mut() } {
                s.read_only = true;
            }
            // SAFETY: the cache owns the old stack; callers were told it lasts until
            // the list changes.
            unsafe { release(std::mem::replace(&mut self.stack, new)) };
            self.key = Some(key);
        }
        self.stack.cast()
    }
}

/// The stacks a context or connection keeps for its getters, and what a client was
/// sent. A copy (an `SSL` made from a context) starts with no stacks.
#[derive(Default, Clone)]
pub(crate) struct Lists {
    /// `SSL_get_ciphers`: keyed by the suites' codes.
    pub(crate) ciphers: StackCache<Vec<u16>>,
    /// `SSL_get_client_CA_list`: keyed by the names' DER.
    pub(crate) client_ca: StackCache<Vec<Vec<u8>>>,
    /// `SSL_CTX_get_extra_chain_certs`: keyed by the certificates listed.
    pub(crate) extra_chain: StackCache<Vec<rustls_pki_types::CertificateDer<'static>>>,
    /// `SSL_CTX_get0_chain_certs`: keyed by the certificates listed.
    pub(crate) chain: StackCache<Vec<rustls_pki_types::CertificateDer<'static>>>,
    /// Client: the CA names (DER) of the server's CertificateRequest, once one came.
    pub(crate) received_ca: Option<Vec<Vec<u8>>>,
}

/// Borrows a stack from C, pushing an error entry for NULL.
///
/// # Safety
/// `sk` is NULL or a live stack from this library.
#[track_caller]
unsafe fn stack_arg<'a>(sk: *const OpensslStack) -> Option<&'a mut OpensslStack> {
    // SAFETY: as promised by the caller; C uses a stack from one thread at a time.
    let s = unsafe { sk.cast_mut().as_mut() };
    if s.is_none() {
        null_arg("sk");
    }
    s
}

/// `OPENSSL_sk_new_null` (behind `sk_<type>_new_null`): a new empty stack, which the
/// caller frees with `OPENSSL_sk_free` or `OPENSSL_sk_pop_free`.
#[no_mangle]
pub extern "C" fn tls12_OPENSSL_sk_new_null() -> *mut OpensslStack {
    guard(ptr::null_mut(), || OpensslStack::into_ptr(Vec::new(), None))
}

/// `OPENSSL_sk_num` (behind `sk_<type>_num`): the number of elements, or -1 for NULL.
///
/// # Safety
/// `sk` is NULL or a live stack from this library.
#[no_mangle]
pub unsafe extern "C" fn tls12_OPENSSL_sk_num(sk: *const OpensslStack) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        unsafe { stack_arg(sk) }.map_or(-1, |s| c_int::try_from(s.items.len()).unwrap_or(c_int::MAX))
    })
}

/// `OPENSSL_sk_value` (behind `sk_<type>_value`): the element at `i` (borrowed), or
/// NULL when `i` is out of range.
///
/// # Safety
/// `sk` is NULL or a live stack from this library.
#[no_mangle]
pub unsafe extern "C" fn tls12_OPENSSL_sk_value(sk: *const OpensslStack, i: c_int) -> *mut c_void {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let s = unsafe { stack_arg(sk) };
        let item = s.and_then(|s| usize::try_from(i).ok().and_then(|i| s.items.get(i)));
        item.map_or(ptr::null_mut(), |&x| x)
    })
}

/// `OPENSSL_sk_push` (behind `sk_<type>_push`): appends `data` (the stack does not
/// take ownership: free the elements with `OPENSSL_sk_pop_free`). Returns the new
/// number of elements, or 0 on failure.
///
/// # Safety
/// `sk` is NULL or a live stack from this library.
#[no_mangle]
pub unsafe extern "C" fn tls12_OPENSSL_sk_push(sk: *mut OpensslStack, data: *const c_void) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let Some(s) = (unsafe { stack_arg(sk) }) else {
            return 0;
        };
        if s.read_only {
            crate::capi::err::push(
                crate::error::Reason::BAD_VALUE,
                "OPENSSL_sk_push: this stack belongs to the library and cannot be changed",
            );
            return 0;
        }
        s.items.push(data.cast_mut());
        c_int::try_from(s.items.len()).unwrap_or(c_int::MAX)
    })
}

/// `OPENSSL_sk_free` (behind `sk_<type>_free`): frees the stack but not its elements.
/// NULL is ignored.
///
/// # Safety
/// `sk` is NULL or a stack from `OPENSSL_sk_new_null` or one the caller owns (such as
/// `SSL_load_client_CA_file`'s), not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_OPENSSL_sk_free(sk: *mut OpensslStack) {
    // SAFETY: as promised by the caller.
    guard((), || drop(unsafe { into_items(sk) }))
}

/// `OPENSSL_sk_pop_free` (behind `sk_<type>_pop_free`): calls `func` on each non-NULL
/// element, then frees the stack. NULL `sk` is ignored; a NULL `func` frees only the
/// stack (with an error entry).
///
/// # Safety
/// As for `OPENSSL_sk_free`; `func` frees elements of the stack's type.
#[no_mangle]
pub unsafe extern "C" fn tls12_OPENSSL_sk_pop_free(sk: *mut OpensslStack, func: StackFreeFunc) {
    guard((), || {
        // SAFETY: as promised by the caller.
        let items = unsafe { into_items(sk) };
        let Some(func) = func else {
            if !sk.is_null() {
                null_arg("func");
            }
            return;
        };
        for item in items.into_iter().filter(|i| !i.is_null()) {
            // SAFETY: the caller promises `func` frees elements of this type.
            unsafe { func(item) };
        }
    })
}
