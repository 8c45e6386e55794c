//! Turning what a shopper types into a safe FTS5 query: words only, each
//! matched as a prefix (`lapt` finds "Laptop"), all of them required.
//! Quotes, operators and brackets are never passed to FTS5, so no input can
//! be a syntax error.

/// At most this many words are searched for.
const MAX_WORDS: usize = 8;

/// The FTS5 query for `text`, or `None` when it has no words at all (the
/// caller shows "no results").
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_prefixes() {
        assert_eq!(fts_query("lapt").as_deref(), Some("\"lapt\"*"));
        assert_eq!(fts_query("Red  Shoe").as_deref(), Some("\"red\"* \"shoe\"*"));
    }

    #[test]
    fn operators_and_punctuation_are_dropped() {
        assert_eq!(fts_query("\"a\" OR (b").as_deref(), Some("\"a\"* \"or\"* \"b\"*"));
        assert_eq!(
            fts_query("NEAR(x y)*").as_deref(),
            Some("\"near\"* \"x\"* \"y\"*")
        );
        assert_eq!(fts_query("café-crème").as_deref(), Some("\"café\"* \"crème\"*"));
        for nothing in ["", "   ", "\"", "()", "*", "-", "^:"] {
            assert_eq!(fts_query(nothing), None, "{nothing}");
        }
    }
}
