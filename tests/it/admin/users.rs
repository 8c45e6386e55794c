//! Users in the back office, as JSON (`/api/v1/users`) and as pages
//! (`/admin/users`): who may read and change them, the figures beside each
//! user, the search, the rules that keep an admin in charge, and that a
//! deactivated user is signed out at once and cannot sign in again.

use rocket::http::{ContentType, Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, PASSWORD, Resp, TestApp, csrf_token, field_error};
use tienda::auth::Role;

fn patch(agent: &Agent<'_>, id: i64, body: Value) -> Resp {
    agent.json(Method::Patch, &format!("/api/v1/users/{id}"), body)
}

/// A script's own API token, made with its session.
fn token_of(agent: &Agent<'_>) -> String {
    let res = agent.post_json("/api/v1/tokens", json!({"name": "script"}));
    res.assert_status(Status::Created);
    res.json()["token"].as_str().expect("a token").to_string()
}

/// The user `username` in the list the API gives `agent`.
fn listed(agent: &Agent<'_>, query: &str) -> Vec<String> {
    let res = agent.get(&format!("/api/v1/users{query}"));
    res.assert_status(Status::Ok);
    res.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|u| u["username"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn anonymous_scripts_get_401_customers_403_and_staff_may_only_read() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    let staff = app.signed_in("stan", Role::Staff);
    let customer = app.signed_in("cleo", Role::Customer);
    let cleo = app.user_id("cleo");
    let anonymous = app.agent();

    for uri in ["/api/v1/users".to_string(), format!("/api/v1/users/{cleo}")] {
        let res = anonymous.get(&uri);
        res.assert_status(Status::Unauthorized);
        assert_eq!(res.error_code(), "unauthenticated");
        let res = customer.get(&uri);
        res.assert_status(Status::Forbidden);
        assert_eq!(res.error_code(), "forbidden");
        staff.get(&uri).assert_status(Status::Ok);
        admin.get(&uri).assert_status(Status::Ok);
    }
    let change = json!({"role": "admin"});
    patch(&anonymous, cleo, change.clone()).assert_status(Status::Unauthorized);
    for agent in [&customer, &staff] {
        let res = patch(agent, cleo, change.clone());
        res.assert_status(Status::Forbidden);
        assert_eq!(res.error_code(), "forbidden");
    }
    let staff_token = app.agent().with_token(&token_of(&staff));
    patch(&staff_token, cleo, change.clone()).assert_status(Status::Forbidden);
    assert_eq!(customer.me().json()["role"], "customer", "nothing changed");
}

#[test]
fn each_user_comes_with_their_orders_revenue_and_last_order() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    app.allow_unpaid_orders(10);
    let (carla, first) = app.order_of("carla", mug, 2);
    carla.add_to_cart(mug, 1);
    let unpaid = carla.checkout("carla-3", json!({})).json();
    carla.add_to_cart(mug, 4);
    let cancelled = carla.checkout("carla-4", json!({})).json();
    carla.add_to_cart(mug, 3);
    let refunded = carla.checkout("carla-5", json!({})).json();
    let id = |order: &Value| order["id"].as_i64().expect("order id");
    for order in [id(&first), id(&cancelled), id(&refunded)] {
        staff
            .post_json(&format!("/api/v1/orders/{order}/mark-paid"), json!({}))
            .assert_status(Status::Ok);
    }
    staff
        .post_json(&format!("/api/v1/orders/{}/cancel", id(&cancelled)), json!({}))
        .assert_status(Status::Ok);
    staff
        .post_json(
            &format!("/api/v1/orders/{}/refund", id(&refunded)),
            json!({"restock": true}),
        )
        .assert_status(Status::Ok);
    app.create_user("nora", Role::Customer);

    let list = staff.get("/api/v1/users");
    list.assert_status(Status::Ok);
    let list = list.json();
    assert_eq!(
        (list["total"].as_i64(), list["page"].as_i64()),
        (Some(3), Some(1))
    );
    assert_eq!(list["per_page"], 20);
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(names, ["nora", "carla", "stan"], "newest first");

    let carla_id = app.user_id("carla");
    let item = staff.get(&format!("/api/v1/users/{carla_id}")).json();
    assert_eq!(item, list["items"][1], "the list and the user agree");
    assert_eq!(item["id"], carla_id);
    assert_eq!(item["email"], "carla@example.com");
    assert_eq!(item["role"], "customer");
    assert_eq!(item["active"], true);
    assert!(item["created_at"].is_string());
    assert_eq!(item["orders"], 4);
    // Paid; unpaid; paid, then cancelled; paid, then refunded: only the
    // first counts.
    assert_eq!(item["revenue_cents"], first["total_cents"]);
    assert_ne!(unpaid["total_cents"], 0);
    assert_eq!(item["last_order_at"], refunded["created_at"]);
    assert!(item.get("password_hash").is_none() && !item.to_string().contains("$2"));

    let nora = &list["items"][0];
    assert_eq!(
        (&nora["orders"], &nora["revenue_cents"], &nora["last_order_at"]),
        (&json!(0), &json!(0), &Value::Null)
    );
}

