//! Password hashing with bcrypt, on the blocking pool and at most a few at a
//! time, so that a login flood cannot starve the rest of the shop of CPU.

use std::sync::Arc;

use rocket::tokio::sync::{OnceCell, Semaphore};

use crate::db::blocking;
use crate::error::Error;

#[derive(Clone)]
pub struct Hasher {
    cost: u32,
    /// Verified against when the user does not exist, so that an unknown
    /// name costs the same time as a wrong password. Made at the first
    /// sign-in, not at start, which must stay fast.
    dummy_hash: Arc<OnceCell<String>>,
    permits: Arc<Semaphore>,
}

impl Hasher {
    pub fn new(cost: u32) -> Result<Hasher, Error> {
        if !(4..=31).contains(&cost) {
            return Err(Error::internal(format!(
                "bcrypt_cost must be from 4 to 31, not {cost}"
            )));
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Hasher {
            cost,
            dummy_hash: Arc::new(OnceCell::new()),
            permits: Arc::new(Semaphore::new((cores / 2).max(1))),
        })
    }

    pub async fn hash(&self, password: &str) -> Result<String, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::caused)?;
        let (password, cost) = (password.to_string(), self.cost);
        blocking(move || bcrypt::hash(password, cost).map_err(Error::caused)).await
    }

    /// Checks `password` against `hash`, or against a dummy hash when there is
    /// no user, taking the same time either way.
    pub async fn verify(&self, password: &str, hash: Option<String>) -> Result<bool, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::caused)?;
        let known = hash.is_some();
        let hash = match hash {
            Some(hash) => hash,
            None => self.dummy_hash().await?,
        };
        let password = password.to_string();
        let matches = blocking(move || Ok(bcrypt::verify(password, &hash).unwrap_or(false))).await?;
        Ok(known && matches)
    }

    async fn dummy_hash(&self) -> Result<String, Error> {
        let cost = self.cost;
        let hash = self
            .dummy_hash
            .get_or_try_init(|| {
                blocking(move || bcrypt::hash("not a password of anyone", cost).map_err(Error::caused))
            })
            .await?;
        Ok(hash.clone())
    }

    /// The same as `hash`, for callers that are not async (the command line).
    pub fn hash_now(&self, password: &str) -> Result<String, Error> {
        bcrypt::hash(password, self.cost).map_err(Error::caused)
    }
}
