//! Certificate times (RFC 5280 4.1.2.5): UTCTime and GeneralizedTime in the `...Z` form
//! DER requires, and the one conversion between calendar dates and Unix days.

use super::bad;
use super::der::{Element, GENERALIZED_TIME, UTC_TIME};
use crate::error::Error;

/// A point in time as a certificate states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Time {
    /// The DER tag: UTCTime (0x17) or GeneralizedTime (0x18).
    pub tag: u8,
    /// The text as encoded ("250101000000Z").
    pub text: String,
    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub unix: i64,
}

impl Time {
    /// Reads a UTCTime or GeneralizedTime element.
    pub fn from_element(element: Element<'_>) -> Result<Time, Error> {
        let text = std::str::from_utf8(element.content).map_err(|_| bad("time is not text"))?;
        let digits = text.strip_suffix('Z').ok_or_else(|| bad("time is not in UTC"))?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("time has characters other than digits"));
        }
        let number = |s: &str| s.bytes().fold(0i64, |acc, digit| acc * 10 + i64::from(digit - b'0'));
        let (year, rest) = match element.tag {
            UTC_TIME if digits.len() == 12 => {
                let yy = number(&digits[..2]);
                (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &digits[2..])
            }
            GENERALIZED_TIME if digits.len() == 14 => (number(&digits[..4]), &digits[4..]),
            _ => return Err(bad("time has an unexpected form")),
        };
        let field = |i: usize| number(&rest[i..i + 2]);
        let (month, day, hour, min, sec) = (field(0), field(2), field(4), field(6), field(8));
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || min > 59 || sec > 60 {
            return Err(bad("time is out of range"));
        }
        let unix = days_from_civil(year, month, day) * 86_400 + hour * 3600 + min * 60 + sec;
        Ok(Time { tag: element.tag, text: text.to_string(), unix })
    }

    /// The time as OpenSSL's `ASN1_TIME_print` writes it: `Nov  2 13:00:19 2026 GMT`.
    pub fn openssl_text(&self) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let (year, month, day, hour, min, sec) = self.fields();
        let month = MONTHS[(month as usize).clamp(1, 12) - 1];
        format!("{month} {day:2} {hour:02}:{min:02}:{sec:02} {year} GMT")
    }

    /// The calendar fields: (year, month 1-12, day, hour, minute, second).
    pub fn fields(&self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.unix.div_euclid(86_400);
        let secs = self.unix.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, (secs / 3600) as u32, (secs / 60 % 60) as u32, (secs % 60) as u32)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (years counted from March, so
/// that the leap day is the last day of a year).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::der::{encode, Reader};

    fn time(tag: u8, text: &[u8]) -> Result<Time, Error> {
        let encoded = encode(tag, text);
        Time::from_element(Reader::new(&encoded).element().expect("an element"))
    }

    #[test]
    fn times_convert_to_unix_seconds() {
        assert_eq!(time(UTC_TIME, b"700101000000Z").unwrap().unix, 0);
        assert_eq!(time(GENERALIZED_TIME, b"20000301000000Z").unwrap().unix, 951_868_800);
        assert_eq!(time(UTC_TIME, b"240229120000Z").unwrap().unix, 1_709_208_000);
        assert!(time(UTC_TIME, b"240229120000+0100").is_err());
        assert!(time(UTC_TIME, "4912312359\u{e9}Z".as_bytes()).is_err());
        assert_eq!(time(UTC_TIME, b"491231235959Z").unwrap().fields(), (2049, 12, 31, 23, 59, 59));
    }

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
    }
}
