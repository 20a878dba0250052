//! Site configuration (`content/site.yaml`).

use serde::Deserialize;

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
}

fn default_theme() -> String {
    "default".into()
}

fn default_output() -> String {
    "public".into()
}
