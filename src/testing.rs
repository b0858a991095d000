//! Helpers the unit tests share: the `openssl` command as the reference they check
//! against.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `openssl` with `args`, writing `input` to its standard input; returns its standard
/// output. The test fails, with openssl's own message, if the command does.
pub(crate) fn openssl(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run openssl");
    child.stdin.take().expect("stdin").write_all(input).expect("write to openssl");
    let output = child.wait_with_output().expect("wait for openssl");
    assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}
