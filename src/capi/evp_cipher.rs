//! Symmetric ciphers (`EVP_CIPHER`, `EVP_CIPHER_CTX`, `EVP_Encrypt*`/`EVP_Decrypt*`/
//! `EVP_Cipher*`): thin wrappers over the core's [`crate::crypto::block_cipher`].
//! `EVP_CIPHER` objects are static; `EVP_CIPHER_fetch` returns the same ones.

#![allow(non_snake_case)]

use super::owned::{borrow_handle, free_handle, new_handle};
use super::static_algorithm::static_algorithm_lookups;
use super::{bytes, c_str, err, guard, null_arg};
use crate::crypto::block_cipher::{CipherAlgorithm, CipherCtx, ALL_CIPHERS, BLOCK};
use crate::error::{Error, Reason};
use std::ffi::{c_char, c_int, c_ulong, c_void};
use std::ptr;

/// `EVP_CIPHER`: a cipher. Never freed (static).
pub struct EvpCipher {
    alg: CipherAlgorithm,
}

/// One `EVP_CIPHER` per cipher, in the order of [`ALL_CIPHERS`].
static CIPHERS: [EvpCipher; 3] =
    [EvpCipher { alg: ALL_CIPHERS[0] }, EvpCipher { alg: ALL_CIPHERS[1] }, EvpCipher { alg: ALL_CIPHERS[2] }];

impl EvpCipher {
    /// The static `EVP_CIPHER` of `alg`.
    fn of(alg: CipherAlgorithm) -> *const EvpCipher {
        &CIPHERS[alg.index()]
    }

    /// The cipher behind a C pointer; `None` (without an error entry) for NULL.
    ///
    /// # Safety
    /// `cipher` is NULL or an `EVP_CIPHER` from this library.
    unsafe fn algorithm(cipher: *const EvpCipher) -> Option<CipherAlgorithm> {
        // SAFETY: as the caller promises.
        unsafe { cipher.as_ref() }.map(|c| c.alg)
    }
}

macro_rules! cipher_getters {
    ($($fname:ident => $alg:ident, $doc:expr;)*) => {$(
        #[doc = $doc]
        #[no_mangle]
        pub extern "C" fn $fname() -> *const EvpCipher {
            guard(ptr::null(), || EvpCipher::of(CipherAlgorithm::$alg))
        }
    )*};
}

cipher_getters! {
    tls12_EVP_aes_128_cbc => Aes128, "`EVP_aes_128_cbc`: AES-128 in CBC mode.";
    tls12_EVP_aes_192_cbc => Aes192, "`EVP_aes_192_cbc`: AES-192 in CBC mode.";
    tls12_EVP_aes_256_cbc => Aes256, "`EVP_aes_256_cbc`: AES-256 in CBC mode.";
}

static_algorithm_lookups! {
    object: EvpCipher, algorithm: CipherAlgorithm, noun: "cipher",
    by_name: tls12_EVP_get_cipherbyname, by_nid: tls12_EVP_get_cipherbynid,
    fetch: tls12_EVP_CIPHER_fetch, up_ref: tls12_EVP_CIPHER_up_ref, free: tls12_EVP_CIPHER_free,
}

macro_rules! cipher_property {
    ($($fname:ident -> $ty:ty, $fail:expr, |$alg:ident| $value:expr, $doc:expr;)*) => {$(
        #[doc = $doc]
        ///
        /// # Safety
        /// `cipher` is NULL or an `EVP_CIPHER` from this library.
        #[no_mangle]
        pub unsafe extern "C" fn $fname(cipher: *const EvpCipher) -> $ty {
            guard($fail, || {
                // SAFETY: as the caller promises.
                let alg = unsafe { EvpCipher::algorithm(cipher) };
                if alg.is_none() {
                    null_arg("cipher");
                }
                alg.map_or($fail, |$alg| $value)
            })
        }
    )*};
}

cipher_property! {
    tls12_EVP_CIPHER_get_key_length -> c_int, 0, |alg| alg.key_len() as c_int,
        "`EVP_CIPHER_get_key_length` (also `EVP_CIPHER_key_length`): bytes in a key.";
    tls12_EVP_CIPHER_get_iv_length -> c_int, 0, |alg| alg.iv_len() as c_int,
        "`EVP_CIPHER_get_iv_length` (also `EVP_CIPHER_iv_length`): bytes in an IV.";
    tls12_EVP_CIPHER_get_block_size -> c_int, 0, |alg| alg.block_len() as c_int,
        "`EVP_CIPHER_get_block_size` (also `EVP_CIPHER_block_size`): bytes in a block.";
    tls12_EVP_CIPHER_get_nid -> c_int, 0, |alg| alg.nid(),
        "`EVP_CIPHER_get_nid` (also `EVP_CIPHER_nid`, `EVP_CIPHER_type`): the cipher's NID.";
    tls12_EVP_CIPHER_get_mode -> c_ulong, 0, |alg| alg.mode() as c_ulong,
        "`EVP_CIPHER_get_mode` (also `EVP_CIPHER_mode`): `EVP_CIPH_CBC_MODE` for CBC.";
    tls12_EVP_CIPHER_get0_name -> *const c_char, ptr::null(), |alg| super::intern(alg.name()),
        "`EVP_CIPHER_get0_name` (also `EVP_CIPHER_name`): `\"AES-256-CBC\"` ...";
}

