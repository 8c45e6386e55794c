//! Who is asking: roles, password hashing, sessions, CSRF, login throttling
//! and the request guards built on them.

pub mod accounts;
pub mod buyer;
pub mod cart_owner;
pub mod csrf;
pub mod guards;
pub mod order_desk;
pub mod password;
pub mod session;
pub mod throttle;

/// Roles are the database's and every layer's; the guards speak of them too.
pub use crate::role::Role;
pub use cart_owner::{CartOwner, CartViewer};
pub use guards::{Admin, ClientAddr, SignedIn, Staff, Via, Viewer};
pub use password::Hasher;
