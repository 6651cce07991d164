//! Paths written inside QMS files (`files`, `register.path`, `evidence`):
//! relative to the QMS directory, with `/`, and never leading out of it.

use std::path::{Component, Path};

/// Why a path written in a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// `/etc/passwd`, `C:\x`.
    #[error("`{0}` is an absolute path; paths are relative to the QMS directory")]
    Absolute(String),
    /// `../x` that climbs above the QMS directory.
    #[error("`{0}` leads outside the QMS directory")]
    Escapes(String),
    /// A symbolic link on the way leads outside.
    #[error("`{0}` is a link that leads outside the QMS directory")]
    LinkEscapes(String),
}

/// Normalises a relative path (`a/./b/../c` to `a/c`), refusing absolute
/// paths and paths that climb out. Returns it with `/` separators.
pub fn normalise(written: &str) -> Result<String, PathError> {
    let p = Path::new(written);
    if p.is_absolute() || written.starts_with('/') || written.starts_with('\\') {
        return Err(PathError::Absolute(written.into()));
    }
    let mut parts: Vec<&str> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_str().unwrap_or_default()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err(PathError::Escapes(written.into()));
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(PathError::Absolute(written.into()));
            }
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_refuses_escapes() {
        assert_eq!(normalise("records/./a/../b.md"), Ok("records/b.md".into()));
        assert!(matches!(normalise("../x"), Err(PathError::Escapes(_))));
        assert!(matches!(
            normalise("records/../../x"),
            Err(PathError::Escapes(_))
        ));
        assert!(matches!(
            normalise("/etc/passwd"),
            Err(PathError::Absolute(_))
        ));
    }
}
