//! Demo data: the small shop of `tienda serve --demo` (products with
//! pictures, suppliers, an account per role), and large generated catalogs
//! for benchmarks (`tienda demo --products 100000`), and their order
//! history (`orders`).

mod catalog;
mod images;
pub mod orders;

use rusqlite::Connection;

use crate::auth::Hasher;
use crate::db::products::ProductFields;
use crate::db::{categories, images as image_rows, settings, suppliers, users, write_tx};
use crate::domain::products::insert_with_stock;
use crate::error::Error;
use crate::ids::{CategoryId, SupplierId};
use crate::money::Cents;
use crate::role::Role;
use crate::token::random_token;

/// A demo account and its password, to print once.
pub struct DemoAccount {
    pub username: &'static str,
    pub role: Role,
    pub password: String,
}

/// Loads the demo shop into an empty database, once. `None` when the shop
/// already has products (or had the demo loaded before).
pub fn load_once(
    conn: &mut Connection,
    hasher: &Hasher,
    lang: crate::i18n::Lang,
) -> Result<Option<Vec<DemoAccount>>, Error> {
    let products: i64 = conn.query_row("SELECT count(*) FROM products", [], |r| r.get(0))?;
    if products > 0 || settings::get(conn, "demo_loaded")?.is_some() {
        return Ok(None);
    }
    // Drawn and hashed before the transaction, which then stays short.
    let mut pictures = Vec::new();
    for (c, category) in catalog::CATEGORIES.iter().enumerate() {
        for i in 0..category.products.len() {
            pictures.push(images::picture(category.colour, (c * 17 + i * 5 + 1) as u32)?);
        }
    }
    let mut accounts = Vec::new();
    for (username, role) in [
        ("admin", Role::Admin),
        ("staff", Role::Staff),
        ("customer", Role::Customer),
    ] {
        let password = random_token()[..16].to_string();
        accounts.push((
            DemoAccount {
                username,
                role,
                password: password.clone(),
            },
            hasher.hash_now(&password)?,
        ));
    }

    let tx = write_tx(conn)?;
    let mut supplier_ids = Vec::new();
    for (name, contact, email) in catalog::SUPPLIERS {
        let fields = suppliers::SupplierFields {
            name: name.to_string(),
            contact: Some(contact.to_string()),
            phone: None,
            email: Some(email.to_string()),
        };
        supplier_ids.push(suppliers::insert(&tx, &fields)?);
    }
    let mut pictures = pictures.into_iter();
    for (c, category) in catalog::CATEGORIES.iter().enumerate() {
        let category_id = categories::insert(&tx, category.name.get(lang), None)?;
        for (i, product) in category.products.iter().enumerate() {
            let fields = ProductFields {
                // The SKU keeps the English category's letters in every language.
                sku: Some(format!("{}-{:03}", &category.name.en[..3].to_uppercase(), i + 1)),
                name: product.name.get(lang).to_string(),
                description: product.description.get(lang).to_string(),
                price_cents: Cents(product.price_cents),
                category_id: Some(category_id),
                supplier_id: Some(supplier_ids[(c + i) % supplier_ids.len()]),
                active: true,
            };
            let id = insert_with_stock(&tx, &fields, product.stock, "initial", None)?;
            if let Some(png) = pictures.next() {
                let tag = crate::domain::images::etag(&png);
                image_rows::insert(&tx, id, "image/png", &png, &tag)?;
            }
        }
    }
    for (account, hash) in &accounts {
        let new = users::NewUser {
            username: account.username,
            email: &format!("{}@demo.example", account.username),
            password_hash: hash,
            role: account.role,
        };
        users::insert(&tx, &new)?;
    }
    checkout_settings(&tx)?;
    let mut set = tx.prepare(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?;
    set.execute(["language", lang.code()])?;
    if lang == crate::i18n::Lang::Es {
        // A Spanish shop's back office lists its orders in Spain's time.
        set.execute(["timezone", "Europe/Madrid"])?;
    }
    drop(set);
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('demo_loaded', ?1)",
        [crate::db::now()],
    )?;
    tx.commit()?;
    // About six months of a small shop's trade, so that the dashboard and
    // the reports show something the first time.
    orders::generate(conn, &orders::OrderPlan::recent(1500, 36, 182, lang), &|_| {})?;
    Ok(Some(accounts.into_iter().map(|(a, _)| a).collect()))
}

