//! Links `multipolar` as a position-dependent executable. A position-independent
//! one makes the loader apply ~230,000 relocations at every start (DataFusion's and
//! arrow's vtables), writing 4 MB of pages and reading 5.5 MB of relocation table
//! before `main`: 9 MB of the resident memory of every command, a third of a small
//! query's (bench/events/run). The cost is address-space randomisation of the
//! executable's own image; libraries, heap and stacks stay randomised.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
