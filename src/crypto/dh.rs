//! Ephemeral finite-field Diffie-Hellman for the DHE suites: the RFC 7919 groups or
//! parameters that the server's operator loads from PEM, and the checks that a client
//! applies to parameters chosen by the server. The exponentiation is constant time in
//! the private exponent (crypto-bigint's Montgomery form with a fixed window).

use crate::crypto::{constant_time_eq, fill_random, from_hex};
use crate::error::{Error, Reason};
use crate::msgs::enums::NamedGroup;
use crate::x509::der;
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::BoxedUint;
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// No group smaller than this is accepted, whatever the caller asks for: 1024-bit groups
/// are the least that OpenSSL's default security level allows, and smaller ones are
/// broken (Logjam).
const MIN_BITS: usize = 1024;

/// The largest group accepted: OpenSSL's `OPENSSL_DH_MAX_MODULUS_BITS`. It bounds the
/// work that a server can make a client do.
const MAX_BITS: usize = 10_000;

/// The PEM labels of DH parameters: PKCS#3, then X9.42.
pub const PEM_LABELS: &[&str] = &["DH PARAMETERS", "X9.42 DH PARAMETERS"];

/// The error for PEM DH parameters that cannot be used: a local `BAD_VALUE`.
fn bad_pem(detail: &str) -> Error {
    Error::local(Reason::BAD_VALUE, detail.to_string())
}

// The RFC 7919 primes of neighbouring sizes share their leading digits (each is
// 2^b - 2^(b-64) + (floor(2^(b-130) e) + X) 2^64 - 1), so the shared digits are written once.

/// The hex digits every RFC 7919 prime starts with; ffdhe2048 differs from the next size after them.
macro_rules! ffdhe2048_shared {
    () => {
        concat!(
            "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695",
            "A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617A",
            "D3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935",
            "984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797A",
            "BC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4",
            "AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F61",
            "9172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005",
            "C58EF1837D1683B2C6F34A26C1B2EFFA886B423861",
        )
    };
}

/// The hex digits the primes from ffdhe3072 up share after those of `ffdhe2048_shared`; ffdhe3072 differs from the next size after them.
macro_rules! ffdhe3072_shared {
    () => {
        concat!(
            "1FCFDCDE355B3B6519035BBC34F4DEF99C023861B46FC9D6E6C9077AD91D2691",
            "F7F7EE598CB0FAC186D91CAEFE130985139270B4130C93BC437944F4FD4452E2",
            "D74DD364F2E21E71F54BFF5CAE82AB9C9DF69EE86D2BC522363A0DABC521979B",
            "0DEADA1DBF9A42D5C4484E0ABCD06BFA53DDEF3C1B20EE3FD59D7C25E41D2B66",
        )
    };
}

/// The hex digits the primes from ffdhe4096 up share after those of `ffdhe3072_shared`; ffdhe4096 differs from the next size after them.
macro_rules! ffdhe4096_shared {
    () => {
        concat!(
            "9E1EF16E6F52C3164DF4FB7930E9E4E58857B6AC7D5F42D69F6D187763CF1D55",
            "03400487F55BA57E31CC7A7135C886EFB4318AED6A1E012D9E6832A907600A91",
            "8130C46DC778F971AD0038092999A333CB8B7A1A1DB93D7140003C2A4ECEA9F9",
            "8D0ACC0A8291CDCEC97DCF8EC9B55A7F88A46B4DB5A851F44182E1C68A007E5E",
        )
    };
}

/// The hex digits the primes from ffdhe6144 up share after those of `ffdhe4096_shared`; ffdhe6144 differs from the next size after them.
macro_rules! ffdhe6144_shared {
    () => {
        concat!(
            "0DD9020BFD64B645036C7A4E677D2C38532A3A23BA4442CAF53EA63BB454329B",
            "7624C8917BDD64B1C0FD4CB38E8C334C701C3ACDAD0657FCCFEC719B1F5C3E4E",
            "46041F388147FB4CFDB477A52471F7A9A96910B855322EDB6340D8A00EF09235",
            "0511E30ABEC1FFF9E3A26E7FB29F8C183023C3587E38DA0077D9B4763E4E4B94",
            "B2BBC194C6651E77CAF992EEAAC0232A281BF6B3A739C1226116820AE8DB5847",
            "A67CBEF9C9091B462D538CD72B03746AE77F5E62292C311562A846505DC82DB8",
            "54338AE49F5235C95B91178CCF2DD5CACEF403EC9D1810C6272B045B3B71F9DC",
            "6B80D63FDD4A8E9ADB1E6962A69526D43161C1A41D570D7938DAD4A40E329C",
        )
    };
}

