//! What makes the shop findable: readable, canonical URLs for products and
//! categories (`/products/12-chefs-knife`), what their pages tell search
//! engines and link previews (description, canonical link, Open Graph,
//! schema.org `Product`), `/sitemap.xml` and `/robots.txt`.

use rocket::http::ContentType;
use rocket::request::FromParam;
use rocket::{Route, State, get, routes};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use crate::config::Config;
use crate::db::Db;
use crate::db::products::Product;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::ids::{CategoryId, ProductId};

/// A name as it appears in a URL: ASCII, lower case, words joined by `-`
/// ("Crème brûlée pan" → `creme-brulee-pan`). The same as Tera's
/// `slugify`.
pub fn slug(name: &str) -> String {
    slug::slugify(name)
}

fn path(base: &str, id: i64, name: &str) -> String {
    let slug = slug(name);
    if slug.is_empty() {
        format!("{base}/{id}")
    } else {
        format!("{base}/{id}-{slug}")
    }
}

/// The canonical path of a product's page.
pub fn product_path(id: ProductId, name: &str) -> String {
    path("/products", id.0, name)
}

/// The canonical path of a category's listing.
pub fn category_path(id: CategoryId, name: &str) -> String {
    path("/categories", id.0, name)
}

/// The last segment of a product's or category's path: its id, then
/// perhaps a slug (`12-chefs-knife`, `12`, or a stale `12-old-name`).
/// Anything not starting with an id is id 0, which no row has, so a 404.
#[derive(Debug, Clone)]
pub struct PathKey {
    pub id: i64,
    pub segment: String,
}

impl PathKey {
    /// Whether this is the canonical segment of `canonical` (a path).
    pub fn is(&self, canonical: &str) -> bool {
        canonical
            .rsplit('/')
            .next()
            .is_some_and(|last| last == self.segment)
    }
}

impl<'a> FromParam<'a> for PathKey {
    type Error = std::convert::Infallible;
    fn from_param(param: &'a str) -> Result<Self, Self::Error> {
        let digits = param.split('-').next().unwrap_or_default();
        let id = digits.parse::<i64>().ok().filter(|id| *id > 0).unwrap_or(0);
        Ok(PathKey {
            id,
            segment: param.to_string(),
        })
    }
}

/// Collapses whitespace and cuts at a word near `max` characters, for a
/// meta description.
fn summary(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > max {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What a page's `<head>` tells search engines and link previews
/// (`templates/shop/seo_head.html`).
#[derive(Debug, Clone, Serialize)]
pub struct Seo {
    pub description: String,
    /// Absolute.
    pub canonical: String,
    pub og_title: String,
    pub og_type: &'static str,
    /// Absolute, when there is an image.
    pub og_image: Option<String>,
    /// schema.org JSON-LD, safe inside `<script>`.
    pub json_ld: Option<String>,
}

/// JSON made safe to stand inside `<script>…</script>`: no `<`, `>` or `&`
/// as such, so no `</script>` or `<!--` in a name ends or bends it.
pub fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A product page's head: its description, canonical URL, Open Graph tags
/// and schema.org `Product`.
pub fn product_seo(public_url: &str, currency: &str, shop_name: &str, product: &Product) -> Seo {
    let canonical = format!("{public_url}{}", product_path(product.id, &product.name));
    let images: Vec<String> = product
        .images
        .iter()
        .map(|i| format!("{public_url}{}", i.url))
        .collect();
    let description = match summary(&product.description, 160) {
        d if d.is_empty() => format!("{} at {shop_name}.", product.name),
        d => d,
    };
    let in_stock = product.active && product.stock > 0;
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "url": canonical,
        "offers": {
            "@type": "Offer",
            "url": canonical,
            "price": product.price_cents.to_string(),
            "priceCurrency": currency,
            "availability": if in_stock {
                "https://schema.org/InStock"
            } else {
                "https://schema.org/OutOfStock"
            },
        },
    });
    if let Some(sku) = &product.sku {
        ld["sku"] = json!(sku);
    }
    if !images.is_empty() {
        ld["image"] = json!(images);
    }
    if let Some(category) = &product.category {
        ld["category"] = json!(category.name);
    }
    if let (Some(average), count @ 1..) = (product.rating.average, product.rating.count) {
        ld["aggregateRating"] = json!({
            "@type": "AggregateRating",
            "ratingValue": average,
            "reviewCount": count,
            "bestRating": 5,
            "worstRating": 1,
        });
    }
    Seo {
        description,
        canonical,
        og_title: product.name.clone(),
        og_type: "product",
        og_image: images.into_iter().next(),
        json_ld: Some(script_json(&ld)),
    }
}

