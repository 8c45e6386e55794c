//! Categories (a tree) and suppliers: their rules and guarded deletes.

use serde::Deserialize;

use crate::db::categories::{self, Category};
use crate::db::suppliers::{self, Supplier, SupplierFields};
use crate::db::{Db, write_tx};
use crate::domain::validation::{add, email_rule, explicit, finish};
use crate::error::{Error, FieldErrors};
use crate::ids::{CategoryId, SupplierId};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CategoryInput {
    pub name: Option<String>,
    #[serde(deserialize_with = "explicit")]
    pub parent_id: Option<Option<CategoryId>>,
}

fn category_name_rule(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    // CSV files write category paths as `Parent > Child`.
    if name.contains('>') {
        return Err("must not contain '>'");
    }
    match name.chars().count() {
        0 => Err("is required"),
        1..=100 => Ok(name.to_string()),
        _ => Err("must be at most 100 characters long"),
    }
}

/// Creates (`id` None) or changes a category. A category cannot move under
/// itself or one of its own subcategories, and names are unique among
/// siblings.
pub async fn save_category(db: &Db, id: Option<CategoryId>, input: CategoryInput) -> Result<Category, Error> {
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        let current = match id {
            Some(id) => Some(categories::find(&tx, id)?),
            None => None,
        };
        let name = input
            .name
            .or_else(|| current.as_ref().map(|c| c.name.clone()))
            .unwrap_or_default();
        let parent = match input.parent_id {
            Some(parent) => parent,
            None => current.as_ref().and_then(|c| c.parent_id),
        };
        let mut errors = FieldErrors::new();
        let name = category_name_rule(&name)
            .map_err(|e| add(&mut errors, "name", e))
            .ok();
        if let Some(parent) = parent {
            if !categories::exists(&tx, parent)? {
                add(&mut errors, "parent_id", "is not a category");
            } else if let Some(id) = id
                && categories::with_descendants(&tx, id)?.contains(&parent)
            {
                add(
                    &mut errors,
                    "parent_id",
                    "cannot be the category itself or one of its subcategories",
                );
            }
        }
        if let Some(name) = &name
            && categories::find_by_name(&tx, name, parent)?.is_some_and(|other| Some(other) != id)
        {
            add(&mut errors, "name", "is already used by another category here");
        }
        finish(errors)?;
        let name = name.expect("validated");
        let id = match id {
            Some(id) => {
                categories::update(&tx, id, &name, parent)?;
                id
            }
            None => categories::insert(&tx, &name, parent)?,
        };
        let saved = categories::find(&tx, id)?;
        tx.commit()?;
        Ok(saved)
    })
    .await
}

/// Deletes an empty category; one with products or subcategories stays.
pub async fn delete_category(db: &Db, id: CategoryId) -> Result<(), Error> {
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        categories::find(&tx, id)?;
        let (products, children) = categories::usage(&tx, id)?;
        if products > 0 || children > 0 {
            return Err(Error::Conflict {
                code: "conflict",
                message: format!(
                    "the category still has {products} products and {children} subcategories; move them first"
                ),
            });
        }
        categories::delete(&tx, id)?;
        tx.commit()?;
        Ok(())
    })
    .await
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SupplierInput {
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

pub async fn save_supplier(db: &Db, id: Option<SupplierId>, input: SupplierInput) -> Result<Supplier, Error> {
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        let current = match id {
            Some(id) => Some(suppliers::find(&tx, id)?),
            None => None,
        };
        let fields = input.fields(current.as_ref())?;
        if suppliers::find_by_name(&tx, &fields.name)?.is_some_and(|other| Some(other) != id) {
            return Err(Error::field("name", "is already used by another supplier"));
        }
        let id = match id {
            Some(id) => {
                suppliers::update(&tx, id, &fields)?;
                id
            }
            None => suppliers::insert(&tx, &fields)?,
        };
        let saved = suppliers::find(&tx, id)?;
        tx.commit()?;
        Ok(saved)
    })
    .await
}

pub async fn delete_supplier(db: &Db, id: SupplierId) -> Result<(), Error> {
    if db.run(move |conn| suppliers::delete(conn, id)).await? {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}