#[test]
fn users_are_found_by_part_of_their_name_or_e_mail_and_by_role() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    app.create_user("carla", Role::Customer);
    app.create_user("Carlos", Role::Staff);
    app.create_user("dora_x", Role::Customer);
    app.create_user("ada", Role::Admin);

    assert_eq!(listed(&staff, "?q=CARL"), ["Carlos", "carla"]);
    assert_eq!(listed(&staff, "?q=carla%40EXAMPLE.com"), ["carla"]);
    assert_eq!(
        listed(&staff, "?q=_"),
        ["dora_x"],
        "a LIKE wildcard is a plain character"
    );
    assert_eq!(listed(&staff, "?q=%25"), Vec::<String>::new());
    assert_eq!(listed(&staff, "?role=staff"), ["Carlos", "stan"]);
    assert_eq!(listed(&staff, "?role=admin"), ["ada"]);
    assert_eq!(listed(&staff, "?q=carl&role=customer"), ["carla"]);
    assert_eq!(
        listed(&staff, "?q=&role="),
        ["ada", "dora_x", "Carlos", "carla", "stan"]
    );

    let paged = staff.get("/api/v1/users?per_page=2&page=2").json();
    assert_eq!(paged["total"], 5);
    assert_eq!(paged["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(paged["items"][0]["username"], "Carlos");

    let bad = staff.get("/api/v1/users?role=boss&per_page=0");
    bad.assert_status(Status::UnprocessableEntity);
    assert_eq!(bad.error_code(), "validation_failed");
    assert!(!bad.field_errors("role").is_empty(), "{}", bad.body);
    assert!(!bad.field_errors("per_page").is_empty(), "{}", bad.body);
}

#[test]
fn an_unknown_user_is_not_found() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    for uri in ["/api/v1/users/999", "/api/v1/users/abc", "/api/v1/users/0"] {
        let res = admin.get(uri);
        res.assert_status(Status::NotFound);
        assert_eq!(res.error_code(), "not_found");
    }
    let res = patch(&admin, 999, json!({"role": "staff"}));
    res.assert_status(Status::NotFound);
    admin.get("/admin/users/999").assert_status(Status::NotFound);
    admin.get("/admin/users/x").assert_status(Status::NotFound);
}

