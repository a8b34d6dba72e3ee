//! The headline: the article's own title, chosen from `<title>`, og:title,
//! the JSON-LD headline and the visible h1s ([`title`] holds the rules),
//! and the node it sits at, from which visible dates and bylines are
//! measured.

pub(super) mod title;

use url::Url;

use crate::dom::{Data, Dom, Tag};

use super::gather::{CHROME, COMMENT, Gathered, HIDDEN};
use super::jsonld::LdInfo;
use super::lexicon::headline::{
    MAX_SHOWN, SHOWN_MAX_BYTES, SHOWN_MIN_BYTES, SPELLED_HEADLINE_CHARS, SPELLED_TEXT_BYTES,
};
use super::lexicon::keys::{HEADLINE_PROPS, OG_TITLE, OTHER_TITLE_KEYS, TWITTER_TITLE};
use super::text::first_alnum;

/// The page's headline, chosen among its title sources.
pub(super) fn choose(
    dom: &Dom<'_>,
    g: &Gathered<'_>,
    ld: &LdInfo,
    sites: &[String],
    page_url: Option<&Url>,
) -> Option<String> {
    let ld_headline = ld.headline.as_deref().filter(|_| ld.rank >= 3);
    let mut other: Vec<&str> = Vec::new();
    if let Some((v, _)) = g.prop(HEADLINE_PROPS) {
        other.push(v);
    }
    if let Some(v) = g.meta(OTHER_TITLE_KEYS) {
        other.push(v);
    }
    let shown = || shown_texts(dom, g);
    let inputs = title::Inputs {
        title: g.title.as_deref(),
        og: g.meta(OG_TITLE),
        twitter: g.meta(TWITTER_TITLE),
        ld: ld_headline,
        other,
        h1s: g.h1s.iter().map(|(_, t)| t.as_str()).collect(),
        h2s: g.h2s.iter().map(|(_, t)| t.as_str()).collect(),
        shown: Some(&shown),
        sites: sites.to_vec(),
        home: page_url.is_some_and(|u| {
            let p = u.path().trim_end_matches('/');
            p.is_empty()
                || p.eq_ignore_ascii_case("/index.html")
                || p.eq_ignore_ascii_case("/index.php")
        }),
    };
    title::choose(&inputs).map(|h| {
        h.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')).collect::<String>()
    })
}

/// Short texts the page shows outside its chrome, in order: where a
/// headline that is in no heading is written (`<div class="title">`).
fn shown_texts<'a>(dom: &Dom<'a>, g: &Gathered<'_>) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut in_body = false;
    for (i, n) in dom.iter().enumerate() {
        match n.data {
            Data::Element(Tag::Body, _) => in_body = true,
            Data::Text(t) if in_body && (SHOWN_MIN_BYTES..=SHOWN_MAX_BYTES).contains(&t.len()) => {
                if g.flags
                    .get(i)
                    .is_some_and(|f| f & (HIDDEN | CHROME | COMMENT) != 0)
                {
                    continue;
                }
                out.push(t.trim());
                if out.len() >= MAX_SHOWN {
                    break;
                }
            }
            _ => {}
        }
    }
    out
}

/// The node the headline sits at: its h1 (or h2), else the first text node
/// that spells it, else the first h1, `<article>` or `<main>`.
pub(super) fn anchor(dom: &Dom<'_>, g: &Gathered<'_>, headline: Option<&str>) -> Option<usize> {
    let headline_key = headline.map(title::key).unwrap_or_default();
    g.h1s
        .iter()
        .find(|(_, t)| title::key(t) == headline_key)
        .or_else(|| {
            g.h2s
                .iter()
                .find(|(_, t)| !headline_key.is_empty() && title::key(t) == headline_key)
        })
        .map(|(i, _)| *i)
        .or_else(|| headline_node(dom, &g.flags, &headline_key))
        .or_else(|| g.h1s.first().map(|(i, _)| *i))
        .or_else(|| dom.find(Tag::Article))
        .or_else(|| dom.find(Tag::Main))
}

