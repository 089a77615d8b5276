//! Integration tests for the actors crate: bundled data, composition, dates,
//! PETRARCH imports, coreference, seeds (golden) and the NGEC score floor.

mod helpers;
mod mentions;
mod petrarch_files;
mod seeds;
