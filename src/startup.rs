//! Builds the application from settings: pool, migrations, templates, the email worker and
//! the HTTP server bound to a listener (port 0 in tests gives a random free port).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{middleware, web, App, HttpServer};
use anyhow::Context;
use tokio::sync::watch;

use crate::config::Settings;
use crate::error::AppError;
use crate::notify::mailer::Mailer;
use crate::notify::worker::Worker;
use crate::web::{csrf, errors, security, statics, viewer, AppState, Views};

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    worker: Option<Arc<Worker>>,
}

/// Opens the database and brings its schema up to date.
pub fn open_database(settings: &Settings) -> anyhow::Result<crate::db::Pool> {
    let pool = crate::db::build_pool(&settings.database_url, settings.pool_size)?;
    let mut conn = pool.get().context("connecting to the database")?;
    let ran = crate::db::migrate(&mut conn)?;
    if ran > 0 {
        tracing::info!(migrations = ran, "database migrated");
    }
    Ok(pool)
}

impl Application {
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("listening on {}", settings.bind))?;
        Self::build_on(settings, listener)
    }

    /// Builds on a listener already bound (tests bind port 0 first, so the base URL in
    /// emails can name the real port with no race for it).
    pub fn build_on(settings: Settings, listener: TcpListener) -> anyhow::Result<Application> {
        let pool = open_database(&settings)?;
        let port = listener.local_addr()?.port();
        let views = Arc::new(Views::load()?);
        // Build the filter's gazetteers now rather than on the first post.
        crate::privacy::filter();
        let worker = if settings.run_worker {
            let mailer = Mailer::from_settings(
                settings.smtp_url.as_ref().map(|s| s.expose()),
                &settings.mail_dir,
            )?;
            Some(Arc::new(Worker {
                pool: pool.clone(),
                mailer: Arc::new(mailer),
                from: settings.mail_from.clone(),
                max_attempts: settings.mail_max_attempts,
                poll: Duration::from_millis(settings.mail_poll_ms),
                retry_scale: settings.mail_retry_scale,
                jobs: crate::jobs::periodic(&views, &settings),
                name: format!(
                    "{}-{}",
                    std::process::id(),
                    &crate::web::tokens::random_token()[..8]
                ),
            }))
        } else {
            None
        };
        let state = web::Data::new(AppState {
            csrf: csrf::CsrfKeys::new(settings.secret_key.expose(), settings.secure_cookies()),
            drafts: crate::privacy::DraftMemory::new(settings.secret_key.expose()),
            pool,
            views,
            settings,
            rules: Default::default(),
        });
        let server = build_server(listener, state.clone())?;
        Ok(Application {
            port,
            server,
            state,
            worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until the process is asked to stop (SIGINT/SIGTERM: in-flight requests finish
    /// first), then lets the email worker finish its batch.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let worker = self.worker.map(|w| tokio::spawn(w.run(stop_rx)));
        let result = self.server.await;
        let _ = stop_tx.send(true);
        if let Some(handle) = worker {
            let _ = handle.await;
        }
        result
    }
}

fn build_server(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(
                web::FormConfig::default()
                    .limit(1024 * 1024)
                    .error_handler(|e, _| {
                        AppError::BadRequest(format!(
                            "The form couldn't be read ({e}). Please try again."
                        ))
                        .into()
                    }),
            )
            .app_data(
                web::JsonConfig::default()
                    .limit(2 * 1024 * 1024)
                    .error_handler(|e, _| {
                        AppError::BadRequest(format!("The request body isn't valid JSON: {e}"))
                            .into()
                    }),
            )
            .app_data(web::QueryConfig::default().error_handler(|e, _| {
                AppError::BadRequest(format!("The address has a bad value in it: {e}")).into()
            }))
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .wrap(middleware::from_fn(csrf::protect))
            .wrap(middleware::from_fn(viewer::load))
            .wrap(middleware::from_fn(errors::render))
            .wrap(security::headers())
            .wrap(middleware::Compress::default())
            .wrap(middleware::Logger::new("%m %U %s %b %Dms").exclude("/healthz"))
            .route("/static/{path:.*}", web::get().to(statics::serve))
            .configure(crate::home::routes)
            .configure(crate::accounts::routes)
            .configure(crate::directory::routes)
            .configure(crate::privacy::routes)
            .configure(crate::forums::routes)
            .configure(crate::terms::routes)
            .configure(crate::meetings::routes)
            .configure(crate::release::routes)
            .default_service(web::to(|| async {
                Err::<actix_web::HttpResponse, _>(AppError::NotFound)
            }))
    })
    .on_connect(|conn, _| {
        // Without TCP_NODELAY keep-alive responses wait on Nagle's algorithm (~40 ms each).
        if let Some(tcp) = conn.downcast_ref::<actix_web::rt::net::TcpStream>() {
            let _ = tcp.set_nodelay(true);
        }
    })
    .shutdown_timeout(20)
    .listen(listener)?
    .run();
    Ok(server)
}
