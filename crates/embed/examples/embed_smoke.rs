//! Prints the first values of a few embeddings: `cargo run -p multipolar-embed --example embed_smoke [MODEL_DIR]`.
fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(multipolar_embed::default_model_dir);
    let e = multipolar_embed::Embedder::load(&dir)?;
    let texts = [
        "Abdellatif Hammouchi, head of Morocco's security services, visited Moscow for three days of talks on counterterrorism, cybersecurity and intelligence cooperation.",
        "Protesters burned tyres outside parliament.",
        "",
    ];
    let v = e.embed(&texts)?;
    for (t, v) in texts.iter().zip(&v) {
        println!("{:?} {:?}", &t[..t.len().min(30)], &v[..5]);
    }
    println!("cos01 {}", multipolar_embed::cosine(&v[0], &v[1]));
    Ok(())
}
