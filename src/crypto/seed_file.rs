//! Seed files as the libcrypto API knows them (`RAND_load_file`, `RAND_file_name`).
//! Our randomness always comes from the operating system, so what a seed file holds
//! is read (programs check how much) and then not needed.

use crate::error::{Error, Reason};
use std::io::Read;

/// Bytes read from a file that is not a regular file when no limit is given.
const UNLIMITED_SPECIAL_FILE_READ: u64 = 256;

/// Reads up to `max_bytes` of the seed file at `path` (all of a regular file when
/// `None`) and returns how many bytes it read.
pub(crate) fn load(path: &str, max_bytes: Option<u64>) -> Result<u64, Error> {
    let cannot = |e: std::io::Error| Error::local(Reason::SYSTEM_LIB, format!("cannot read the seed file {path}: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let limit = match max_bytes {
        Some(limit) => limit,
        None if file.metadata().map_err(cannot)?.is_file() => u64::MAX,
        None => UNLIMITED_SPECIAL_FILE_READ,
    };
    std::io::copy(&mut file.take(limit), &mut std::io::sink()).map_err(cannot)
}

/// The seed file a program should use: `$RANDFILE`, else `$HOME/.rnd`; `None` when
/// neither variable is set (or empty).
pub(crate) fn default_path() -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    var("RANDFILE").or_else(|| var("HOME").map(|home| format!("{home}/.rnd")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_at_most_the_limit() {
        let path = std::env::temp_dir().join(format!("tls12-seed-{}", std::process::id()));
        std::fs::write(&path, [1u8; 100]).unwrap();
        let p = path.to_str().unwrap();
        assert_eq!(load(p, Some(10)).unwrap(), 10);
        assert_eq!(load(p, None).unwrap(), 100);
        assert_eq!(load(p, Some(1000)).unwrap(), 100);
        std::fs::remove_file(&path).unwrap();
        assert!(load(p, Some(10)).is_err());
    }
}
