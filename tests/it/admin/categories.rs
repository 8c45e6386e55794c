//! The back office's category pages: the tree, moving and deleting.

use rocket::http::Status;

use super::assert_field_error;
use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn a_category_with_products_is_not_deleted() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let shoes = app.category("Shoes").create_with_form(&staff);
    let empty = app.category("Empty").create_with_form(&staff);
    app.product("Boot")
        .price_cents(500)
        .stock(1)
        .category(shoes)
        .inactive()
        .create_with_form(&staff);
    let confirm = format!("/admin/categories/{shoes}/delete");

    let res = staff.submit(&confirm, &confirm, &[]);

    res.assert_status(Status::Conflict);
    assert!(
        res.body
            .contains("the category still has 1 products and 0 subcategories; move them first"),
        "{}",
        res.body
    );
    assert_eq!(app.count("SELECT count(*) FROM categories"), 2);

    let confirm = format!("/admin/categories/{empty}/delete");
    assert!(staff.get(&confirm).body.contains("Delete this category?"));
    let res = staff.submit(&confirm, &confirm, &[]);
    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), "/admin/categories");
    assert!(
        staff
            .get("/admin/categories")
            .body
            .contains("The category is deleted.")
    );
    assert_eq!(app.count("SELECT count(*) FROM categories"), 1);
}

#[test]
fn categories_show_as_a_tree_and_cannot_move_under_themselves() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let shoes = app.category("Shoes").create_with_form(&staff);
    let boots = app.category("Boots").parent(shoes).create_with_form(&staff);
    let winter = app
        .category("Winter boots")
        .parent(boots)
        .create_with_form(&staff);
    app.category("Hats").create_with_form(&staff);
    app.product("Boot")
        .price_cents(500)
        .stock(1)
        .category(boots)
        .create_with_form(&staff);
    app.product("Old boot")
        .price_cents(500)
        .stock(1)
        .category(boots)
        .inactive()
        .create_with_form(&staff);

    let list = staff.page("/admin/categories");
    let at = |name: &str| list.position("a", name).unwrap_or_else(|| panic!("{name}"));
    assert!(at("Hats") < at("Shoes") && at("Shoes") < at("Boots") && at("Boots") < at("Winter boots"));
    let mark = "td.depth-1 > span.tree-mark[aria-hidden=\"true\"]:first-child";
    assert_eq!(list.select_text(mark).as_deref(), Some("└"));
    assert!(list.has(&format!("{mark} + a[href=\"/admin/products?category={boots}\"]")));
    assert!(list.has("td.depth-2"));
    let boots_row = list
        .row_of("tr", "a", "Boots", "td.num")
        .expect("the row of Boots");
    assert!(
        boots_row.windows(2).any(|pair| pair == ["2", "1"]),
        "2 products, 1 subcategory: {boots_row:?}"
    );

    let edit = format!("/admin/categories/{boots}/edit");
    let form = staff.page(&edit);
    assert_eq!(
        form.select_text(&format!("option[value=\"{shoes}\"][selected]"))
            .as_deref(),
        Some("Shoes")
    );
    assert!(!form.has(&format!("option[value=\"{boots}\"]")), "not itself");
    assert!(
        !form.has(&format!("option[value=\"{winter}\"]")),
        "nor below itself"
    );

    let w = winter.to_string();
    let res = staff.submit(&edit, &edit, &[("name", "Boots"), ("parent_id", &w)]);
    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(
        &res.body,
        "parent_id",
        "Parent cannot be the category itself or one of its subcategories.",
    );
    let res = staff.submit(&edit, &edit, &[("name", "Hats"), ("parent_id", "")]);
    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(
        &res.body,
        "name",
        "Name is already used by another category here.",
    );
    let res = staff.submit(&edit, &edit, &[("name", "  "), ("parent_id", "")]);
    assert_field_error(&res.body, "name", "Name is required.");

    let res = staff.submit(&edit, &edit, &[("name", "Boots & more"), ("parent_id", "")]);
    res.assert_status(Status::SeeOther);
    assert!(
        staff
            .get("/admin/categories")
            .body
            .contains("The category “Boots &amp; more” is saved.")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM categories WHERE id = {boots} AND parent_id IS NULL"
        )),
        1
    );
}
