//! The posts of a thread page as HTML, written directly rather than through Handlebars:
//! with fifty posts a page, the template engine's per-post work was most of the cost of
//! the page (see BENCHMARKS.md). The markup is the same as the template had; every value
//! that came from a person is escaped, and bodies are the HTML sanitised at write time.

use std::fmt::Write;

use serde_json::Value;

use crate::anonymise::escape_html;

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Renders the `<li>` of each post view (as made by `thread_page::post_view`).
pub fn posts_html(posts: &[Value], csrf_token: &str, can_reply: bool, moderator: bool) -> String {
    let mut out =
        String::with_capacity(posts.iter().map(|p| text(p, "body_html").len() + 900).sum());
    let csrf = escape_html(csrf_token);
    for p in posts {
        let id = p.get("id").and_then(Value::as_i64).unwrap_or(0);
        let (answer, held) = (flag(p, "is_answer"), flag(p, "held"));
        let _ = write!(
            out,
            "  <li class=\"post{}{}\" id=\"post-{id}\">\n    <p class=\"meta\"><strong>{}</strong> · {}{}{}</p>\n",
            if answer { " answer" } else { "" },
            if held { " held" } else { "" },
            escape_html(text(p, "author")),
            escape_html(text(p, "when")),
            if flag(p, "edited") { " · edited" } else { "" },
            if answer { " · <span class=\"badge badge-ok\">Answer</span>" } else { "" },
        );
        if held {
            let _ = writeln!(
                out,
                "    <p class=\"notice\">Waiting for a moderator: only you and the moderators can see this. {}</p>",
                escape_html(text(p, "hold_reason"))
            );
        }
        if flag(p, "flagged") {
            out.push_str("    <p class=\"notice\">Hidden after flags from members, until a moderator reviews it.</p>\n");
        }
        if flag(p, "deleted") {
            out.push_str("    <p class=\"meta\">This post was deleted.</p>\n");
        }
        if flag(p, "removed") {
            out.push_str("    <p class=\"meta\">This post was removed by a moderator.</p>\n");
        }
        let _ = write!(
            out,
            "    <div class=\"post-body\">{}</div>\n    <div class=\"post-actions\">\n",
            text(p, "body_html")
        );
        if can_reply && !held {
            let _ = writeln!(out, "      <a href=\"?quote={id}#reply\">Quote</a>");
        }
        if flag(p, "can_edit") {
            let _ = writeln!(out, "      <a href=\"/forums/posts/{id}/edit\">Edit</a>");
        }
        if flag(p, "history") {
            let _ = writeln!(
                out,
                "      <a href=\"/forums/posts/{id}/history\">History</a>"
            );
        }
        if flag(p, "can_answer") {
            let _ = writeln!(
                out,
                "      <form method=\"post\" action=\"/forums/posts/{id}/answer\" class=\"inline\"><input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\"><button type=\"submit\" class=\"link-button\">{}</button></form>",
                if answer { "Unmark answer" } else { "Mark as the answer" }
            );
        }
        if flag(p, "can_delete") {
            let _ = writeln!(
                out,
                "      <form method=\"post\" action=\"/forums/posts/{id}/delete\" class=\"inline\"><input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\"><button type=\"submit\" class=\"link-button\">Delete</button></form>"
            );
        }
        if flag(p, "can_flag") {
            let _ = writeln!(out, "      <a href=\"/forums/posts/{id}/flag\">Flag</a>");
        }
        if moderator && held {
            out.push_str("      <a href=\"/forums/moderation\">Review in the queue</a>\n");
        }
        out.push_str("    </div>\n  </li>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_escaped_and_bodies_kept_as_sanitised_html() {
        let posts = vec![json!({
            "id": 7, "author": "<script>x</script>", "when": "today", "body_html": "<p>Hi <em>all</em></p>",
            "is_answer": true, "can_answer": true, "can_flag": true, "held": false,
        })];
        let html = posts_html(&posts, "tok\"en", true, false);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(html.contains("<p>Hi <em>all</em></p>"));
        assert!(html.contains("Unmark answer") && html.contains("value=\"tok&quot;en\""));
        assert!(html.contains("?quote=7#reply") && html.contains("/forums/posts/7/flag"));
        assert!(!html.contains("Review in the queue"));
    }
}
