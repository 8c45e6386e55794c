//! Turning what a shopper types into safe FTS5 queries that forgive:
//! misspellings (`kettel`), other word forms (`lamps`, `knives`) and split
//! or joined words (`tea pot`, `teapot`) still find the product.
//!
//! A search becomes up to three queries ("tiers"), each wider than the one
//! before: the words as typed (each a prefix, all required), then with their
//! word forms and splits or joins, then with spelling corrections. Results
//! come tier by tier, so what matches as typed ranks above what matches
//! only once corrected. Corrections and forms come from the catalog's own
//! words (the FTS5 vocabulary), so a correction always names a word some
//! product has.
//!
//! Quotes, operators and brackets are never passed to FTS5: every word is
//! alphanumeric and quoted, so no input can be a syntax error.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Error;

/// At most this many words are searched for.
const MAX_WORDS: usize = 8;
/// At most this many corrections per word, the closest and most common.
const MAX_CORRECTIONS: usize = 3;

/// A word of the catalog is offered instead of a typed word that is in
/// the catalog too when it is in this many times as many products:
/// "lamb" finds the one leg of lamb, and the shop sells forty lamps.
const MORE_COMMON: u32 = 10;

/// The words of `text`, lowercased, as FTS5's tokenizer (unicode61 with
/// `remove_diacritics 2`) writes them in its vocabulary: "Crème" is
/// "creme".
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word lowercased with its letters' diacritics removed; letters with no
/// plain Latin form stay as they are.
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let plain = deunicode::deunicode_char(c)
            .filter(|d| !d.is_empty() && d.len() <= 2 && d.chars().all(|c| c.is_ascii_alphabetic()));
        match plain {
            Some(plain) => out.push_str(&plain.to_ascii_lowercase()),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn quoted_prefix(word: &str) -> String {
    format!("\"{word}\"*")
}

/// A whole word: forms, corrections and joins are the catalog's own words,
/// and as prefixes they would find more than meant (`kettle` is not
/// `kettlebell`).
fn quoted(word: &str) -> String {
    format!("\"{word}\"")
}

/// The FTS5 query for `text` as typed, or `None` when it has no words at
/// all (the caller shows "no results").
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| quoted_prefix(&w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The catalog's words (those of product names and descriptions), with
/// how many products have each: sorted for prefix look-ups, and grouped by
/// length so that a correction compares a word with those of about its
/// length only, never with the whole vocabulary.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: Vec<(String, u32)>,
    /// Indexes into `words` of the alphabetic words, by length in chars.
    by_length: Vec<Vec<u32>>,
}

/// Words this long or longer may be two edits away from what was meant;
/// shorter ones one edit; two letters or fewer none.
const TWO_EDITS_FROM: usize = 5;
const ONE_EDIT_FROM: usize = 3;

impl Vocabulary {
    /// Reads the vocabulary of the products' full-text index.
    pub fn load(conn: &Connection) -> Result<Vocabulary, Error> {
        let mut stmt = conn.prepare_cached("SELECT term, doc FROM products_vocab")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut words = Vec::new();
        for row in rows {
            let (term, docs) = row?;
            words.push((term, u32::try_from(docs).unwrap_or(u32::MAX)));
        }
        Ok(Vocabulary::new(words))
    }

    pub fn new(mut words: Vec<(String, u32)>) -> Vocabulary {
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let mut by_length: Vec<Vec<u32>> = Vec::new();
        for (i, (word, _)) in words.iter().enumerate() {
            if !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let len = word.chars().count();
            if by_length.len() <= len {
                by_length.resize(len + 1, Vec::new());
            }
            by_length[len].push(i as u32);
        }
        Vocabulary { words, by_length }
    }

    fn position(&self, word: &str) -> usize {
        self.words.partition_point(|(w, _)| w.as_str() < word)
    }

    /// Whether a product has this word.
    pub fn contains(&self, word: &str) -> bool {
        self.words
            .get(self.position(word))
            .is_some_and(|(w, _)| w == word)
    }

    /// Whether a product has a word that begins with this one.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.words
            .get(self.position(prefix))
            .is_some_and(|(w, _)| w.starts_with(prefix))
    }

    fn docs(&self, word: &str) -> u32 {
        self.words
            .get(self.position(word))
            .filter(|(w, _)| w == word)
            .map_or(0, |(_, d)| *d)
    }

    /// The catalog's other forms of `word`: singular for plural and back
    /// (`lamps`/`lamp`, `knives`/`knife`, `berries`/`berry`, and in
    /// Spanish `cafeteras`/`cafetera`, `lapices`/`lapiz`), and the stem of
    /// `-ing` and `-ed` forms.
    pub fn forms(&self, word: &str) -> Vec<String> {
        let mut candidates: Vec<String> = Vec::new();
        let strip = |suffix: &str| word.strip_suffix(suffix).filter(|s| s.chars().count() >= 2);
        if let Some(stem) = strip("ies") {
            candidates.push(format!("{stem}y"));
        }
        if let Some(stem) = strip("ves") {
            candidates.push(format!("{stem}f"));
            candidates.push(format!("{stem}fe"));
        }
        if let Some(stem) = strip("es") {
            candidates.push(stem.to_string());
        }
        // Spanish: lápices/lápiz, luces/luz (accents are folded already).
        if let Some(stem) = strip("ces") {
            candidates.push(format!("{stem}z"));
        }
        if let Some(stem) = word.strip_suffix('z').filter(|s| s.chars().count() >= 2) {
            candidates.push(format!("{stem}ces"));
        }
        if let Some(stem) = strip("s") {
            candidates.push(stem.to_string());
        }
        if let Some(stem) = strip("ing") {
            candidates.push(stem.to_string());
            candidates.push(format!("{stem}e"));
        }
        if let Some(stem) = strip("ed") {
            candidates.push(stem.to_string());
            candidates.push(format!("{stem}e"));
        }
        if let Some(stem) = word.strip_suffix('y') {
            candidates.push(format!("{stem}ies"));
        }
        if let Some(stem) = word.strip_suffix("fe").or_else(|| word.strip_suffix('f')) {
            candidates.push(format!("{stem}ves"));
        }
        candidates.push(format!("{word}es"));
        candidates.push(format!("{word}s"));
        candidates.retain(|c| c != word && self.contains(c));
        candidates.dedup();
        candidates
    }

    /// The catalog's words closest to `word` (one edit for short words,
    /// two for longer ones; a swap of neighbours is one edit), most common
    /// first; none when the word is too short to guess at.
    pub fn corrections(&self, word: &str) -> Vec<(String, usize)> {
        let len = word.chars().count();
        let max = match len {
            l if l >= TWO_EDITS_FROM => 2,
            l if l >= ONE_EDIT_FROM => 1,
            _ => return Vec::new(),
        };
        let typed: Vec<char> = word.chars().collect();
        let mut found: Vec<(usize, u32, &str)> = Vec::new();
        let lengths = len.saturating_sub(max)..=(len + max).min(self.by_length.len().saturating_sub(1));
        let mut candidate = Vec::new();
        for l in lengths {
            for &i in self.by_length.get(l).map_or(&[][..], Vec::as_slice) {
                let (w, docs) = &self.words[i as usize];
                candidate.clear();
                candidate.extend(w.chars());
                if let Some(d) = distance(&typed, &candidate, max) {
                    found.push((d, *docs, w));
                }
            }
        }
        let Some(best) = found.iter().map(|f| f.0).min() else {
            return Vec::new();
        };
        found.retain(|f| f.0 == best);
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(b.2)));
        found
            .into_iter()
            .take(MAX_CORRECTIONS)
            .map(|(d, _, w)| (w.to_string(), d))
            .collect()
    }

    /// A catalog word one edit from `word`, itself a catalog word, that is
    /// in far more products (`MORE_COMMON`); the most common such word.
    pub fn more_common_neighbour(&self, word: &str) -> Option<String> {
        let own = self.docs(word);
        let len = word.chars().count();
        if own == 0 || len < ONE_EDIT_FROM {
            return None;
        }
        let typed: Vec<char> = word.chars().collect();
        let mut candidate = Vec::new();
        let mut best: Option<(u32, &str)> = None;
        for l in len - 1..=(len + 1).min(self.by_length.len().saturating_sub(1)) {
            for &i in self.by_length.get(l).map_or(&[][..], Vec::as_slice) {
                let (w, docs) = &self.words[i as usize];
                if *docs < own.saturating_mul(MORE_COMMON) || best.is_some_and(|(d, _)| d >= *docs) {
                    continue;
                }
                candidate.clear();
                candidate.extend(w.chars());
                if distance(&typed, &candidate, 1) == Some(1) {
                    best = Some((*docs, w));
                }
            }
        }
        best.map(|(_, w)| w.to_string())
    }

    /// `word` as two of the catalog's words (`teapot` as `tea pot`), the
    /// most common split first.
    pub fn split(&self, word: &str) -> Option<(String, String)> {
        let chars: Vec<char> = word.chars().collect();
        (3..chars.len().saturating_sub(2))
            .filter_map(|at| {
                let head: String = chars[..at].iter().collect();
                let tail: String = chars[at..].iter().collect();
                let docs = self.docs(&head).min(self.docs(&tail));
                (docs > 0).then_some((docs, head, tail))
            })
            .max_by_key(|(docs, _, _)| *docs)
            .map(|(_, head, tail)| (head, tail))
    }
}

