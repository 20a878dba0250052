//! "Did you mean …?" for unknown ids.

/// An error message for an unknown id: the valid ids, and the closest one.
pub fn unknown_id(kind: &str, id: &str, valid: &[&str]) -> String {
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
pub fn closest<'a>(id: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|v| (edit_distance(id, v), *v))
        .filter(|(d, v)| *d <= (v.chars().count() / 3).max(2))
        .min()
        .map(|(_, v)| v)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
