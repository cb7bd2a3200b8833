//! One-shot messages shown on the next page ("Your password was changed").
//! Kept in a short-lived cookie; the text is ours, and templates escape it anyway.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use serde::{Deserialize, Serialize};

pub const COOKIE: &str = "cr_flash";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    /// `success`, `info` or `error`.
    pub kind: String,
    pub message: String,
}

impl Flash {
    pub fn success(m: impl Into<String>) -> Flash {
        Flash {
            kind: "success".into(),
            message: m.into(),
        }
    }
    pub fn info(m: impl Into<String>) -> Flash {
        Flash {
            kind: "info".into(),
            message: m.into(),
        }
    }
    pub fn error(m: impl Into<String>) -> Flash {
        Flash {
            kind: "error".into(),
            message: m.into(),
        }
    }
}

pub fn cookie(flash: &Flash) -> Cookie<'static> {
    let value = serde_json::to_string(flash).unwrap_or_default();
    let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    Cookie::build(COOKIE, encoded)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(Duration::seconds(60))
        .finish()
}

pub fn decode(raw: &str) -> Option<Flash> {
    let decoded: String = url::form_urlencoded::parse(format!("v={raw}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    serde_json::from_str(&decoded).ok()
}

pub fn removal() -> Cookie<'static> {
    let mut c = Cookie::build(COOKIE, "").path("/").finish();
    c.make_removal();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_survives_the_cookie_round_trip() {
        let f = Flash::success("Saved; \"quoted\" & done ✓");
        let c = cookie(&f);
        let back = decode(c.value()).expect("decodes");
        assert_eq!(back.message, f.message);
        assert_eq!(back.kind, "success");
    }
}
