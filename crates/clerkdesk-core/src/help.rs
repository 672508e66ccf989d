//! The in-app help: the user guide (`docs/user-guide.md`, built into the app) as HTML, every
//! heading with the id GitHub gives it — so F1, a "?" button and a link to
//! `user-guide.md#bulk-update` all land on the same section. Offline by construction: pictures
//! are left out (the text describes every screen), links to other pages become their text,
//! and raw HTML in the Markdown is shown as text, never run.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use ts_rs::TS;

/// The user guide, as committed beside the code.
const GUIDE: &str = include_str!("../../../docs/user-guide.md");

/// A heading's anchor as GitHub makes it: lower case, spaces to `-`, punctuation other than
/// `-` and `_` dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The guide, ready for the Help screen.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct HelpPage {
    /// The guide as HTML (built here from the bundled Markdown; nothing from elsewhere).
    pub html: String,
    /// Its sections: (anchor, title), in order.
    pub sections: Vec<(String, String)>,
}

/// Text made safe inside HTML (and inside a quoted attribute).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The user guide as HTML with its sections.
pub fn user_guide() -> HelpPage {
    let mut sections = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // While inside a heading: its level and text; inside a picture: skipped; inside a link
    // to another page: its text kept, the link dropped.
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut in_image = 0;
    let mut dropped_links: Vec<bool> = Vec::new();
    for event in Parser::new_ext(GUIDE, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    let id = slug(&text);
                    sections.push((id.clone(), text.clone()));
                    let n = level as usize;
                    events.push(Event::Html(CowStr::from(format!(
                        "<h{n} id=\"{}\" tabindex=\"-1\">{}</h{n}>",
                        escape(&id),
                        escape(&text)
                    ))));
                }
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            _ if heading.is_some() => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                let local = dest_url.starts_with('#') || dest_url.starts_with("user-guide.md#");
                dropped_links.push(!local);
                if local {
                    let anchor = dest_url.rsplit('#').next().unwrap_or("");
                    events.push(Event::Html(CowStr::from(format!(
                        "<a href=\"#{0}\" data-section=\"{0}\">",
                        escape(anchor)
                    ))));
                }
            }
            Event::End(TagEnd::Link) => {
                if dropped_links.pop() == Some(false) {
                    events.push(Event::Html(CowStr::from("</a>")));
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    HelpPage { html, sections }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_githubs() {
        assert_eq!(slug("Bulk update"), "bulk-update");
        assert_eq!(
            slug("Results, errors and restore files"),
            "results-errors-and-restore-files"
        );
        assert_eq!(
            slug("Checking compatibility with PowerClerk"),
            "checking-compatibility-with-powerclerk"
        );
        assert_eq!(slug("The `clerk` command line"), "the-clerk-command-line");
    }

    #[test]
    fn the_guide_renders_offline_with_its_sections() {
        let page = user_guide();
        let ids: Vec<&str> = page.sections.iter().map(|(id, _)| id.as_str()).collect();
        for needed in [
            "first-start",
            "connecting-to-powerclerk",
            "a-form",
            "attachments",
            "projects",
            "bulk-update",
            "results-errors-and-restore-files",
            "settings",
            "checking-compatibility-with-powerclerk",
        ] {
            assert!(ids.contains(&needed), "{needed} in {ids:?}");
            assert!(page.html.contains(&format!("id=\"{needed}\"")), "{needed}");
        }
        assert!(!page.html.contains("<img"), "no pictures");
        assert!(!page.html.contains("http"), "no address outside the app");
        assert!(
            !page.html.contains("href=\"bulk.md"),
            "links to other pages are text"
        );
        assert!(page
            .html
            .contains("<a href=\"#checking-compatibility-with-powerclerk\""));
    }
}
