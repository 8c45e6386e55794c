//! The review moderation page: every review of every product, newest
//! first, all or only the hidden or visible ones, each with the storefront's
//! Hide or Unhide button (`web::reviews`, which brings staff back here).

use rocket::{Route, State, get, routes};
use serde::Serialize;

use super::{Choice, Pager, paging};
use crate::auth::Staff;
use crate::db::Db;
use crate::db::reviews::{self, ReviewOfProduct};
use crate::error::Error;
use crate::i18n::t;
use crate::web::{Layout, Reply, form_error};

/// The `show` filter: which reviews the page lists, and the catalog's
/// key of its name.
const SHOWS: [(&str, &str, Option<bool>); 3] = [
    ("all", "admin-reviews-all", None),
    ("hidden", "admin-reviews-hidden-only", Some(true)),
    ("visible", "admin-reviews-visible-only", Some(false)),
];

/// Which reviews `show` asks for; "" is all.
fn hidden_filter(show: &str) -> Result<Option<bool>, Error> {
    let show = match show.trim() {
        "" => "all",
        other => other,
    };
    SHOWS
        .iter()
        .find(|(value, _, _)| *value == show)
        .map(|(_, _, hidden)| *hidden)
        .ok_or_else(|| Error::field("show", "must be one of all, hidden, visible"))
}

/// The context of `admin/reviews/index.html`.
#[derive(Serialize)]
struct ReviewsPage {
    reviews: Vec<ReviewOfProduct>,
    shows: Vec<Choice>,
    show: String,
    /// This page, for the buttons to bring staff back to.
    back: String,
    pager: Pager,
}

#[get("/admin/reviews?<show>&<page>")]
async fn get_reviews(
    show: Option<String>,
    page: Option<&str>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = paging(page)?;
    let show = show.unwrap_or_default();
    let back = {
        let mut query = url::form_urlencoded::Serializer::new(String::from("/admin/reviews?"));
        if !show.is_empty() {
            query.append_pair("show", &show);
        }
        query.append_pair("page", &paging.page.to_string()).finish()
    };
    let mut context = ReviewsPage {
        reviews: Vec::new(),
        shows: SHOWS
            .iter()
            .map(|(value, label, _)| Choice {
                value: (*value).into(),
                label: t(layout.lang, label),
            })
            .collect(),
        show: show.clone(),
        back,
        pager: Pager::new(paging, 0, &[]),
    };
    let found = match hidden_filter(&show) {
        Ok(hidden) => {
            db.run(move |conn| reviews::list_all_page(conn, hidden, paging.per_page, paging.offset()))
                .await
        }
        Err(e) => Err(e),
    };
    match found {
        Ok((found, total)) => {
            context.reviews = found;
            context.pager = Pager::new(paging, total, &[("show", &show)]);
            Ok(Reply::page("admin/reviews/index.html", &layout, context))
        }
        Err(e) => form_error("admin/reviews/index.html", &layout, context, e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_reviews]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_show_filter_names_which_reviews() {
        assert_eq!(hidden_filter("").ok(), Some(None));
        assert_eq!(hidden_filter("all").ok(), Some(None));
        assert_eq!(hidden_filter("hidden").ok(), Some(Some(true)));
        assert_eq!(hidden_filter(" visible ").ok(), Some(Some(false)));
        assert!(hidden_filter("spam").is_err());
    }
}
