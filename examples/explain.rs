//! Print why a page gives the record it gives (what cleaning dropped and
//! why, the candidates, the chosen root, the page type, each block's fate):
//! `cargo run --example explain -- page.html[.gz] [URL]`. The command line
//! prints the same with `gleaner --explain page.html`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: explain PAGE [URL]");
        std::process::exit(2);
    };
    let url = args.next();
    let explained = std::fs::read(&path)
        .map_err(|source| gleaner::Error::Io {
            path: path.clone(),
            source,
        })
        .and_then(|bytes| gleaner::explain(&bytes, url.as_deref(), &gleaner::Options::default()));
    match explained {
        Ok(why) => print!("{why}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
