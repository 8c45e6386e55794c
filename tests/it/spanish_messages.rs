//! The messages a Spanish speaker meets when something is refused: the
//! JSON API's errors with `Accept-Language: es` and a Spanish shop's forms
//! and flash messages, from validation to stock and order steps.

use std::cell::RefCell;

use rocket::http::{ContentType, Method, Status};
use serde_json::{Value, json};
use tienda::role::Role;

use crate::helpers::{Agent, Resp, TestApp, address, csrf_token, field_error};

const ES: (&str, &str) = ("Accept-Language", "es-ES,es;q=0.9");

/// Words that give an English sentence away.
const ENGLISH: [&str; 8] = [
    " must ",
    " the ",
    " is ",
    " cannot ",
    " only ",
    " already ",
    " not ",
    " should ",
];

/// The request with `Accept-Language: es`.
fn es(agent: &Agent<'_>, method: Method, uri: &str, body: Option<Value>) -> Resp {
    agent.request_with_headers(method, uri, &[ES], body)
}

/// What an API error says: its message and every field's messages.
fn said(res: &Resp) -> Vec<String> {
    let body = res.json();
    let error = &body["error"];
    assert!(error.is_object(), "not an error: {}", res.body);
    let mut out = vec![error["message"].as_str().unwrap_or_default().to_string()];
    if let Some(fields) = error["fields"].as_object() {
        for messages in fields.values() {
            for m in messages.as_array().into_iter().flatten() {
                out.extend(m.as_str().map(str::to_string));
            }
        }
    }
    out
}

/// Every message of `collected` that reads as English.
fn english(collected: &[String]) -> Vec<&String> {
    collected
        .iter()
        .filter(|m| {
            let padded = format!(" {} ", m.to_lowercase());
            ENGLISH.iter().any(|w| padded.contains(w))
        })
        .collect()
}

#[track_caller]
fn assert_said(collected: &[String], sentence: &str) {
    assert!(
        collected.iter().any(|m| m == sentence),
        "{sentence:?} not among {collected:#?}"
    );
}

