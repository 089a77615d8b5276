//! Date-resolution tests, one per expression type.

use model::NaiveDate;
use text::dates::{find_dates, find_publication_date, Granularity};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The one date found in `sentence`, with the text it covers.
fn one(sentence: &str, publication: NaiveDate) -> (String, NaiveDate, Granularity) {
    let found = find_dates(sentence, Some(publication));
    assert_eq!(found.len(), 1, "{sentence}: {found:?}");
    let m = found[0];
    (m.span.slice(sentence).to_string(), m.date, m.granularity)
}

// Monday 6 February 2023.
const PUB: (i32, u32, u32) = (2023, 2, 6);

fn publication() -> NaiveDate {
    d(PUB.0, PUB.1, PUB.2)
}

#[test]
fn month_day_without_year_is_most_recent() {
    assert_eq!(
        one(
            "On January 11, Azerbaijan appointed an envoy.",
            publication()
        ),
        ("January 11".into(), d(2023, 1, 11), Granularity::Day)
    );
    assert_eq!(
        one("Arrests followed on November 2.", publication()).1,
        d(2022, 11, 2)
    );
    // A few days ahead is still this year.
    assert_eq!(
        one("Talks resume on February 9.", publication()).1,
        d(2023, 2, 9)
    );
    assert_eq!(
        one("It happened on 21 February.", publication()).1,
        d(2022, 2, 21)
    );
    assert_eq!(one("They met on Feb. 1.", publication()).1, d(2023, 2, 1));
}

#[test]
fn full_dates() {
    assert_eq!(
        one("It was signed on February 6, 2012 in Baku.", publication()).1,
        d(2012, 2, 6)
    );
    assert_eq!(
        one("It was signed on 6 February 2012.", publication()).1,
        d(2012, 2, 6)
    );
    assert_eq!(
        one("Filed 2012-02-06 by staff.", publication()).1,
        d(2012, 2, 6)
    );
}

#[test]
fn months_and_years() {
    assert_eq!(
        one("Ties began in April 1992.", publication()),
        ("April 1992".into(), d(1992, 4, 1), Granularity::Month)
    );
    assert_eq!(
        one("They won the war in 2020.", publication()),
        ("2020".into(), d(2020, 1, 1), Granularity::Year)
    );
    assert_eq!(
        one("Prices fell in May.", publication()),
        ("May".into(), d(2022, 5, 1), Granularity::Month)
    );
    assert!(find_dates("About 2020 people came.", Some(publication())).is_empty());
    assert!(find_dates("They may come.", Some(publication())).is_empty());
}

#[test]
fn relative_days() {
    assert_eq!(
        one("Iran protested yesterday.", publication()),
        ("yesterday".into(), d(2023, 2, 5), Granularity::Day)
    );
    assert_eq!(one("Officials met today.", publication()).1, d(2023, 2, 6));
    // Publication is a Monday: "Tuesday" is the previous one.
    assert_eq!(
        one("The envoy left on Tuesday.", publication()),
        ("Tuesday".into(), d(2023, 1, 31), Granularity::Day)
    );
    assert_eq!(
        one("He spoke last Friday.", publication()),
        ("last Friday".into(), d(2023, 2, 3), Granularity::Day)
    );
    assert_eq!(
        one("He will speak next Friday.", publication()).1,
        d(2023, 2, 10)
    );
}

#[test]
fn weekday_before_date_defers_to_the_date() {
    let found = find_dates(
        "On Tuesday, January 31, the envoy left.",
        Some(publication()),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].date, d(2023, 1, 31));
    let found = find_dates("On Tuesday 31 January the envoy left.", Some(publication()));
    assert_eq!(found.len(), 1);
}

#[test]
fn relative_periods() {
    assert_eq!(
        one("An article last week said so.", publication()),
        ("last week".into(), d(2023, 1, 30), Granularity::Week)
    );
    assert_eq!(
        one("Sanctions began last month.", publication()),
        ("last month".into(), d(2023, 1, 1), Granularity::Month)
    );
    assert_eq!(
        one("Elections are due next year.", publication()),
        ("next year".into(), d(2024, 1, 1), Granularity::Year)
    );
    assert_eq!(
        one("The embassy opened three years ago.", publication()),
        ("three years ago".into(), d(2020, 1, 1), Granularity::Year)
    );
    assert_eq!(
        one("It closed 10 days ago.", publication()).1,
        d(2023, 1, 27)
    );
}

#[test]
fn no_date_expressions() {
    assert!(find_dates("Tehran recently conducted operations.", Some(publication())).is_empty());
    // Relative dates need a publication date.
    assert!(find_dates("Iran protested yesterday on January 11.", None).is_empty());
    // Absolute ones do not.
    assert_eq!(find_dates("Signed on February 6, 2012.", None).len(), 1);
}

#[test]
fn several_dates_in_one_sentence() {
    let s = "Azerbaijan arrested 19 people on November 2, five on November 14, and recently on February 1, 39 nationals.";
    let found: Vec<NaiveDate> = find_dates(s, Some(publication()))
        .iter()
        .map(|m| m.date)
        .collect();
    assert_eq!(found, vec![d(2022, 11, 2), d(2022, 11, 14), d(2023, 2, 1)]);
}

#[test]
fn publication_date_formats() {
    assert_eq!(
        find_publication_date("Title\n\nFEB 6, 2023, 2:20 PM\n\nBody."),
        Some(d(2023, 2, 6))
    );
    assert_eq!(
        find_publication_date("Posted February 6, 2023 by staff"),
        Some(d(2023, 2, 6))
    );
    assert_eq!(find_publication_date("2023-02-06"), Some(d(2023, 2, 6)));
    assert_eq!(
        find_publication_date("Monday, 6 February 2023"),
        Some(d(2023, 2, 6))
    );
    assert_eq!(
        find_publication_date("No date here, only April 1992."),
        None
    );
}
