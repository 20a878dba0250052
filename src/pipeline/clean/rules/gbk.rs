//! `repair_gbk`: text whose GBK decoding lost one byte, put back as it was.

use encoding_rs::GBK;

use super::Ctx;
use crate::pipeline::clean::{Draft, RuleError};
use crate::pipeline::load::schema::RepairGbk;

pub(super) fn repair_gbk(
    draft: &mut Draft<'_>,
    ctx: &Ctx<'_>,
    rule: &RepairGbk,
) -> Result<(), RuleError> {
    let repaired = restore_lost_gbk_byte(&rule.damaged, rule.lost_byte)
        .map_err(|m| ctx.error(&rule.damaged, m))?;
    if repaired != rule.expect {
        return Err(ctx.error(
            &rule.damaged,
            format!(
                "putting back byte {:#04x} gives `{repaired}`, expected `{}`",
                rule.lost_byte, rule.expect
            ),
        ));
    }
    let whole = format!("{}{}", rule.residue, rule.damaged);
    let matches = draft.free_matches(&whole);
    if matches.is_empty() {
        return Err(ctx.error(
            &rule.damaged,
            format!("expected the seed to contain `{whole}`, found none"),
        ));
    }
    for range in matches {
        draft.propose(range, &repaired, ctx.label, ctx.why);
    }
    Ok(())
}

/// Undoes a GBK decoding that lost one byte: re-encode what was decoded, put
/// the byte back in front, decode again.
pub(crate) fn restore_lost_gbk_byte(damaged: &str, lost_byte: u8) -> Result<String, String> {
    let (bytes, _, unmappable) = GBK.encode(damaged);
    if unmappable {
        return Err(format!(
            "`{damaged}` cannot be encoded in GBK, so it is not GBK mojibake"
        ));
    }
    let mut restored = vec![lost_byte];
    restored.extend_from_slice(&bytes);
    GBK.decode_without_bom_handling_and_without_replacement(&restored)
        .map(|text| text.into_owned())
        .ok_or_else(|| format!("putting back byte {lost_byte:#04x} does not give valid GBK"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::*;

    #[test]
    fn repair_gbk_puts_the_lost_byte_back() {
        assert_eq!(restore_lost_gbk_byte("刹槠鹪V", 0x82).unwrap(), "偵查起訴");
        assert_eq!(restore_lost_gbk_byte("赊k", 0x82).unwrap(), "偵辦");
        let yaml = "- repair_gbk: {damaged: 赊k, residue: '?jìng)', lost_byte: 0x82, expect: 偵辦}";
        let c = run("個案?jìng)赊k和情報", yaml).unwrap();
        assert_eq!(c.text, "個案偵辦和情報");
    }

    #[test]
    fn repair_gbk_checks_the_expected_text() {
        let yaml = "- repair_gbk: {damaged: 赊k, lost_byte: 0x82, expect: 偵查}";
        let err = run("赊k", yaml).unwrap_err();
        assert!(
            err.message.contains("gives `偵辦`, expected `偵查`"),
            "{}",
            err.message
        );
    }
}
