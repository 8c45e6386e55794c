//! Password hashing with bcrypt, on the blocking pool and at most a few at a
//! time, so that a login flood cannot starve the rest of the shop of CPU.

use std::sync::Arc;

use rocket::tokio::sync::Semaphore;

use crate::db::blocking;
use crate::error::Error;

/// bcrypt reads at most 72 bytes; longer passwords are refused, not cut.
pub const MAX_PASSWORD_BYTES: usize = 72;

#[derive(Clone)]
pub struct Hasher {
    cost: u32,
    /// Verified against when the user does not exist, so that an unknown
    /// name costs the same time as a wrong password.
    dummy_hash: Arc<String>,
    permits: Arc<Semaphore>,
}

impl Hasher {
    pub fn new(cost: u32) -> Result<Hasher, Error> {
        let dummy_hash = bcrypt::hash("not a password of anyone", cost).map_err(Error::internal)?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Hasher {
            cost,
            dummy_hash: Arc::new(dummy_hash),
            permits: Arc::new(Semaphore::new((cores / 2).max(1))),
        })
    }

    pub async fn hash(&self, password: &str) -> Result<String, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        let (password, cost) = (password.to_string(), self.cost);
        blocking(move || bcrypt::hash(password, cost).map_err(Error::internal)).await
    }

    /// Checks `password` against `hash`, or against a dummy hash when there is
    /// no user, taking the same time either way.
    pub async fn verify(&self, password: &str, hash: Option<String>) -> Result<bool, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.to_string());
        let password = password.to_string();
        let matches = blocking(move || Ok(bcrypt::verify(password, &hash).unwrap_or(false))).await?;
        Ok(known && matches)
    }

    /// The same as `hash`, for callers that are not async (the command line).
    pub fn hash_now(&self, password: &str) -> Result<String, Error> {
        bcrypt::hash(password, self.cost).map_err(Error::internal)
    }
}
