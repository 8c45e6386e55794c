//! The shop's languages: Fluent message catalogs (`locales/<lang>/*.ftl`,
//! compiled into the binary), how a request's language is chosen, and money
//! and dates written the local way.

use std::collections::HashMap;

use fluent_templates::{LanguageIdentifier, langid};
use serde::{Deserialize, Serialize};

pub use fluent_templates::fluent_bundle::FluentValue;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around each `{ $var }` would end up in
        // HTML attributes, e-mails and PDFs-to-be; our texts are all
        // left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the shop speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

static EN: LanguageIdentifier = langid!("en");
static ES: LanguageIdentifier = langid!("es");

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// `en`, `es`: the code in settings, URLs and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The message `key` in `lang`. A key the catalog lacks comes back as
/// itself (and is logged), so a page with a slip still renders.
pub fn t(lang: Lang, key: &str) -> String {
    t_with(lang, key, &[])
}

/// The message `key` in `lang` with its variables (`{ $count }`); numbers
/// passed as numbers choose the plural form.
pub fn t_with(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let args: Option<HashMap<&str, FluentValue<'_>>> = if args.is_empty() {
        None
    } else {
        Some(args.iter().map(|(k, v)| (*k, v.clone())).collect())
    };
    match LOCALES.lookup_single_language(lang.id(), key, args.as_ref()) {
        Ok(text) => text,
        Err(e) => {
            rocket::error!("message {key} ({lang}): {e}");
            key.to_string()
        }
    }
}

/// Whether some catalog of `lang` has `key` (for tests and checks).
pub fn has_key(lang: Lang, key: &str) -> bool {
    LOCALES
        .lookup_single_language::<&str>(lang.id(), key, None)
        .is_ok()
}

/// The shop's `language` setting: one language, or `auto`, the visitor's
/// `Accept-Language` choosing among those the shop speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShopLanguage {
    Fixed(Lang),
    Auto,
}

impl ShopLanguage {
    /// The setting's text; anything else reads as English.
    pub fn parse(setting: &str) -> ShopLanguage {
        match setting {
            "auto" => ShopLanguage::Auto,
            other => ShopLanguage::Fixed(Lang::from_code(other).unwrap_or_default()),
        }
    }

    /// The language for a visitor whose browser sent `accept_language`.
    pub fn for_visitor(self, accept_language: Option<&str>) -> Lang {
        match self {
            ShopLanguage::Fixed(lang) => lang,
            ShopLanguage::Auto => accept_language.and_then(negotiate).unwrap_or_default(),
        }
    }

    /// The language when no visitor is asking (mails sent by the back
    /// office, the command line): `auto` falls back to English.
    pub fn default_lang(self) -> Lang {
        match self {
            ShopLanguage::Fixed(lang) => lang,
            ShopLanguage::Auto => Lang::En,
        }
    }

    /// The language of what the command line tells the shop's owner:
    /// for `auto`, the environment's locale.
    pub fn for_owner(self) -> Lang {
        match self {
            ShopLanguage::Fixed(lang) => lang,
            ShopLanguage::Auto => environment_lang(),
        }
    }
}

/// Spanish when the environment's locale (`LC_ALL`, else `LANG`) is.
pub fn environment_lang() -> Lang {
    let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    match var("LC_ALL").or_else(|| var("LANG")) {
        Some(locale) if locale.starts_with("es") => Lang::Es,
        _ => Lang::En,
    }
}

/// The language of a page: on the storefront the visitor's choice with the
/// chooser (`chosen`), else the signed-in user's own (`own`); in the back
/// office the other way round; else the shop's setting.
pub fn page_lang(
    back_office: bool,
    chosen: Option<Lang>,
    own: Option<Lang>,
    shop: ShopLanguage,
    accept_language: Option<&str>,
) -> Lang {
    let picked = if back_office {
        own.or(chosen)
    } else {
        chosen.or(own)
    };
    picked.unwrap_or_else(|| shop.for_visitor(accept_language))
}

