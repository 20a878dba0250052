//! Site configuration (`content/site.yaml`).

use serde::Deserialize;

/// `content/site.yaml`: the site's title, description, theme and output.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// A short description of the corpus, shown on the home page.
    pub description: String,
    /// Absolute URL the site is published at, used only for the sitemap and
    /// canonical links; internal links are always relative.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Output directory, relative to the site root, when `--out` is not given.
    #[serde(default = "default_output")]
    pub output_dir: String,
    /// How many documents a page of a long list shows (the home page, the
    /// timeline, a topic's or an entity's page, the comparison table) before
    /// the list goes on to a next page.
    #[serde(default = "default_paginate", deserialize_with = "positive")]
    pub paginate: usize,
}

fn default_paginate() -> usize {
    20
}

fn positive<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    match usize::deserialize(d)? {
        0 => Err(serde::de::Error::custom(
            "expected a number of documents per page, at least 1",
        )),
        n => Ok(n),
    }
}

fn default_theme() -> String {
    "default".into()
}

fn default_output() -> String {
    "public".into()
}