/// An RFC 7919 group: its code point, its prime in hex (Appendix A; the generator is 2)
/// and the size of the private exponents we use in it.
struct Rfc7919Group {
    group: NamedGroup,
    prime: &'static str,
    /// RFC 7919 section 5.2's short exponent for the group's strength (the sizes OpenSSL
    /// uses for these groups as well).
    exponent_bits: u32,
}

const RFC7919_GROUPS: [Rfc7919Group; 5] = [
    Rfc7919Group {
        group: NamedGroup::Ffdhe2048,
        prime: concat!(ffdhe2048_shared!(), "285C97FFFFFFFFFFFFFFFF",),
        exponent_bits: 225,
    },
    Rfc7919Group {
        group: NamedGroup::Ffdhe3072,
        prime: concat!(ffdhe2048_shared!(), ffdhe3072_shared!(), "C62E37FFFFFFFFFFFFFFFF",),
        exponent_bits: 275,
    },
    Rfc7919Group {
        group: NamedGroup::Ffdhe4096,
        prime: concat!(ffdhe2048_shared!(), ffdhe3072_shared!(), ffdhe4096_shared!(), "655F6AFFFFFFFFFFFFFFFF",),
        exponent_bits: 325,
    },
    Rfc7919Group {
        group: NamedGroup::Ffdhe6144,
        prime: concat!(
            ffdhe2048_shared!(),
            ffdhe3072_shared!(),
            ffdhe4096_shared!(),
            ffdhe6144_shared!(),
            "D0E40E65FFFFFFFFFFFFFFFF",
        ),
        exponent_bits: 375,
    },
    Rfc7919Group {
        group: NamedGroup::Ffdhe8192,
        prime: concat!(
            ffdhe2048_shared!(),
            ffdhe3072_shared!(),
            ffdhe4096_shared!(),
            ffdhe6144_shared!(),
            "CFF46AAA36AD004CF600C8381E425A31D951AE64FDB23FCEC9509D43687FEB69",
            "EDD1CC5E0B8CC3BDF64B10EF86B63142A3AB8829555B2F747C932665CB2C0F1C",
            "C01BD70229388839D2AF05E454504AC78B7582822846C0BA35C35F5C59160CC0",
            "46FD8251541FC68C9C86B022BB7099876A460E7451A8A93109703FEE1C217E6C",
            "3826E52C51AA691E0E423CFC99E9E31650C1217B624816CDAD9A95F9D5B80194",
            "88D9C0A0A1FE3075A577E23183F81D4A3F2FA4571EFC8CE0BA8A4FE8B6855DFE",
            "72B0A66EDED2FBABFBE58A30FAFABE1C5D71A87E2F741EF8C1FE86FEA6BBFDE5",
            "30677F0D97D11D49F7A8443D0822E506A9F4614E011E2A94838FF88CD68C8BB7",
            "C5C6424CFFFFFFFFFFFFFFFF",
        ),
        exponent_bits: 400,
    },
];

/// The generator of every RFC 7919 group.
const RFC7919_GENERATOR: [u8; 1] = [2];

/// Diffie-Hellman parameters: a safe prime p and generator g (big-endian, no leading
/// zeros). Every value of this type has passed the checks of its constructor: p is odd
/// and of an acceptable size, and 1 < g < p-1. Primality is not tested (nor by OpenSSL's
/// client): a server that sends a bad group only weakens its own connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DhParams {
    p: Vec<u8>,
    g: Vec<u8>,
    /// The RFC 7919 group that p and g are, found once when the parameters are made.
    group: Option<NamedGroup>,
}

/// Why a p and g are not acceptable.
enum Unacceptable {
    TooSmall { bits: usize, min_bits: usize },
    TooLarge { bits: usize },
    EvenPrime,
    Generator,
}

