//! The TLS 1.2 pseudo-random function (RFC 5246 section 5): P_hash over HMAC.

use super::algorithms::PrfHash;
use ring::hmac;

/// Fills `out` with PRF(secret, label, seed).
pub fn prf(hash: PrfHash, out: &mut [u8], secret: &[u8], label: &[u8], seed: &[u8]) {
    let key = hmac::Key::new(hash.hmac_algorithm(), secret);
    // A(1) = HMAC(secret, label + seed)
    let mut a = {
        let mut ctx = hmac::Context::with_key(&key);
        ctx.update(label);
        ctx.update(seed);
        ctx.sign()
    };
    let mut chunks = out.chunks_mut(hash.digest_algorithm().output_len()).peekable();
    while let Some(chunk) = chunks.next() {
        let mut ctx = hmac::Context::with_key(&key);
        ctx.update(a.as_ref());
        ctx.update(label);
        ctx.update(seed);
        let block = ctx.sign();
        chunk.copy_from_slice(&block.as_ref()[..chunk.len()]);
        // A(i+1) = HMAC(secret, A(i)), needed only for another chunk.
        if chunks.peek().is_some() {
            a = hmac::sign(&key, a.as_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// The TLS 1.2 PRF test vector for SHA-256 published on the IETF TLS list.
    #[test]
    fn published_sha256_vector() {
        let mut out = [0u8; 100];
        prf(
            PrfHash::Sha256,
            &mut out,
            &unhex("9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35"),
            b"test label",
            &unhex("a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c"),
        );
        let expected = unhex(
            "e3 f2 29 ba 72 7b e1 7b 8d 12 26 20 55 7c d4 53 c2 aa b2 1d 07 c3 d4 95 32 9b 52 d4 e6 1e db 5a
             6b 30 17 91 e9 0d 35 c9 c9 a4 6b 4e 14 ba f9 af 0f a0 22 f7 07 7d ef 17 ab fd 37 97 c0 56 4b
             ab 4f bc 91 66 6e 9d ef 9b 97 fc e3 4f 79 67 89 ba a4 80 82 d1 22 ee 42 c5 a7 2e 5a 51 10 ff
             f7 01 87 34 7b 66",
        );
        assert_eq!(out.to_vec(), expected);
    }

    /// The PRF agrees with OpenSSL's TLS1-PRF (the `openssl kdf` command) for both hashes
    /// and an output length that is not a multiple of the hash size.
    #[test]
    fn agrees_with_openssl_kdf() {
        for (hash, digest) in [(PrfHash::Sha256, "SHA256"), (PrfHash::Sha384, "SHA384")] {
            let secret = b"a secret of some length";
            let seed = b"label and seed";
            let digest_opt = format!("digest:{digest}");
            let args = ["kdf", "-keylen", "77", "-kdfopt", &digest_opt, "-kdfopt", "secret:a secret of some length"];
            let output =
                crate::testing::openssl(&[&args[..], &["-kdfopt", "seed:label and seed", "TLS1-PRF"]].concat(), b"");
            let text = String::from_utf8(output).unwrap();
            let expected = unhex(&text.trim().replace(':', ""));
            let mut out = [0u8; 77];
            // OpenSSL's seed option carries label and seed together.
            prf(hash, &mut out, secret, b"", seed);
            assert_eq!(out.to_vec(), expected, "{digest}");
        }
    }
}
