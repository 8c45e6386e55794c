//! `/export/orders.csv`: the order export (`domain::order_csv`) as a
//! download, streamed a chunk of orders at a time so that a year of a big
//! shop's orders never sits in memory at once.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use rocket::http::{ContentType, Header};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use rocket::tokio::io::{AsyncRead, ReadBuf};
use rocket::tokio::sync::mpsc;
use rocket::{Route, State, get, routes};

use crate::api::ApiResult;
use crate::auth::Staff;
use crate::db::Db;
use crate::domain::order_csv::{Export, Filter};
use crate::domain::settings::Settings;
use crate::error_schema::ApiError;

#[utoipa::path(
    tag = "transfer",
    summary = "Orders as CSV, one row per order line",
    description = "Times are the shop's local time (`2026-11-30 14:05`, the zone in the `time_zone` column); \
        amounts are decimals (`12.34`) in the order's `currency`. `from` and `to` are local dates of \
        the order's creation, `to` included.",
    params(
        ("from" = Option<String>, Query, format = Date, description = "placed on or after this local date"),
        ("to" = Option<String>, Query, format = Date, description = "placed on or before this local date"),
        ("status" = Option<String>, Query, pattern = "^(pending_payment|paid|shipped|ready_for_pickup|delivered|cancelled|refunded)?$", description = "only orders in this state"),
        ("q" = Option<String>, Query, description = "an order number, or part of a customer's username or e-mail"),
    ),
    responses(
        (status = 200, description = "order,created,paid,shipped,ready,delivered,cancelled,refunded,time_zone,status,customer,email,ship_name,ship_line1,ship_line2,ship_city,ship_postal_code,ship_country,billing_name,payment_method,shipping_method,coupon,line,sku,name,quantity,unit_price,line_discount,line_tax,line_total,subtotal,discount,shipping,tax,total,currency", content_type = "text/csv", body = String),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/export/orders.csv?<from>&<to>&<status>&<q>")]
async fn get_orders_csv(
    from: Option<&str>,
    to: Option<&str>,
    status: Option<&str>,
    q: Option<&str>,
    _staff: Staff,
    settings: &State<Settings>,
    db: &State<Db>,
) -> ApiResult<CsvStream> {
    let filter = Filter::parse(from, to, status, q)?;
    let tz = settings.current().tz();
    let name = filter.file_name(chrono::Utc::now().with_timezone(&tz).date_naive());
    // The first chunk is read here, so that a database that fails at once
    // answers with an error rather than an empty file.
    let export = Export::new(&filter, tz);
    let first = next_chunk(db, export).await?;
    Ok(CsvStream::start(name, db.inner().clone(), first))
}

/// An export after one more chunk: where it stands and the chunk's bytes.
type Chunk = (Export, Vec<u8>);

async fn next_chunk(db: &Db, mut export: Export) -> Result<Chunk, crate::error::Error> {
    db.run(move |conn| {
        let mut bytes = Vec::new();
        export.next_chunk(conn, &mut bytes)?;
        Ok((export, bytes))
    })
    .await
}

/// The file as it is written: a task reads the chunks, one at a time
/// ahead of the client, and the body reads them from a channel.
pub struct CsvStream {
    name: String,
    body: ChunkReader,
}

impl CsvStream {
    fn start(name: String, db: Db, first: Chunk) -> CsvStream {
        let (tx, rx) = mpsc::channel(1);
        rocket::tokio::spawn(async move {
            let (mut export, bytes) = first;
            if tx.send(Ok(bytes)).await.is_err() {
                return;
            }
            while !export.is_finished() {
                match next_chunk(&db, export).await {
                    Ok((next, bytes)) => {
                        export = next;
                        // The client went away: stop reading.
                        if tx.send(Ok(bytes)).await.is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        rocket::error!("the order export stopped: {e}");
                        // An error, not an end: the client sees a broken
                        // download rather than a file that looks complete.
                        let _ = tx.send(Err(io::Error::other("the export stopped"))).await;
                        return;
                    }
                }
            }
        });
        CsvStream {
            name,
            body: ChunkReader {
                chunks: rx,
                chunk: Vec::new(),
                at: 0,
            },
        }
    }
}

impl<'r> Responder<'r, 'static> for CsvStream {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .header(ContentType::CSV)
            .header(Header::new(
                "Content-Disposition",
                format!("attachment; filename=\"{}\"", self.name),
            ))
            .streamed_body(self.body)
            .ok()
    }
}

/// The chunks of a channel as one body.
struct ChunkReader {
    chunks: mpsc::Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    at: usize,
}

impl AsyncRead for ChunkReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            if self.at < self.chunk.len() {
                let n = buf.remaining().min(self.chunk.len() - self.at);
                let at = self.at;
                buf.put_slice(&self.chunk[at..at + n]);
                self.at += n;
                return Poll::Ready(Ok(()));
            }
            match self.chunks.poll_recv(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => {
                    self.chunk = chunk;
                    self.at = 0;
                }
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Err(e)),
                Poll::Ready(None) => return Poll::Ready(Ok(())),
            }
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_orders_csv]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_orders_csv))]
pub struct Doc;
