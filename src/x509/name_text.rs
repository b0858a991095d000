//! Distinguished names as text, the way OpenSSL prints them: the one-line form
//! (`/C=XX/O=Org/CN=name`, `X509_NAME_oneline`), the compat form (`X509_NAME_print`),
//! and the configurable form of `X509_NAME_print_ex` (RFC 2253, one line, multi-line
//! and the combinations between), described here by [`NameFormat`] rather than by
//! OpenSSL's flag bits.

use super::{der, oid_text, Name, NameEntry};

/// How characters of a value are escaped (OpenSSL's `ASN1_STRFLGS_ESC_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Escapes {
    /// The RFC 2253 special characters (`,+"\<>;`, a leading `#` or space, a trailing
    /// space) get a backslash.
    pub rfc2253: bool,
    /// Control characters become `\XX`.
    pub control: bool,
    /// Bytes above ASCII become `\XX`.
    pub high_bytes: bool,
    /// With `rfc2253`, a value with special characters is quoted instead (only `"` and
    /// `\` still get a backslash).
    pub quote: bool,
}

/// Which values are shown as `#` and hex instead of text (`ASN1_STRFLGS_DUMP_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dumps {
    /// Every value.
    pub all: bool,
    /// Values that are not strings.
    pub non_strings: bool,
    /// Values of attribute types this library does not know.
    pub unknown_fields: bool,
    /// Dump the whole DER element, not only its contents.
    pub der: bool,
}

/// What stands between the RDNs and between the values of one RDN.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Separators {
    /// `,` and `+`.
    #[default]
    CommaPlus,
    /// `, ` and ` + `.
    CommaPlusSpaced,
    /// `; ` and ` + `.
    SemicolonPlusSpaced,
    /// A new line (each indented) and ` + `.
    Multiline,
}

/// How attribute types are named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldNames {
    /// OpenSSL's short name (`CN`).
    #[default]
    Short,
    /// OpenSSL's long name (`commonName`).
    Long,
    /// The OID in dotted form.
    Oid,
    /// No name and no `=`: the values alone.
    None,
}

/// A form of [`print`] (what `X509_NAME_print_ex`'s flags choose).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameFormat {
    /// How characters are escaped.
    pub escapes: Escapes,
    /// Characters above ASCII are written as UTF-8 (else as one byte, or `\UXXXX` /
    /// `\WXXXXXXXX` beyond Latin-1).
    pub utf8: bool,
    /// Which values are dumped as hex.
    pub dumps: Dumps,
    /// The separators.
    pub separators: Separators,
    /// The last RDN first (RFC 2253 order).
    pub reverse: bool,
    /// How attribute types are named.
    pub field_names: FieldNames,
    /// ` = ` instead of `=`.
    pub spaced_equals: bool,
    /// Field names padded to a common width (10 for short names, 25 for long ones).
    pub align: bool,
    /// Spaces before the name, and before each line of the multi-line form.
    pub indent: usize,
}

/// The one-line form `/C=XX/O=Org/CN=name` (`+` before each further value of an RDN),
/// bytes outside printable ASCII as `\xXX`. With `max`, entries that would take the
/// text beyond `max` bytes are left out.
pub fn oneline(name: &Name, max: Option<usize>) -> Vec<u8> {
    let mut out = Vec::new();
    for e in &name.entries {
        let mut part = Vec::new();
        part.push(if e.same_rdn_as_previous { b'+' } else { b'/' });
        part.extend_from_slice(e.short_name().as_bytes());
        part.push(b'=');
        for b in e.narrow_value() {
            if (b' '..=b'~').contains(&b) {
                part.push(b);
            } else {
                part.extend_from_slice(format!("\\x{b:02X}").as_bytes());
            }
        }
        if max.is_some_and(|m| out.len() + part.len() > m) {
            break;
        }
        out.extend_from_slice(&part);
    }
    out
}

/// The compat form (OpenSSL's `X509_NAME_print`): the one-line form without its first
/// `/`, with `, ` replacing each `/` that starts a one- or two-letter upper-case field
/// name (`C=`, `CN=`); other slashes stay.
pub fn compat(name: &Name) -> Vec<u8> {
    let line = oneline(name, None);
    let Some(body) = line.strip_prefix(b"/") else {
        return line;
    };
    let mut out = Vec::new();
    for (i, &b) in body.iter().enumerate() {
        let next = &body[i + 1..];
        let field_start = match next {
            [a, b'=', ..] => a.is_ascii_uppercase(),
            [a, c, b'=', ..] => a.is_ascii_uppercase() && c.is_ascii_uppercase(),
            _ => false,
        };
        if b == b'/' && field_start {
            out.extend_from_slice(b", ");
        } else {
            out.push(b);
        }
    }
    out
}