#[test]
fn admins_change_roles_and_unknown_roles_name_the_field() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    let cleo = app.signed_in("cleo", Role::Customer);
    let id = app.user_id("cleo");

    let res = patch(&admin, id, json!({"role": "staff"}));
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["role"], "staff");
    assert_eq!(res.json()["orders"], 0);
    assert_eq!(
        cleo.me().json()["role"],
        "staff",
        "the next request has the new role"
    );
    cleo.get("/api/v1/users").assert_status(Status::Ok);

    let bad = patch(&admin, id, json!({"role": "boss"}));
    bad.assert_status(Status::UnprocessableEntity);
    assert_eq!(bad.error_code(), "validation_failed");
    assert!(!bad.field_errors("role").is_empty(), "{}", bad.body);
    let bad = patch(&admin, id, json!({"active": "no"}));
    bad.assert_status(Status::UnprocessableEntity);
    assert!(!bad.field_errors("active").is_empty(), "{}", bad.body);
    let not_json = admin.request(
        Method::Patch,
        &format!("/api/v1/users/{id}"),
        Some(ContentType::Form),
        Some(b"role=admin".to_vec()),
    );
    assert_eq!(not_json.status, Status::UnsupportedMediaType);
    let unchanged = patch(&admin, id, json!({}));
    unchanged.assert_status(Status::Ok);
    assert_eq!(unchanged.json()["role"], "staff");
}

#[test]
fn the_last_active_admin_stays_and_nobody_deactivates_themselves() {
    let app = TestApp::new();
    let ada = app.signed_in("ada", Role::Admin);
    let bob = app.signed_in("bob", Role::Admin);
    let (ada_id, bob_id) = (app.user_id("ada"), app.user_id("bob"));

    let own = patch(&ada, ada_id, json!({"active": false}));
    own.assert_status(Status::Conflict);
    assert_eq!(own.error_code(), "conflict");
    assert!(
        own.body.contains("cannot deactivate your own account"),
        "{}",
        own.body
    );

    patch(&ada, bob_id, json!({"active": false})).assert_status(Status::Ok);
    bob.me().assert_status(Status::Unauthorized);

    for change in [
        json!({"role": "staff"}),
        json!({"role": "customer", "active": true}),
    ] {
        let last = patch(&ada, ada_id, change);
        last.assert_status(Status::Conflict);
        assert_eq!(last.error_code(), "conflict");
        assert!(
            last.body.contains("“ada” is the last active admin"),
            "{}",
            last.body
        );
        assert!(
            last.body.contains("make another user an admin first"),
            "{}",
            last.body
        );
    }
    assert_eq!(ada.me().json()["role"], "admin");
    // Setting what is already so is no demotion.
    patch(&ada, ada_id, json!({"role": "admin", "active": true})).assert_status(Status::Ok);

    // An inactive admin does not count: reactivated, bob is an admin
    // again, and then ada may step down.
    let back = patch(&ada, bob_id, json!({"active": true}));
    back.assert_status(Status::Ok);
    assert_eq!(
        (back.json()["active"].as_bool(), back.json()["role"].as_str()),
        (Some(true), Some("admin"))
    );
    let down = patch(&ada, ada_id, json!({"role": "staff"}));
    down.assert_status(Status::Ok);
    assert_eq!(down.json()["role"], "staff");
    patch(&ada, bob_id, json!({"role": "customer"})).assert_status(Status::Forbidden);
    assert_eq!(
        app.count("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"),
        1
    );
}

#[test]
fn a_deactivated_users_session_and_token_stop_at_their_next_request_and_they_cannot_sign_in() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    let carla = app.signed_in("carla", Role::Customer);
    let script = app.agent().with_token(&token_of(&carla));
    let browser = app.signed_in_with_form("carla2", Role::Customer);
    let id = app.user_id("carla");
    carla.me().assert_status(Status::Ok);
    script.me().assert_status(Status::Ok);

    let res = patch(&admin, id, json!({"active": false}));
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["active"], false);
    assert_eq!(
        app.count(&format!(
            "SELECT (SELECT count(*) FROM sessions WHERE user_id = {id})
                  + (SELECT count(*) FROM api_tokens WHERE user_id = {id})"
        )),
        0
    );

    let by_cookie = carla.me();
    by_cookie.assert_status(Status::Unauthorized);
    assert_eq!(by_cookie.error_code(), "unauthenticated");
    script.me().assert_status(Status::Unauthorized);
    let again = app.agent().api_login("carla", PASSWORD);
    again.assert_status(Status::Unauthorized);
    assert_eq!(again.error_code(), "invalid_credentials");
    let form = app.agent().login("carla", PASSWORD);
    form.assert_status(Status::Unauthorized);
    browser.me().assert_status(Status::Ok);

    let res = patch(&admin, id, json!({"active": true}));
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["active"], true);
    let back = app.agent();
    back.api_login("carla", PASSWORD).assert_status(Status::Ok);
    assert_eq!(back.me().json()["username"], "carla");
    script.me().assert_status(Status::Unauthorized);
}

