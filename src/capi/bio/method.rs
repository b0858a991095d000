//! User-defined BIO methods: `BIO_meth_new`, its setters and getters, and the BIOs
//! made from one, whose reads, writes and controls call the application's functions
//! (how curl does its TLS I/O). The rules for what those functions return live in the
//! core ([`crate::bio_method`]); this file converts and calls.
//!
//! Also the accessors those functions use on their BIO (`BIO_get_data`,
//! `BIO_set_init`, `BIO_set_shutdown` ...), `BIO_method_type`/`BIO_method_name`, and
//! `BIO_read_ex`/`BIO_write_ex`.

use super::{arg, c_result, Bio, BioMethod, Kind, MethodKind, FLAGS_SHOULD_RETRY};
use crate::bio_method::{self, Builtin, MethodCalls, Moved};
use crate::capi::{bytes, bytes_mut, err, guard, intern, null_arg};
use crate::conn::IoResult;
use crate::error::Reason;
use std::ffi::{c_char, c_int, c_long, c_void, CStr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A method's write function: `int write(BIO *, const char *data, int len)`.
pub type BioWriteFn = Option<unsafe extern "C" fn(*mut Bio, *const c_char, c_int) -> c_int>;
/// A method's `_ex` write function: `int write_ex(BIO *, const char *, size_t, size_t *written)`.
pub type BioWriteExFn = Option<unsafe extern "C" fn(*mut Bio, *const c_char, usize, *mut usize) -> c_int>;
/// A method's read function: `int read(BIO *, char *buf, int len)`.
pub type BioReadFn = Option<unsafe extern "C" fn(*mut Bio, *mut c_char, c_int) -> c_int>;
/// A method's `_ex` read function: `int read_ex(BIO *, char *, size_t, size_t *readbytes)`.
pub type BioReadExFn = Option<unsafe extern "C" fn(*mut Bio, *mut c_char, usize, *mut usize) -> c_int>;
/// A method's puts function: `int puts(BIO *, const char *text)`.
pub type BioPutsFn = Option<unsafe extern "C" fn(*mut Bio, *const c_char) -> c_int>;
/// A method's gets function: `int gets(BIO *, char *buf, int size)`.
pub type BioGetsFn = Option<unsafe extern "C" fn(*mut Bio, *mut c_char, c_int) -> c_int>;
/// A method's control function: `long ctrl(BIO *, int cmd, long larg, void *parg)`.
pub type BioCtrlFn = Option<unsafe extern "C" fn(*mut Bio, c_int, c_long, *mut c_void) -> c_long>;
/// A method's create or destroy function: `int create(BIO *)`.
pub type BioLifeFn = Option<unsafe extern "C" fn(*mut Bio) -> c_int>;
/// `BIO_info_cb`: `int cb(BIO *, int state, int res)`.
pub type BioInfoCb = Option<unsafe extern "C" fn(*mut Bio, c_int, c_int) -> c_int>;
/// A method's callback control function: `long callback_ctrl(BIO *, int cmd, BIO_info_cb *fp)`.
pub type BioCallbackCtrlFn = Option<unsafe extern "C" fn(*mut Bio, c_int, BioInfoCb) -> c_long>;

/// The functions of a user-defined method; each may be unset.
#[derive(Clone, Copy, Default)]
struct Functions {
    write: BioWriteFn,
    write_ex: BioWriteExFn,
    read: BioReadFn,
    read_ex: BioReadExFn,
    puts: BioPutsFn,
    gets: BioGetsFn,
    ctrl: BioCtrlFn,
    create: BioLifeFn,
    destroy: BioLifeFn,
    callback_ctrl: BioCallbackCtrlFn,
}

/// A method made by `BIO_meth_new`: its type number, name and functions (which the
/// setters may change while BIOs use the method, as in OpenSSL).
pub(super) struct UserMethod {
    type_number: c_int,
    name: *const c_char,
    functions: Mutex<Functions>,
}

// SAFETY: `name` points to an interned string that is never freed or changed.
unsafe impl Send for UserMethod {}
// SAFETY: as above; the functions are behind a mutex.
unsafe impl Sync for UserMethod {}

/// The state of a BIO made from a user-defined method: the method (which the
/// application keeps alive while its BIOs live), and whether its create function
/// succeeded, so that destroy is called only then.
pub(super) struct UserBio {
    method: *const BioMethod,
    created: AtomicBool,
}

// SAFETY: the method pointer is only read; the method itself is Sync.
unsafe impl Send for UserBio {}
// SAFETY: as above.
unsafe impl Sync for UserBio {}

impl UserBio {
    fn functions(&self) -> Functions {
        // SAFETY: the application keeps the method alive while BIOs made from it live.
        match unsafe { &(*self.method).kind } {
            MethodKind::User(m) => *m.functions.lock().unwrap_or_else(|e| e.into_inner()),
            _ => Functions::default(),
        }
    }
}

/// One BIO with its user-defined method, as the core's rules see it.
struct Calls<'a> {
    bio: &'a Bio,
    functions: Functions,
}

