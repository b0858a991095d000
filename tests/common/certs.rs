//! Generating the test PKI with `tests/gen-certs.sh`. Free of other dependencies so that
//! the fuzz crate can include it too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Whether `dir` holds a PKI that tests/gen-certs.sh finished, in its current version
/// (the one that makes flood/chain.pem).
fn complete(dir: &Path) -> bool {
    dir.join(".done").exists() && dir.join("flood/chain.pem").exists()
}

/// Waits (bounded) until another process finishes generating the PKI in `dir`.
fn wait_for_done(dir: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if complete(dir) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// Makes sure `<target>/test-certs` holds the complete test PKI of the repository at
/// `repo`, and returns that directory. Generation happens in a private directory that
/// is renamed into place, so concurrent test binaries (or the Makefile) never see half
/// a PKI.
pub fn ensure_test_certs(repo: &Path, target: &Path) -> PathBuf {
    let dir = target.join("test-certs");
    if complete(&dir) {
        return dir;
    }
    std::fs::create_dir_all(target).expect("create the target directory");
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let scratch = target.join(format!("test-certs.tmp-{}-{nanos}", std::process::id()));
    let status = Command::new("timeout")
        .arg("120")
        .arg("bash")
        .arg(repo.join("tests/gen-certs.sh"))
        .arg(&scratch)
        .status()
        .expect("run tests/gen-certs.sh");
    assert!(status.success(), "tests/gen-certs.sh failed: {status}");
    if dir.exists() && !complete(&dir) {
        // Made by an older version of the script (or unfinished): replace it.
        let _ = std::fs::remove_dir_all(&dir);
    }
    if std::fs::rename(&scratch, &dir).is_err() {
        // Someone else got there first: use theirs once it is complete.
        let _ = std::fs::remove_dir_all(&scratch);
        assert!(wait_for_done(&dir), "{} never became complete", dir.display());
    }
    dir
}
