//! What every command shares: the data directory, output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use multipolar_data::store::Store;
use multipolar_output::{Format, Frame};

use crate::args::{FormatArg, OutArgs};

/// The data directory: `--data-dir`, `$MULTIPOLAR_DATA`, or the platform default.
pub fn store(data_dir: &Option<PathBuf>) -> Result<Store> {
    let dir = data_dir.clone().unwrap_or_else(Store::default_dir);
    Ok(Store::open(&dir)?)
}

/// Writes a frame to `--out` (atomically: a temporary file renamed into place) or
/// to stdout.
pub fn emit(frame: &Frame, out: &OutArgs) -> Result<()> {
    write_frame(frame, format(out.format), out.out.as_deref())
}

/// The output crate's format for a flag value.
pub fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Parquet => Format::Parquet,
    }
}

/// Writes `frame` to `path` (atomically) or stdout.
pub fn write_frame(frame: &Frame, format: Format, path: Option<&Path>) -> Result<()> {
    match path {
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot create a file in {}", dir.display()))?;
            frame.write(format, tmp.as_file_mut())?;
            tmp.as_file_mut().flush()?;
            tmp.persist(p)
                .with_context(|| format!("cannot write {}", p.display()))?;
            Ok(())
        }
        None => {
            let stdout = std::io::stdout();
            if format.is_binary() && stdout.is_terminal() {
                bail!("refusing to write Parquet to a terminal; use --out FILE or a pipe");
            }
            let mut lock = std::io::BufWriter::new(stdout.lock());
            if let Err(e) = frame.write(format, &mut lock) {
                if let multipolar_output::OutputError::Io(io) = e {
                    return Err(io.into());
                }
                return Err(e.into());
            }
            lock.flush()?;
            Ok(())
        }
    }
}
