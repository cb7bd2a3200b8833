//! Settings: built-in defaults, then an optional TOML file, then environment variables and
//! command-line flags (clap reads both). Secrets are typed so they never print.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use serde::Deserialize;

/// A value that must never reach a log line.
#[derive(Clone, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Settings shared by every subcommand: where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// TOML file with any of the settings below (keys as the long flag names with `_`).
    #[arg(long, env = "COMMONROOM_CONFIG", global = true)]
    pub config: Option<PathBuf>,

    /// Database: a SQLite file path (default `./data/commonroom.db`, created on first start)
    /// or a `postgres://user:pass@host/db` URL.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
}

/// Settings for `serve`.
#[derive(Debug, Clone, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, env = "COMMONROOM_BIND")]
    pub bind: Option<String>,

    /// Public base URL used in email links (default http://<bind>).
    #[arg(long, env = "COMMONROOM_BASE_URL")]
    pub base_url: Option<String>,

    /// SMTP server for outgoing mail, e.g. `smtp://127.0.0.1:25` or
    /// `smtps://user:pass@mail.example:465`. Without it, mail is written as .eml files.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Folder for .eml files when no SMTP server is set (default ./data/mail).
    #[arg(long, env = "COMMONROOM_MAIL_DIR")]
    pub mail_dir: Option<PathBuf>,

    /// The From address of every email.
    #[arg(long, env = "COMMONROOM_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// 32+ character secret that signs CSRF tokens; every node must share it. Without it a
    /// random one is generated and kept in the data folder.
    #[arg(long, env = "COMMONROOM_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,

    /// Database connections per process (default 16).
    #[arg(long, env = "COMMONROOM_POOL_SIZE")]
    pub pool_size: Option<u32>,

    /// Don't run the background email worker in this process.
    #[arg(long, env = "COMMONROOM_NO_WORKER")]
    pub no_worker: bool,

    /// Send attempts before an email is marked as permanently failed (default 8).
    #[arg(long, env = "COMMONROOM_MAIL_MAX_ATTEMPTS")]
    pub mail_max_attempts: Option<i32>,

    /// Log format: `text` (default) or `json`.
    #[arg(long, env = "COMMONROOM_LOG_FORMAT")]
    pub log_format: Option<String>,
}

/// The same settings as they may appear in the TOML file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    bind: Option<String>,
    base_url: Option<String>,
    smtp_url: Option<String>,
    mail_dir: Option<PathBuf>,
    mail_from: Option<String>,
    secret_key: Option<Secret>,
    pool_size: Option<u32>,
    worker: Option<bool>,
    mail_max_attempts: Option<i32>,
    log_format: Option<String>,
}

/// Everything the running service needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub bind: String,
    pub base_url: String,
    pub smtp_url: Option<Secret>,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub secret_key: Secret,
    pub pool_size: u32,
    pub run_worker: bool,
    pub mail_max_attempts: i32,
    /// How often the worker looks for due email, in milliseconds.
    pub mail_poll_ms: u64,
    /// Multiplies the retry backoff (1.0 in service; tests shrink it).
    pub mail_retry_scale: f64,
    pub log_json: bool,
}

pub const DEFAULT_DATABASE: &str = "./data/commonroom.db";