/// The home page's head: the shop and what it sells, in the visitor's
/// language.
pub fn home_seo(public_url: &str, shop_name: &str, total: i64, sections: &[&str], lang: Lang) -> Seo {
    let description = i18n::t_with(
        lang,
        "seo-home-description",
        &[
            ("shop", shop_name.into()),
            ("count", total.into()),
            ("sections", sections.join(", ").into()),
        ],
    );
    Seo {
        description: summary(&description, 160),
        canonical: format!("{public_url}/"),
        og_title: shop_name.to_string(),
        og_type: "website",
        og_image: None,
        json_ld: None,
    }
}

/// A category listing's head.
pub fn category_seo(
    public_url: &str,
    shop_name: &str,
    id: CategoryId,
    name: &str,
    total: i64,
    lang: Lang,
) -> Seo {
    Seo {
        description: i18n::t_with(
            lang,
            "seo-category-description",
            &[
                ("category", name.into()),
                ("shop", shop_name.into()),
                ("count", total.into()),
            ],
        ),
        canonical: format!("{public_url}{}", category_path(id, name)),
        og_title: name.to_string(),
        og_type: "website",
        og_image: None,
        json_ld: None,
    }
}

/// A sitemap holds at most this many URLs; past it, `/sitemap.xml` is an
/// index of `/sitemap-N.xml` parts (sitemaps.org's limit).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// A URL in the sitemap, and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    pub path: String,
    pub lastmod: Option<String>,
}

