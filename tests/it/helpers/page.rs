//! Pages read the way a browser reads them: parsed, and asked with CSS
//! selectors, so a test names the element it means instead of matching the
//! markup's spelling.

use scraper::{ElementRef, Html, Selector};

/// A parsed HTML page.
pub struct Page {
    html: Html,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("not a CSS selector: {css}: {e:?}"))
}

/// What a person reads in `element`: its text, with runs of white space as
/// one space.
pub fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `value` quoted for an attribute selector.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Page {
    pub fn parse(source: &str) -> Page {
        Page {
            html: Html::parse_document(source),
        }
    }

    /// Every element matching `css`, in document order.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    pub fn has(&self, css: &str) -> bool {
        self.count(css) > 0
    }

    pub fn count(&self, css: &str) -> usize {
        self.html.select(&selector(css)).count()
    }

    /// The text of the first element matching `css`.
    pub fn select_text(&self, css: &str) -> Option<String> {
        self.html.select(&selector(css)).next().map(text)
    }

    /// The text of every element matching `css`.
    pub fn select_texts(&self, css: &str) -> Vec<String> {
        self.html.select(&selector(css)).map(text).collect()
    }

    /// The attribute `name` of the first element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.html
            .select(&selector(css))
            .find_map(|e| e.value().attr(name).map(str::to_string))
    }

    /// The attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.html
            .select(&selector(css))
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    }

    /// The texts of the `cell` elements inside each element matching `row`.
    pub fn rows(&self, row: &str, cell: &str) -> Vec<Vec<String>> {
        let cell = selector(cell);
        self.html
            .select(&selector(row))
            .map(|r| r.select(&cell).map(text).collect())
            .collect()
    }

    /// The flash message the layout shows after a redirect (success,
    /// warning or error).
    pub fn flash(&self) -> Option<String> {
        self.select_text(".flash")
    }

    /// The message next to the form field `field` (`id="{field}-error"`).
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.select_text(&format!("[id={}]", quoted(&format!("{field}-error"))))
    }

    /// The CSRF token of the form that posts to `action`.
    pub fn csrf_token(&self, action: &str) -> Option<String> {
        self.attr(
            &format!("form[action={}] input[name=\"_csrf\"]", quoted(action)),
            "value",
        )
    }

    /// The value of the input named `name`, which must be on the page.
    #[track_caller]
    pub fn input_value(&self, name: &str) -> String {
        let input = format!("input[name={}]", quoted(name));
        let found = self.select(&input);
        let first = found.first().unwrap_or_else(|| panic!("no {input} on the page"));
        first.value().attr("value").unwrap_or_default().to_string()
    }
}

impl Page {
    /// Whether a form (or a button's `formaction`) on the page posts to
    /// `action`: the page offers that action.
    pub fn posts_to(&self, action: &str) -> bool {
        let action = quoted(action);
        self.has(&format!("[action={action}], [formaction={action}]"))
    }
}

impl Page {
    /// Whether some element matching `outer` whose text contains `text`
    /// holds an element matching `inner`: "the row of X is marked Y".
    pub fn has_in(&self, outer: &str, text: &str, inner: &str) -> bool {
        let inner = selector(inner);
        self.html
            .select(&selector(outer))
            .filter(|e| e.text().collect::<String>().contains(text))
            .any(|e| e.select(&inner).next().is_some())
    }

    /// The position among the elements matching `css` of the first one
    /// whose text is `text`.
    pub fn position(&self, css: &str, text: &str) -> Option<usize> {
        self.select_texts(css).iter().position(|t| t == text)
    }
}

impl Page {
    /// The texts of the `cell` elements of the first `row` that holds a
    /// `key` element reading exactly `text`: "the cells of Boots' row".
    pub fn row_of(&self, row: &str, key: &str, text: &str, cell: &str) -> Option<Vec<String>> {
        let (key, cell) = (selector(key), selector(cell));
        self.html
            .select(&selector(row))
            .find(|r| r.select(&key).any(|k| self::text(k) == text))
            .map(|r| r.select(&cell).map(self::text).collect())
    }
}

/// Whether `element` holds an element matching `css`.
pub fn holds(element: ElementRef<'_>, css: &str) -> bool {
    element.select(&selector(css)).next().is_some()
}

impl Page {
    /// The element structure inside the first element matching `css`: the
    /// names of its elements as they open and close, with the text of its
    /// links ("ul li a Home /a /li /ul").
    pub fn outline(&self, css: &str) -> Option<String> {
        fn walk(element: ElementRef<'_>, out: &mut Vec<String>) {
            for child in element.children().filter_map(ElementRef::wrap) {
                let name = child.value().name();
                out.push(name.to_string());
                if name == "a" {
                    out.push(text(child));
                }
                walk(child, out);
                out.push(format!("/{name}"));
            }
        }
        let root = self.html.select(&selector(css)).next()?;
        let mut out = Vec::new();
        walk(root, &mut out);
        Some(out.join(" "))
    }
}
