//! Links between the pages of a list: the storefront's catalog (numbered
//! pages at its own address) and the back office's and the customer's
//! lists (previous and next, keeping the list's filters).

use serde::Serialize;

use crate::domain::paging::Paging;

/// The links between pages of a list.
#[derive(Debug, Serialize)]
pub struct Pager {
    page: i64,
    pages: i64,
    total: i64,
    /// The positions, from 1, of the first and last items on this page.
    from: i64,
    to: i64,
    /// Addresses of the previous and next pages, and of the first.
    prev: Option<String>,
    next: Option<String>,
    first: String,
    /// Numbered links: the first and last pages and those near this one,
    /// a gap (`number: None`) between.
    links: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
struct PageLink {
    number: Option<i64>,
    href: String,
    current: bool,
}

impl Pager {
    /// The pages of a list at the page's own address, keeping `filters`
    /// (those left empty are dropped): `?q=red+shoe&page=2`.
    pub fn new(paging: Paging, total: i64, filters: &[(&str, &str)]) -> Pager {
        Pager::at(paging, total, |page| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            for (name, value) in filters.iter().filter(|(_, v)| !v.is_empty()) {
                query.append_pair(name, value);
            }
            format!("?{}", query.append_pair("page", &page.to_string()).finish())
        })
    }

    /// The pages of a list whose page `n` is at `href(n)`.
    pub fn at(paging: Paging, total: i64, href: impl Fn(i64) -> String) -> Pager {
        let pages = paging.page_count(total);
        let links = window(paging.page, pages)
            .into_iter()
            .map(|n| PageLink {
                number: n,
                href: n.map(&href).unwrap_or_default(),
                current: n == Some(paging.page),
            })
            .collect();
        Pager {
            page: paging.page,
            pages,
            total,
            from: paging.offset().saturating_add(1),
            to: paging.offset().saturating_add(paging.per_page).min(total),
            // Past the end, "previous" is the last page there is.
            prev: (paging.page > 1).then(|| href((paging.page - 1).min(pages))),
            next: (paging.page < pages).then(|| href(paging.page + 1)),
            first: href(1),
            links,
        }
    }
}

/// The page numbers to link to out of `count`: the first, the last, and
/// two either side of `current`; `None` for each gap.
fn window(current: i64, count: i64) -> Vec<Option<i64>> {
    let near = |n: i64| n == 1 || n == count || (n - current).abs() <= 2;
    let mut window = Vec::new();
    for n in 1..=count {
        if near(n) || (near(n - 1) && near(n + 1)) {
            window.push(Some(n));
        } else if window.last().is_some_and(Option::is_some) {
            window.push(None);
        }
    }
    window
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_window_keeps_the_ends_and_the_neighbours() {
        let window = |current, count| -> Vec<i64> {
            window(current, count)
                .into_iter()
                .map(|n| n.unwrap_or(0))
                .collect()
        };
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(1, 4), [1, 2, 3, 4]);
        assert_eq!(window(1, 10), [1, 2, 3, 0, 10]);
        assert_eq!(window(6, 12), [1, 0, 4, 5, 6, 7, 8, 0, 12]);
        assert_eq!(window(5, 12), [1, 2, 3, 4, 5, 6, 7, 0, 12]);
        assert_eq!(window(12, 12), [1, 0, 10, 11, 12]);
        assert_eq!(window(50, 3), [1, 2, 3]);
    }

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
        assert_eq!(pager.prev.as_deref(), Some("?q=red+shoe&page=1"));
        assert_eq!(pager.next.as_deref(), Some("?q=red+shoe&page=3"));
        assert_eq!((pager.from, pager.to), (21, 40));
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
