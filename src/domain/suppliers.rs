//! Suppliers: the rules for their fields, unique names, and deletes.

use rusqlite::Connection;
use serde::Deserialize;

use crate::db::suppliers::{self, Supplier, SupplierFields};
use crate::domain::fields::{add, email_rule, explicit, finish};
use crate::error::{Error, FieldErrors};
use crate::ids::SupplierId;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SupplierInput {
    /// Required when creating.
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(deserialize_with = "explicit")]
    pub contact: Option<Option<String>>,
    #[serde(deserialize_with = "explicit")]
    pub phone: Option<Option<String>>,
    #[serde(deserialize_with = "explicit")]
    pub email: Option<Option<String>>,
}

fn optional_text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl SupplierInput {
    /// The supplier's fields: these over `current`'s, checked.
    fn fields(self, current: Option<&Supplier>) -> Result<SupplierFields, Error> {
        let pick = |new: Option<Option<String>>, old: Option<&Option<String>>| match new {
            Some(v) => optional_text(v),
            None => old.cloned().flatten(),
        };
        let fields = SupplierFields {
            name: self
                .name
                .or_else(|| current.map(|c| c.name.clone()))
                .unwrap_or_default()
                .trim()
                .to_string(),
            contact: pick(self.contact, current.map(|c| &c.contact)),
            phone: pick(self.phone, current.map(|c| &c.phone)),
            email: pick(self.email, current.map(|c| &c.email)),
        };
        let mut errors = FieldErrors::new();
        match fields.name.chars().count() {
            0 => add(&mut errors, "name", "is required"),
            201.. => add(&mut errors, "name", "must be at most 200 characters long"),
            _ => {}
        }
        for (field, value) in [("contact", &fields.contact), ("phone", &fields.phone)] {
            if value.as_deref().is_some_and(|v| v.chars().count() > 200) {
                add(&mut errors, field, "must be at most 200 characters long");
            }
        }
        if let Some(email) = &fields.email
            && email_rule(email).is_err()
        {
            add(&mut errors, "email", "must be a valid e-mail address");
        }
        finish(errors)?;
        Ok(fields)
    }
}

pub fn save(tx: &Connection, id: Option<SupplierId>, input: SupplierInput) -> Result<Supplier, Error> {
    let current = match id {
        Some(id) => Some(suppliers::find(tx, id)?),
        None => None,
    };
    let fields = input.fields(current.as_ref())?;
    if suppliers::find_by_name(tx, &fields.name)?.is_some_and(|other| Some(other) != id) {
        return Err(Error::field("name", "is already used by another supplier"));
    }
    let id = match id {
        Some(id) => {
            suppliers::update(tx, id, &fields)?;
            id
        }
        None => suppliers::insert(tx, &fields)?,
    };
    let saved = suppliers::find(tx, id)?;
    Ok(saved)
}

pub fn delete(conn: &Connection, id: SupplierId) -> Result<(), Error> {
    Error::found(suppliers::delete(conn, id)?)
}
