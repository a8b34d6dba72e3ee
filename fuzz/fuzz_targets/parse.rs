//! The fast parse path against html5ever: on any input where the fast path
//! builds a tree, it must be html5ever's, node for node. Checked on the
//! page as given (which exercises the tokenizer on scripts, comments and
//! SVG) and after the pre-parse scan (what the extractor parses).
#![no_main]

use gleaner::_internal::parse::{Parser, fast, parse_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let stripped = gleaner::_internal::prestrip::strip(&text, 512);
    for page in [&*text, &*stripped] {
        if let Ok(doc) = fast(page, 1 << 20) {
            let oracle = parse_with(page, Parser::Html5ever, 1 << 20);
            assert_eq!(doc.outline(), oracle.outline(), "page: {page:?}");
        }
    }
});
