//! Markdown to safe HTML, once, when a post is written: a real CommonMark parser, raw HTML
//! shown as text, then an HTML sanitiser that keeps only plain formatting and http(s) and
//! mailto links, each marked rel="nofollow ugc". Also finding @mentions and quoting.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, Options, Parser};

fn sanitiser() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.tags(HashSet::from([
            "p",
            "br",
            "strong",
            "em",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow ugc noopener"))
        .strip_comments(true);
        b
    })
}

/// The sanitised HTML for a post body written in Markdown.
pub fn markdown_to_html(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TABLES);
    // Raw HTML in Markdown is shown as the text that was typed, never interpreted.
    let events = Parser::new_ext(md, opts).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(pulldown_cmark::Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => {
            // Headings in posts start at h3 so they never outrank the page's own.
            let level = level.max(pulldown_cmark::HeadingLevel::H3);
            Event::Start(pulldown_cmark::Tag::Heading {
                level,
                id,
                classes,
                attrs,
            })
        }
        Event::End(pulldown_cmark::TagEnd::Heading(level)) => Event::End(
            pulldown_cmark::TagEnd::Heading(level.max(pulldown_cmark::HeadingLevel::H3)),
        ),
        other => other,
    });
    let mut raw = String::with_capacity(md.len() * 2);
    html::push_html(&mut raw, events);
    sanitiser().clean(&raw).to_string()
}

/// The handles mentioned with `@`, lower-cased, at most ten: `@TaraHughes` or `@tara.hughes`
/// names the member whose display name, without spaces or dots, matches.
pub fn mentions(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut prev = ' ';
    for (i, c) in md.char_indices() {
        if c == '@' && !prev.is_alphanumeric() {
            let handle: String = md[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-' || *c == '\'')
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
                .collect::<String>()
                .to_lowercase();
            if handle.chars().count() >= 2 && !found.contains(&handle) {
                found.push(handle);
            }
        }
        prev = c;
    }
    found.truncate(10);
    found
}

/// The handle others type to mention someone: their name without spaces.
pub fn handle_of(display_name: &str) -> String {
    display_name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect()
}

/// A reply's starting text when quoting a post.
pub fn quote(author: &str, body_md: &str) -> String {
    let mut out = format!("> **{author}** wrote:\n>\n");
    for line in body_md.lines() {
        out.push_str("> ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Keeps only a short plain excerpt of a body, for notifications and lists.
pub fn excerpt(md: &str, max: usize) -> String {
    let text: String = Parser::new(md)
        .filter_map(|e| match e {
            Event::Text(CowStr::Borrowed(t)) => Some(t.to_string()),
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("");
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_formats_and_links_are_marked_user_generated() {
        let html =
            markdown_to_html("**Visual timetables** help: see [this](https://example.org/x)");
        assert!(html.contains("<strong>Visual timetables</strong>"));
        assert!(html.contains("href=\"https://example.org/x\""));
        assert!(html.contains("rel=\"nofollow ugc noopener\""));
    }

    #[test]
    fn scripts_raw_html_and_javascript_links_do_nothing() {
        let html = markdown_to_html(
            "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(2)> [click](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<a href=\"javascript"), "{html}");
        assert!(!html.contains("href=\"javascript:alert(3)"), "{html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
    }

    #[test]
    fn mentions_are_found_once_and_not_in_emails() {
        assert_eq!(
            mentions("Thanks @TaraHughes and @tara.hughes, ask ta@oakfield.example"),
            vec!["tarahughes".to_string()]
        );
        assert_eq!(handle_of("Tara Hughes"), "TaraHughes");
    }

    #[test]
    fn quoting_keeps_every_line() {
        assert_eq!(quote("Sam", "a\nb"), "> **Sam** wrote:\n>\n> a\n> b\n\n");
        assert_eq!(excerpt("**Hello** _there_ friend", 8), "Hello th…");
    }
}
