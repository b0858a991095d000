//! Build script: gives the shared library its soname, so that programs linked against
//! `libtls12.so` record `libtls12.so.0` and keep working across compatible releases.

fn main() {
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libtls12.so.0");
}
