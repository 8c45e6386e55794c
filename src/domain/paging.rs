//! Page numbers, as API.md has them and the storefront uses them too.

use crate::domain::fields::{add, finish};
use crate::error::{Error, FieldErrors};

/// `?page=&per_page=` as API.md has them: page from 1, per_page 1..=100.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    pub const DEFAULT_PER_PAGE: i64 = 20;

    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, Error> {
        let mut errors = FieldErrors::new();
        let paging = Paging::read(page, per_page, Self::DEFAULT_PER_PAGE, &mut errors);
        finish(errors)?;
        Ok(paging)
    }

    /// Like `parse`, but adds what is wrong to `errors` (so that a form can
    /// show it with its other fields) and uses `default_per_page`.
    pub fn read(
        page: Option<&str>,
        per_page: Option<&str>,
        default_per_page: i64,
        errors: &mut FieldErrors,
    ) -> Paging {
        let page = match page.map(str::parse::<i64>) {
            None => 1,
            Some(Ok(p)) if p >= 1 => p,
            Some(_) => {
                add(errors, "page", "must be a whole number >= 1");
                1
            }
        };
        let per_page = match per_page.map(str::parse::<i64>) {
            None => default_per_page,
            Some(Ok(n)) if (1..=100).contains(&n) => n,
            Some(_) => {
                add(errors, "per_page", "must be a whole number from 1 to 100");
                default_per_page
            }
        };
        Paging { page, per_page }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }

    /// How many pages `total` items fill (at least one, so that an empty
    /// listing is "page 1 of 1").
    pub fn page_count(&self, total: i64) -> i64 {
        ((total + self.per_page - 1) / self.per_page).max(1)
    }
}
