//! Products as CSV: `sku,name,description,price,stock,category,supplier,active`,
//! the same columns for export and import, so that exporting and importing
//! the same file changes nothing. Import is all-or-nothing: every bad line
//! is reported with its number and nothing changes. A row passes the same
//! rules as the API's (`NewProduct::validate`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::products::{self, ProductFields};
use crate::db::{categories, stock, suppliers};
use crate::domain::csv_cell::{from_cell, to_cell};
use crate::domain::fields::add;
use crate::domain::products::{NewProduct, insert_with_stock};
use crate::error::{Error, FieldErrors};
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

/// The largest file accepted by the pages and the API.
pub const MAX_MIB: u64 = 32;

/// The name an export is saved under.
pub const FILE_NAME: &str = "products.csv";

/// Category paths are written `Parent > Child`.
const PATH_SEPARATOR: &str = " > ";

/// What a spreadsheet saving "CSV UTF-8" puts first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// How a file writes its cells and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// `12.50`, cells separated by commas: what the export writes.
    Comma,
    /// `12,50`, cells separated by semicolons: what a spreadsheet in a
    /// language with decimal commas (a Spanish Excel) saves.
    Semicolon,
}

impl Dialect {
    /// The dialect of a file whose header line is `header`: semicolons when
    /// it has more of them than commas (the header names have neither).
    fn of(header: &[u8]) -> Dialect {
        let count = |c: u8| header.iter().filter(|&&b| b == c).count();
        if count(b';') > count(b',') {
            Dialect::Semicolon
        } else {
            Dialect::Comma
        }
    }

    fn delimiter(self) -> u8 {
        match self {
            Dialect::Comma => b',',
            Dialect::Semicolon => b';',
        }
    }

    /// A number cell in the form `Cents::parse` and `i64::from_str` read
    /// (`1234.50`). In a semicolon file the comma is the decimal mark and a
    /// dot may only group thousands, in groups of three (`1.234,50`, as a
    /// formatted cell is saved); any other dot (`12.50`) is refused rather
    /// than guessed at. In a comma file numbers are read as they are.
    fn number(self, cell: &str) -> Result<Cow<'_, str>, &'static str> {
        let cell = cell.trim();
        if self == Dialect::Comma {
            return Ok(Cow::Borrowed(cell));
        }
        let (whole, fraction) = match cell.split_once(',') {
            Some((w, f)) => (w, Some(f)),
            None => (cell, None),
        };
        let mut groups = whole.split('.');
        let first = groups.next().unwrap_or_default();
        let grouped = whole.contains('.');
        if grouped && (first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3)) {
            return Err("takes a decimal comma (12,50); a dot may only group thousands (1.234,50)");
        }
        let whole = whole.replace('.', "");
        Ok(Cow::Owned(match fraction {
            Some(f) => format!("{whole}.{f}"),
            None => whole,
        }))
    }

    fn price(self, cell: &str) -> Result<Cents, &'static str> {
        Cents::parse(&self.number(cell)?).map_err(|e| match (self, e) {
            (Dialect::Semicolon, "must be an amount like 12.34") => "must be an amount like 12,34",
            _ => e,
        })
    }

    fn stock(self, cell: &str) -> Result<i64, &'static str> {
        self.number(cell)?.parse().map_err(|_| "must be a whole number")
    }
}

/// One line of the file, checked.
struct Row {
    /// Without category and supplier: those are names here, found or
    /// created when the file is written.
    fields: ProductFields,
    stock: i64,
    category: Vec<String>,
    supplier: Option<String>,
}

fn parse_active(value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "1" | "yes" | "y" => Ok(true),
        "false" | "0" | "no" | "n" => Ok(false),
        other => Err(format!("{other:?} is not true or false")),
    }
}

/// The column of the file a field of `NewProduct` comes from.
fn column_of(field: &str) -> &str {
    match field {
        "price_cents" => "price",
        other => other,
    }
}

