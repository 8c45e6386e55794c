//! What a catalog listing asks for, parsed once for the storefront and the
//! API alike, and answered through the listing cache.

use rusqlite::Connection;

use crate::db::categories;
use crate::db::products::{Filter, Sort};
use crate::domain::fields::{add, finish};
use crate::domain::listing::{ListingCache, Page};
use crate::domain::paging::Paging;
use crate::error::{Error, FieldErrors};
use crate::ids::CategoryId;
use crate::money::Cents;

/// A search that finds this many products or fewer "finds little": it
/// offers a far more common spelling of its rare words, if there is one.
const FEW_RESULTS: i64 = 2;

/// A listing request, checked.
#[derive(Debug, Clone, Default)]
pub struct CatalogQuery {
    /// What the shopper typed, if anything.
    pub text: Option<String>,
    pub category: Option<CategoryId>,
    pub min_price: Option<Cents>,
    pub max_price: Option<Cents>,
    pub in_stock: bool,
    /// Only products with this many or fewer in stock (the back office).
    pub max_stock: Option<i64>,
    pub include_inactive: bool,
    pub sort: Option<Sort>,
}

/// Parses a boolean query parameter as forms and scripts send it.
pub fn flag(field: &str, value: Option<&str>, errors: &mut FieldErrors) -> bool {
    match value.map(str::trim) {
        None | Some("" | "false" | "0" | "off") => false,
        Some("true" | "1" | "on") => true,
        Some(_) => {
            add(errors, field, "must be true or false");
            false
        }
    }
}

/// How a listing's price range is written: whole cents in the API
/// (`min_price_cents`), amounts like `12.50` in the storefront's form
/// (`min_price`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceFormat {
    Cents,
    Decimal,
}

impl PriceFormat {
    /// The names of the minimum and maximum price parameters.
    fn fields(self) -> (&'static str, &'static str) {
        match self {
            PriceFormat::Cents => ("min_price_cents", "max_price_cents"),
            PriceFormat::Decimal => ("min_price", "max_price"),
        }
    }

    fn parse(self, field: &str, value: Option<&str>, errors: &mut FieldErrors) -> Option<Cents> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        let parsed = match self {
            PriceFormat::Cents => value
                .parse::<i64>()
                .ok()
                .filter(|c| *c >= 0)
                .map(Cents)
                .ok_or("must be a whole number of cents >= 0"),
            PriceFormat::Decimal => Cents::parse(value),
        };
        parsed.map_err(|e| add(errors, field, e)).ok()
    }
}

/// The price range `min..=max`, either end open; a maximum below the
/// minimum is an error of the maximum.
pub fn price_range(
    format: PriceFormat,
    min: Option<&str>,
    max: Option<&str>,
    errors: &mut FieldErrors,
) -> (Option<Cents>, Option<Cents>) {
    let (min_field, max_field) = format.fields();
    let min = format.parse(min_field, min, errors);
    let max = format.parse(max_field, max, errors);
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        add(errors, max_field, "must not be below the minimum price");
    }
    (min, max)
}

pub fn parse_category(value: Option<&str>, errors: &mut FieldErrors) -> Option<CategoryId> {
    match value.map(str::trim).filter(|v| !v.is_empty())?.parse::<i64>() {
        Ok(id) if id > 0 => Some(CategoryId(id)),
        _ => {
            add(errors, "category", "must be a category id");
            None
        }
    }
}

pub fn parse_sort(value: Option<&str>, errors: &mut FieldErrors) -> Option<Sort> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    let sort = Sort::parse(value);
    if sort.is_none() {
        add(errors, "sort", "must be name, price, -price or newest");
    }
    sort
}

impl CatalogQuery {
    pub fn check(self, errors: FieldErrors) -> Result<CatalogQuery, Error> {
        finish(errors)?;
        Ok(self)
    }

    /// Runs the listing. Text without a single word matches nothing.
    pub fn run(&self, conn: &Connection, cache: &ListingCache, paging: Paging) -> Result<Page, Error> {
        let text = self.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let plan = match text {
            Some(text) => Some(cache.plan(conn, text)?),
            None => None,
        };
        let (fts, fts_first) = match plan.as_deref().map(|p| p.tiers.as_slice()) {
            None => (None, Vec::new()),
            Some([]) => {
                return Ok(Page {
                    items: Vec::new(),
                    total: 0,
                    suggestion: None,
                });
            }
            Some([first @ .., widest]) => (Some(widest.clone()), first.to_vec()),
        };
        let categories = match self.category {
            Some(id) => Some(categories::with_descendants(conn, id)?),
            None => None,
        };
        let default_sort = if fts.is_some() {
            Sort::Relevance
        } else {
            Sort::Name
        };
        let sort = match self.sort {
            Some(Sort::Relevance) if fts.is_none() => Sort::Name,
            Some(sort) => sort,
            None => default_sort,
        };
        let filter = Filter {
            fts,
            fts_first,
            categories,
            min_price: self.min_price,
            max_price: self.max_price,
            in_stock: self.in_stock,
            max_stock: self.max_stock,
            include_inactive: self.include_inactive,
        };
        let mut page = cache.page(conn, &filter, sort, paging.per_page, paging.offset())?;
        page.suggestion = plan.and_then(|p| {
            let little = page.total <= FEW_RESULTS;
            p.suggestion
                .clone()
                .or_else(|| p.alternative.clone().filter(|_| little))
        });
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_ranges_in_cents_and_in_decimals() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            price_range(PriceFormat::Decimal, Some("12.50"), Some(" 20 "), &mut errors),
            (Some(Cents(1250)), Some(Cents(2000)))
        );
        assert_eq!(
            price_range(PriceFormat::Cents, Some("1250"), None, &mut errors),
            (Some(Cents(1250)), None)
        );
        assert_eq!(
            price_range(PriceFormat::Decimal, Some(""), None, &mut errors),
            (None, None)
        );
        assert!(errors.is_empty(), "{errors:?}");

        price_range(PriceFormat::Decimal, Some("abc"), Some("12.345"), &mut errors);
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["max_price", "min_price"]);

        let mut errors = FieldErrors::new();
        price_range(PriceFormat::Cents, Some("12.5"), Some("-1"), &mut errors);
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["max_price_cents", "min_price_cents"]
        );

        let mut errors = FieldErrors::new();
        price_range(PriceFormat::Decimal, Some("20"), Some("10"), &mut errors);
        assert_eq!(errors["max_price"], ["must not be below the minimum price"]);
    }
}
