//! One way to make each thing a test needs: products, categories and
//! suppliers (through the API, or the back-office form when that form is
//! what a test is about), users' ids, carts, orders and a taxed shop.

use rocket::http::{Method, Status};
use serde_json::{Map, Value, json};

use super::{Agent, Resp, TestApp};

/// A product to make: a name, a price of 10.00 and 10 in stock, active,
/// unless told otherwise.
#[must_use = "a product is made by `create` or `create_with_form`"]
pub struct NewProduct {
    name: String,
    price_cents: i64,
    stock: i64,
    active: bool,
    more: Map<String, Value>,
}

impl NewProduct {
    pub fn price_cents(mut self, cents: i64) -> NewProduct {
        self.price_cents = cents;
        self
    }

    pub fn stock(mut self, stock: i64) -> NewProduct {
        self.stock = stock;
        self
    }

    pub fn inactive(mut self) -> NewProduct {
        self.active = false;
        self
    }

    pub fn category(self, id: i64) -> NewProduct {
        self.with("category_id", json!(id))
    }

    pub fn supplier(self, id: i64) -> NewProduct {
        self.with("supplier_id", json!(id))
    }

    pub fn sku(self, sku: &str) -> NewProduct {
        self.with("sku", json!(sku))
    }

    pub fn description(self, text: &str) -> NewProduct {
        self.with("description", json!(text))
    }

    /// Any other field of the API's product body.
    pub fn with(mut self, field: &str, value: Value) -> NewProduct {
        self.more.insert(field.to_string(), value);
        self
    }

    fn body(&self) -> Value {
        let mut body = json!({"name": self.name, "price_cents": self.price_cents,
                              "stock": self.stock, "active": self.active});
        if let Some(object) = body.as_object_mut() {
            object.extend(self.more.clone());
        }
        body
    }

    /// Made by `staff` through the API: the product's JSON.
    #[track_caller]
    pub fn create_json(self, staff: &Agent<'_>) -> Value {
        let res = staff.post_json("/api/v1/products", self.body());
        res.assert_status(Status::Created);
        res.json()
    }

    /// Made by `staff` through the API: its id.
    #[track_caller]
    pub fn create(self, staff: &Agent<'_>) -> i64 {
        self.create_json(staff)["id"].as_i64().expect("product id")
    }

    /// Made by `staff` with the back office's form: its id.
    #[track_caller]
    pub fn create_with_form(self, staff: &Agent<'_>) -> i64 {
        let price = format!("{}.{:02}", self.price_cents / 100, self.price_cents % 100);
        let stock = self.stock.to_string();
        let mut fields = vec![
            ("name".to_string(), self.name.clone()),
            ("price".to_string(), price),
            ("stock".to_string(), stock),
        ];
        for (key, value) in &self.more {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            fields.push((key.clone(), value));
        }
        if self.active {
            fields.push(("active".into(), "on".into()));
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = staff.submit("/admin/products/new", "/admin/products", &fields);
        res.assert_status(Status::SeeOther);
        id_after(res.location(), "/admin/products/")
    }
}

/// The id at the end of a redirect to `{prefix}{id}`.
#[track_caller]
pub fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not {prefix}<id>: {location}"))
}

/// A category to make, at the top unless given a parent.
#[must_use = "a category is made by `create` or `create_with_form`"]
pub struct NewCategory<'a> {
    app: &'a TestApp,
    name: String,
    parent: Option<i64>,
}

impl NewCategory<'_> {
    pub fn parent(mut self, id: i64) -> Self {
        self.parent = Some(id);
        self
    }

    /// Made by `staff` through the API: its id.
    #[track_caller]
    pub fn create(self, staff: &Agent<'_>) -> i64 {
        let res = staff.post_json(
            "/api/v1/categories",
            json!({"name": self.name, "parent_id": self.parent}),
        );
        res.assert_status(Status::Created);
        res.json()["id"].as_i64().expect("category id")
    }

    /// Made by `staff` with the back office's form: its id.
    #[track_caller]
    pub fn create_with_form(self, staff: &Agent<'_>) -> i64 {
        let parent = self.parent.map(|p| p.to_string()).unwrap_or_default();
        staff
            .submit(
                "/admin/categories/new",
                "/admin/categories",
                &[("name", &self.name), ("parent_id", &parent)],
            )
            .assert_status(Status::SeeOther);
        self.app
            .db()
            .query_row("SELECT id FROM categories WHERE name = ?1", [&self.name], |r| {
                r.get(0)
            })
            .expect("the category is stored")
    }
}

/// A supplier to make, with only a name.
#[must_use = "a supplier is made by `create` or `create_with_form`"]
pub struct NewSupplier<'a> {
    app: &'a TestApp,
    name: String,
}

