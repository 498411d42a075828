//! Where a subcommand's table or report goes: standard output, or a file that is replaced only
//! when the run succeeds.
//!
//! `-o FILE` writes to a temporary file in FILE's directory and renames it over FILE when
//! [`Output::commit`] is called: a run that fails (a write error, a full disk) or is stopped by a
//! signal (SIGINT, SIGTERM, SIGHUP) leaves the old FILE as it was and removes the temporary file.
//! A FILE that exists and is not a regular file (`/dev/null`, a FIFO) is written directly. `-o -`
//! is standard output. An `-o` that names one of the inputs, or a file inside an input directory,
//! is refused before anything is read or written ([`refuse_input`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;

/// The temporary files of this process, removed by the signal handler. Its lock is held while
/// a temporary file is renamed into place, so that a signal either comes before the rename (the
/// old file stays) or after it (the run had finished).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set by the signal handler: no temporary file may be renamed into place any more.
static SIGNALLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// An output being written.
pub struct Output {
    inner: Inner,
}

/// Creates `path`, which must not exist yet, for writing, with the mode a new file gets (0666
/// less the umask).
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o666);
    }
    o.open(path)
}

enum Inner {
    Stdout(std::io::StdoutLock<'static>),
    /// A device or FIFO named by `-o`, written in place.
    Direct(std::fs::File),
    /// A temporary file to rename over `target`.
    Temp {
        file: tempfile::NamedTempFile<std::fs::File>,
        target: PathBuf,
    },
    /// Done: [`Output::commit`] took it.
    Committed,
}

impl Output {
    /// Opens `path` (`None` or `-` = standard output).
    pub fn open(path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output {
                inner: Inner::Stdout(std::io::stdout().lock()),
            });
        };
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() && !meta.is_dir() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("opening {}", path.display()))?;
                return Ok(Output {
                    inner: Inner::Direct(file),
                });
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        install_signal_handler();
        // The name goes on the signal handler's list before the file exists: a signal between
        // the two leaves no file behind.
        let file = tempfile::Builder::new()
            .prefix(".saywho-")
            .suffix(".tmp")
            .make_in(dir, |p| {
                lock_pending().push(p.to_path_buf());
                let created = create_new(p);
                if created.is_err() {
                    lock_pending().retain(|q| q != p);
                }
                created
            })
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        Ok(Output {
            inner: Inner::Temp {
                file,
                target: path.to_path_buf(),
            },
        })
    }

    /// Finishes the output: flushes it, and renames the temporary file over the target.
    pub fn commit(mut self) -> anyhow::Result<()> {
        match std::mem::replace(&mut self.inner, Inner::Committed) {
            Inner::Committed => Ok(()),
            Inner::Stdout(mut s) => s.flush().context("writing to standard output"),
            Inner::Direct(mut f) => f.flush().context("writing the output"),
            Inner::Temp { mut file, target } => {
                let tmp = file.path().to_path_buf();
                file.flush()
                    .with_context(|| format!("writing {}", target.display()))?;
                // Keep the mode an existing target had (a new one has the usual mode: the
                // temporary file was created with 0666 less the umask).
                if let Ok(meta) = std::fs::metadata(&target) {
                    let _ = file.as_file().set_permissions(meta.permissions());
                }
                let mut pending = lock_pending();
                if SIGNALLED.load(std::sync::atomic::Ordering::SeqCst) {
                    // A signal came first: the handler removes the file and ends the process.
                    drop(pending);
                    loop {
                        std::thread::park();
                    }
                }
                let result = file
                    .persist(&target)
                    .map(drop)
                    .map_err(|e| e.error)
                    .with_context(|| format!("renaming {} to {}", tmp.display(), target.display()));
                pending.retain(|p| p != &tmp);
                drop(pending);
                result
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Inner::Stdout(s) => s.write(buf),
            Inner::Direct(f) => f.write(buf),
            Inner::Temp { file, .. } => file.write(buf),
            Inner::Committed => Err(committed()),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Stdout(s) => s.write_all(buf),
            Inner::Direct(f) => f.write_all(buf),
            Inner::Temp { file, .. } => file.write_all(buf),
            Inner::Committed => Err(committed()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Stdout(s) => s.flush(),
            Inner::Direct(f) => f.flush(),
            Inner::Temp { file, .. } => file.flush(),
            Inner::Committed => Ok(()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // An uncommitted temporary file is removed by `NamedTempFile`'s own drop; it only has to
        // leave the signal handler's list.
        if let Inner::Temp { file, .. } = &self.inner {
            let p = file.path().to_path_buf();
            lock_pending().retain(|q| q != &p);
        }
    }
}

fn committed() -> std::io::Error {
    std::io::Error::other("the output was already committed")
}

fn lock_pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary files, then dies of the signal as it
/// would have without a handler (so the exit status still says which signal it was).
fn install_signal_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                SIGNALLED.store(true, std::sync::atomic::Ordering::SeqCst);
                for p in lock_pending().iter() {
                    let _ = std::fs::remove_file(p);
                }
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    });
}

/// Refuses an `-o` that is one of the `inputs` or lies inside an input directory: the run would
/// truncate an input, or read its own output back. `-` and stdout are never refused.
pub fn refuse_input(output: Option<&Path>, inputs: &[PathBuf]) -> Result<(), String> {
    let Some(out) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(());
    };
    // The output's canonical path, also when it does not exist yet.
    let canonical_out = match std::fs::canonicalize(out) {
        Ok(p) => p,
        Err(_) => {
            let dir = match out.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            match (std::fs::canonicalize(dir), out.file_name()) {
                (Ok(d), Some(name)) => d.join(name),
                _ => return Ok(()),
            }
        }
    };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Ok(canonical_in) = std::fs::canonicalize(input) else {
            continue;
        };
        if canonical_in == canonical_out {
            return Err(format!(
                "the output {} is also an input; refusing to overwrite it",
                out.display()
            ));
        }
        if canonical_in.is_dir() && canonical_out.starts_with(&canonical_in) {
            return Err(format!(
                "the output {} is inside the input directory {}; it would be read back as input \
                 (write it elsewhere)",
                out.display(),
                input.display()
            ));
        }
    }
    Ok(())
}
