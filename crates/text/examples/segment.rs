//! Prints the sentences and tokens of a text file: `cargo run -p text --example segment -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: segment FILE");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    for sentence in text::segment(&raw) {
        println!("{:>4} {}", sentence.index, sentence.words(&raw).join(" "));
    }
}
