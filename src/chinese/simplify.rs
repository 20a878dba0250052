//! Traditional to Simplified conversion, for the script toggle.

use aho_corasick::{AhoCorasick, MatchKind};

/// Converts Traditional Chinese to Simplified at build time, with OpenCC's
/// phrase dictionaries (ferrous-opencc, a pure-Rust OpenCC, Apache-2.0),
/// then [`PHRASES`].
pub struct Simplifier {
    opencc: ferrous_opencc::OpenCC,
    phrases: AhoCorasick,
}

/// Where OpenCC's tables keep 著 and Simplified writes 着: the particle
/// after a verb (本著 "in line with", 隨著, 意味著) and the verb 着 "to
/// touch, to apply" (著手, 著眼). 著 stays in 著作, 显著, 著名, 土著, which
/// no entry here contains. Keyed by OpenCC's output, so the rest of each
/// phrase is already Simplified.
pub const PHRASES: &[(&str, &str)] = &[
    ("本著", "本着"),
    ("随著", "随着"),
    ("伴随著", "伴随着"),
    ("意味著", "意味着"),
    ("接著", "接着"),
    ("沿著", "沿着"),
    ("为著", "为着"),
    ("凭著", "凭着"),
    ("向著", "向着"),
    ("朝著", "朝着"),
    ("有著", "有着"),
    ("带著", "带着"),
    ("怀著", "怀着"),
    ("藉著", "借着"),
    ("借著", "借着"),
    ("围绕著", "围绕着"),
    ("面临著", "面临着"),
    ("发挥著", "发挥着"),
    ("存在著", "存在着"),
    ("推动著", "推动着"),
    ("标志著", "标志着"),
    ("代表著", "代表着"),
    ("影响著", "影响着"),
    ("关系著", "关系着"),
    ("保持著", "保持着"),
    ("肩负著", "肩负着"),
    ("承担著", "承担着"),
    ("进行著", "进行着"),
    ("发生著", "发生着"),
    ("坚持著", "坚持着"),
    ("扮演著", "扮演着"),
    ("经历著", "经历着"),
    ("努力著", "努力着"),
    ("著手", "着手"),
    ("著眼", "着眼"),
    ("著重", "着重"),
    ("著力", "着力"),
    ("著想", "着想"),
    ("著落", "着落"),
    ("著陆", "着陆"),
    ("著装", "着装"),
    ("著急", "着急"),
];

impl Simplifier {
    /// Loads the traditional → simplified tables.
    pub fn new() -> Result<Self, String> {
        let opencc =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
                .map_err(|e| {
                    format!("cannot load the Traditional-to-Simplified dictionaries: {e}")
                })?;
        let phrases = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(PHRASES.iter().map(|(from, _)| from))
            .map_err(|e| format!("cannot build the phrase table: {e}"))?;
        Ok(Simplifier { opencc, phrases })
    }

    /// `text` in simplified characters; other text unchanged.
    pub fn simplify(&self, text: &str) -> String {
        let converted = self.opencc.convert(text);
        if !converted.contains('著') {
            return converted;
        }
        let to: Vec<&str> = PHRASES.iter().map(|(_, to)| *to).collect();
        self.phrases.replace_all(&converted, &to)
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

    #[test]
    fn the_particle_zhe_becomes_simplified_and_the_zhu_of_writings_stays() {
        let s = Simplifier::new().unwrap();
        assert_eq!(
            s.simplify("本著合作、創新、法治、共贏原則"),
            "本着合作、创新、法治、共赢原则"
        );
        assert_eq!(
            s.simplify("隨著合作的深入,意味著著手"),
            "随着合作的深入,意味着着手"
        );
        assert_eq!(
            s.simplify("顯著成果,著名著作,土著"),
            "显著成果,著名著作,土著"
        );
    }

    #[test]
    fn every_phrase_is_keyed_by_what_opencc_gives() {
        let s = Simplifier::new().unwrap();
        for (from, to) in PHRASES {
            assert_eq!(
                s.opencc.convert(from),
                *from,
                "{from} is OpenCC's own output"
            );
            assert!(to.contains('着') && !to.contains('著'), "{to}");
        }
    }
}
