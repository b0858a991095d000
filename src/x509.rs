//! Minimal X.509 reading for the accessors (subject, issuer, validity). HELPER-A.
