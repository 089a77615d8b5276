//! The pipeline: one document in, sentences, parses, actor mentions and coded
//! events out. It wires the stages together and owns no IO: dictionaries
//! arrive as text, documents as values.

use std::sync::Arc;

use actors::ActorDictionary;
use coder::{Coder, CoderOptions, DatedSpan, Node, SentenceInput, Tree};
use model::{ActorMention, Document, Event, Sentence, Span};
use verbs::VerbDictionary;

/// A dictionary file handed to the pipeline: its name (for messages) and text.
#[derive(Debug, Clone)]
pub struct DictSource {
    pub name: String,
    pub text: String,
}

/// How to build a pipeline.
#[derive(Debug, Clone, Default)]
pub struct PipelineConfig {
    /// Leave out the bundled actor and verb dictionaries. The user's verb
    /// dictionaries are then coded with their own (PETRARCH) semantics:
    /// patterns carry negation and modality, and codes outside the CAMEO
    /// codebook are kept as [`Processed::dictionary_events`].
    pub no_default_dicts: bool,
    /// More dictionaries (PETRARCH/TABARI/Phoenix formats), recognised by content.
    pub dicts: Vec<DictSource>,
    pub coder: CoderOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{name}: {message}")]
    Dictionary { name: String, message: String },
    #[error("{0}: not a recognised dictionary (expected PETRARCH/TABARI actors, agents, discards or verbs)")]
    UnknownDictionary(String),
}

/// Which data produced the codes; stored with every event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    pub caspian: &'static str,
    pub actors: String,
    pub verbs: String,
    pub syntax: String,
}

impl Versions {
    /// One line: `caspian 0.1.0; actors ...; verbs ...; syntax ...`.
    pub fn summary(&self) -> String {
        format!(
            "caspian {}; actors {}; verbs {}; syntax {}",
            self.caspian, self.actors, self.verbs, self.syntax
        )
    }
}

/// What the pipeline made of one document.
#[derive(Debug, Clone, Default)]
pub struct Processed {
    pub sentences: Vec<Sentence>,
    pub trees: Vec<Tree>,
    pub mentions: Vec<ActorMention>,
    pub events: Vec<Event>,
    /// Per sentence, the code of its main asserted trigger, actors or not.
    pub sentence_codes: Vec<Option<model::cameo::CameoCode>>,
    /// Events with a user dictionary's code outside the CAMEO codebook (only
    /// when coding with the dictionary's own semantics; see
    /// [`PipelineConfig::no_default_dicts`]).
    pub dictionary_events: Vec<coder::DictionaryEvent>,
}

/// The configured pipeline; build once, share across threads.
pub struct Pipeline {
    actors: Arc<ActorDictionary>,
    coder: Coder,
    syntax: &'static syntax::Model,
    versions: Versions,
}

impl Pipeline {
    pub fn new(config: PipelineConfig) -> Result<Self, PipelineError> {
        let mut actor_builder = ActorDictionary::builder();
        let mut verb_builder = VerbDictionary::builder();
        if !config.no_default_dicts {
            actor_builder = actor_builder.with_bundled();
            verb_builder = verb_builder.with_bundled();
        } else {
            // The user's dictionaries alone are read as PETRARCH reads them.
            actor_builder.set_anonymous_agents(true);
        }
        for dict in &config.dicts {
            if VerbDictionary::is_verb_dictionary(&dict.text) {
                verb_builder.add_file(&dict.name, &dict.text).map_err(|e| {
                    PipelineError::Dictionary {
                        name: dict.name.clone(),
                        message: e.to_string(),
                    }
                })?;
            } else if actors::detect_kind(&dict.text).is_some() {
                actor_builder
                    .add_file(&dict.name, &dict.text)
                    .map_err(|e| PipelineError::Dictionary {
                        name: dict.name.clone(),
                        message: e.to_string(),
                    })?;
            } else {
                return Err(PipelineError::UnknownDictionary(dict.name.clone()));
            }
        }
        let actors = Arc::new(actor_builder.build());
        let verbs = Arc::new(verb_builder.build());
        let versions = Versions {
            caspian: env!("CARGO_PKG_VERSION"),
            actors: actors.version(),
            verbs: verbs.version(),
            syntax: syntax_version(),
        };
        let mut options = config.coder;
        options.dictionary_semantics |= config.no_default_dicts;
        Ok(Self {
            coder: Coder::new(verbs, options),
            actors,
            syntax: syntax::Model::english(),
            versions,
        })
    }

