//! The README, CONTRIBUTING.md and every page of `docs/` link to each other: every relative
//! link and picture points at a file that exists, every `#anchor` at a heading of its page
//! (GitHub's anchors, as the in-app help makes them), and the README links every page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clerkdesk_core::help::slug;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The pages checked.
fn pages() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    for e in std::fs::read_dir(root().join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}

/// The page's text outside code blocks.
fn prose(text: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn anchors(text: &str) -> Vec<String> {
    prose(text)
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| slug(&l.trim_start_matches('#').replace('`', "")))
        .collect()
}

/// Every `](target)` of a page, inline code left out.
fn links(text: &str) -> Vec<String> {
    let text = prose(text);
    let mut out = Vec::new();
    for line in text.lines() {
        let mut code = false;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '`' {
                code = !code;
            } else if !code && chars[i] == ']' && chars.get(i + 1) == Some(&'(') {
                let rest: String = chars[i + 2..].iter().collect();
                if let Some(end) = rest.find(')') {
                    out.push(rest[..end].to_string());
                }
            }
            i += 1;
        }
    }
    out
}

#[test]
fn every_link_and_anchor_between_the_docs_is_whole() {
    let texts: HashMap<PathBuf, String> = pages()
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p.canonicalize().unwrap(), t)
        })
        .collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, text) in &texts {
        for link in links(text) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            checked += 1;
            let (file, anchor) = match link.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (link.as_str(), None),
            };
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{}: {link} (no such file)", page.display()));
                continue;
            };
            if let Some(a) = anchor {
                let found = texts
                    .get(&target)
                    .map(|t| anchors(t).iter().any(|x| x == a))
                    .unwrap_or(false);
                if !found {
                    broken.push(format!("{}: {link} (no such heading)", page.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked > 30, "only {checked} links checked");
}

#[test]
fn the_readme_is_short_and_links_every_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 150,
        "README: {} lines",
        readme.lines().count()
    );
    for page in [
        "docs/user-guide.md",
        "docs/bulk.md",
        "docs/cli.md",
        "docs/architecture.md",
        "docs/powerclerk.md",
        "docs/benchmarks.md",
        "docs/testing.md",
        "docs/releasing.md",
        "CONTRIBUTING.md",
    ] {
        assert!(root().join(page).is_file(), "{page} exists");
        assert!(
            readme.contains(&format!("]({page})")),
            "the README links {page}"
        );
    }
}

#[test]
fn the_checker_sees_links_and_headings() {
    let page = "# A `clerk` page\n\nSee [the guide](user-guide.md#bulk-update), `[not](a link)`.\n\n```\n[nor](this)\n```\n## Results, errors and files\n";
    assert_eq!(links(page), vec!["user-guide.md#bulk-update".to_string()]);
    assert_eq!(
        anchors(page),
        vec![
            "a-clerk-page".to_string(),
            "results-errors-and-files".to_string()
        ]
    );
}
