//! Prints every country of the registry with all its designations.
//!
//! ```text
//! cargo run -p multipolar-countries --example dump
//! ```

use multipolar_countries::Registry;

fn main() {
    let reg = Registry::global();
    for c in reg.iter() {
        println!("{:>3} {:<6} {}", c.id().index(), c.label(), c.describe());
        for d in c.designations() {
            println!("           {d}");
        }
    }
}