// ---- The pages ----

fn login_redirect(path: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/login?next={next}")
}

#[test]
fn the_pages_are_for_staff_and_their_forms_for_admins() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    let staff = app.signed_in("stan", Role::Staff);
    let customer = app.signed_in("cleo", Role::Customer);
    let id = app.user_id("cleo");
    let page = format!("/admin/users/{id}");
    let actions = [
        format!("{page}/role"),
        format!("{page}/deactivate"),
        format!("{page}/reactivate"),
    ];

    for uri in ["/admin/users", page.as_str()] {
        let res = app.agent().get(uri);
        assert_eq!(res.location(), login_redirect(uri));
        customer.get(uri).assert_status(Status::Forbidden);
    }
    let token = csrf_token(&customer.get("/").body, "/logout");
    for action in &actions {
        let res = app.agent().post_form(action, &[("role", "admin")]);
        assert_eq!(res.location(), login_redirect(action));
        customer
            .post_form(action, &[("_csrf", &token), ("role", "admin")])
            .assert_status(Status::Forbidden);
    }

    let read = staff.page(&page);
    assert_eq!(read.select_text("h1 .item-name").as_deref(), Some("cleo"));
    assert!(read.has(".admin-nav [href=\"/admin/users\"]"));
    assert!(read.has(".admin-nav [href=\"/admin/reviews\"]"));
    for action in &actions {
        assert!(!read.posts_to(action), "staff get no {action} form");
    }
    let token = csrf_token(&staff.get("/admin").body, "/logout");
    for action in &actions {
        staff
            .post_form(action, &[("_csrf", &token), ("role", "admin")])
            .assert_status(Status::Forbidden);
    }
    assert_eq!(customer.me().json()["role"], "customer");

    let full = admin.page(&page);
    assert!(full.posts_to(&actions[0]) && full.posts_to(&actions[1]));
    assert!(
        !full.posts_to(&actions[2]),
        "only an inactive user is reactivated"
    );
    let own = admin.page(&format!("/admin/users/{}", app.user_id("ada")));
    assert!(!own.posts_to(&format!("/admin/users/{}/deactivate", app.user_id("ada"))));
}

#[test]
fn the_list_page_searches_filters_and_shows_the_figures() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    let (_, order) = app.order_of("carla", mug, 2);
    let order_id = order["id"].as_i64().unwrap();
    let total = order["total_cents"].as_i64().unwrap();
    let amount = format!("{}.{:02}", total / 100, total % 100);
    staff
        .post_json(&format!("/api/v1/orders/{order_id}/mark-paid"), json!({}))
        .assert_status(Status::Ok);
    app.create_user("dora", Role::Customer);

    let page = staff.page("/admin/users");
    let names = page.select_texts(".user-link");
    assert_eq!(names, ["dora", "carla", "stan"]);
    let carla = page
        .row_of(".user-row", ".user-link", "carla", "td")
        .expect("carla's row");
    assert_eq!(carla[1], "carla@example.com");
    assert_eq!(carla[2], "customer");
    assert_eq!(carla[3], "active");
    assert_eq!(carla[4], "1");
    assert!(carla[5].contains(&amount), "{carla:?} has {amount}");
    assert!(!carla[6].is_empty() && carla[6] != "never", "{carla:?}");
    let dora = page.row_of(".user-row", ".user-link", "dora", "td").unwrap();
    assert_eq!(dora[6], "never");

    assert_eq!(
        staff.page("/admin/users?q=CAR").select_texts(".user-link"),
        ["carla"]
    );
    assert_eq!(
        staff.page("/admin/users?role=staff").select_texts(".user-link"),
        ["stan"]
    );
    let none = staff.page("/admin/users?q=nobody");
    assert!(none.select_texts(".user-link").is_empty());
    assert!(none.select_texts(".aside").iter().any(|t| t == "No users match."));
    let bad = staff.get("/admin/users?role=boss");
    bad.assert_status(Status::UnprocessableEntity);
    assert!(field_error(&bad.body, "role").is_some(), "{}", bad.body);
    for uri in [
        "/admin/users?page=0",
        "/admin/users?page=x",
        "/admin/users/1?page=-1",
    ] {
        assert_ne!(staff.get(uri).status, Status::InternalServerError, "{uri}");
    }
}

