//! The lookup functions OpenSSL gives every static algorithm object (`EVP_MD`,
//! `EVP_CIPHER`): by name, by NID, `*_fetch`, and the reference counting that static
//! objects make a formality. One macro, so that digests and ciphers answer alike.

/// Exports `get_by_name`, `get_by_nid`, `fetch`, `up_ref` and `free` for the static
/// objects of type `$object` (with `$object::of(alg)`) over the core algorithm type
/// `$algorithm` (with `from_name` and `from_nid`); `$noun` names them in messages.
macro_rules! static_algorithm_lookups {
    (
        object: $object:ident, algorithm: $algorithm:ident, noun: $noun:literal,
        by_name: $by_name:ident, by_nid: $by_nid:ident,
        fetch: $fetch:ident, up_ref: $up_ref:ident, free: $free:ident $(,)?
    ) => {
        #[doc = concat!(" `", stringify!($by_name), "`: the ", $noun)]
        #[doc = " called `name` (a name OpenSSL accepts for it), or NULL."]
        #[doc = ""]
        #[doc = " # Safety"]
        #[doc = " `name` is NULL or a NUL-terminated string."]
        #[no_mangle]
        pub unsafe extern "C" fn $by_name(name: *const c_char) -> *const $object {
            guard(ptr::null(), || {
                // SAFETY: as the caller promises.
                let name = unsafe { c_str(name, "name") };
                name.and_then($algorithm::from_name).map_or(ptr::null(), $object::of)
            })
        }

        #[doc = concat!(" `", stringify!($by_nid), "` (a macro over `OBJ_nid2sn` in OpenSSL): the ", $noun)]
        #[doc = " whose NID is `nid`, or NULL."]
        #[no_mangle]
        pub extern "C" fn $by_nid(nid: c_int) -> *const $object {
            guard(ptr::null(), || $algorithm::from_nid(nid).map_or(ptr::null(), $object::of))
        }

        #[doc = concat!(" `", stringify!($fetch), "`: the ", $noun, " called `algorithm`, or NULL with an")]
        #[doc = " error entry. The library context and properties are not used (one provider)."]
        #[doc = ""]
        #[doc = " # Safety"]
        #[doc = " `algorithm` is NULL or a NUL-terminated string."]
        #[no_mangle]
        pub unsafe extern "C" fn $fetch(
            libctx: *mut c_void,
            algorithm: *const c_char,
            properties: *const c_char,
        ) -> *const $object {
            guard(ptr::null(), || {
                let _ = (libctx, properties);
                // SAFETY: as the caller promises.
                let Some(name) = (unsafe { c_str(algorithm, "algorithm") }) else { return ptr::null() };
                $algorithm::from_name(name).map_or_else(
                    || {
                        err::push(
                            Reason::NOT_SUPPORTED,
                            format!(concat!("unsupported ", $noun, ": no ", $noun, " is called {:?}"), name),
                        );
                        ptr::null()
                    },
                    $object::of,
                )
            })
        }

        #[doc = concat!(" `", stringify!($up_ref), "`: ", $noun, " objects are static, so this only returns 1")]
        #[doc = " (0 for NULL)."]
        #[no_mangle]
        pub extern "C" fn $up_ref(object: *const $object) -> c_int {
            guard(0, || c_int::from(!object.is_null()))
        }

        #[doc = concat!(" `", stringify!($free), "`: ", $noun, " objects are static, so nothing is freed.")]
        #[no_mangle]
        pub extern "C" fn $free(object: *const $object) {
            guard((), || {
                let _ = object;
            })
        }
    };
}

pub(crate) use static_algorithm_lookups;
