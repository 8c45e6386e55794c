//! The shop's settings page, for admins. Amounts and the tax rate are typed
//! as decimals (`4.95`, `21`) and stored as cents and basis points.

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::form_decimal;
use crate::auth::Admin;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::domain::fields::{add, finish};
use crate::domain::settings::{Settings, SettingsPatch, ShopSettings};
use crate::error::{Error, FieldErrors};
use crate::i18n::{Lang, t};
use crate::money::Cents;
use crate::web::{Layout, Reply, form_error};

/// The form as typed. Fields added since the first version of the page are
/// optional: a field the form did not send stays as it is.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct SettingsForm {
    shop_name: String,
    currency: String,
    tax_rate: String,
    prices_include_tax: Option<String>,
    shipping_fee: String,
    free_shipping_threshold: String,
    bank_details: String,
    unpaid_hold_hours: String,
    max_unpaid_orders: Option<String>,
    timezone: Option<String>,
    low_stock_threshold: Option<String>,
    legal_name: Option<String>,
    address: Option<String>,
    tax_id: Option<String>,
    contact_email: Option<String>,
    phone: Option<String>,
    order_notification_email: Option<String>,
    backup_every_hours: Option<String>,
    backup_keep: Option<String>,
    language: Option<String>,
}

impl SettingsForm {
    fn from_settings(s: &ShopSettings, lang: Lang) -> SettingsForm {
        SettingsForm {
            shop_name: s.shop_name.clone(),
            currency: s.currency.clone(),
            // Basis points read as a percentage with two decimals: 2100 is 21.00.
            tax_rate: form_decimal(lang, Cents(s.tax_rate_bp)),
            prices_include_tax: s.prices_include_tax.then(|| "on".into()),
            shipping_fee: form_decimal(lang, Cents(s.shipping_fee_cents)),
            free_shipping_threshold: s
                .free_shipping_threshold_cents
                .map(|t| form_decimal(lang, Cents(t)))
                .unwrap_or_default(),
            bank_details: s.bank_details.clone(),
            unpaid_hold_hours: s.unpaid_hold_hours.to_string(),
            max_unpaid_orders: Some(s.max_unpaid_orders.to_string()),
            timezone: Some(s.timezone.clone()),
            low_stock_threshold: Some(s.low_stock_threshold.to_string()),
            legal_name: Some(s.legal_name.clone()),
            address: Some(s.address.clone()),
            tax_id: Some(s.tax_id.clone()),
            contact_email: Some(s.contact_email.clone()),
            phone: Some(s.phone.clone()),
            order_notification_email: Some(s.order_notification_email.clone()),
            backup_every_hours: Some(s.backup_every_hours.to_string()),
            backup_keep: Some(s.backup_keep.to_string()),
            language: Some(s.language.clone()),
        }
    }

    fn patch(&self) -> Result<SettingsPatch, Error> {
        let mut errors = FieldErrors::new();
        let mut decimal =
            |field: &str, text: &str| Cents::parse(text).map_err(|e| add(&mut errors, field, e)).ok();
        let tax = decimal("tax_rate", &self.tax_rate);
        let fee = decimal("shipping_fee", &self.shipping_fee);
        let threshold = match self.free_shipping_threshold.trim() {
            "" => Some(None),
            text => decimal("free_shipping_threshold", text).map(Some),
        };
        let mut whole = |field: &str, text: Option<&String>| {
            let number = text?.trim().parse::<i64>();
            if number.is_err() {
                add(&mut errors, field, "must be a whole number");
            }
            number.ok()
        };
        let hours = whole("unpaid_hold_hours", Some(&self.unpaid_hold_hours));
        let max_unpaid = whole("max_unpaid_orders", self.max_unpaid_orders.as_ref());
        let low_stock = whole("low_stock_threshold", self.low_stock_threshold.as_ref());
        let backup_hours = whole("backup_every_hours", self.backup_every_hours.as_ref());
        let backup_keep = whole("backup_keep", self.backup_keep.as_ref());
        finish(errors)?;
        Ok(SettingsPatch {
            shop_name: Some(self.shop_name.clone()),
            currency: Some(self.currency.clone()),
            tax_rate_bp: tax.map(|t| t.0),
            prices_include_tax: Some(self.prices_include_tax.is_some()),
            shipping_fee_cents: fee.map(|f| f.0),
            free_shipping_threshold_cents: threshold.map(|t| t.map(|c| c.0)),
            bank_details: Some(self.bank_details.clone()),
            unpaid_hold_hours: hours,
            max_unpaid_orders: max_unpaid,
            timezone: self.timezone.clone(),
            low_stock_threshold: low_stock,
            legal_name: self.legal_name.clone(),
            address: self.address.clone(),
            tax_id: self.tax_id.clone(),
            contact_email: self.contact_email.clone(),
            phone: self.phone.clone(),
            order_notification_email: self.order_notification_email.clone(),
            backup_every_hours: backup_hours,
            backup_keep,
            language: self.language.clone(),
        })
    }
}

/// The domain names fields in cents and basis points; the form in decimals.
fn form_field(field: &str) -> &str {
    match field {
        "tax_rate_bp" => "tax_rate",
        "shipping_fee_cents" => "shipping_fee",
        "free_shipping_threshold_cents" => "free_shipping_threshold",
        other => other,
    }
}

/// The context of `admin/settings.html`.
#[derive(Serialize)]
struct SettingsPage {
    values: SettingsForm,
}

#[get("/admin/settings")]
fn get_settings(_admin: Admin, layout: Layout, settings: &State<Settings>) -> Reply {
    let values = SettingsForm::from_settings(&settings.current(), layout.lang);
    Reply::page("admin/settings.html", &layout, SettingsPage { values })
}

#[post("/admin/settings", data = "<form>")]
async fn post_settings(
    form: CsrfForm<SettingsForm>,
    _admin: Admin,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let form = form.0;
    let saved = match form.patch() {
        Ok(patch) => db
            .write(move |tx| crate::domain::settings::store(tx, patch))
            .await
            .inspect(|saved| settings.replace(saved.clone())),
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(Reply::redirect(
            "/admin/settings",
            &t(layout.lang, "admin-settings-saved"),
        )),
        Err(Error::Validation { message, fields }) => {
            let fields = fields
                .into_iter()
                .map(|(k, v)| (form_field(&k).to_string(), v))
                .collect();
            let error = Error::Validation { message, fields };
            form_error(
                "admin/settings.html",
                &layout,
                SettingsPage { values: form },
                error,
            )
        }
        Err(other) => Err(other),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_settings, post_settings]
}
