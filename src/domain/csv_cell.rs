//! Text cells of the CSV files the shop writes (products, orders): a cell a
//! spreadsheet would run as a formula is written as text, and read back as
//! it was.

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell`, past any quotes it starts with, starts a formula.
fn starts_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell as exported: one quote in front when it would start a
/// formula, so that a spreadsheet shows it as text. A cell that already
/// starts with quotes before such a character gets one more, so that
/// `from_cell` can always take exactly one away.
///
/// Only for text: the numbers and dates the shop formats itself are
/// written as they are, so that a spreadsheet still reads them as numbers.
pub fn to_cell(text: String) -> String {
    if starts_formula(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// A text cell as imported: the quote `to_cell` added taken away again.
pub fn from_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_one_quote_and_lose_exactly_that_one() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+34 600", "'+34 600"),
            ("-x", "'-x"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'x", "'x"),
            ("'", "'"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(to_cell(text.to_string()), cell);
            assert_eq!(from_cell(cell), text);
        }
    }
}
