//! The storefront, for everyone signed in or not: the catalog (`/`), a
//! category's listing and a product's page. The listing rules are the
//! catalog domain's, the same as the JSON API's.

use std::sync::Arc;

use rocket::http::Status;
use rocket::{FromForm, Route, State, get, routes};
use serde::Serialize;

use crate::config::Config;
use crate::db::Db;
use crate::db::categories::{self, Branch};
use crate::db::products::{self, CategoryRef, Product, Rating, Sort};
use crate::domain::cart::MAX_QUANTITY;
use crate::domain::catalog::{CatalogQuery, PriceFormat, flag, parse_category, parse_sort, price_range};
use crate::domain::categories::{TreeEntry, trail, trail_in, tree};
use crate::domain::listing::{ListingCache, Page};
use crate::domain::paging::Paging;
use crate::domain::products::{Availability, find_visible};
use crate::domain::reviews;
use crate::domain::reviews::Section;
use crate::domain::search::fts_query;
use crate::domain::settings::Settings;
use crate::error::{Error, FieldErrors};
use crate::i18n::{self, FluentValue, Lang, t};
use crate::ids::{CategoryId, ProductId};
use crate::money::Cents;
use crate::web::pager::Pager;
use crate::web::rating_form::ReviewFormState;
use crate::web::seo::{self, PathKey, Seo};
use crate::web::{Layout, Reply, render};

/// Products on a page of the storefront: a grid of four, six rows.
const PER_PAGE: i64 = 24;

/// A listing's query, as the shopper's browser sent it. Kept as text so
/// that a bad value comes back in the form beside its message, and so that
/// every link of the page can carry the others along.
#[derive(Debug, Clone, Default, FromForm)]
struct ListingParams {
    q: Option<String>,
    category: Option<String>,
    min_price: Option<String>,
    max_price: Option<String>,
    in_stock: Option<String>,
    sort: Option<String>,
    page: Option<String>,
}

/// The parameters, in the order links show them.
const NAMES: [&str; 7] = [
    "q",
    "category",
    "min_price",
    "max_price",
    "in_stock",
    "sort",
    "page",
];

impl ListingParams {
    fn get(&self, name: &str) -> Option<&str> {
        let value = match name {
            "q" => &self.q,
            "category" => &self.category,
            "min_price" => &self.min_price,
            "max_price" => &self.max_price,
            "in_stock" => &self.in_stock,
            "sort" => &self.sort,
            "page" => &self.page,
            _ => &None,
        };
        value.as_deref().filter(|v| !v.trim().is_empty())
    }

