//! Integration tests for the cameo crate: the generated tables are exactly what
//! the committed generator makes from `data/cameo`.

mod generate;

#[test]
fn regenerate_tables() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../../data/cameo");
    let fresh = generate::generate(&data);
    let path = root.join("src/generated.rs");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        committed == fresh,
        "crates/cameo/src/generated.rs is stale: run `UPDATE_GENERATED=1 cargo test -p cameo`"
    );
}