impl Calls<'_> {
    fn new(bio: &Bio) -> Option<Calls<'_>> {
        match &bio.kind {
            Kind::User(u) => Some(Calls { bio, functions: u.functions() }),
            _ => None,
        }
    }

    fn ptr(&self) -> *mut Bio {
        (self.bio as *const Bio).cast_mut()
    }

    fn ctrl_with(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        // SAFETY: the application's control function, called as OpenSSL calls it.
        self.functions.ctrl.map_or(0, |f| unsafe { f(self.ptr(), cmd, larg, parg) })
    }

    /// A read or write refused because the create function did not mark the BIO
    /// initialised (`BIO_set_init`).
    fn uninitialised(&self) -> Option<Moved> {
        if self.bio.init.load(Ordering::Relaxed) {
            return None;
        }
        err::push(
            Reason::UNINITIALIZED,
            "the BIO is not initialised: its method's create function must call BIO_set_init(bio, 1)",
        );
        Some(Moved::from_count(-1))
    }
}

impl MethodCalls for Calls<'_> {
    fn read(&self, buf: &mut [u8]) -> Option<Moved> {
        if let Some(refused) = self.uninitialised() {
            return Some(refused);
        }
        let (p, len) = (buf.as_mut_ptr().cast::<c_char>(), buf.len());
        if let Some(read_ex) = self.functions.read_ex {
            let mut done = 0;
            // SAFETY: `p` has `len` writable bytes; `done` lives for the call.
            return Some(Moved::from_ex(unsafe { read_ex(self.ptr(), p, len, &mut done) }, done));
        }
        let len = c_int::try_from(len).unwrap_or(c_int::MAX);
        // SAFETY: `p` has at least `len` writable bytes.
        self.functions.read.map(|read| Moved::from_count(unsafe { read(self.ptr(), p, len) }))
    }

    fn write(&self, data: &[u8]) -> Option<Moved> {
        if let Some(refused) = self.uninitialised() {
            return Some(refused);
        }
        let (p, len) = (data.as_ptr().cast::<c_char>(), data.len());
        if let Some(write_ex) = self.functions.write_ex {
            let mut done = 0;
            // SAFETY: `p` has `len` readable bytes; `done` lives for the call.
            return Some(Moved::from_ex(unsafe { write_ex(self.ptr(), p, len, &mut done) }, done));
        }
        let len = c_int::try_from(len).unwrap_or(c_int::MAX);
        // SAFETY: `p` has at least `len` readable bytes.
        self.functions.write.map(|write| Moved::from_count(unsafe { write(self.ptr(), p, len) }))
    }

    fn ctrl(&self, cmd: i32, larg: i64) -> i64 {
        self.ctrl_with(cmd, larg as c_long, std::ptr::null_mut())
    }

    fn should_retry(&self) -> bool {
        self.bio.flags.load(Ordering::Relaxed) & FLAGS_SHOULD_RETRY != 0
    }
}

/// An unsupported operation on a user-defined BIO (OpenSSL's -2).
fn unsupported(what: &str) -> c_int {
    err::push(Reason::BAD_VALUE, format!("the BIO's method has no {what} function"));
    -2
}