impl Unacceptable {
    /// A sentence about the parameters called `what`.
    fn describe(&self, what: &str) -> String {
        match self {
            Unacceptable::TooSmall { bits, min_bits } => {
                format!("{what} has {bits} bits; at least {min_bits} are required")
            }
            Unacceptable::TooLarge { bits } => {
                format!("{what} has {bits} bits; at most {MAX_BITS} are supported")
            }
            Unacceptable::EvenPrime => format!("the prime of {what} is even"),
            Unacceptable::Generator => {
                format!("the generator of {what} is not between 1 and p-1")
            }
        }
    }
}

impl DhParams {
    /// The RFC 7919 group (ffdhe2048, 3072, 4096, 6144 or 8192), or None for other groups.
    pub fn named(group: NamedGroup) -> Option<DhParams> {
        DhParams::rfc7919().iter().find(|known| known.group == Some(group)).cloned()
    }

    /// The RFC 7919 groups, their primes decoded once per process (every connection's
    /// security level asks for them).
    fn rfc7919() -> &'static [DhParams] {
        static DECODED: OnceLock<Vec<DhParams>> = OnceLock::new();
        DECODED.get_or_init(|| {
            RFC7919_GROUPS
                .iter()
                .filter_map(|known| {
                    let p = from_hex(known.prime)?;
                    Some(DhParams { p, g: RFC7919_GENERATOR.to_vec(), group: Some(known.group) })
                })
                .collect()
        })
    }

    /// The RFC 7919 groups, smallest first.
    pub fn ffdhe_groups() -> impl Iterator<Item = NamedGroup> {
        RFC7919_GROUPS.iter().map(|known| known.group)
    }

    /// The RFC 7919 group these parameters are, if they are one.
    pub fn named_group(&self) -> Option<NamedGroup> {
        self.group
    }

    /// Parses PEM "DH PARAMETERS" (PKCS#3 `DHParameter`: prime, base and an optional
    /// privateValueLength, which is ignored), as `openssl dhparam` and `openssl genpkey
    /// -genparam -algorithm DH` write them, or "X9.42 DH PARAMETERS" (prime, base,
    /// subgroup order; the order and anything after it are ignored). The parameters must
    /// pass the same checks as the server's (`from_server`) with a minimum of 1024 bits.
    /// Failures are local errors with reason `BAD_VALUE`.
    pub fn from_pem(pem: &[u8]) -> Result<DhParams, Error> {
        match crate::pem::first_block(pem, PEM_LABELS) {
            Ok(block) => DhParams::from_pem_block(&block),
            Err(crate::pem::ReadError::NoStartLine) => Err(bad_pem("no DH PARAMETERS found in the PEM data")),
            Err(problem) => Err(bad_pem(&problem.to_string())),
        }
    }

    /// As [`DhParams::from_pem`], for a block already read (labelled one of
    /// [`PEM_LABELS`]).
    pub fn from_pem_block(block: &crate::pem::Block) -> Result<DhParams, Error> {
        let x942 = block.label == PEM_LABELS[1];
        let (p, g) = parse_parameters(&block.der, x942)
            .ok_or_else(|| bad_pem("the DH PARAMETERS are not a well-formed DER structure"))?;
        DhParams::checked(p, g, MIN_BITS).map_err(|problem| bad_pem(&problem.describe("the PEM DH group")))
    }

    /// Client-side acceptance of server-chosen parameters (RFC 7919 section 3, and what
    /// OpenSSL's client does): p odd and of at least `min_bits` bits (never fewer than
    /// 1024, never more than 10000), and 1 < g < p-1. Leading zero bytes are allowed.
    /// A group that is too small is `handshake_failure` (OpenSSL's choice, with its
    /// `SSL_R_DH_KEY_TOO_SMALL`); other faults are `illegal_parameter` (OpenSSL's
    /// `SSL_R_BAD_DH_VALUE`). The reason is `BAD_VALUE` in both cases.
    pub fn from_server(p: &[u8], g: &[u8], min_bits: usize) -> Result<DhParams, Error> {
        DhParams::checked(strip_zeros(p), strip_zeros(g), min_bits.max(MIN_BITS)).map_err(|problem| {
            let detail = problem.describe("the server's DH group");
            match problem {
                Unacceptable::TooSmall { .. } => Error::handshake_failure(Reason::BAD_VALUE, detail),
                _ => Error::illegal(Reason::BAD_VALUE, detail),
            }
        })
    }

    /// Checks minimal p and g and makes the parameters.
    fn checked(p: &[u8], g: &[u8], min_bits: usize) -> Result<DhParams, Unacceptable> {
        let bits = bit_length(p);
        if bits < min_bits {
            return Err(Unacceptable::TooSmall { bits, min_bits });
        }
        if bits > MAX_BITS {
            return Err(Unacceptable::TooLarge { bits });
        }
        if p.last().is_none_or(|last| last & 1 == 0) {
            return Err(Unacceptable::EvenPrime);
        }
        if padded_inside(g, p).is_none() {
            return Err(Unacceptable::Generator);
        }
        let group = DhParams::rfc7919().iter().find(|known| known.g == g && known.p == p).and_then(|known| known.group);
        Ok(DhParams { p: p.to_vec(), g: g.to_vec(), group })
    }

    /// p as it goes on the wire (big-endian, minimal).
    pub fn p(&self) -> &[u8] {
        &self.p
    }

    /// g as it goes on the wire (big-endian, minimal).
    pub fn g(&self) -> &[u8] {
        &self.g
    }

    /// Size of p in bits.
    pub fn bits(&self) -> usize {
        bit_length(&self.p)
    }

    /// The size of the private exponents: RFC 7919's short exponent in its groups, and
    /// two bits less than p in others (as OpenSSL does for PKCS#3 parameters), where
    /// nothing tells how large the subgroup generated by g is.
    fn exponent_bits(&self) -> usize {
        RFC7919_GROUPS
            .iter()
            .find(|known| Some(known.group) == self.group)
            .map_or(self.bits() - 2, |known| known.exponent_bits as usize)
    }
}

