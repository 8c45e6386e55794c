//! Typed settings: Rocket's own (`address`, `port`, `limits`, ...) and
//! Tienda's, read from one figment (defaults < `Rocket.toml` < `ROCKET_*` <
//! `TIENDA_*`).

use std::path::PathBuf;

use rocket::data::{ByteUnit, Limits};
use rocket::figment::providers::{Env, Format, Serialized, Toml};
use rocket::figment::{Figment, Profile};
use serde::{Deserialize, Serialize};

/// The version of this build, shown at start and by the health check.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Tienda's own settings, beside Rocket's in the same figment.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Config {
    pub data_dir: PathBuf,
    pub bcrypt_cost: u32,
    /// Base of the links in e-mails; defaults to `http://address:port`.
    pub public_url: Option<String>,
    /// Served over HTTPS (by a proxy in front): cookies are marked Secure.
    pub https: bool,
    pub session_idle_hours: i64,
    pub session_max_days: i64,
    pub mail_from: String,
    pub smtp: Option<SmtpConfig>,
    /// First delay before a failed e-mail is tried again; doubles each time.
    pub mail_retry_secs: u64,
    /// How often the outbox is looked at when nothing wakes it up.
    pub mail_poll_secs: u64,
    /// How often unpaid orders past the hold time are looked for.
    pub hold_check_secs: u64,
    /// How often the backup schedule (shop settings `backup_every_hours`,
    /// `backup_keep`) looks whether a backup is due.
    pub backup_check_secs: u64,
    /// Load the demo shop into an empty database (`tienda serve --demo`).
    pub demo: bool,
    /// The demo shop's language (`en`, `es`): its products' words and the
    /// shop's `language` setting.
    pub demo_language: String,
    /// Largest product image accepted, in MB.
    pub max_image_mb: u64,
    /// The shop runs under Litestream, which checkpoints the write-ahead
    /// log itself: SQLite's automatic checkpoints are turned off, as
    /// Litestream's documentation asks for busy applications. Without
    /// Litestream running, the log would only grow: leave this off then.
    pub litestream: bool,
    /// How long a cache may keep an anonymous storefront answer
    /// (`Cache-Control: public, max-age`).
    pub cache_max_age_secs: u64,
    /// Turns on `GET /metrics`, for `Authorization: Bearer <metrics_token>`.
    pub metrics_token: Option<String>,
    pub address: std::net::IpAddr,
    pub port: u16,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default)]
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    None,
    #[default]
    Starttls,
    Tls,
}

fn default_smtp_port() -> u16 {
    587
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("tienda-data"),
            bcrypt_cost: 12,
            public_url: None,
            https: false,
            session_idle_hours: 24 * 7,
            session_max_days: 30,
            mail_from: "Tienda <shop@localhost>".into(),
            smtp: None,
            mail_retry_secs: 30,
            mail_poll_secs: 10,
            hold_check_secs: 300,
            backup_check_secs: 600,
            demo: false,
            demo_language: "en".into(),
            max_image_mb: 5,
            litestream: false,
            cache_max_age_secs: 60,
            metrics_token: None,
            address: std::net::Ipv4Addr::LOCALHOST.into(),
            port: 8000,
        }
    }
}

impl Config {
    pub fn from_figment(figment: &Figment) -> Result<Config, crate::error::Error> {
        figment
            .extract()
            .map_err(|e| crate::error::Error::internal(format!("configuration: {e}")))
    }

    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                let host = if self.address.is_unspecified() {
                    "127.0.0.1".to_string()
                } else {
                    self.address.to_string()
                };
                format!("http://{host}:{}", self.port)
            }
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("tienda.db")
    }

    /// Who checkpoints the database's write-ahead log.
    pub fn checkpoints(&self) -> crate::db::Checkpoints {
        if self.litestream {
            crate::db::Checkpoints::Litestream
        } else {
            crate::db::Checkpoints::Sqlite
        }
    }
}

/// Rocket's defaults with Tienda's over them: body limits, and the client
/// address taken from the connection, not from a header anyone can send
/// (set `ip_header` when a proxy in front sets one).
pub fn defaults() -> Figment {
    let limits = Limits::default()
        .limit("form", ByteUnit::Kibibyte(64))
        .limit("json", ByteUnit::Mebibyte(1));
    Figment::from(rocket::Config::default())
        .merge(Serialized::defaults(Config::default()))
        .merge(("limits", limits))
        .merge(("ip_header", false))
        .merge(("ident", "Tienda"))
        // Blocking work waits for a database connection before it takes a
        // thread (see `db::Db`), so few threads are ever needed.
        .merge(("max_blocking", 64))
}

/// The figment a Tienda process runs with: the defaults, then `Rocket.toml`,
/// then the environment.
pub fn figment() -> Figment {
    defaults()
        .merge(Toml::file(Env::var_or("ROCKET_CONFIG", "Rocket.toml")).nested())
        .merge(Env::prefixed("ROCKET_").ignore(&["PROFILE"]).global())
        // TIENDA_PASSWORD is the `user create` password, not a setting.
        .merge(Env::prefixed("TIENDA_").ignore(&["PASSWORD"]).global())
        .select(Profile::from_env_or(
            "ROCKET_PROFILE",
            rocket::Config::DEFAULT_PROFILE,
        ))
}
