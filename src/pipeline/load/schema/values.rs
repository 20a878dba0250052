//! Values checked as they are read: facts that may be `unknown`, regular
//! expressions, language tags.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize};

/// A value that may be `unknown`. Unknown facts stay unknown on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    Unknown,
    Value(T),
}

impl<T> Known<T> {
    /// The value, or `None` when it is `unknown`.
    pub fn value(&self) -> Option<&T> {
        match self {
            Known::Unknown => None,
            Known::Value(v) => Some(v),
        }
    }
}

impl<T: fmt::Display> fmt::Display for Known<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Known::Unknown => f.write_str("unknown"),
            Known::Value(v) => v.fmt(f),
        }
    }
}

impl<'de, T> Deserialize<'de> for Known<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "unknown" {
            return Ok(Known::Unknown);
        }
        text.parse()
            .map(Known::Value)
            .map_err(serde::de::Error::custom)
    }
}

/// A regular expression from an annotation. Its syntax is checked when the
/// annotation is read; it is compiled once per load for all annotations that
/// repeat it ([`share_patterns`](crate::pipeline::load::patterns)), because
/// annotations of one publisher repeat the same byline pattern and compiling
/// one with Unicode classes such as `\d` costs far more than matching it.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Arc<Regex>>,
}

impl Pattern {
    /// The pattern as the editor wrote it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled expression. The load stage compiles every pattern and
    /// reports any that will not compile before a rule runs, so the
    /// fallback, which matches nothing, is never reached from a build.
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Arc::new(Regex::new(&self.source).unwrap_or_else(|_| matches_nothing()))
        })
    }

    /// Compiles the pattern, or takes the compiled form another annotation's
    /// identical pattern already has.
    pub(crate) fn compile_shared(
        &self,
        compiled: &mut std::collections::HashMap<String, Arc<Regex>>,
    ) -> Result<(), regex::Error> {
        if self.compiled.get().is_some() {
            return Ok(());
        }
        let regex = match compiled.get(&self.source) {
            Some(regex) => regex.clone(),
            None => {
                let regex = Arc::new(Regex::new(&self.source)?);
                compiled.insert(self.source.clone(), regex.clone());
                regex
            }
        };
        // Another thread may have compiled it meanwhile; either is the same.
        let _ = self.compiled.set(regex);
        Ok(())
    }
}

fn matches_nothing() -> Regex {
    Regex::new(r"[^\s\S]").expect("a valid empty class")
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let source = String::deserialize(deserializer)?;
        // Parsing (not compiling) finds every syntax error while the YAML
        // position is still known.
        regex_syntax::Parser::new()
            .parse(&source)
            .map_err(|e| serde::de::Error::custom(format!("expected a regular expression: {e}")))?;
        Ok(Pattern {
            source,
            compiled: OnceLock::new(),
        })
    }
}

/// A BCP 47 language tag from the small set the site knows how to present.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LanguageTag(pub String);

const LANGUAGE_TAGS: [&str; 4] = ["en", "zh", "zh-Hans", "zh-Hant"];

impl FromStr for LanguageTag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if LANGUAGE_TAGS.contains(&s) {
            Ok(LanguageTag(s.to_owned()))
        } else {
            Err(format!(
                "expected a language tag, one of {}, found `{s}`",
                LANGUAGE_TAGS.join(", ")
            ))
        }
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl LanguageTag {
    /// Whether the tag names Chinese in either script.
    pub fn is_chinese(&self) -> bool {
        self.0.starts_with("zh")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::schema::PartialDate;

    #[test]
    fn unknown_is_a_value_not_an_absence() {
        let k: Known<PartialDate> = crate::pipeline::load::yaml::from_str("unknown").unwrap();
        assert_eq!(k, Known::Unknown);
        assert!(crate::pipeline::load::yaml::from_str::<Known<PartialDate>>("2017-99").is_err());
    }
}
