//! Generated order history: customers who bought, paid, received, cancelled
//! and sent back over a span of time, so that the dashboard and the reports
//! have something to show (`tienda serve --demo`) and something big to chew
//! on (`tienda demo --orders 100000`).
//!
//! Each order is priced by checkout's own rules and then lives its life by
//! the clock: every step has a planned moment, and the order stops at the
//! last step that is not in the future. Rows are written with plain SQL in
//! one transaction, in the order they happened.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};

use crate::db::{timestamp, write_tx};
use crate::demo::catalog::Words;
use crate::domain::pricing::{self, CartLine};
use crate::error::Error;
use crate::i18n::Lang;
use crate::ids::ProductId;
use crate::money::Cents;
use crate::order_types::ShippingMethod;

/// What to generate.
#[derive(Debug, Clone)]
pub struct OrderPlan {
    pub orders: u64,
    /// How many demo customers place them (created when missing).
    pub customers: u64,
    /// The orders are placed between these two moments.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub seed: u64,
    /// The language of the customers' reviews.
    pub lang: Lang,
}

impl OrderPlan {
    /// `orders` orders over the `days` days up to now.
    pub fn recent(orders: u64, customers: u64, days: i64, lang: Lang) -> OrderPlan {
        let to = Utc::now();
        OrderPlan {
            orders,
            customers,
            from: to - Duration::days(days),
            to,
            seed: 7,
            lang,
        }
    }
}

const FIRST_NAMES: &[&str] = &[
    "lucia", "hugo", "martina", "mateo", "sofia", "leo", "julia", "daniel", "paula", "pablo", "valeria",
    "alvaro", "emma", "adrian", "carla", "marco", "noa", "mario", "alba", "diego", "irene", "javier", "sara",
    "bruno", "elena", "nico", "ines", "oliver", "clara", "thiago",
];
const LAST_NAMES: &[&str] = &[
    "garcia",
    "martin",
    "lopez",
    "sanchez",
    "perez",
    "gomez",
    "ruiz",
    "diaz",
    "moreno",
    "alonso",
    "romero",
    "navarro",
    "torres",
    "dominguez",
    "vazquez",
    "ramos",
    "gil",
    "serrano",
    "blanco",
    "molina",
];
const CITIES: &[(&str, &str)] = &[
    ("Madrid", "28001"),
    ("Barcelona", "08002"),
    ("Valencia", "46001"),
    ("Sevilla", "41001"),
    ("Bilbao", "48001"),
    ("Zaragoza", "50001"),
    ("Málaga", "29001"),
    ("Granada", "18001"),
];
const STREETS: &[&str] = &[
    "Calle Mayor",
    "Avenida de la Constitución",
    "Calle del Sol",
    "Paseo de Gracia",
    "Calle Real",
    "Plaza de España",
];
const CARRIERS: &[&str] = &["Correos", "SEUR", "MRW", "GLS"];
const REVIEWS: &[(i64, Words)] = &[
    (
        5,
        Words {
            en: "Exactly as described, and it arrived quickly.",
            es: "Tal como se describe, y llegó enseguida.",
        },
    ),
    (
        5,
        Words {
            en: "Lovely quality. I bought a second one as a present.",
            es: "Una calidad preciosa. Compré otro para regalar.",
        },
    ),
    (
        4,
        Words {
            en: "Very nice, a little smaller than I expected.",
            es: "Muy bonito, algo más pequeño de lo que esperaba.",
        },
    ),
    (
        4,
        Words {
            en: "Good value for the price.",
            es: "Buena relación calidad-precio.",
        },
    ),
    (
        3,
        Words {
            en: "Fine, but the packaging could be better.",
            es: "Bien, aunque el embalaje podría ser mejor.",
        },
    ),
    (5, Words { en: "", es: "" }),
    (
        2,
        Words {
            en: "It works, but the colour is not the one in the picture.",
            es: "Funciona, pero el color no es el de la foto.",
        },
    ),
];

struct Customer {
    id: i64,
    name: String,
    street: String,
    city: (&'static str, &'static str),
}

struct Product {
    id: i64,
    sku: Option<String>,
    name: String,
    price: i64,
}

