//! Ids of topics, entities and segments: well-formed and unique where they
//! are declared, and "did you mean …?" where an unknown one is used.

use std::path::Path;

use crate::error::Error;

/// Errors for ids that are malformed (not lower-case letters, digits and
/// hyphens) or declared twice, pointing at each `id:` line.
pub(crate) fn check_declared(kind: &str, ids: &[&str], path: &Path, source: &str) -> Vec<Error> {
    let mut errors = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let at = || crate::pipeline::load::yaml::locate(path, source, &format!("id: {id}"));
        let valid = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            errors.push(Error::input(
                at(),
                format!("{kind} id `{id}`: expected lower-case letters, digits and hyphens"),
            ));
        }
        if ids[..i].contains(id) {
            errors.push(Error::input(
                at(),
                format!("{kind} id `{id}` is used twice"),
            ));
        }
    }
    errors
}

/// An error message for an unknown id: the valid ids, and the closest one.
pub(crate) fn unknown_id(kind: &str, id: &str, valid: &[&str]) -> String {
    if valid.is_empty() {
        return format!("unknown {kind} `{id}`: there is none of that kind to name");
    }
    let mut message = format!(
        "unknown {kind} `{id}`: expected one of {}",
        valid.join(", ")
    );
    if let Some(best) = closest(id, valid) {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    message
}

/// The valid id nearest to `id` by edit distance, when it is near enough to
/// be a plausible typo.
pub(crate) fn closest<'a>(id: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|v| (edit_distance(id, v), *v))
        .filter(|(d, v)| *d <= (v.chars().count() / 3).max(2))
        .min()
        .map(|(_, v)| v)
}

fn edit_distance(a: &str, b: &str) -> usize {
    // Levenshtein distance over chars (not bytes), as the threshold counts chars.
    strsim::levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_and_repeated_ids_are_errors_at_their_line() {
        let source = "- id: fugitives\n- id: Bad_Id\n- id: fugitives\n";
        let errors = check_declared(
            "topic",
            &["fugitives", "Bad_Id", "fugitives"],
            Path::new("t.yaml"),
            source,
        );
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("t.yaml:2:3: topic id `Bad_Id`: expected lower-case"));
        assert!(messages[1].contains("topic id `fugitives` is used twice"));
    }

    #[test]
    fn a_typo_gets_the_closest_id() {
        let valid = ["counter-narcotics", "cybercrime", "fugitives"];
        assert_eq!(
            closest("counter-narcotic", &valid),
            Some("counter-narcotics")
        );
        assert_eq!(closest("fugitve", &valid), Some("fugitives"));
        assert_eq!(closest("weather", &valid), None);
        let message = unknown_id("topic", "cybercrim", &valid);
        assert!(message.ends_with("did you mean `cybercrime`?"), "{message}");
        assert!(message.contains("expected one of counter-narcotics, cybercrime, fugitives"));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("fugitve", "fugitives"), 2);
        assert_eq!(edit_distance("反恐", "反恐怖"), 1);
    }
}
