//! Prints what clean_plain_page makes of a plain-text page: `cargo run -p text --example clean_page -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: clean_page FILE");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let page = text::clean_plain_page(&raw);
    println!(
        "title: {:?}\ndate: {:?}\nauthor: {:?}",
        page.title, page.date, page.author
    );
    println!("--- body\n{}", page.body);
    for (i, c) in page.comments.iter().enumerate() {
        println!("--- comment {i}\n{c}");
    }
}
