//! Templates and static files, compiled into the binary.

use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use rocket::http::{ContentType, Header};
use rocket::{Responder, Route, get, routes};
use rocket_dyn_templates::Template;
use rust_embed::RustEmbed;

use crate::error::Error;
use crate::i18n::{FluentValue, Lang};

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Templates;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

/// Where an owner's replacements go: a file named like a built-in template
/// (`account/login.html.tera`) replaces it.
pub fn overrides_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("templates")
}

/// Rocket's template engine insists on a template directory that exists,
/// and parses every template in it on its own, where the built-in ones are
/// missing: a replacement that extends `base.html` or imports macros, as
/// most do, would stop the start. So Rocket gets an empty directory of its
/// own, and `templates` reads the replacements beside the built-in ones.
pub fn with_template_dir(figment: Figment, data_dir: &Path) -> Result<Figment, Error> {
    let overrides = overrides_dir(data_dir);
    let rocket_dir = overrides.join(".empty");
    std::fs::create_dir_all(&rocket_dir)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", rocket_dir.display())))?;
    Ok(figment.merge(("template_dir", rocket_dir)))
}

/// The template fairing. It loads the built-in templates (or their
/// replacements in `overrides`) into `engine`, through which pages render
/// (see `web::view`). Their names keep `.html` so that Tera escapes
/// everything they print.
///
/// The built-in templates, which the tests parse, are parsed on a thread
/// of their own while the shop starts. An owner's replacement is parsed
/// before the shop starts, so that a mistake in it stops the start with
/// Tera's message rather than breaking pages later.
pub fn templates(overrides: PathBuf, engine: crate::web::view::Engine) -> impl rocket::fairing::Fairing {
    Template::try_custom(move |_| {
        let (sources, replaced) = template_sources(&overrides)?;
        if replaced {
            engine.load(Ok(parse_templates(sources)?));
        } else {
            let engine = engine.clone();
            std::thread::spawn(move || {
                engine.load(parse_templates(sources).map_err(|e| crate::web::view::error_chain(&e)))
            });
        }
        Ok(())
    })
}

/// A template's name (`shop/catalog.html`) and text.
type Source = (String, String);

/// Each template's name and text, and whether the owner replaced any.
fn template_sources(overrides: &Path) -> Result<(Vec<Source>, bool), Box<dyn std::error::Error>> {
    let mut sources = Vec::new();
    let mut replaced = false;
    for file in Templates::iter() {
        let Some(name) = file.strip_suffix(".tera") else {
            continue;
        };
        let text = match std::fs::read_to_string(overrides.join(&*file)) {
            Ok(text) => {
                replaced = true;
                text
            }
            Err(_) => {
                let bytes = Templates::get(&file).expect("listed template exists").data;
                String::from_utf8(bytes.into_owned())?
            }
        };
        sources.push((name.to_string(), text));
    }
    Ok((sources, replaced))
}

/// The templates, parsed on as many threads as there are cores (Tera's
/// parser is most of the work), with the shop's filters and functions.
fn parse_templates(sources: Vec<Source>) -> tera::Result<tera::Tera> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = sources.len().div_ceil(threads).max(1);
    let parsed: Vec<tera::Result<Vec<(String, tera::Template)>>> = std::thread::scope(|scope| {
        let parts: Vec<_> = sources
            .chunks(share)
            .map(|part| scope.spawn(move || part.iter().map(parse_one).collect()))
            .collect();
        parts
            .into_iter()
            .map(|part| {
                part.join()
                    .unwrap_or_else(|_| Err(tera::Error::msg("a template parser panicked")))
            })
            .collect()
    });
    let mut tera = tera::Tera::default();
    for part in parsed {
        tera.templates.extend(part?);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()?;
    tera.register_filter("price", price_filter);
    tera.register_function("t", translate);
    tera.register_filter("product_path", product_path_filter);
    tera.register_filter("category_path", category_path_filter);
    Ok(tera)
}

fn parse_one((name, text): &Source) -> tera::Result<(String, tera::Template)> {
    tera::Template::new(name, None, text)
        .map(|template| (name.clone(), template))
        .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
}