#[test]
fn the_user_page_lists_their_orders_and_the_addresses_they_used() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    let (carla, _) = app.order_of("carla", mug, 1);
    carla.add_to_cart(mug, 1);
    carla
        .checkout("carla-2", json!({}))
        .assert_status(Status::Created);
    carla.add_to_cart(mug, 1);
    let elsewhere = json!({"shipping_address": {"name": "Carla Ruiz", "line1": "Calle Mayor 1",
        "city": "Madrid", "postal_code": "28013", "country": "Spain"}});
    carla
        .checkout("carla-3", elsewhere)
        .assert_status(Status::Created);
    let id = app.user_id("carla");

    let page = staff.page(&format!("/admin/users/{id}"));
    assert_eq!(
        page.select_texts(".order-link"),
        ["T-000003", "T-000002", "T-000001"]
    );
    assert_eq!(
        page.attrs(".order-link", "href"),
        ["/admin/orders/3", "/admin/orders/2", "/admin/orders/1"]
    );
    let addresses = page.select_texts(".address-list address");
    assert_eq!(addresses.len(), 2, "each address once: {addresses:?}");
    assert!(addresses[0].contains("Calle Mayor 1"), "the latest first");
    assert!(addresses[1].contains("12 Analytical Row"));
    assert_eq!(page.select_text("dd.user-orders").as_deref(), Some("3"));
    assert_eq!(
        page.select_text("a.user-email").as_deref(),
        Some("carla@example.com")
    );

    let empty = staff.page(&format!("/admin/users/{}", app.user_id("stan")));
    assert!(empty.select_texts(".order-link").is_empty());
    assert!(!empty.has(".address-list"));
}

#[test]
fn an_admin_changes_a_role_with_the_form() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    let cleo = app.signed_in("cleo", Role::Customer);
    let id = app.user_id("cleo");
    let page = format!("/admin/users/{id}");
    let action = format!("{page}/role");

    let res = admin.submit(&page, &action, &[("role", "staff")]);
    assert_eq!(res.location(), page);
    let after = admin.follow(&res).page();
    assert_eq!(after.flash().as_deref(), Some("cleo is now staff."));
    assert_eq!(after.select_text("dd.user-role").as_deref(), Some("staff"));
    assert_eq!(cleo.me().json()["role"], "staff");
    cleo.get("/admin/users").assert_status(Status::Ok);

    let bad = admin.submit(&page, &action, &[("role", "boss")]);
    bad.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&bad.body, "role").as_deref(),
        Some("Role must be one of customer, staff, admin.")
    );
}

#[test]
fn a_refused_change_says_why_on_the_page() {
    let app = TestApp::new();
    let admin = app.signed_in("ada", Role::Admin);
    let id = app.user_id("ada");
    let page = format!("/admin/users/{id}");

    let res = admin.submit(&page, &format!("{page}/role"), &[("role", "customer")]);
    res.assert_status(Status::Conflict);
    let html = res.page();
    let said = html.select_text("#role .form-error").unwrap_or_default();
    assert!(said.contains("“ada” is the last active admin"), "{}", res.body);
    assert_eq!(html.select_text("dd.user-role").as_deref(), Some("admin"));

    // The page offers no button to deactivate oneself; a forged post is
    // refused with the reason.
    let token = csrf_token(&admin.get(&page).body, &format!("{page}/role"));
    let own = admin.post_form(&format!("{page}/deactivate"), &[("_csrf", &token)]);
    own.assert_status(Status::Conflict);
    let said = own.page().select_text("#access .form-error").unwrap_or_default();
    assert!(
        said.contains("cannot deactivate your own account"),
        "{}",
        own.body
    );
    admin.me().assert_status(Status::Ok);
}