/// One side's ephemeral key. The private exponent is zeroized on drop.
pub struct DhKey {
    params: DhParams,
    /// p, prepared for Montgomery multiplication.
    modulus: BoxedMontyParams,
    private: Zeroizing<BoxedUint>,
    /// How many low bits of `private` the exponentiation looks at (not secret).
    exponent_bits: u32,
    public: Vec<u8>,
}

impl DhKey {
    /// A fresh private exponent x and the public value g^x mod p. x has its top bit set
    /// and is 225, 275 or 325 bits long in the RFC 7919 groups (RFC 7919 section 5.2,
    /// at least twice the groups' strength, as in OpenSSL), and two bits shorter than p
    /// in other groups.
    pub fn generate(params: &DhParams) -> Result<DhKey, Error> {
        let precision = u32::try_from(params.bits()).map_err(|_| Error::internal("the DH group is too large"))?;
        let exponent_bits =
            u32::try_from(params.exponent_bits()).map_err(|_| Error::internal("the DH exponent is too large"))?;
        let modulus = BoxedUint::from_be_slice(&params.p, precision)
            .ok()
            .and_then(|p| p.into_odd().into_option())
            .map(BoxedMontyParams::new_vartime)
            .ok_or_else(|| Error::internal("the DH prime does not fit its size"))?;

        let mut random = Zeroizing::new(vec![0u8; exponent_bits.div_ceil(8) as usize]);
        fill_random(&mut random)?;
        if let Some(top) = random.first_mut() {
            let top_bit = (exponent_bits + 7) % 8;
            *top &= (2u16 << top_bit).wrapping_sub(1) as u8;
            *top |= 1 << top_bit;
        }
        let private = Zeroizing::new(
            BoxedUint::from_be_slice(&random, exponent_bits)
                .map_err(|_| Error::internal("the DH exponent does not fit its size"))?,
        );

        let mut key = DhKey { params: params.clone(), modulus, private, exponent_bits, public: Vec::new() };
        let public = key.power(&params.g)?;
        key.public = padded_inside(&public, &params.p).ok_or_else(|| {
            Error::illegal(Reason::BAD_VALUE, "the DH generator has a small order: the public value is 1 or p-1")
        })?;
        Ok(key)
    }

    /// Our public value: big-endian, left-padded with zeros to the length of p, as
    /// OpenSSL sends it in both ServerKeyExchange and ClientKeyExchange (and as RFC 8446
    /// section 4.2.8.1 requires).
    pub fn public(&self) -> &[u8] {
        &self.public
    }

