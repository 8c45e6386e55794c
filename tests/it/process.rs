//! Processes the tests start: the `tienda` binary, run once (`tienda`,
//! `create_user`) or serving (`Server`), and helpers to wait for them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub const BINARY: &str = env!("CARGO_BIN_EXE_tienda");

/// Waits for `check` to hold, for at most 15 seconds.
pub fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP/1.1 request; returns the status code and the whole answer
/// (head and body).
pub fn http_request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<(u16, String)> {
    http_request_bytes(port, method, path, headers, body.as_bytes())
}

/// `http_request` with a body that need not be text (an image upload).
pub fn http_request_bytes(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    let mut request = request.into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    Some((status, answer))
}

/// A plain HTTP/1.1 GET; returns the status code and the whole answer.
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    http_request(port, "GET", path, &[], "")
}

/// How a run of the binary ended, and what it printed.
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn success(&self) -> bool {
        self.status.success()
    }
}

/// Runs `tienda` on `data_dir` with `args`, and the password (if any) in
/// TIENDA_PASSWORD, as a shop owner would at a terminal.
pub fn tienda(data_dir: &Path, args: &[&str], password: Option<&str>) -> Ran {
    let mut command = Command::new(BINARY);
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("TIENDA_BCRYPT_COST", "4")
        .stdin(Stdio::null());
    match password {
        Some(p) => command.env("TIENDA_PASSWORD", p),
        None => command.env_remove("TIENDA_PASSWORD"),
    };
    let output = command.output().expect("the binary runs");
    Ran {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `tienda user create` of `username` (`{username}@example.com`) with
/// `role` and `password`, which must succeed.
#[track_caller]
pub fn create_user(data_dir: &Path, username: &str, role: &str, password: &str) {
    let email = format!("{username}@example.com");
    let args = ["user", "create", username, "--email", &email, "--role", role];
    let made = tienda(data_dir, &args, Some(password));
    assert!(made.success(), "{}", made.stderr);
}

/// A running `tienda serve`, stopped (by SIGTERM) when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub lines: Vec<String>,
}

impl Server {
    /// The built binary serving from `cwd` (its data in `cwd/tienda-data`).
    pub fn serve(cwd: &Path) -> Server {
        Server::start(Path::new(BINARY), cwd, &[])
    }

    /// Starts the binary at `binary` in `cwd` and waits until it answers.
    pub fn start(binary: &Path, cwd: &Path, args: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(binary)
            .args(args)
            .current_dir(cwd)
            .env("ROCKET_PORT", port.to_string())
            .env("TIENDA_BCRYPT_COST", "4")
            .env_remove("ROCKET_CONFIG")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let start = Instant::now();
        // A demo shop draws its pictures first: on a busy machine that
        // takes longer than an empty shop's start.
        while http_get(port, "/healthz").is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the server did not answer"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // The start-up lines are printed before the first answer.
        std::thread::sleep(Duration::from_millis(100));
        let lines = rx.try_iter().collect();
        Server { child, port, lines }
    }

    pub fn setup_path(&self) -> Option<String> {
        // Ours is the line with the whole link, in any language (Rocket's
        // route list names the path too).
        let line = self
            .lines
            .iter()
            .find(|l| l.contains("://") && l.contains("/setup/"))?;
        let at = line.find("/setup/")?;
        Some(line[at..].trim().to_string())
    }

    /// SIGTERM, then the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "no graceful shutdown");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL, as a crash or the OOM killer would stop it: no shutdown
    /// of any kind. Needs only `&self`, so it can be sent while other
    /// threads still talk to the server.
    pub fn sigkill(&self) {
        let killed = Command::new("kill")
            .args(["-KILL", &self.child.id().to_string()])
            .status();
        assert!(killed.is_ok_and(|s| s.success()), "kill -KILL failed");
    }

    /// Kills the process (if it still runs) and waits for it.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
