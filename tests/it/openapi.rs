//! The OpenAPI document describes exactly the routes the API serves.

use std::collections::BTreeSet;

use rocket::http::Status;

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
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), shape(path)))
        })
        .collect();
    let served: BTreeSet<(String, String)> = app
        .client
        .rocket()
        .routes()
        .filter_map(|r| {
            let path = r.uri.path().to_string();
            let rest = path.strip_prefix("/api/v1")?;
            Some((r.method.as_str().to_string(), shape(rest)))
        })
        .collect();
    assert_eq!(documented, served);
}

#[test]
fn every_reference_in_the_document_resolves() {
    let doc: serde_json::Value = serde_json::from_str(tienda::api::openapi::DOCUMENT).unwrap();
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "{name} is not defined"
        );
    }
}
