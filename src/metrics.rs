//! `GET /metrics`: what the shop is doing, in the Prometheus text format.
//! Off (404) unless the setting `metrics_token` is set; then it answers
//! only `Authorization: Bearer <metrics_token>`.
//!
//! Requests are counted by route template (`/products/<key>`, not each
//! product's path) and status, with a latency histogram per route, in a
//! response fairing; the counts of what the shop did (orders, backups,
//! failed e-mails, the writer's queue and batches) live beside the
//! database handle, and the pool and the outbox are read when scraped.

use std::time::Instant;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Header};
use rocket::request::{FromRequest, Outcome};
use rocket::serde::json::Json;
use rocket::{Data, Request, Responder, Response, Route, State, get, routes};

use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use crate::error_schema::ApiError;
use crate::token::constant_time_eq;

/// Managed state and the fairing that counts requests; cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_max: IntGauge,
    pool_open: IntGauge,
    pool_idle: IntGauge,
    outbox_backlog: IntGauge,
    outbox_failing: IntGauge,
}

impl Metrics {
    /// The metrics of the shop whose database is `db`.
    pub fn new(db: &Db) -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("tienda_http_requests_total", "HTTP requests answered"),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "tienda_http_request_duration_seconds",
                "Time from a request's arrival to its answer",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["method", "route"],
        )?;
        let gauge = |name: &str, help: &str| IntGauge::new(name, help);
        let metrics = Metrics {
            requests,
            latency,
            pool_max: gauge("tienda_db_read_pool_max", "Read connections the pool may open")?,
            pool_open: gauge("tienda_db_read_pool_open", "Read connections open")?,
            pool_idle: gauge("tienda_db_read_pool_idle", "Read connections open and idle")?,
            outbox_backlog: gauge("tienda_outbox_backlog", "E-mails queued and not yet delivered")?,
            outbox_failing: gauge(
                "tienda_outbox_failing",
                "Undelivered e-mails whose last delivery attempt failed",
            )?,
            registry,
        };
        let r = &metrics.registry;
        r.register(Box::new(metrics.requests.clone()))?;
        r.register(Box::new(metrics.latency.clone()))?;
        for gauge in [
            &metrics.pool_max,
            &metrics.pool_open,
            &metrics.pool_idle,
            &metrics.outbox_backlog,
            &metrics.outbox_failing,
            &db.writes.queued,
        ] {
            r.register(Box::new(gauge.clone()))?;
        }
        r.register(Box::new(db.writes.batch_sizes.clone()))?;
        for counter in [
            &db.events.orders_placed,
            &db.events.backups_taken,
            &db.events.mail_failures,
        ] {
            r.register(Box::new(counter.clone()))?;
        }
        Ok(metrics)
    }

    /// The text exposition, with the pool and the outbox as they are now.
    async fn render(&self, db: &Db) -> Result<String, Error> {
        let pool = db.pool_use();
        self.pool_max.set(pool.max.into());
        self.pool_open.set(pool.open.into());
        self.pool_idle.set(pool.idle.into());
        let (backlog, failing) = db.run(|conn| crate::db::outbox::backlog(conn)).await?;
        self.outbox_backlog.set(backlog);
        self.outbox_failing.set(failing);
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut text)
            .map_err(Error::caused)?;
        String::from_utf8(text).map_err(Error::caused)
    }
}

/// When the request arrived, for its latency.
struct Arrived(Instant);

#[rocket::async_trait]
impl Fairing for Metrics {
    fn info(&self) -> Info {
        Info {
            name: "metrics",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Arrived(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let elapsed = req.local_cache(|| Arrived(Instant::now())).0.elapsed();
        // Requests no route matched are counted together: their paths are
        // whatever anyone sends.
        let route = req.route().map_or("(none)", |r| r.uri.path());
        let method = req.method().as_str();
        let status = res.status().code.to_string();
        self.requests
            .with_label_values(&[method, route, status.as_str()])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(elapsed.as_secs_f64());
    }
}

/// The request's `Authorization: Bearer <metrics_token>`, or why not.
pub enum Scraper {
    Allowed,
    Refused,
    Off,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Scraper {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let token = req
            .rocket()
            .state::<Config>()
            .and_then(|c| c.metrics_token.as_deref());
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Outcome::Success(Scraper::Off);
        };
        let sent = req
            .headers()
            .get_one("Authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        Outcome::Success(match sent {
            Some(sent) if constant_time_eq(sent, token) => Scraper::Allowed,
            _ => Scraper::Refused,
        })
    }
}

/// What `/metrics` answers; its refusals in API.md's error shape, as a
/// script expects, whatever the path.
#[derive(Responder)]
pub enum MetricsReply {
    Text(String, ContentType),
    #[response(status = 401)]
    Refused(Json<serde_json::Value>, Header<'static>),
    #[response(status = 404)]
    Off(Json<serde_json::Value>),
}

#[utoipa::path(
    tag = "operations",
    summary = "The shop's metrics in the Prometheus text format",
    description = "Requests by route template and status, latency histograms, orders placed, the \
                   database writer's queue and batch sizes, the read pool, the e-mail outbox and \
                   backups taken. Off (404) unless the setting `metrics_token` is set; the bearer \
                   token is that setting, not an API token.",
    servers((url = "/")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "the metrics", content_type = "text/plain", body = String),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/metrics")]
async fn get_metrics(
    scraper: Scraper,
    metrics: &State<Metrics>,
    db: &State<Db>,
) -> Result<MetricsReply, Error> {
    match scraper {
        Scraper::Off => Ok(MetricsReply::Off(Json(Error::NotFound.to_json()))),
        Scraper::Refused => Ok(MetricsReply::Refused(
            Json(Error::Unauthenticated.to_json()),
            Header::new("WWW-Authenticate", "Bearer"),
        )),
        Scraper::Allowed => Ok(MetricsReply::Text(
            metrics.render(db).await?,
            ContentType::new("text", "plain").with_params([("version", "0.0.4"), ("charset", "utf-8")]),
        )),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_metrics]
}

/// `/metrics`, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_metrics))]
pub struct Doc;
