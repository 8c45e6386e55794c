//! `tienda user create` and `tienda user role`.

use clap::Subcommand;
use rocket::figment::Figment;

use crate::auth::Hasher;
use crate::auth::accounts;
use crate::db::{Db, users, write_tx};
use crate::domain::account::Registration;
use crate::error::Error;
use crate::role::Role;

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

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("unknown role {s:?}: use admin, staff or customer"))
}

pub fn run(figment: Figment, command: UserCommand) -> Result<(), String> {
    let config = super::config_of(&figment)?;
    let db = super::open_db(&config)?;
    match command {
        UserCommand::Create {
            username,
            email,
            role,
        } => {
            let password = read_password()?;
            let hasher = Hasher::new(config.bcrypt_cost).map_err(|e| e.to_string())?;
            let input = Registration {
                username,
                email,
                password,
            };
            let user = rocket::execute(accounts::register(&db, &hasher, input, role)).map_err(describe)?;
            println!("Created {} {} <{}>.", user.role, user.username, user.email);
            Ok(())
        }
        UserCommand::Role { username, role } => {
            set_role(&db, &username, role).map_err(describe)?;
            println!("{username} is now {role}.");
            Ok(())
        }
    }
}

fn set_role(db: &Db, username: &str, role: Role) -> Result<(), Error> {
    let mut conn = db.conn()?;
    let tx = write_tx(&mut conn)?;
    let user = users::find_by_username(&tx, username)?.ok_or(Error::NotFound)?;
    let last_admin = user.role == Role::Admin && user.active && users::count_active_admins(&tx)? == 1;
    if last_admin && role != Role::Admin {
        return Err(Error::Conflict {
            code: "conflict",
            message: format!("{username} is the last active admin; make another admin first"),
        });
    }
    users::update_role(&tx, user.id, role)?;
    tx.commit()?;
    Ok(())
}

/// A validation error as lines a person can act on.
fn describe(error: Error) -> String {
    match error {
        Error::Validation { fields, .. } if !fields.is_empty() => fields
            .iter()
            .flat_map(|(field, messages)| messages.iter().map(move |m| format!("{field}: {m}")))
            .collect::<Vec<_>>()
            .join("\n"),
        Error::NotFound => "no such user".into(),
        other => other.to_string(),
    }
}

fn read_password() -> Result<String, String> {
    if let Ok(password) = std::env::var("TIENDA_PASSWORD") {
        return Ok(password);
    }
    let password = rpassword::prompt_password("Password: ")
        .map_err(|e| format!("cannot read the password ({e}); set TIENDA_PASSWORD instead"))?;
    let again = rpassword::prompt_password("Password again: ").map_err(|e| e.to_string())?;
    if password != again {
        return Err("the two passwords differ".into());
    }
    Ok(password)
}
