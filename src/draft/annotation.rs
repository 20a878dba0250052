//! The draft annotation as YAML: every guess with a comment above it that
//! says where on the page it was read, every rule with the lines it
//! removes, and what the lint noticed but no rule deals with.

use std::fmt::Write;

use super::guess::{self, Guess};
use super::page::{Page, PageLine};
use super::propose::Proposal;
use crate::pipeline::clean::lint::{Kind, quoted};

/// The draft's text and what the summary reports of it.
pub struct DraftText {
    /// The annotation, ready to be written to `content/documents/`.
    pub yaml: String,
    /// The title the draft gives the document (a guess, or `unknown`).
    pub title: String,
    /// The year of the date the page gives, for the slug.
    pub year: Option<u16>,
    /// How many rules the draft proposes.
    pub rules: usize,
    /// How many non-blank lines of the seed the rules and filters remove,
    /// and how many are left.
    pub removed_lines: usize,
    pub kept_lines: usize,
    /// `replace` rules whose `with` the editor must write before a build.
    pub placeholders: usize,
    /// The metadata fields the draft guessed.
    pub guessed: Vec<&'static str>,
}

/// Writes the draft annotation for the seed `seed_name`.
pub(super) fn compose(seed_name: &str, page: &Page<'_>, proposal: &Proposal) -> DraftText {
    let facts = Facts::read(page, proposal);
    let mut yaml = String::new();
    let _ = writeln!(
        yaml,
        "# Drafted by `accord new` from seeds/{seed_name}. A `guess` comment marks a\n\
         # value read off the page by a heuristic: check it against the page, then\n\
         # delete the comment. `accord build` shows what the rules remove (the\n\
         # document page's provenance lists every change)."
    );
    let _ = writeln!(yaml, "seed: {}", quoted(seed_name));
    facts.write_titles(&mut yaml);
    facts.write_metadata(&mut yaml, page, proposal);
    facts.write_sources(&mut yaml);
    write_rules(&mut yaml, proposal);
    write_unhandled(&mut yaml, page, proposal);
    let removed_lines = page
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.text.trim().is_empty() && (l.filtered || proposal.removed.contains(i)))
        .count();
    let non_blank = page
        .lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .count();
    DraftText {
        yaml,
        title: facts
            .title
            .as_ref()
            .map_or("unknown".into(), |g| g.value.clone()),
        year: proposal
            .taken
            .published
            .as_ref()
            .and_then(|(_, d)| d.get(..4)?.parse().ok()),
        rules: proposal.rules.len(),
        removed_lines,
        kept_lines: non_blank - removed_lines,
        placeholders: proposal
            .rules
            .iter()
            .filter(|r| r.yaml.contains(crate::pipeline::clean::lint::PLACEHOLDER))
            .count(),
        guessed: facts.guessed(),
    }
}

/// What the page says of itself, each fact with its evidence.
struct Facts {
    title: Option<Guess>,
    /// The headline as printed, when no `extract` rule takes it.
    original_title: Option<Guess>,
    description: Option<Guess>,
    publisher: Option<Guess>,
    parties: Option<Guess>,
    document_type: Option<Guess>,
    languages: Guess,
}

