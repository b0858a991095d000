//! The libcrypto API (digests, HMAC, AES-CBC, RAND) through our exported C functions,
//! checked against OpenSSL's libcrypto in the same process: same digests and MACs for
//! odd lengths and any split into updates, same ciphertexts, the same refusals of bad
//! padding, and the same answers from RAND_load_file.

use std::ffi::{c_char, c_int, c_long, c_uint, c_void, CString};
use std::ptr;

use openssl_sys as ffi;
use tls12::capi::evp_cipher::*;
use tls12::capi::evp_md::*;
use tls12::capi::hmac::*;
use tls12::capi::low_level_digest::*;
use tls12::capi::rand::*;

extern "C" {
    fn EVP_Digest(
        data: *const c_void,
        n: usize,
        md: *mut u8,
        s: *mut c_uint,
        t: *const ffi::EVP_MD,
        e: *mut c_void,
    ) -> c_int;
    fn HMAC(
        md: *const ffi::EVP_MD,
        key: *const c_void,
        key_len: c_int,
        d: *const u8,
        n: usize,
        out: *mut u8,
        out_len: *mut c_uint,
    ) -> *mut u8;
    fn RAND_load_file(file: *const c_char, max: c_long) -> c_int;
}

const DIGEST_NAMES: [&str; 7] = ["MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA512-256"];
/// Lengths around the block and length-field boundaries of 64- and 128-byte blocks.
const LENGTHS: [usize; 16] = [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 119, 127, 128, 129, 1001];
const SPLITS: [usize; 4] = [1, 7, 64, 10_000];

