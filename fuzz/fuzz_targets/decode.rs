//! Charset detection and decoding, with and without a header charset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gleaner::decode::check_html(data);
    let _ = gleaner::decode::meta_charset(data);
    // The first line (up to 40 bytes) doubles as a Content-Type charset.
    let split = data.iter().take(40).position(|&b| b == b'\n');
    let header = split.and_then(|i| std::str::from_utf8(&data[..i]).ok());
    let body = split.map_or(data, |i| &data[i + 1..]);
    let decoded = gleaner::decode::decode(body, header);
    let _ = decoded.text.len();
    let _ = gleaner::decode::decode(data, None);
    let _ = gleaner::source::gunzip_if_needed(data.to_vec(), 1 << 20, "fuzz");
});
