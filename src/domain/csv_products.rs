//! Products as CSV: `sku,name,description,price,stock,category,supplier,active`,
//! the same columns for export and import, so that exporting and importing
//! the same file changes nothing. Import is all-or-nothing: every bad line
//! is reported with its number and nothing changes.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::products::{self, ProductFields};
use crate::db::{categories, stock, suppliers, write_tx};
use crate::domain::products::{insert_with_stock, name_rule, price_rule, sku_rule, stock_rule};
use crate::error::Error;
use crate::ids::{CategoryId, ProductId, SupplierId, UserId};
use crate::money::Cents;

pub const COLUMNS: [&str; 8] = [
    "sku",
    "name",
    "description",
    "price",
    "stock",
    "category",
    "supplier",
    "active",
];

/// Category paths are written `Parent > Child`.
const PATH_SEPARATOR: &str = " > ";

#[derive(Debug, Clone, Serialize, PartialEq, Eq, ToSchema)]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ImportReport {
    pub created: u64,
    pub updated: u64,
    pub errors: Vec<LineError>,
}

/// One line of the file, checked.
struct Row {
    sku: Option<String>,
    name: String,
    description: String,
    price: Cents,
    stock: i64,
    category: Vec<String>,
    supplier: Option<String>,
    active: bool,
}

fn parse_active(value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "1" | "yes" | "y" => Ok(true),
        "false" | "0" | "no" | "n" => Ok(false),
        other => Err(format!("active: {other:?} is not true or false")),
    }
}

fn parse_row(line: u64, record: &csv::StringRecord, at: &HashMap<&str, usize>) -> Result<Row, LineError> {
    let get = |column: &str| at.get(column).and_then(|&i| record.get(i)).unwrap_or("");
    let mut problems = Vec::new();
    let mut note = |field: &str, message: &str| problems.push(format!("{field}: {message}"));
    let sku = sku_rule(Some(get("sku")))
        .map_err(|e| note("sku", e))
        .ok()
        .flatten();
    let name = name_rule(get("name")).map_err(|e| note("name", e)).ok();
    let price = Cents::parse(get("price"))
        .and_then(|c| price_rule(c.0))
        .map_err(|e| note("price", e))
        .ok();
    let stock = match get("stock").trim().parse::<i64>() {
        Ok(n) => stock_rule(n).map_err(|e| note("stock", e)).ok(),
        Err(_) => {
            note("stock", "must be a whole number");
            None
        }
    };
    let active = parse_active(get("active")).map_err(|e| problems.push(e)).ok();
    let category: Vec<String> = get("category")
        .split(PATH_SEPARATOR.trim())
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect();
    if category.iter().any(|c| c.chars().count() > 100) {
        problems.push("category: a name must be at most 100 characters long".into());
    }
    let supplier = Some(get("supplier").trim().to_string()).filter(|s| !s.is_empty());
    if supplier.as_ref().is_some_and(|s| s.chars().count() > 200) {
        problems.push("supplier: must be at most 200 characters long".into());
    }
    let description = get("description").trim().to_string();
    match (name, price, stock, active) {
        (Some(name), Some(price), Some(stock), Some(active)) if problems.is_empty() => Ok(Row {
            sku,
            name,
            description,
            price,
            stock,
            category,
            supplier,
            active,
        }),
        _ => Err(LineError {
            line,
            message: problems.join("; "),
        }),
    }
}

