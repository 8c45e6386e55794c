//! A page as a handler answers it: a template and its context, rendered
//! when the answer is sent, with the templates of `assets::templates`.
//!
//! `Template::render` would convert the context twice more, into figment's
//! values and then into Tera's, which took a sixth of a catalog page's
//! time; the context here goes to Tera as the JSON it already is.
//!
//! Parsing the templates takes a fifth of a second, four times the whole
//! start of the shop, so the built-in ones are parsed while the shop
//! already answers: `/healthz` and the JSON API at once, pages as soon as
//! the templates are ready (`WaitForTemplates`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use rocket::Data;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder, content::RawHtml};
use rocket::tokio::sync::Notify;
use serde_json::Value;

/// What parsing the templates gave: the templates, or why there are none.
type Loaded = Result<Arc<tera::Tera>, String>;

/// The loaded templates, shared with the template fairing, which fills it
/// once they are parsed.
#[derive(Clone, Default)]
pub struct Engine(Arc<Slot>);

#[derive(Default)]
struct Slot {
    loaded: RwLock<Option<Loaded>>,
    /// Set once `loaded` is: what every request asks, without the lock.
    is_settled: AtomicBool,
    settled: Notify,
}

impl Engine {
    pub fn load(&self, loaded: Result<tera::Tera, String>) {
        let loaded = Some(loaded.map(Arc::new));
        match self.0.loaded.write() {
            Ok(mut slot) => *slot = loaded,
            Err(poisoned) => *poisoned.into_inner() = loaded,
        }
        self.0.is_settled.store(true, Ordering::Release);
        self.0.settled.notify_waiters();
    }

    fn current(&self) -> Option<Loaded> {
        match self.0.loaded.read() {
            Ok(slot) => slot.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Whether the templates were parsed, well or not.
    pub fn settled(&self) -> bool {
        self.0.is_settled.load(Ordering::Acquire)
    }

    /// Returns once the templates are parsed, well or not.
    async fn until_settled(&self) {
        loop {
            // Made before the check: `notify_waiters` wakes it from then on.
            let settled = self.0.settled.notified();
            if self.settled() {
                return;
            }
            settled.await;
        }
    }
}

/// Holds back the requests that may answer with a page until the
/// templates are parsed; `/healthz`, the JSON API and the metrics never
/// wait for them.
pub struct WaitForTemplates;

#[rocket::async_trait]
impl Fairing for WaitForTemplates {
    fn info(&self) -> Info {
        Info {
            name: "wait for the templates",
            kind: Kind::Request,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        let Some(engine) = req.rocket().state::<Engine>() else {
            return;
        };
        if engine.settled() {
            return;
        }
        let path = req.uri().path();
        let pageless = path == "/healthz" || path == "/metrics" || path.starts_with("/api/");
        if !pageless {
            engine.until_settled().await;
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
        let tera = match req.rocket().state::<Engine>().and_then(Engine::current) {
            Some(Ok(tera)) => tera,
            Some(Err(why)) => {
                rocket::error!("cannot render {}: {why}", self.template);
                return Err(Status::InternalServerError);
            }
            None => {
                rocket::error!("no templates are loaded to render {}", self.template);
                return Err(Status::InternalServerError);
            }
        };
        let rendered = tera::Context::from_value(self.context)
            .and_then(|context| tera::Tera::render(&tera, self.template, &context));
        match rendered {
            Ok(html) => RawHtml(html).respond_to(req),
            Err(e) => {
                rocket::error!("{}", error_chain(&e));
                Err(Status::InternalServerError)
            }
        }
    }
}

/// Tera's error with its causes: the error names the template and line,
/// its causes the missing variable, failed filter or parse error.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}
