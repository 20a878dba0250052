//! YAML text for a tree: scalars plain, quoted or in blocks as they can be
//! read back, collections in block or flow style.

use std::fmt::Write as _;

use super::node::{Node, Style};

/// Whether `s` reads back as itself written without quotes.
fn plain_safe(s: &str, in_flow: bool) -> bool {
    !s.is_empty()
        && s.trim() == s
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(needs_escape)
        && !(in_flow && s.contains([',', '[', ']', '{', '}']))
}

/// Characters YAML does not allow unescaped (or that would change the
/// text's lines).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` reads back as itself (up to folding) in a block scalar.
fn block_safe(s: &str) -> bool {
    !s.is_empty()
        && s.split('\n').all(|l| !l.starts_with([' ', '\t']))
        && !s.chars().any(|c| c != '\n' && needs_escape(c))
}

/// A scalar on one line, as plain, quoted in the style asked for when it
/// can be, else double-quoted.
fn inline(s: &str, style: Style, in_flow: bool) -> String {
    match style {
        Style::Plain if plain_safe(s, in_flow) => s.to_owned(),
        Style::Single if !s.chars().any(needs_escape) => format!("'{}'", s.replace('\'', "''")),
        _ => double_quoted(s),
    }
}

fn flow_node(node: &Node) -> String {
    match node {
        Node::Scalar(s, style) => inline(s, *style, true),
        Node::Seq(items, _) => {
            let items: Vec<String> = items.iter().map(flow_node).collect();
            format!("[{}]", items.join(", "))
        }
        Node::Map(entries, _) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", inline(k, Style::Plain, true), flow_node(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Node::Anchor(a, inner) => format!("&{a} {}", flow_node(inner)),
        Node::Alias(a) => format!("*{a}"),
    }
}

/// YAML text for a tree, indented by `unit` (a tab, now and then, which
/// YAML forbids).
struct Writer<'a> {
    out: String,
    unit: &'a str,
}

impl Writer<'_> {
    fn pad(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(self.unit);
        }
    }

    /// Writes `node` after a `key:` or `-` on a line at `depth`; a block
    /// collection's entries go on the lines below, at `depth + 1`.
    fn value(&mut self, node: &Node, depth: usize) {
        match node {
            Node::Scalar(s, style @ (Style::Literal | Style::Folded)) if block_safe(s) => {
                self.out.push_str(if matches!(style, Style::Literal) {
                    " |-\n"
                } else {
                    " >-\n"
                });
                for line in s.split('\n') {
                    self.pad(depth + 1);
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
            Node::Seq(items, false) if !items.is_empty() => {
                self.out.push('\n');
                for item in items {
                    self.pad(depth + 1);
                    self.out.push('-');
                    self.value(item, depth + 1);
                }
            }
            Node::Map(entries, false) if !entries.is_empty() => {
                self.out.push('\n');
                self.entries(entries, depth + 1);
            }
            Node::Anchor(a, inner) => {
                let _ = write!(self.out, " &{a}");
                self.value(inner, depth);
            }
            other => {
                let _ = writeln!(self.out, " {}", flow_node(other));
            }
        }
    }

    fn entries(&mut self, entries: &[(String, Node)], depth: usize) {
        for (k, v) in entries {
            self.pad(depth);
            self.out.push_str(&inline(k, Style::Plain, false));
            self.out.push(':');
            self.value(v, depth);
        }
    }
}

pub(super) fn render(root: &Node, unit: &str) -> String {
    let mut w = Writer {
        out: String::new(),
        unit,
    };
    match root {
        Node::Map(entries, false) if !entries.is_empty() => w.entries(entries, 0),
        other => w.value(other, 0),
    }
    w.out
}