#[test]
fn api_validation_errors_speak_spanish_when_asked() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    let all = RefCell::new(Vec::new());
    let ask = |agent: &Agent<'_>, method: Method, uri: &str, body: Option<Value>| {
        let res = es(agent, method, uri, body);
        assert!(res.status.code >= 400, "{uri}: {}", res.body);
        all.borrow_mut().extend(said(&res));
    };

    // Products and stock.
    let taza = app.product("Taza").sku("TZ-1").stock(3).create(&admin);
    ask(
        &admin,
        Method::Post,
        "/api/v1/products",
        Some(json!({"name": "Jarra"})),
    );
    ask(
        &admin,
        Method::Post,
        "/api/v1/products",
        Some(
            json!({"name": "Jarra", "price_cents": -1, "stock": -1, "category_id": 999, "supplier_id": 999}),
        ),
    );
    ask(
        &admin,
        Method::Post,
        "/api/v1/products",
        Some(
            json!({"name": "Jarra", "price_cents": 100, "stock": 1, "category_id": 999, "supplier_id": 999}),
        ),
    );
    ask(
        &admin,
        Method::Post,
        "/api/v1/products",
        Some(json!({"name": "Jarra", "sku": "TZ-1", "price_cents": 100_000_001, "stock": 2_000_000})),
    );
    ask(
        &admin,
        Method::Post,
        "/api/v1/products",
        Some(json!({"name": "Jarra", "sku": "tz-1", "price_cents": 100, "stock": 1})),
    );
    ask(
        &admin,
        Method::Patch,
        &format!("/api/v1/products/{taza}"),
        Some(json!({"stock": 9})),
    );
    ask(
        &admin,
        Method::Post,
        &format!("/api/v1/products/{taza}/stock"),
        Some(json!({"delta": 0, "reason": "magia"})),
    );
    ask(
        &admin,
        Method::Post,
        &format!("/api/v1/products/{taza}/stock"),
        Some(json!({"delta": -10, "reason": "damaged"})),
    );

    // Categories and suppliers.
    let hogar = app.category("Hogar").create(&admin);
    ask(
        &admin,
        Method::Post,
        "/api/v1/categories",
        Some(json!({"name": "Casa > Jardín"})),
    );
    ask(
        &admin,
        Method::Post,
        "/api/v1/categories",
        Some(json!({"name": "Hogar"})),
    );
    ask(
        &admin,
        Method::Post,
        "/api/v1/categories",
        Some(json!({"name": "Cocina", "parent_id": 999})),
    );
    ask(
        &admin,
        Method::Patch,
        &format!("/api/v1/categories/{hogar}"),
        Some(json!({"parent_id": hogar})),
    );
    app.product("Plato").category(hogar).create(&admin);
    ask(
        &admin,
        Method::Delete,
        &format!("/api/v1/categories/{hogar}"),
        None,
    );
    app.supplier("Cerámicas Sur").create(&admin);
    ask(
        &admin,
        Method::Post,
        "/api/v1/suppliers",
        Some(json!({"name": "Cerámicas Sur"})),
    );

    // Coupons.
    for body in [
        json!({"code": "PROMO", "kind": "regalo", "value": 5}),
        json!({"code": "PROMO", "kind": "percent", "value": 500, "usage_limit": 0}),
        json!({"code": "PROMO", "kind": "fixed", "value": 0, "starts_at": "mañana"}),
        json!({"code": "PROMO", "kind": "percent", "value": 10, "min_subtotal_cents": -5,
               "starts_at": "2026-12-01T00:00:00Z", "ends_at": "2026-11-01T00:00:00Z"}),
    ] {
        ask(&admin, Method::Post, "/api/v1/coupons", Some(body));
    }
    es(
        &admin,
        Method::Post,
        "/api/v1/coupons",
        Some(json!({"code": "VERANO", "kind": "percent", "value": 10})),
    )
    .assert_status(Status::Created);
    ask(
        &admin,
        Method::Post,
        "/api/v1/coupons",
        Some(json!({"code": "VERANO", "kind": "percent", "value": 10})),
    );

    // Settings.
    ask(
        &admin,
        Method::Patch,
        "/api/v1/settings",
        Some(json!({
            "currency": "euro", "timezone": "Marte/Base", "shipping_fee_cents": -1,
            "unpaid_hold_hours": 0, "max_unpaid_orders": 0, "low_stock_threshold": -1,
            "backup_every_hours": 1000, "backup_keep": 0, "contact_email": "nadie",
        })),
    );

    // Users: the only admin can neither leave nor step down.
    let boss = app.user_id("boss");
    ask(
        &admin,
        Method::Patch,
        &format!("/api/v1/users/{boss}"),
        Some(json!({"active": false})),
    );
    ask(
        &admin,
        Method::Patch,
        &format!("/api/v1/users/{boss}"),
        Some(json!({"role": "customer"})),
    );

    // Registration.
    let visitor = app.agent();
    ask(
        &visitor,
        Method::Post,
        "/api/v1/auth/register",
        Some(json!({"username": "ana maria", "email": "ana", "password": "corta"})),
    );

    // Cart and checkout.
    let ana = app.signed_in("ana", Role::Customer);
    ask(
        &ana,
        Method::Post,
        "/api/v1/cart/items",
        Some(json!({"product_id": taza, "quantity": 50})),
    );
    let res = ana.request_with(
        Method::Post,
        "/api/v1/checkout",
        &[ES, ("Idempotency-Key", "vacio-1")],
        Some(ContentType::JSON),
        Some(
            json!({"payment_method": "bank_transfer", "shipping_address": address()})
                .to_string()
                .into_bytes(),
        ),
    );
    all.borrow_mut().extend(said(&res));
    ana.add_to_cart(taza, 2);
    ask(
        &ana,
        Method::Post,
        "/api/v1/checkout",
        Some(json!({"payment_method": "bank_transfer"})),
    );
    let res = ana.request_with(
        Method::Post,
        "/api/v1/checkout",
        &[ES, ("Idempotency-Key", "ana-1")],
        Some(ContentType::JSON),
        Some(
            json!({"payment_method": "bank_transfer", "shipping_method": "dron", "coupon_code": "NOEXISTE"})
                .to_string()
                .into_bytes(),
        ),
    );
    all.borrow_mut().extend(said(&res));
    let order = ana.checkout("ana-2", json!({}));
    order.assert_status(Status::Created);
    let order = order.json()["id"].as_i64().expect("an order id");

    // Order steps out of turn, and a rating too early.
    ask(
        &admin,
        Method::Post,
        &format!("/api/v1/orders/{order}/ship"),
        Some(json!({})),
    );
    ask(
        &admin,
        Method::Post,
        &format!("/api/v1/orders/{order}/deliver"),
        Some(json!({})),
    );
    ask(
        &ana,
        Method::Post,
        &format!("/api/v1/orders/{order}/rating"),
        Some(json!({"rating": 5})),
    );
    ask(
        &ana,
        Method::Post,
        &format!("/api/v1/products/{taza}/reviews"),
        Some(json!({"rating": 5, "comment": "Bonita"})),
    );
    es(
        &ana,
        Method::Post,
        &format!("/api/v1/orders/{order}/cancel"),
        None,
    )
    .assert_status(Status::Ok);
    ask(
        &ana,
        Method::Post,
        &format!("/api/v1/orders/{order}/cancel"),
        None,
    );
    ask(
        &admin,
        Method::Post,
        &format!("/api/v1/orders/{order}/mark-paid"),
        Some(json!({})),
    );
    ask(&admin, Method::Get, "/api/v1/orders?status=perdido", None);
    ask(&admin, Method::Get, "/api/v1/reports/sales?format=xml", None);
    ask(
        &admin,
        Method::Get,
        "/api/v1/reports/sales?group=year&from=ayer",
        None,
    );

    let all = all.into_inner();
    let left = english(&all);
    assert!(left.is_empty(), "English left: {left:#?}");
    for sentence in [
        "algunos campos no son válidos",
        "el cuerpo no tiene los campos y tipos esperados",
        "es obligatorio",
        "debe ser 0 o más",
        "no es una categoría",
        "no es un proveedor",
        "la categoría aún tiene 1 producto y 0 subcategorías; muévelos antes",
        "ya lo usa otro producto",
        "solo cambia con POST /api/v1/products/{id}/stock",
        "no puede ser 0",
        "no puede contener «>»",
        "ya lo usa otra categoría en este nivel",
        "no puede ser la propia categoría ni una de sus subcategorías",
        "ya lo usa otro proveedor",
        "debe ser percent (porcentaje) o fixed (importe fijo)",
        "un cupón de porcentaje lleva un valor de 1 a 100",
        "debe ser al menos 1",
        "debe ser posterior al inicio",
        "ya lo usa otro cupón",
        "debe ser un código de tres letras, como EUR",
        "no puedes desactivar tu propia cuenta; puede hacerlo otro administrador",
        "«boss» es el último administrador activo y no se le puede quitar el rol; haz antes administrador a otro usuario",
        "debe ser una dirección de correo válida",
        "tu carrito está vacío",
        "envía una cabecera Idempotency-Key de 1 a 100 caracteres",
        "método de envío desconocido «dron»; elige standard o pickup",
        "el pedido T-000001 está pendiente de pago; no se puede enviar",
        "el pedido T-000001 está pendiente de pago; no se puede entregar",
        "el pedido T-000001 está pendiente de pago; podrás valorarlo cuando esté entregado",
        "el pedido T-000001 está cancelado; no se puede cancelar",
        "el pedido T-000001 está cancelado; no se puede marcar como pagado",
        "debe ser day, week o month",
        "debe ser json o csv",
        "debe ser una fecha como 2026-03-29",
    ] {
        assert_said(&all, sentence);
    }
}