fn parse_row(
    line: u64,
    record: &csv::StringRecord,
    at: &HashMap<&str, usize>,
    dialect: Dialect,
) -> Result<Row, LineError> {
    let cell = |column: &str| at.get(column).and_then(|&i| record.get(i)).unwrap_or("");
    let text = |column: &str| from_cell(cell(column));
    let mut problems = FieldErrors::new();
    let price = dialect
        .price(cell("price"))
        .map_err(|e| add(&mut problems, "price", e));
    let stock = dialect
        .stock(cell("stock"))
        .map_err(|e| add(&mut problems, "stock", e));
    let active = parse_active(cell("active")).map_err(|e| add(&mut problems, "active", &e));
    let category: Vec<String> = text("category")
        .split(PATH_SEPARATOR.trim())
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect();
    if category.iter().any(|c| c.chars().count() > 100) {
        add(
            &mut problems,
            "category",
            "a name must be at most 100 characters long",
        );
    }
    let supplier = Some(text("supplier").trim().to_string()).filter(|s| !s.is_empty());
    if supplier.as_ref().is_some_and(|s| s.chars().count() > 200) {
        add(&mut problems, "supplier", "must be at most 200 characters long");
    }
    // A price or stock that could not be read is already reported; a
    // stand-in that passes keeps the rules from reporting it twice.
    let input = NewProduct {
        name: text("name").to_string(),
        sku: Some(text("sku").to_string()),
        description: text("description").to_string(),
        price_cents: price.map_or(0, |c| c.0),
        stock: stock.unwrap_or(0),
        category_id: None,
        supplier_id: None,
        active: active.ok(),
    };
    match validate(input, &mut problems) {
        Some((fields, stock)) if problems.is_empty() => Ok(Row {
            fields,
            stock,
            category,
            supplier,
        }),
        _ => Err(LineError {
            line,
            message: message_of(problems),
        }),
    }
}

/// The API's rules for a product, their failures added to `problems` under
/// the file's column names.
fn validate(input: NewProduct, problems: &mut FieldErrors) -> Option<(ProductFields, i64)> {
    match input.validate() {
        Ok(checked) => Some(checked),
        Err(Error::Validation { fields, message }) => {
            if fields.is_empty() {
                add(problems, "row", &message);
            }
            for (field, messages) in fields {
                for message in messages {
                    add(problems, column_of(&field), &message);
                }
            }
            None
        }
        Err(other) => {
            add(problems, "row", &other.to_string());
            None
        }
    }
}

