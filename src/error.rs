//! Errors the library reports. Every error about an input names the file and,
//! where the input has one, the line and column, and says what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input file something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub position: Position,
}

/// A position inside a file: text files are addressed by line and column
/// (1-based, columns count characters); undecodable files by byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Whole,
    LineColumn {
        line: usize,
        column: usize,
    },
    Byte {
        offset: usize,
        line: usize,
        column: usize,
    },
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            position: Position::Whole,
        }
    }

    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            position: Position::LineColumn { line, column },
        }
    }

    /// The location of byte `offset` in `text`, as line and column.
    pub fn of_offset(file: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text.as_bytes(), offset);
        Location::at(file, line, column)
    }
}

/// 1-based line and character column of byte `offset` in `bytes`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match self.position {
            Position::Whole => write!(f, "{file}"),
            Position::LineColumn { line, column } => write!(f, "{file}:{line}:{column}"),
            Position::Byte {
                offset,
                line,
                column,
            } => {
                write!(f, "{file}:{line}:{column} (byte offset {offset})")
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something in an input file is not what it should be.
    #[error("{location}: {message}")]
    Input { location: Location, message: String },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Several independent input errors, reported together so an editor can
    /// fix them in one pass.
    #[error("{}", join_errors(.0))]
    Many(Vec<Error>),

    /// The preview server cannot listen on the address it was given.
    #[error("cannot listen on {address}: {source}{}", listen_hint(source))]
    Listen {
        address: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },

    /// The watcher cannot watch a folder of the site.
    #[error("{}: cannot watch for changes: {message}", path.display())]
    Watch { path: PathBuf, message: String },
}

fn listen_hint(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => {
            " (the port is in use: stop what uses it, or choose another with --port)"
        }
        std::io::ErrorKind::AddrNotAvailable => " (no interface has this address: check --bind)",
        std::io::ErrorKind::PermissionDenied => " (choose a port above 1023 with --port)",
        _ => "",
    }
}

fn join_errors(errors: &[Error]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("error: {e}")).collect();
    let mut text = lines.join("\n");
    // The caller prefixes the first line with "error: " itself.
    if let Some(stripped) = text.strip_prefix("error: ") {
        text = stripped.to_owned();
    }
    format!("{text}\n{} errors", errors.len())
}

impl Error {
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input {
            location,
            message: message.into(),
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    /// One error, or all of them when there are several; `Ok` when there are none.
    pub fn collect(mut errors: Vec<Error>) -> Result<(), Error> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\n中文x";
        let offset = text.find('x').unwrap();
        assert_eq!(line_column(text.as_bytes(), offset), (2, 3));
    }

    #[test]
    fn location_display_names_file_line_and_column() {
        let loc = Location::at("content/documents/a.yaml", 3, 7);
        assert_eq!(loc.to_string(), "content/documents/a.yaml:3:7");
    }
}
