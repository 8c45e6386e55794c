//! The command line speaks the shop's language: `tienda backup` and
//! `tienda check` answer in Spanish when the shop's language is `es`, and
//! follow the environment's locale when it is `auto` or there is no shop
//! (a shop that never chose is English).

use std::path::Path;
use std::process::{Command, Stdio};

use crate::process::{BINARY, Ran, create_user};

/// `tienda` on `data_dir` with `args`, with `LANG` (and no `LC_ALL`) as
/// given.
fn tienda_in(lang: &str, data_dir: &Path, args: &[&str]) -> Ran {
    let output = Command::new(BINARY)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env("TIENDA_BCRYPT_COST", "4")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Ran {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Sets the shop's `language` setting, as an admin's settings page would.
fn set_language(data_dir: &Path, language: &str) {
    let conn = rusqlite::Connection::open(data_dir.join("tienda.db")).expect("the shop's database");
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('language', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [language],
    )
    .expect("the setting is stored");
}

#[test]
fn backup_and_check_speak_spanish_in_a_spanish_shop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tienda-data");
    create_user(&data, "ana", "customer", "a long password");
    set_language(&data, "es");

    let copy = dir.path().join("copia.db");
    let backup = tienda_in("C.UTF-8", &data, &["backup", copy.to_str().unwrap()]);
    assert!(backup.success(), "{}", backup.stderr);
    assert!(
        backup.stdout.starts_with("Copia de seguridad de "),
        "{}",
        backup.stdout
    );
    let again = tienda_in("C.UTF-8", &data, &["backup", copy.to_str().unwrap()]);
    assert!(!again.success());
    assert!(
        again.stderr.contains("ya existe; elige un archivo nuevo"),
        "{}",
        again.stderr
    );

    let check = tienda_in("C.UTF-8", &data, &["check"]);
    assert!(check.success(), "{}", check.stderr);
    assert!(
        check.stdout.contains(": correcta (versión del esquema "),
        "{}",
        check.stdout
    );

    // The shop's choice wins over the environment's either way.
    set_language(&data, "en");
    let check = tienda_in("es_ES.UTF-8", &data, &["check"]);
    assert!(check.stdout.contains(": ok (schema version "), "{}", check.stdout);
}

#[test]
fn without_a_shop_or_with_auto_the_locale_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let nothing = tienda_in("es_ES.UTF-8", &dir.path().join("vacio"), &["check"]);
    assert!(!nothing.success());
    assert!(
        nothing.stderr.contains("no hay ninguna base de datos en"),
        "{}",
        nothing.stderr
    );
    let nothing = tienda_in("en_GB.UTF-8", &dir.path().join("empty"), &["check"]);
    assert!(
        nothing.stderr.contains("there is no database at"),
        "{}",
        nothing.stderr
    );

    let data = dir.path().join("tienda-data");
    create_user(&data, "ana", "customer", "a long password");
    let check = tienda_in("es_ES.UTF-8", &data, &["check"]);
    assert!(
        check.stdout.contains(": ok"),
        "a shop is English until told: {}",
        check.stdout
    );
    set_language(&data, "auto");
    let check = tienda_in("es_ES.UTF-8", &data, &["check"]);
    assert!(check.stdout.contains(": correcta"), "{}", check.stdout);
    let check = tienda_in("C.UTF-8", &data, &["check"]);
    assert!(check.stdout.contains(": ok"), "{}", check.stdout);
}

#[test]
fn a_spanish_demo_shop_says_at_start_in_spanish_where_it_serves_and_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = crate::process::Server::start(
        Path::new(BINARY),
        dir.path(),
        &["serve", "--demo", "--language", "es"],
    );
    let said = server.lines.join("\n");
    assert!(said.contains("está sirviendo en http://"), "{said}");
    assert!(said.contains("las contraseñas solo se muestran ahora"), "{said}");
    assert!(said.contains("contraseña"), "{said}");
    // (Rocket's own lines, in English, follow ours.)
    for english in [
        "is serving at",
        "Loaded the demo",
        "passwords shown",
        " password ",
    ] {
        assert!(!said.contains(english), "{english:?} in:\n{said}");
    }
    server.stop();

    // The same data directory again: the Spanish demo stays, and asking
    // for the English one says so instead of quietly serving Spanish.
    let mut again =
        crate::process::Server::start(Path::new(BINARY), dir.path(), &["--demo", "--language", "es"]);
    let said = again.lines.join("\n");
    assert!(!said.contains("ya tiene una tienda"), "{said}");
    again.stop();
    let mut english =
        crate::process::Server::start(Path::new(BINARY), dir.path(), &["--demo", "--language", "en"]);
    let said = english.lines.join("\n");
    assert!(
        said.contains("This data directory already holds a shop, so --demo leaves it as it is"),
        "{said}"
    );
    assert!(said.contains("tienda --demo --language en"), "{said}");
    english.stop();
}
