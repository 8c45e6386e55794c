//! Delivery of the outbox: over SMTP when `smtp` is configured, otherwise as
//! `.eml` files in `<data_dir>/outbox/`. A message is marked sent only after
//! it was delivered; a failure is retried later with a doubling delay, for
//! ever (capped at an hour), so nothing is lost.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use rocket::tokio::sync::Notify;

use crate::config::{Config, SmtpConfig, SmtpTls};
use crate::db::outbox::{self, Queued};
use crate::db::{self, Db, blocking};
use crate::error::Error;

const MAX_DELAY_SECS: u64 = 3600;
const BATCH: i64 = 50;

/// Managed state: wakes the delivery task after a mail was queued.
#[derive(Clone, Default)]
pub struct Mailer {
    notify: Arc<Notify>,
}

impl Mailer {
    pub fn wake(&self) {
        self.notify.notify_one();
    }
}

enum Delivery {
    Smtp(SmtpTransport),
    Files(PathBuf),
}

fn delivery(config: &Config) -> Result<Delivery, Error> {
    match &config.smtp {
        Some(smtp) => Ok(Delivery::Smtp(smtp_transport(smtp)?)),
        None => Ok(Delivery::Files(config.data_dir.join("outbox"))),
    }
}

fn smtp_transport(smtp: &SmtpConfig) -> Result<SmtpTransport, Error> {
    let builder = match smtp.tls {
        SmtpTls::None => SmtpTransport::builder_dangerous(&smtp.host),
        SmtpTls::Starttls => SmtpTransport::starttls_relay(&smtp.host).map_err(Error::caused)?,
        SmtpTls::Tls => SmtpTransport::relay(&smtp.host).map_err(Error::caused)?,
    };
    let mut builder = builder.port(smtp.port).timeout(Some(Duration::from_secs(20)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

/// The delivery task: runs until `shutdown`.
pub async fn run(db: Db, config: Config, mailer: Mailer, mut shutdown: rocket::Shutdown) {
    let delivery = match delivery(&config) {
        Ok(d) => Arc::new(d),
        Err(e) => {
            rocket::error!("e-mail delivery is not possible: {e}");
            return;
        }
    };
    let poll = Duration::from_secs(config.mail_poll_secs.max(1));
    loop {
        if let Err(e) = deliver_due(&db, &config, &delivery).await {
            rocket::error!("e-mail delivery failed: {e}");
        }
        rocket::tokio::select! {
            _ = mailer.notify.notified() => {}
            _ = rocket::tokio::time::sleep(poll) => {}
            _ = &mut shutdown => break,
        }
    }
}

async fn deliver_due(db: &Db, config: &Config, delivery: &Arc<Delivery>) -> Result<(), Error> {
    let due = db.run(|conn| outbox::due(conn, BATCH)).await?;
    for mail in due {
        let (id, attempts) = (mail.id, mail.attempts);
        let (from, delivery) = (config.mail_from.clone(), delivery.clone());
        let result = blocking(move || deliver(&delivery, &from, &mail)).await;
        match result {
            Ok(()) => db.write(move |tx| outbox::mark_sent(tx, id)).await?,
            Err(e) => {
                let exponent = attempts.clamp(0, 16) as u32;
                let delay = config
                    .mail_retry_secs
                    .saturating_mul(1 << exponent)
                    .min(MAX_DELAY_SECS);
                let next = db::from_now(chrono::Duration::seconds(delay as i64));
                rocket::warn!("e-mail {id} not delivered (attempt {}): {e}", attempts + 1);
                let error = e.to_string();
                db.events.mail_failures.inc();
                db.write(move |tx| outbox::mark_failed(tx, id, &error, &next))
                    .await?;
            }
        }
    }
    Ok(())
}

fn message(from: &str, mail: &Queued) -> Result<Message, Error> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| Error::internal(format!("mail_from: {e}")))?;
    let to: Mailbox = mail.to.parse().map_err(Error::caused)?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(&mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(Error::caused)
}

fn deliver(delivery: &Delivery, from: &str, mail: &Queued) -> Result<(), Error> {
    let message = message(from, mail)?;
    match delivery {
        Delivery::Smtp(transport) => transport.send(&message).map(|_| ()).map_err(Error::caused),
        Delivery::Files(dir) => write_eml(dir, mail, &message.formatted()),
    }
}

/// Writes the file under a temporary name first, so a reader never sees half
/// a message.
fn write_eml(dir: &Path, mail: &Queued, bytes: &[u8]) -> Result<(), Error> {
    let failed =
        |e: std::io::Error| Error::internal(format!("cannot write a mail into {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(failed)?;
    let stamp: String = mail.created_at.chars().filter(char::is_ascii_digit).collect();
    let name = format!("{stamp}-{:06}-{}.eml", mail.id, mail.kind);
    let partial = dir.join(format!(".{name}.partial"));
    std::fs::write(&partial, bytes).map_err(failed)?;
    std::fs::rename(&partial, dir.join(name)).map_err(failed)
}
