//! The plain text with list markers, for people reading it: the same
//! blocks, in the same lines, as [`super::render_text`], with `- ` or
//! `3. ` before each list item's first line and nested items indented
//! under theirs. The markers come from the structured rendering's list
//! containers (the blocks carry them when [`Options::list_markers`] is on).
//!
//! [`Options::list_markers`]: crate::Options::list_markers

use std::collections::BTreeSet;

use super::blocks::{Block, Kind};
use super::rich::Container;
use super::separator;

/// The blocks as text, list items marked.
pub fn render_marked(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<Kind> = None;
    // Items whose marker is written: the item's later blocks are indented.
    let mut begun: BTreeSet<u32> = BTreeSet::new();
    for b in blocks {
        if let Some(p) = prev {
            out.push_str(separator(p, b.kind));
        }
        let (first, rest) = prefixes(b, &mut begun);
        for (k, line) in b.text.split('\n').enumerate() {
            if k > 0 {
                out.push('\n');
            }
            if !line.is_empty() {
                out.push_str(if k == 0 { &first } else { &rest });
            }
            out.push_str(line);
        }
        prev = Some(b.kind);
    }
    out
}

/// The prefixes of a block's first line and of its other lines: the
/// markers of the items it opens, the indentation of the items it is in.
fn prefixes(b: &Block, begun: &mut BTreeSet<u32>) -> (String, String) {
    let (mut first, mut rest) = (String::new(), String::new());
    let Some(rich) = b.rich.as_deref() else {
        // Without the structure only the kind says it is an item.
        if b.kind == Kind::ListItem {
            first.push_str("- ");
            rest.push_str("  ");
        }
        return (first, rest);
    };
    for c in &rich.containers {
        let Container::Item {
            li,
            ordered,
            number,
            ..
        } = *c
        else {
            continue;
        };
        let marker = if ordered {
            format!("{number}. ")
        } else {
            "- ".to_string()
        };
        let pad = " ".repeat(marker.chars().count());
        if begun.insert(li) {
            first.push_str(&marker);
        } else {
            first.push_str(&pad);
        }
        rest.push_str(&pad);
    }
    (first, rest)
}

#[cfg(test)]
mod tests {
    use crate::Options;

    fn body(html: &str, markers: bool) -> String {
        let options = Options::default().with_list_markers(markers);
        crate::extract_with(html, None, &options)
            .map(|a| a.body)
            .unwrap_or_default()
    }

    const PAGE: &str = "<html><body><article><h1>Steps</h1>\
        <p>The whole procedure, which takes an afternoon, goes as follows, in order.</p>\
        <ol start=\"3\"><li>Third step, described in a sentence.\
        <ul><li>A detail, also a sentence.</li></ul></li>\
        <li>Fourth step, described too.</li></ol>\
        <p>And some closing words that end the article, with a full stop.</p>\
        <ul><li>One bullet.</li><li>Another bullet<br>on two lines.</li></ul>\
        </article></body></html>";

    #[test]
    fn items_carry_their_markers_nested_under_theirs() {
        let marked = body(PAGE, true);
        assert!(
            marked.contains(
                "3. Third step, described in a sentence.\n   - A detail, also a sentence.\n4. Fourth step, described too."
            ),
            "{marked}"
        );
        assert!(
            marked.contains("- One bullet.\n- Another bullet\n  on two lines."),
            "{marked}"
        );
    }

    #[test]
    fn markers_are_all_that_changes() {
        let plain = body(PAGE, false);
        let marked = body(PAGE, true);
        assert!(!plain.contains("- "), "{plain}");
        let unmarked: Vec<String> = marked
            .lines()
            .map(|l| {
                let l = l.trim_start();
                let l = l.strip_prefix("- ").unwrap_or(l);
                match l.split_once(". ") {
                    Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest.to_string(),
                    _ => l.to_string(),
                }
            })
            .collect();
        assert_eq!(unmarked.join("\n"), plain);
        let count = |markers| {
            let options = Options::default().with_list_markers(markers);
            crate::extract_with(PAGE, None, &options).map(|a| a.word_count)
        };
        assert_eq!(count(true).ok(), count(false).ok());
    }
}