/// The moments of an order's life; `None`: that step never happens.
#[derive(Default)]
struct Life {
    paid: Option<DateTime<Utc>>,
    shipped: Option<DateTime<Utc>>,
    /// Made ready for pickup (instead of shipped).
    ready: Option<DateTime<Utc>>,
    delivered: Option<DateTime<Utc>>,
    cancelled: Option<DateTime<Utc>>,
    refunded: Option<DateTime<Utc>>,
    restock_on_refund: bool,
}

impl Life {
    /// Plans the order's steps, then forgets those after `now`.
    fn plan(rng: &mut StdRng, created: DateTime<Utc>, cod: bool, pickup: bool, now: DateTime<Utc>) -> Life {
        let hours = |rng: &mut StdRng, lo: i64, hi: i64| Duration::minutes(rng.gen_range(lo * 60..hi * 60));
        let mut life = Life::default();
        let fate = rng.gen_range(0..100);
        if fate < 6 {
            // Never paid: the customer cancels, or the hold runs out.
            life.cancelled = Some(created + hours(rng, 1, 72));
        } else if cod {
            // Cash on delivery: sent unpaid, paid when handed over.
            let sent = created + hours(rng, 2, 30);
            life.send(pickup, sent);
            let delivered = sent + hours(rng, 20, 96);
            life.delivered = Some(delivered);
            life.paid = Some(delivered);
        } else {
            let paid = created + hours(rng, 1, 40);
            life.paid = Some(paid);
            if fate < 8 {
                // The shop cancels a paid order and pays the money back.
                life.cancelled = Some(paid + hours(rng, 1, 24));
            } else {
                let sent = paid + hours(rng, 2, 30);
                life.send(pickup, sent);
                life.delivered = Some(sent + hours(rng, 20, 96));
            }
        }
        if fate >= 96
            && let Some(delivered) = life.delivered
        {
            life.refunded = Some(delivered + hours(rng, 24, 24 * 12));
            life.restock_on_refund = rng.gen_bool(0.5);
        }
        life.forget_after(now);
        life
    }

    /// Ships the order, or makes it ready for pickup.
    fn send(&mut self, pickup: bool, at: DateTime<Utc>) {
        if pickup {
            self.ready = Some(at);
        } else {
            self.shipped = Some(at);
        }
    }

    /// Steps are planned in time order (cash is paid on delivery), so
    /// dropping each one that lies in the future leaves a life that could
    /// have happened up to `now`.
    fn forget_after(&mut self, now: DateTime<Utc>) {
        for step in [
            &mut self.paid,
            &mut self.shipped,
            &mut self.ready,
            &mut self.delivered,
            &mut self.cancelled,
            &mut self.refunded,
        ] {
            *step = step.filter(|t| *t <= now);
        }
    }

    fn status(&self) -> &'static str {
        if self.refunded.is_some() {
            "refunded"
        } else if self.cancelled.is_some() {
            "cancelled"
        } else if self.delivered.is_some() {
            "delivered"
        } else if self.shipped.is_some() {
            "shipped"
        } else if self.ready.is_some() {
            "ready_for_pickup"
        } else if self.paid.is_some() {
            "paid"
        } else {
            "pending_payment"
        }
    }
}

/// Gives the generated paid orders their invoice numbers, in the order
/// they were paid, and those whose money went back (refunded, or paid and
/// cancelled) their credit note numbers, continuing each year's counter
/// as payments do. Demo data only: the year is taken in UTC.
fn number_invoices(tx: &Connection) -> Result<(), Error> {
    for (series, prefix, at, which) in [
        (
            "invoice",
            "",
            "paid_at",
            "paid_at IS NOT NULL AND invoice_number IS NULL",
        ),
        (
            "credit_note",
            "R",
            "coalesce(refunded_at, cancelled_at)",
            "paid_at IS NOT NULL AND (refunded_at IS NOT NULL OR cancelled_at IS NOT NULL) AND credit_note_number IS NULL",
        ),
    ] {
        let column = if series == "invoice" {
            "invoice_number"
        } else {
            "credit_note_number"
        };
        tx.execute_batch(&format!(
            "WITH numbered AS (
                 SELECT id, CAST(strftime('%Y', {at}) AS INTEGER) AS year,
                        row_number() OVER (PARTITION BY strftime('%Y', {at}) ORDER BY {at}, id) AS n
                 FROM orders WHERE {which})
             UPDATE orders SET {column} = printf('{prefix}%d-%06d', numbered.year, numbered.n + coalesce(
                 (SELECT last FROM invoice_counters c WHERE c.series = '{series}' AND c.year = numbered.year), 0))
             FROM numbered WHERE orders.id = numbered.id;
             INSERT INTO invoice_counters (series, year, last)
                 SELECT '{series}', CAST(substr({column}, {year_at}, 4) AS INTEGER),
                        max(CAST(substr({column}, {year_at} + 5) AS INTEGER))
                 FROM orders WHERE {column} IS NOT NULL GROUP BY 1, 2
             ON CONFLICT (series, year) DO UPDATE SET last = max(last, excluded.last);",
            year_at = prefix.len() + 1,
        ))?;
    }
    Ok(())
}

