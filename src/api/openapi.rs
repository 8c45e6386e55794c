//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of this API,
//! generated from the handlers' `#[utoipa::path]` attributes and the types
//! they read and answer, so it cannot drift from the code. Each API module
//! lists its own operations next to its routes; this module joins them and
//! holds the security schemes they share (the error response is
//! `crate::error_schema`'s).

use std::sync::OnceLock;

use rocket::http::ContentType;
use rocket::{Route, get, routes};
use utoipa::openapi::request_body::RequestBody;
use utoipa::openapi::schema::SchemaType;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{RefOr, Schema, Type};
use utoipa::{Modify, OpenApi};

use crate::error_schema::ApiError;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::session::COOKIE,
                "set by POST /auth/login; writes must send Content-Type: application/json",
            ))),
        );
        let mut bearer = Http::new(HttpAuthScheme::Bearer);
        bearer.description = Some("an API token from POST /tokens".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tienda",
        version = "1",
        description = "The JSON API of a Tienda shop. Money is integer cents in fields ending in \
            _cents; times are RFC 3339 UTC; lists are paginated; errors have one shape. Writes \
            authenticated by the session cookie must send Content-Type: application/json; \
            multipart and CSV uploads take a bearer token.",
        license(name = "MIT", identifier = "MIT"),
    ),
    servers((url = "/api/v1")),
    security(("session" = []), ("bearer" = [])),
    paths(get_openapi),
    components(responses(ApiError)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "accounts"), (name = "catalog"), (name = "stock"), (name = "reviews"),
        (name = "cart"), (name = "checkout and orders"), (name = "transfer"),
        (name = "back office"), (name = "operations"),
    )
)]
struct ApiDoc;

/// The whole document, built from every API module's operations.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in super::openapi_parts() {
        doc.merge(part);
    }
    for item in doc.paths.paths.values_mut() {
        let operations = [&mut item.post, &mut item.put, &mut item.patch];
        for body in operations
            .into_iter()
            .flatten()
            .filter_map(|op| op.request_body.as_mut())
        {
            if let RefOr::T(body) = body {
                absent_not_null(body);
            }
        }
    }
    doc
}

/// An optional body (`request_body = Option<T>`) may be left out, but it
/// may not be `null`: `OptionalJsonBody` reads an empty body as `{}` and
/// refuses `null` (422). So its schema is `T` alone, not `T` or null.
fn absent_not_null(body: &mut RequestBody) {
    for content in body.content.values_mut() {
        let RefOr::T(content) = content else { continue };
        if let Some(RefOr::T(Schema::OneOf(one_of))) = &content.schema {
            let mut items = one_of.items.iter().filter(|item| !is_null(item));
            if let (Some(only), None) = (items.next(), items.next()) {
                content.schema = Some(only.clone());
            }
        }
    }
}

fn is_null(schema: &RefOr<Schema>) -> bool {
    matches!(schema, RefOr::T(Schema::Object(o)) if o.schema_type == SchemaType::Type(Type::Null))
}

/// The document as served: generated once, pretty-printed.
pub fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        document()
            .to_pretty_json()
            .expect("a document of plain values always serializes")
    })
}

/// This document.
#[utoipa::path(
    tag = "operations",
    security((), ("session" = []), ("bearer" = [])),
    responses((status = 200, description = "OpenAPI 3.1", content_type = "application/json", body = serde_json::Value)),
)]
#[get("/openapi.json")]
fn get_openapi() -> (ContentType, &'static str) {
    (ContentType::JSON, document_json())
}

pub fn routes() -> Vec<Route> {
    routes![get_openapi]
}