    /// The premaster secret: peer^x mod p with leading zero bytes stripped (RFC 5246
    /// 8.1.2). A peer value that is not 1 < Y < p-1, or a result of 1 or p-1 (SP 800-56A
    /// 5.7.1.1, as OpenSSL checks), is `illegal_parameter` with reason `BAD_VALUE`.
    pub fn agree(self, peer_public: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        let peer = padded_inside(peer_public, &self.params.p)
            .ok_or_else(|| Error::illegal(Reason::BAD_VALUE, "the peer's DH public value is not between 1 and p-1"))?;
        let shared = self.power(&peer)?;
        let p_minus_1 = minus_one(&self.params.p);
        let mut one = vec![0u8; shared.len()];
        if let Some(last) = one.last_mut() {
            *last = 1;
        }
        if constant_time_eq(&shared, &one) || constant_time_eq(&shared, &p_minus_1) {
            return Err(Error::illegal(
                Reason::BAD_VALUE,
                "the DH shared secret is 1 or p-1: the peer's public value has a small order",
            ));
        }
        // Count the leading zeros without stopping early; their number shows in the
        // length anyway, as RFC 5246 wants it to.
        let mut leading = 0usize;
        let mut in_prefix = 1usize;
        for &byte in shared.iter() {
            in_prefix &= usize::from(byte == 0);
            leading += in_prefix;
        }
        Ok(Zeroizing::new(shared.get(leading..).unwrap_or_default().to_vec()))
    }

    /// `base`^x mod p, big-endian and as long as p. `base` must be below p.
    fn power(&self, base: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        let base = BoxedUint::from_be_slice(base, self.modulus.bits_precision())
            .map_err(|_| Error::internal("a DH value does not fit the group's size"))?;
        let result =
            Zeroizing::new(BoxedMontyForm::new(base, &self.modulus).pow_bounded_exp(&self.private, self.exponent_bits));
        let value = Zeroizing::new(result.retrieve());
        let bytes = Zeroizing::new(value.to_be_bytes());
        let length = self.params.p.len();
        let mut out = Zeroizing::new(vec![0u8; length]);
        let copied = length.min(bytes.len());
        out[length - copied..].copy_from_slice(&bytes[bytes.len() - copied..]);
        Ok(out)
    }
}

/// `value` without its leading zero bytes.
fn strip_zeros(value: &[u8]) -> &[u8] {
    let zeros = value.iter().take_while(|&&byte| byte == 0).count();
    &value[zeros..]
}

/// The number of bits of a minimal big-endian number.
fn bit_length(value: &[u8]) -> usize {
    value.first().map_or(0, |&top| 8 * value.len() - top.leading_zeros() as usize)
}

/// p - 1 for an odd p, at p's length.
fn minus_one(p: &[u8]) -> Vec<u8> {
    let mut result = p.to_vec();
    if let Some(last) = result.last_mut() {
        *last &= 0xfe;
    }
    result
}

/// `value` left-padded to the length of the odd prime `p`, if 1 < value < p-1.
/// Only for public values: the comparisons are not constant time.
fn padded_inside(value: &[u8], p: &[u8]) -> Option<Vec<u8>> {
    let value = strip_zeros(value);
    let mut padded = vec![0u8; p.len().checked_sub(value.len())?];
    padded.extend_from_slice(value);
    let above_one = value.len() > 1 || value.first().is_some_and(|&byte| byte > 1);
    (above_one && padded < minus_one(p)).then_some(padded)
}

/// The magnitude of a non-negative DER INTEGER, without leading zeros.
fn unsigned(content: &[u8]) -> Option<&[u8]> {
    let &first = content.first()?;
    (first & 0x80 == 0).then(|| strip_zeros(content))
}

