//! The back office's CSV page: uploading an import, its bad lines, the
//! export, and who may reach them.

use rocket::http::Status;

use crate::helpers::{Agent, FilePart, Resp, TestApp, csrf_token};
use crate::transfer::GOOD;
use tienda::auth::Role;

fn upload_csv(agent: &Agent<'_>, csv: &str, with_token: bool) -> Resp {
    let page = agent.get("/admin/import");
    page.assert_status(Status::Ok);
    let token = csrf_token(&page.body, "/admin/import");
    let fields: Vec<(&str, &str)> = if with_token {
        vec![("_csrf", token.as_str())]
    } else {
        vec![]
    };
    let file = FilePart {
        field: "file",
        file_name: "products.csv",
        content_type: "text/csv",
        bytes: csv.as_bytes(),
    };
    agent.post_multipart("/admin/import", &fields, &file)
}

#[test]
fn the_back_office_imports_an_uploaded_file_and_lists_bad_lines() {
    let app = TestApp::new();
    let staff = app.signed_in_with_form("stocker", Role::Staff);

    let bad = upload_csv(
        &staff,
        "name,price,stock\nGood,1.00,1\n,1.00,1\nPrice,abc,1\n",
        true,
    );
    bad.assert_status(Status::UnprocessableEntity);
    assert!(bad.body.contains("line 3: name: is required"), "{}", bad.body);
    assert!(bad.body.contains("line 4: price: must be an amount like 12.34"));
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);

    upload_csv(&staff, GOOD, false).assert_status(Status::Forbidden);
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);

    let done = upload_csv(&staff, GOOD, true);
    assert_eq!(done.location(), "/admin/products");
    assert!(
        staff
            .get("/admin/products")
            .body
            .contains("Imported: 2 created, 0 updated.")
    );

    let export = staff.get("/admin/export/products.csv");
    export.assert_status(Status::Ok);
    assert!(
        export
            .header("Content-Disposition")
            .unwrap()
            .contains("products.csv")
    );
    assert!(export.body.contains("MUG-1,Mug"));
}

#[test]
fn only_staff_reach_the_import_page() {
    let app = TestApp::new();
    let anonymous = app.agent();
    let res = anonymous.get("/admin/import");
    assert_eq!(res.location(), "/login?next=%2Fadmin%2Fimport");
    let customer = app.agent();
    customer.register("carla");
    customer.get("/admin/import").assert_status(Status::Forbidden);
    customer
        .get("/admin/export/products.csv")
        .assert_status(Status::Forbidden);
}

#[test]
fn a_row_with_a_column_too_many_is_reported_not_shifted() {
    let app = TestApp::new();
    let staff = app.agent();
    app.create_user("stocker", Role::Staff);
    staff.login("stocker", crate::helpers::PASSWORD);
    // A Spanish `12,50` left unquoted in a comma-separated file.
    let csv = "sku,name,description,price,stock,category,supplier,active
OK-1,Fine,,1.00,1,Home,Acme,true
X9,Comma price,,12,50,1,Home,Acme,true
OK-2,Short,,1.00,1
";
    let bad = upload_csv(&staff, csv, true);

    bad.assert_status(Status::UnprocessableEntity);
    assert!(
        bad.body.contains("line 3: has 9 columns, the header has 8"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("line 4: has 5 columns, the header has 8"));
    assert!(!bad.body.contains("line 2"), "{}", bad.body);
    assert_eq!(app.count("SELECT count(*) FROM products"), 0, "nothing imported");
    assert_eq!(app.count("SELECT count(*) FROM categories"), 0);
    assert_eq!(app.count("SELECT count(*) FROM suppliers"), 0);
}