impl Bio {
    /// A BIO of the user-defined method `method` (`BIO_new`): not yet initialised, and
    /// shut down on free (`BIO_get_shutdown` 1), until its create function says
    /// otherwise. `None` (with an error entry) when create fails.
    pub(super) fn new_user(method: *const BioMethod) -> Option<*mut Bio> {
        let user = UserBio { method, created: AtomicBool::new(false) };
        let create = user.functions().create;
        let bio = Bio::new(Kind::User(user));
        bio.init.store(false, Ordering::Relaxed);
        let p = super::into_ptr(bio);
        // SAFETY: `p` is the live BIO we just made; the create function sees it first,
        // as in OpenSSL.
        let ok = create.is_none_or(|f| unsafe { f(p) } != 0);
        if !ok {
            err::push(Reason::INTERNAL_ERROR, "BIO_new: the BIO method's create function failed");
            // SAFETY: we hold the only reference; destroy is not called (not created).
            unsafe { super::release(p) };
            return None;
        }
        // SAFETY: `p` is live: we hold its reference.
        if let Some(Kind::User(user)) = unsafe { super::from_ptr(p) }.map(|b| &b.kind) {
            user.created.store(true, Ordering::Relaxed);
        }
        Some(p)
    }

    /// Calls the destroy function of a user-defined BIO that was created (`BIO_free`).
    pub(super) fn destroy_user(&self) {
        if let Kind::User(user) = &self.kind {
            if let (true, Some(destroy)) = (user.created.load(Ordering::Relaxed), user.functions().destroy) {
                // SAFETY: the BIO is still whole while it is dropped.
                unsafe { destroy((self as *const Bio).cast_mut()) };
            }
        }
    }

    /// The engine's read on a user-defined BIO; `None` for other kinds.
    pub(super) fn user_read(&self, buf: &mut [u8]) -> Option<IoResult> {
        Calls::new(self).map(|c| bio_method::engine_read(&c, buf))
    }

    /// The engine's write on a user-defined BIO; `None` for other kinds.
    pub(super) fn user_write(&self, data: &[u8]) -> Option<IoResult> {
        Calls::new(self).map(|c| bio_method::engine_write(&c, data))
    }

    /// `BIO_ctrl` on a user-defined BIO; `None` for other kinds.
    pub(super) fn user_ctrl(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<c_long> {
        Calls::new(self).map(|c| c.ctrl_with(cmd, larg, parg))
    }

    /// What `BIO_read` returns on a user-defined BIO; `None` for other kinds.
    pub(super) fn user_read_count(&self, buf: &mut [u8]) -> Option<c_int> {
        let c = Calls::new(self)?;
        Some(c.read(buf).map_or_else(|| unsupported("read"), Moved::count))
    }

    /// What `BIO_write` returns on a user-defined BIO; `None` for other kinds.
    pub(super) fn user_write_count(&self, data: &[u8]) -> Option<c_int> {
        let c = Calls::new(self)?;
        Some(c.write(data).map_or_else(|| unsupported("write"), Moved::count))
    }

    /// `BIO_puts` on a user-defined BIO (its puts function); `None` for other kinds.
    pub(super) fn user_puts(&self, text: *const c_char) -> Option<c_int> {
        let c = Calls::new(self)?;
        // SAFETY: `text` is the caller's NUL-terminated string.
        Some(c.functions.puts.map_or_else(|| unsupported("puts"), |f| unsafe { f(c.ptr(), text) }))
    }

    /// `BIO_gets` on a user-defined BIO (its gets function); `None` for other kinds.
    pub(super) fn user_gets(&self, buf: *mut c_char, size: c_int) -> Option<c_int> {
        let c = Calls::new(self)?;
        // SAFETY: `buf` has the caller's `size` writable bytes.
        Some(c.functions.gets.map_or_else(|| unsupported("gets"), |f| unsafe { f(c.ptr(), buf, size) }))
    }

    /// The engine's flush after it wrote (`BIO_flush`): a user-defined BIO's
    /// `BIO_CTRL_FLUSH`; the other kinds hold nothing back.
    pub(crate) fn flush(&self) -> IoResult {
        Calls::new(self).map_or(IoResult::Done(0), |c| bio_method::engine_flush(&c))
    }

    fn builtin(&self) -> Builtin {
        match &self.kind {
            Kind::Mem(_) => Builtin::Mem,
            Kind::Pair(_) => Builtin::Pair,
            Kind::Fd(fd) if fd.socket => Builtin::Socket,
            Kind::Fd(_) => Builtin::Fd,
            Kind::File(_) => Builtin::File,
            Kind::Ssl(_) => Builtin::Ssl,
            Kind::Connect(_) => Builtin::Connect,
            Kind::Accept(_) => Builtin::Accept,
            Kind::Callback(_) | Kind::User(_) => Builtin::Callbacks,
        }
    }
}

/// `BIO_get_new_index`: a new type number for an application's method (combine it
/// with `BIO_TYPE_SOURCE_SINK` or `BIO_TYPE_FILTER`), or -1 when none is left.
#[no_mangle]
pub extern "C" fn tls12_BIO_get_new_index() -> c_int {
    guard(-1, || {
        bio_method::new_index().unwrap_or_else(|| {
            err::push(Reason::INTERNAL_ERROR, "BIO_get_new_index: all BIO type numbers are taken");
            -1
        })
    })
}

/// `BIO_meth_new`: a new method with no functions, of type `type_` and called `name`
/// (copied). Free it with `BIO_meth_free` once no BIO uses it.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_meth_new(type_: c_int, name: *const c_char) -> *mut BioMethod {
    guard(std::ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let name = if name.is_null() { "" } else { &unsafe { CStr::from_ptr(name) }.to_string_lossy() };
        let method = UserMethod { type_number: type_, name: intern(name), functions: Mutex::default() };
        Box::into_raw(Box::new(BioMethod { kind: MethodKind::User(method) }))
    })
}