    /// The values given, for the form to show them again.
    fn values(&self) -> std::collections::BTreeMap<&'static str, &str> {
        NAMES
            .iter()
            .filter_map(|name| Some((*name, self.get(name)?)))
            .collect()
    }

    /// The query string (`?…`, or nothing) of these parameters, without
    /// those in `drop`, and with `page` when it is past the first.
    fn query(&self, drop: &[&str], page: Option<i64>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for name in NAMES.iter().filter(|n| **n != "page" && !drop.contains(*n)) {
            if let Some(value) = self.get(name) {
                query.append_pair(name, value);
            }
        }
        if let Some(page) = page.filter(|p| *p > 1) {
            query.append_pair("page", &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The listing these parameters ask for, or what is wrong with them.
    fn catalog_query(
        &self,
        category: Option<CategoryId>,
        staff: bool,
    ) -> (Result<CatalogQuery, Error>, Paging) {
        let mut errors = FieldErrors::new();
        let paging = Paging::read(self.get("page"), None, PER_PAGE, &mut errors);
        let (min_price, max_price) = price_range(
            PriceFormat::Decimal,
            self.get("min_price"),
            self.get("max_price"),
            &mut errors,
        );
        let query = CatalogQuery {
            text: self.q.clone(),
            category: category.or_else(|| parse_category(self.get("category"), &mut errors)),
            min_price,
            max_price,
            in_stock: flag("in_stock", self.get("in_stock"), &mut errors),
            // Staff see archived products too, marked, as on their pages.
            include_inactive: staff,
            max_stock: None,
            sort: parse_sort(self.get("sort"), &mut errors),
        };
        (query.check(errors), paging)
    }

    /// Whether the shopper typed words to search for.
    fn searching(&self) -> bool {
        self.q.as_deref().and_then(fts_query).is_some()
    }
}

/// A product as its card in a listing shows it: no more than that, since
/// a page has 24 of them.
#[derive(Debug, Serialize)]
struct Card {
    id: ProductId,
    /// The product page's canonical path.
    url: String,
    name: String,
    price_cents: Cents,
    /// The first image's URL.
    image: Option<String>,
    active: bool,
    availability: Availability,
    /// The stars and the number of reviews under the name.
    rating: Rating,
}

impl From<Product> for Card {
    fn from(p: Product) -> Card {
        Card {
            id: p.id,
            url: seo::product_path(p.id, &p.name),
            image: p.images.into_iter().next().map(|i| i.url),
            availability: Availability::of(p.stock),
            name: p.name,
            price_cents: p.price_cents,
            active: p.active,
            rating: p.rating,
        }
    }
}

/// A product as its page shows it.
#[derive(Debug, Serialize)]
struct ProductView {
    #[serde(flatten)]
    product: Product,
    availability: Availability,
    /// The canonical path of the page.
    url: String,
}

impl From<Product> for ProductView {
    fn from(product: Product) -> ProductView {
        let availability = Availability::of(product.stock);
        ProductView {
            url: seo::product_path(product.id, &product.name),
            product,
            availability,
        }
    }
}

#[derive(Debug, Serialize)]
struct SortOption {
    value: &'static str,
    label: &'static str,
}

/// The sort menu. Its first entry is the default order (best match for a
/// search, else by name) and sends nothing, so that typing a search after
/// browsing by name still ranks the results by relevance.
/// Labels are catalog keys (`sort-name`), which the template looks up.
fn sort_options(searching: bool) -> Vec<SortOption> {
    let option = |value, label| SortOption { value, label };
    let mut options = vec![if searching {
        option("", "sort-best-match")
    } else {
        option("", "sort-name")
    }];
    if searching {
        options.push(option(Sort::Name.as_str(), "sort-name"));
    }
    options.extend([
        option(Sort::Price.as_str(), "sort-price"),
        option(Sort::PriceDesc.as_str(), "sort-price-desc"),
        option(Sort::Newest.as_str(), "sort-newest"),
    ]);
    options
}

/// Which entry of the sort menu is chosen.
fn selected_sort(params: &ListingParams, searching: bool) -> &'static str {
    match params.get("sort").and_then(Sort::parse) {
        None | Some(Sort::Relevance) => "",
        Some(Sort::Name) if !searching => "",
        Some(sort) => sort.as_str(),
    }
}

/// What the form shows above itself: the errors of fields that have no
/// input of their own beside them.
fn notices(errors: &FieldErrors, lang: Lang) -> Vec<String> {
    let label = |field: &str| match field {
        "page" => "filter-page",
        "category" => "filter-category",
        "sort" => "filter-sort",
        "in_stock" => "filter-in-stock",
        _ => "filter-other",
    };
    errors
        .iter()
        .filter(|(field, _)| !matches!(field.as_str(), "min_price" | "max_price"))
        .flat_map(|(field, messages)| {
            messages
                .iter()
                .map(move |m| format!("{} {}.", t(lang, label(field)), i18n::message(lang, m)))
        })
        .collect()
}

/// The categories for the menu and, when the query is valid, its page of
/// products. A category that does not exist is a 404.
/// How many best sellers a search that found nothing offers instead.
const BEST_SELLERS: i64 = 4;

/// What a listing page loads: the categories for the menu, the page of
/// products, and the best sellers when a search found nothing.
struct Loaded {
    all: Vec<Branch>,
    page: Option<Page>,
    best_sellers: Vec<Product>,
}

async fn load(
    db: &Db,
    cache: &Arc<ListingCache>,
    category: Option<CategoryId>,
    query: Option<CatalogQuery>,
    paging: Paging,
) -> Result<Loaded, Error> {
    let cache = cache.clone();
    db.run(move |conn| {
        let all = categories::branches(conn)?;
        if category.is_some_and(|id| !all.iter().any(|c| c.id == id)) {
            return Err(Error::NotFound);
        }
        let searched = query.as_ref().is_some_and(|q| q.text.is_some());
        let page = match query {
            Some(query) => Some(query.run(conn, &cache, paging)?),
            None => None,
        };
        let best_sellers = if searched && page.as_ref().is_some_and(|p| p.total == 0) {
            let ids = products::best_sellers(conn, BEST_SELLERS)?;
            products::find_many(conn, &ids)?
        } else {
            Vec::new()
        };
        Ok(Loaded {
            all,
            page,
            best_sellers,
        })
    })
    .await
}

/// "Did you mean …?": the corrected search and its link.
#[derive(Debug, Serialize)]
struct Suggestion {
    text: String,
    href: String,
}

/// A top category, offered when a search finds nothing.
#[derive(Debug, Serialize)]
struct CategoryLink {
    name: String,
    url: String,
}

/// The context of `shop/catalog.html`.
#[derive(Serialize)]
struct CatalogPage<'a> {
    title: String,
    action: &'a str,
    category: Option<CategoryRef>,
    trail: Vec<CategoryRef>,
    /// The category shown, 0 for none.
    current_id: i64,
    tree: Vec<TreeEntry<Branch>>,
    /// The filters for the category links to carry along.
    keep: String,
    hidden_category: Option<&'a str>,
    values: std::collections::BTreeMap<&'static str, &'a str>,
    errors: &'a FieldErrors,
    notices: Vec<String>,
    products: Vec<Card>,
    total: i64,
    pagination: Pager,
    search_text: Option<&'a str>,
    filtered: bool,
    in_stock: bool,
    sort_options: Vec<SortOption>,
    sort_selected: &'static str,
    suggestion: Option<Suggestion>,
    /// When nothing is found: where to go instead.
    top_categories: Vec<CategoryLink>,
    best_sellers: Vec<Card>,
    seo: Option<Seo>,
}

