//! The real binary: the README's first command on a fresh folder, graceful shutdown, and
//! no email lost when the server is killed between commit and send.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::on_both_backends;
use crate::support::app::{fresh_database, Backend, Client};
use crate::support::smtp::SmtpSink;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &std::path::Path, args: &[&str], env: &[(&str, String)]) -> Server {
        let port = free_port();
        let bind = format!("127.0.0.1:{port}");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_commonroom"));
        cmd.current_dir(dir)
            .args(["serve", "--bind", &bind])
            .args(args)
            .env_remove("DATABASE_URL")
            .env(
                "COMMONROOM_SECRET_KEY",
                "process-test-secret-0123456789-abcdefghij",
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("the binary starts");
        Server {
            child,
            url: format!("http://{bind}"),
        }
    }

    /// Starts the binary and waits until it is ready; tries another port if the one picked
    /// was taken in the meantime (the child exits early).
    async fn start_ready(dir: &std::path::Path, args: &[&str], env: &[(&str, String)]) -> Server {
        for _ in 0..3 {
            let mut server = Server::start(dir, args, env);
            if server.wait_ready().await {
                return server;
            }
        }
        panic!("the server did not start on any of three ports");
    }

    async fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = reqwest::get(format!("{}/readyz", self.url)).await {
                if r.status().is_success() {
                    return true;
                }
            }
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            assert!(Instant::now() < deadline, "the server became ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn kill_hard(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_command_serves_the_demo_on_a_fresh_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start_ready(dir.path(), &["--demo"], &[]).await;
    assert!(
        dir.path().join("data/commonroom.db").exists(),
        "SQLite file created in ./data"
    );
    let client = Client::new(&server.url);
    assert!(client.get("/").await.shows("Commonroom"));
    client
        .sign_in("ta@oakfield.example", commonroom::demo::PASSWORD)
        .await;
    assert!(client.get("/").await.shows("North Northshire TA Network"));

    // Without SMTP, email becomes .eml files a newcomer can read.
    let anon = Client::new(&server.url);
    anon.post("/forgot-password", &[("email", "ta@oakfield.example")])
        .await;
    let mail_dir = dir.path().join("data/mail");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_dir(&mail_dir).map(|d| d.count()).unwrap_or(0) == 0 {
        assert!(Instant::now() < deadline, "an .eml file was written");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // SIGTERM: in-flight work finishes and the process exits cleanly.
    let pid = server.child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "the server stopped after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

on_both_backends!(killing_the_server_between_commit_and_send_loses_no_email);

async fn killing_the_server_between_commit_and_send_loses_no_email(backend: Backend) {
    let (dir, database_url) = fresh_database(backend).await;
    let smtp = SmtpSink::start().await;
    let env = [
        ("DATABASE_URL", database_url.clone()),
        ("SMTP_URL", smtp.url()),
    ];

    // The first process commits the sign-up and its email, then dies before sending it.
    let first = Server::start_ready(dir.path(), &["--no-worker"], &env).await;
    let client = Client::new(&first.url);
    let page = client
        .post(
            "/signup",
            &[
                ("email", "durable@school.example"),
                ("display_name", "Dee"),
                ("password", "lantern meadow copper"),
            ],
        )
        .await;
    assert!(page.shows("Check your email"));
    first.kill_hard();
    assert!(smtp.messages().is_empty());

    // After a restart the email goes out.
    let _second = Server::start_ready(dir.path(), &[], &env).await;
    smtp.wait_for_to("durable@school.example", "Confirm your email")
        .await;
}

#[test]
fn scan_jsonl_scores_lines_in_order_and_reports_bad_ones() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_commonroom"))
        .args(["scan", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "{\"id\": \"a\", \"text\": \"Has anyone used Colourful Semantics in Year 1?\"}\n\
             {\"id\": 2, \"text\": \"Zoë in 3B said her NHS number is 943 476 5919\"}\n\
             {\"id\": \"c\"}\n"
                .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["verdict"], "allow");
    assert_eq!(lines[1]["id"], 2);
    assert_eq!(lines[1]["verdict"], "block");
    let spans = lines[1]["spans"].as_array().unwrap();
    let zoe = spans.iter().find(|s| s["type"] == "CHILD_NAME").unwrap();
    assert_eq!(
        (zoe["start"].as_u64(), zoe["end"].as_u64()),
        (Some(0), Some(3)),
        "offsets count characters: Zoë is 3"
    );
    assert!(spans.iter().any(|s| s["type"] == "NHS_NUMBER"));
    assert_eq!(lines[2]["id"], "c");
    assert!(lines[2]["error"].is_string());
}

#[test]
fn the_cli_imports_gias_files_all_or_nothing_and_names_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db").display().to_string();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_commonroom"))
            .args(args)
            .env("DATABASE_URL", &db)
            .env(
                "COMMONROOM_SECRET_KEY",
                "cli-test-secret-0123456789-abcdefghijkl",
            )
            .output()
            .unwrap()
    };
    assert!(run(&["seed", "--demo"]).status.success());
    let header = "URN,EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode,DistrictAdministrative (name)\n";
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, format!("{header}400001,Good School,Open,Primary,NS1 1AA,\n4000X2,Bad Urn,Open,Primary,NS1 1AA,\n")).unwrap();
    let out = run(&[
        "import-schools",
        "--authority",
        "northshire-county-council",
        bad.to_str().unwrap(),
    ]);
    assert!(!out.status.success(), "bad rows fail the command");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("row 3:") && stderr.contains("nothing was imported"),
        "{stderr}"
    );

    let good = dir.path().join("good.csv");
    std::fs::write(&good, format!("{header}400001,Good School,Open,Primary,NS1 1AA,\n400002,Other School,Open,Secondary,NS2 2BB,\n")).unwrap();
    let out = run(&[
        "import-schools",
        "--authority",
        "northshire-county-council",
        good.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 added, 0 updated"));
    let again = run(&[
        "import-schools",
        "--authority",
        "northshire-county-council",
        good.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 updated, 2 unchanged"));
}

#[test]
fn admin_commands_create_an_authority_reset_a_password_and_deactivate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("admin.db").display().to_string();
    let run = |args: &[&str], password: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_commonroom"));
        cmd.args(args).env("DATABASE_URL", &db);
        if let Some(p) = password {
            cmd.env("COMMONROOM_ADMIN_PASSWORD", p);
        }
        cmd.output().unwrap()
    };
    let out = run(
        &[
            "admin",
            "create-authority",
            "--name",
            "Southvale Borough Council",
            "--admin-email",
            "lead@southvale.example",
            "--admin-name",
            "Lee Admin",
        ],
        Some("quartz meadow lantern"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let weak = run(
        &[
            "admin",
            "reset-password",
            "--email",
            "lead@southvale.example",
        ],
        Some("password"),
    );
    assert!(!weak.status.success(), "a weak password is refused");
    let out = run(
        &[
            "admin",
            "reset-password",
            "--email",
            "lead@southvale.example",
        ],
        None,
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("New password:"),
        "a generated password is shown once"
    );
    let out = run(
        &["admin", "deactivate", "--email", "lead@southvale.example"],
        None,
    );
    assert!(out.status.success());
    let missing = run(
        &["admin", "deactivate", "--email", "nobody@southvale.example"],
        None,
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no account with that email"));

    let pool = commonroom::db::build_pool(&db, 1).unwrap();
    let mut conn = pool.get().unwrap();
    let user = commonroom::accounts::queries::find_by_email(&mut conn, "lead@southvale.example")
        .unwrap()
        .unwrap();
    assert!(user.deactivated_at.is_some());
    let viewer = commonroom::accounts::sessions::viewer_of(&mut conn, user).unwrap();
    assert_eq!(
        viewer.administered_authorities().len(),
        1,
        "the first admin of the new authority"
    );
}