/// `BIO_meth_free`: frees a method from `BIO_meth_new` (NULL is ignored).
///
/// # Safety
/// `biom` is NULL or a method from `BIO_meth_new` that no live BIO uses.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_meth_free(biom: *mut BioMethod) {
    guard((), || {
        // SAFETY: as promised by the caller: a method `BIO_meth_new` boxed.
        if let Some(MethodKind::User(_)) = unsafe { biom.as_ref() }.map(|m| &m.kind) {
            // SAFETY: as above.
            drop(unsafe { Box::from_raw(biom) });
        }
    })
}

/// The functions of `biom` if it is a method from `BIO_meth_new`.
///
/// # Safety
/// `biom` is NULL or a live method.
unsafe fn user_method<'a>(biom: *const BioMethod) -> Option<&'a UserMethod> {
    // SAFETY: as promised by the caller.
    match unsafe { biom.as_ref() }.map(|m| &m.kind) {
        Some(MethodKind::User(m)) => Some(m),
        Some(_) => {
            err::push(Reason::BAD_VALUE, "the BIO_METHOD is one of the library's own, not one from BIO_meth_new");
            None
        }
        None => {
            null_arg("biom");
            None
        }
    }
}

/// Defines the setter and getter of each function of a method.
macro_rules! method_functions {
    ($($field:ident: $ty:ty => $set:ident, $get:ident;)*) => {
        $(
            #[doc = concat!("`BIO_meth_set_", stringify!($field), "`: sets the method's ", stringify!($field),
                " function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.")]
            ///
            /// # Safety
            /// `biom` is NULL or a live method.
            #[no_mangle]
            pub unsafe extern "C" fn $set(biom: *mut BioMethod, f: $ty) -> c_int {
                guard(0, || {
                    // SAFETY: as promised by the caller.
                    let Some(m) = (unsafe { user_method(biom) }) else { return 0 };
                    m.functions.lock().unwrap_or_else(|e| e.into_inner()).$field = f;
                    1
                })
            }

            #[doc = concat!("`BIO_meth_get_", stringify!($field), "`: the method's ", stringify!($field),
                " function, or NULL (also for the library's own methods).")]
            ///
            /// # Safety
            /// `biom` is NULL or a live method.
            #[no_mangle]
            pub unsafe extern "C" fn $get(biom: *const BioMethod) -> $ty {
                guard(None, || {
                    // SAFETY: as promised by the caller.
                    unsafe { user_method(biom) }.and_then(|m| m.functions.lock().unwrap_or_else(|e| e.into_inner()).$field)
                })
            }
        )*
    };
}

