//! One way to fingerprint a value, for the keys that tell a rebuild what
//! changed. The hashes live only in memory, for one run of the program.

use std::hash::{DefaultHasher, Hash, Hasher};

pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
