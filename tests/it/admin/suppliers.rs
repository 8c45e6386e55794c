//! The back office's supplier pages: search, pages, the form, deleting.

use rocket::http::Status;

use super::assert_field_error;
use crate::helpers::{Page, TestApp};
use tienda::auth::Role;

#[test]
fn a_supplier_is_deleted_after_confirmation_and_its_products_stay() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let acme = app.supplier("Acme").create_with_form(&staff);
    let id = app
        .product("Boot")
        .price_cents(500)
        .stock(1)
        .supplier(acme)
        .inactive()
        .create_with_form(&staff);
    let confirm = format!("/admin/suppliers/{acme}/delete");

    let page = staff.get(&confirm);
    assert!(page.body.contains("Delete this supplier?"));
    assert!(
        page.body
            .contains("Its 1 products stay in the catalog, without a supplier.")
    );
    let res = staff.submit(&confirm, &confirm, &[]);

    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), "/admin/suppliers");
    assert!(
        staff
            .get("/admin/suppliers")
            .body
            .contains("The supplier is deleted.")
    );
    assert_eq!(app.count("SELECT count(*) FROM suppliers"), 0);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM products WHERE id = {id} AND supplier_id IS NULL"
        )),
        1
    );
}

#[test]
fn suppliers_are_searched_paged_created_and_edited() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);

    let bad = staff.submit(
        "/admin/suppliers/new",
        "/admin/suppliers",
        &[("name", "Acme"), ("contact", "Ana"), ("email", "not-an-address")],
    );
    bad.assert_status(Status::UnprocessableEntity);
    assert_field_error(&bad.body, "email", "E-mail must be a valid e-mail address.");
    assert_eq!(bad.page().input_value("contact"), "Ana");
    assert_eq!(app.count("SELECT count(*) FROM suppliers"), 0);

    let acme = app.supplier("Acme").create_with_form(&staff);
    for n in 0..21 {
        app.supplier(&format!("Wholesale {n:02}")).create(&staff);
    }
    let rows = |body: &str| Page::parse(body).count(".supplier-name");
    let list = staff.get("/admin/suppliers");
    assert_eq!(rows(&list.body), 20);
    assert!(list.page().has("[href=\"?page=2\"]"));
    let search = staff.get("/admin/suppliers?q=whole");
    assert_eq!(rows(&search.body), 20);
    assert!(search.page().has("[href=\"?q=whole&page=2\"]"));
    assert_eq!(rows(&staff.get("/admin/suppliers?q=whole&page=2").body), 1);
    assert_eq!(rows(&staff.get("/admin/suppliers?q=acm").body), 1);

    let edit = format!("/admin/suppliers/{acme}/edit");
    let taken = staff.submit(&edit, &edit, &[("name", "wholesale 03")]);
    taken.assert_status(Status::UnprocessableEntity);
    assert_field_error(&taken.body, "name", "Name is already used by another supplier.");
    let res = staff.submit(
        &edit,
        &edit,
        &[
            ("name", "Acme Ltd"),
            ("contact", "Ana"),
            ("phone", "+34 600"),
            ("email", "ana@acme.example"),
        ],
    );
    res.assert_status(Status::SeeOther);
    let form = staff.page(&edit);
    assert_eq!(form.input_value("name"), "Acme Ltd");
    assert_eq!(form.input_value("phone"), "+34 600");
    let cleared = staff.submit(&edit, &edit, &[("name", "Acme Ltd"), ("phone", " ")]);
    cleared.assert_status(Status::SeeOther);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM suppliers WHERE id = {acme} AND phone IS NULL AND contact IS NULL"
        )),
        1
    );
}