impl Facts {
    fn read(page: &Page<'_>, proposal: &Proposal) -> Facts {
        let kept: Vec<(usize, &PageLine<'_>)> = page
            .lines
            .iter()
            .enumerate()
            .filter(|(i, l)| !l.is_void() && !proposal.removed.contains(i))
            .collect();
        let paragraphs: Vec<&str> = kept
            .iter()
            .filter(|(_, l)| l.is_prose())
            .map(|(_, l)| l.text.trim())
            .collect();
        let headline = kept.iter().find(|(_, l)| l.is_headline() && !l.is_prose());
        let title = match (&proposal.taken.title, headline) {
            (Some(t), _) => Some(Guess {
                value: t.clone(),
                evidence: "the headline, printed twice at the top of the page".into(),
            }),
            (None, Some((i, l))) => Some(Guess {
                value: l.text.trim().to_owned(),
                evidence: format!("the text: the headline, line {}", i + 1),
            }),
            (None, None) => None,
        };
        let original_title = match proposal.taken.title {
            Some(_) => None,
            None => title.as_ref().map(|t| Guess {
                value: t.value.clone(),
                evidence: t.evidence.clone(),
            }),
        };
        let first = kept.iter().find(|(_, l)| l.is_prose());
        let has_byline = page.lines.iter().any(|l| l.chrome == Some(Kind::Byline));
        Facts {
            document_type: guess::document_type(
                title.as_ref().map_or("", |t| t.value.as_str()),
                has_byline,
            ),
            description: first.map(|(i, l)| Guess {
                value: guess::description(l.text),
                evidence: format!("the opening sentence, line {}", i + 1),
            }),
            publisher: proposal.taken.site.as_ref().map(|site| Guess {
                value: site.clone(),
                evidence: format!("the text: the site name in the page title, “{site}”"),
            }),
            parties: guess::parties(&paragraphs.join("\n")),
            languages: guess::languages(&paragraphs),
            title,
            original_title,
        }
    }

    fn guessed(&self) -> Vec<&'static str> {
        [
            ("title", self.title.is_some()),
            ("description", self.description.is_some()),
            ("publisher", self.publisher.is_some()),
            ("parties", self.parties.is_some()),
            ("document_type", self.document_type.is_some()),
            ("languages", true),
        ]
        .into_iter()
        .filter(|(_, known)| *known)
        .map(|(name, _)| name)
        .collect()
    }

    fn write_titles(&self, yaml: &mut String) {
        match &self.title {
            Some(t) => field(
                yaml,
                "",
                "title",
                &quoted(&t.value),
                Some(Comment::Guess(&t.evidence)),
            ),
            None => field(
                yaml,
                "",
                "title",
                &quoted("unknown"),
                Some(Comment::ToDo("no headline found: write a title")),
            ),
        }
        match (&self.original_title, &self.title) {
            (Some(t), _) => field(
                yaml,
                "",
                "original_title",
                &quoted(&t.value),
                Some(Comment::Guess(&t.evidence)),
            ),
            (None, Some(_)) => {
                let _ = writeln!(
                    yaml,
                    "# original_title: taken from the page title by the first `extract` rule"
                );
            }
            (None, None) => field(yaml, "", "original_title", "unknown", None),
        }
        match &self.description {
            Some(d) => field(
                yaml,
                "",
                "description",
                &quoted(&d.value),
                Some(Comment::Guess(&format!(
                    "{}; write one or two sentences of your own",
                    d.evidence
                ))),
            ),
            None => field(
                yaml,
                "",
                "description",
                &quoted("unknown"),
                Some(Comment::ToDo("write one or two sentences")),
            ),
        }
    }