/// `EVP_CIPHER_CTX`: a cipher operation in progress. Free it with
/// `EVP_CIPHER_CTX_free`.
#[derive(Default)]
pub struct EvpCipherCtx {
    inner: CipherCtx,
}

/// Borrows the core context behind a C pointer, pushing an error entry for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX` that nothing else uses meanwhile.
unsafe fn borrow<'a>(ctx: *mut EvpCipherCtx) -> Option<&'a mut CipherCtx> {
    // SAFETY: as the caller promises.
    unsafe { borrow_handle(ctx, "ctx") }.map(|c| &mut c.inner)
}

/// `EVP_CIPHER_CTX_new`: a new, empty cipher context.
#[no_mangle]
pub extern "C" fn tls12_EVP_CIPHER_CTX_new() -> *mut EvpCipherCtx {
    guard(ptr::null_mut(), new_handle)
}

/// `EVP_CIPHER_CTX_free`: frees a cipher context, wiping its key (NULL is ignored).
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX` not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_CIPHER_CTX_free(ctx: *mut EvpCipherCtx) {
    // SAFETY: as the caller promises.
    guard((), || unsafe { free_handle(ctx) })
}

/// `EVP_CIPHER_CTX_reset`: empties a context for reuse. Returns 1, or 0 for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_CIPHER_CTX_reset(ctx: *mut EvpCipherCtx) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        unsafe { borrow(ctx) }.map_or(0, |c| {
            *c = CipherCtx::default();
            1
        })
    })
}

/// `EVP_CIPHER_CTX_set_padding`: turns PKCS#7 padding on (non-zero, the default) or
/// off. Returns 1.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_CIPHER_CTX_set_padding(ctx: *mut EvpCipherCtx, pad: c_int) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        unsafe { borrow(ctx) }.map_or(0, |c| {
            c.set_padding(pad != 0);
            1
        })
    })
}

/// `EVP_CIPHER_CTX_get0_cipher` (also `EVP_CIPHER_CTX_cipher`): the context's cipher
/// (borrowed), or NULL.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_CIPHER_CTX_get0_cipher(ctx: *const EvpCipherCtx) -> *const EvpCipher {
    // SAFETY: as the caller promises.
    guard(ptr::null(), || unsafe { ctx.as_ref() }.and_then(|c| c.inner.cipher()).map_or(ptr::null(), EvpCipher::of))
}

/// `EVP_CIPHER_CTX_is_encrypting` (also `EVP_CIPHER_CTX_encrypting`): 1 when the
/// context encrypts, 0 when it decrypts.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_CIPHER_CTX_is_encrypting(ctx: *const EvpCipherCtx) -> c_int {
    // SAFETY: as the caller promises.
    guard(0, || unsafe { ctx.as_ref() }.map_or(0, |c| c_int::from(c.inner.encrypting())))
}

/// `EVP_CipherInit_ex`: sets up `ctx` in stages: the cipher (NULL keeps the current
/// one), the key and IV (NULL keeps them; lengths as the cipher says) and the
/// direction (`enc` 1 encrypts, 0 decrypts, -1 keeps it). The engine is not used.
/// Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX`; `cipher` is NULL or an `EVP_CIPHER`;
/// `key` and `iv` are NULL or hold the cipher's key and IV lengths.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_CipherInit_ex(
    ctx: *mut EvpCipherCtx,
    cipher: *const EvpCipher,
    engine: *mut c_void,
    key: *const u8,
    iv: *const u8,
    enc: c_int,
) -> c_int {
    guard(0, || {
        let _ = engine;
        // SAFETY: as the caller promises.
        let Some(ctx) = (unsafe { borrow(ctx) }) else { return 0 };
        // SAFETY: as the caller promises.
        let alg = unsafe { EvpCipher::algorithm(cipher) }.or(ctx.cipher());
        let encrypt = (enc != -1).then_some(enc != 0);
        let lengths = alg.map_or((0, 0), |a| (a.key_len(), a.iv_len()));
        // SAFETY: `key` and `iv` are NULL or hold the cipher's key and IV lengths.
        let key = (!key.is_null()).then(|| unsafe { std::slice::from_raw_parts(key, lengths.0) });
        // SAFETY: as above.
        let iv = (!iv.is_null()).then(|| unsafe { std::slice::from_raw_parts(iv, lengths.1) });
        match ctx.init(alg, encrypt, key, iv) {
            Ok(()) => 1,
            Err(e) => {
                err::push_error(&e);
                0
            }
        }
    })
}

macro_rules! directed_init {
    ($($fname:ident, $enc:expr, $doc:expr;)*) => {$(
        #[doc = $doc]
        ///
        /// # Safety
        /// As for `EVP_CipherInit_ex`.
        #[no_mangle]
        pub unsafe extern "C" fn $fname(
            ctx: *mut EvpCipherCtx,
            cipher: *const EvpCipher,
            engine: *mut c_void,
            key: *const u8,
            iv: *const u8,
        ) -> c_int {
            // SAFETY: as the caller promises.
            unsafe { tls12_EVP_CipherInit_ex(ctx, cipher, engine, key, iv, $enc) }
        }
    )*};
}

