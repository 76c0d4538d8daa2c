//! Where the text of a run goes: standard output, or a file that is written whole or not at
//! all. The counterpart of [`crate::read`]; the renderers in [`crate::report`] write into a
//! [`Sink`] as they go, through a buffer, so that no report is held whole in memory.
//!
//! A file is written through a temporary file created exclusively, under a random name, in
//! the destination's directory, and renamed onto the destination when complete, so a planted
//! link cannot redirect the write and a failure never leaves half a report. An existing
//! destination keeps its permissions; a symbolic link to a regular file stays a link and its
//! target is replaced; a destination that is not a regular file (a character device such as
//! `/dev/null`, a FIFO, or a link to one) and any path under `/dev` or `/proc` (`/dev/stdout`)
//! are written in place, as a shell's `>` would, instead of being replaced. Every temporary
//! file is listed while it exists, so that [`remove_temporary_files`] (which the binary calls
//! on SIGINT and SIGTERM) can remove it.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::TempPath;

use crate::error::Error;

/// Removes every temporary file a [`Sink`] holds, for a process about to exit on a signal.
/// The list stays locked afterwards, so no sink makes a new temporary file before the exit.
pub fn remove_temporary_files() {
    let temporaries = temporaries();
    for path in temporaries.iter() {
        let _ = fs::remove_file(path);
    }
    std::mem::forget(temporaries);
}

/// The temporary files that exist now.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temporaries() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where output goes: standard output (a closed pipe is not an error), a temporary file
/// beside the destination, renamed into place by [`Sink::finish`], or an existing file that
/// is not a regular file, written in place; always through a buffer of [`BUFFER_BYTES`].
/// The first write that fails is kept, later writes are skipped, and `finish` returns it.
/// Dropped unfinished, a sink removes its temporary file.
///
/// A sink is an [`io::Write`]: once a write has failed or standard output has been closed,
/// every later write fails at once, so a renderer writing into it stops early; the failure
/// that counts is the one [`Sink::finish`] returns.
#[derive(Debug)]
pub struct Sink {
    target: Target,
    failure: Option<Error>,
    closed: bool,
}

/// The size of a sink's buffer: standard output is line-buffered, and pretty JSON would
/// otherwise take a system call per line.
const BUFFER_BYTES: usize = 64 * 1024;

#[derive(Debug)]
enum Target {
    Stdout(BufWriter<io::Stdout>),
    /// An existing device or FIFO (or a link to one), or a [system alias](is_system_alias),
    /// written in place.
    InPlace {
        file: BufWriter<File>,
        path: PathBuf,
    },
    /// A temporary file, renamed onto `destination` (`path`, or the file its link points to).
    Replace {
        file: BufWriter<File>,
        temporary: Temporary,
        destination: PathBuf,
        path: PathBuf,
        /// The file now at `destination`, which the output replaces.
        replaces: Option<FileId>,
    },
}

/// Which existing file a path leads to, so that two paths to one file are told the same: its
/// device and inode.
#[cfg(unix)]
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileId(u64, u64);

/// Which existing file a path leads to, so that two paths to one file are told the same: its
/// canonical path.
#[cfg(not(unix))]
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileId(PathBuf);

impl FileId {
    /// The file `path` leads to, following links; `None` when there is none.
    fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let metadata = fs::metadata(path).ok()?;
            Some(FileId(metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        {
            fs::canonicalize(path).ok().map(FileId)
        }
    }
}

/// A temporary file, listed in [`TEMPORARIES`] while it exists; removed when dropped.
#[derive(Debug)]
struct Temporary(Option<TempPath>);

impl Temporary {
    /// Renames the file onto `destination`, and unlists it.
    fn persist(mut self, destination: &Path) -> io::Result<()> {
        let mut temporaries = temporaries();
        let path = self.0.take().expect("a temporary file is persisted once");
        temporaries.retain(|listed| listed != &*path);
        path.persist(destination).map_err(|e| e.error)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let mut temporaries = temporaries();
            temporaries.retain(|listed| listed != &*path);
            drop(path);
        }
    }
}