/// A line's problems, in the order of the columns: `name: is required; price: …`.
fn message_of(mut problems: FieldErrors) -> String {
    let order = COLUMNS.iter().map(|c| c.to_string());
    let rest: Vec<String> = problems
        .keys()
        .filter(|k| !COLUMNS.contains(&k.as_str()))
        .cloned()
        .collect();
    order
        .chain(rest)
        .filter_map(|column| problems.remove_entry(&column))
        .flat_map(|(column, messages)| messages.into_iter().map(move |m| format!("{column}: {m}")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn read_error(e: &csv::Error) -> LineError {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text: save the file as \"CSV UTF-8\"".to_string(),
        _ => format!("cannot be read: {e}"),
    };
    LineError { line, message }
}

/// Reads and checks every line; the rows, or every problem found.
fn parse(data: &[u8]) -> Result<Vec<Row>, Vec<LineError>> {
    let data = data.strip_prefix(BOM).unwrap_or(data);
    let header_line = data.split(|&b| b == b'\n').next().unwrap_or_default();
    let dialect = Dialect::of(header_line);
    // Not `flexible(false)`: a row of another width is reported below, in
    // words, and the rows after it are still checked.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(data);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![LineError {
                line: 1,
                message: format!("the header cannot be read: {}", read_error(&e).message),
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
                "the header lacks {}; the columns are {} (separated by commas or semicolons)",
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
                errors.push(read_error(&e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        // A row of another width would put its cells under the wrong
        // columns (an unquoted `12,50` shifts every cell after it).
        if record.len() != headers.len() {
            errors.push(LineError {
                line,
                message: format!(
                    "has {} columns, the header has {}{}",
                    record.len(),
                    headers.len(),
                    match dialect {
                        Dialect::Comma => " (a value with a comma needs quotes: \"12,50\")",
                        Dialect::Semicolon => "",
                    }
                ),
            });
            continue;
        }
        match parse_row(line, &record, &at, dialect) {
            Ok(row) => {
                if let Some(sku) = &row.fields.sku
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

/// The rows of `data`, checked, ready for `import`; or the report of what
/// is wrong with which lines. Done before the import's write begins, so
/// the write holds the database only for writing.
pub fn check(data: &[u8]) -> Result<Rows, ImportReport> {
    parse(data).map(Rows).map_err(|errors| ImportReport {
        errors,
        ..Default::default()
    })
}

/// A file's rows, all of them valid.
pub struct Rows(Vec<Row>);

/// Imports checked `rows` in the write transaction `tx`. `progress` hears
/// how many lines are written so far.
pub fn import(
    tx: &Connection,
    rows: &Rows,
    user: Option<UserId>,
    progress: &dyn Fn(u64),
) -> Result<ImportReport, Error> {
    let rows = &rows.0;
    let mut report = ImportReport::default();
    let (mut made_categories, mut made_suppliers) = (HashMap::new(), HashMap::new());
    for (done, row) in rows.iter().enumerate() {
        let fields = ProductFields {
            category_id: category_for(tx, &row.category, &mut made_categories)?,
            supplier_id: supplier_for(tx, row.supplier.as_deref(), &mut made_suppliers)?,
            ..row.fields.clone()
        };
        let existing = match &fields.sku {
            Some(sku) => products::find_id_by_sku(tx, sku)?,
            None => None,
        };
        match existing {
            Some(id) => {
                if update_existing(tx, id, &fields, row.stock, user)? {
                    report.updated += 1;
                }
            }
            None => {
                let id = insert_with_stock(tx, &fields, row.stock, "import", user)?;
                products::assign_sku(tx, id)?;
                report.created += 1;
            }
        }
        if done % 500 == 499 {
            progress(done as u64 + 1);
        }
    }
    progress(rows.len() as u64);
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

/// The export as the bytes of a file to download.
pub fn export_bytes(conn: &Connection) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    export(conn, &mut out)?;
    Ok(out)
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
        // Only text cells can be formulas: a price or stock is never
        // negative, and a number is not a formula anyway.
        let record = [
            to_cell(r.get::<_, Option<String>>(0)?.unwrap_or_default()),
            to_cell(r.get(1)?),
            to_cell(r.get(2)?),
            Cents(r.get(3)?).to_string(),
            r.get::<_, i64>(4)?.to_string(),
            to_cell(category.and_then(|c| paths.get(&c).cloned()).unwrap_or_default()),
            to_cell(r.get::<_, Option<String>>(6)?.unwrap_or_default()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_tells_the_delimiter() {
        assert_eq!(Dialect::of(b"sku,name,price"), Dialect::Comma);
        assert_eq!(Dialect::of(b"sku;name;price\r"), Dialect::Semicolon);
        assert_eq!(Dialect::of(b"name"), Dialect::Comma);
    }

    #[test]
    fn a_semicolon_file_reads_decimal_commas_and_thousands_dots() {
        let read = |cell| Dialect::Semicolon.number(cell).map(|n| n.into_owned());
        assert_eq!(read("12,50").as_deref(), Ok("12.50"));
        assert_eq!(read(" 12 ").as_deref(), Ok("12"));
        assert_eq!(read("1.234,50").as_deref(), Ok("1234.50"));
        assert_eq!(read("1.234.567").as_deref(), Ok("1234567"));
        assert!(read("12.50").is_err(), "a dot that groups nothing");
        assert!(read("1234.5").is_err());
        assert!(read(".5").is_err());
        assert_eq!(Dialect::Comma.number("12.50").as_deref(), Ok("12.50"));
        assert_eq!(
            Dialect::Comma.number("1,5").as_deref(),
            Ok("1,5"),
            "refused later"
        );
    }

    #[test]
    fn a_line_lists_its_problems_in_column_order() {
        let mut problems = FieldErrors::new();
        problems.insert("stock".into(), vec!["must be >= 0".into()]);
        problems.insert("description".into(), vec!["too long".into()]);
        problems.insert("row".into(), vec!["odd".into()]);
        assert_eq!(
            message_of(problems),
            "description: too long; stock: must be >= 0; row: odd"
        );
    }
}
