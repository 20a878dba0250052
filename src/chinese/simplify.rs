//! Traditional to Simplified conversion, for the script toggle.

/// Converts Traditional Chinese to Simplified at build time, with OpenCC's
/// phrase dictionaries (ferrous-opencc, a pure-Rust OpenCC, Apache-2.0).
pub struct Simplifier {
    opencc: ferrous_opencc::OpenCC,
}

impl Simplifier {
    /// Loads the traditional → simplified tables.
    pub fn new() -> Result<Self, String> {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .map(|opencc| Simplifier { opencc })
            .map_err(|e| format!("cannot load the Traditional-to-Simplified dictionaries: {e}"))
    }

    /// `text` in simplified characters; other text unchanged.
    pub fn simplify(&self, text: &str) -> String {
        self.opencc.convert(text)
    }
}

#[cfg(test)]
mod simplifier_tests {
    use super::*;

    #[test]
    fn traditional_text_becomes_simplified() {
        let s = Simplifier::new().unwrap();
        assert_eq!(
            s.simplify("加強打擊電信網絡詐騙合作"),
            "加强打击电信网络诈骗合作"
        );
    }
}