impl Target {
    /// The target for output to `path`, created before any work so that an unwritable
    /// destination is reported first.
    fn file(path: &Path) -> io::Result<Target> {
        let existing = match fs::metadata(path) {
            Ok(metadata) => Some(metadata),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(error),
        };
        if let Some(metadata) = &existing {
            if metadata.is_dir() {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "the output is a directory",
                ));
            }
            if !metadata.is_file() || is_system_alias(path) {
                let file = fs::OpenOptions::new().append(true).open(path)?;
                return Ok(Target::InPlace {
                    file: BufWriter::with_capacity(BUFFER_BYTES, file),
                    path: path.to_path_buf(),
                });
            }
        }
        let destination = match &existing {
            Some(_) if fs::symlink_metadata(path)?.is_symlink() => fs::canonicalize(path)?,
            _ => path.to_path_buf(),
        };
        Target::replacing(destination, path, existing.map(|m| m.permissions()))
    }

    /// The target that writes a temporary file beside `destination` and renames it there,
    /// whatever is there now (a link is replaced, not followed): `path` is the name errors
    /// give, and `permissions` the file's, when not a new file's.
    fn replacing(
        destination: PathBuf,
        path: &Path,
        permissions: Option<fs::Permissions>,
    ) -> io::Result<Target> {
        let file_name = destination
            .file_name()
            .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        let directory = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut prefix = OsString::from(".");
        prefix.push(file_name);
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        let new_file_permissions = std::os::unix::fs::PermissionsExt::from_mode(0o666);
        #[cfg(unix)]
        builder.permissions(new_file_permissions);
        // A missing directory is reported as such, not by the random name tempfile tried.
        fs::metadata(directory).map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => io::Error::new(
                io::ErrorKind::NotFound,
                format!("its folder {} does not exist", directory.display()),
            ),
            _ => error,
        })?;
        let mut temporaries = temporaries();
        let (file, temporary) = builder.tempfile_in(directory)?.into_parts();
        temporaries.push(temporary.to_path_buf());
        drop(temporaries);
        let temporary = Temporary(Some(temporary));
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        Ok(Target::Replace {
            file: BufWriter::with_capacity(BUFFER_BYTES, file),
            temporary,
            replaces: FileId::of(&destination),
            destination,
            path: path.to_path_buf(),
        })
    }
}