/// The language of an `Accept-Language` header (`es-ES,es;q=0.9,en;q=0.8`)
/// that the shop speaks and the visitor prefers most, if any.
pub fn negotiate(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let Some(lang) = Lang::from_code(primary) else {
            continue;
        };
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// The amount with the currency, the local way, grouped as CLDR says:
/// `€12.90`, `€1,234.50` / `12,90 €`, `1234,50 €`, `15.612,60 €` (Spanish
/// groups only numbers of five digits or more).
pub fn format_price(amount: crate::money::Cents, currency: &str, lang: Lang) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let (whole, cents) = (abs / 100, abs % 100);
    match lang {
        Lang::En => {
            let number = format!("{sign}{}.{cents:02}", grouped(whole, ',', 4));
            match currency {
                "EUR" => format!("€{number}"),
                "USD" => format!("${number}"),
                "GBP" => format!("£{number}"),
                other => format!("{number} {other}"),
            }
        }
        Lang::Es => {
            let symbol = match currency {
                "EUR" => "€",
                "USD" => "US$",
                "GBP" => "£",
                other => other,
            };
            format!("{sign}{},{cents:02}\u{a0}{symbol}", grouped(whole, '.', 5))
        }
    }
}

/// The digits of `whole` with `separator` between groups of three, when
/// it has at least `from` digits (CLDR's minimum grouping digits).
fn grouped(whole: u64, separator: char, from: usize) -> String {
    let digits = whole.to_string();
    if digits.len() < from {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// strftime patterns for a moment (`30 Nov 2026 15:35 CET` /
/// `30/11/2026 15:35 CET`) and a day (`30 Nov 2026` / `30/11/2026`).
pub fn datetime_format(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "%-d %b %Y %H:%M %Z",
        Lang::Es => "%d/%m/%Y %H:%M %Z",
    }
}

pub fn date_format(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "%-d %b %Y",
        Lang::Es => "%d/%m/%Y",
    }
}

/// A message the code writes in English (an error's, a field's, a flash
/// message), in `lang`. Its key is `msg-` and its words, with each number
/// and each quoted name (“Mug”) taken out as the variables `$x1`, `$x2`…
/// and written `x` in the key: "there are only 3 of “Mug” in stock" is
/// `msg-there-are-only-x-of-x-in-stock`. A message made of pieces joined
/// by "; " (a CSV line's problems, a refused step and its reason) may have
/// a key per piece instead. A message the catalog lacks stays in English.
pub fn message(lang: Lang, english: &str) -> String {
    if lang == Lang::En || english.is_empty() {
        return english.to_string();
    }
    if let Some(text) = whole_message(lang, english) {
        return text;
    }
    match pieces(lang, english) {
        Some(text) => text,
        None => {
            rocket::debug!("no {lang} message {}", message_key(english).0);
            english.to_string()
        }
    }
}

/// The catalog's text of one whole message, if it has one.
fn whole_message(lang: Lang, english: &str) -> Option<String> {
    let (key, vars) = message_key(english);
    let args: Vec<(String, FluentValue<'_>)> = vars
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("x{}", i + 1), variable(lang, v)))
        .collect();
    let args: HashMap<&str, FluentValue<'_>> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let text = LOCALES
        .lookup_single_language(lang.id(), &key, Some(&args))
        .ok()?;
    // One key serves an error's message ("your cart is empty") and the
    // sentence made of it for a flash ("Your cart is empty.").
    let mut text = match english.chars().next() {
        Some(c) if c.is_uppercase() => sentence(&text),
        Some(c) if c.is_lowercase() => lower_first(&text),
        _ => text,
    };
    if !english.ends_with('.') && text.ends_with('.') && !text.ends_with("..") {
        text.pop();
    }
    Some(text)
}

