//! The CAMEO event ontology as types: [`CameoCode`], [`QuadClass`],
//! [`PentaClass`], [`Goldstein`] and the [`Plover`] event type of each code.
//!
//! The tables live in `generated.rs`, written from `data/cameo` by the
//! `regenerate_tables` test; nothing here reads a file at run time.

#[rustfmt::skip]
mod generated;

use std::fmt;

pub use generated::{EventCodeEntry, EVENT_CODES};

/// Why a string is not a CAMEO event code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("'{0}' is not a CAMEO event code")]
    Unknown(String),
}

/// A CAMEO 2.0 event code present in the codebook, e.g. `173` or `0871`.
///
/// Holding one means the code exists: construction goes through
/// [`CameoCode::parse`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode(u16);

impl CameoCode {
    /// Looks a code up in the codebook. Accepts the canonical digit strings
    /// (`"01"`, `"173"`, `"0871"`).
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        EVENT_CODES
            .binary_search_by(|e| e.code.cmp(code))
            .map(|i| CameoCode(i as u16))
            .map_err(|_| CodeError::Unknown(code.to_string()))
    }

    fn entry(self) -> &'static EventCodeEntry {
        &EVENT_CODES[self.0 as usize]
    }

    /// The code as written in CAMEO (`"173"`).
    pub fn as_str(self) -> &'static str {
        self.entry().code
    }
    /// The two-digit root (`"17"`).
    pub fn root(self) -> &'static str {
        &self.entry().code[..2]
    }
    /// The root as a code in its own right.
    pub fn root_code(self) -> CameoCode {
        CameoCode::parse(self.root()).expect("every root is in the codebook")
    }
    /// The root as a number 1..=20.
    pub fn root_number(self) -> u8 {
        self.root().parse().expect("roots are digits")
    }
    pub fn name(self) -> &'static str {
        self.entry().name
    }
    pub fn goldstein(self) -> Goldstein {
        Goldstein(self.entry().goldstein)
    }
    pub fn quad_class(self) -> QuadClass {
        QuadClass::of_root(self.root_number())
    }
    pub fn penta_class(self) -> PentaClass {
        PentaClass::of_root(self.root_number())
    }
    /// The PLOVER event type, or `None` for public statements (root 01),
    /// which PLOVER does not code.
    pub fn plover(self) -> Option<Plover> {
        self.entry().plover
    }
    /// The PLOVER mode (e.g. `"visit"`), when the map gives one.
    pub fn plover_mode(self) -> Option<&'static str> {
        self.entry().plover_mode
    }
    /// True when `self` is `other` or one of its sub-codes.
    pub fn is_within(self, other: CameoCode) -> bool {
        self.as_str().starts_with(other.as_str())
    }
    /// Every code in the codebook, in code order.
    pub fn all() -> impl Iterator<Item = CameoCode> {
        (0..EVENT_CODES.len()).map(|i| CameoCode(i as u16))
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CameoCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CameoCode::parse(s)
    }
}

/// The Goldstein conflict-cooperation weight of an event code, -10..=+10
/// (GDELT's table).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Goldstein(pub f32);

/// The four-way QuadClass used by GDELT and ICEWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl QuadClass {
    /// Roots 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
    /// conflict, 14-20 material conflict.
    pub fn of_root(root: u8) -> Self {
        match root {
            0..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }
    pub fn number(self) -> u8 {
        self as u8
    }
    pub fn from_number(n: u8) -> Option<Self> {
        Some(match n {
            1 => QuadClass::VerbalCooperation,
            2 => QuadClass::MaterialCooperation,
            3 => QuadClass::VerbalConflict,
            4 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }
    pub fn is_cooperation(self) -> bool {
        matches!(
            self,
            QuadClass::VerbalCooperation | QuadClass::MaterialCooperation
        )
    }
}

/// The Phoenix/ConfliBERT five-way class: QuadClass with statements (01-02)
/// split off verbal cooperation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PentaClass {
    Statement = 0,
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl PentaClass {
    pub fn of_root(root: u8) -> Self {
        match root {
            0..=2 => PentaClass::Statement,
            3..=5 => PentaClass::VerbalCooperation,
            6..=8 => PentaClass::MaterialCooperation,
            9..=13 => PentaClass::VerbalConflict,
            _ => PentaClass::MaterialConflict,
        }
    }
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// PLOVER event types (manual draft 0.8, 2021).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plover {
    Agree,
    Consult,
    Support,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    Investigate,
    Concede,
}

impl Plover {
    pub const ALL: [Plover; 17] = [
        Plover::Agree,
        Plover::Consult,
        Plover::Support,
        Plover::Cooperate,
        Plover::Aid,
        Plover::Retreat,
        Plover::Request,
        Plover::Accuse,
        Plover::Reject,
        Plover::Threaten,
        Plover::Protest,
        Plover::Sanction,
        Plover::Mobilize,
        Plover::Coerce,
        Plover::Assault,
        Plover::Investigate,
        Plover::Concede,
    ];

    /// The upper-case name used in PLOVER data (`"ASSAULT"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Plover::Agree => "AGREE",
            Plover::Consult => "CONSULT",
            Plover::Support => "SUPPORT",
            Plover::Cooperate => "COOPERATE",
            Plover::Aid => "AID",
            Plover::Retreat => "RETREAT",
            Plover::Request => "REQUEST",
            Plover::Accuse => "ACCUSE",
            Plover::Reject => "REJECT",
            Plover::Threaten => "THREATEN",
            Plover::Protest => "PROTEST",
            Plover::Sanction => "SANCTION",
            Plover::Mobilize => "MOBILIZE",
            Plover::Coerce => "COERCE",
            Plover::Assault => "ASSAULT",
            Plover::Investigate => "INVESTIGATE",
            Plover::Concede => "CONCEDE",
        }
    }

    pub fn parse(name: &str) -> Option<Plover> {
        Plover::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Plover {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrest_is_material_conflict() {
        let c = CameoCode::parse("173").unwrap();
        assert_eq!(c.root(), "17");
        assert_eq!(c.quad_class(), QuadClass::MaterialConflict);
        assert_eq!(c.penta_class(), PentaClass::MaterialConflict);
        assert_eq!(c.goldstein(), Goldstein(-5.0));
        assert_eq!(c.plover(), Some(Plover::Coerce));
        assert!(c.is_within(c.root_code()));
    }

    #[test]
    fn statements_have_no_plover_and_appeals_are_requests() {
        assert_eq!(CameoCode::parse("010").unwrap().plover(), None);
        assert_eq!(
            CameoCode::parse("0233").unwrap().plover(),
            Some(Plover::Request)
        );
    }

    #[test]
    fn unknown_codes_are_rejected() {
        assert!(CameoCode::parse("999").is_err());
        assert!(CameoCode::parse("").is_err());
        assert_eq!(
            CameoCode::parse("21").unwrap_err().to_string(),
            "'21' is not a CAMEO event code"
        );
    }

    #[test]
    fn every_code_has_a_valid_root_and_goldstein() {
        for c in CameoCode::all() {
            assert!((1..=20).contains(&c.root_number()), "{c}");
            let g = c.goldstein().0;
            assert!((-10.0..=10.0).contains(&g), "{c}: {g}");
            assert_eq!(CameoCode::parse(c.as_str()).unwrap(), c);
        }
        assert!(CameoCode::all().count() >= 300);
    }
}
