//! A real Commonroom server per test: a fresh SQLite file or PostgreSQL database, the real
//! email worker talking SMTP to a sink on loopback, and a client that keeps cookies and
//! sends CSRF tokens the way a browser submitting our forms does.

use std::sync::Mutex;
use std::time::Duration;

use actix_web::web;
use commonroom::config::{Secret, Settings};
use commonroom::db::Db;
use commonroom::startup::Application;
use commonroom::web::AppState;

use super::postgres::{fresh_pg_database, fresh_sqlite_path};
use super::smtp::SmtpSink;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub port: u16,
    pub smtp: SmtpSink,
    pub state: web::Data<AppState>,
    pub database_url: String,
    pub backend: Backend,
    pub dir: tempfile::TempDir,
}

/// A database for a test, on the backend asked for.
pub async fn fresh_database(backend: Backend) -> (tempfile::TempDir, String) {
    match backend {
        Backend::Sqlite => fresh_sqlite_path(),
        Backend::Postgres => (
            tempfile::tempdir().expect("tempdir"),
            fresh_pg_database().await,
        ),
    }
}

/// Settings a test server uses: random port, fast worker, mail to the sink.
pub fn test_settings(
    database_url: &str,
    smtp: Option<&SmtpSink>,
    dir: &std::path::Path,
) -> Settings {
    Settings {
        database_url: database_url.to_string(),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1:0".into(),
        smtp_url: smtp.map(|s| Secret::new(s.url())),
        mail_dir: dir.join("mail"),
        mail_from: "Commonroom <no-reply@commonroom.example>".into(),
        secret_key: Secret::new("test-secret-key-that-is-long-enough-0123456789"),
        pool_size: 8,
        run_worker: true,
        mail_max_attempts: 4,
        mail_poll_ms: 50,
        mail_retry_scale: 0.01,
        log_json: false,
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        if std::env::var("COMMONROOM_TEST_LOG").is_ok() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter("info")
                .with_test_writer()
                .try_init();
        }
        let (dir, database_url) = fresh_database(backend).await;
        let smtp = SmtpSink::start().await;
        let mut settings = test_settings(&database_url, Some(&smtp), dir.path());
        tweak(&mut settings);
        Self::start(backend, settings, smtp, dir).await
    }

    /// Starts a server on existing settings (e.g. a second process on the same database).
    pub async fn start(
        backend: Backend,
        settings: Settings,
        smtp: SmtpSink,
        dir: tempfile::TempDir,
    ) -> TestApp {
        // The base URL must name the real port so links in emails work; bind first, then
        // rebuild with the port known.
        let database_url = settings.database_url.clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("addr").port();
        let mut settings = settings;
        settings.bind = format!("127.0.0.1:{port}");
        settings.base_url = format!("http://127.0.0.1:{port}");
        let app = tokio::task::spawn_blocking(move || Application::build_on(settings, listener))
            .await
            .expect("build task")
            .expect("the application starts");
        let state = app.state();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            url: format!("http://127.0.0.1:{port}"),
            port,
            smtp,
            state,
            database_url,
            backend,
            dir,
        }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.url)
    }

    /// Loads the Northshire demo world (the README's accounts, groups and schools).
    pub async fn seed_demo(&self) {
        self.db(|c| commonroom::demo::seed(c).expect("demo data loads"))
            .await;
    }

    /// A client signed in as a demo account.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        client.sign_in(email, commonroom::demo::PASSWORD).await;
        client
    }

    /// Runs blocking database work against the app's own pool.
    pub async fn db<T: Send + 'static>(&self, f: impl FnOnce(&mut Db) -> T + Send + 'static) -> T {
        let pool = self.state.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().expect("a pooled connection");
            f(&mut conn)
        })
        .await
        .expect("db task")
    }
}

pub struct Page {
    pub status: u16,
    pub url: String,
    pub body: String,
}

impl Page {
    /// The page's text has `needle`, with HTML entities for quotes and ampersands undone.
    pub fn shows(&self, needle: &str) -> bool {
        let text = self
            .body
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&#x3D;", "=");
        text.contains(needle)
    }

    pub fn path(&self) -> String {
        url::Url::parse(&self.url)
            .map(|u| u.path().to_string())
            .unwrap_or_default()
    }
}

pub struct Client {
    pub http: reqwest::Client,
    base: String,
    token: Mutex<Option<String>>,
}

/// The value of the first hidden `csrf_token` field in a page.
pub fn csrf_in(body: &str) -> Option<String> {
    let at = body.find("name=\"csrf_token\" value=\"")?;
    let rest = &body[at + "name=\"csrf_token\" value=\"".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .timeout(Duration::from_secs(30))
                .build()
                .expect("http client"),
            base: base.to_string(),
            token: Mutex::new(None),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    async fn page(&self, res: reqwest::Response) -> Page {
        let status = res.status().as_u16();
        let url = res.url().to_string();
        let body = res.text().await.expect("response body");
        if let Some(t) = csrf_in(&body) {
            *self.token.lock().unwrap() = Some(t);
        }
        Page { status, url, body }
    }

    pub async fn get(&self, path: &str) -> Page {
        let res = self.http.get(self.url(path)).send().await.expect("GET");
        self.page(res).await
    }

    async fn token(&self) -> String {
        if let Some(t) = self.token.lock().unwrap().clone() {
            return t;
        }
        self.get("/signin").await;
        self.token
            .lock()
            .unwrap()
            .clone()
            .expect("a CSRF token on the sign-in page")
    }

    /// Submits a form as our pages do, with the CSRF token; follows the redirect.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.token().await;
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        let res = self
            .http
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .expect("POST");
        self.page(res).await
    }

    /// Submits a form with no CSRF token, as a forged cross-site request would.
    pub async fn post_without_csrf(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .http
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.page(res).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        let page = self
            .post(
                "/signin",
                &[("email", email), ("password", password), ("next", "/")],
            )
            .await;
        assert_eq!(
            page.path(),
            "/",
            "signing in as {email} should land on the dashboard: {}",
            page.body
        );
        page
    }
}

/// Runs each named async test function against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::support::app::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::support::app::Backend::Postgres).await
                }
            }
        )*
    };
}