    fn write_metadata(&self, yaml: &mut String, page: &Page<'_>, proposal: &Proposal) {
        yaml.push_str("metadata:\n");
        field(yaml, "  ", "event_date", "unknown", None);
        match &proposal.taken.published {
            Some((line, date)) => {
                let _ = writeln!(
                    yaml,
                    "  # published: {date}, taken from the dateline on line {line} by an `extract` rule below"
                );
            }
            None => field(yaml, "  ", "published", "unknown", None),
        }
        field(yaml, "  ", "place", "unknown", None);
        match &self.parties {
            Some(p) => field(
                yaml,
                "  ",
                "parties",
                &p.value,
                Some(Comment::Guess(&p.evidence)),
            ),
            None => field(
                yaml,
                "  ",
                "parties",
                "[]",
                Some(Comment::ToDo("no country is named twice: list the parties")),
            ),
        }
        match &self.document_type {
            Some(d) => field(
                yaml,
                "  ",
                "document_type",
                &quoted(&d.value),
                Some(Comment::Guess(&d.evidence)),
            ),
            None => field(
                yaml,
                "  ",
                "document_type",
                "unknown",
                Some(Comment::ToDo("say what kind of document this is")),
            ),
        }
        match &self.publisher {
            Some(p) => field(
                yaml,
                "  ",
                "publisher",
                &quoted(&p.value),
                Some(Comment::Guess(&p.evidence)),
            ),
            None => field(yaml, "  ", "publisher", "unknown", None),
        }
        field(yaml, "  ", "source_url", "unknown", None);
        field(
            yaml,
            "  ",
            "languages",
            &self.languages.value,
            Some(Comment::Guess(&self.languages.evidence)),
        );
        let truncation = page.warnings.iter().find(|w| w.kind == Kind::Truncation);
        if let Some(w) = truncation.filter(|w| proposal.article.is_none_or(|a| !a.cuts(w.line - 1)))
        {
            let _ = writeln!(
                yaml,
                "  # The lint: {} (line {}). If the scrape is cut off, say so:\n  # truncated: true",
                w.message, w.line
            );
        }
    }

    fn write_sources(&self, yaml: &mut String) {
        let cited: Vec<(&str, &Guess)> = [
            (
                "title",
                self.original_title.as_ref().or(self.title.as_ref()),
            ),
            ("publisher", self.publisher.as_ref()),
        ]
        .into_iter()
        .filter_map(|(name, g)| Some((name, g?)))
        .filter(|(_, g)| g.evidence.starts_with("the text"))
        .collect();
        if cited.is_empty() {
            return;
        }
        yaml.push_str("sources:\n");
        for (name, g) in cited {
            let _ = writeln!(yaml, "  {name}: {}", quoted(&g.evidence));
        }
    }
}

/// `name: value`, with a comment above it: the evidence of a guess, or
/// what the editor has to fill in.
fn field(yaml: &mut String, indent: &str, name: &str, value: &str, comment: Option<Comment<'_>>) {
    match comment {
        Some(Comment::Guess(why)) => {
            let _ = writeln!(yaml, "{indent}# guess: {why}");
        }
        Some(Comment::ToDo(what)) => {
            let _ = writeln!(yaml, "{indent}# to do: {what}");
        }
        None => {}
    }
    let _ = writeln!(yaml, "{indent}{name}: {value}");
}

/// The comment above a field of the draft.
#[derive(Clone, Copy)]
enum Comment<'a> {
    /// A value read off the page, and where.
    Guess(&'a str),
    /// A value the page does not give.
    ToDo(&'a str),
}

fn write_rules(yaml: &mut String, proposal: &Proposal) {
    if proposal.rules.is_empty() {
        yaml.push_str("# The lint found nothing to remove.\ncleaning: []\n");
        return;
    }
    yaml.push_str("cleaning:\n");
    for rule in &proposal.rules {
        let _ = writeln!(yaml, "  # {}", rule.comment);
        yaml.push_str(&rule.yaml);
    }
}

/// What the lint noticed inside the article that no rule deals with, so
/// that the editor sees it before the first build does.
fn write_unhandled(yaml: &mut String, page: &Page<'_>, proposal: &Proposal) {
    let inside = |line: usize| proposal.article.is_none_or(|a| !a.cuts(line - 1));
    let notes: Vec<String> = page
        .warnings
        .iter()
        .filter(|w| !w.kind.is_chrome() && w.kind != Kind::Truncation && inside(w.line))
        .filter(|w| {
            w.suggestion
                .as_deref()
                .is_none_or(|s| !s.starts_with("- replace"))
        })
        .map(|w| format!("#   line {} [{}]: {}", w.line, w.kind.name(), w.message))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(
            yaml,
            "# The lint also noted, with no rule proposed:\n{}",
            notes.join("\n")
        );
    }
}
