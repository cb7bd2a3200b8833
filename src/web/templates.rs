//! The handlebars registries, loaded once at start-up from the embedded `templates/`
//! folder, and `Ctx`, which gathers what every page needs (viewer, CSRF token, flash).

use std::sync::Arc;

use actix_web::cookie::Cookie;
use actix_web::dev::Payload;
use actix_web::http::header::ContentType;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse};
use handlebars::Handlebars;
use rust_embed::RustEmbed;
use serde::Serialize;
use serde_json::{json, Value};

use super::csrf::CsrfToken;
use super::flash::{self, Flash};
use super::viewer::Viewer;
use crate::error::{AppError, AppResult};

#[derive(RustEmbed)]
#[folder = "templates/"]
#[include = "*.hbs"]
struct TemplateFiles;

/// HTML pages (escaped) and plain-text email parts (not escaped).
pub struct Views {
    pub html: Handlebars<'static>,
    pub text: Handlebars<'static>,
}

impl Views {
    pub fn load() -> anyhow::Result<Views> {
        let mut html = Handlebars::new();
        html.set_strict_mode(false);
        html.register_embed_templates_with_extension::<TemplateFiles>(".hbs")?;
        register_helpers(&mut html);
        let mut text = Handlebars::new();
        text.register_escape_fn(handlebars::no_escape);
        text.register_embed_templates_with_extension::<TemplateFiles>(".hbs")?;
        register_helpers(&mut text);
        Ok(Views { html, text })
    }
}

handlebars::handlebars_helper!(eq: |a: Value, b: Value| a == b);
handlebars::handlebars_helper!(contains: |list: Value, item: Value| {
    list.as_array().map(|l| l.contains(&item)).unwrap_or(false)
});
handlebars::handlebars_helper!(as_text: |v: Value| match v {
    Value::String(s) => s,
    Value::Null => String::new(),
    other => other.to_string(),
});
handlebars::handlebars_helper!(len: |v: Value| match v {
    Value::Array(a) => a.len(),
    Value::Object(o) => o.len(),
    Value::String(s) => s.chars().count(),
    _ => 0,
});
handlebars::handlebars_helper!(plural: |n: i64, one: str, many: str| {
    if n == 1 { one.to_string() } else { many.to_string() }
});

fn register_helpers(h: &mut Handlebars<'static>) {
    h.register_helper("eq", Box::new(eq));
    h.register_helper("contains", Box::new(contains));
    h.register_helper("plural", Box::new(plural));
    h.register_helper("str", Box::new(as_text));
    h.register_helper("len", Box::new(len));
}

/// What a page needs besides its own data.
pub struct Ctx {
    pub viewer: Option<Arc<Viewer>>,
    pub csrf_token: String,
    pub flash: Option<Flash>,
    pub path: String,
    had_flash_cookie: bool,
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = std::future::Ready<Result<Ctx, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Ctx::of(req)))
    }
}

impl Ctx {
    pub fn of(req: &HttpRequest) -> Ctx {
        let ext = req.extensions();
        let flash_cookie = req.cookie(flash::COOKIE);
        Ctx {
            viewer: ext.get::<Arc<Viewer>>().cloned(),
            csrf_token: ext
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                .unwrap_or_default(),
            flash: flash_cookie.as_ref().and_then(|c| flash::decode(c.value())),
            path: req.path().to_string(),
            had_flash_cookie: flash_cookie.is_some(),
        }
    }

    /// The signed-in viewer, or an error that sends the browser to sign in.
    pub fn viewer(&self) -> AppResult<&Arc<Viewer>> {
        self.viewer.as_ref().ok_or(AppError::SignInRequired)
    }

    fn page_data(&self, mut data: Value) -> Value {
        if !data.is_object() {
            data = json!({ "data": data });
        }
        if let Some(map) = data.as_object_mut() {
            map.insert("csrf_token".into(), json!(self.csrf_token));
            map.insert("flash".into(), json!(self.flash));
            map.insert("path".into(), json!(self.path));
            if let Some(v) = &self.viewer {
                map.insert("me".into(), v.summary());
            }
        }
        data
    }

    /// A page in the layout as text (for responses built in parts).
    pub fn page_html(
        &self,
        views: &Views,
        template: &str,
        data: impl Serialize,
    ) -> AppResult<String> {
        let data = serde_json::to_value(data).map_err(AppError::internal)?;
        Ok(views.html.render(template, &self.page_data(data))?)
    }

    /// Renders a page in the layout.
    pub fn render(
        &self,
        views: &Views,
        template: &str,
        data: impl Serialize,
    ) -> AppResult<HttpResponse> {
        self.render_status(views, actix_web::http::StatusCode::OK, template, data)
    }

    /// Renders a page with a status, e.g. 422 for a form with errors.
    pub fn render_status(
        &self,
        views: &Views,
        status: actix_web::http::StatusCode,
        template: &str,
        data: impl Serialize,
    ) -> AppResult<HttpResponse> {
        let data = serde_json::to_value(data).map_err(AppError::internal)?;
        let body = views.html.render(template, &self.page_data(data))?;
        let mut res = HttpResponse::build(status);
        res.content_type(ContentType::html());
        res.insert_header(("Cache-Control", "no-store"));
        if self.had_flash_cookie {
            res.cookie(flash::removal());
        }
        Ok(res.body(body))
    }
}

/// A redirect after a successful POST, optionally with a flash message for the next page.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", to.to_string()))
        .finish()
}

pub fn redirect_with(to: &str, flash: Flash) -> HttpResponse {
    let mut res = redirect(to);
    let cookie: Cookie<'static> = flash::cookie(&flash);
    let _ = res.add_cookie(&cookie);
    res
}