/// What checkout needs to show everything it can: tax included in the
/// prices, a shipping fee with a free-shipping threshold, bank details for
/// transfers, and a coupon to try.
fn checkout_settings(conn: &Connection) -> Result<(), Error> {
    for (key, value) in [
        ("tax_rate_bp", "2100"),
        ("prices_include_tax", "true"),
        ("shipping_fee_cents", "495"),
        ("free_shipping_threshold_cents", "5000"),
        (
            "bank_details",
            "Demo Bank · IBAN ES91 2100 0418 4502 0005 1332 · BIC CAIXESBBXXX",
        ),
    ] {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
    }
    crate::db::coupons::insert(
        conn,
        &crate::db::coupons::CouponFields {
            code: "WELCOME10".into(),
            kind: "percent".into(),
            value: 10,
            min_subtotal_cents: 0,
            starts_at: None,
            ends_at: None,
            usage_limit: None,
            once_per_customer: true,
        },
    )?;
    Ok(())
}

const ADJECTIVES: &[&str] = &[
    "Classic", "Compact", "Deluxe", "Rustic", "Modern", "Vintage", "Everyday", "Premium", "Handmade",
    "Organic", "Portable", "Sturdy", "Elegant", "Bright", "Quiet", "Smart", "Natural", "Nordic", "Urban",
    "Coastal",
];
const MATERIALS: &[&str] = &[
    "oak", "walnut", "linen", "cotton", "wool", "steel", "copper", "ceramic", "glass", "bamboo", "leather",
    "cork", "stone", "brass", "felt",
];
const NOUNS: &[&str] = &[
    "Lamp",
    "Mug",
    "Chair",
    "Notebook",
    "Kettle",
    "Blanket",
    "Bowl",
    "Clock",
    "Backpack",
    "Vase",
    "Teapot",
    "Stool",
    "Basket",
    "Candle",
    "Shelf",
    "Tray",
    "Jar",
    "Scarf",
    "Laptop stand",
    "Speaker",
    "Bottle",
    "Board",
    "Planter",
    "Towel",
    "Pen",
];
const CATEGORY_NAMES: &[&str] = &[
    "Living",
    "Kitchen",
    "Office",
    "Outdoor",
    "Bath",
    "Garden",
    "Travel",
    "Lighting",
    "Textiles",
    "Storage",
    "Tableware",
    "Gifts",
];

/// A small deterministic generator, so every benchmark catalog is the same.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() as usize % from.len()]
    }
}

/// Adds `count` generated products (with categories and suppliers) in one
/// transaction; `progress` hears how many are written.
pub fn generate(conn: &mut Connection, count: u64, progress: &dyn Fn(u64)) -> Result<(), Error> {
    let tx = write_tx(conn)?;
    let mut category_ids: Vec<CategoryId> = Vec::new();
    for name in CATEGORY_NAMES {
        let id = match categories::find_by_name(&tx, name, None)? {
            Some(id) => id,
            None => categories::insert(&tx, name, None)?,
        };
        category_ids.push(id);
    }
    let mut supplier_ids: Vec<SupplierId> = Vec::new();
    for i in 1..=5 {
        let name = format!("Generated supplier {i}");
        let id = match suppliers::find_by_name(&tx, &name)? {
            Some(id) => id,
            None => suppliers::insert(
                &tx,
                &suppliers::SupplierFields {
                    name,
                    ..Default::default()
                },
            )?,
        };
        supplier_ids.push(id);
    }
    let first: i64 = tx.query_row("SELECT ifnull(max(id), 0) + 1 FROM products", [], |r| r.get(0))?;
    let mut rng = Lcg(first as u64);
    for n in 0..count {
        let (adjective, material, noun) = (rng.pick(ADJECTIVES), rng.pick(MATERIALS), rng.pick(NOUNS));
        let model = rng.next() % 900 + 100;
        let fields = ProductFields {
            sku: Some(format!("GEN-{:07}", first as u64 + n)),
            name: format!("{adjective} {material} {noun} {model}"),
            description: format!(
                "A {} {noun} made of {material}. {adjective} design, model {model}, from our generated catalog.",
                adjective.to_lowercase()
            ),
            price_cents: Cents((rng.next() % 20_000 + 199) as i64),
            category_id: Some(category_ids[rng.next() as usize % category_ids.len()]),
            supplier_id: Some(supplier_ids[rng.next() as usize % supplier_ids.len()]),
            active: !rng.next().is_multiple_of(50),
        };
        let stock = if rng.next().is_multiple_of(10) {
            0
        } else {
            (rng.next() % 500) as i64
        };
        insert_with_stock(&tx, &fields, stock, "initial", None)?;
        if n % 5000 == 4999 {
            progress(n + 1);
        }
    }
    tx.commit()?;
    progress(count);
    Ok(())
}