#[test]
fn csv_import_line_errors_speak_spanish_when_asked() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    let import = |csv: &str| {
        let res = admin.request_with(
            Method::Post,
            "/api/v1/import/products",
            &[ES],
            Some(ContentType::CSV),
            Some(csv.as_bytes().to_vec()),
        );
        let report = res.json();
        report["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no line errors: {}", res.body))
            .iter()
            .filter_map(|e| e["message"].as_str().map(str::to_string))
            .collect::<Vec<String>>()
    };
    let mut messages = import("sku;name;price;stock\nA-1;Taza;12.5;-1\n;;1;1\nB-1;Plato;3;1;9\n");
    messages.extend(import("sku;name;price;stock\nA-1;Taza;3;1\na-1;Plato;3;1\n"));
    messages.extend(import("sku;nombre;precio\nA-1;Taza;3\n"));
    let left = english(&messages);
    assert!(left.is_empty(), "English left: {left:#?}");
    for said in [
        "price: lleva coma decimal (12,50); el punto solo puede separar miles (1.234,50); stock: debe ser 0 o más",
        "name: es obligatorio",
        "tiene 5 columnas y la cabecera tiene 4",
        "sku: «a-1» también está en la línea 2",
    ] {
        assert!(
            messages.iter().any(|m| m == said),
            "{said:?} not in {messages:#?}"
        );
    }
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("en la cabecera falta «name, price, stock»")),
        "{messages:#?}"
    );
}