#[test]
fn deactivating_with_the_form_signs_the_browser_out_and_reactivating_lets_them_back() {
    let app = TestApp::new();
    let admin = app.signed_in_with_form("ada", Role::Admin);
    let browser = app.signed_in_with_form("carla", Role::Customer);
    let id = app.user_id("carla");
    let page = format!("/admin/users/{id}");
    browser.get("/account").assert_status(Status::Ok);

    let res = admin.submit(&page, &format!("{page}/deactivate"), &[]);
    let after = admin.follow(&res).page();
    assert!(
        after.flash().is_some_and(|f| f.contains("carla is deactivated")),
        "{:?}",
        after.flash()
    );
    assert!(after.posts_to(&format!("{page}/reactivate")));
    assert!(after.has("h1 .badge-inactive"));
    let list = admin.page("/admin/users");
    assert_eq!(
        list.row_of(".user-row", ".user-link", "carla", ".user-active")
            .map(|c| c.join("")),
        Some("inactive".into())
    );

    let signed_out = browser.get("/account");
    assert_eq!(signed_out.location(), login_redirect("/account"));
    browser
        .login("carla", PASSWORD)
        .assert_status(Status::Unauthorized);

    let res = admin.submit(&page, &format!("{page}/reactivate"), &[]);
    assert!(admin.flash_after(&res).contains("carla is active again"));
    browser.login("carla", PASSWORD).assert_status(Status::SeeOther);
    browser.get("/account").assert_status(Status::Ok);
}

#[test]
fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    use std::sync::{Arc, Barrier};

    let shop = Arc::new(crate::shop::Shop::start());
    let made = shop.call(
        "POST",
        "/api/v1/auth/register",
        "",
        Some(json!({"username": "ana", "email": "ana@example.com", "password": "a long password"})),
        &[],
    );
    assert_eq!(made.status, 201, "{}", made.raw);
    let boss = shop.count("SELECT id FROM users WHERE username = 'boss'");
    let ana = shop.count("SELECT id FROM users WHERE username = 'ana'");
    let ana_cookie = Arc::new(shop.login("ana"));
    for round in 0..5 {
        // Whoever is admin now makes the other one an admin again.
        let admins = shop.count("SELECT id FROM users WHERE role = 'admin'");
        let (by, other) = if admins == boss {
            (shop.admin.clone(), ana)
        } else {
            (ana_cookie.to_string(), boss)
        };
        let promoted = shop.call(
            "PATCH",
            &format!("/api/v1/users/{other}"),
            &by,
            Some(json!({"role": "admin"})),
            &[],
        );
        assert_eq!(promoted.status, 200, "round {round}: {}", promoted.raw);

        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = [(shop.admin.clone(), ana), (ana_cookie.to_string(), boss)]
            .into_iter()
            .map(|(cookie, target)| {
                let (shop, barrier) = (shop.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    shop.call(
                        "PATCH",
                        &format!("/api/v1/users/{target}"),
                        &cookie,
                        Some(json!({"role": "customer"})),
                        &[],
                    )
                })
            })
            .collect();
        let answers: Vec<_> = threads.into_iter().map(|t| t.join().expect("thread")).collect();
        let done = answers.iter().filter(|a| a.status == 200).count();
        for answer in answers.iter().filter(|a| a.status != 200) {
            assert!(
                [(409, "conflict"), (403, "forbidden")].contains(&(answer.status, answer.code())),
                "round {round}: {}",
                answer.raw
            );
        }
        assert_eq!(done, 1, "round {round}: exactly one demotion");
        assert_eq!(
            shop.count("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"),
            1,
            "round {round}"
        );
    }
}
