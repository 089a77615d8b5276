//! Reads inputs and prints one line per document or diagnostic:
//! `cargo run -p ingest --example read -- PATH...` (no path: stdin).

use ingest::{read_inputs, Input, ReadOptions};

fn main() {
    let mut inputs: Vec<Input> = std::env::args()
        .skip(1)
        .map(|a| {
            if a == "-" {
                Input::Stdin
            } else {
                Input::Path(a.into())
            }
        })
        .collect();
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    let start = std::time::Instant::now();
    let (mut docs, mut diags, mut bytes) = (0usize, 0usize, 0usize);
    for item in read_inputs(&inputs, &ReadOptions::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                bytes += doc.text.len();
                if docs <= 5 {
                    let head: String = doc.text.chars().take(70).collect();
                    println!(
                        "{}\t{:?}\t{:?}\t{} comments\t{head:?}",
                        doc.id,
                        doc.date,
                        doc.title,
                        doc.comments.len()
                    );
                }
            }
            Err(d) => {
                diags += 1;
                eprintln!("{d}");
            }
        }
    }
    eprintln!(
        "{docs} documents, {diags} diagnostics, {bytes} text bytes in {:.2}s",
        start.elapsed().as_secs_f64()
    );
}
