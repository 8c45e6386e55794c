//! Tienda: a small online shop in one binary. `rocket()` is the one place
//! the application is assembled; `main.rs` only reads the command line.

pub mod api;
pub mod assets;
pub mod attachment;
pub mod auth;
pub mod backups;
pub mod cli;
pub mod config;
pub mod data_dir;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod error_schema;
pub mod headers;
pub mod http_cache;
pub mod i18n;
pub mod ids;
pub mod mail;
pub mod metrics;
pub mod money;
pub mod order_types;
pub mod role;
pub mod setup;
pub mod start_error;
pub mod token;
pub mod upload;
pub mod web;

use std::path::Path;
use std::time::Duration;

use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::auth::Hasher;
use crate::auth::session::SessionPolicy;
use crate::auth::throttle::Throttle;
use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use crate::mail::Mailer;
use crate::start_error::StartError;

pub use config::VERSION;

/// Builds the application from `figment` (see `config::figment()`): creates
/// the data directory, the database and the secret key as needed.
pub fn rocket(figment: Figment) -> Result<Rocket<Build>, StartError> {
    let config = Config::from_figment(&figment)?;
    data_dir::prepare(&config.data_dir)?;
    let lock = data_dir::Lock::acquire(&config.data_dir)?;
    let figment = with_secret_key(figment, &config.data_dir)?;
    // Uploads may be as large as the largest image or CSV file, plus the
    // form around it; each upload checks its own limit.
    let upload_bytes = (config.max_image_mb).max(domain::product_csv::MAX_MIB) * 1024 * 1024;
    let figment = figment
        .merge(("limits.file", upload_bytes))
        .merge(("limits.data-form", upload_bytes + 64 * 1024));
    let figment = assets::with_template_dir(figment, &config.data_dir)?;

    let db = Db::open(&config.db_path(), config.checkpoints())
        .map_err(|e| StartError::opening(&config.data_dir, &config.db_path(), e))?;
    let metrics = metrics::Metrics::new(&db).map_err(Error::caused)?;
    let cache = http_cache::HttpCache {
        max_age: config.cache_max_age_secs,
    };
    let hasher = Hasher::new(config.bcrypt_cost)?;
    let mut conn = db.conn()?;
    let demo_lang = i18n::Lang::from_code(&config.demo_language).unwrap_or_default();
    let demo_accounts = if config.demo {
        demo::load_once(&mut conn, &hasher, demo_lang)?
    } else {
        None
    };
    // Read after the demo, which sets the shop's language.
    let settings = domain::settings::Settings::new(domain::settings::load(&conn)?);
    if config.demo && demo_accounts.is_none() && settings.language() != i18n::ShopLanguage::Fixed(demo_lang) {
        // A shop is never replaced by the demo; whoever asked for the demo
        // in another language must not think they are looking at it.
        println!(
            "{}",
            i18n::t_with(demo_lang, "cli-demo-kept", &[("code", demo_lang.code().into())])
        );
    }
    if let Some(accounts) = demo_accounts {
        let lang = settings.language().for_owner();
        println!("{}", i18n::t(lang, "cli-demo-loaded"));
        let password = i18n::t(lang, "cli-demo-password");
        for a in accounts {
            println!(
                "  {:<9} {:<9} {password} {}",
                a.username,
                a.role.as_str(),
                a.password
            );
        }
    }
    let setup_link = setup::SetupLink::prepare(&conn, &config)?;
    drop(conn);
    let overrides = assets::overrides_dir(&config.data_dir);
    let policy = SessionPolicy {
        idle: chrono::Duration::hours(config.session_idle_hours),
        max_age: chrono::Duration::days(config.session_max_days),
        secure: config.https,
    };

    let engine = web::view::Engine::default();
    Ok(rocket::custom(figment)
        .manage(db)
        .manage(metrics.clone())
        .manage(hasher)
        .manage(policy)
        .manage(Throttle::default())
        .manage(Mailer::default())
        .manage(std::sync::Arc::new(domain::listing::ListingCache::default()))
        .manage(settings)
        .manage(setup_link)
        .manage(config)
        .manage(lock)
        .manage(engine.clone())
        .attach(assets::templates(overrides, engine))
        .attach(web::view::WaitForTemplates)
        .attach(rocket::shield::Shield::new())
        .attach(headers::SecurityHeaders)
        .attach(cache)
        .attach(metrics)
        .attach(AdHoc::on_liftoff("background tasks", |rocket| {
            Box::pin(async move { start_background(rocket) })
        }))
        .attach(AdHoc::on_shutdown("write statistics", |rocket| {
            Box::pin(async move { report_writes(rocket) })
        }))
        .mount("/", web::routes())
        .mount("/", assets::routes())
        .mount("/", api::health_routes())
        .mount("/", metrics::routes())
        .mount("/api/v1", api::routes())
        .register("/", web::catchers())
        .register("/api", api::catchers()))
}

/// A file that passed the checks before the start may still have damaged
/// pages; SQLite's quick check reads them all while the shop serves, and
/// what it finds turns `/healthz` to 503 until the file is restored.
async fn check_pages(db: Db) {
    match db.check_pages().await {
        Ok(None) => {}
        Ok(Some(problem)) => rocket::error!(
            "the database is damaged ({problem}): restore the newest backup with `tienda restore FILE` \
             (the shop must be stopped)"
        ),
        Err(e) => rocket::error!("the database could not be checked: {e}"),
    }
}

