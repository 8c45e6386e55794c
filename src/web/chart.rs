//! Bar charts drawn on the server as SVG: no JavaScript and nothing to
//! fetch, readable when printed, the value of each bar on hover through its
//! `<title>`. The page shows the same figures in a table, which is what
//! screen readers read; the chart itself is one labelled image.

use std::fmt::Write;

use crate::i18n::{Lang, format_price};

/// One bar: its label on the x-axis, its height, and what hovering shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub hover: String,
}

const WIDTH: i64 = 800;
const HEIGHT: i64 = 280;
/// Room for the y-axis' values, also in the larger text of a phone.
const LEFT: i64 = 112;
const RIGHT: i64 = 12;
const TOP: i64 = 20;
const BOTTOM: i64 = 40;
/// At most this many labels under the bars; the others are left out.
const MAX_LABELS: usize = 12;

/// Values for the y-axis: multiples of a round step (1, 2 or 5 times a
/// power of ten) from at or below `min` to at or above `max`, about
/// `count` of them. Zero is always among them, and a span smaller than
/// `min_span` is widened to it (so a chart of zeros still has an axis).
pub fn nice_ticks(min: i64, max: i64, count: usize, min_span: i64) -> Vec<i64> {
    let (min, mut max) = (min.min(0), max.max(0));
    if max - min < min_span.max(1) {
        max = min + min_span.max(1);
    }
    let raw = (max - min) as f64 / count.saturating_sub(1).max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = match raw / magnitude {
        n if n <= 1.0 => 1.0,
        n if n <= 2.0 => 2.0,
        n if n <= 5.0 => 5.0,
        _ => 10.0,
    } * magnitude;
    let step = (step.round() as i64).max(1);
    let low = min.div_euclid(step) * step;
    let high = -((-max).div_euclid(step) * step);
    (0..).map(|i| low + i * step).take_while(|t| *t <= high).collect()
}

/// Text made safe for SVG (XML) text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The SVG of a bar chart. `title` names the chart for assistive
/// technology; `axis` writes a value of the y-axis; `min_span` is the
/// smallest range of values the axis shows.
pub fn bar_chart(title: &str, bars: &[Bar], axis: &dyn Fn(i64) -> String, min_span: i64) -> String {
    let lo = bars.iter().map(|b| b.value).min().unwrap_or(0);
    let hi = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let ticks = nice_ticks(lo, hi, 6, min_span);
    let (bottom, top) = (*ticks.first().unwrap_or(&0), *ticks.last().unwrap_or(&1));
    let plot_h = (HEIGHT - TOP - BOTTOM) as f64;
    let plot_w = (WIDTH - LEFT - RIGHT) as f64;
    let span = (top - bottom).max(1) as f64;
    let y = |v: i64| TOP as f64 + plot_h * (top - v) as f64 / span;

    let mut svg = String::new();
    let title = escape(title);
    let _ = write!(
        svg,
        r#"<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" font-family="system-ui, sans-serif" font-size="13"><title>{title}</title>"#
    );
    for tick in &ticks {
        let ty = y(*tick);
        let stroke = if *tick == 0 { "#555" } else { "#ddd" };
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{ty:.1}" y2="{ty:.1}" stroke="{stroke}" stroke-width="1"/><text class="y-label" x="{}" y="{:.1}" text-anchor="end" fill="#333">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6,
            ty + 4.0,
            escape(&axis(*tick))
        );
    }
    let slot = plot_w / bars.len().max(1) as f64;
    let gap = (slot * 0.2).min(8.0);
    // Labels far enough apart not to touch: about 7.5 units a character.
    let widest = bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(0) as f64;
    let apart = ((widest * 7.5 + 10.0) / slot).ceil() as usize;
    let every = bars.len().div_ceil(MAX_LABELS).max(apart).max(1);
    let zero = y(0);
    for (i, bar) in bars.iter().enumerate() {
        let x = LEFT as f64 + slot * i as f64 + gap / 2.0;
        let vy = y(bar.value);
        let (top_y, h) = if bar.value >= 0 {
            (vy, zero - vy)
        } else {
            (zero, vy - zero)
        };
        let fill = if bar.value >= 0 { "#2f6f4f" } else { "#b03a2e" };
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{x:.1}" y="{top_y:.1}" width="{:.1}" height="{h:.1}" fill="{fill}"><title>{}</title></rect>"#,
            (slot - gap).max(1.0),
            escape(&bar.hover)
        );
        if i % every == 0 {
            // A phone shrinks the chart and enlarges its text
            // (admin.css): there every other label is left out.
            let class = if (i / every) % 2 == 1 {
                "x-label minor"
            } else {
                "x-label"
            };
            let _ = write!(
                svg,
                r##"<text class="{class}" x="{:.1}" y="{}" text-anchor="middle" fill="#333">{}</text>"##,
                x + (slot - gap) / 2.0,
                HEIGHT - BOTTOM + 18,
                escape(&bar.label)
            );
        }
    }
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{}" stroke="#555" stroke-width="1"/></svg>"##,
        HEIGHT - BOTTOM
    );
    svg
}

