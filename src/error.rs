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
    /// A whole file, when no position is known.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            position: Position::Whole,
        }
    }

    /// A position in a file, line and column counted from 1.
    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            position: Position::LineColumn { line, column },
        }
    }

    /// The location of byte `offset` in `text`, as line and column.
    pub(crate) fn of_offset(file: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text.as_bytes(), offset);
        Location::at(file, line, column)
    }
}

/// 1-based line and character column of byte `offset` in `bytes`.
pub(crate) fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
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

/// Why a command failed: every variant says which file and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something in an input file is not what it should be. `snippet`, when
    /// not empty, shows the line pointed at below the message.
    #[error("{location}: {message}{snippet}")]
    Input {
        location: Location,
        message: String,
        snippet: String,
    },

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
    /// Bad input at `location`.
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input {
            location,
            message: message.into(),
            snippet: String::new(),
        }
    }

    /// The error with the line of `source` it points at shown below it, a
    /// caret under the column, as rustc shows them:
    ///
    /// ```text
    /// content/documents/a.yaml:3:8: found unterminated quoted scalar
    ///   3 | title: "unterminated
    ///     |        ^
    /// ```
    ///
    /// `source` is the text of the file the error's location names; errors
    /// without a line are returned as they are.
    #[must_use]
    pub(crate) fn with_snippet(self, source: &str) -> Self {
        match self {
            Error::Input {
                location,
                message,
                snippet: _,
            } => {
                let snippet = match location.position {
                    Position::LineColumn { line, column } | Position::Byte { line, column, .. } => {
                        snippet(source, line, column)
                    }
                    Position::Whole => String::new(),
                };
                Error::Input {
                    location,
                    message,
                    snippet,
                }
            }
            other => other,
        }
    }

    /// A file that could not be read or written.
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

/// Line `line` of `source` and a caret under character `column` (both
/// 1-based), each line led by a newline; empty when there is no such line.
fn snippet(source: &str, line: usize, column: usize) -> String {
    let Some(text) = line.checked_sub(1).and_then(|i| source.split('\n').nth(i)) else {
        return String::new();
    };
    let chars: Vec<char> = text.strip_suffix('\r').unwrap_or(text).chars().collect();
    // A long line is cut to a window around the column.
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(SNIPPET_BEFORE);
    let end = chars.len().min(at + SNIPPET_AFTER);
    let mut shown: String = chars[start..end].iter().collect();
    let mut before: String = chars[start..at]
        .iter()
        .map(|&c| match c {
            // Tabs are kept under tabs, and wide (CJK) characters get two
            // spaces, so the caret lines up under the character in a terminal.
            '\t' => "\t",
            c if is_wide(c) => "  ",
            _ => " ",
        })
        .collect();
    if start > 0 {
        shown.insert_str(0, "...");
        before.insert_str(0, "   ");
    }
    if end < chars.len() {
        shown.push_str("...");
    }
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    format!("\n  {number} | {shown}\n  {gutter} | {before}^")
}

/// How many characters of a long line a snippet shows before its column, and after.
const SNIPPET_BEFORE: usize = 60;
const SNIPPET_AFTER: usize = 40;

/// Whether a terminal shows `c` two columns wide: the CJK blocks, Hangul
/// and the full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// accord's result type.
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
    fn a_snippet_shows_the_line_and_a_caret_under_the_column() {
        let source = "seed: a.txt\ntitle: \"unterminated\nx: 1\n";
        let err = Error::input(Location::at("a.yaml", 2, 8), "found an unterminated quote")
            .with_snippet(source);
        assert_eq!(
            err.to_string(),
            "a.yaml:2:8: found an unterminated quote\n  2 | title: \"unterminated\n    |        ^"
        );
        let wide = Error::input(Location::at("b.yaml", 1, 4), "x").with_snippet("中文: [");
        assert!(wide.to_string().ends_with("\n    |      ^"), "{wide}");
        let long = format!("key: {}", "[".repeat(10_000));
        let cut = Error::input(Location::at("c.yaml", 1, 5_000), "deep").with_snippet(&long);
        let expected = format!(
            "c.yaml:1:5000: deep\n  1 | ...{}...\n    | {}^",
            "[".repeat(100),
            " ".repeat(63)
        );
        assert_eq!(cut.to_string(), expected);
        let whole = Error::input(Location::file("a.yaml"), "empty").with_snippet(source);
        assert_eq!(whole.to_string(), "a.yaml: empty");
    }

    #[test]
    fn location_display_names_file_line_and_column() {
        let loc = Location::at("content/documents/a.yaml", 3, 7);
        assert_eq!(loc.to_string(), "content/documents/a.yaml:3:7");
    }
}
