//! Integration tests: golden analyses of news sentences, grammar queries, accuracy floors.

mod accuracy;
mod average;
mod golden;