/// A money amount for an axis: whole units without the cents.
pub fn money_axis(currency: &str, lang: Lang) -> impl Fn(i64) -> String + '_ {
    move |cents| {
        let text = format_price(crate::money::Cents(cents), currency, lang);
        // Whole amounts without their cents: €50, 50 €. The decimal mark
        // is the one the language does not group with (€1,000.00).
        let no_cents = match lang {
            Lang::En => ".00",
            Lang::Es => ",00",
        };
        if cents % 100 == 0 {
            text.replacen(no_cents, "", 1)
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(nice_ticks(0, 1234, 6, 1), [0, 500, 1000, 1500]);
        assert_eq!(
            nice_ticks(0, 100_000, 6, 1),
            [0, 20_000, 40_000, 60_000, 80_000, 100_000]
        );
        assert_eq!(nice_ticks(0, 3, 6, 1), [0, 1, 2, 3]);
        assert_eq!(nice_ticks(-250, 900, 6, 1), [-500, 0, 500, 1000]);
        // Nothing at all still draws an axis.
        assert_eq!(nice_ticks(0, 0, 6, 100), [0, 20, 40, 60, 80, 100]);
        assert_eq!(nice_ticks(0, 0, 6, 1), [0, 1]);
        for (lo, hi) in [(0, 7), (3, 99), (-17, 0), (0, 123_456_789)] {
            let ticks = nice_ticks(lo, hi, 6, 1);
            assert!(ticks[0] <= lo.min(0) && *ticks.last().unwrap() >= hi);
            assert!(ticks.contains(&0));
            assert!(ticks.len() <= 12, "{ticks:?}");
        }
    }

    #[test]
    fn labels_and_titles_are_escaped() {
        let bars = [Bar {
            label: "<b>&\"x\"".into(),
            value: 5,
            hover: "a <script> & 'b'".into(),
        }];
        let svg = bar_chart("Sales & <more>", &bars, &|v| v.to_string(), 1);
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert!(svg.contains("<title>a &lt;script&gt; &amp; &#39;b&#39;</title>"));
        assert!(svg.contains(r#"aria-label="Sales &amp; &lt;more&gt;""#));
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
    }

    #[test]
    fn every_bar_is_drawn_and_only_some_labels() {
        let bars: Vec<Bar> = (0..30)
            .map(|i| Bar {
                label: format!("d{i}"),
                value: i * 100 - 500,
                hover: format!("day {i}"),
            })
            .collect();
        let svg = bar_chart("t", &bars, &|v| v.to_string(), 1);
        assert_eq!(svg.matches(r#"<rect class="bar""#).count(), 30);
        assert!(svg.contains(">d0<") && !svg.contains(">d1<"));
        assert!(
            svg.contains(r#"<text class="x-label minor" x="#),
            "some labels are left out on a phone"
        );
        assert!(
            svg.contains("#b03a2e"),
            "negative bars are drawn below zero in red"
        );
    }

    #[test]
    fn money_on_the_axis_has_no_cents_when_whole() {
        assert_eq!(money_axis("EUR", Lang::En)(5000), "€50");
        assert_eq!(money_axis("EUR", Lang::En)(20), "€0.20");
        assert_eq!(money_axis("EUR", Lang::Es)(5000), "50\u{a0}€");
        assert_eq!(money_axis("EUR", Lang::Es)(1250), "12,50\u{a0}€");
        assert_eq!(money_axis("EUR", Lang::En)(100_000), "€1,000");
        assert_eq!(money_axis("EUR", Lang::Es)(1_500_000), "15.000\u{a0}€");
        assert_eq!(money_axis("CHF", Lang::En)(100_000), "1,000 CHF");
    }
}
