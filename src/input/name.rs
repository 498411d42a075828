//! The name an article is reported under: its path as given, every byte kept.
//!
//! A path that is not valid UTF-8 keeps every byte: each byte of an invalid sequence is written
//! `\xHH`, and a backslash in any path is written `\\`, so that two files never share a name;
//! [`article_path`] turns a name back into the path.

use std::path::{Path, PathBuf};

/// The name an article at `path` is reported under: the path as given, with every byte of an
/// invalid UTF-8 sequence written `\xHH` and every backslash written `\\` (so the name says which
/// file it was, and two files never share a name).
pub fn article_name(path: &Path) -> String {
    let bytes = path_bytes(path);
    match std::str::from_utf8(&bytes) {
        Ok(s) if !s.contains('\\') => s.to_string(),
        _ => escape_bytes(&bytes),
    }
}

/// The path of an article name made by [`article_name`].
pub fn article_path(name: &str) -> PathBuf {
    if !name.contains('\\') {
        return PathBuf::from(name);
    }
    let b = name.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'\\') {
                out.push(b'\\');
                i += 2;
                continue;
            }
            if b.get(i + 1) == Some(&b'x') {
                if let Some(v) = name
                    .get(i + 2..i + 4)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    path_from_bytes(out)
}

fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        let (good, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s, 0),
            Err(e) => {
                let good = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                (good, e.error_len().unwrap_or(rest.len() - e.valid_up_to()))
            }
        };
        out.push_str(&good.replace('\\', "\\\\"));
        for b in &rest[good.len()..good.len() + bad] {
            out.push_str(&format!("\\x{b:02X}"));
        }
        rest = &rest[good.len() + bad..];
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn names_escape_bytes_and_backslashes_and_come_back() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let cases: &[&[u8]] = &[
                b"seeds/a.txt",
                b"a\xff.txt",
                b"a\xfe.txt",
                b"a\\xff.txt",
                b"a\\\\b.txt",
                b"caf\xc3\xa9.txt",
                b"bad\xc3(.txt",
            ];
            let mut names = std::collections::HashSet::new();
            for c in cases {
                let p = Path::new(std::ffi::OsStr::from_bytes(c));
                let name = article_name(p);
                assert!(names.insert(name.clone()), "{name} twice");
                assert_eq!(article_path(&name), p, "{name}");
            }
            assert_eq!(article_name(Path::new("seeds/a.txt")), "seeds/a.txt");
            assert_eq!(
                article_name(Path::new(std::ffi::OsStr::from_bytes(b"a\xff.txt"))),
                "a\\xFF.txt"
            );
            assert_eq!(article_name(Path::new("café.txt")), "café.txt");
        }
    }
}