directed_init! {
    tls12_EVP_EncryptInit_ex, 1, "`EVP_EncryptInit_ex`: `EVP_CipherInit_ex` for encryption.";
    tls12_EVP_DecryptInit_ex, 0, "`EVP_DecryptInit_ex`: `EVP_CipherInit_ex` for decryption.";
}

/// Runs one update or final step of a function named `func` on `ctx`, which must run
/// in the direction `encrypt` (`None`: either), with `room` bytes of output at `out`;
/// stores the bytes written in `*outl`. Returns 1, or 0 with an error entry.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_CIPHER_CTX`; `out` is NULL or has `room` writable
/// bytes; `outl` is NULL or writable.
unsafe fn step(
    ctx: *mut EvpCipherCtx,
    out: *mut u8,
    outl: *mut c_int,
    room: usize,
    (encrypt, func): (Option<bool>, &str),
    run: impl FnOnce(&mut CipherCtx, &mut [u8]) -> Result<usize, Error>,
) -> c_int {
    // SAFETY: as the caller promises.
    let Some(ctx) = (unsafe { borrow(ctx) }) else { return 0 };
    if out.is_null() || outl.is_null() {
        null_arg(if out.is_null() { "out" } else { "outl" });
        return 0;
    }
    // SAFETY: `out` has `room` writable bytes, as the caller promises.
    let out = unsafe { std::slice::from_raw_parts_mut(out, room) };
    let (written, answer) = match ctx.check_direction(encrypt, func).and_then(|()| run(ctx, out)) {
        Ok(n) => (n as c_int, 1),
        Err(e) => {
            err::push_error(&e);
            (0, 0)
        }
    };
    // SAFETY: not NULL (checked above) and writable, as the caller promises.
    unsafe { *outl = written };
    answer
}

/// Runs one update: the input is copied first, since OpenSSL lets `out` and `in_` be
/// the same buffer (which has room for `inl` plus one block).
///
/// # Safety
/// As for `EVP_CipherUpdate`.
unsafe fn update(
    ctx: *mut EvpCipherCtx,
    out: *mut u8,
    outl: *mut c_int,
    in_: *const u8,
    inl: c_int,
    direction: (Option<bool>, &str),
) -> c_int {
    // SAFETY: as the caller promises.
    let Some(input) = (unsafe { bytes(in_, inl, "in") }).map(<[u8]>::to_vec) else { return 0 };
    // SAFETY: OpenSSL's contract: `out` has room for `inl + block size` bytes.
    unsafe { step(ctx, out, outl, input.len() + BLOCK, direction, |c, o| c.update(&input, o)) }
}

macro_rules! cipher_steps {
    ($($update:ident, $final:ident, $dir:expr, $name:expr;)*) => {$(
        #[doc = concat!("`", $name, "Update`: takes `inl` bytes at `in_` and writes the whole blocks they")]
        /// complete to `out` (room for `inl` plus one block; it may be `in_`), their
        /// count to `*outl`. Returns 1 or 0.
        ///
        /// # Safety
        /// `ctx` is NULL or a live `EVP_CIPHER_CTX`; `in_` has `inl` bytes; `out` has
        /// room for `inl + 16` bytes; `outl` is writable.
        #[no_mangle]
        pub unsafe extern "C" fn $update(
            ctx: *mut EvpCipherCtx,
            out: *mut u8,
            outl: *mut c_int,
            in_: *const u8,
            inl: c_int,
        ) -> c_int {
            // SAFETY: as the caller promises.
            guard(0, || unsafe { update(ctx, out, outl, in_, inl, ($dir, concat!($name, "Update"))) })
        }

        #[doc = concat!("`", $name, "Final_ex`: ends the operation, writing the last block (padded when")]
        /// encrypting, its padding checked and removed when decrypting) to `out` (room
        /// for one block) and its length to `*outl`. Returns 1, or 0 for bad padding.
        ///
        /// # Safety
        /// `ctx` is NULL or a live `EVP_CIPHER_CTX`; `out` has room for 16 bytes;
        /// `outl` is writable.
        #[no_mangle]
        pub unsafe extern "C" fn $final(ctx: *mut EvpCipherCtx, out: *mut u8, outl: *mut c_int) -> c_int {
            // SAFETY: as the caller promises.
            guard(0, || unsafe { step(ctx, out, outl, BLOCK, ($dir, concat!($name, "Final_ex")), |c, o| c.finish(o)) })
        }
    )*};
}

cipher_steps! {
    tls12_EVP_EncryptUpdate, tls12_EVP_EncryptFinal_ex, Some(true), "EVP_Encrypt";
    tls12_EVP_DecryptUpdate, tls12_EVP_DecryptFinal_ex, Some(false), "EVP_Decrypt";
    tls12_EVP_CipherUpdate, tls12_EVP_CipherFinal_ex, None, "EVP_Cipher";
}
