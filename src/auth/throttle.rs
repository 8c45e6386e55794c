//! Login throttling: after 5 failures on one account, or 20 from one
//! address, within 15 minutes, attempts are refused until the oldest of
//! those failures is 15 minutes old. Kept in memory: a restart forgets it.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_ACCOUNT: usize = 5;
pub const PER_ADDRESS: usize = 20;
const PURGE_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

fn account_key(account: &str) -> String {
    format!("account:{}", account.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

impl Throttle {
    /// `Err(seconds to wait)` when either key has used up its attempts.
    pub fn check(&self, account: &str, address: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut failures = self.failures.lock().expect("throttle lock poisoned");
        let mut wait = 0;
        for (key, limit) in [
            (account_key(account), PER_ACCOUNT),
            (address_key(address), PER_ADDRESS),
        ] {
            if let Some(times) = failures.get_mut(&key) {
                while times.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
                    times.pop_front();
                }
                if times.len() >= limit {
                    let oldest = times[times.len() - limit];
                    let left = WINDOW.saturating_sub(now.duration_since(oldest));
                    wait = wait.max(left.as_secs().max(1));
                }
            }
        }
        if wait > 0 { Err(wait) } else { Ok(()) }
    }

    pub fn record_failure(&self, account: &str, address: &str) {
        let now = Instant::now();
        let mut failures = self.failures.lock().expect("throttle lock poisoned");
        for key in [account_key(account), address_key(address)] {
            failures.entry(key).or_default().push_back(now);
        }
        // Keys of every name ever tried would pile up during an attack;
        // dropping the aged-out ones now and then keeps memory bounded.
        if failures.len() > PURGE_ABOVE {
            failures.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
    }

    /// A successful login forgets the account's failures (not the address's).
    pub fn clear_account(&self, account: &str) {
        let mut failures = self.failures.lock().expect("throttle lock poisoned");
        failures.remove(&account_key(account));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_account_but_not_others() {
        let t = Throttle::default();
        for _ in 0..PER_ACCOUNT {
            assert!(t.check("ana", "1.2.3.4").is_ok());
            t.record_failure("ana", "1.2.3.4");
        }
        let wait = t.check("ANA", "5.6.7.8").unwrap_err();
        assert!(wait > 14 * 60 && wait <= 15 * 60, "{wait}");
        assert!(t.check("bob", "5.6.7.8").is_ok());
    }

    #[test]
    fn twenty_failures_lock_the_address() {
        let t = Throttle::default();
        for i in 0..PER_ADDRESS {
            t.record_failure(&format!("user{i}"), "1.2.3.4");
        }
        assert!(t.check("someone-new", "1.2.3.4").is_err());
        assert!(t.check("someone-new", "9.9.9.9").is_ok());
    }
}