/// `{{ id | product_path(name=name) }}` → `/products/12-chefs-knife`.
fn product_path_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let (id, name) = id_and_name("product_path", value, args)?;
    Ok(tera::Value::String(crate::web::seo::product_path(
        crate::ids::ProductId(id),
        name,
    )))
}

/// `{{ id | category_path(name=name) }}` → `/categories/3-kitchen`.
fn category_path_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let (id, name) = id_and_name("category_path", value, args)?;
    Ok(tera::Value::String(crate::web::seo::category_path(
        crate::ids::CategoryId(id),
        name,
    )))
}

fn id_and_name<'a>(
    filter: &str,
    value: &tera::Value,
    args: &'a std::collections::HashMap<String, tera::Value>,
) -> tera::Result<(i64, &'a str)> {
    let id = value
        .as_i64()
        .ok_or_else(|| tera::Error::msg(format!("{filter}: not an id")))?;
    let name = args.get("name").and_then(|n| n.as_str()).unwrap_or("");
    Ok((id, name))
}

/// `{{ cents | price(currency="EUR", lang=layout.lang) }}` → `€12.34`,
/// `12,34 €`.
fn price_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let cents = value
        .as_i64()
        .ok_or_else(|| tera::Error::msg("price: not a whole number of cents"))?;
    let currency = args.get("currency").and_then(|c| c.as_str()).unwrap_or("EUR");
    Ok(tera::Value::String(crate::i18n::format_price(
        crate::money::Cents(cents),
        currency,
        lang_arg(args),
    )))
}

/// The `lang` argument of a function or filter; English without one, so
/// that a template not yet translated still renders.
fn lang_arg(args: &std::collections::HashMap<String, tera::Value>) -> Lang {
    args.get("lang")
        .and_then(|l| l.as_str())
        .and_then(Lang::from_code)
        .unwrap_or_default()
}

/// `{{ t(key="cart-items", lang=layout.lang, count=n) }}`: the message in
/// the page's language; every other argument is a Fluent variable, numbers
/// as numbers so that they choose plural forms.
fn translate(args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let key = args
        .get("key")
        .and_then(|k| k.as_str())
        .ok_or_else(|| tera::Error::msg("t: needs a key"))?;
    let vars: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "key" | "lang"))
        .map(|(name, value)| {
            let value = match value {
                tera::Value::Number(n) => match n.as_i64() {
                    // Fluent's numbers are floats: a larger whole number
                    // would print rounded.
                    Some(i) if i.unsigned_abs() > 1 << 53 => FluentValue::from(i.to_string()),
                    Some(i) => FluentValue::from(i),
                    None => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                },
                tera::Value::String(s) => FluentValue::from(s.as_str()),
                tera::Value::Null => FluentValue::from(""),
                other => FluentValue::from(other.to_string()),
            };
            (name.as_str(), value)
        })
        .collect();
    Ok(tera::Value::String(crate::i18n::t_with(
        lang_arg(args),
        key,
        &vars,
    )))
}

#[derive(Responder)]
struct Asset {
    body: Vec<u8>,
    content_type: ContentType,
    cache_control: Header<'static>,
    etag: Header<'static>,
}

#[get("/static/<path..>")]
fn get_static(path: PathBuf) -> Option<Asset> {
    let file = Static::get(path.to_str()?)?;
    let content_type = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(ContentType::from_extension)
        .unwrap_or(ContentType::Binary);
    let etag: String = file.metadata.sha256_hash()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(Asset {
        body: file.data.into_owned(),
        content_type,
        cache_control: Header::new("Cache-Control", "public, max-age=3600"),
        etag: Header::new("ETag", format!("\"{etag}\"")),
    })
}

/// Browsers ask every site for `/favicon.ico`; the shop's icon answers
/// instead of a 404 (and a log line) per visit.
#[get("/favicon.ico")]
fn get_favicon() -> Option<Asset> {
    get_static(PathBuf::from("favicon.ico"))
}

pub fn routes() -> Vec<Route> {
    routes![get_static, get_favicon]
}