impl NewSupplier<'_> {
    /// Made by `staff` through the API: its id.
    #[track_caller]
    pub fn create(self, staff: &Agent<'_>) -> i64 {
        let res = staff.post_json("/api/v1/suppliers", json!({"name": self.name}));
        res.assert_status(Status::Created);
        res.json()["id"].as_i64().expect("supplier id")
    }

    /// Made by `staff` with the back office's form: its id.
    #[track_caller]
    pub fn create_with_form(self, staff: &Agent<'_>) -> i64 {
        staff
            .submit(
                "/admin/suppliers/new",
                "/admin/suppliers",
                &[("name", &self.name)],
            )
            .assert_status(Status::SeeOther);
        self.app
            .db()
            .query_row("SELECT id FROM suppliers WHERE name = ?1", [&self.name], |r| {
                r.get(0)
            })
            .expect("the supplier is stored")
    }
}

impl TestApp {
    /// A product named `name`, to describe further and then create.
    pub fn product(&self, name: &str) -> NewProduct {
        NewProduct {
            name: name.to_string(),
            price_cents: 1000,
            stock: 10,
            active: true,
            more: Map::new(),
        }
    }

    pub fn category(&self, name: &str) -> NewCategory<'_> {
        NewCategory {
            app: self,
            name: name.to_string(),
            parent: None,
        }
    }

    pub fn supplier(&self, name: &str) -> NewSupplier<'_> {
        NewSupplier {
            app: self,
            name: name.to_string(),
        }
    }

    #[track_caller]
    pub fn user_id(&self, username: &str) -> i64 {
        self.db()
            .query_row("SELECT id FROM users WHERE username = ?1", [username], |r| {
                r.get(0)
            })
            .expect("the user exists")
    }

    /// The status of `order` as stored.
    #[track_caller]
    pub fn order_status(&self, order: i64) -> String {
        self.db()
            .query_row("SELECT status FROM orders WHERE id = ?1", [order], |r| r.get(0))
            .expect("the order")
    }

    /// The stock of `product` as stored.
    pub fn stock_of(&self, product: i64) -> i64 {
        self.count(&format!("SELECT stock FROM products WHERE id = {product}"))
    }

    /// Tax 21% on top, 4.95 shipping, free from 50.00, and bank details.
    pub fn taxed_shop(&self) {
        let admin = self.token_agent("owner", tienda::auth::Role::Admin);
        admin
            .json(
                Method::Patch,
                "/api/v1/settings",
                json!({"tax_rate_bp": 2100, "prices_include_tax": false, "shipping_fee_cents": 495,
                       "free_shipping_threshold_cents": 5000, "bank_details": "IBAN ES12 3456 7890"}),
            )
            .assert_status(Status::Ok);
    }

    /// A new customer `name` who has bought `quantity` of `product`: the
    /// customer and the order's JSON.
    #[track_caller]
    pub fn order_of(&self, name: &str, product: i64, quantity: i64) -> (Agent<'_>, Value) {
        let customer = self.signed_in(name, tienda::auth::Role::Customer);
        customer.add_to_cart(product, quantity);
        let placed = customer.checkout(&format!("{name}-1"), json!({}));
        placed.assert_status(Status::Created);
        let order = placed.json();
        (customer, order)
    }
}

/// The shipping address every test checkout uses.
pub fn address() -> Value {
    json!({"name": "Ada Lovelace", "line1": "12 Analytical Row", "city": "London",
           "postal_code": "N1 7AA", "country": "United Kingdom"})
}

impl Agent<'_> {
    /// Puts `quantity` of `product` in the cart, as a script would.
    #[track_caller]
    pub fn add_to_cart(&self, product: i64, quantity: i64) {
        self.post_json(
            "/api/v1/cart/items",
            json!({"product_id": product, "quantity": quantity}),
        )
        .assert_status(Status::Ok);
    }

    /// Staff's stock movement of `delta` for `reason`, through the API.
    #[track_caller]
    pub fn move_stock(&self, product: i64, delta: i64, reason: &str) {
        self.post_json(
            &format!("/api/v1/products/{product}/stock"),
            json!({"delta": delta, "reason": reason}),
        )
        .assert_status(Status::Ok);
    }

    /// Staff take `product` off sale, through the API.
    #[track_caller]
    pub fn archive(&self, product: i64) {
        self.json(
            Method::Patch,
            &format!("/api/v1/products/{product}"),
            json!({"active": false}),
        )
        .assert_status(Status::Ok);
    }

    /// A bank-transfer checkout of the cart with the idempotency `key`,
    /// `extra` added to the body.
    pub fn checkout(&self, key: &str, extra: Value) -> Resp {
        self.checkout_asking(&[], key, extra)
    }

    /// The same checkout with more `headers` (`Accept-Language`).
    pub fn checkout_asking(&self, headers: &[(&str, &str)], key: &str, extra: Value) -> Resp {
        let mut body = json!({"shipping_address": address(), "payment_method": "bank_transfer"});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let mut headers = headers.to_vec();
        headers.push(("Idempotency-Key", key));
        self.request_with_headers(Method::Post, "/api/v1/checkout", &headers, Some(body))
    }

    /// An admin sets the shop's `language` setting (`en`, `es`, `auto`),
    /// through the API.
    #[track_caller]
    pub fn set_shop_language(&self, language: &str) {
        self.json(Method::Patch, "/api/v1/settings", json!({"language": language}))
            .assert_status(Status::Ok);
    }
}