/// A message of pieces ("order T-000001 is shipped; it cannot be
/// cancelled", "price: must be >= 0; stock: is required"), each piece
/// translated on its own, a `column: ` in front of one kept as it is;
/// `None` unless every piece has a text.
fn pieces(lang: Lang, english: &str) -> Option<String> {
    let (body, stop) = match english.strip_suffix('.') {
        Some(body) => (body, "."),
        None => (english, ""),
    };
    let piece = |part: &str| {
        whole_message(lang, part).or_else(|| {
            let (column, rest) = part.split_once(": ")?;
            let is_name = !column.is_empty() && column.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            is_name
                .then(|| whole_message(lang, rest))
                .flatten()
                .map(|text| format!("{column}: {text}"))
        })
    };
    let parts: Option<Vec<String>> = body.split("; ").map(piece).collect();
    Some(format!("{}{stop}", parts?.join("; ")))
}

/// A message's variable: a whole number as a number, so that the
/// catalog can choose its plural ("1 producto", "3 productos"); an amount
/// ("12.50") with the language's decimal mark; anything else (an order
/// number, "007") as written.
fn variable(lang: Lang, text: &str) -> FluentValue<'static> {
    if let Ok(n) = text.parse::<i64>()
        && n.to_string() == text
    {
        return FluentValue::from(n);
    }
    let amount = text
        .strip_prefix('-')
        .unwrap_or(text)
        .split_once('.')
        .is_some_and(|(units, cents)| {
            !units.is_empty()
                && units.bytes().all(|b| b.is_ascii_digit())
                && cents.len() == 2
                && cents.bytes().all(|b| b.is_ascii_digit())
        });
    match lang {
        Lang::Es if amount => FluentValue::from(text.replace('.', ",")),
        _ => FluentValue::from(text.to_string()),
    }
}

/// `text` starting in lower case, as the error it stands for does ("el
/// pedido…"), unless its first word is an acronym.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// An error's message (`there are only 4 in stock`) as a sentence for a
/// flash: a capital and a full stop.
pub fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The catalog key of an English message and its variables, in order.
pub fn message_key(english: &str) -> (String, Vec<String>) {
    let mut key = String::from("msg");
    let mut vars = Vec::new();
    let mut word = String::new();
    let mut chars = english.chars().peekable();
    let flush = |word: &mut String, key: &mut String, vars: &mut Vec<String>| {
        if word.is_empty() {
            return;
        }
        if word.chars().any(|c| c.is_ascii_digit()) {
            vars.push(std::mem::take(word));
            key.push_str("-x");
        } else {
            key.push('-');
            key.push_str(&word.to_lowercase());
            word.clear();
        }
    };
    while let Some(c) = chars.next() {
        match c {
            // serde names a field in backquotes: "missing field `name`".
            '“' | '"' | '`' => {
                flush(&mut word, &mut key, &mut vars);
                let close = if c == '“' { '”' } else { c };
                let quoted: String = chars.by_ref().take_while(|&q| q != close).collect();
                vars.push(quoted);
                key.push_str("-x");
            }
            c if c.is_alphanumeric() => word.push(c),
            // A number keeps its decimal marks and currency ("€12.90",
            // "1,000,000.00"), a date or a time its separators
            // ("2026-11-30", "09:00"), an order number its letter
            // ("T-000123"); a full stop or a comma after it is not its own.
            '.' | ',' | '-' | ':' | '/'
                if chars.peek().is_some_and(|n| n.is_ascii_digit()) && joins(&word, c) =>
            {
                word.push(c)
            }
            '€' | '$' | '£'
                if word.chars().any(|w| w.is_ascii_digit())
                    || chars.peek().is_some_and(|n| n.is_ascii_digit()) =>
            {
                word.push(c)
            }
            // "must be >= 0" and "must be <= 1000000" are different rules.
            '<' | '>' => {
                flush(&mut word, &mut key, &mut vars);
                key.push_str(if c == '<' { "-lt" } else { "-gt" });
            }
            _ => flush(&mut word, &mut key, &mut vars),
        }
    }
    flush(&mut word, &mut key, &mut vars);
    let key: String = deunicode::deunicode(&key)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (key, vars)
}

