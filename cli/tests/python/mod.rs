//! Finding a Python with the modules a test needs (warcio, pyspark).
//! `.ci/run` installs them; elsewhere a test without them says so and
//! skips, except under CI (`CI` set), where missing modules fail the test.
#![allow(dead_code)]

use std::process::{Command, Stdio};

/// Whether `program` runs (`java`, say); under CI its absence fails the
/// test, elsewhere it is reported and the caller skips.
pub fn have(program: &str, arg: &str) -> bool {
    let ok = Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let message = format!("no {program} on this machine: install it as .ci/run does");
        if std::env::var_os("CI").is_some() {
            panic!("{message}");
        }
        eprintln!("skipped: {message}");
    }
    ok
}

/// The Python interpreter when it can import every module, else `None`
/// (after saying why on stderr).
pub fn with_modules(modules: &[&str]) -> Option<String> {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let found = Command::new(&python)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("skipped: no {python} on this machine");
        return None;
    }
    let imports = modules
        .iter()
        .map(|m| format!("import {m}"))
        .collect::<Vec<_>>()
        .join("; ");
    let ok = Command::new(&python)
        .args(["-c", &imports])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    let message = format!(
        "{python} cannot import {}: install them as .ci/run does",
        modules.join(", ")
    );
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    None
}