fn start_background(rocket: &Rocket<rocket::Orbit>) {
    let (Some(db), Some(config), Some(mailer), Some(setup), Some(policy), Some(settings)) = (
        rocket.state::<Db>(),
        rocket.state::<Config>(),
        rocket.state::<Mailer>(),
        rocket.state::<setup::SetupLink>(),
        rocket.state::<SessionPolicy>(),
        rocket.state::<domain::settings::Settings>(),
    ) else {
        return;
    };
    let lang = settings.language().for_owner();
    let say = |key, args: &[(&str, i18n::FluentValue<'_>)]| println!("{}", i18n::t_with(lang, key, args));
    say(
        "cli-serving",
        &[("version", VERSION.into()), ("url", config.public_url().into())],
    );
    if config.litestream {
        // Said at every start: without Litestream the log would only grow.
        say("cli-litestream", &[]);
    }
    if let Some(link) = setup.url() {
        say("cli-setup-link", &[("link", link.into())]);
    }
    rocket::tokio::spawn(check_pages(db.clone()));
    rocket::tokio::spawn(mail::run(
        db.clone(),
        config.clone(),
        mailer.clone(),
        rocket.shutdown(),
    ));
    rocket::tokio::spawn(purge_expired(db.clone(), policy.clone(), rocket.shutdown()));
    rocket::tokio::spawn(backups::schedule(
        db.clone(),
        backups::dir(&config.data_dir),
        config.backup_check_secs,
        rocket.shutdown(),
    ));
    rocket::tokio::spawn(expire_unpaid_orders(
        db.clone(),
        config.public_url(),
        config.hold_check_secs,
        mailer.clone(),
        rocket.shutdown(),
    ));
}

/// Says at shutdown how many writes the writer committed in how many
/// batches (each one fsync), so that an owner or a benchmark can see what
/// group commit did.
fn report_writes(rocket: &Rocket<rocket::Orbit>) {
    if let (Some(db), Some(settings)) = (rocket.state::<Db>(), rocket.state::<domain::settings::Settings>()) {
        use std::sync::atomic::Ordering::Relaxed;
        let count = |n: &std::sync::atomic::AtomicU64| i18n::FluentValue::from(n.load(Relaxed).to_string());
        let args = [
            ("writes", count(&db.writes.writes)),
            ("batches", count(&db.writes.batches)),
        ];
        println!(
            "{}",
            i18n::t_with(settings.language().for_owner(), "cli-writes", &args)
        );
    }
}

/// Cancels and restocks unpaid orders older than the hold time, now and
/// then. The hold time and the shop's details are read afresh each round.
async fn expire_unpaid_orders(
    db: Db,
    base_url: String,
    every_secs: u64,
    mailer: Mailer,
    mut shutdown: rocket::Shutdown,
) {
    loop {
        match expire_unpaid(&db, &base_url).await {
            Ok(0) => {}
            Ok(n) => {
                rocket::info!("cancelled {n} unpaid orders past the hold time");
                mailer.wake();
            }
            Err(e) => rocket::error!("cancelling unpaid orders failed: {e}"),
        }
        rocket::tokio::select! {
            _ = rocket::tokio::time::sleep(Duration::from_secs(every_secs.max(1))) => {}
            _ = &mut shutdown => break,
        }
    }
}

/// Cancels the unpaid orders past the hold, each in its own write; returns
/// how many.
async fn expire_unpaid(db: &Db, base_url: &str) -> Result<usize, Error> {
    let mut cancelled = 0;
    loop {
        let base_url = base_url.to_string();
        let (ctx, due) = db
            .run(move |conn| {
                let shop = domain::settings::load(conn)?;
                let due = domain::orders::past_the_hold(conn, &shop, 100)?;
                let lang = shop.language().default_lang();
                Ok((domain::order_mail::MailContext { shop, base_url, lang }, due))
            })
            .await?;
        if due.is_empty() {
            return Ok(cancelled);
        }
        for id in due {
            let ctx = ctx.clone();
            if db.write(move |tx| domain::orders::expire(tx, &ctx, id)).await? {
                cancelled += 1;
            }
        }
    }
}

/// Deletes expired sessions and used or expired reset links, now and then.
async fn purge_expired(db: Db, policy: SessionPolicy, mut shutdown: rocket::Shutdown) {
    loop {
        let policy_now = policy.clone();
        let purged = db
            .write(move |tx| {
                policy_now.purge(tx)?;
                db::password_resets::purge_expired(tx)
            })
            .await;
        if let Err(e) = purged {
            rocket::error!("purging expired sessions failed: {e}");
        }
        rocket::tokio::select! {
            _ = rocket::tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = &mut shutdown => break,
        }
    }
}

/// Uses the configured `secret_key`, or else the one in the data directory,
/// made on first run, so that sessions' private cookies survive restarts.
fn with_secret_key(figment: Figment, data_dir: &Path) -> Result<Figment, Error> {
    // Rocket's defaults hold an all-zero key, which means "none set".
    let configured = figment.extract_inner::<rocket::config::SecretKey>("secret_key");
    if configured.is_ok_and(|key| !key.is_zero()) {
        return Ok(figment);
    }
    let path = data_dir.join("secret.key");
    let key = match std::fs::read_to_string(&path) {
        Ok(key) => key.trim().to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = generate_key();
            write_private(&path, &key)?;
            key
        }
        Err(e) => return Err(Error::internal(format!("cannot read {}: {e}", path.display()))),
    };
    Ok(figment.merge(("secret_key", key)))
}

fn generate_key() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Creates `path` readable by its owner only.
fn write_private(path: &Path, contents: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", path.display())))?;
    file.write_all(contents.as_bytes()).map_err(Error::caused)
}
