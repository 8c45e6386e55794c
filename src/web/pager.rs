//! Links between the pages of a list, for the back office and the
//! customer's order history alike.

use serde::Serialize;

use crate::domain::paging::Paging;

/// The links between pages of a list; each keeps the list's filters.
#[derive(Debug, Serialize)]
pub struct Pager {
    page: i64,
    pages: i64,
    total: i64,
    /// Query strings (without `?`) of the previous and next pages.
    prev: Option<String>,
    next: Option<String>,
}

impl Pager {
    pub fn new(paging: Paging, total: i64, filters: &[(&str, &str)]) -> Pager {
        let pages = paging.page_count(total);
        let link = |page: i64| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            for (name, value) in filters.iter().filter(|(_, v)| !v.is_empty()) {
                query.append_pair(name, value);
            }
            query.append_pair("page", &page.to_string()).finish()
        };
        Pager {
            page: paging.page,
            pages,
            total,
            prev: (paging.page > 1).then(|| link((paging.page - 1).min(pages))),
            next: (paging.page < pages).then(|| link(paging.page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_link_to_their_neighbours_with_the_filters() {
        let pager = Pager::new(
            Paging {
                page: 2,
                per_page: 20,
            },
            45,
            &[("q", "red shoe"), ("category", "")],
        );
        assert_eq!(pager.pages, 3);
        assert_eq!(pager.prev.as_deref(), Some("q=red+shoe&page=1"));
        assert_eq!(pager.next.as_deref(), Some("q=red+shoe&page=3"));
        let last = Pager::new(
            Paging {
                page: 1,
                per_page: 20,
            },
            0,
            &[],
        );
        assert_eq!((last.pages, last.prev, last.next), (1, None, None));
    }
}
