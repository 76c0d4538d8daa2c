//! Where the text of a run goes: standard output, or a file that is written whole or not at
//! all. The counterpart of [`crate::read`]; the renderers in [`crate::report`] only make text.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes a whole text to standard output, or to `path` through a [`Sink`].
pub fn write(path: Option<&Path>, text: &str) -> Result<(), Error> {
    let mut sink = Sink::open(path)?;
    sink.write(text);
    sink.finish()
}

/// Where output goes: standard output (a closed pipe is not an error), or a temporary file
/// beside `path`, renamed into place by [`Sink::finish`], so that a failure never leaves half
/// a report. The first write that fails is kept, later writes are skipped, and `finish`
/// returns it. Dropped unfinished, a sink removes its temporary file.
#[derive(Debug)]
pub struct Sink {
    target: Target,
    failure: Option<Error>,
    closed: bool,
}

#[derive(Debug)]
enum Target {
    Stdout(io::Stdout),
    File {
        file: io::BufWriter<std::fs::File>,
        temporary: PathBuf,
        path: PathBuf,
    },
}

impl Sink {
    /// A sink to `path`, or to standard output for `None`; an error when the temporary file
    /// cannot be created.
    pub fn open(path: Option<&Path>) -> Result<Sink, Error> {
        let target = match path {
            None => Target::Stdout(io::stdout()),
            Some(path) => {
                let file_name = path
                    .file_name()
                    .ok_or_else(|| output_error(path, io::ErrorKind::InvalidInput.into()))?;
                let mut temporary_name = std::ffi::OsString::from(".");
                temporary_name.push(file_name);
                temporary_name.push(format!(".{}.tmp", std::process::id()));
                let temporary = path.with_file_name(temporary_name);
                let file = std::fs::File::create(&temporary).map_err(|e| output_error(path, e))?;
                Target::File {
                    file: io::BufWriter::new(file),
                    temporary,
                    path: path.to_path_buf(),
                }
            }
        };
        Ok(Sink {
            target,
            failure: None,
            closed: false,
        })
    }

    /// True once standard output has been closed by its reader (`| head`): what is written
    /// is dropped, so there is no point in making more.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// Writes `text`, unless an earlier write failed; a failure is kept for [`Sink::finish`].
    pub fn write(&mut self, text: &str) {
        if self.failure.is_some() {
            return;
        }
        self.failure = match &mut self.target {
            Target::Stdout(stdout) => match stdout.lock().write_all(text.as_bytes()) {
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                    Some(output_error(Path::new("<stdout>"), error))
                }
                Err(_) => {
                    self.closed = true;
                    None
                }
                Ok(()) => None,
            },
            Target::File { file, path, .. } => file
                .write_all(text.as_bytes())
                .err()
                .map(|e| output_error(path, e)),
        };
    }

    /// Completes the output: flushes standard output, or moves the file into place. The
    /// error is the first failed write's, if any.
    pub fn finish(mut self) -> Result<(), Error> {
        if let Some(failure) = self.failure.take() {
            return Err(failure);
        }
        match &mut self.target {
            Target::Stdout(stdout) => {
                let _ = stdout.flush();
                Ok(())
            }
            Target::File {
                file,
                temporary,
                path,
            } => file
                .flush()
                .and_then(|()| std::fs::rename(&*temporary, &*path))
                .map_err(|e| output_error(path, e)),
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if let Target::File { temporary, .. } = &self.target {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

fn output_error(path: &Path, source: io::Error) -> Error {
    Error::Output {
        path: path.display().to_string(),
        source,
    }
}