/// A listing page: where it is and what it was asked for.
struct Listing {
    path: String,
    params: ListingParams,
    category: Option<CategoryId>,
    paging: Paging,
}

impl Listing {
    fn title(&self, category: Option<&CategoryRef>, lang: Lang) -> String {
        match (category, self.params.get("q")) {
            (_, Some(q)) => i18n::t_with(
                lang,
                "catalog-results-for",
                &[("search", FluentValue::from(q.trim()))],
            ),
            (Some(c), _) => c.name.clone(),
            (None, _) => t(lang, "catalog-all-products"),
        }
    }

    /// The context of `shop/catalog.html`.
    fn context<'a>(&'a self, loaded: Loaded, errors: &'a FieldErrors, lang: Lang) -> CatalogPage<'a> {
        let Loaded {
            all,
            page,
            best_sellers,
        } = loaded;
        let all = &all;
        let params = &self.params;
        let searching = params.searching();
        let trail = self.category.map(|id| trail(all, id)).unwrap_or_default();
        let suggestion = page.as_ref().and_then(|p| p.suggestion.clone()).map(|text| {
            let corrected = ListingParams {
                q: Some(text.clone()),
                ..params.clone()
            };
            Suggestion {
                href: format!("{}{}", self.path, corrected.query(&[], None)),
                text,
            }
        });
        let (products, total) = page.map_or((Vec::new(), 0), |p| {
            let cards: Vec<Card> = p.items.into_iter().map(Card::from).collect();
            (cards, p.total)
        });
        let top_categories = if total == 0 && searching {
            all.iter()
                .filter(|c| c.parent_id.is_none())
                .map(|c| CategoryLink {
                    url: seo::category_path(c.id, &c.name),
                    name: c.name.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        // Filters beyond the category, which the page is about.
        let filtered = ["q", "min_price", "max_price", "in_stock"]
            .iter()
            .any(|n| params.get(n).is_some());
        // Category links keep the other filters, except the ones to correct.
        let mut keep_out = vec!["category", "page"];
        keep_out.extend(errors.keys().map(String::as_str));
        CatalogPage {
            title: self.title(trail.last(), lang),
            action: &self.path,
            category: trail.last().cloned(),
            trail,
            current_id: self.category.map_or(0, |c| c.0),
            tree: tree(all.to_vec()),
            keep: params.query(&keep_out, None),
            hidden_category: if self.path == "/" {
                params.get("category")
            } else {
                None
            },
            values: params.values(),
            errors,
            notices: notices(errors, lang),
            products,
            total,
            pagination: Pager::at(self.paging, total, |n| {
                format!("{}{}", self.path, params.query(&[], Some(n)))
            }),
            search_text: params.get("q").map(str::trim),
            filtered,
            in_stock: flag("in_stock", params.get("in_stock"), &mut FieldErrors::new()),
            sort_options: sort_options(searching),
            sort_selected: selected_sort(params, searching),
            suggestion,
            top_categories,
            best_sellers: best_sellers.into_iter().map(Card::from).collect(),
            seo: None,
        }
    }
}

/// The catalog, or a category's part of it, with the filters of `params`;
/// with what is wrong in them and no products when they are not valid.
async fn listing(
    path: String,
    category: Option<CategoryId>,
    params: ListingParams,
    layout: Layout,
    db: &Db,
    cache: &Arc<ListingCache>,
    seo: Option<&(dyn Fn(&CatalogPage<'_>) -> Seo + Sync)>,
) -> Result<Reply, Error> {
    let (query, paging) = params.catalog_query(category, layout.is_staff());
    let category = query.as_ref().ok().and_then(|q| q.category).or(category);
    let loaded = load(db, cache, category, query.as_ref().ok().cloned(), paging).await?;
    let (status, errors) = match query {
        Ok(_) => (Status::Ok, FieldErrors::new()),
        Err(Error::Validation { fields, .. }) => (Status::UnprocessableEntity, fields),
        Err(other) => return Err(other),
    };
    let listing = Listing {
        path,
        params,
        category,
        paging,
    };
    let mut context = listing.context(loaded, &errors, layout.lang);
    context.seo = seo.map(|seo| seo(&context));
    Ok(Reply::Page((
        status,
        render("shop/catalog.html", &layout, context),
    )))
}

#[get("/?<params..>")]
async fn get_catalog(
    params: ListingParams,
    layout: Layout,
    db: &State<Db>,
    cache: &State<Arc<ListingCache>>,
    config: &State<Config>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let public_url = config.public_url();
    let shop_name = settings.for_layout().0;
    let lang = layout.lang;
    let head = |page: &CatalogPage<'_>| {
        let sections: Vec<&str> = page
            .tree
            .iter()
            .filter(|entry| entry.depth == 0)
            .map(|entry| entry.category.name.as_str())
            .collect();
        seo::home_seo(&public_url, &shop_name, page.total, &sections, lang)
    };
    // A search or a filtered list is not the home page search engines show.
    let home = NAMES.iter().all(|name| params.get(name).is_none());
    let head: Option<&(dyn Fn(&CatalogPage<'_>) -> Seo + Sync)> = home.then_some(&head);
    listing("/".into(), None, params, layout, db, cache, head).await
}

/// A category's listing, at its canonical path (`/categories/3-kitchen`);
/// `/categories/3` and stale names move there for good, with the query.
#[get("/categories/<key>?<params..>")]
#[allow(clippy::too_many_arguments)]
async fn get_category(
    key: PathKey,
    params: ListingParams,
    layout: Layout,
    db: &State<Db>,
    cache: &State<Arc<ListingCache>>,
    config: &State<Config>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let id = CategoryId(key.id);
    let name = db.run(move |conn| categories::find(conn, id)).await?.name;
    // The path names the category; a `category` parameter too would only
    // confuse the links.
    let params = ListingParams {
        category: None,
        ..params
    };
    let path = seo::category_path(id, &name);
    if !key.is(&path) {
        let page = params.get("page").and_then(|p| p.parse().ok());
        return Ok(Reply::moved(
            format!("{path}{}", params.query(&[], page)),
            &layout,
        ));
    }
    let public_url = config.public_url();
    let shop_name = settings.for_layout().0;
    let lang = layout.lang;
    let head =
        |page: &CatalogPage<'_>| seo::category_seo(&public_url, &shop_name, id, &name, page.total, lang);
    listing(path.clone(), Some(id), params, layout, db, cache, Some(&head)).await
}

/// A product's page, at its canonical path (`/products/12-chefs-knife`);
/// `/products/12` and stale names move there for good.
#[get("/products/<key>")]
async fn get_product(
    key: PathKey,
    layout: Layout,
    db: &State<Db>,
    config: &State<Config>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let (shop_name, currency, _) = settings.for_layout();
    let site = Site {
        public_url: config.public_url(),
        currency,
        shop_name,
        key,
    };
    product_page_at(
        db,
        &layout,
        ProductId(site.key.id),
        None,
        ReviewFormState::default(),
        Some(site),
    )
    .await
}

/// What a product page answering its GET needs to check its URL and fill
/// its head.
struct Site {
    public_url: String,
    currency: String,
    shop_name: String,
    key: PathKey,
}

/// The context of `shop/product.html`.
#[derive(Serialize)]
struct ProductPage<'a> {
    product: ProductView,
    trail: Vec<CategoryRef>,
    seo: Option<Seo>,
    add: AddForm<'a>,
    reviews: Section,
    review_form: ReviewFormState,
}

/// The "Add to cart" form: at most the stock, as typed after a refusal.
#[derive(Serialize)]
struct AddForm<'a> {
    max: i64,
    quantity: &'a str,
    message: Option<&'a str>,
}

/// An "Add to cart" that was refused: the quantity as typed, and why, to
/// show beside the field.
pub struct AddAttempt {
    pub quantity: String,
    pub message: String,
    pub status: Status,
}

/// A product's page, with its "Add to cart" form as it was sent when the
/// add was refused.
pub async fn product_page(
    db: &Db,
    layout: &Layout,
    id: ProductId,
    attempt: Option<AddAttempt>,
) -> Result<Reply, Error> {
    product_page_with_review(db, layout, id, attempt, ReviewFormState::default()).await
}

/// A product's page with both of its forms as they were sent: "Add to
/// cart" when an add was refused, the review form when a review was (which
/// also sets the page's status).
pub(crate) async fn product_page_with_review(
    db: &Db,
    layout: &Layout,
    id: ProductId,
    attempt: Option<AddAttempt>,
    review_form: ReviewFormState,
) -> Result<Reply, Error> {
    product_page_at(db, layout, id, attempt, review_form, None).await
}

/// A product's page; with `site`, as its GET answers it: at its canonical
/// path only, with what its head tells search engines.
async fn product_page_at(
    db: &Db,
    layout: &Layout,
    id: ProductId,
    attempt: Option<AddAttempt>,
    review_form: ReviewFormState,
    site: Option<Site>,
) -> Result<Reply, Error> {
    let staff = layout.is_staff();
    let status = review_form.status;
    let viewer = layout.user_id().map(|user| (user, staff));
    let (product, trail, reviews) = db
        .run(move |conn| {
            let product = find_visible(conn, id, staff)?;
            let reviews = reviews::section(conn, &product, viewer)?;
            let trail = match &product.category {
                Some(c) => trail_in(conn, c.id)?,
                None => Vec::new(),
            };
            Ok((product, trail, reviews))
        })
        .await?;
    let mut seo = None;
    if let Some(site) = site {
        let path = seo::product_path(product.id, &product.name);
        if !site.key.is(&path) {
            return Ok(Reply::moved(path, layout));
        }
        seo = Some(seo::product_seo(
            &site.public_url,
            &site.currency,
            &site.shop_name,
            &product,
        ));
    }
    let add = AddForm {
        max: product.stock.clamp(0, MAX_QUANTITY),
        quantity: attempt.as_ref().map_or("1", |a| a.quantity.as_str()),
        message: attempt.as_ref().map(|a| a.message.as_str()),
    };
    let context = ProductPage {
        product: ProductView::from(product),
        trail,
        seo,
        add,
        reviews,
        review_form,
    };
    let status = attempt.as_ref().map_or(status, |a| a.status);
    Ok(Reply::Page((
        status,
        render("shop/product.html", layout, context),
    )))
}

pub fn routes() -> Vec<Route> {
    routes![get_catalog, get_category, get_product]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_every_other_parameter() {
        let params = ListingParams {
            q: Some("red shoe".into()),
            category: Some("3".into()),
            min_price: Some("10".into()),
            max_price: Some("".into()),
            in_stock: Some("1".into()),
            sort: Some("price".into()),
            page: Some("4".into()),
        };
        assert_eq!(
            params.query(&[], Some(2)),
            "?q=red+shoe&category=3&min_price=10&in_stock=1&sort=price&page=2"
        );
        assert_eq!(
            params.query(&["category", "page"], None),
            "?q=red+shoe&min_price=10&in_stock=1&sort=price"
        );
        assert_eq!(ListingParams::default().query(&[], Some(1)), "");
    }
}