/// Whether `mark`, followed by a digit, belongs to the number `word`
/// is: a decimal mark belongs to any number (".5" too), a date's or
/// time's separator to one already begun, a dash to an order number's
/// capital letters ("T-").
fn joins(word: &str, mark: char) -> bool {
    let digits = word.chars().any(|c| c.is_ascii_digit());
    match mark {
        '.' | ',' => digits || word.is_empty(),
        '-' => digits || (!word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase())),
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_become_sentences() {
        assert_eq!(sentence("your cart is empty"), "Your cart is empty.");
        assert_eq!(sentence(" état: done. "), "État: done.");
        assert_eq!(sentence(""), "");
    }
    use crate::money::Cents;

    #[test]
    fn prices_are_written_the_local_way() {
        assert_eq!(format_price(Cents(1290), "EUR", Lang::En), "€12.90");
        assert_eq!(format_price(Cents(1290), "EUR", Lang::Es), "12,90\u{a0}€");
        assert_eq!(format_price(Cents(-50), "CHF", Lang::Es), "-0,50\u{a0}CHF");
        assert_eq!(format_price(Cents(123_450), "EUR", Lang::Es), "1234,50\u{a0}€");
        assert_eq!(
            format_price(Cents(1_561_260), "EUR", Lang::Es),
            "15.612,60\u{a0}€"
        );
        assert_eq!(
            format_price(Cents(-123_456_789), "EUR", Lang::Es),
            "-1.234.567,89\u{a0}€"
        );
        assert_eq!(format_price(Cents(123_450), "EUR", Lang::En), "€1,234.50");
        assert_eq!(format_price(Cents(-2000), "EUR", Lang::En), "€-20.00");
        assert_eq!(format_price(Cents(100_000_000), "USD", Lang::En), "$1,000,000.00");
    }

    #[test]
    fn accept_language_picks_the_preferred_language_the_shop_speaks() {
        assert_eq!(negotiate("es-ES,es;q=0.9,en;q=0.8"), Some(Lang::Es));
        assert_eq!(negotiate("fr-FR,en;q=0.5,es;q=0.7"), Some(Lang::Es));
        assert_eq!(negotiate("de"), None);
        assert_eq!(negotiate("en-GB"), Some(Lang::En));
    }

    #[test]
    fn plurals_come_from_the_catalog_and_missing_keys_are_themselves() {
        let n = |n: i64| [("count", FluentValue::from(n))];
        assert_eq!(t_with(Lang::Es, "cart-items", &n(1)), "1 artículo");
        assert_eq!(t_with(Lang::Es, "cart-items", &n(3)), "3 artículos");
        assert_eq!(t_with(Lang::En, "cart-items", &n(1)), "1 item");
        assert_eq!(t(Lang::Es, "no-such-key"), "no-such-key");
    }

    #[test]
    fn english_messages_have_keys_with_their_numbers_and_names_as_variables() {
        let (key, vars) = message_key("there are only 3 of “Mug” in stock");
        assert_eq!(key, "msg-there-are-only-x-of-x-in-stock");
        assert_eq!(vars, ["3", "Mug"]);
        let (key, vars) = message_key("must be from 1 to 720 (30 days)");
        assert_eq!(key, "msg-must-be-from-x-to-x-x-days");
        assert_eq!(vars, ["1", "720", "30"]);
        assert_eq!(message_key("Your cart is updated.").0, "msg-your-cart-is-updated");
        assert_eq!(message(Lang::En, "is required"), "is required");
        assert_eq!(message(Lang::Es, "is required"), "es obligatorio");
        assert_eq!(message(Lang::Es, "an unknown message"), "an unknown message");
    }

    #[test]
    fn order_numbers_dates_and_comparisons_stay_whole_in_keys() {
        let (key, vars) = message_key("Order T-000123 is cancelled.");
        assert_eq!(key, "msg-order-x-is-cancelled");
        assert_eq!(vars, ["T-000123"]);
        let (key, vars) = message_key("this coupon expired on 2026-11-21 00:00 UTC");
        assert_eq!(key, "msg-this-coupon-expired-on-x-x-utc");
        assert_eq!(vars, ["2026-11-21", "00:00"]);
        assert_eq!(message_key("must be >= 0").0, "msg-must-be-gt-x");
        assert_eq!(message_key("must be <= 1000000").0, "msg-must-be-lt-x");
        assert_eq!(message_key("Quantity: 3.").1, ["3"]);
        assert_eq!(message_key("you already have 2, and").1, ["2"]);
        assert_eq!(message_key("missing field `price_cents`").1, ["price_cents"]);
    }

    #[test]
    fn messages_of_pieces_are_translated_piece_by_piece() {
        assert_eq!(
            message(Lang::Es, "Order T-000001 is shipped; it cannot be cancelled."),
            "El pedido T-000001 está enviado; no se puede cancelar."
        );
        assert_eq!(
            message(Lang::Es, "this coupon needs a subtotal of at least 20.00"),
            "este cupón necesita un subtotal de al menos 20,00"
        );
        assert_eq!(
            message(Lang::Es, "price: must be >= 0; stock: is required"),
            "price: debe ser 0 o más; stock: es obligatorio"
        );
        // One piece without a text leaves the whole message in English.
        let mixed = "order T-000001 is paid; an unknown reason";
        assert_eq!(message(Lang::Es, mixed), mixed);
    }

    #[test]
    fn the_messages_users_see_have_spanish_texts() {
        let messages = [
            "expected Content-Type: application/json",
            "expected Content-Type: text/csv",
            "expected a form",
            "unsupported content type",
            "the body does not have the expected fields and types",
            "must be an image file sent as multipart/form-data",
            "may contain only letters a-z, digits, '.', '_' and '-'",
            "does not match the new password",
            "must be one of customer, staff, admin",
            "you cannot deactivate your own account; another admin can",
            "“ada” is the last active admin and cannot be demoted; make another user an admin first",
            "“ada” is the last active admin and cannot be deactivated; make another user an admin first",
            "must be a user's id",
            "must be at most 5: you already have 2, and a line holds at most 999",
            "“Mug” was reduced to 3, the stock available",
            "Your cart was merged",
            "there are only 2 of “Mug” in stock, and your cart has 5",
            "“Mug” is no longer available",
            "“Mug” sold out while the order was placed",
            "send an Idempotency-Key header of 1 to 100 characters",
            "you already have 3 orders awaiting payment for “ana@example.org”, as many as this shop holds at once; pay or cancel one of them first",
            "you already have 1 order awaiting payment for “ana@example.org”, as many as this shop holds at once; pay or cancel one of them first",
            "3 unpaid orders without an account were already placed from your network, as many as this shop holds at once; pay or cancel one of them first, or sign in",
            "1 unpaid order without an account were already placed from your network, as many as this shop holds at once; pay or cancel one of them first, or sign in",
            "unknown shipping method \"drone\"; choose standard or pickup",
            "order T-000001 is pending payment",
            "order T-000001 is paid",
            "it cannot be marked paid",
            "it cannot be shipped",
            "it cannot be ready for pickup",
            "it cannot be delivered",
            "it cannot be refunded",
            "it cannot be cancelled",
            "only the shop can mark paid it now, please contact us",
            "only the shop can ship it now, please contact us",
            "only the shop can make ready for pickup it now, please contact us",
            "only the shop can deliver it now, please contact us",
            "only the shop can refund it now, please contact us",
            "only the shop can cancel it now, please contact us",
            "must be one of pending_payment, paid, shipped, ready_for_pickup, delivered, cancelled, refunded",
            "only the customer who placed order T-000001 can rate it",
            "you have rated order T-000001 already",
            "it can be rated once it is delivered",
            "only delivered orders can be rated",
            "The review by “carla” is hidden: the shop no longer shows it or counts it in the rating.",
            "The review by “carla” is shown again.",
            "must be one of all, hidden, visible",
            "must be >= 0",
            "must be <= 100000000 (1,000,000.00)",
            "must be <= 1000000",
            "must be a whole number of cents >= 0",
            "changes only through POST /api/v1/products/{id}/stock",
            "is not a category",
            "is not a supplier",
            "is already used by another product",
            "must not be 0",
            "must be one of restock, adjustment, return, damaged",
            "the stock would go above 1000000: there are 5 in stock",
            "must be name or stock",
            "must be 0 or more",
            "the image is larger than 5 MB",
            "must be at most 5 MB",
            "must be a PNG, JPEG, WebP or GIF image",
            "the image is 5000 × 4000 pixels; images may be at most 4096 pixels on a side and 24 megapixels",
            "must be at most 4096 pixels on a side and 24 megapixels",
            "must not contain '>'",
            "cannot be the category itself or one of its subcategories",
            "is already used by another category here",
            "the category still has 3 products and 2 subcategories; move them first",
            "is already used by another supplier",
            "must be a time like 2026-12-01T00:00:00Z",
            "must be at most 100000000 (1,000,000.00)",
            "must be from 0 to 100000000",
            "must be after the start",
            "must be at least 1",
            "is already used by another coupon",
            "must be percent or fixed",
            "a percent coupon takes a value from 1 to 100",
            "a fixed coupon takes an amount above 0",
            "must be a day like 2026-12-01",
            "must be a three-letter code such as EUR",
            "must be from 1 to 720 (30 days)",
            "must be a time zone name such as Europe/Madrid or UTC",
            "must be an e-mail address, or empty",
            "must be from 0 (never) to 720 (30 days)",
            "must not be before from",
            "must be a date like 2026-11-30",
            "must be a date such as 2026-03-29",
            "must be day, week or month",
            "a report covers at most 366 days",
            "must be json or csv",
            "takes a decimal comma (12,50); a dot may only group thousands (1.234,50)",
            "takes a decimal comma (12,50)",
            "a dot may only group thousands (1.234,50)",
            "\"maybe\" is not true or false",
            "a name must be at most 100 characters long",
            "is not UTF-8 text: save the file as \"CSV UTF-8\"",
            "the header lacks “price, stock”; the columns are “sku,name,description,price,stock,category,supplier,active” (separated by commas or semicolons)",
            "has 3 columns, the header has 5",
            "has 9 columns, the header has 8 (a value with a comma needs quotes: \"12,50\")",
            "“a-1” is also on line 2",
            "Order T-000001 is shipped; it cannot be cancelled.",
            "order T-000001 is pending payment; only the shop can ship it now, please contact us",
            "order T-000001 is paid; it can be rated once it is delivered",
            "Your cart was merged; “Mug” was reduced to 3, the stock available; “Cup” is out of stock.",
            "“Mug” is out of stock; there are only 2 of “Cup” in stock, and your cart has 5",
            "price: must be >= 0; stock: is required",
            "price: takes a decimal comma (12,50); a dot may only group thousands (1.234,50)",
            "this coupon expired on 2026-11-21 00:00 UTC",
            "this coupon is valid from 2026-11-23 09:00 UTC",
            "Order T-000001 is marked paid.",
            "Thank you for rating order T-000002.",
            "must be a whole number >= 1",
            "missing field `name`",
        ];
        let english: Vec<&str> = messages
            .iter()
            .filter(|m| {
                let es = message(Lang::Es, m);
                es == **m || es.contains("{ $") || es.contains(" must ")
            })
            .copied()
            .collect();
        assert!(english.is_empty(), "no Spanish for {english:#?}");
    }
}
