//! Multinomial logistic regression (softmax regression) on sentence embeddings, trained in
//! Rust with full-batch Adam and an L2 penalty. Small enough to store as JSON.

use serde::{Deserialize, Serialize};

use crate::error::{EmbedError, Result};

/// A trained softmax-regression head: `p = softmax(W x + b)`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Softmax {
    pub labels: Vec<String>,
    pub dim: usize,
    /// Row-major `labels.len() x dim`.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty on the weights (not the bias), per example.
    pub l2: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 300,
            learning_rate: 0.05,
            l2: 1e-4,
        }
    }
}

impl Softmax {
    /// Fits on `x` (rows of length `dim`) with class indices `y` into `labels`.
    pub fn train(
        x: &[Vec<f32>],
        y: &[usize],
        labels: Vec<String>,
        opts: TrainOptions,
    ) -> Result<Softmax> {
        let k = labels.len();
        if x.is_empty() || x.len() != y.len() || k < 2 {
            return Err(EmbedError::Invalid(format!(
                "training needs examples with labels and at least 2 classes ({} rows, {} labels, {k} classes)",
                x.len(),
                y.len()
            )));
        }
        let dim = x[0].len();
        if let Some(bad) = x.iter().find(|r| r.len() != dim) {
            return Err(EmbedError::Invalid(format!(
                "rows differ in length ({} vs {dim})",
                bad.len()
            )));
        }
        if let Some(&bad) = y.iter().find(|&&c| c >= k) {
            return Err(EmbedError::Invalid(format!("class {bad} out of range")));
        }
        let n = x.len() as f32;
        let np = k * dim + k;
        let mut params = vec![0f32; np];
        let (mut m, mut v) = (vec![0f32; np], vec![0f32; np]);
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let mut grad = vec![0f32; np];
        let mut logits = vec![0f32; k];
        for t in 1..=opts.epochs {
            grad.iter_mut().for_each(|g| *g = 0.0);
            for (row, &c) in x.iter().zip(y) {
                let (w, b) = params.split_at(k * dim);
                scores(w, b, row, &mut logits);
                softmax_in_place(&mut logits);
                logits[c] -= 1.0;
                let (gw, gb) = grad.split_at_mut(k * dim);
                for j in 0..k {
                    let d = logits[j];
                    if d.abs() < 1e-7 {
                        continue;
                    }
                    gb[j] += d;
                    for (g, &xi) in gw[j * dim..(j + 1) * dim].iter_mut().zip(row) {
                        *g += d * xi;
                    }
                }
            }
            let (b1t, b2t) = (1.0 - b1.powi(t as i32), 1.0 - b2.powi(t as i32));
            for i in 0..np {
                let mut g = grad[i] / n;
                if i < k * dim {
                    g += opts.l2 * params[i];
                }
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                v[i] = b2 * v[i] + (1.0 - b2) * g * g;
                params[i] -= opts.learning_rate * (m[i] / b1t) / ((v[i] / b2t).sqrt() + eps);
            }
        }
        let bias = params.split_off(k * dim);
        Ok(Softmax {
            labels,
            dim,
            weights: params,
            bias,
        })
    }

    /// Class probabilities for one embedding (in `labels` order).
    pub fn probabilities(&self, x: &[f32]) -> Vec<f32> {
        let mut out = vec![0f32; self.labels.len()];
        scores(&self.weights, &self.bias, x, &mut out);
        softmax_in_place(&mut out);
        out
    }

    /// The most probable class and its probability.
    pub fn predict(&self, x: &[f32]) -> (usize, f32) {
        argmax(&self.probabilities(x))
    }

    pub(crate) fn check(&self) -> Result<()> {
        let k = self.labels.len();
        if k < 2 || self.weights.len() != k * self.dim || self.bias.len() != k {
            return Err(EmbedError::Invalid(format!(
                "head has {} labels, {} weights, {} biases for dimension {}",
                k,
                self.weights.len(),
                self.bias.len(),
                self.dim
            )));
        }
        Ok(())
    }
}

fn scores(w: &[f32], b: &[f32], x: &[f32], out: &mut [f32]) {
    let dim = x.len();
    for (j, o) in out.iter_mut().enumerate() {
        *o = b[j] + dot(&w[j * dim..(j + 1) * dim], x);
    }
}

/// Dot product with eight independent accumulators, so that it vectorises.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (pa, pb) in ca.zip(cb) {
        for ((s, x), y) in acc.iter_mut().zip(pa).zip(pb) {
            *s += x * y;
        }
    }
    acc.iter().sum::<f32>() + tail
}

fn softmax_in_place(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

/// Index and value of the largest element (first on ties; `(0, 0.0)` when empty).
pub fn argmax(p: &[f32]) -> (usize, f32) {
    let best = p
        .iter()
        .copied()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, v)| {
            if v > best.1 { (i, v) } else { best }
        });
    if best.1.is_finite() { best } else { (0, 0.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_three_clusters() {
        let centres = [[1.0f32, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..90 {
            let c = i % 3;
            let jitter = ((i * 7919) % 13) as f32 / 40.0 - 0.15;
            let mut row = centres[c].to_vec();
            row[(c + 1) % 3] += jitter;
            x.push(row);
            y.push(c);
        }
        let labels = vec!["a".into(), "b".into(), "c".into()];
        let head = Softmax::train(&x, &y, labels, TrainOptions::default()).unwrap();
        head.check().unwrap();
        for (row, &c) in x.iter().zip(&y) {
            let (p, conf) = head.predict(row);
            assert_eq!(p, c);
            assert!(conf > 0.5 && conf <= 1.0);
        }
        let probs = head.probabilities(&[0.3, 0.3, 0.3]);
        assert!((probs.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn rejects_bad_input() {
        let labels = vec!["a".into(), "b".into()];
        assert!(Softmax::train(&[], &[], labels.clone(), TrainOptions::default()).is_err());
        assert!(
            Softmax::train(&[vec![1.0]], &[5], labels.clone(), TrainOptions::default()).is_err()
        );
        assert!(
            Softmax::train(
                &[vec![1.0], vec![1.0, 2.0]],
                &[0, 1],
                labels,
                TrainOptions::default()
            )
            .is_err()
        );
    }

    #[test]
    fn argmax_handles_empty_and_nan() {
        assert_eq!(argmax(&[]), (0, 0.0));
        assert_eq!(argmax(&[0.2, 0.7, 0.1]), (1, 0.7));
    }
}
