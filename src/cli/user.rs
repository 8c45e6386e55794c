//! `tienda user create` and `tienda user role`.

use clap::Subcommand;
use rocket::figment::Figment;

use crate::auth::Hasher;
use crate::auth::accounts;
use crate::db::{Db, users, write_tx};
use crate::domain::account::Registration;
use crate::error::Error;
use crate::i18n::{Lang, t, t_with};
use crate::role::Role;

use super::text;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user. The password comes from TIENDA_PASSWORD or a prompt.
    Create {
        username: String,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "customer", value_parser = parse_role)]
        role: Role,
    },
    /// Change a user's role.
    Role {
        username: String,
        #[arg(value_parser = parse_role)]
        role: Role,
    },
}

/// Runs while the command line is read, before any shop is open: it
/// speaks the environment's language.
fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        t_with(
            crate::i18n::environment_lang(),
            "cli-user-unknown-role",
            &[("role", text(s))],
        )
    })
}

pub fn run(figment: Figment, lang: Lang, command: UserCommand) -> Result<(), String> {
    let config = super::config_of(&figment)?;
    let db = super::open_db(&config, lang)?;
    match command {
        UserCommand::Create {
            username,
            email,
            role,
        } => {
            let password = read_password(lang)?;
            let hasher = Hasher::new(config.bcrypt_cost).map_err(|e| e.to_string())?;
            let input = Registration {
                username,
                email,
                password,
            };
            let user = rocket::execute(accounts::register(&db, &hasher, input, role))
                .map_err(|e| describe(lang, e))?;
            let args = [
                ("role", text(user.role)),
                ("username", text(&user.username)),
                ("email", text(&user.email)),
            ];
            println!("{}", t_with(lang, "cli-user-created", &args));
            Ok(())
        }
        UserCommand::Role { username, role } => {
            set_role(&db, lang, &username, role).map_err(|e| describe(lang, e))?;
            let args = [("username", text(&username)), ("role", text(role))];
            println!("{}", t_with(lang, "cli-user-role-set", &args));
            Ok(())
        }
    }
}

fn set_role(db: &Db, lang: Lang, username: &str, role: Role) -> Result<(), Error> {
    let mut conn = db.conn()?;
    let tx = write_tx(&mut conn)?;
    let user = users::find_by_username(&tx, username)?.ok_or(Error::NotFound)?;
    let last_admin = user.role == Role::Admin && user.active && users::count_active_admins(&tx)? == 1;
    if last_admin && role != Role::Admin {
        return Err(Error::Conflict {
            code: "conflict",
            message: t_with(lang, "cli-user-last-admin", &[("username", text(username))]),
        });
    }
    users::update_role(&tx, user.id, role)?;
    tx.commit()?;
    Ok(())
}

/// A validation error as lines a person can act on.
fn describe(lang: Lang, error: Error) -> String {
    match error {
        Error::Validation { fields, .. } if !fields.is_empty() => fields
            .iter()
            .flat_map(|(field, messages)| messages.iter().map(move |m| format!("{field}: {m}")))
            .collect::<Vec<_>>()
            .join("\n"),
        Error::NotFound => t(lang, "cli-user-not-found"),
        other => other.to_string(),
    }
}

fn read_password(lang: Lang) -> Result<String, String> {
    if let Ok(password) = std::env::var("TIENDA_PASSWORD") {
        return Ok(password);
    }
    let password = rpassword::prompt_password(t(lang, "cli-password-prompt"))
        .map_err(|e| t_with(lang, "cli-password-unreadable", &[("error", text(e))]))?;
    let again = rpassword::prompt_password(t(lang, "cli-password-again")).map_err(|e| e.to_string())?;
    if password != again {
        return Err(t(lang, "cli-password-differ"));
    }
    Ok(password)
}
