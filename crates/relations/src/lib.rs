//! Sans-IO analysis of coded events: deduplication into GDELT-style events,
//! dyad time series, actor profiles, the signed relation network, blocs by
//! structural balance and escalation flags.
//!
//! Everything here takes [`EventRecord`] values and returns values; nothing
//! opens a file or a database. The store produces the records, the CLI and the
//! server present the results (through [`wire`] for JSON).

pub mod blocs;
pub mod dedup;
pub mod escalation;
pub mod network;
pub mod record;
pub mod series;
pub mod wire;

pub use blocs::{blocs, blocs_of_network, Bloc, BlocOptions, BlocReport, EdgeEvidence};
pub use dedup::{deduplicate, ClusterScores, DedupEvent, DedupOptions};
pub use escalation::{escalations, Direction, EscalationFlag, EscalationOptions};
pub use network::{signed_network, NetworkOptions, SignedEdge, SignedNetwork};
pub use record::{ActorRef, EventId, EventRecord, Tally};
pub use series::{
    actor_profile, dyad_series, top_dyads, ActorProfile, Bucket, DyadSummary, Interval,
    PartnerSummary,
};
