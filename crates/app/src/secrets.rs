//! Secrets made from the operating system's randomness: session and CSRF tokens, one-time passwords.

/// 32 random bytes from the operating system, as hex.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// A password to hand to a person once (a new administrator, the demo's accounts): 16 characters without
/// look-alikes, in groups of four; about 79 bits.
pub fn random_password() -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// What the store keeps of a session or API token: its SHA-256, in hex (the token itself is random and long, so
/// an unsalted digest is enough to make a stolen table useless).
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_passwords_are_random_and_of_their_shape() {
        let a = random_token().expect("random");
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token().expect("random"));
        let p = random_password().expect("random");
        assert_eq!(p.len(), 19);
        assert_eq!(p.matches('-').count(), 3);
        assert_ne!(p, random_password().expect("random"));
    }
}
