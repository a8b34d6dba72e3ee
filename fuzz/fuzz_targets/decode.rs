//! Charset detection and decoding, with and without a header charset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gleaner::_internal::decode::check_html(data);
    let _ = gleaner::_internal::decode::meta_charset(data);
    // The first line (up to 40 bytes) doubles as a Content-Type charset.
    let split = data.iter().take(40).position(|&b| b == b'\n');
    let header = split.and_then(|i| std::str::from_utf8(&data[..i]).ok());
    let body = split.map_or(data, |i| &data[i + 1..]);
    let decoded = gleaner::_internal::decode::decode(body, header);
    let _ = decoded.text.len();
    let _ = gleaner::_internal::decode::decode(data, None);
    // The pipeline's framing: gzip, then charset, within a size cap.
    let page = gleaner::PageInput::bytes(data).with_content_encoding("gzip");
    let options = gleaner::Options::default().with_max_input_bytes(1 << 20);
    let _ = gleaner::extract_page(&page, &options);
});