#[test]
fn a_spanish_shops_forms_and_refusals_speak_spanish() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    admin.set_shop_language("es");
    let taza = app.product("Taza").stock(3).create(&admin);

    let staff = app.signed_in("stan", Role::Staff);
    let res = staff.submit(
        "/admin/products/new",
        "/admin/products",
        &[("name", "Jarra"), ("price", "1"), ("stock", "-3")],
    );
    res.assert_status(Status::UnprocessableEntity);
    let stock = field_error(&res.body, "stock").unwrap_or_default();
    assert!(stock.ends_with("debe ser 0 o más."), "{stock}");
    let res = staff.submit(
        "/admin/products/new",
        "/admin/products",
        &[
            ("name", "Jarra"),
            ("price", "1"),
            ("stock", "3"),
            ("category_id", "999"),
        ],
    );
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&res.body, "category_id").as_deref(),
        Some("Categoría no es una categoría.")
    );

    let res = staff.submit(
        "/admin/categories/new",
        "/admin/categories",
        &[("name", "Casa > Jardín")],
    );
    res.assert_status(Status::UnprocessableEntity);
    let name = field_error(&res.body, "name").unwrap_or_default();
    assert!(name.ends_with("no puede contener «>»."), "{name}");

    let visitor = app.agent();
    let res = visitor.submit(
        "/register",
        "/register",
        &[("username", "ana maria"), ("email", "ana"), ("password", "corta")],
    );
    res.assert_status(Status::UnprocessableEntity);
    let username = field_error(&res.body, "username").unwrap_or_default();
    assert!(username.contains("solo puede contener letras a-z"), "{username}");

    // A step someone else made impossible: the refusal is a flash.
    let (_ana, order) = app.order_of("ana", taza, 1);
    let id = order["id"].as_i64().expect("an order id");
    let cancel = format!("/admin/orders/{id}/cancel");
    let token = csrf_token(&staff.get(&cancel).body, &cancel);
    admin
        .post_json(&format!("/api/v1/orders/{id}/cancel"), json!({}))
        .assert_status(Status::Ok);
    let res = staff.post_form(&cancel, &[("_csrf", &token)]);
    let flash = staff.flash_after(&res);
    assert_eq!(flash, "El pedido T-000001 está cancelado; no se puede cancelar.");

    let mut seen = vec![stock, name, username, flash];
    seen.retain(|m| !m.is_empty());
    let left = english(&seen);
    assert!(left.is_empty(), "English left: {left:#?}");
}