    /// The same dictionaries and parser, coded with other coder options (a
    /// PETRARCH validation file changes options between records).
    pub fn with_coder_options(&self, options: CoderOptions) -> Self {
        let mut options = options;
        options.dictionary_semantics |= self.coder.options().dictionary_semantics;
        Self {
            actors: Arc::clone(&self.actors),
            coder: self.coder.with_options(options),
            syntax: self.syntax,
            versions: self.versions.clone(),
        }
    }

    /// The coder's options.
    pub fn coder_options(&self) -> &coder::CoderOptions {
        self.coder.options()
    }

    pub fn versions(&self) -> &Versions {
        &self.versions
    }

    pub fn actors(&self) -> &ActorDictionary {
        &self.actors
    }

    /// Tags and parses a sentence given as words.
    pub fn parse_words(&self, words: &[&str]) -> Tree {
        let analysis = self.syntax.analyze(words);
        Tree::new(
            words
                .iter()
                .zip(analysis.words)
                .map(|(form, w)| Node {
                    form: (*form).to_string(),
                    lemma: w.lemma,
                    upos: w.upos.as_str().to_string(),
                    xpos: w.xpos.to_string(),
                    head: w.head.checked_sub(1),
                    deprel: w.deprel.as_str().to_string(),
                })
                .collect(),
        )
    }

    /// Splits, parses, finds actors and codes events in a document's text.
    /// Reader comments (`doc.comments`) are never coded.
    pub fn process(&self, doc: &Document) -> Processed {
        let text = doc.text.as_str();
        let sentences = text::segment(text);
        let trees: Vec<Tree> = sentences
            .iter()
            .map(|s| self.parse_words(&s.words(text)))
            .collect();
        let mut mentions = self.actors.find_mentions(text, &sentences, doc.date);
        mentions.sort_by_key(|m| (m.sentence_index, m.span.start));
        let mut events = Vec::new();
        let mut dictionary_events = Vec::new();
        let mut sentence_codes = vec![None; sentences.len()];
        let mut first_mention = 0;
        for (sentence, tree) in sentences.iter().zip(&trees) {
            let end = mentions[first_mention..]
                .iter()
                .position(|m| m.sentence_index != sentence.index)
                .map_or(mentions.len(), |p| first_mention + p);
            let in_sentence = &mentions[first_mention..end];
            first_mention = end;
            let sentence_text = sentence.text(text);
            if self.actors.is_discarded(sentence_text) {
                continue;
            }
            let dates: Vec<DatedSpan> = text::dates::find_dates(sentence_text, doc.date)
                .into_iter()
                .map(|d| DatedSpan {
                    span: Span::new(
                        sentence.span.start + d.span.start,
                        sentence.span.start + d.span.end,
                    ),
                    date: d.date,
                })
                .collect();
            let coding = self.coder.code_sentence_full(&SentenceInput {
                doc_text: text,
                sentence,
                tree,
                mentions: in_sentence,
                dates: &dates,
                doc_date: doc.date,
            });
            sentence_codes[sentence.index] = coding.main_code;
            events.extend(coding.events);
            dictionary_events.extend(coding.dictionary_events);
        }
        Processed {
            sentences,
            trees,
            mentions,
            events,
            sentence_codes,
            dictionary_events,
        }
    }
}

/// Names the embedded parser models by a hash of their bytes, so a stored
/// event says exactly which models produced it.
fn syntax_version() -> String {
    let (tagger, parser) = syntax::embedded_model_bytes();
    // FNV-1a: stable across platforms and releases, unlike `DefaultHasher`.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in tagger.iter().chain(parser) {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("ud-ewt-{:08x}", h >> 32)
}

/// True when a text is a dictionary the pipeline can load (verbs, actors,
/// agents or discards in PETRARCH/TABARI/Phoenix format).
pub fn is_dictionary(text: &str) -> bool {
    VerbDictionary::is_verb_dictionary(text) || actors::detect_kind(text).is_some()
}
