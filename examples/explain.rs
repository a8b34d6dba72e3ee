//! Print the extractor's decisions for one page: `cargo run --example explain -- page.html[.gz]`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain PAGE");
        std::process::exit(2);
    };
    match gleaner::_internal::read_page(&path, 64 << 20) {
        Ok(bytes) => {
            let text = gleaner::_internal::decode::decode(&bytes, None).text;
            print!("{}", gleaner::_internal::extract::explain(&text));
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