/// Reads and checks every line; the rows, or every problem found.
fn parse(data: &[u8]) -> Result<Vec<Row>, Vec<LineError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(data);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![LineError {
                line: 1,
                message: format!("the header cannot be read: {e}"),
            }]);
        }
    };
    let at: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h.trim(), i)).collect();
    let missing: Vec<&str> = ["name", "price", "stock"]
        .into_iter()
        .filter(|c| !at.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![LineError {
            line: 1,
            message: format!(
                "the header lacks {}; the columns are {}",
                missing.join(", "),
                COLUMNS.join(",")
            ),
        }]);
    }
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let mut skus: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(LineError {
                    line,
                    message: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        match parse_row(line, &record, &at) {
            Ok(row) => {
                if let Some(sku) = &row.sku
                    && let Some(first) = skus.insert(sku.to_lowercase(), line)
                {
                    errors.push(LineError {
                        line,
                        message: format!("sku: {sku} is also on line {first}"),
                    });
                }
                rows.push(row);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

/// Finds or creates the category path, top-level first.
fn category_for(
    conn: &Connection,
    path: &[String],
    made: &mut HashMap<Vec<String>, CategoryId>,
) -> Result<Option<CategoryId>, Error> {
    let mut parent = None;
    for depth in 1..=path.len() {
        let key = path[..depth].iter().map(|p| p.to_lowercase()).collect::<Vec<_>>();
        let id = match made.get(&key) {
            Some(id) => *id,
            None => {
                let name = &path[depth - 1];
                let id = match categories::find_by_name(conn, name, parent)? {
                    Some(id) => id,
                    None => categories::insert(conn, name, parent)?,
                };
                made.insert(key, id);
                id
            }
        };
        parent = Some(id);
    }
    Ok(parent)
}

fn supplier_for(
    conn: &Connection,
    name: Option<&str>,
    made: &mut HashMap<String, SupplierId>,
) -> Result<Option<SupplierId>, Error> {
    let Some(name) = name else { return Ok(None) };
    if let Some(id) = made.get(&name.to_lowercase()) {
        return Ok(Some(*id));
    }
    let id = match suppliers::find_by_name(conn, name)? {
        Some(id) => id,
        None => suppliers::insert(
            conn,
            &suppliers::SupplierFields {
                name: name.to_string(),
                ..Default::default()
            },
        )?,
    };
    made.insert(name.to_lowercase(), id);
    Ok(Some(id))
}

/// Imports `data` in one transaction. `progress` hears how many lines are
/// written so far.
pub fn import(
    conn: &mut Connection,
    data: &[u8],
    user: Option<UserId>,
    progress: &dyn Fn(u64),
) -> Result<ImportReport, Error> {
    let rows = match parse(data) {
        Ok(rows) => rows,
        Err(errors) => {
            return Ok(ImportReport {
                errors,
                ..Default::default()
            });
        }
    };
    let tx = write_tx(conn)?;
    let mut report = ImportReport::default();
    let (mut made_categories, mut made_suppliers) = (HashMap::new(), HashMap::new());
    for (done, row) in rows.iter().enumerate() {
        let fields = ProductFields {
            sku: row.sku.clone(),
            name: row.name.clone(),
            description: row.description.clone(),
            price_cents: row.price,
            category_id: category_for(&tx, &row.category, &mut made_categories)?,
            supplier_id: supplier_for(&tx, row.supplier.as_deref(), &mut made_suppliers)?,
            active: row.active,
        };
        let existing = match &row.sku {
            Some(sku) => products::find_id_by_sku(&tx, sku)?,
            None => None,
        };
        match existing {
            Some(id) => {
                if update_existing(&tx, id, &fields, row.stock, user)? {
                    report.updated += 1;
                }
            }
            None => {
                let id = insert_with_stock(&tx, &fields, row.stock, "import", user)?;
                products::assign_sku(&tx, id)?;
                report.created += 1;
            }
        }
        if done % 500 == 499 {
            progress(done as u64 + 1);
        }
    }
    progress(rows.len() as u64);
    tx.commit()?;
    Ok(report)
}

/// Updates the product if anything differs; stock moves by a movement.
fn update_existing(
    conn: &Connection,
    id: ProductId,
    fields: &ProductFields,
    wanted_stock: i64,
    user: Option<UserId>,
) -> Result<bool, Error> {
    let current = products::fields(conn, id)?;
    let current_stock: i64 =
        conn.query_row("SELECT stock FROM products WHERE id = ?1", [id], |r| r.get(0))?;
    // The file's SKU may differ in case only; keep the stored spelling.
    let fields = ProductFields {
        sku: current.sku.clone(),
        ..fields.clone()
    };
    let changed_fields = fields != current;
    if changed_fields {
        products::update(conn, id, &fields)?;
    }
    let delta = wanted_stock - current_stock;
    if delta != 0 {
        stock::change(
            conn,
            &stock::Change {
                product: id,
                delta,
                reason: "import",
                order_id: None,
                user,
                note: None,
            },
        )?;
    }
    Ok(changed_fields || delta != 0)
}

/// Writes every product (inactive ones too), by id.
pub fn export(conn: &Connection, out: impl std::io::Write) -> Result<u64, Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(Error::internal)?;
    let paths = category_paths(conn)?;
    let mut stmt = conn.prepare(
        "SELECT p.sku, p.name, p.description, p.price_cents, p.stock, p.category_id, s.name, p.active
         FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id ORDER BY p.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let category: Option<CategoryId> = r.get(5)?;
        let record = [
            r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            r.get(1)?,
            r.get(2)?,
            Cents(r.get(3)?).to_string(),
            r.get::<_, i64>(4)?.to_string(),
            category.and_then(|c| paths.get(&c).cloned()).unwrap_or_default(),
            r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            r.get::<_, bool>(7)?.to_string(),
        ];
        writer.write_record(&record).map_err(Error::internal)?;
        count += 1;
    }
    writer.flush().map_err(Error::internal)?;
    Ok(count)
}

/// Each category's path from the top: `Computers > Laptops`.
fn category_paths(conn: &Connection) -> Result<HashMap<CategoryId, String>, Error> {
    let all = categories::all(conn)?;
    let by_id: HashMap<CategoryId, &categories::Category> = all.iter().map(|c| (c.id, c)).collect();
    let mut paths = HashMap::new();
    for c in &all {
        let (mut names, mut seen, mut at) = (Vec::new(), HashSet::new(), Some(c.id));
        while let Some(id) = at {
            if !seen.insert(id) {
                break;
            }
            let Some(node) = by_id.get(&id) else { break };
            names.push(node.name.clone());
            at = node.parent_id;
        }
        names.reverse();
        paths.insert(c.id, names.join(PATH_SEPARATOR));
    }
    Ok(paths)
}
