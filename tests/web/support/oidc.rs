//! A real OpenID Connect provider (`oidc-provider` from npm, `tests/oidc/provider.mjs`) on
//! loopback. `scripts/test.sh` installs it; its development login pages take any password
//! and use the login name as the email.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct OidcProvider {
    pub issuer: String,
    child: Child,
}

impl OidcProvider {
    pub fn start(client_id: &str, client_secret: &str, redirect_uri: &str) -> OidcProvider {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc");
        assert!(
            std::path::Path::new(dir)
                .join("node_modules/oidc-provider")
                .exists(),
            "oidc-provider is not installed: run scripts/test.sh, or `npm ci --prefix tests/oidc`"
        );
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(dir)
            .env("PORT", "0")
            .env("CLIENT_ID", client_id)
            .env("CLIENT_SECRET", client_secret)
            .env("REDIRECT_URI", redirect_uri)
            .env("NODE_NO_WARNINGS", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts the OpenID provider");
        let stdout = child.stdout.take().expect("provider stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(issuer) = line.strip_prefix("issuer ") {
                    let _ = tx.send(issuer.to_string());
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let issuer = rx
            .recv_timeout(deadline - Instant::now())
            .expect("the OpenID provider prints its issuer");
        OidcProvider { issuer, child }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The action of the first form on a provider page (login, then consent).
pub fn form_action(html: &str) -> String {
    let at = html
        .find("action=\"")
        .unwrap_or_else(|| panic!("a form on the provider's page: {html}"));
    let rest = &html[at + 8..];
    rest[..rest.find('"').unwrap()].replace("&amp;", "&")
}

/// The hidden fields of the first form (the provider's pages carry a `prompt` field).
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<input") {
        let tag_end = rest[at..].find('>').map(|e| at + e).unwrap_or(rest.len());
        let tag = &rest[at..tag_end];
        let attr = |name: &str| -> Option<String> {
            let key = format!("{name}=\"");
            let s = tag.find(&key)? + key.len();
            Some(tag[s..s + tag[s..].find('"')?].to_string())
        };
        if attr("type").as_deref() == Some("hidden") {
            if let (Some(n), Some(v)) = (attr("name"), attr("value")) {
                out.push((n, v));
            }
        }
        rest = &rest[tag_end..];
    }
    out
}