/// The first visible text node that spells the headline.
fn headline_node(dom: &Dom<'_>, flags: &[u8], headline_key: &str) -> Option<usize> {
    if headline_key.chars().count() < SPELLED_HEADLINE_CHARS {
        return None;
    }
    let mut in_body = false;
    for (i, n) in dom.iter().enumerate() {
        match n.data {
            Data::Element(Tag::Body, _) => in_body = true,
            Data::Text(t)
                if in_body
                    && t.len() < SPELLED_TEXT_BYTES
                    && t.len() >= headline_key.len()
                    && first_alnum(t) == headline_key.chars().next() =>
            {
                if flags.get(i).is_some_and(|f| f & (HIDDEN | CHROME) != 0) {
                    continue;
                }
                if title::key(t) == headline_key {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metadata::Metadata;
    use crate::metadata::tests::collect_html;

    fn run(page: &str) -> Metadata {
        collect_html(
            page,
            None,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
        )
    }

    fn page(head: &str, body: &str) -> String {
        format!(
            "<html><head>{head}</head><body>{body}<p>Text of the story, long enough to read.</p></body></html>"
        )
    }

    #[test]
    fn a_dash_in_the_h1_is_cut_only_when_another_source_names_the_cut_form() {
        let m = run(&page(
            "<title>Some members furious with Biden – media — The Wire World News</title>",
            "<h1>Some members furious with Biden – media</h1>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Some members furious with Biden – media")
        );
        // The site's name is the title's last segment only.
        assert_eq!(m.publisher.as_deref(), Some("The Wire World News"));
        // An og:title naming the short form is the witness the cut needs.
        let m = run(&page(
            r#"<title>Rivers run high after the storm – live | The Wire</title>
            <meta property="og:title" content="Rivers run high after the storm">"#,
            "<h1>Rivers run high after the storm – live</h1>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Rivers run high after the storm")
        );
    }

    #[test]
    fn a_title_part_the_page_shows_is_the_headline_when_the_site_is_unknown() {
        let m = run(&page(
            "<title>DailyTimes.com - Choi three-shot winner over Sabbatini</title>",
            r#"<h1>Top Classifieds</h1><div class="articleTitle">Choi three-shot winner over Sabbatini</div>"#,
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Choi three-shot winner over Sabbatini")
        );
        let m = run(&page(
            "<title>Nation &amp; World | Taiwan vote may boost ties with China | Seattle Paper</title>",
            "<h1>Taiwan vote may boost ties with China</h1>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Taiwan vote may boost ties with China")
        );
        // Separators without spaces: "Headline_English_Site".
        let m = run(&page(
            "<title>President orders evacuations owing to typhoon_English_Agency</title>",
            r#"<div class="Title">President orders evacuations owing to typhoon</div>"#,
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("President orders evacuations owing to typhoon")
        );
    }

    #[test]
    fn a_colon_or_comma_inside_the_headline_does_not_cut_it() {
        // A part shown elsewhere on the page ("Salesforce CRM" in a menu
        // outside chrome) is not the headline when the title goes on after
        // a colon: that is the headline's subtitle.
        let m = run(&page(
            "<title>Salesforce CRM: Try the best AI CRM</title>",
            "<p>Salesforce CRM</p><div>The Best Smart Hubs of 2026</div>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Salesforce CRM: Try the best AI CRM")
        );
        let m = run(&page(
            "<title>The Best Smart Hubs of 2026, Tested by Editors</title>",
            "<div>The Best Smart Hubs of 2026</div>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("The Best Smart Hubs of 2026, Tested by Editors")
        );
    }

    #[test]
    fn a_site_name_attached_without_spaces_is_cut() {
        let m = run(&page(
            r#"<title>민주당 선호투표제 도입 또다시 불발-정치ㅣ한국일보</title>
            <meta property="og:site_name" content="한국일보">"#,
            "",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("민주당 선호투표제 도입 또다시 불발")
        );
        // A hyphen inside a word is the word's own.
        let m = run(&page("<title>Spider-Man returns to cinemas</title>", ""));
        assert_eq!(m.headline.as_deref(), Some("Spider-Man returns to cinemas"));
    }

    #[test]
    fn the_social_title_two_fields_agree_on_wins_at_the_headline_edges() {
        // A kicker the structured title adds before a colon.
        let m = run(&page(
            r#"<title>Nach dem Rückzug: Anwältin soll Ministerin werden - news</title>
            <meta property="og:title" content="Nach dem Rückzug: Anwältin soll Ministerin werden">
            <meta name="twitter:title" content="Nach dem Rückzug: Anwältin soll Ministerin werden">"#,
            "<h1>Anwältin soll Ministerin werden</h1>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Nach dem Rückzug: Anwältin soll Ministerin werden")
        );
        // A deck the visible headline adds after it.
        let m = run(&page(
            r#"<title>Chelsea send clear message at Cobham in battling win | Standard</title>
            <meta property="og:title" content="Chelsea send clear message at Cobham">
            <meta name="twitter:title" content="Chelsea send clear message at Cobham">"#,
            "<h1>Chelsea send clear message at Cobham in battling win</h1>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("Chelsea send clear message at Cobham")
        );
        // A social title cut off with an ellipsis is not the headline.
        let m = run(&page(
            r#"<title>What will be the trend in the watch market in 2024?</title>
            <meta property="og:title" content="What will be the trend in the watch...">
            <meta name="twitter:title" content="What will be the trend in the watch...">"#,
            "<h1>What will be the trend in the watch market in 2024?</h1>",
        ));
        assert_eq!(
            m.headline.as_deref(),
            Some("What will be the trend in the watch market in 2024?")
        );
    }
}
