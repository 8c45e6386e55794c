//! The message catalogs: every language has every key, every key a
//! template or the code asks for exists, and a Spanish shop speaks Spanish.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rocket::http::{Method, Status};
use tienda::role::Role;

use crate::helpers::TestApp;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
}

/// The message ids of every .ftl file of `lang`.
fn catalog(lang: &str) -> BTreeSet<String> {
    let mut ftl = Vec::new();
    files(&root().join("locales").join(lang), ".ftl", &mut ftl);
    let mut keys = BTreeSet::new();
    for file in ftl {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            let id = id.trim_end();
            if id.starts_with(|c: char| c.is_ascii_lowercase())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                keys.insert(id.to_string());
            }
        }
    }
    keys
}

#[test]
fn every_language_has_the_same_keys() {
    let (en, es) = (catalog("en"), catalog("es"));
    assert!(en.len() > 100, "{} keys", en.len());
    let only_en: Vec<_> = en.difference(&es).collect();
    let only_es: Vec<_> = es.difference(&en).collect();
    assert!(only_en.is_empty(), "only in English: {only_en:?}");
    assert!(only_es.is_empty(), "only in Spanish: {only_es:?}");
}

/// The literal keys in `text`: `t(key="…"` in templates, `t(lang, "…"` and
/// `t_with(lang, "…"` in Rust.
fn keys_used(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for marker in ["t(key=\"", "t(lang, \"", "t_with(lang, \"", "t(layout.lang, \""] {
        for (at, _) in text.match_indices(marker) {
            let before = text[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + marker.len()..];
            let key: String = rest.chars().take_while(|&c| c != '"').collect();
            // `t(key="status-" ~ s)`: a family of keys, checked by the pages.
            if !key.ends_with('-') && !key.is_empty() {
                keys.push(key);
            }
        }
    }
    keys
}

#[test]
fn every_key_the_templates_and_the_code_use_is_in_the_catalogs() {
    let en = catalog("en");
    let mut sources = Vec::new();
    files(&root().join("templates"), ".tera", &mut sources);
    files(&root().join("src"), ".rs", &mut sources);
    let mut missing = Vec::new();
    let mut used = 0;
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        for key in keys_used(&text) {
            used += 1;
            if !en.contains(&key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(used > 100, "found only {used} keys in use");
    assert!(missing.is_empty(), "keys no catalog has: {missing:#?}");
}

#[test]
fn a_spanish_shop_speaks_spanish_with_local_prices() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    admin.set_shop_language("es");
    app.product("Cafetera").price_cents(1290).stock(3).create(&admin);
    let shopper = app.agent();
    let home = shopper.get("/").body;
    assert!(home.contains("<html lang=\"es\">"), "{home}");
    assert!(home.contains("Todos los productos"));
    assert!(home.contains("12,90\u{a0}€"), "{home}");
    assert!(home.contains("Solo quedan 3"));
    for english in [">Cart<", "Add to cart", "Search", "Sign in", "Price"] {
        assert!(!home.contains(english), "{english} on the Spanish home page");
    }

    // The chooser switches one visitor to English; others stay in Spanish.
    let english = shopper.get("/language/en");
    assert!(english.status.code < 400, "{}", english.status);
    assert!(shopper.get("/").body.contains("All products"));
    assert!(app.agent().get("/").body.contains("Todos los productos"));
}

#[test]
fn api_error_messages_follow_accept_language_and_keep_their_codes() {
    let app = TestApp::new();
    let agent = app.agent();
    let res = agent.request_with(
        Method::Get,
        "/api/v1/me",
        &[("Accept-Language", "es-ES,es;q=0.9")],
        None,
        None,
    );
    res.assert_status(Status::Unauthorized);
    let body = res.json();
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_eq!(body["error"]["message"], "hay que iniciar sesión");
}

#[test]
fn search_understands_spanish_plurals_and_accents() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    for name in ["Cafetera italiana", "Té verde", "Lápiz de carpintero"] {
        app.product(name).stock(5).create(&admin);
    }
    let shopper = app.agent();
    for (typed, found) in [
        ("cafeteras", "Cafetera italiana"),
        ("te", "Té verde"),
        ("lapices", "Lápiz de carpintero"),
    ] {
        let page = shopper.get(&format!("/?q={typed}")).body;
        assert!(page.contains(found), "{typed} should find {found}");
    }
}
