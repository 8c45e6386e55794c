//! Random secrets (session cookies, links, API tokens) and the hash they
//! are stored as.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new secret of 256 random bits, URL-safe, for cookies, links and tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// How a secret is stored: its SHA-256, so a copy of the database does not
/// hand out working sessions, tokens or links. (The secrets are random and
/// long, so a fast hash is enough; passwords use bcrypt.)
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares secrets in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
