//! Input-list lines and command-line arguments: classified, never a panic.
#![no_main]

use gleaner::source::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let Some(input) = Input::from_list_line(line) {
            assert!(!input.source().is_empty());
        }
        let _ = Input::parse(line, None);
        let _ = gleaner::source::looks_like_url(line);
    }
});
