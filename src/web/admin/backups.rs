//! The backups page, for admins: the backups in the data directory, a
//! button to take one now, the schedule, and how to restore one.

use rocket::{Route, State, get, post, routes};
use serde::Serialize;

use crate::auth::Admin;
use crate::auth::csrf::CsrfForm;
use crate::backups::{self, BackupFile};
use crate::config::Config;
use crate::db::Db;
use crate::domain::settings::Settings;
use crate::error::Error;
use crate::i18n::{FluentValue, t_with};
use crate::web::{Empty, Layout, Reply};

/// The context of `admin/backups.html`.
#[derive(Serialize)]
struct BackupsPage {
    backups: Vec<BackupFile>,
    dir: String,
    every_hours: i64,
    keep: i64,
}

#[get("/admin/backups")]
async fn get_backups(
    _admin: Admin,
    layout: Layout,
    config: &State<Config>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let listed = backups::listed(&config.data_dir).await?;
    let shop = settings.current();
    Ok(Reply::page(
        "admin/backups.html",
        &layout,
        BackupsPage {
            backups: listed,
            dir: backups::dir(&config.data_dir).display().to_string(),
            every_hours: shop.backup_every_hours,
            keep: shop.backup_keep,
        },
    ))
}

#[post("/admin/backups", data = "<_form>")]
async fn post_backup(
    _form: CsrfForm<Empty>,
    _admin: Admin,
    layout: Layout,
    config: &State<Config>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let made = backups::take(db, &config.data_dir).await?;
    let name = [("name", FluentValue::from(made.name))];
    Ok(Reply::redirect(
        "/admin/backups",
        &t_with(layout.lang, "admin-backups-done", &name),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![get_backups, post_backup]
}
