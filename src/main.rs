//! The `commonroom` command: serve, migrate, seed, admin, import-schools, scan.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use commonroom::config::{DataArgs, ServeArgs, Settings};
use commonroom::db::{self, write_tx};
use commonroom::{accounts, demo, directory, startup};
use diesel::prelude::*;

#[derive(Parser)]
#[command(
    name = "commonroom",
    version,
    about = "Local networks for school support staff."
)]
struct Cli {
    #[command(flatten)]
    data: DataArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web service (creates and migrates the database on first start).
    Serve {
        #[command(flatten)]
        serve: ServeArgs,
        /// Load the demo data when the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Load data into an empty database.
    Seed {
        /// The Northshire demo authority, schools, groups and accounts.
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Import or update schools from a GIAS CSV extract.
    ImportSchools {
        /// The authority's slug, e.g. northshire-county-council.
        #[arg(long)]
        authority: String,
        /// The CSV file downloaded from GIAS.
        file: PathBuf,
    },
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Check text for pupil details with the anonymisation filter (reads standard input).
    Scan {
        /// Batch scoring: each input line is {"id": …, "text": …}; each output line is
        /// {"id": …, "verdict": "allow"|"block"|"hold", "spans": [{"start", "end", "type"}]},
        /// offsets in characters, end exclusive, in the same order.
        #[arg(long)]
        jsonl: bool,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an authority and its first admin account (asks for nothing: the password is
    /// read from COMMONROOM_ADMIN_PASSWORD or generated and printed once).
    CreateAuthority {
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin_email: String,
        #[arg(long)]
        admin_name: String,
    },
    /// Set a new password for an account and sign it out everywhere (password from
    /// COMMONROOM_ADMIN_PASSWORD, or generated and printed once).
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Deactivate an account: it can't sign in and its sessions end at once.
    Deactivate {
        #[arg(long)]
        email: String,
    },
}

fn main() {
    let cli = Cli::parse();
    let log_json = matches!(&cli.command, Command::Serve { serve, .. } if serve.log_format.as_deref() == Some("json"));
    init_logs(log_json);
    if let Err(e) = run(cli) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn init_logs(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            serve,
            demo: with_demo,
        } => {
            let settings = Settings::resolve(&cli.data, &serve)?;
            if with_demo {
                let pool = startup::open_database(&settings)?;
                let mut conn = pool.get()?;
                if demo::is_empty(&mut conn)? {
                    demo::seed(&mut conn)?;
                    tracing::info!(
                        "demo data loaded: sign in as ta@oakfield.example with password {}",
                        demo::PASSWORD
                    );
                }
            }
            let bind = settings.bind.clone();
            let database = db::redact_url(&settings.database_url);
            actix_web::rt::System::new().block_on(async move {
                let app = startup::Application::build(settings)?;
                tracing::info!(%bind, %database, "Commonroom is listening on http://{bind}/");
                app.run_until_stopped().await?;
                anyhow::Ok(())
            })
        }
        Command::Migrate => {
            let url = database_url(&cli.data)?;
            let pool = db::build_pool(&url, 1)?;
            let ran = db::migrate(&mut *pool.get()?)?;
            println!("{ran} migrations applied");
            Ok(())
        }
        Command::Seed { .. } => {
            let mut conn = open(&cli.data)?;
            demo::seed(&mut conn)?;
            println!(
                "Demo data loaded. Every demo account's password is {}",
                demo::PASSWORD
            );
            Ok(())
        }
        Command::ImportSchools { authority, file } => {
            let mut conn = open(&cli.data)?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let authority_id: i64 = commonroom::db::schema::authorities::table
                .filter(commonroom::db::schema::authorities::slug.eq(&authority))
                .select(commonroom::db::schema::authorities::id)
                .first(&mut conn)
                .optional()?
                .with_context(|| format!("no authority with the slug {authority}"))?;
            let result = directory::schools::import(&mut conn, authority_id, &bytes, None, |p| {
                eprintln!("{p}")
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            if !result.problems.is_empty() {
                for p in &result.problems {
                    eprintln!("row {}: {}", p.row, p.reason);
                }
                anyhow::bail!("{} bad rows: nothing was imported", result.problems.len());
            }
            if let Some(o) = result.outcome {
                println!(
                    "{} added, {} updated, {} unchanged ({} closed)",
                    o.added, o.updated, o.unchanged, o.closed
                );
            }
            Ok(())
        }
        Command::Admin(cmd) => admin(&cli.data, cmd),
        Command::Scan { jsonl } => scan(jsonl),
    }
}

/// `commonroom scan`: no database needed, the default rules.
fn scan(jsonl: bool) -> anyhow::Result<()> {
    use commonroom::anonymise::{cli, CompiledRules};
    let filter = commonroom::privacy::filter();
    let rules = CompiledRules::default();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    if jsonl {
        let counts = cli::run_jsonl(
            stdin.lock(),
            std::io::BufWriter::new(stdout.lock()),
            &filter,
            &rules,
        )?;
        eprintln!(
            "{} checked: {} allow, {} block, {} hold, {} errors",
            counts.scanned, counts.allow, counts.block, counts.hold, counts.errors
        );
    } else {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdin.lock(), &mut text)
            .context("standard input must be UTF-8 text (use --jsonl for batches)")?;
        print!("{}", cli::run_human(&text, &filter, &rules));
    }
    Ok(())
}

fn database_url(data: &DataArgs) -> anyhow::Result<String> {
    Ok(Settings::resolve(data, &ServeArgs::default())?.database_url)
}

fn open(data: &DataArgs) -> anyhow::Result<db::PooledDb> {
    let url = database_url(data)?;
    let pool = db::build_pool(&url, 2)?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    Ok(conn)
}

/// The password for an admin command: from the environment, or a new random one.
fn admin_password() -> (String, bool) {
    match std::env::var("COMMONROOM_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (
            commonroom::web::tokens::random_token()[..20].to_string(),
            true,
        ),
    }
}

fn admin(data: &DataArgs, cmd: AdminCommand) -> anyhow::Result<()> {
    let mut conn = open(data)?;
    match cmd {
        AdminCommand::CreateAuthority {
            name,
            admin_email,
            admin_name,
        } => {
            let (password, generated) = admin_password();
            if let Some(problem) =
                accounts::passwords::problem_with(&password, &admin_email, &admin_name)
            {
                anyhow::bail!("COMMONROOM_ADMIN_PASSWORD: {problem}");
            }
            let hash = accounts::passwords::hash(&password)?;
            let email = accounts::queries::normalise_email(&admin_email);
            write_tx(&mut conn, |c| {
                let authority = directory::queries::create_authority(c, name.trim())?;
                let mut user =
                    accounts::model::NewUser::member(&email, admin_name.trim(), Some(&hash));
                user.email_verified_at = Some(commonroom::now());
                let user_id: i64 = diesel::insert_into(commonroom::db::schema::users::table)
                    .values(user)
                    .returning(commonroom::db::schema::users::id)
                    .get_result(c)?;
                diesel::insert_into(commonroom::db::schema::role_grants::table)
                    .values(accounts::model::NewRoleGrant::authority_admin(
                        user_id, authority,
                    ))
                    .execute(c)?;
                commonroom::audit::record(
                    c,
                    None,
                    "authority.create",
                    &format!("authority={authority} admin={user_id} (cli)"),
                )?;
                anyhow::Ok(())
            })?;
            println!("Created {name} with admin {email}.");
            if generated {
                println!("Their password is: {password}\n(shown once; they can change it after signing in)");
            }
        }
        AdminCommand::ResetPassword { email } => {
            let user = accounts::queries::find_by_email(&mut conn, &email)?
                .context("no account with that email")?;
            let (password, generated) = admin_password();
            if let Some(problem) =
                accounts::passwords::problem_with(&password, &user.email, &user.display_name)
            {
                anyhow::bail!("COMMONROOM_ADMIN_PASSWORD: {problem}");
            }
            write_tx(&mut conn, |c| {
                accounts::queries::set_password(c, user.id, &password, None)?;
                commonroom::audit::record(
                    c,
                    None,
                    "password.reset",
                    &format!("user={} (cli)", user.id),
                )?;
                anyhow::Ok(())
            })?;
            println!(
                "The password for {} was reset and their sessions ended.",
                user.email
            );
            if generated {
                println!("New password: {password}");
            }
        }
        AdminCommand::Deactivate { email } => {
            let user = accounts::queries::find_by_email(&mut conn, &email)?
                .context("no account with that email")?;
            write_tx(&mut conn, |c| {
                accounts::queries::deactivate(c, user.id)?;
                commonroom::audit::record(
                    c,
                    None,
                    "account.deactivate",
                    &format!("user={} (cli)", user.id),
                )?;
                anyhow::Ok(())
            })?;
            println!("{} is deactivated and signed out everywhere.", user.email);
        }
    }
    Ok(())
}
