//! Print the flat tree (debugging aid): `cargo run --example dumptree -- page.html[.gz] [from] [to]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else { return };
    let from: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let to: usize = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let Ok(bytes) = gleaner::_internal::read_page(path, 64 << 20) else {
        return;
    };
    let text = gleaner::_internal::decode::decode(&bytes, None).text;
    let html = gleaner::_internal::dom::parse(&text);
    let dom = gleaner::_internal::dom::Dom::build(&html, 512);
    for (i, n) in dom
        .iter()
        .enumerate()
        .skip(from)
        .take(to.saturating_sub(from))
    {
        let mut depth = 0;
        let mut j = i;
        while dom.parent(j) != j && depth < 200 {
            j = dom.parent(j);
            depth += 1;
        }
        let what = match n.data {
            gleaner::_internal::dom::Data::Element(_, el) => format!(
                "<{} class={:?} id={:?}>",
                el.name(),
                el.attr("class").unwrap_or(""),
                el.attr("id").unwrap_or("")
            ),
            gleaner::_internal::dom::Data::Text(t) => {
                format!("{:?}", t.chars().take(60).collect::<String>())
            }
            gleaner::_internal::dom::Data::Other => "other".into(),
        };
        println!("{i:5} {}{}", " ".repeat(depth.min(40)), what);
    }
}