method_functions! {
    write: BioWriteFn => tls12_BIO_meth_set_write, tls12_BIO_meth_get_write;
    write_ex: BioWriteExFn => tls12_BIO_meth_set_write_ex, tls12_BIO_meth_get_write_ex;
    read: BioReadFn => tls12_BIO_meth_set_read, tls12_BIO_meth_get_read;
    read_ex: BioReadExFn => tls12_BIO_meth_set_read_ex, tls12_BIO_meth_get_read_ex;
    puts: BioPutsFn => tls12_BIO_meth_set_puts, tls12_BIO_meth_get_puts;
    gets: BioGetsFn => tls12_BIO_meth_set_gets, tls12_BIO_meth_get_gets;
    ctrl: BioCtrlFn => tls12_BIO_meth_set_ctrl, tls12_BIO_meth_get_ctrl;
    create: BioLifeFn => tls12_BIO_meth_set_create, tls12_BIO_meth_get_create;
    destroy: BioLifeFn => tls12_BIO_meth_set_destroy, tls12_BIO_meth_get_destroy;
    callback_ctrl: BioCallbackCtrlFn => tls12_BIO_meth_set_callback_ctrl, tls12_BIO_meth_get_callback_ctrl;
}

/// `BIO_callback_ctrl`: passes a callback to a user-defined BIO's callback control
/// function. Returns what it returns, or -2 when the BIO has none.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_callback_ctrl(b: *mut Bio, cmd: c_int, fp: BioInfoCb) -> c_long {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let Some(bio) = (unsafe { arg(b) }) else { return 0 };
        match Calls::new(bio).and_then(|c| c.functions.callback_ctrl) {
            // SAFETY: the application's function, called as OpenSSL calls it.
            Some(f) => unsafe { f(b, cmd, fp) },
            None => c_long::from(unsupported("callback_ctrl")),
        }
    })
}

/// Defines the accessors of a BIO's own fields that methods' functions use.
macro_rules! bio_fields {
    ($($(#[$doc:meta])* $set:ident, $get:ident: $ty:ty = $none:expr, $field:ident, $to:expr, $from:expr;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// `b` is NULL or a live BIO.
            #[no_mangle]
            pub unsafe extern "C" fn $set(b: *mut Bio, value: $ty) {
                guard((), || {
                    // SAFETY: as promised by the caller.
                    if let Some(bio) = unsafe { arg(b) } {
                        bio.$field.store($to(value), Ordering::Relaxed);
                    }
                })
            }

            $(#[$doc])*
            ///
            /// # Safety
            /// `b` is NULL or a live BIO.
            #[no_mangle]
            pub unsafe extern "C" fn $get(b: *const Bio) -> $ty {
                // SAFETY: as promised by the caller.
                guard($none, || unsafe { arg(b.cast_mut()) }.map_or($none, |bio| $from(bio.$field.load(Ordering::Relaxed))))
            }
        )*
    };
}

bio_fields! {
    /// `BIO_set_data` / `BIO_get_data`: the application's pointer kept in the BIO (for
    /// its method's functions), NULL at first.
    tls12_BIO_set_data, tls12_BIO_get_data: *mut c_void = std::ptr::null_mut(), data, |p: *mut c_void| p as usize, |v: usize| v as *mut c_void;
    /// `BIO_set_init` / `BIO_get_init`: whether the BIO is ready for I/O (a user-defined
    /// BIO's create function sets it; reads and writes fail until then).
    tls12_BIO_set_init, tls12_BIO_get_init: c_int = 0, init, |v: c_int| v != 0, c_int::from;
    /// `BIO_set_shutdown` / `BIO_get_shutdown`: whether freeing the BIO also closes what
    /// it wraps (`BIO_CLOSE` 1, `BIO_NOCLOSE` 0).
    tls12_BIO_set_shutdown, tls12_BIO_get_shutdown: c_int = 0, close, |v: c_int| v != 0, c_int::from;
}

/// `BIO_method_type`: the BIO's `BIO_TYPE_*` number (for a user-defined BIO, the one
/// given to `BIO_meth_new`), or 0 for NULL.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_method_type(b: *const Bio) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { arg(b.cast_mut()) }.map_or(0, |bio| match user_method_of(bio) {
            Some(m) => m.type_number,
            None => bio.builtin().type_number(),
        })
    })
}

