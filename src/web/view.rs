//! A page as a handler answers it: a template and its context, rendered
//! when the answer is sent, with the templates that `rocket_dyn_templates`
//! loaded at ignition (`assets::templates`).
//!
//! `Template::render` would convert the context twice more, into figment's
//! values and then into Tera's, which took a sixth of a catalog page's
//! time; the context here goes to Tera as the JSON it already is.

use std::sync::{Arc, RwLock};

use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder, content::RawHtml};
use serde_json::Value;

/// The loaded templates, shared with the template fairing, which fills it
/// at ignition (and again when it reloads changed templates in a debug
/// build).
#[derive(Clone, Default)]
pub struct Engine(Arc<RwLock<Option<Arc<tera::Tera>>>>);

impl Engine {
    pub fn load(&self, tera: &tera::Tera) {
        let loaded = Some(Arc::new(tera.clone()));
        match self.0.write() {
            Ok(mut slot) => *slot = loaded,
            Err(poisoned) => *poisoned.into_inner() = loaded,
        }
    }

    fn current(&self) -> Option<Arc<tera::Tera>> {
        match self.0.read() {
            Ok(slot) => slot.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

/// A template (`shop/catalog.html`) with its context, a JSON map.
pub struct View {
    pub template: &'static str,
    pub context: Value,
}

impl<'r> Responder<'r, 'static> for View {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let Some(tera) = req.rocket().state::<Engine>().and_then(Engine::current) else {
            rocket::error!("no templates are loaded to render {}", self.template);
            return Err(Status::InternalServerError);
        };
        let rendered = tera::Context::from_value(self.context)
            .and_then(|context| tera::Tera::render(&tera, self.template, &context));
        match rendered {
            Ok(html) => RawHtml(html).respond_to(req),
            Err(e) => {
                // Tera's error names the template and line; its cause, the
                // missing variable or failed filter, is in the source chain.
                let mut message = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(cause) = source {
                    message.push_str(&format!(": {cause}"));
                    source = cause.source();
                }
                rocket::error!("{message}");
                Err(Status::InternalServerError)
            }
        }
    }
}
