//! Products as CSV: `sku,name,description,price,stock,category,supplier,active`,
//! the same columns for export and import, so that exporting and importing
//! the same file changes nothing. Import is all-or-nothing: every bad line
//! is reported with its number and nothing changes. A row passes the same
//! rules as the API's (`NewProduct::validate`).

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

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
    line: u64,
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
    at: &HashMap<String, usize>,
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
            line,
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

/// A CSV file to import. It is read twice, once to check every line before
/// the write begins and once inside the write, and nothing of it is kept in
/// memory between the two: a 200,000-line file costs the memory of a line,
/// not of its rows.
pub enum Source {
    Bytes(Vec<u8>),
    File(PathBuf),
    /// An upload saved to a temporary file, removed with the source.
    Spooled(tempfile::NamedTempFile),
}

impl Source {
    fn open(&self) -> std::io::Result<Box<dyn BufRead + '_>> {
        Ok(match self {
            Source::Bytes(bytes) => Box::new(&bytes[..]),
            Source::File(path) => Box::new(BufReader::with_capacity(64 * 1024, File::open(path)?)),
            Source::Spooled(file) => Box::new(BufReader::with_capacity(64 * 1024, file.reopen()?)),
        })
    }
}

/// The file's header and the reader of the lines after it; or what is
/// wrong with the header.
struct Lines<'a> {
    reader: csv::Reader<Box<dyn BufRead + 'a>>,
    headers: csv::StringRecord,
    at: HashMap<String, usize>,
    dialect: Dialect,
}

impl Lines<'_> {
    fn open(source: &Source) -> Result<Lines<'_>, LineError> {
        let header_error = |message: String| LineError { line: 1, message };
        let mut input = source
            .open()
            .map_err(|e| header_error(format!("the file cannot be read: {e}")))?;
        let start = input
            .fill_buf()
            .map_err(|e| header_error(format!("the file cannot be read: {e}")))?;
        let bom = start.starts_with(BOM);
        let header_line = start[if bom { BOM.len() } else { 0 }..]
            .split(|&b| b == b'\n')
            .next()
            .unwrap_or_default();
        let dialect = Dialect::of(header_line);
        if bom {
            input.consume(BOM.len());
        }
        // Not `flexible(false)`: a row of another width is reported by
        // `check`, in words, and the rows after it are still checked.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(dialect.delimiter())
            .flexible(true)
            .trim(csv::Trim::None)
            .from_reader(input);
        let headers = reader
            .headers()
            .cloned()
            .map_err(|e| header_error(format!("the header cannot be read: {}", read_error(&e).message)))?;
        let at: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_string(), i))
            .collect();
        let missing: Vec<&str> = ["name", "price", "stock"]
            .into_iter()
            .filter(|c| !at.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            return Err(header_error(format!(
                "the header lacks “{}”; the columns are “{}” (separated by commas or semicolons)",
                missing.join(", "),
                COLUMNS.join(",")
            )));
        }
        Ok(Lines {
            reader,
            headers,
            at,
            dialect,
        })
    }

    /// Each line after the header, checked on its own: a row, or what is
    /// wrong with it.
    fn rows(&mut self) -> impl Iterator<Item = Result<Row, LineError>> + '_ {
        let Lines {
            reader,
            headers,
            at,
            dialect,
        } = self;
        reader.records().map(move |record| {
            let record = record.map_err(|e| read_error(&e))?;
            let line = record.position().map_or(0, |p| p.line());
            // A row of another width would put its cells under the wrong
            // columns (an unquoted `12,50` shifts every cell after it).
            if record.len() != headers.len() {
                return Err(LineError {
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
            }
            parse_row(line, &record, at, *dialect)
        })
    }
}

/// A SKU as the file's other lines are compared with it.
fn sku_key(sku: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    sku.to_lowercase().hash(&mut hasher);
    hasher.finish()
}