/// Whether `path` is a name the system gives an open file or a device (`/dev/stdout`,
/// `/dev/fd/3`, `/proc/self/fd/1`): written in place (appending, as `>>` would, so a shell's
/// `>` or `>>` redirection is kept) even when it leads to a regular file, never replaced.
fn is_system_alias(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

impl Sink {
    /// A sink to `path`, or to standard output for `None`; an error naming `path` when it
    /// cannot be written (a missing directory, a directory, no permission).
    pub fn open(path: Option<&Path>) -> Result<Sink, Error> {
        let target = match path {
            None => Target::Stdout(BufWriter::with_capacity(BUFFER_BYTES, io::stdout())),
            Some(path) => Target::file(path).map_err(|e| output_error(path, e))?,
        };
        Ok(Sink {
            target,
            failure: None,
            closed: false,
        })
    }

    /// A sink that writes a new file at `path` and renames it there when finished, replacing
    /// whatever entry is there (a link itself, never its target): for files crosscheck names
    /// itself, such as the pages of an HTML batch, where a planted link must not redirect the
    /// write. An error names `path` when it cannot be written.
    pub fn replace(path: &Path) -> Result<Sink, Error> {
        let target =
            Target::replacing(path.to_path_buf(), path, None).map_err(|e| output_error(path, e))?;
        Ok(Sink {
            target,
            failure: None,
            closed: false,
        })
    }

    /// The existing file this sink's output will replace, if any: what the run's inputs are
    /// held against, for as long as it reads them ([`Replaced::refuse`]).
    pub fn replaced(&self) -> Option<Replaced> {
        match &self.target {
            Target::Replace {
                replaces: Some(file),
                path,
                ..
            } => Some(Replaced {
                file: file.clone(),
                output: path.clone(),
            }),
            _ => None,
        }
    }

    /// Fails, naming the output, when the file it would replace is `input`, which the run
    /// reads (`what` says which: `the summary`): the report must not take the input's place.
    pub fn refuse_input(&self, what: &str, input: &Path) -> Result<(), Error> {
        self.replaced()
            .map_or(Ok(()), |replaced| replaced.refuse(what, input))
    }

    /// True once standard output has been closed by its reader (`| head`): what is written
    /// is dropped, so there is no point in making more.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// Lets `write` write into the sink (a renderer, as `|out| report::write(.., out)`). A
    /// failure is kept for [`Sink::finish`]; `write` stops at it, as every later write fails
    /// at once, and so does a write after an earlier failure or a closed standard output
    /// (`write` still runs, so that it can do what does not depend on its output).
    pub fn write_with(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
        if let Err(error) = write(self) {
            // The sink's own failures are kept as they happen; one that is not the sink's
            // (a writer never makes one) is kept here.
            if self.failure.is_none() && !self.closed {
                self.failure = Some(output_error(self.target.path(), error));
            }
        }
    }

    /// Keeps the first failure of the target (a closed standard output only marks the sink
    /// closed), and returns an error of the same kind for the writer to stop at.
    fn keep(&mut self, error: io::Error) -> io::Error {
        let kind = error.kind();
        match (&self.target, kind) {
            (_, io::ErrorKind::Interrupted) => return error,
            (Target::Stdout(_), io::ErrorKind::BrokenPipe) => self.closed = true,
            (target, _) => self.failure = Some(output_error(target.path(), error)),
        }
        io::Error::from(kind)
    }

    /// The error for a write after a failure or a closed standard output.
    fn stopped(&self) -> Option<io::Error> {
        if self.closed {
            Some(io::ErrorKind::BrokenPipe.into())
        } else if self.failure.is_some() {
            Some(io::Error::other("an earlier write to the output failed"))
        } else {
            None
        }
    }

    /// Completes the output: flushes standard output or the file written in place, or moves
    /// the temporary file onto the destination. The error is the first failed write's, if any.
    pub fn finish(mut self) -> Result<(), Error> {
        if let Some(failure) = self.failure.take() {
            return Err(failure);
        }
        match self.target {
            Target::Stdout(mut stdout) => match stdout.flush() {
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                    Err(output_error(Path::new(STDOUT_NAME), error))
                }
                _ => Ok(()),
            },
            Target::InPlace { mut file, path } => file.flush().map_err(|e| output_error(&path, e)),
            Target::Replace {
                mut file,
                temporary,
                destination,
                path,
                ..
            } => file
                .flush()
                .and_then(|()| temporary.persist(&destination))
                .map_err(|e| output_error(&path, e)),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let Some(stopped) = self.stopped() {
            return Err(stopped);
        }
        self.target.writer().write(bytes).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(stopped) = self.stopped() {
            return Err(stopped);
        }
        self.target.writer().flush().map_err(|e| self.keep(e))
    }
}

/// The name standard output goes by in an error.
const STDOUT_NAME: &str = "<stdout>";

impl Target {
    /// The buffered writer in front of the output.
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Target::Stdout(stdout) => stdout,
            Target::InPlace { file, .. } | Target::Replace { file, .. } => file,
        }
    }

    /// The path an error names: the one the user gave, or `<stdout>`.
    fn path(&self) -> &Path {
        match self {
            Target::Stdout(_) => Path::new(STDOUT_NAME),
            Target::InPlace { path, .. } | Target::Replace { path, .. } => path,
        }
    }
}

/// The existing file an output replaces, and the output's path as given ([`Sink::replaced`]).
#[derive(Clone, Debug)]
pub struct Replaced {
    file: FileId,
    output: PathBuf,
}

impl Replaced {
    /// Fails, naming the output, when `input`, which the run reads (`what` says which), is
    /// the file the output replaces, by whatever path.
    pub fn refuse(&self, what: &str, input: &Path) -> Result<(), Error> {
        if FileId::of(input).as_ref() != Some(&self.file) {
            return Ok(());
        }
        Err(output_error(
            &self.output,
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("it is {what}, which the report would replace; write the report elsewhere"),
            ),
        ))
    }
}

/// Makes the folder `path`, and its parents, for files written into it (an HTML batch's
/// pages); an error naming it when it cannot be made, or is there but not a folder.
pub fn make_folder(path: &Path) -> Result<(), Error> {
    match fs::create_dir_all(path) {
        Err(_) if path.exists() && !path.is_dir() => Err(output_error(
            path,
            io::Error::new(
                io::ErrorKind::NotADirectory,
                "it is a file, not a folder for the pages",
            ),
        )),
        made => made.map_err(|e| output_error(path, e)),
    }
}

fn output_error(path: &Path, reason: io::Error) -> Error {
    Error::Output {
        path: path.display().to_string(),
        reason,
    }
}