/// Reads p and g from a PKCS#3 `DHParameter` or, if `x942`, an X9.42 `DomainParameters`.
fn parse_parameters(der: &[u8], x942: bool) -> Option<(&[u8], &[u8])> {
    let mut fields = der::Reader::new(der::single(der, der::SEQUENCE)?);
    let p = unsigned(fields.read(der::INTEGER)?)?;
    let g = unsigned(fields.read(der::INTEGER)?)?;
    if x942 {
        unsigned(fields.read(der::INTEGER)?)?; // q must be there; j and seeds may follow
    } else {
        fields.optional(der::INTEGER); // privateValueLength
        if !fields.is_empty() {
            return None;
        }
    }
    Some((p, g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::enums::AlertDescription;
    use crate::testing::openssl;
    use std::path::PathBuf;

    const GROUPS: [NamedGroup; 5] = [
        NamedGroup::Ffdhe2048,
        NamedGroup::Ffdhe3072,
        NamedGroup::Ffdhe4096,
        NamedGroup::Ffdhe6144,
        NamedGroup::Ffdhe8192,
    ];

    /// A PEM block around `der`.
    fn pem(label: &str, der: &[u8]) -> Vec<u8> {
        crate::pem::encode(label, der).as_bytes().to_vec()
    }

    /// A DER INTEGER holding the non-negative number `magnitude`.
    fn integer(magnitude: &[u8]) -> Vec<u8> {
        let mut content = strip_zeros(magnitude).to_vec();
        if content.first().is_none_or(|&top| top & 0x80 != 0) {
            content.insert(0, 0);
        }
        der::encode(der::INTEGER, &content)
    }

    /// A PKCS#3 DHParameter from its encoded fields.
    fn dh_parameter(fields: &[Vec<u8>]) -> Vec<u8> {
        pem("DH PARAMETERS", &der::encode(der::SEQUENCE, &fields.concat()))
    }

    /// A PEM "DH PARAMETERS" block whose lines (`MIIBCAKC` between the BEGIN and END
    /// lines) `damage` changes.
    fn damaged_pem(damage: impl FnOnce(&mut Vec<String>)) -> Vec<u8> {
        let text = String::from_utf8(pem(PEM_LABELS[0], &[0x30, 0x82, 0x01, 0x08, 0x02, 0x82])).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        assert_eq!(lines[1], "MIIBCAKC");
        damage(&mut lines);
        lines.iter().flat_map(|line| [line.as_bytes(), b"\n"]).flatten().copied().collect()
    }

    fn ffdhe2048() -> DhParams {
        DhParams::named(NamedGroup::Ffdhe2048).expect("ffdhe2048")
    }

    /// A number one more or less than `value` (big-endian, no carry out of the top byte).
    fn add(value: &[u8], delta: i16) -> Vec<u8> {
        let mut out = value.to_vec();
        let mut carry = delta;
        for byte in out.iter_mut().rev() {
            let sum = i16::from(*byte) + carry;
            *byte = sum.rem_euclid(256) as u8;
            carry = sum.div_euclid(256);
            if carry == 0 {
                break;
            }
        }
        out
    }

    #[test]
    fn rfc7919_primes_are_the_ones_openssl_knows() {
        for group in GROUPS {
            let name = group.text();
            let pem = openssl(&["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", &format!("group:{name}")], b"");
            let params = DhParams::from_pem(&pem).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(Some(params.clone()), DhParams::named(group), "{name}");
            assert_eq!(params.named_group(), Some(group));
            assert_eq!(params.g(), [2]);
            assert_eq!(params.bits().to_string(), name.trim_start_matches("ffdhe"));
        }
        assert_eq!(DhParams::named(NamedGroup::X25519), None);
    }

    /// An OpenSSL key pair in ffdhe2048 and our key agree on the same secret: OpenSSL
    /// derives with our public value, we derive with OpenSSL's.
    #[test]
    fn agreement_matches_openssl() {
        let dir = std::env::temp_dir().join(format!("tls12-dh-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let path = |name: &str| -> PathBuf { dir.join(name) };
        let their_key = openssl(&["genpkey", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048"], b"");
        std::fs::write(path("theirs.pem"), &their_key).expect("write key");
        let their_spki = openssl(&["pkey", "-pubout", "-outform", "DER"], &their_key);

        // Their public value, and their SubjectPublicKeyInfo with ours in its place.
        let mut spki = der::Reader::new(der::single(&their_spki, der::SEQUENCE).expect("SPKI"));
        let algorithm = spki.read_element(der::SEQUENCE).expect("algorithm").encoded;
        let key_bits = spki.read(der::BIT_STRING).expect("key");
        let their_public = key_bits
            .split_first()
            .and_then(|(_, key)| der::single(key, der::INTEGER))
            .and_then(unsigned)
            .expect("public value");
        let ours = DhKey::generate(&ffdhe2048()).expect("generate");
        let mut our_bits = vec![0u8];
        our_bits.extend(integer(ours.public()));
        let our_spki = der::encode(der::SEQUENCE, &[algorithm, &der::encode(der::BIT_STRING, &our_bits)].concat());
        std::fs::write(path("ours.der"), &our_spki).expect("write peer key");

        let theirs_padded = openssl(
            &[
                "pkeyutl",
                "-derive",
                "-inkey",
                path("theirs.pem").to_str().expect("path"),
                "-peerkey",
                path("ours.der").to_str().expect("path"),
                "-peerform",
                "DER",
                "-pkeyopt",
                "dh_pad:1",
            ],
            b"",
        );
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(theirs_padded.len(), 256);
        let secret = ours.agree(their_public).expect("agree");
        assert_eq!(&secret[..], strip_zeros(&theirs_padded));
    }

    #[test]
    fn two_keys_agree_in_every_group() {
        for group in GROUPS {
            let params = DhParams::named(group).expect("group");
            let alice = DhKey::generate(&params).expect("alice");
            let bob = DhKey::generate(&params).expect("bob");
            assert_eq!(alice.public().len(), params.p().len());
            assert_ne!(alice.public(), bob.public());
            let (alice_public, bob_public) = (alice.public().to_vec(), bob.public().to_vec());
            let alice_secret = alice.agree(&bob_public).expect("alice agrees");
            let bob_secret = bob.agree(&alice_public).expect("bob agrees");
            assert_eq!(alice_secret, bob_secret, "{}", group.text());
            assert!(alice_secret.first().is_some_and(|&b| b != 0));
            assert!(alice_secret.len() <= params.p().len());
        }
    }

    /// Parameters outside the RFC 7919 groups work too (here the X9.42 form of RFC
    /// 5114's 2048-bit group, whose generator spans a 224-bit subgroup).
    #[test]
    fn x942_parameters_load_and_agree() {
        let pem = openssl(&["genpkey", "-genparam", "-algorithm", "DHX", "-pkeyopt", "dh_rfc5114:2"], b"");
        assert_eq!(crate::pem::first_block(&pem, &[]).map(|block| block.label).ok().as_deref(), Some(PEM_LABELS[1]));
        let params = DhParams::from_pem(&pem).expect("X9.42 parameters");
        assert_eq!(params.bits(), 2048);
        assert_eq!(params.named_group(), None);
        let alice = DhKey::generate(&params).expect("alice");
        let bob = DhKey::generate(&params).expect("bob");
        let alice_public = alice.public().to_vec();
        assert_eq!(alice.agree(bob.public()).expect("alice agrees"), bob.agree(&alice_public).expect("bob agrees"));
    }

    #[test]
    fn pkcs3_fields_are_checked() {
        let p = ffdhe2048().p().to_vec();
        let with_length = dh_parameter(&[integer(&p), integer(&[2]), integer(&[1, 0])]);
        assert_eq!(DhParams::from_pem(&with_length), Ok(ffdhe2048()));

        let rejected = [
            dh_parameter(&[integer(&[0xff; 127]), integer(&[2])]), // 1016 bits
            dh_parameter(&[integer(&p), integer(&[1])]),
            dh_parameter(&[integer(&p), integer(&minus_one(&p))]),
            dh_parameter(&[integer(&add(&p, 1)), integer(&[2])]), // even
            dh_parameter(&[der::encode(der::INTEGER, &[0x80]), integer(&[2])]), // negative
            dh_parameter(&[integer(&p)]),
            dh_parameter(&[integer(&p), integer(&[2]), integer(&[1]), integer(&[1])]),
            damaged_pem(|lines| lines[1] = "MIIB*AKC".into()),
            damaged_pem(|lines| drop(lines.pop())),
            b"no PEM here".to_vec(),
            Vec::new(),
        ];
        for pem in rejected {
            let error = DhParams::from_pem(&pem).expect_err(&String::from_utf8_lossy(&pem));
            assert_eq!((error.alert, error.reason), (None, Reason::BAD_VALUE));
        }
        let small = DhParams::from_pem(&dh_parameter(&[integer(&[0xff; 127]), integer(&[2])]));
        assert_eq!(small.expect_err("small").detail, "the PEM DH group has 1016 bits; at least 1024 are required");
    }

    #[test]
    fn server_parameters_are_checked() {
        let p = ffdhe2048().p().to_vec();
        let accepted = DhParams::from_server(&[&[0, 0][..], &p].concat(), &[0, 2], 2048);
        assert_eq!(accepted, Ok(ffdhe2048()));
        assert_eq!(accepted.map(|params| params.named_group()), Ok(Some(NamedGroup::Ffdhe2048)));
        // Another odd number of the right size is a custom group, not ffdhe2048.
        let custom = DhParams::from_server(&add(&p, -2), &[2], 2048).expect("custom group");
        assert_eq!(custom.named_group(), None);

        let small = DhParams::from_server(&[0xff; 128], &[2], 2048).expect_err("1024 bits");
        assert_eq!(small.alert, Some(AlertDescription::HandshakeFailure));
        assert_eq!(small.reason, Reason::BAD_VALUE);
        assert_eq!(small.detail, "the server's DH group has 1024 bits; at least 2048 are required");
        let floor = DhParams::from_server(&[0xff; 64], &[2], 0).expect_err("512 bits");
        assert_eq!(floor.alert, Some(AlertDescription::HandshakeFailure));
        let huge = DhParams::from_server(&[0xff; 1251], &[2], 2048).expect_err("10008 bits");
        assert_eq!(huge.alert, Some(AlertDescription::IllegalParameter));

        let p_minus_1 = minus_one(&p);
        let illegal: [(&[u8], &[u8]); 6] = [
            (&add(&p, 1), &[2]), // even
            (&p, &[]),
            (&p, &[1]),
            (&p, &p_minus_1),
            (&p, &p),
            (&p, &add(&p, 1)),
        ];
        for (prime, generator) in illegal {
            let error = DhParams::from_server(prime, generator, 2048).expect_err("illegal");
            assert_eq!(error.alert, Some(AlertDescription::IllegalParameter));
            assert_eq!(error.reason, Reason::BAD_VALUE);
        }
    }

    #[test]
    fn peer_values_outside_the_group_are_illegal() {
        let params = ffdhe2048();
        let p = params.p().to_vec();
        let mut longer = vec![1u8];
        longer.extend(vec![0u8; p.len()]);
        let bad: [Vec<u8>; 8] =
            [Vec::new(), vec![0], vec![1], vec![0, 0, 1], minus_one(&p), p.clone(), add(&p, 1), longer];
        for value in bad {
            let key = DhKey::generate(&params).expect("generate");
            let error = key.agree(&value).expect_err("bad peer value");
            assert_eq!(error.alert, Some(AlertDescription::IllegalParameter));
            assert_eq!(error.reason, Reason::BAD_VALUE);
        }
        // 2 and p-2 are acceptable, with or without leading zeros.
        for value in [vec![2], vec![0, 0, 2], add(&p, -2)] {
            let key = DhKey::generate(&params).expect("generate");
            assert!(key.agree(&value).is_ok());
        }
    }

    /// The shared secret is checked as well as the peer's value: in the group of the
    /// (composite, but odd) modulus p = 3n with n = 2^1022 + 3, Y = 2n - 1 is 1 mod 3 and
    /// -1 mod n, so Y^2 = 1 and Y^x is 1 for every even x.
    #[test]
    fn a_shared_secret_of_one_is_illegal() {
        let mut p = vec![0u8; 128];
        p[0] = 0xc0;
        p[127] = 0x09;
        let mut y = vec![0u8; 128];
        y[0] = 0x80;
        y[127] = 0x05;
        let params = DhParams::from_server(&p, &[2], 1024).expect("odd modulus");
        let (mut refused, mut accepted) = (0, 0);
        for _ in 0..64 {
            match DhKey::generate(&params).expect("generate").agree(&y) {
                Ok(secret) => {
                    assert_eq!(&secret[..], &y[..]);
                    accepted += 1;
                }
                Err(error) => {
                    assert_eq!(error.alert, Some(AlertDescription::IllegalParameter));
                    assert_eq!(error.reason, Reason::BAD_VALUE);
                    refused += 1;
                }
            }
        }
        assert!(refused > 0 && accepted > 0, "{refused} refused, {accepted} accepted");
    }
}