/// The statements that write a generated order's rows.
struct Rows<'tx> {
    order: rusqlite::Statement<'tx>,
    item: rusqlite::Statement<'tx>,
    movement: rusqlite::Statement<'tx>,
    payment: rusqlite::Statement<'tx>,
    review: rusqlite::Statement<'tx>,
}

impl<'tx> Rows<'tx> {
    fn prepare(tx: &'tx Connection) -> Result<Rows<'tx>, Error> {
        Ok(Rows {
            order: tx.prepare(
                "INSERT INTO orders (user_id, status, currency, prices_include_tax, subtotal_cents,
                     discount_cents, shipping_cents, tax_cents, total_cents, payment_method, shipping_method,
                     ship_name, ship_line1, ship_city, ship_postal_code, ship_country, payment_reference,
                     carrier, tracking_number, created_at, paid_at, shipped_at, delivered_at, cancelled_at,
                     refunded_at, billing_name, ready_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'Spain', ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?11, ?24)",
            )?,
            item: tx.prepare(
                "INSERT INTO order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity,
                     line_total_cents, discount_cents, tax_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            movement: tx.prepare(
                "INSERT INTO stock_movements (product_id, delta, reason, order_id, note, stock_after,
                     created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            payment: tx.prepare(
                "INSERT INTO payments (order_id, kind, amount_cents, reference, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            review: tx.prepare(
                "INSERT OR IGNORE INTO reviews (product_id, user_id, rating, comment, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
        })
    }

    /// The order's lines and the stock they move: taken at the sale (after
    /// a restock where the shop would have run out), given back when the
    /// order is cancelled or refunded with its goods.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        rng: &mut StdRng,
        order: i64,
        number: &str,
        lines: &[(&Product, u32)],
        quote: &pricing::Quote,
        life: &Life,
        created: DateTime<Utc>,
        stock: &mut HashMap<i64, i64>,
    ) -> Result<(), Error> {
        for (line, ((product, _), priced)) in lines.iter().zip(&quote.lines).enumerate() {
            self.item.execute(params![
                order,
                line as i64 + 1,
                product.id,
                product.sku,
                product.name,
                priced.unit_price_cents,
                priced.quantity,
                priced.line_total_cents,
                priced.discount_cents,
                priced.tax_cents,
            ])?;
            let quantity = i64::from(priced.quantity);
            let left = stock.entry(product.id).or_insert(0);
            if *left < quantity {
                // The shop reordered before it ran out.
                let delta = quantity + rng.gen_range(10..60);
                *left += delta;
                self.movement.execute(params![
                    product.id,
                    delta,
                    "restock",
                    None::<i64>,
                    None::<String>,
                    *left,
                    timestamp(created)
                ])?;
            }
            *left -= quantity;
            self.movement.execute(params![
                product.id,
                -quantity,
                "sale",
                order,
                number,
                *left,
                timestamp(created)
            ])?;
            let back = match (life.cancelled, life.refunded) {
                (Some(at), _) => Some((at, "cancel")),
                (None, Some(at)) if life.restock_on_refund => Some((at, "refund")),
                _ => None,
            };
            if let Some((at, reason)) = back {
                *left += quantity;
                self.movement.execute(params![
                    product.id,
                    quantity,
                    reason,
                    order,
                    number,
                    *left,
                    timestamp(at)
                ])?;
            }
        }
        Ok(())
    }

    /// The payment of a paid order, and the money sent back when it was
    /// refunded or cancelled.
    fn payments(
        &mut self,
        order: i64,
        total: Cents,
        reference: Option<String>,
        life: &Life,
    ) -> Result<(), Error> {
        if let Some(paid) = life.paid {
            self.payment
                .execute(params![order, "payment", total, reference, timestamp(paid)])?;
            if let Some(back) = life.refunded.or(life.cancelled) {
                self.payment
                    .execute(params![order, "refund", total, None::<String>, timestamp(back)])?;
            }
        }
        Ok(())
    }
}

/// Creates the plan's customers (or finds them) and writes its orders in
/// one transaction; `progress` hears how many are written. Returns how
/// many orders were added.
pub fn generate(conn: &mut Connection, plan: &OrderPlan, progress: &dyn Fn(u64)) -> Result<u64, Error> {
    let settings = crate::domain::settings::load(conn)?;
    let pricing = settings.pricing();
    let tx = write_tx(conn)?;
    let products = products(&tx)?;
    if products.is_empty() || plan.orders == 0 {
        return Ok(0);
    }
    let customers = customers(&tx, plan.customers.max(1))?;
    let mut stock: HashMap<i64, i64> = tx
        .prepare("SELECT id, stock FROM products")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;

    let mut rng = StdRng::seed_from_u64(plan.seed);
    let span = (plan.to - plan.from).num_seconds().max(1);
    let mut moments: Vec<i64> = (0..plan.orders).map(|_| rng.gen_range(0..span)).collect();
    moments.sort_unstable();

    let mut rows = Rows::prepare(&tx)?;

    for (n, offset) in moments.into_iter().enumerate() {
        let created = plan.from + Duration::seconds(offset);
        let customer = &customers[pick_customer(&mut rng, customers.len())];
        let cod = rng.gen_bool(0.3);
        let pickup = rng.gen_bool(0.2);
        let shipping = if pickup {
            ShippingMethod::Pickup
        } else {
            ShippingMethod::Standard
        };
        let lines = pick_lines(&mut rng, &products);
        let cart: Vec<CartLine> = lines
            .iter()
            .map(|(p, q)| CartLine {
                product_id: ProductId(p.id),
                unit_price: Cents(p.price),
                quantity: *q,
            })
            .collect();
        let quote = pricing::quote(&cart, &pricing, shipping, None, created).map_err(Error::caused)?;
        let life = Life::plan(&mut rng, created, cod, pickup, plan.to);
        let ts = |t: Option<DateTime<Utc>>| t.map(timestamp);
        let reference = life
            .paid
            .filter(|_| !cod)
            .map(|_| format!("TR-{:08}", rng.gen_range(0..100_000_000)));
        let (carrier, tracking) = match life.shipped {
            Some(_) => (
                Some(CARRIERS[rng.gen_range(0..CARRIERS.len())]),
                Some(format!("{:012}", rng.gen_range(0..1_000_000_000_000u64))),
            ),
            None => (None, None),
        };
        rows.order.execute(params![
            customer.id,
            life.status(),
            settings.currency,
            settings.prices_include_tax,
            quote.subtotal_cents,
            quote.shipping_cents,
            quote.tax_cents,
            quote.total_cents,
            if cod { "cash_on_delivery" } else { "bank_transfer" },
            shipping,
            customer.name,
            customer.street,
            customer.city.0,
            customer.city.1,
            reference,
            carrier,
            tracking,
            timestamp(created),
            ts(life.paid),
            ts(life.shipped),
            ts(life.delivered),
            ts(life.cancelled),
            ts(life.refunded),
            ts(life.ready),
        ])?;
        let order = tx.last_insert_rowid();
        let number = crate::db::orders::number(crate::ids::OrderId(order));
        rows.lines(
            &mut rng, order, &number, &lines, &quote, &life, created, &mut stock,
        )?;
        rows.payments(order, quote.total_cents, reference, &life)?;
        if let Some(delivered) = life.delivered
            && rng.gen_bool(0.08)
        {
            let (rating, comment) = &REVIEWS[rng.gen_range(0..REVIEWS.len())];
            let at = delivered + Duration::hours(rng.gen_range(12..24 * 10));
            if at <= plan.to {
                rows.review.execute(params![
                    lines[0].0.id,
                    customer.id,
                    rating,
                    comment.get(plan.lang),
                    timestamp(at)
                ])?;
            }
        }
        if n % 5000 == 4999 {
            progress(n as u64 + 1);
        }
    }
    let mut set_stock = tx.prepare("UPDATE products SET stock = ?2 WHERE id = ?1 AND stock != ?2")?;
    for (product, left) in &stock {
        set_stock.execute(params![product, left])?;
    }
    drop((rows, set_stock));
    number_invoices(&tx)?;
    tx.commit()?;
    progress(plan.orders);
    Ok(plan.orders)
}

/// Some customers come back far more often than others.
fn pick_customer(rng: &mut StdRng, count: usize) -> usize {
    let x: f64 = rng.r#gen();
    ((x * x * count as f64) as usize).min(count - 1)
}

/// One to four different products, mostly one of each.
fn pick_lines<'a>(rng: &mut StdRng, products: &'a [Product]) -> Vec<(&'a Product, u32)> {
    let wanted = [1, 1, 1, 2, 2, 3, 4][rng.gen_range(0..7)].min(products.len());
    let mut lines: Vec<(&Product, u32)> = Vec::with_capacity(wanted);
    while lines.len() < wanted {
        // Cheaper products sell more: bias towards the start of a list
        // sorted by price.
        let x: f64 = rng.r#gen();
        let product = &products[((x * x) * products.len() as f64) as usize % products.len()];
        if lines.iter().all(|(p, _)| p.id != product.id) {
            let quantity = [1, 1, 1, 1, 2, 2, 3][rng.gen_range(0..7)];
            lines.push((product, quantity));
        }
    }
    lines
}

fn products(conn: &Connection) -> Result<Vec<Product>, Error> {
    let mut stmt = conn.prepare(
        "SELECT id, sku, name, price_cents FROM products WHERE active AND price_cents > 0
         ORDER BY price_cents, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Product {
            id: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            price: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The demo customers `demo.<first>.<last><n>`, created with a password
/// nobody can type (they exist to have bought things), and the shop's
/// demo `customer` account if there is one.
fn customers(conn: &Connection, count: u64) -> Result<Vec<Customer>, Error> {
    let now = crate::db::now();
    let mut insert = conn.prepare(
        "INSERT INTO users (username, email, password_hash, role, created_at, updated_at)
         VALUES (?1, ?2, '!', 'customer', ?3, ?3)
         ON CONFLICT DO UPDATE SET username = username RETURNING id",
    )?;
    let mut found = Vec::new();
    for i in 0..count as usize {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i * 7 + i / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let username = match i / FIRST_NAMES.len() {
            0 => format!("{first}.{last}"),
            round => format!("{first}.{last}{round}"),
        };
        let id: i64 = insert.query_row(params![username, format!("{username}@demo.example"), now], |r| {
            r.get(0)
        })?;
        found.push(Customer {
            id,
            name: format!("{} {}", capitalised(first), capitalised(last)),
            street: format!("{} {}", STREETS[i % STREETS.len()], i % 90 + 1),
            city: CITIES[i % CITIES.len()],
        });
    }
    let demo: Option<i64> = conn
        .query_row("SELECT id FROM users WHERE username = 'customer'", [], |r| {
            r.get(0)
        })
        .ok();
    if let Some(id) = demo {
        found.insert(
            0,
            Customer {
                id,
                name: "Demo Customer".into(),
                street: "Calle Mayor 1".into(),
                city: CITIES[0],
            },
        );
    }
    Ok(found)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + hours * 3600, 0).expect("a valid moment")
    }

    #[test]
    fn every_life_is_in_time_order_and_matches_its_status() {
        let mut rng = StdRng::seed_from_u64(1);
        for i in 0..5000 {
            let created = at(i % 400);
            let now = at(300);
            let (cod, pickup) = (i % 3 == 0, i % 5 == 0);
            let life = Life::plan(&mut rng, created, cod, pickup, now);
            let steps = [life.shipped.or(life.ready), life.delivered, life.refunded];
            let mut last = created;
            for t in steps.into_iter().flatten() {
                assert!(t >= last && t <= now);
                last = t;
            }
            if let Some(paid) = life.paid {
                assert!(paid >= created && paid <= now);
            }
            match life.status() {
                "refunded" => assert!(life.paid.is_some() && life.delivered.is_some()),
                "delivered" => assert!(life.paid.is_some()),
                "paid" => assert!(life.shipped.is_none() && life.delivered.is_none()),
                "pending_payment" => assert!(life.paid.is_none() && life.delivered.is_none()),
                "shipped" => assert!(!pickup && life.delivered.is_none()),
                "ready_for_pickup" => assert!(pickup && life.delivered.is_none()),
                "cancelled" => assert!(life.delivered.is_none()),
                other => panic!("unexpected status {other}"),
            }
            if pickup {
                assert!(life.shipped.is_none());
            }
        }
    }
}
