//! Page numbers, as API.md has them and the storefront uses them too.

use crate::error::Error;

/// `?page=&per_page=` as API.md has them: page from 1, per_page 1..=100.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    pub const DEFAULT_PER_PAGE: i64 = 20;

    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, Error> {
        let mut fields = crate::error::FieldErrors::new();
        let page = match page.map(str::parse::<i64>) {
            None => 1,
            Some(Ok(p)) if p >= 1 => p,
            Some(_) => {
                fields.insert("page".into(), vec!["must be a whole number >= 1".into()]);
                1
            }
        };
        let per_page = match per_page.map(str::parse::<i64>) {
            None => Self::DEFAULT_PER_PAGE,
            Some(Ok(n)) if (1..=100).contains(&n) => n,
            Some(_) => {
                fields.insert(
                    "per_page".into(),
                    vec!["must be a whole number from 1 to 100".into()],
                );
                Self::DEFAULT_PER_PAGE
            }
        };
        crate::domain::validation::finish(fields)?;
        Ok(Paging { page, per_page })
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}
