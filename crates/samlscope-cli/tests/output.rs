//! Writing the output: a reader that goes away early (`samlscope inspect … | head`) ends the
//! command quietly, as it ends any well-behaved writer of a pipe, never with a panic.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let metadata = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/examples/entra-federation-metadata.xml");
    for format in ["text", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samlscope"))
            .args(["inspect", "--format", format])
            .arg(&metadata)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run samlscope");
        // Read a little, then close the pipe like `head -c 10` does.
        let mut first = [0u8; 10];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(out.status.code().is_some(), "{format}: killed by a signal");
    }
    // A reader gone before the first byte: every write meets a closed pipe (EPIPE).
    let mut child = Command::new(env!("CARGO_BIN_EXE_samlscope"))
        .args(["explain", "signature-wrapping"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run samlscope");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
