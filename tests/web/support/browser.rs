//! A real headless Chromium, driven through chromedriver with fantoccini.
//!
//! [`Browser::start`] launches chromedriver (`COMMONROOM_TEST_CHROMEDRIVER`, default
//! `/usr/bin/chromedriver`) on a free port as a child process in its own process group, asks it
//! for a Chromium session (`COMMONROOM_TEST_CHROMIUM`, default `/usr/bin/chromium`) with a
//! fresh profile, and kills the whole group when the `Browser` is dropped or closed.
//! The helpers panic with a useful message instead of returning errors, as tests want.
#![allow(dead_code)]

use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

pub const CHROMEDRIVER_VAR: &str = "COMMONROOM_TEST_CHROMEDRIVER";
pub const CHROMIUM_VAR: &str = "COMMONROOM_TEST_CHROMIUM";

/// How long the helpers wait for an element to appear.
pub const ELEMENT_TIMEOUT: Duration = Duration::from_secs(10);

const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--password-store=basic",
    "--window-size=1280,1024",
    "--lang=en-GB",
];

pub struct Browser {
    pub client: Client,
    driver: Option<Child>,
    driver_log: PathBuf,
    // Holds the profile directory and the chromedriver log; deleted on drop.
    dir: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session. Panics (with chromedriver's log)
    /// if either does not come up.
    pub async fn start() -> Browser {
        let chromedriver =
            std::env::var(CHROMEDRIVER_VAR).unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var(CHROMIUM_VAR).unwrap_or_else(|_| "/usr/bin/chromium".into());
        for path in [&chromedriver, &chromium] {
            assert!(
                Path::new(path).exists(),
                "{path} does not exist. Run the tests with scripts/test.sh (it installs chromium \
                 and chromium-driver), or `apt-get install -y chromium chromium-driver`, or set \
                 {CHROMEDRIVER_VAR} / {CHROMIUM_VAR}."
            );
        }
        let dir = tempfile::Builder::new()
            .prefix("commonroom-browser-")
            .tempdir()
            .expect("cannot create a temporary directory for the browser");
        let profile = dir.path().join("profile");
        std::fs::create_dir(&profile).expect("cannot create the browser profile directory");
        let driver_log = dir.path().join("chromedriver.log");

        // A port taken between probing and binding makes chromedriver exit; try again then.
        let mut attempt = 0;
        let (driver, port) = loop {
            attempt += 1;
            let port = free_port();
            let mut driver = spawn_chromedriver(&chromedriver, port, &driver_log);
            match wait_until_listening(&mut driver, port, Duration::from_secs(30)).await {
                Ok(()) => break (driver, port),
                Err(why) => {
                    kill_group(&mut Some(driver));
                    if attempt >= 3 {
                        panic!(
                            "chromedriver ({chromedriver}) did not start: {why}\n{}",
                            read_log(&driver_log)
                        );
                    }
                }
            }
        };

        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), serde_json::json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": args }),
        );
        let webdriver = format!("http://127.0.0.1:{port}");
        let mut browser = Browser {
            client: match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps)
                .connect(&webdriver)
                .await
            {
                Ok(client) => client,
                Err(e) => {
                    kill_group(&mut Some(driver));
                    panic!(
                        "cannot start a Chromium session through chromedriver: {e}\n{}",
                        read_log(&driver_log)
                    );
                }
            },
            driver: Some(driver),
            driver_log,
            dir,
        };
        // Give slow CI machines room; each helper still bounds its own wait.
        let _ = browser
            .client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(30)),
                Some(Duration::from_secs(60)),
                Some(Duration::ZERO),
            ))
            .await;
        browser.check_alive();
        browser
    }

    fn check_alive(&mut self) {
        let Some(driver) = self.driver.as_mut() else {
            return;
        };
        if let Ok(Some(status)) = driver.try_wait() {
            panic!(
                "chromedriver exited ({status})\n{}",
                read_log(&self.driver_log)
            );
        }
    }

    /// Signs in through the form at `base_url`, going on to `next`, and waits for the
    /// signed-in page (it has a sign-out button): otherwise the next navigation races the
    /// sign-in's redirect.
    pub async fn sign_in(&self, base_url: &str, email: &str, password: &str, next: &str) {
        self.goto(&format!("{base_url}/signin?next={next}")).await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click("button[type=submit]").await;
        self.find(".nav .link-button").await;
    }

    /// Clicks "Sign out" and waits for the signed-out page, for the same reason.
    pub async fn sign_out(&self) {
        self.click(".nav .link-button").await;
        self.find(".nav a[href='/signin']").await;
    }

    /// Navigates to `url` and waits for the page load.
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("browser: goto({url}) failed: {e}"));
    }

    /// The URL currently shown.
    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .unwrap_or_else(|e| panic!("browser: current_url failed: {e}"))
            .to_string()
    }

    /// The page's `<title>`.
    pub async fn title(&self) -> String {
        self.client
            .title()
            .await
            .unwrap_or_else(|e| panic!("browser: title failed: {e}"))
    }

    /// Waits (up to [`ELEMENT_TIMEOUT`]) for the first element matching `css`. (Asked while
    /// a click's page is still loading, the driver can answer "aborted by navigation" where it
    /// would later find the element, so any failure is asked again until the time is up.)
    pub async fn find(&self, css: &str) -> Element {
        let deadline = Instant::now() + ELEMENT_TIMEOUT;
        loop {
            let e = match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) => e,
            };
            if Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            let url = self.client.current_url().await.map(|u| u.to_string());
            let source = self.client.source().await.unwrap_or_default();
            panic!(
                "browser: no element matches {css:?} after {ELEMENT_TIMEOUT:?} ({e}) on {url:?}\n\
                 --- page source (first 4000 bytes) ---\n{}",
                truncate(&source, 4000)
            );
        }
    }

    /// All elements matching `css` right now (no waiting).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("browser: find_all({css:?}) failed: {e}"))
    }

    /// True if an element matches `css` right now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        !self.find_all(css).await.is_empty()
    }

    /// Replaces the value of the input/textarea matching `css` with `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("browser: clearing {css:?} failed: {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("browser: typing into {css:?} failed: {e}"));
    }

    /// Clicks the element matching `css` (waits for it first).
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("browser: clicking {css:?} failed: {e}"));
    }

    /// The rendered text of the element matching `css` (waits for it first).
    pub async fn text_of(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("browser: reading the text of {css:?} failed: {e}"))
    }

    /// Waits (up to 20 s) until the element matching `css` contains `needle`: after a click
    /// that navigates, the old page may still be showing for a moment.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            let elements = self.find_all(css).await;
            for e in elements {
                if let Ok(text) = e.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                }
            }
            if std::time::Instant::now() > deadline {
                let url = self.current_url().await;
                panic!(
                    "browser: no {css:?} containing {needle:?} at {url}:\n{}",
                    self.page_source().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The current DOM serialised as HTML.
    pub async fn page_source(&self) -> String {
        self.client
            .source()
            .await
            .unwrap_or_else(|e| panic!("browser: page_source failed: {e}"))
    }

    /// Runs JavaScript in the page and returns its JSON result.
    pub async fn execute(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("browser: execute failed: {e}"))
    }

    /// Saves a PNG screenshot of the viewport to `path` (parent directories are created).
    pub async fn screenshot(&self, path: impl AsRef<Path>) {
        let path = path.as_ref();
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("browser: screenshot failed: {e}"));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        std::fs::write(path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Ends the WebDriver session (Chromium quits), then stops chromedriver.
    pub async fn close(mut self) {
        let client = self.client.clone();
        // Errors here only mean the browser is already gone; Drop kills what is left.
        let _ = tokio::time::timeout(Duration::from_secs(15), client.close()).await;
        kill_group(&mut self.driver);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .expect("cannot find a free port")
        .port()
}

fn spawn_chromedriver(path: &str, port: u16, log: &Path) -> Child {
    let out = File::create(log).expect("cannot create the chromedriver log");
    let err = out.try_clone().expect("cannot clone the log handle");
    Command::new(path)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        // Own process group, so Chromium and its helpers can be killed along with it.
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {path}: {e}"))
}

async fn wait_until_listening(
    driver: &mut Child,
    port: u16,
    timeout: Duration,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!("it exited with {status}"));
        }
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "nothing listening on port {port} after {timeout:?}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Kills chromedriver's whole process group (Chromium included), then reaps chromedriver.
/// Does nothing the second time.
fn kill_group(driver: &mut Option<Child>) {
    let Some(mut child) = driver.take() else {
        return;
    };
    let group = format!("-{}", child.id());
    let killed = Command::new("kill")
        .args(["-KILL", "--", &group])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !killed {
        let _ = child.kill();
    }
    let _ = child.wait();
}

fn read_log(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(log) => format!(
            "--- chromedriver log ({}) ---\n{}",
            path.display(),
            truncate(&log, 8000)
        ),
        Err(e) => format!("(no chromedriver log at {}: {e})", path.display()),
    }
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
