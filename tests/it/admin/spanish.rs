//! The back office in Spanish: a shop whose language is `es` shows staff
//! its dashboard, order list and order page in Spanish, with money and
//! dates written the Spanish way and no English words of the interface left.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::{Page, TestApp};
use tienda::auth::Role;

/// Words of the English interface; none may be left on a Spanish page.
/// ("Total", "Subtotal" and "stock" are Spanish too.)
const ENGLISH: &[&str] = &[
    "Dashboard",
    "Orders",
    "Order",
    "Reports",
    "Products",
    "Categories",
    "Suppliers",
    "Coupons",
    "Users",
    "Reviews",
    "Settings",
    "Backups",
    "Search",
    "Filter",
    "Status",
    "Customer",
    "Placed",
    "Payment",
    "Revenue",
    "Paid",
    "paid",
    "awaiting",
    "guest",
    "Items",
    "Next",
    "steps",
    "Mark",
    "Cancel",
    "Refund",
    "Ship",
    "Invoice",
    "Delivery",
    "Newest",
    "Low",
    "left",
    "Today",
    "yesterday",
    "Last",
    "days",
    "before",
    "orders",
    "products",
    "inactive",
    "Download",
    "Any",
    "Show",
    "all",
    "the",
    "and",
    "of",
    "to",
    "from",
    "with",
    "yet",
    "Sales",
    "Catalog",
    "New",
    "Add",
    "Quantity",
    "Amount",
    "Shipping",
    "Tax",
    "free",
    "Back",
    "office",
    "Sign",
    "out",
    "Account",
    "Cart",
    "Pages",
    "Previous",
    "Page",
    "Bank",
    "transfer",
    "Cash",
    "delivery",
    "Standard",
    "Pickup",
    "account",
    "Summary",
];

/// The English interface words in what `page` shows (its text and the
/// labels a phone shows beside each cell), leaving out `data` (product
/// names, people: what the shop typed).
fn english_left(page: &Page, data: &[&str]) -> Vec<String> {
    let mut shown = page.select_texts("body").join(" ");
    for label in page.attrs("[data-label]", "data-label") {
        shown.push(' ');
        shown.push_str(&label);
    }
    for label in page.attrs("[aria-label]", "aria-label") {
        shown.push(' ');
        shown.push_str(&label);
    }
    for text in data {
        shown = shown.replace(text, " ");
    }
    shown
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| ENGLISH.contains(word))
        .map(str::to_string)
        .collect()
}

#[test]
fn an_admin_of_a_spanish_shop_reads_the_back_office_in_spanish() {
    let app = TestApp::new();
    let admin = app.signed_in("jefa", Role::Admin);
    admin.set_shop_language("es");
    let mug = app
        .product("Taza azul")
        .price_cents(1290)
        .stock(50)
        .create(&admin);
    let (_, order) = app.order_of("carla", mug, 1);
    let order = order["id"].as_i64().expect("the order's id");
    let data = [
        "Taza azul",
        "jefa",
        "carla",
        "Ada Lovelace",
        "Analytical Row",
        "London",
    ];

    let dashboard = admin.get("/admin");
    dashboard.assert_status(Status::Ok);
    let page = dashboard.page();
    assert_eq!(page.attr("html", "lang").as_deref(), Some("es"));
    assert_eq!(page.select_text("h1").as_deref(), Some("Administración"));
    assert!(
        page.select_text("#count-awaiting-payment")
            .is_some_and(|n| n == "1"),
        "{}",
        dashboard.body
    );
    assert!(
        dashboard.body.contains("pedido pendiente de pago"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains("12,90\u{a0}€") || dashboard.body.contains("12,90 €"));
    assert_eq!(
        english_left(&page, &data),
        Vec::<String>::new(),
        "{}",
        dashboard.body
    );

    let list = admin.get("/admin/orders");
    list.assert_status(Status::Ok);
    let page = list.page();
    assert_eq!(page.select_text("h1").as_deref(), Some("Pedidos"));
    let row = page.select_texts(".order-row td");
    assert!(
        row.iter().any(|cell| cell == "12,90 €" || cell == "12,90\u{a0}€"),
        "{row:?}"
    );
    assert!(
        row.iter().any(|cell| cell.contains("/20")),
        "a date like 30/11/2026: {row:?}"
    );
    assert!(row.iter().any(|cell| cell == "pendiente de pago"), "{row:?}");
    assert_eq!(english_left(&page, &data), Vec::<String>::new(), "{}", list.body);

    let shown = admin.get(&format!("/admin/orders/{order}"));
    shown.assert_status(Status::Ok);
    let page = shown.page();
    assert!(
        page.select_text("h1").is_some_and(|h| h.starts_with("Pedido T-")),
        "{}",
        shown.body
    );
    assert!(page.has("button"), "the steps' buttons");
    assert!(
        page.select_texts("button")
            .iter()
            .any(|b| b == "Marcar como pagado")
    );
    assert!(page.select_text(".total").is_some_and(|t| t.contains("12,90")));
    assert_eq!(english_left(&page, &data), Vec::<String>::new(), "{}", shown.body);

    // English stays the default: the same pages for a shop in English.
    admin
        .json(Method::Patch, "/api/v1/settings", json!({"language": "en"}))
        .assert_status(Status::Ok);
    let english = admin.page("/admin/orders");
    assert_eq!(english.select_text("h1").as_deref(), Some("Orders"));
    assert!(
        english
            .select_texts(".order-row td")
            .iter()
            .any(|c| c == "€12.90")
    );
}