/// Every category, then every active product, by id.
pub fn sitemap_urls(conn: &Connection) -> Result<Vec<SitemapUrl>, Error> {
    let mut urls = Vec::new();
    let mut categories = conn.prepare_cached("SELECT id, name FROM categories ORDER BY id")?;
    for row in categories.query_map([], |r| Ok((CategoryId(r.get(0)?), r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        urls.push(SitemapUrl {
            path: category_path(id, &name),
            lastmod: None,
        });
    }
    let mut products =
        conn.prepare_cached("SELECT id, name, updated_at FROM products WHERE active = 1 ORDER BY id")?;
    let rows = products.query_map([], |r| {
        Ok((
            ProductId(r.get(0)?),
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, updated_at) = row?;
        urls.push(SitemapUrl {
            path: product_path(id, &name),
            lastmod: Some(updated_at),
        });
    }
    Ok(urls)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A sitemap or a sitemap index for `urls`, at most `max` URLs to a part:
/// `None` asks for `/sitemap.xml`, `Some(n)` for part n (from 1); `None`
/// as the answer when there is no such part.
pub fn sitemap(public_url: &str, urls: &[SitemapUrl], part: Option<usize>, max: usize) -> Option<String> {
    let parts = urls.len().div_ceil(max.max(1)).max(1);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let urlset = |xml: &mut String, urls: &[SitemapUrl]| {
        xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for url in urls {
            xml.push_str("<url><loc>");
            xml.push_str(&xml_escape(&format!("{public_url}{}", url.path)));
            xml.push_str("</loc>");
            if let Some(lastmod) = &url.lastmod {
                xml.push_str(&format!("<lastmod>{}</lastmod>", xml_escape(lastmod)));
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
    };
    match part {
        None if parts == 1 => urlset(&mut xml, urls),
        None => {
            xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for n in 1..=parts {
                xml.push_str(&format!(
                    "<sitemap><loc>{}/sitemap-{n}.xml</loc></sitemap>\n",
                    xml_escape(public_url)
                ));
            }
            xml.push_str("</sitemapindex>\n");
        }
        Some(n) if parts > 1 && (1..=parts).contains(&n) => {
            let start = (n - 1) * max;
            urlset(&mut xml, &urls[start..(start + max).min(urls.len())]);
        }
        Some(_) => return None,
    }
    Some(xml)
}

#[get("/sitemap.xml")]
async fn get_sitemap(db: &State<Db>, config: &State<Config>) -> Result<(ContentType, String), Error> {
    let public_url = config.public_url();
    let urls = db.run(|conn| sitemap_urls(conn)).await?;
    sitemap(&public_url, &urls, None, SITEMAP_MAX_URLS)
        .map(|xml| (ContentType::XML, xml))
        .ok_or(Error::NotFound)
}

/// `sitemap-N.xml`, a part of a sitemap index; any other name is part 0,
/// which no index has (a 404, as for any unknown page).
pub struct SitemapPart(usize);

impl<'a> FromParam<'a> for SitemapPart {
    type Error = std::convert::Infallible;
    fn from_param(param: &'a str) -> Result<Self, Self::Error> {
        Ok(SitemapPart(
            param
                .strip_prefix("sitemap-")
                .and_then(|p| p.strip_suffix(".xml"))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
        ))
    }
}

#[get("/<part>", rank = 50)]
async fn get_sitemap_part(
    part: SitemapPart,
    db: &State<Db>,
    config: &State<Config>,
) -> Result<(ContentType, String), Error> {
    let public_url = config.public_url();
    let urls = db.run(|conn| sitemap_urls(conn)).await?;
    sitemap(&public_url, &urls, Some(part.0), SITEMAP_MAX_URLS)
        .map(|xml| (ContentType::XML, xml))
        .ok_or(Error::NotFound)
}

/// What crawlers may not visit: the back office and a shopper's own pages.
pub fn robots(public_url: &str) -> String {
    let mut text = String::from("User-agent: *\n");
    for path in ["/admin", "/cart", "/checkout", "/account", "/orders"] {
        text.push_str(&format!("Disallow: {path}\n"));
    }
    text.push_str(&format!("\nSitemap: {public_url}/sitemap.xml\n"));
    text
}

#[get("/robots.txt")]
fn get_robots(config: &State<Config>) -> (ContentType, String) {
    (ContentType::Plain, robots(&config.public_url()))
}

pub fn routes() -> Vec<Route> {
    routes![get_sitemap, get_sitemap_part, get_robots]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(slug("Crème brûlée pan"), "creme-brulee-pan");
        assert_eq!(slug("Chef's Knife, 20 cm"), "chef-s-knife-20-cm");
        assert_eq!(
            product_path(ProductId(12), "Chefs knife"),
            "/products/12-chefs-knife"
        );
        assert_eq!(product_path(ProductId(12), "!!!"), "/products/12");
        assert_eq!(
            category_path(CategoryId(3), "Home & Garden"),
            "/categories/3-home-garden"
        );
    }

    #[test]
    fn path_keys_read_the_id() {
        let key = |s| PathKey::from_param(s).unwrap();
        assert_eq!(key("12-chefs-knife").id, 12);
        assert_eq!(key("12").id, 12);
        assert_eq!(key("chefs-knife").id, 0);
        assert_eq!(key("-12").id, 0);
        assert!(key("12-chefs-knife").is("/products/12-chefs-knife"));
        assert!(!key("12").is("/products/12-chefs-knife"));
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let text = script_json(&json!({"name": "</script><script>alert(1)</script> & <!--"}));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & <!--");
    }

    #[test]
    fn a_large_sitemap_becomes_an_index_of_parts() {
        let urls: Vec<SitemapUrl> = (1..=5)
            .map(|n| SitemapUrl {
                path: format!("/products/{n}"),
                lastmod: None,
            })
            .collect();
        let base = "https://shop.example";
        let whole = sitemap(base, &urls, None, 5).unwrap();
        assert!(whole.contains("<urlset") && whole.matches("<url>").count() == 5);
        assert_eq!(sitemap(base, &urls, Some(1), 5), None);

        let index = sitemap(base, &urls, None, 2).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://shop.example/sitemap-3.xml</loc>"));
        assert!(!index.contains("sitemap-4.xml"));
        let parts: Vec<String> = (1..=3)
            .map(|n| sitemap(base, &urls, Some(n), 2).unwrap())
            .collect();
        assert_eq!(
            parts
                .iter()
                .map(|p| p.matches("<url>").count())
                .collect::<Vec<_>>(),
            [2, 2, 1]
        );
        assert!(parts[2].contains("<loc>https://shop.example/products/5</loc>"));
        assert_eq!(sitemap(base, &urls, Some(4), 2), None);
        assert_eq!(sitemap(base, &urls, Some(0), 2), None);
    }

    #[test]
    fn summaries_cut_at_a_word() {
        assert_eq!(summary("  a   b\nc ", 160), "a b c");
        assert_eq!(summary("aaaa bbbb cccc", 10), "aaaa bbbb…");
    }
}