/// The optimal string alignment distance of `a` and `b` (edits, and swaps
/// of neighbours, each counting one), or `None` when it is above `max`.
/// Rows stop early once every cell is above `max`.
pub fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    let mut before: Vec<usize> = vec![0; n + 1];
    let mut previous: Vec<usize> = (0..=n).collect();
    let mut current: Vec<usize> = vec![0; n + 1];
    for i in 1..=a.len() {
        current[0] = i;
        let mut smallest = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            smallest = smallest.min(d);
        }
        if smallest > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[n]).filter(|d| *d <= max)
}

/// What a search asks FTS5, most exact first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// FTS5 queries, each wider than the one before; the last is the
    /// whole search. Empty when the text has no words.
    pub tiers: Vec<String>,
    /// The search with its misspelt words corrected, when a word as typed
    /// is in no product and a correction is: "Did you mean …?".
    pub suggestion: Option<String>,
    /// The search with its rare words replaced by far more common ones a
    /// letter away ("lamp" for "lamb"), offered when it finds little.
    pub alternative: Option<String>,
}

/// One typed word: what it may also be.
struct Word {
    typed: String,
    known: bool,
    forms: Vec<String>,
    split: Option<(String, String)>,
    corrections: Vec<(String, usize)>,
}

impl Word {
    fn new(vocabulary: &Vocabulary, typed: String) -> Word {
        let known = vocabulary.has_prefix(&typed);
        let forms = vocabulary.forms(&typed);
        let split = if vocabulary.contains(&typed) {
            None
        } else {
            vocabulary.split(&typed)
        };
        let corrections = if known || !forms.is_empty() || split.is_some() {
            Vec::new()
        } else {
            vocabulary.corrections(&typed)
        };
        Word {
            typed,
            known,
            forms,
            split,
            corrections,
        }
    }

