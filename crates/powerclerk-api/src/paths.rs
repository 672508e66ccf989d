//! Building API URLs. Every id is percent-encoded as one path segment, so that a project
//! number containing `/`, `?`, `#` or `%` can never change which resource is addressed.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use crate::error::Error;

/// Everything but RFC 3986 unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A path under the V2 root, built from literal segments and ids.
#[derive(Clone, Debug)]
pub(crate) struct ApiPath {
    encoded: String,
}

impl ApiPath {
    /// Starts at `/Programs/{program}`.
    pub(crate) fn program(program: &str) -> Result<Self, Error> {
        Self::root("Programs").id("program", program)
    }

    /// The bare root plus one literal (`/Programs`).
    pub(crate) fn root(literal: &str) -> Self {
        Self {
            encoded: String::new(),
        }
        .lit(literal)
    }

    /// Appends a documented literal (`Projects`, `Forms`, `Draft`, ...).
    pub(crate) fn lit(mut self, literal: &str) -> Self {
        self.encoded.push('/');
        self.encoded.push_str(literal);
        self
    }

    /// Appends an id. Empty, `.` and `..` are refused: the URL standard resolves dot
    /// segments even when percent-encoded, so they could address another resource.
    pub(crate) fn id(mut self, what: &str, id: &str) -> Result<Self, Error> {
        let id = id.trim();
        if id.is_empty() || id == "." || id == ".." {
            return Err(Error::InvalidConfig {
                message: format!("\"{id}\" is not a valid {what} id or number."),
            });
        }
        self.encoded.push('/');
        self.encoded.extend(utf8_percent_encode(id, SEGMENT));
        Ok(self)
    }

    /// The full URL under `root`.
    pub(crate) fn url(&self, root: &Url) -> Url {
        let mut url = root.clone();
        let base = root.path().trim_end_matches('/');
        // Setting an already-encoded path keeps our encoding (the url crate only encodes
        // characters that are not allowed in a path, and `%` stays as is).
        url.set_path(&format!("{base}{}", self.encoded));
        url.set_query(None);
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_change_the_path() {
        let root = Url::parse("http://127.0.0.1:9/PCITrial/services/v2/").unwrap();
        let p = ApiPath::program("M5J")
            .unwrap()
            .lit("Projects")
            .id("project", "../../x/y?z#w%")
            .unwrap()
            .lit("Data");
        let u = p.url(&root);
        assert_eq!(
            u.path(),
            "/PCITrial/services/v2/Programs/M5J/Projects/..%2F..%2Fx%2Fy%3Fz%23w%25/Data"
        );
        assert_eq!(u.query(), None);
        assert!(ApiPath::program("..").is_err());
        assert!(ApiPath::program(" ").is_err());
        let u = ApiPath::program("ÄB C").unwrap().url(&root);
        assert_eq!(u.path(), "/PCITrial/services/v2/Programs/%C3%84B%20C");
    }
}