impl Settings {
    /// Resolves defaults < TOML file < environment/flags.
    pub fn resolve(data: &DataArgs, serve: &ServeArgs) -> anyhow::Result<Settings> {
        let file = match &data.config {
            Some(path) => read_file(path)?,
            None => FileSettings::default(),
        };
        let database_url = data
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE.to_string());
        let bind = serve
            .bind
            .clone()
            .or(file.bind)
            .unwrap_or_else(|| "127.0.0.1:8080".to_string());
        let base_url = serve
            .base_url
            .clone()
            .or(file.base_url)
            .unwrap_or_else(|| format!("http://{bind}"));
        let data_dir = data_dir_for(&database_url);
        let secret_key = match serve
            .secret_key
            .clone()
            .map(Secret::new)
            .or(file.secret_key)
        {
            Some(s) => s,
            None => load_or_create_secret(&data_dir)?,
        };
        if secret_key.expose().len() < 32 {
            anyhow::bail!("the secret key must be at least 32 characters long");
        }
        Ok(Settings {
            database_url,
            bind,
            base_url: base_url.trim_end_matches('/').to_string(),
            smtp_url: serve.smtp_url.clone().or(file.smtp_url).map(Secret::new),
            mail_dir: serve
                .mail_dir
                .clone()
                .or(file.mail_dir)
                .unwrap_or_else(|| data_dir.join("mail")),
            mail_from: serve
                .mail_from
                .clone()
                .or(file.mail_from)
                .unwrap_or_else(|| "Commonroom <no-reply@commonroom.example>".to_string()),
            secret_key,
            pool_size: serve.pool_size.or(file.pool_size).unwrap_or(16),
            run_worker: !serve.no_worker && file.worker.unwrap_or(true),
            mail_max_attempts: serve
                .mail_max_attempts
                .or(file.mail_max_attempts)
                .unwrap_or(8),
            mail_poll_ms: 500,
            mail_retry_scale: 1.0,
            log_json: serve.log_format.clone().or(file.log_format).as_deref() == Some("json"),
        })
    }

    /// Cookies get the Secure flag when the service is reached over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

fn read_file(path: &Path) -> anyhow::Result<FileSettings> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the settings file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("in the settings file {}", path.display()))
}

/// The folder beside a SQLite file (or ./data for PostgreSQL) for mail and the secret.
fn data_dir_for(database_url: &str) -> PathBuf {
    if crate::db::Backend::of_url(database_url) == crate::db::Backend::Sqlite {
        let path = Path::new(
            database_url
                .strip_prefix("sqlite://")
                .unwrap_or(database_url),
        );
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => return p.to_path_buf(),
            _ => return PathBuf::from("."),
        }
    }
    PathBuf::from("./data")
}

fn load_or_create_secret(dir: &Path) -> anyhow::Result<Secret> {
    let path = dir.join("secret.key");
    if let Ok(s) = std::fs::read_to_string(&path) {
        let s = s.trim().to_string();
        if s.len() >= 32 {
            return Ok(Secret(s));
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let secret = crate::web::tokens::random_token();
    std::fs::write(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    Ok(Secret(secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_sets_values_and_flags_or_environment_override_it() {
        let dir = std::env::temp_dir().join(format!("cr-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("commonroom.toml");
        std::fs::write(
            &file,
            format!(
                "database_url = \"{}/x.db\"\nbind = \"127.0.0.1:9000\"\nsecret_key = \"0123456789abcdef0123456789abcdef\"\npool_size = 3\n",
                dir.display()
            ),
        )
        .unwrap();
        let data = DataArgs {
            config: Some(file.clone()),
            database_url: None,
        };
        let s = Settings::resolve(&data, &ServeArgs::default()).unwrap();
        assert_eq!(s.bind, "127.0.0.1:9000");
        assert_eq!(s.base_url, "http://127.0.0.1:9000");
        assert_eq!(s.pool_size, 3);
        assert!(s.smtp_url.is_none());
        assert_eq!(s.mail_dir, dir.join("mail"));
        assert_eq!(
            format!("{:?}", s.secret_key),
            "Secret(***)",
            "secrets never print"
        );
        let serve = ServeArgs {
            bind: Some("0.0.0.0:8081".into()),
            ..Default::default()
        };
        assert_eq!(
            Settings::resolve(&data, &serve).unwrap().bind,
            "0.0.0.0:8081"
        );

        std::fs::write(&file, "no_such_setting = 1\n").unwrap();
        let err = Settings::resolve(&data, &ServeArgs::default()).unwrap_err();
        assert!(
            format!("{err:#}").contains("no_such_setting"),
            "unknown keys are named: {err:#}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