/// `BIO_method_name`: the name of the BIO's method ("memory buffer", "socket", or the
/// one given to `BIO_meth_new`), or NULL for NULL.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_method_name(b: *const Bio) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: as promised by the caller.
        unsafe { arg(b.cast_mut()) }.map_or(std::ptr::null(), |bio| match user_method_of(bio) {
            Some(m) => m.name,
            None => intern(bio.builtin().name()),
        })
    })
}

fn user_method_of(bio: &Bio) -> Option<&UserMethod> {
    match &bio.kind {
        // SAFETY: the application keeps the method alive while its BIOs live.
        Kind::User(u) => match unsafe { &(*u.method).kind } {
            MethodKind::User(m) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// The `_ex` result of a call with `buf`: `user` on a user-defined BIO (whose function
/// is `what`), `builtin` on the others; 1 with the count stored in `*done`, or 0.
///
/// # Safety
/// `done` is NULL or valid for one write.
unsafe fn ex_call<B>(
    bio: &Bio,
    what: &str,
    buf: B,
    user: impl FnOnce(&Calls<'_>, B) -> Option<Moved>,
    builtin: impl FnOnce(B) -> IoResult,
    done: *mut usize,
) -> c_int {
    let moved = match Calls::new(bio) {
        Some(c) => user(&c, buf).unwrap_or_else(|| Moved::from_count(unsupported(what))),
        None => Moved::from_count(c_result(bio, builtin(buf))),
    };
    let (ret, n) = moved.ex();
    if !done.is_null() {
        // SAFETY: as promised by the caller.
        unsafe { *done = n };
    }
    ret
}

/// `BIO_read_ex`: reads up to `dlen` bytes into `data`, storing the count in
/// `*readbytes`. Returns 1 when something was read, else 0 (see `BIO_should_retry`).
///
/// # Safety
/// `b` is NULL or a live BIO; `data` has `dlen` writable bytes; `readbytes` is NULL or
/// valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_read_ex(
    b: *mut Bio,
    data: *mut c_void,
    dlen: usize,
    readbytes: *mut usize,
) -> c_int {
    guard(0, || {
        let len = c_int::try_from(dlen).unwrap_or(c_int::MAX);
        // SAFETY: as promised by the caller.
        let (Some(bio), Some(buf)) = (unsafe { arg(b) }, unsafe { bytes_mut(data.cast(), len, "data") }) else {
            return 0;
        };
        // SAFETY: as promised by the caller.
        unsafe { ex_call(bio, "read", buf, |c, b| c.read(b), |b| bio.read(b), readbytes) }
    })
}

/// `BIO_write_ex`: writes up to `dlen` bytes from `data`, storing the count taken in
/// `*written`. Returns 1 when something was written, else 0.
///
/// # Safety
/// `b` is NULL or a live BIO; `data` has `dlen` readable bytes; `written` is NULL or
/// valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_write_ex(
    b: *mut Bio,
    data: *const c_void,
    dlen: usize,
    written: *mut usize,
) -> c_int {
    guard(0, || {
        let len = c_int::try_from(dlen).unwrap_or(c_int::MAX);
        // SAFETY: as promised by the caller.
        let (Some(bio), Some(buf)) = (unsafe { arg(b) }, unsafe { bytes(data.cast(), len, "data") }) else {
            return 0;
        };
        // SAFETY: as promised by the caller.
        unsafe { ex_call(bio, "write", buf, |c, b| c.write(b), |b| bio.write(b), written) }
    })
}