/// Deterministic test bytes.
fn data(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

fn theirs_md(name: &str) -> *const ffi::EVP_MD {
    let n = CString::new(name).unwrap();
    let md = unsafe { ffi::EVP_get_digestbyname(n.as_ptr()) };
    assert!(!md.is_null(), "OpenSSL knows {name}");
    md
}

fn ours_md(name: &str) -> *const EvpMd {
    let n = CString::new(name).unwrap();
    let md = unsafe { tls12_EVP_get_digestbyname(n.as_ptr()) };
    assert!(!md.is_null(), "we know {name}");
    md
}

fn theirs_digest(name: &str, msg: &[u8]) -> Vec<u8> {
    let mut out = [0u8; 64];
    let mut len = 0;
    assert_eq!(
        unsafe {
            EVP_Digest(msg.as_ptr().cast(), msg.len(), out.as_mut_ptr(), &mut len, theirs_md(name), ptr::null_mut())
        },
        1
    );
    out[..len as usize].to_vec()
}

#[test]
fn evp_digests_match_openssl_for_any_split() {
    for name in DIGEST_NAMES {
        let md = ours_md(name);
        let theirs = theirs_md(name);
        unsafe {
            assert_eq!(tls12_EVP_MD_get_type(md), ffi::EVP_MD_get_type(theirs), "{name} NID");
            assert_eq!(tls12_EVP_MD_get_block_size(md), ffi::EVP_MD_get_block_size(theirs), "{name} block size");
        }
        for len in LENGTHS {
            let msg = data(len, len as u32);
            let expected = theirs_digest(name, &msg);
            assert_eq!(unsafe { tls12_EVP_MD_get_size(md) } as usize, expected.len());
            for split in SPLITS {
                let ctx = tls12_EVP_MD_CTX_new();
                let mut out = [0u8; 64];
                let mut n = 0;
                unsafe {
                    assert_eq!(tls12_EVP_DigestInit_ex(ctx, md, ptr::null_mut()), 1);
                    for piece in msg.chunks(split) {
                        assert_eq!(tls12_EVP_DigestUpdate(ctx, piece.as_ptr().cast(), piece.len()), 1);
                    }
                    assert_eq!(tls12_EVP_DigestFinal_ex(ctx, out.as_mut_ptr(), &mut n), 1);
                    tls12_EVP_MD_CTX_free(ctx);
                }
                assert_eq!(&out[..n as usize], expected, "{name}, {len} bytes in pieces of {split}");
            }
            let mut one = [0u8; 64];
            let mut n = 0;
            unsafe { tls12_EVP_Digest(msg.as_ptr().cast(), msg.len(), one.as_mut_ptr(), &mut n, md, ptr::null_mut()) };
            assert_eq!(&one[..n as usize], expected, "EVP_Digest {name}, {len} bytes");
        }
    }
}

#[test]
fn copied_digest_contexts_go_on_independently() {
    let md = ours_md("SHA256");
    let (a, b) = (tls12_EVP_MD_CTX_new(), tls12_EVP_MD_CTX_new());
    let mut out = [[0u8; 32]; 2];
    unsafe {
        tls12_EVP_DigestInit_ex(a, md, ptr::null_mut());
        tls12_EVP_DigestUpdate(a, b"abc".as_ptr().cast(), 3);
        assert_eq!(tls12_EVP_MD_CTX_copy_ex(b, a), 1);
        tls12_EVP_DigestUpdate(b, b"def".as_ptr().cast(), 3);
        tls12_EVP_DigestFinal_ex(a, out[0].as_mut_ptr(), ptr::null_mut());
        tls12_EVP_DigestFinal_ex(b, out[1].as_mut_ptr(), ptr::null_mut());
        assert_eq!(tls12_EVP_DigestUpdate(a, b"x".as_ptr().cast(), 1), 0, "update after final");
        tls12_EVP_MD_CTX_free(a);
        tls12_EVP_MD_CTX_free(b);
    }
    assert_eq!(out[0].to_vec(), theirs_digest("SHA256", b"abc"));
    assert_eq!(out[1].to_vec(), theirs_digest("SHA256", b"abcdef"));
}

/// The low-level functions of one context type, as a C program calls them.
macro_rules! low_level_case {
    ($ctx:ty, $init:ident, $update:ident, $final:ident, $oneshot:ident, $name:expr, $len:expr) => {{
        for len in LENGTHS {
            let msg = data(len, 7);
            let expected = theirs_digest($name, &msg);
            for split in SPLITS {
                let mut ctx = std::mem::MaybeUninit::<$ctx>::uninit();
                let mut out = [0u8; $len];
                unsafe {
                    assert_eq!($init(ctx.as_mut_ptr()), 1);
                    for piece in msg.chunks(split) {
                        assert_eq!($update(ctx.as_mut_ptr(), piece.as_ptr().cast(), piece.len()), 1);
                    }
                    assert_eq!($final(out.as_mut_ptr(), ctx.as_mut_ptr()), 1);
                }
                assert_eq!(out.to_vec(), expected, "{} low level, {len} bytes in pieces of {split}", $name);
            }
            let mut one = [0u8; $len];
            unsafe { $oneshot(msg.as_ptr(), msg.len(), one.as_mut_ptr()) };
            assert_eq!(one.to_vec(), expected, "{}(), {len} bytes", $name);
        }
    }};
}

#[test]
fn low_level_digests_match_openssl() {
    low_level_case!(Md5Ctx, tls12_MD5_Init, tls12_MD5_Update, tls12_MD5_Final, tls12_MD5, "MD5", 16);
    low_level_case!(ShaCtx, tls12_SHA1_Init, tls12_SHA1_Update, tls12_SHA1_Final, tls12_SHA1, "SHA1", 20);
    low_level_case!(Sha256Ctx, tls12_SHA224_Init, tls12_SHA224_Update, tls12_SHA224_Final, tls12_SHA224, "SHA224", 28);
    low_level_case!(Sha256Ctx, tls12_SHA256_Init, tls12_SHA256_Update, tls12_SHA256_Final, tls12_SHA256, "SHA256", 32);
    low_level_case!(Sha512Ctx, tls12_SHA384_Init, tls12_SHA384_Update, tls12_SHA384_Final, tls12_SHA384, "SHA384", 48);
    low_level_case!(Sha512Ctx, tls12_SHA512_Init, tls12_SHA512_Update, tls12_SHA512_Final, tls12_SHA512, "SHA512", 64);
}

#[test]
fn hmac_matches_openssl_for_every_key_length() {
    for name in DIGEST_NAMES {
        for key_len in [0usize, 1, 16, 20, 63, 64, 65, 128, 129, 200] {
            let key = data(key_len, 99);
            for len in [0usize, 1, 64, 129, 1001] {
                let msg = data(len, 5);
                let mut expected = [0u8; 64];
                let mut elen = 0;
                unsafe {
                    HMAC(
                        theirs_md(name),
                        key.as_ptr().cast(),
                        key_len as c_int,
                        msg.as_ptr(),
                        len,
                        expected.as_mut_ptr(),
                        &mut elen,
                    )
                };
                let expected = &expected[..elen as usize];
                let mut one = [0u8; 64];
                let mut olen = 0;
                let p = unsafe {
                    tls12_HMAC(
                        ours_md(name),
                        key.as_ptr().cast(),
                        key_len as c_int,
                        msg.as_ptr(),
                        len,
                        one.as_mut_ptr(),
                        &mut olen,
                    )
                };
                assert_eq!(p, one.as_mut_ptr());
                assert_eq!(&one[..olen as usize], expected, "HMAC() {name}, key {key_len}, data {len}");
                let ctx = tls12_HMAC_CTX_new();
                let mut out = [0u8; 64];
                let mut n = 0;
                unsafe {
                    assert_eq!(
                        tls12_HMAC_Init_ex(ctx, key.as_ptr().cast(), key_len as c_int, ours_md(name), ptr::null_mut()),
                        1
                    );
                    tls12_HMAC_Update(ctx, b"discarded".as_ptr(), 9);
                    // A NULL key restarts under the same key, as nginx's ticket callback relies on.
                    assert_eq!(tls12_HMAC_Init_ex(ctx, ptr::null(), 0, ptr::null(), ptr::null_mut()), 1);
                    for piece in msg.chunks(13) {
                        assert_eq!(tls12_HMAC_Update(ctx, piece.as_ptr(), piece.len()), 1);
                    }
                    assert_eq!(tls12_HMAC_size(ctx), expected.len());
                    assert_eq!(tls12_HMAC_Final(ctx, out.as_mut_ptr(), &mut n), 1);
                    tls12_HMAC_CTX_free(ctx);
                }
                assert_eq!(&out[..n as usize], expected, "HMAC_CTX {name}, key {key_len}, data {len}");
            }
        }
    }
}

const CIPHER_NAMES: [&str; 3] = ["AES-128-CBC", "AES-192-CBC", "AES-256-CBC"];

/// Runs a whole cipher operation with OpenSSL; `None` when a step fails.
fn theirs_cipher(name: &str, enc: bool, pad: bool, key: &[u8], iv: &[u8], input: &[u8]) -> Option<Vec<u8>> {
    let n = CString::new(name).unwrap();
    unsafe {
        let cipher = ffi::EVP_get_cipherbyname(n.as_ptr());
        let ctx = ffi::EVP_CIPHER_CTX_new();
        ffi::EVP_CipherInit_ex(ctx, cipher, ptr::null_mut(), key.as_ptr(), iv.as_ptr(), c_int::from(enc));
        ffi::EVP_CIPHER_CTX_set_padding(ctx, c_int::from(pad));
        let mut out = vec![0u8; input.len() + 32];
        let (mut a, mut b) = (0, 0);
        let ok = ffi::EVP_CipherUpdate(ctx, out.as_mut_ptr(), &mut a, input.as_ptr(), input.len() as c_int) == 1
            && ffi::EVP_CipherFinal(ctx, out.as_mut_ptr().add(a as usize), &mut b) == 1;
        ffi::EVP_CIPHER_CTX_free(ctx);
        ffi::ERR_clear_error();
        ok.then(|| out[..(a + b) as usize].to_vec())
    }
}

/// Runs a whole cipher operation with ours, feeding `split`-byte pieces.
fn ours_cipher(name: &str, enc: bool, pad: bool, key: &[u8], iv: &[u8], input: &[u8], split: usize) -> Option<Vec<u8>> {
    let n = CString::new(name).unwrap();
    unsafe {
        let cipher = tls12_EVP_get_cipherbyname(n.as_ptr());
        assert!(!cipher.is_null(), "we know {name}");
        let ctx = tls12_EVP_CIPHER_CTX_new();
        // In stages, as OpenSSL allows: the cipher and direction, then key and IV.
        assert_eq!(
            tls12_EVP_CipherInit_ex(ctx, cipher, ptr::null_mut(), ptr::null(), ptr::null(), c_int::from(enc)),
            1
        );
        assert_eq!(tls12_EVP_CipherInit_ex(ctx, ptr::null(), ptr::null_mut(), key.as_ptr(), iv.as_ptr(), -1), 1);
        tls12_EVP_CIPHER_CTX_set_padding(ctx, c_int::from(pad));
        let mut out = Vec::new();
        let mut ok = true;
        for piece in input.chunks(split.max(1)) {
            let mut buf = vec![0u8; piece.len() + 16];
            let mut k = 0;
            ok &= tls12_EVP_CipherUpdate(ctx, buf.as_mut_ptr(), &mut k, piece.as_ptr(), piece.len() as c_int) == 1;
            out.extend_from_slice(&buf[..k as usize]);
        }
        let mut last = [0u8; 16];
        let mut k = 0;
        ok = ok && tls12_EVP_CipherFinal_ex(ctx, last.as_mut_ptr(), &mut k) == 1;
        out.extend_from_slice(&last[..k as usize]);
        tls12_EVP_CIPHER_CTX_free(ctx);
        tls12::capi::err::tls12_ERR_clear_error();
        ok.then_some(out)
    }
}

#[test]
fn aes_cbc_matches_openssl_both_ways() {
    for name in CIPHER_NAMES {
        let key = data(32, 1);
        let iv = data(16, 2);
        for len in 0..70 {
            let plain = data(len, len as u32);
            let sealed = theirs_cipher(name, true, true, &key, &iv, &plain).unwrap();
            for split in [1, 5, 16, 17, 100] {
                assert_eq!(
                    ours_cipher(name, true, true, &key, &iv, &plain, split).as_ref(),
                    Some(&sealed),
                    "{name} {len}/{split}"
                );
                assert_eq!(
                    ours_cipher(name, false, true, &key, &iv, &sealed, split),
                    Some(plain.clone()),
                    "{name} open"
                );
                // Without padding: whole blocks only, and both refuse the rest.
                assert_eq!(
                    ours_cipher(name, true, false, &key, &iv, &plain, split),
                    theirs_cipher(name, true, false, &key, &iv, &plain),
                    "{name} unpadded {len}"
                );
            }
        }
    }
}

#[test]
fn bad_padding_is_refused_as_openssl_refuses_it() {
    let key = data(16, 3);
    let iv = data(16, 4);
    let mut refused = 0;
    for seed in 0..300u32 {
        // Random ciphertexts: most have bad padding, some (ending in 01 ...) good.
        let junk = data(32, seed);
        let theirs = theirs_cipher("AES-128-CBC", false, true, &key, &iv, &junk);
        refused += usize::from(theirs.is_none());
        assert_eq!(ours_cipher("AES-128-CBC", false, true, &key, &iv, &junk, 7), theirs, "ciphertext {seed}");
    }
    assert!(refused > 250, "most random blocks have bad padding ({refused})");
    // A truncated ciphertext is refused too.
    let sealed = theirs_cipher("AES-128-CBC", true, true, &key, &iv, b"hello").unwrap();
    assert_eq!(ours_cipher("AES-128-CBC", false, true, &key, &iv, &sealed[..15], 16), None);
}

#[test]
fn cipher_properties_match_openssl() {
    for name in CIPHER_NAMES {
        let n = CString::new(name).unwrap();
        unsafe {
            let ours = tls12_EVP_get_cipherbyname(n.as_ptr());
            let theirs = ffi::EVP_get_cipherbyname(n.as_ptr());
            assert_eq!(tls12_EVP_CIPHER_get_key_length(ours), ffi::EVP_CIPHER_get_key_length(theirs));
            assert_eq!(tls12_EVP_CIPHER_get_iv_length(ours), ffi::EVP_CIPHER_get_iv_length(theirs));
            assert_eq!(tls12_EVP_CIPHER_get_block_size(ours), ffi::EVP_CIPHER_get_block_size(theirs));
            assert_eq!(tls12_EVP_CIPHER_get_nid(ours), ffi::EVP_CIPHER_get_nid(theirs));
        }
    }
}

#[test]
fn rand_load_file_answers_as_openssl() {
    let path = std::env::temp_dir().join(format!("tls12-randfile-{}", std::process::id()));
    std::fs::write(&path, data(100, 1)).unwrap();
    let p = CString::new(path.to_str().unwrap()).unwrap();
    for max in [0, 10, 100, 1000, -1] {
        assert_eq!(
            unsafe { tls12_RAND_load_file(p.as_ptr(), max) },
            unsafe { RAND_load_file(p.as_ptr(), max) },
            "max {max}"
        );
    }
    std::fs::remove_file(&path).unwrap();
    assert_eq!(unsafe { tls12_RAND_load_file(p.as_ptr(), 10) }, unsafe { RAND_load_file(p.as_ptr(), 10) });
    unsafe { ffi::ERR_clear_error() };
}

#[test]
fn rand_bytes_fills_the_buffer_and_refuses_null() {
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    unsafe {
        assert_eq!(tls12_RAND_bytes(a.as_mut_ptr(), 32), 1);
        assert_eq!(tls12_RAND_priv_bytes(b.as_mut_ptr(), 32), 1);
        assert_eq!(tls12_RAND_bytes(ptr::null_mut(), 4), 0);
    }
    assert_ne!(a, b);
    assert_ne!(a, [0u8; 32]);
    assert_eq!(tls12_RAND_status(), 1);
}
