//! all-MiniLM-L6-v2 in candle: tokenise, run BERT, mean-pool over real tokens, L2-normalise
//! (what sentence-transformers does for this model: `1_Pooling/config.json` says mean pooling,
//! `modules.json` adds `Normalize`).

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{Tokenizer, TruncationParams};

use crate::error::{EmbedError, Result};

/// Default model directory name under `$MULTIPOLAR_DATA/models/`.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";

/// Files the model directory must hold (all written by `scripts/setup-model`).
const REQUIRED: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// `$MULTIPOLAR_DATA/models/all-MiniLM-L6-v2`, where `scripts/setup-model` puts the model
/// by default (`$MULTIPOLAR_DATA` defaults to `$XDG_DATA_HOME/multipolar`, else
/// `~/.local/share/multipolar`, as in the CLI).
pub fn default_model_dir() -> PathBuf {
    let data = std::env::var_os("MULTIPOLAR_DATA")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("multipolar")))
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/multipolar"))
        })
        .unwrap_or_else(|| PathBuf::from("multipolar-data"));
    data.join("models").join(MODEL_NAME)
}

/// Whether `dir` holds the files [`Embedder::load`] needs.
pub fn model_present(dir: &Path) -> bool {
    REQUIRED.iter().all(|f| dir.join(f).is_file())
}

/// A loaded sentence-embedding model (CPU, f32).
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    max_tokens: usize,
    batch_size: usize,
    dir: PathBuf,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dir", &self.dir)
            .field("dim", &self.dim)
            .field("max_tokens", &self.max_tokens)
            .field("batch_size", &self.batch_size)
            .finish()
    }
}

fn file_err(path: &Path, msg: impl std::fmt::Display) -> EmbedError {
    EmbedError::File {
        path: path.to_path_buf(),
        msg: msg.to_string(),
    }
}

impl Embedder {
    /// Loads the model from a directory written by `scripts/setup-model`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Embedder> {
        let dir = dir.as_ref();
        for file in REQUIRED {
            if !dir.join(file).is_file() {
                return Err(EmbedError::ModelMissing {
                    dir: dir.to_path_buf(),
                    file,
                });
            }
        }
        let device = Device::Cpu;
        let config_path = dir.join("config.json");
        let config_text =
            std::fs::read_to_string(&config_path).map_err(|e| file_err(&config_path, e))?;
        let config: Config =
            serde_json::from_str(&config_text).map_err(|e| file_err(&config_path, e))?;
        let dim: usize = serde_json::from_str::<serde_json::Value>(&config_text)
            .ok()
            .and_then(|v| v.get("hidden_size").and_then(|h| h.as_u64()))
            .ok_or_else(|| file_err(&config_path, "no hidden_size"))?
            as usize;

        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tok_path).map_err(|e| file_err(&tok_path, e))?;
        // sentence-transformers' max_seq_length for this model is 256 (sentence_bert_config.json);
        // tokenizer.json itself pads and truncates to 128, which we replace: padding is done
        // per batch below.
        let max_tokens = read_max_seq_length(dir).unwrap_or(256);
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                ..Default::default()
            }))
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;

        let weights_path = dir.join("model.safetensors");
        let bytes = std::fs::read(&weights_path).map_err(|e| file_err(&weights_path, e))?;
        let vb = VarBuilder::from_buffered_safetensors(bytes, DType::F32, &device)
            .map_err(|e| file_err(&weights_path, e))?;
        let model = BertModel::load(vb, &config).map_err(|e| file_err(&weights_path, e))?;
        Ok(Embedder {
            model,
            tokenizer,
            device,
            dim,
            max_tokens,
            batch_size: 32,
            dir: dir.to_path_buf(),
        })
    }

    /// Embedding dimension (384 for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Longest input in tokens (including `[CLS]`/`[SEP]`); longer text is truncated.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Truncates inputs to at most `n` tokens (at least 2, at most the model's maximum).
    /// Shorter inputs are faster; 128 keeps a news lede whole.
    pub fn set_max_tokens(&mut self, n: usize) -> Result<()> {
        let n = n.clamp(2, 512);
        self.tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: n,
                ..Default::default()
            }))
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        self.max_tokens = n;
        Ok(())
    }

    /// Sentences per forward pass (default 32).
    pub fn set_batch_size(&mut self, n: usize) {
        self.batch_size = n.max(1);
    }

    /// Token ids of one text, as the model sees it (with `[CLS]`/`[SEP]`, truncated).
    pub fn token_ids(&self, text: &str) -> Result<Vec<u32>> {
        let enc = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        Ok(enc.get_ids().to_vec())
    }

    /// One L2-normalised embedding.
    pub fn embed_one(&self, text: &str) -> Result<Vec<f32>> {
        Ok(self.embed(&[text])?.pop().unwrap_or_default())
    }

    /// L2-normalised mean-pooled embeddings, one per text, in input order. Texts are
    /// batched by similar length so that little time goes into padding.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<f32>>> {
        let ids: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| self.token_ids(t.as_ref()))
            .collect::<Result<_>>()?;
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| ids[i].len());
        let mut out = vec![Vec::new(); ids.len()];
        for chunk in order.chunks(self.batch_size) {
            let batch: Vec<&[u32]> = chunk.iter().map(|&i| ids[i].as_slice()).collect();
            let vecs = self.forward_batch(&batch)?;
            for (&i, v) in chunk.iter().zip(vecs) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    fn forward_batch(&self, batch: &[&[u32]]) -> Result<Vec<Vec<f32>>> {
        let n = batch.len();
        let len = batch.iter().map(|b| b.len()).max().unwrap_or(0).max(1);
        let mut input = vec![0u32; n * len];
        let mut mask = vec![0u32; n * len];
        for (r, ids) in batch.iter().enumerate() {
            input[r * len..r * len + ids.len()].copy_from_slice(ids);
            mask[r * len..r * len + ids.len()].fill(1);
        }
        let input = Tensor::from_vec(input, (n, len), &self.device)?;
        let mask = Tensor::from_vec(mask, (n, len), &self.device)?;
        let types = input.zeros_like()?;
        let hidden = self.model.forward(&input, &types, Some(&mask))?; // (n, len, dim)
        let maskf = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (n, len, 1)
        let summed = hidden.broadcast_mul(&maskf)?.sum(1)?; // (n, dim)
        let counts = maskf.sum(1)?.clamp(1e-9, f64::MAX)?; // (n, 1)
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        let unit = mean.broadcast_div(&norm)?;
        Ok(unit.to_vec2::<f32>()?)
    }
}

fn read_max_seq_length(dir: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(dir.join("sentence_bert_config.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("max_seq_length")?.as_u64().map(|n| n as usize)
}

/// Cosine similarity of two vectors (1 for identical directions).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}
