//! Deterministic 12-character ids (the V2 examples' shape), so that demo data and tests see
//! the same ids on every run.

const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn fnv1a(seed: u64, text: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The id for `label`, e.g. `id_for("form:APPLICATION")`.
pub fn id_for(label: &str) -> String {
    let mut out = String::with_capacity(12);
    let mut h = fnv1a(1, label);
    let mut g = fnv1a(2, label);
    for i in 0..12 {
        if i == 6 {
            h = g;
            g = 0;
        }
        out.push(ALPHABET[(h % 36) as usize] as char);
        h /= 36;
    }
    let _ = g;
    out
}

/// A random opaque token.
pub fn random_token() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..40)
        .map(|_| ALPHABET[rng.gen_range(0..36)] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_and_distinct() {
        assert_eq!(super::id_for("a"), super::id_for("a"));
        assert_ne!(super::id_for("a"), super::id_for("b"));
        assert_eq!(super::id_for("x").len(), 12);
    }
}
