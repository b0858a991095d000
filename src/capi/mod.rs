//! The C ABI. HELPER-B.
