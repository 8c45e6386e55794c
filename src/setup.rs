//! The first-run setup link: while the shop has no active admin, each start
//! makes a new one-time link where the first admin account is created.

use rusqlite::Connection;

use crate::config::Config;
use crate::db::{setup_tokens, users};
use crate::error::Error;
use crate::token::{hash_token, random_token};

/// Managed state: the link printed at start, if one was made.
pub struct SetupLink(Option<String>);

impl SetupLink {
    pub fn prepare(conn: &Connection, config: &Config) -> Result<SetupLink, Error> {
        if users::count_active_admins(conn)? > 0 {
            setup_tokens::clear(conn)?;
            return Ok(SetupLink(None));
        }
        let token = random_token();
        setup_tokens::replace(conn, &hash_token(&token))?;
        Ok(SetupLink(Some(format!("{}/setup/{token}", config.public_url()))))
    }

    pub fn url(&self) -> Option<&str> {
        self.0.as_deref()
    }
}
