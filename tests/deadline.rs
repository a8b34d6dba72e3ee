//! The per-page deadline: a page that takes longer than `Options::deadline`
//! becomes a `timeout` error (not a partial record), the parse loop stops
//! on its own once the time is up, and no deadline means no limit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::time::Duration;

use gleaner::_internal::deadline::Deadline;
use gleaner::_internal::parse::{Parser, parse_within};
use gleaner::{ErrorKind, Options, PageInput, extract_page, extract_with};

/// A real-looking page of about `mib` MiB: many sections of paragraphs, so
/// that every stage has work in proportion to its size.
fn big_page(mib: usize) -> String {
    let para = "<p>The council met on Tuesday evening to discuss the new budget, \
                which raises spending on schools and roads by a tenth.</p>";
    let mut s = String::from("<html><head><title>A long page</title></head><body><article>");
    while s.len() < mib << 20 {
        s.push_str("<section><h2>Part</h2>");
        for _ in 0..8 {
            s.push_str(para);
        }
        s.push_str("</section>");
    }
    s.push_str("</article></body></html>");
    s
}

#[test]
fn a_page_past_its_deadline_is_a_timeout_error() {
    let page = big_page(4);
    // A 4 MiB page cannot be parsed, cleaned and rendered in a millisecond,
    // even by an optimised build.
    let options = Options::default().with_deadline(Some(Duration::from_millis(1)));
    let err = extract_with(page.as_str(), None, &options).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.to_string().contains("page timeout"), "{err}");
}

#[test]
fn the_record_of_a_timed_out_page_carries_the_error_and_no_partial_body() {
    let page = big_page(4);
    let options = Options::default().with_deadline(Some(Duration::from_millis(1)));
    let input = PageInput::text(&page).with_source("big.html");
    let article = extract_page(&input, &options);
    let error = article.error.as_ref().expect("an error record");
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert_eq!(article.source, "big.html");
    assert!(article.body.is_empty());
}

#[test]
fn without_a_deadline_the_same_page_is_extracted_whole() {
    let page = big_page(4);
    let options = Options::default().with_deadline(None);
    let article = extract_with(page.as_str(), None, &options).unwrap();
    assert!(article.body.len() > 2 << 20, "{} bytes", article.body.len());
}

#[test]
fn the_parse_loop_stops_by_itself_once_the_time_is_up() {
    let page = big_page(2);
    let whole = parse_within(&page, Parser::Auto, usize::MAX, &Deadline::none());
    let expired = Deadline::after(Some(Duration::ZERO));
    for parser in [Parser::Auto, Parser::Html5ever] {
        let cut = parse_within(&page, parser, usize::MAX, &expired);
        assert!(cut.truncated(), "{parser:?}");
        // The loop reads the clock every few thousand steps: it stops
        // within the first few chunks, not at the end of the page.
        assert!(
            cut.len() * 10 < whole.len(),
            "{parser:?}: {} of {} nodes",
            cut.len(),
            whole.len()
        );
    }
}

#[test]
fn the_default_deadline_is_ten_seconds() {
    assert_eq!(Options::default().deadline, Some(Duration::from_secs(10)));
    assert_eq!(Some(gleaner::DEFAULT_DEADLINE), Options::default().deadline);
}