    /// This word's part of the query at a tier: 0 as typed, 1 with its
    /// forms and split, 2 with its corrections too.
    fn group(&self, tier: usize) -> String {
        let mut alternatives = vec![quoted_prefix(&self.typed)];
        if tier >= 1 {
            alternatives.extend(self.forms.iter().map(|f| quoted(f)));
            if let Some((head, tail)) = &self.split {
                alternatives.push(quoted(&format!("{head} {tail}")));
            }
        }
        if tier >= 2 {
            alternatives.extend(self.corrections.iter().map(|(c, _)| quoted(c)));
        }
        if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            format!("({})", alternatives.join(" OR "))
        }
    }

    /// What the suggestion says instead of this word.
    fn suggested(&self) -> Option<String> {
        if self.known {
            return None;
        }
        match (&self.split, self.corrections.first()) {
            (Some((head, tail)), _) => Some(format!("{head} {tail}")),
            (None, Some((c, _))) => Some(c.clone()),
            _ => None,
        }
    }
}

/// The tiers of a search for `text` over `vocabulary`, and its suggestion.
pub fn plan(vocabulary: &Vocabulary, text: &str) -> Plan {
    let words: Vec<Word> = words(text)
        .into_iter()
        .map(|w| Word::new(vocabulary, w))
        .collect();
    if words.is_empty() {
        return Plan::default();
    }
    // Neighbours that are one of the catalog's words when joined ("tea
    // pot" for "teapot"), by the index of the first.
    let joins: HashMap<usize, String> = words
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let joined = format!("{}{}", pair[0].typed, pair[1].typed);
            vocabulary.contains(&joined).then_some((i, joined))
        })
        .collect();
    let query = |tier: usize| {
        let mut groups = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match joins.get(&i).filter(|_| tier >= 1) {
                Some(joined) => {
                    groups.push(format!(
                        "(({} AND {}) OR {})",
                        words[i].group(tier),
                        words[i + 1].group(tier),
                        quoted(joined)
                    ));
                    i += 2;
                }
                None => {
                    groups.push(words[i].group(tier));
                    i += 1;
                }
            }
        }
        groups.join(" AND ")
    };
    let mut tiers: Vec<String> = Vec::new();
    for tier in 0..3 {
        let q = query(tier);
        if tiers.last() != Some(&q) {
            tiers.push(q);
        }
    }
    let corrected = words.iter().any(|w| w.suggested().is_some());
    let suggestion = corrected.then(|| {
        words
            .iter()
            .map(|w| w.suggested().unwrap_or_else(|| w.typed.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let neighbours: Vec<Option<String>> = words
        .iter()
        .map(|w| vocabulary.more_common_neighbour(&w.typed))
        .collect();
    let alternative = neighbours.iter().any(Option::is_some).then(|| {
        words
            .iter()
            .zip(neighbours)
            .map(|(w, n)| n.unwrap_or_else(|| w.typed.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    });
    Plan {
        tiers,
        suggestion,
        alternative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        Vocabulary::new(words.iter().map(|w| (w.to_string(), 1)).collect())
    }

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

    #[test]
    fn distances_count_swaps_as_one_edit() {
        let d = |a: &str, b: &str, max| {
            distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
                max,
            )
        };
        assert_eq!(d("kettel", "kettle", 2), Some(1));
        assert_eq!(d("cofee", "coffee", 2), Some(1));
        assert_eq!(d("notebok", "notebook", 2), Some(1));
        assert_eq!(d("knives", "knife", 2), Some(2));
        assert_eq!(d("lamp", "chair", 2), None);
        assert_eq!(d("same", "same", 0), Some(0));
    }

    #[test]
    fn misspelt_words_are_corrected_from_the_catalog() {
        let v = vocabulary(&[
            "kettle", "kettles", "coffee", "notebook", "lamp", "lamb", "tea", "teapot",
        ]);
        assert_eq!(v.corrections("kettel")[0].0, "kettle");
        assert_eq!(v.corrections("cofee")[0].0, "coffee");
        assert_eq!(v.corrections("notebok")[0].0, "notebook");
        assert!(v.corrections("xq").is_empty());

        let plan = plan(&v, "kettel");
        assert_eq!(plan.tiers, ["\"kettel\"*", "(\"kettel\"* OR \"kettle\")"]);
        assert_eq!(plan.suggestion.as_deref(), Some("kettle"));
    }

    #[test]
    fn word_forms_split_and_joined_words() {
        let v = vocabulary(&["lamp", "knife", "berry", "tea", "pot", "teapot", "towel"]);
        assert_eq!(v.forms("lamps"), ["lamp"]);
        assert_eq!(v.forms("knives"), ["knife"]);
        assert_eq!(v.forms("berries"), ["berry"]);
        assert_eq!(v.split("teapot"), Some(("tea".into(), "pot".into())));

        let joined = plan(&v, "tea pot");
        assert_eq!(joined.tiers[1], "((\"tea\"* AND \"pot\"*) OR \"teapot\")");
        assert_eq!(joined.suggestion, None);

        let v = vocabulary(&["tea", "pot", "towel"]);
        let split = plan(&v, "teapot");
        assert_eq!(split.tiers[1], "(\"teapot\"* OR \"tea pot\")");
        assert_eq!(split.suggestion.as_deref(), Some("tea pot"));
    }

    #[test]
    fn rare_words_offer_a_far_more_common_neighbour() {
        let v = Vocabulary::new(vec![
            ("lamb".into(), 1),
            ("lamp".into(), 40),
            ("chair".into(), 3),
            ("chain".into(), 20),
            ("red".into(), 30),
        ]);
        let lamb = plan(&v, "red lamb");
        assert_eq!(lamb.suggestion, None);
        assert_eq!(lamb.alternative.as_deref(), Some("red lamp"));
        // Twenty against three is not far more common; a common word and
        // a prefix being typed are left as they are.
        assert_eq!(plan(&v, "chair").alternative, None);
        assert_eq!(plan(&v, "lamp").alternative, None);
        assert_eq!(plan(&v, "lam").alternative, None);
    }

    #[test]
    fn known_words_are_left_alone() {
        let v = vocabulary(&["lamp", "lamb"]);
        let plan = plan(&v, "lam");
        assert_eq!(plan.tiers, ["\"lam\"*"]);
        assert_eq!(plan.suggestion, None);
    }
}
