//! The shop's settings page, for admins. Amounts and the tax rate are typed
//! as decimals (`4.95`, `21`) and stored as cents and basis points.

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::Admin;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::domain::fields::{add, finish};
use crate::domain::settings::{Settings, SettingsPatch, ShopSettings};
use crate::error::{Error, FieldErrors};
use crate::money::Cents;
use crate::web::{Layout, Reply, form_error};

/// The form as typed.
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
}

impl SettingsForm {
    fn from_settings(s: &ShopSettings) -> SettingsForm {
        SettingsForm {
            shop_name: s.shop_name.clone(),
            currency: s.currency.clone(),
            // Basis points read as a percentage with two decimals: 2100 is 21.00.
            tax_rate: Cents(s.tax_rate_bp).to_string(),
            prices_include_tax: s.prices_include_tax.then(|| "on".into()),
            shipping_fee: Cents(s.shipping_fee_cents).to_string(),
            free_shipping_threshold: s
                .free_shipping_threshold_cents
                .map(|t| Cents(t).to_string())
                .unwrap_or_default(),
            bank_details: s.bank_details.clone(),
            unpaid_hold_hours: s.unpaid_hold_hours.to_string(),
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
        let hours = self.unpaid_hold_hours.trim().parse::<i64>();
        if hours.is_err() {
            add(
                &mut errors,
                "unpaid_hold_hours",
                "must be a whole number of hours",
            );
        }
        finish(errors)?;
        Ok(SettingsPatch {
            shop_name: Some(self.shop_name.clone()),
            currency: Some(self.currency.clone()),
            tax_rate_bp: tax.map(|t| t.0),
            prices_include_tax: Some(self.prices_include_tax.is_some()),
            shipping_fee_cents: fee.map(|f| f.0),
            free_shipping_threshold_cents: threshold.map(|t| t.map(|c| c.0)),
            bank_details: Some(self.bank_details.clone()),
            unpaid_hold_hours: hours.ok(),
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
    let values = SettingsForm::from_settings(&settings.current());
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
        Ok(_) => Ok(Reply::redirect("/admin/settings", "The settings are saved.")),
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
