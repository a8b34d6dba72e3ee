//! `--explain` (why a page gives its record, printed instead of the
//! record) and the text format's list markers, on the repository's
//! fixture pages.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => unreachable!("cannot start gleaner: {e}"),
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const SHARE: &str = "fixtures/share-follow-bars/page.html";
const LISTS: &str = "fixtures/md-nested-lists/page.html";

#[test]
fn explain_names_the_root_and_why_each_bar_was_dropped() {
    let out = run(&["--explain", SHARE]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("page type: article\n"), "{text}");
    assert!(
        text.contains("chosen root:\n  main.page > article.post > div.post__content\n"),
        "{text}"
    );
    // The share bar goes for its class word; the site header for where it is.
    let share = text
        .lines()
        .find(|l| l.contains("div.share-bar.share-bar--top"))
        .unwrap_or_default();
    assert!(
        share.contains("class/id names boilerplate (share") && share.contains("Share this article"),
        "{share}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("header.hdr") && l.contains("a <header> outside the article")),
        "{text}"
    );
    // The blocks: the story's paragraphs kept, the follow box left outside.
    assert!(
        text.contains(
            "+ kept         article.post > div.post__content > p | A startup in Rotterdam"
        ),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("  - outside") && l.contains("div.follow-box")),
        "{text}"
    );
    // No record is written.
    assert!(!text.contains("\"body\""), "{text}");
}

#[test]
fn explain_sets_several_pages_apart_in_the_order_given() {
    let out = run(&["--explain", "-j", "2", LISTS, SHARE]);
    let text = stdout(&out);
    let first = text.find(&format!("==> {LISTS} <==")).unwrap_or(usize::MAX);
    let second = text.find(&format!("==> {SHARE} <==")).unwrap_or(usize::MAX);
    assert!(first < second && second < text.len(), "{text}");
    assert_eq!(text.matches("\nchosen root:\n").count(), 2, "{text}");
}

#[test]
fn explain_reports_a_failed_input_on_standard_error() {
    let out = run(&["--explain", "fixtures/no-such-page.html", SHARE]);
    let text = stdout(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!text.contains("no-such-page"), "{text}");
    assert!(err.contains("fixtures/no-such-page.html"), "{err}");
    assert!(text.contains("chosen root:"), "{text}");
}

#[test]
fn explain_replaces_the_records_so_takes_no_format() {
    for other in [["--format", "json"], ["--format", "text"]] {
        let mut args = vec!["--explain", SHARE];
        args.extend(other);
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(out.stdout.is_empty());
        assert!(err.contains("--format"), "{err}");
    }
}

#[test]
fn the_text_format_keeps_list_markers_and_the_json_body_does_not_change() {
    let text = stdout(&run(&["--format", "text", LISTS]));
    assert!(
        text.contains(
            "1. Clean the drivetrain thoroughly.\n   - Degrease the chain, cassette and chainrings.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("     - below 0.5%: carry on riding;\n"),
        "{text}"
    );
    assert!(text.contains("\n5. Lights: a bright front light"), "{text}");
    assert!(
        text.contains("\n- Leave earlier and ride more slowly"),
        "{text}"
    );
    let json = stdout(&run(&["--format", "jsonl", LISTS]));
    let record: serde_json::Value = serde_json::from_str(json.trim()).unwrap_or_default();
    let body = record["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("\nClean the drivetrain thoroughly.\nDegrease the chain"),
        "{body}"
    );
    assert!(!body.contains("- "), "{body}");
}
