//! No input, however malformed, makes a 500: every route is sent bodies of
//! the wrong shape, signed in and not.

use rocket::http::{ContentType, Method, Status};

use crate::helpers::{Agent, TestApp};
use tienda::auth::Role;

const ROUTES: &[(Method, &str)] = &[
    (Method::Get, "/"),
    (
        Method::Get,
        "/?q=%ff%fe&page=x&min_price=1e9&max_price=-&in_stock=%00&sort=%22",
    ),
    (Method::Get, "/?q=a&q=b&page=1&page=2&category=x"),
    (
        Method::Get,
        "/?page=9223372036854775807&min_price=99999999999999999999",
    ),
    (Method::Get, "/categories/x?page=-1"),
    (Method::Get, "/categories/9223372036854775807"),
    (Method::Get, "/products/x"),
    (Method::Get, "/products/99999999999999999999"),
    (
        Method::Get,
        "/api/v1/products?q=NEAR(a%20b&min_price_cents=x&page=0",
    ),
    (Method::Get, "/login?next=%ff%fe"),
    (Method::Post, "/login"),
    (Method::Post, "/register"),
    (Method::Post, "/logout"),
    (Method::Get, "/account"),
    (Method::Post, "/account/profile"),
    (Method::Post, "/account/password"),
    (Method::Get, "/account/tokens"),
    (Method::Post, "/account/tokens"),
    (Method::Post, "/account/tokens/1/delete"),
    (Method::Post, "/account/tokens/x/delete"),
    (Method::Get, "/password-reset"),
    (Method::Post, "/password-reset"),
    (Method::Get, "/password-reset/nope"),
    (Method::Post, "/password-reset/nope"),
    (Method::Get, "/setup/nope"),
    (Method::Post, "/setup/nope"),
    (Method::Get, "/static/../Cargo.toml"),
    (Method::Get, "/static/nope.css"),
    (Method::Post, "/api/v1/auth/register"),
    (Method::Post, "/api/v1/auth/login"),
    (Method::Post, "/api/v1/auth/logout"),
    (Method::Get, "/api/v1/me"),
    (Method::Patch, "/api/v1/me"),
    (Method::Post, "/api/v1/auth/password-reset"),
    (Method::Post, "/api/v1/auth/password-reset/confirm"),
    (Method::Get, "/api/v1/tokens?page=-1&per_page=x"),
    (Method::Post, "/api/v1/tokens"),
    (Method::Delete, "/api/v1/tokens/1"),
    (Method::Put, "/api/v1/me"),
];

fn bodies() -> Vec<(Option<ContentType>, Vec<u8>)> {
    vec![
        (None, vec![]),
        (Some(ContentType::JSON), b"".to_vec()),
        (
            Some(ContentType::JSON),
            b"{\"username\": [], \"password\": {}, \"email\": 7}".to_vec(),
        ),
        (Some(ContentType::JSON), b"null".to_vec()),
        (Some(ContentType::JSON), vec![0xff, 0xfe, 0x00]),
        (Some(ContentType::JSON), "[".repeat(10_000).into_bytes()),
        (
            Some(ContentType::Form),
            b"_csrf=&username=%ff%fe&password".to_vec(),
        ),
        (Some(ContentType::Form), vec![0xff, b'=', 0xfe]),
        (Some(ContentType::Plain), b"hello".to_vec()),
        (Some(ContentType::Binary), vec![0; 100]),
    ]
}

fn hammer(agent: &Agent<'_>) {
    for (method, path) in ROUTES {
        for (content_type, body) in bodies() {
            let res = agent.request(*method, path, content_type.clone(), Some(body));
            assert!(
                res.status != Status::InternalServerError,
                "{method} {path} with {content_type:?} answered 500: {}",
                res.body
            );
        }
    }
}

#[test]
fn no_route_answers_500_to_garbage() {
    let app = TestApp::new();
    hammer(&app.agent());
    hammer(&app.signed_in("ana", Role::Customer));
    app.agent().get("/login");
    let guest = app.agent();
    guest.get("/register");
    hammer(&guest);
}

/// Every route the app mounts, with each dynamic segment as `value`;
/// `signing_out` picks the routes that end a session or the others.
fn every_route(app: &TestApp, value: &str, signing_out: bool) -> Vec<(Method, String)> {
    app.client
        .rocket()
        .routes()
        .map(|route| {
            let path = route
                .uri
                .path()
                .split('/')
                .map(|segment| if segment.starts_with('<') { value } else { segment })
                .collect::<Vec<_>>()
                .join("/");
            (route.method, path)
        })
        .filter(|(_, path)| path.contains("logout") == signing_out)
        .collect()
}

/// The sweep above over every mounted route, as staff, a customer and a
/// guest, with ids that exist, that are malformed and that overflow: new
/// routes are covered without being listed.
#[test]
fn no_mounted_route_answers_500_to_garbage() {
    let app = TestApp::new();
    let staff = app.signed_in("boss", Role::Staff);
    let product = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    let (customer, _) = app.order_of("carla", product, 1);
    let guest = app.agent();
    guest.get("/login");
    let routes = every_route(&app, "1", false);
    assert!(routes.len() > 100, "{} routes", routes.len());
    for value in ["1", "x", "99999999999999999999"] {
        for agent in [&staff, &customer, &guest] {
            for (method, path) in every_route(&app, value, false) {
                for (content_type, body) in bodies() {
                    let res = agent.request(method, &path, content_type.clone(), Some(body));
                    assert!(
                        res.status != Status::InternalServerError,
                        "{method} {path} with {content_type:?} answered 500: {}",
                        res.body
                    );
                }
            }
        }
    }
    // Still signed in after all that: the sweep reached the staff's handlers.
    staff.get("/api/v1/me").assert_status(Status::Ok);
    for agent in [&staff, &customer, &guest] {
        for (method, path) in every_route(&app, "1", true) {
            let res = agent.request(method, &path, Some(ContentType::JSON), Some(b"{}".to_vec()));
            assert!(
                res.status != Status::InternalServerError,
                "{method} {path}: {}",
                res.body
            );
        }
    }
}
