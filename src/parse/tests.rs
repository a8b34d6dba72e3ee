//! The fast path against html5ever on small pages made to reach each rule.

use super::{Parser, fast, parse_with};

/// Both parsers' outlines; panics with both when the fast path declines.
fn both(page: &str) -> (String, String) {
    let slow = parse_with(page, Parser::Html5ever, usize::MAX).outline();
    let quick = match fast(page, usize::MAX) {
        Ok(d) => d.outline(),
        Err(e) => format!("declined: {e:?}"),
    };
    (quick, slow)
}

#[track_caller]
fn same(page: &str) {
    let (quick, slow) = both(page);
    assert_eq!(quick, slow, "page: {page}");
}

#[track_caller]
fn declined(page: &str, why: super::Unsupported) {
    assert_eq!(fast(page, usize::MAX).err(), Some(why), "page: {page}");
}

#[test]
fn plain_documents() {
    same("");
    same("<!DOCTYPE html><html><head><title>T</title></head><body><p>a</p></body></html>");
    same("<p>one<p>two");
    same("text only");
    same(
        "  \n <!doctype html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n</head>\n<body>\n<div>x</div>\n</body>\n</html>\n",
    );
}

#[test]
fn implied_and_misplaced_head_content() {
    same("<title>a</title><p>b");
    same("<html><head></head><script>x</script><body>y");
    same("<head><noscript><img src=a></noscript><meta name=x></head><body>z");
    same("<head><noscript><link rel=a></noscript></head>");
    same("<head>\n x<meta name=a>");
    same("<body><meta name=x><p>a</p><title>t</title></body>");
    same("<html><body><p>a</p></body></html><p>after</p>");
    same("</head><p>a");
    same("<body a=1><body b=2 a=3><html c=4>x");
}

#[test]
fn text_references_and_newlines() {
    same("<p>a &amp; b &notit; &#x41; &#128; &bogus; &</p>");
    same("<p title='a&amp;b&ampc' data-x=\"&lt\">x</p>");
    same("<p>a\r\nb\rc</p>");
    same("<pre>\nkeep</pre><textarea>\nx</textarea><pre>\n\nline</pre>");
    same("<title>a &amp; <b> b</title><textarea>&lt;</textarea>");
}

#[test]
fn lists_headings_forms() {
    same("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>");
    same("<dl><dt>a<dd>b<dt>c</dl>");
    same("<h1>a<h2>b</h1>c");
    same("<form><input name=a><form><input></form></form>x");
    same("<div><form><p>a</div>b</form>c");
    same("<button><button>x</button>");
    same("<p>a</p></p><br></br>");
    same("<select><option>a<option>b<optgroup><option>c</select>");
    same("<p>a<hr>b<xmp><b></xmp>c");
    same("<ruby>a<rt>b<rp>c</ruby>");
    same("<p><image src=x>");
}

#[test]
fn tables() {
    same("<table><tr><td>a<td>b<tr><td>c</table>");
    same(
        "<table><caption>c</caption><colgroup><col><col></colgroup><thead><tr><th>h</thead><tbody><tr><td>d</tbody></table>",
    );
    same("<table>\n <tr>\n  <td>a</td>\n </tr>\n</table>");
    same("<p>a<table><tr><td>b</table>");
    same("<!DOCTYPE html><p>a<table><tr><td>b</table>");
    same("<table><td><table><td>x</table></table>");
    same("<table><tr><td>a</td></tr></table></div></span>x");
    same("<table><input type=hidden><form><tr><td>x</td></tr></table>");
    same("<table></div><tr><td>x</table>");
    declined(
        "<table><tr><td>a</td>stray</tr></table>",
        super::Unsupported::Foster,
    );
    declined("<table><div>x</div></table>", super::Unsupported::Foster);
}

#[test]
fn formatting_elements() {
    same("<b>1<p>2</b>3</p>");
    same("<a href=x>1<div>2</a>3</div>");
    same("<b><i>1<p>2</b>3</i>4");
    same("<a>1<a>2</a>");
    same("<b><b><b><b>x</b></b></b></b>y");
    same("<p><b class=x>a<p>b<p>c");
    same("<div><b>a</div><p>b");
    same("<font color=red><p>a<div>b</font>c</div>d");
    same("<b>1<div>2<i>3<p>4</b>5</i>6");
    same("<a><b><c><d><e><div>x</a>y");
    same("<nobr>a<nobr>b");
    same("<b><table><td></b>x</td></table>");
    same("<object><b>x</object>y");
}

#[test]
fn raw_text_scripts_comments() {
    same("<script>if (a<b) x('</p>')</script><p>c");
    same("<script><!--<script></script>--></script>x");
    same("<style>p{}</style><iframe><p></iframe><noembed>x</noembed>");
    same("<p>a<!-- c -->b<?pi?>c<!x>d</3>e");
    same("<svg></svg><math></math><svg/><p>x");
    same("<template></template><p>x");
    same("<body><p>x</p></body><!-- c -->");
    declined("<svg><g></g></svg>", super::Unsupported::Foreign);
    declined(
        "<template><p>x</p></template>",
        super::Unsupported::Template,
    );
}

#[test]
fn quirks_from_the_doctype() {
    same("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>a<table></table>");
    same(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\"><p>a<table></table>",
    );
    same(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"x\"><p>a<table></table>",
    );
}

#[test]
fn the_budget_stops_both_parsers_alike() {
    let page = "<p>x".repeat(1000);
    let q = fast(&page, 101).map(|d| d.outline()).unwrap_or_default();
    let s = parse_with(&page, Parser::Html5ever, 101).outline();
    assert_eq!(q, s);
    assert!(fast(&page, 101).is_ok_and(|d| d.truncated() && d.len() == 101));
}

#[test]
fn a_byte_order_mark_goes_where_html5ever_drops_it() {
    // Found by the parse fuzz target: html5ever's driver drops a U+FEFF
    // wherever it resumes its tokenizer (the start, after a script, after
    // a <meta> naming a charset), and keeps it elsewhere.
    same("\u{feff}<p>q");
    same("<p>a</p><script>x</script>\u{feff}y<p>\u{feff}z");
    same("<meta charset=utf-8>\u{feff}x");
    same("<meta http-equiv=Content-Type content='text/html; charset=utf-8'>\u{feff}x");
    same("<meta http-equiv=Content-Type content='text/html'>\u{feff}x");
}