/// The name in `format`, as `X509_NAME_print_ex` writes it.
pub fn print(name: &Name, format: &NameFormat) -> Vec<u8> {
    let (sep_dn, sep_mv): (&[u8], &[u8]) = match format.separators {
        Separators::CommaPlus => (b",", b"+"),
        Separators::CommaPlusSpaced => (b", ", b" + "),
        Separators::SemicolonPlusSpaced => (b"; ", b" + "),
        Separators::Multiline => (b"\n", b" + "),
    };
    let eq: &[u8] = if format.spaced_equals { b" = " } else { b"=" };
    let pad = " ".repeat(format.indent);
    let mut rdn = 0usize;
    let mut entries: Vec<(usize, &NameEntry)> = name
        .entries
        .iter()
        .map(|e| {
            rdn += usize::from(!e.same_rdn_as_previous);
            (rdn, e)
        })
        .collect();
    if format.reverse {
        entries.reverse();
    }
    let mut out = pad.clone().into_bytes();
    for (i, (set, e)) in entries.iter().enumerate() {
        if i > 0 {
            if entries[i - 1].0 == *set {
                out.extend_from_slice(sep_mv);
            } else {
                out.extend_from_slice(sep_dn);
                if format.separators == Separators::Multiline {
                    out.extend_from_slice(pad.as_bytes());
                }
            }
        }
        let (field, width) = match format.field_names {
            FieldNames::Long => (e.long_name(), 25usize),
            FieldNames::Oid => (oid_text(&e.oid), 0),
            FieldNames::None => (String::new(), 0),
            FieldNames::Short => (e.short_name(), 10),
        };
        if format.field_names != FieldNames::None {
            out.extend_from_slice(field.as_bytes());
            if format.align {
                out.resize(out.len() + width.saturating_sub(field.len()), b' ');
            }
            out.extend_from_slice(eq);
        }
        out.extend_from_slice(&value_text(e, format));
    }
    out
}

/// Appends a character above ASCII: as UTF-8 with `format.utf8`, else one byte
/// (`\UXXXX` or `\WXXXXXXXX` beyond Latin-1); each byte as `\XX` when high bytes are
/// escaped.
fn push_high(out: &mut Vec<u8>, c: u32, format: &NameFormat) {
    let mut utf8 = [0u8; 4];
    let bytes: &[u8] = if format.utf8 {
        char::from_u32(c).unwrap_or('\u{fffd}').encode_utf8(&mut utf8).as_bytes()
    } else if let Ok(b) = u8::try_from(c) {
        utf8[0] = b;
        &utf8[..1]
    } else {
        let wide = if c <= 0xffff { format!("\\U{c:04X}") } else { format!("\\W{c:08X}") };
        out.extend_from_slice(wide.as_bytes());
        return;
    };
    for &b in bytes {
        if format.escapes.high_bytes {
            out.extend_from_slice(format!("\\{b:02X}").as_bytes());
        } else {
            out.push(b);
        }
    }
}

/// One value in `format`: dumped as hex, or its characters escaped.
fn value_text(e: &NameEntry, format: &NameFormat) -> Vec<u8> {
    let dumps = format.dumps;
    let unknown_field = dumps.unknown_fields && e.attribute_type().is_none();
    if dumps.all || (dumps.non_strings && !e.is_string()) || unknown_field {
        let dumped = if dumps.der { der::encode(e.string_tag, &e.value) } else { e.value.clone() };
        let hex: String = dumped.iter().map(|b| format!("{b:02X}")).collect();
        return format!("#{hex}").into_bytes();
    }
    let chars: Vec<u32> = match e.utf8_value() {
        Some(s) => s.chars().map(u32::from).collect(),
        None => e.value.iter().map(|&b| u32::from(b)).collect(),
    };
    let escapes = format.escapes;
    let mut out = Vec::new();
    let mut quote = false;
    let last = chars.len().saturating_sub(1);
    for (i, &c) in chars.iter().enumerate() {
        let Some(b) = u8::try_from(c).ok().filter(u8::is_ascii) else {
            push_high(&mut out, c, format);
            continue;
        };
        let special = b",+\"\\<>;".contains(&b) || (b == b'#' && i == 0) || (b == b' ' && (i == 0 || i == last));
        if escapes.rfc2253 && special {
            if escapes.quote && b != b'"' && b != b'\\' {
                quote = true;
                out.push(b);
            } else {
                out.extend_from_slice(&[b'\\', b]);
            }
        } else if escapes.control && (b < 0x20 || b == 0x7f) {
            out.extend_from_slice(format!("\\{b:02X}").as_bytes());
        } else if b == b'\\' && (escapes.rfc2253 || escapes.control || escapes.high_bytes) {
            out.extend_from_slice(b"\\\\");
        } else {
            out.push(b);
        }
    }
    if quote {
        out.insert(0, b'"');
        out.push(b'"');
    }
    out
}
