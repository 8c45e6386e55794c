//! The OpenAPI document describes exactly the routes the API serves, and
//! changes only on purpose: it is compared with the committed snapshot.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rocket::http::Status;
use serde_json::Value;

use crate::helpers::TestApp;

/// `/products/{id}/images/{image_id}` → `/products/{}/images/{}`.
fn shape(path: &str) -> String {
    path.split('/')
        .map(|part| {
            if part.starts_with('{') || part.starts_with('<') {
                "{}"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Where an operation is served: under its own server if it names one
/// (`/healthz` is outside the API's prefix), else the document's.
fn full_path(doc: &Value, path: &str, op: &Value) -> String {
    let server = op["servers"][0]["url"]
        .as_str()
        .or_else(|| doc["servers"][0]["url"].as_str())
        .expect("the document names its server");
    format!("{}{}", server.trim_end_matches('/'), path)
}

#[test]
fn every_api_route_is_documented_and_nothing_more() {
    let app = TestApp::new();
    let res = app.agent().get("/api/v1/openapi.json");
    res.assert_status(Status::Ok);
    assert_eq!(res.header("Content-Type"), Some("application/json"));
    let doc = res.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], "/api/v1");

    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .iter()
                .map(|(method, op)| (method.to_uppercase(), shape(&full_path(&doc, path, op))))
        })
        .collect();
    let served: BTreeSet<(String, String)> = app
        .client
        .rocket()
        .routes()
        .filter_map(|r| {
            let path = r.uri.path().to_string();
            (path.starts_with("/api/v1/") || path == "/healthz" || path == "/metrics")
                .then(|| (r.method.as_str().to_string(), shape(&path)))
        })
        .collect();
    assert_eq!(documented, served);
}

#[test]
fn every_reference_in_the_document_resolves() {
    let doc: Value = serde_json::from_str(tienda::api::openapi::document_json()).unwrap();
    let text = doc.to_string();
    for kind in ["schemas", "responses"] {
        let prefix = format!("\"$ref\":\"#/components/{kind}/");
        for part in text.split(prefix.as_str()).skip(1) {
            let name = part.split('"').next().unwrap();
            assert!(
                doc["components"][kind].get(name).is_some(),
                "{kind}/{name} is not defined"
            );
        }
    }
}

#[test]
fn every_error_answer_refers_to_the_one_error_response() {
    let doc: Value = serde_json::from_str(tienda::api::openapi::document_json()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    assert_eq!(
                        response["$ref"], "#/components/responses/ApiError",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
}

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json")
}

/// The generated document is the committed one. After a change to the API,
/// `UPDATE_SNAPSHOTS=1 cargo test --test it openapi` rewrites the snapshot,
/// and the diff shows the change in review.
#[test]
fn the_document_matches_its_snapshot() {
    let generated = format!("{}\n", tienda::api::openapi::document_json());
    let path = snapshot_path();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == generated {
        return;
    }
    let first_difference = committed
        .lines()
        .zip(generated.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("line {}:\n  committed: {a}\n  generated: {b}", i + 1))
        .unwrap_or_else(|| "one of them is longer".into());
    panic!(
        "the OpenAPI document differs from {} ({first_difference}).\n\
         If the API changed on purpose, rewrite the snapshot with \
         `UPDATE_SNAPSHOTS=1 cargo test --test it openapi` and commit it.",
        path.display()
    );
}

/// The states are strings until they are enums; the enums the document
/// gives them are the lists the code checks against.
#[test]
fn the_documented_states_are_the_codes_own() {
    let doc: Value = serde_json::from_str(tienda::api::openapi::document_json()).unwrap();
    let schemas = &doc["components"]["schemas"];
    let values = |schema: &Value| -> Vec<String> {
        serde_json::from_value(schema["enum"].clone()).expect("an enum of strings")
    };
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let names = |list: Vec<&str>| list.into_iter().map(str::to_string).collect::<Vec<_>>();
    use tienda::order_types::{OrderStatus, PaymentMethod, ShippingMethod};
    let order = &schemas["Order"]["properties"];
    for (field, schema) in [
        ("status", "OrderStatus"),
        ("payment_method", "PaymentMethod"),
        ("shipping_method", "ShippingMethod"),
    ] {
        assert_eq!(
            order[field]["$ref"],
            format!("#/components/schemas/{schema}"),
            "{field}"
        );
    }
    assert_eq!(
        values(&schemas["OrderStatus"]),
        names(OrderStatus::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        values(&schemas["PaymentMethod"]),
        names(PaymentMethod::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        values(&schemas["ShippingMethod"]),
        names(ShippingMethod::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        values(&schemas["StockAdjustment"]["properties"]["reason"]),
        strings(tienda::domain::products::ADJUSTMENT_REASONS)
    );
}