/// Every problem of the file, by line; none for a file `import` may write.
fn problems(source: &Source) -> Vec<LineError> {
    let mut lines = match Lines::open(source) {
        Ok(lines) => lines,
        Err(header) => return vec![header],
    };
    let mut errors = Vec::new();
    // Each SKU is kept as a hash and its line only, so that checking a big
    // file needs little memory; lines whose hashes meet are compared by
    // their SKUs afterwards, so a coincidence of hashes is never reported.
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut meetings = Vec::new();
    for row in lines.rows() {
        match row {
            Ok(row) => {
                if let Some(sku) = &row.fields.sku {
                    match seen.entry(sku_key(sku)) {
                        Entry::Occupied(first) => meetings.push((*first.get(), row.line)),
                        Entry::Vacant(slot) => {
                            slot.insert(row.line);
                        }
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !meetings.is_empty() {
        errors.extend(repeated_skus(source, &meetings));
        errors.sort_by_key(|e| e.line);
    }
    errors
}

/// Of the pairs of lines `(first, later)` whose SKUs hash alike, those
/// whose SKUs are the same, reported at the later line.
fn repeated_skus(source: &Source, meetings: &[(u64, u64)]) -> Vec<LineError> {
    let wanted: HashSet<u64> = meetings.iter().flat_map(|&(a, b)| [a, b]).collect();
    let mut skus: HashMap<u64, String> = HashMap::new();
    if let Ok(mut lines) = Lines::open(source) {
        for row in lines.rows().flatten() {
            if wanted.contains(&row.line)
                && let Some(sku) = row.fields.sku
            {
                skus.insert(row.line, sku);
            }
        }
    }
    meetings
        .iter()
        .filter_map(|&(first, line)| {
            let (a, b) = (skus.get(&first)?, skus.get(&line)?);
            (a.to_lowercase() == b.to_lowercase()).then(|| LineError {
                line,
                message: format!("sku: “{b}” is also on line {first}"),
            })
        })
        .collect()
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

/// Checks every line of the file before the import's write begins, so
/// that the write holds the database only for writing: the file, ready
/// for `import`, or the report of what is wrong with which lines.
pub fn check(source: Source) -> Result<Checked, ImportReport> {
    let errors = problems(&source);
    if errors.is_empty() {
        Ok(Checked(source))
    } else {
        Err(ImportReport {
            errors,
            ..Default::default()
        })
    }
}

/// A file whose lines are all valid.
pub struct Checked(Source);

/// Imports the checked file in the write transaction `tx`. `progress`
/// hears how many lines are written so far.
pub fn import(
    tx: &Connection,
    file: &Checked,
    user: Option<UserId>,
    progress: &dyn Fn(u64),
) -> Result<ImportReport, Error> {
    // The file was checked whole; a line that now fails means it changed
    // under the import, which then writes nothing.
    let changed = |e: LineError| {
        Error::internal(format!(
            "the file changed while it was imported: line {}: {}",
            e.line, e.message
        ))
    };
    let mut lines = Lines::open(&file.0).map_err(changed)?;
    let mut report = ImportReport::default();
    let (mut made_categories, mut made_suppliers) = (HashMap::new(), HashMap::new());
    let mut done = 0;
    for row in lines.rows() {
        let row = row.map_err(changed)?;
        let fields = ProductFields {
            category_id: category_for(tx, &row.category, &mut made_categories)?,
            supplier_id: supplier_for(tx, row.supplier.as_deref(), &mut made_suppliers)?,
            ..row.fields
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
                insert_with_stock(tx, &fields, row.stock, "import", user)?;
                report.created += 1;
            }
        }
        done += 1;
        if done % 500 == 0 {
            progress(done);
        }
    }
    progress(done);
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
    writer.write_record(COLUMNS).map_err(Error::caused)?;
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
        writer.write_record(&record).map_err(Error::caused)?;
        count += 1;
    }
    writer.flush().map_err(Error::caused)?;
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

    fn file(text: &str) -> Source {
        Source::Bytes(text.as_bytes().to_vec())
    }

    #[test]
    fn lines_whose_sku_hashes_meet_are_reported_only_when_the_skus_are_the_same() {
        let source = file("sku,name,price,stock\nA-1,One,1.00,1\nB-2,Two,2.00,2\na-1,Three,3.00,3\n");
        // Lines 2 and 3 as if their hashes had met: different SKUs, no report.
        assert!(repeated_skus(&source, &[(2, 3)]).is_empty());
        let repeated = repeated_skus(&source, &[(2, 4)]);
        assert_eq!(repeated.len(), 1);
        assert_eq!(repeated[0].line, 4);
        assert_eq!(repeated[0].message, "sku: “a-1” is also on line 2");
        // And the check finds the real one by itself.
        let report = check(source).err().expect("refused");
        assert_eq!(report.errors, repeated);
    }

    #[test]
    fn a_file_on_disk_with_a_byte_order_mark_is_read_like_the_same_bytes() {
        let dir = tempfile::tempdir().expect("a directory");
        let path = dir.path().join("products.csv");
        std::fs::write(&path, b"\xEF\xBB\xBFsku;name;price;stock\nX-1;Tea;1,50;2\n").expect("written");
        let source = Source::File(path);
        let mut lines = Lines::open(&source).expect("a header");
        assert_eq!(lines.dialect, Dialect::Semicolon);
        let rows: Vec<Row> = lines.rows().collect::<Result<_, _>>().expect("valid rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].fields.price_cents, Cents(150));
        assert_eq!(rows[0].line, 2);
    }

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
