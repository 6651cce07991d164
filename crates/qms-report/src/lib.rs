//! qms-report: renders the audit report of a QMS directory.
//!
//! The report's data is [`qms_core::report::ReportContext`]; this crate owns
//! the templates (tera 2, this crate's `templates/`, compiled in), the
//! translation tables (`templates/i18n/*.toml`), the filters they use and
//! the layout of the dossier chart ([`chart`]). A template sees the report as
//! `r`, the labels as `t` and the chart's geometry, when the report has a
//! dossier section, as `chart`. Every file `qms` writes (a report, a pack,
//! the files of `qms init` and `qms new`) goes through [`atomic`].
//! A user's template directory overrides any built-in template by name. The
//! HTML template keeps its `.html` name so tera escapes every value: a title
//! holding `<script>` is shown as text.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("qms.toml"),
//!     "[organisation]\nname = \"UBND thị trấn Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n")?;
//! let qms = qms_core::load(dir.path())?;
//! let as_of = qms_core::Date::from_ymd(2012, 6, 30).expect("a date");
//! let report = qms_core::report::ReportContext::build(&qms, as_of);
//! let md = qms_report::render(&report, qms_report::Format::Markdown, qms_report::Lang::En, None)?;
//! assert!(md.contains("UBND thị trấn Mỹ An"));
//! # Ok(()) }
//! ```

pub mod atomic;
pub mod chart;
pub mod pack;
pub mod sign;
pub mod verify;

pub use atomic::{
    Existing, WriteError, write_atomically, write_atomically_with, write_new, write_new_private,
};

use std::collections::BTreeMap;
use std::path::Path;

use qms_core::report::ReportContext;
use tera::{Kwargs, State, Tera, Value};

/// The built-in templates and translation tables, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("report.html", include_str!("../templates/report.html")),
    ("report.md", include_str!("../templates/report.md")),
];

const I18N: &[(&str, &str)] = &[
    ("en", include_str!("../templates/i18n/en.toml")),
    ("vi", include_str!("../templates/i18n/vi.toml")),
];

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file.
    Html,
    /// Markdown for git hosts.
    Markdown,
}

impl Format {
    /// The template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Format::Html => "report.html",
            Format::Markdown => "report.md",
        }
    }
}

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese.
    Vi,
    /// English.
    En,
}

/// A qms.toml `[report] lang` that is not a report language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("qms.toml: [report] lang = {0:?} is not a report language; the languages are: en, vi")]
pub struct UnknownLang(pub String);

impl Lang {
    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language a QMS asks its report in: qms.toml `[report] lang`,
    /// else `[organisation] lang`, else English. A `[report] lang` that is
    /// not a report language is an error (never a silent fallback).
    pub fn of(qms: &qms_core::Qms) -> Result<Lang, UnknownLang> {
        let config = qms.config.as_ref();
        if let Some(asked) = config.and_then(|c| c.report.lang.as_ref())
            && qms_core::model::Language::parse(asked.get()).is_none()
        {
            return Err(UnknownLang(asked.get().clone()));
        }
        Ok(match config.map(|c| c.report_language()) {
            Some(qms_core::model::Language::Vi) => Lang::Vi,
            _ => Lang::En,
        })
    }

    /// Reads `vi` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A template does not parse, or uses a field the context does not have.
    #[error("template {template}: {message}")]
    Template {
        /// The template's name.
        template: String,
        /// What tera said (with the line).
        message: String,
    },
    /// A file of the template directory cannot be read.
    #[error("cannot read template {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A translation table does not parse.
    #[error("translation table {0}: {1}")]
    Translation(String, String),
    /// The template directory asked for is not a directory.
    #[error("template directory {0} does not exist or is not a directory")]
    TemplateDir(String),
}

fn tera_message(e: &tera::Error) -> String {
    // tera's Display is the summary; its source chain holds the location.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// The translation table of a language: built in, or `i18n/LANG.toml` in
/// the template directory.
pub fn labels(
    lang: Lang,
    template_dir: Option<&Path>,
) -> Result<BTreeMap<String, String>, ReportError> {
    let name = format!("i18n/{}.toml", lang.code());
    let text = match template_dir.map(|d| d.join(&name)).filter(|p| p.is_file()) {
        Some(p) => std::fs::read_to_string(&p).map_err(|source| ReportError::Io {
            path: p.display().to_string(),
            source,
        })?,
        None => I18N
            .iter()
            .find(|(l, _)| *l == lang.code())
            .map(|(_, t)| t.to_string())
            .unwrap_or_default(),
    };
    toml::from_str(&text).map_err(|e| ReportError::Translation(name, e.message().to_string()))
}

/// A count as each language writes it: 6.047 (vi), 6,047 (en).
pub fn format_count(v: u64, lang: Lang) -> String {
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A rate 0..1 as a percentage with at most two decimals (100%, 99,83%);
/// `-` when there is none.
pub fn format_rate(r: Option<f64>, lang: Lang) -> String {
    let Some(r) = r else { return "-".into() };
    let s = format!("{:.2}", r * 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if lang == Lang::Vi {
        s.replace('.', ",")
    } else {
        s.to_string()
    };
    format!("{s}%")
}

/// A filter's argument as text: a string as it is, nothing as empty, any
/// other value as JSON.
fn filter_text(v: &Value) -> String {
    v.as_str().map_or_else(
        || {
            if v.is_none() {
                String::new()
            } else {
                v.to_string()
            }
        },
        str::to_string,
    )
}

/// Text read from the files made safe for Markdown: `<` and `>` as
/// entities (no raw HTML such as `<script>`), `[` and `]` escaped (no link,
/// so no `javascript:` link), control characters other than line breaks
/// written as `\u{..}`, any line break style as `\n`. In a table cell
/// (`in_cell`) line breaks become spaces and `|` is escaped, so nothing
/// splits a row; in a paragraph a line that would start a heading,
/// list or fence has its first mark escaped.
fn markdown_text(s: &str, in_cell: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push(if in_cell { ' ' } else { '\n' });
        }
        let body = line.trim_start();
        if !in_cell && body.starts_with(['#', '-', '+', '*', '=', '`', '~']) {
            out.push_str(&line[..line.len() - body.len()]);
            out.push('\\');
            push_markdown(&mut out, body, in_cell);
        } else {
            push_markdown(&mut out, line, in_cell);
        }
    }
    out
}

fn push_markdown(out: &mut String, s: &str, in_cell: bool) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '|' if in_cell => out.push_str("\\|"),
            c if c.is_control() && c != '\t' => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
}

fn engine(lang: Lang, template_dir: Option<&Path>) -> Result<Tera, ReportError> {
    let mut tera = Tera::new();
    let vi = lang == Lang::Vi;
    // Dates: 30/06/2012 in Vietnamese, 2012-06-30 in English; empty for none.
    tera.register_filter("date", move |v: Value, _: Kwargs, _: &State| -> String {
        let Some(s) = v.as_str() else {
            return String::new();
        };
        match (vi, s.split('-').collect::<Vec<_>>().as_slice()) {
            (true, [y, m, d]) => format!("{d}/{m}/{y}"),
            _ => s.to_string(),
        }
    });
    // Counts with thousands separators: 6.047 (vi), 6,047 (en).
    tera.register_filter("num", move |v: Value, _: Kwargs, _: &State| -> String {
        match v.as_u64() {
            Some(n) => format_count(n, lang),
            None => v.as_f64().map_or_else(String::new, |f| f.to_string()),
        }
    });
    // A rate 0..1 as a percentage; `-` when there is none.
    tera.register_filter("pct", move |v: Value, _: Kwargs, _: &State| -> String {
        format_rate(v.as_f64(), lang)
    });
    // Text from the files, for Markdown: a table cell (`cell`: one line,
    // pipes escaped) or a paragraph (`md`); no raw HTML, no link syntax.
    tera.register_filter("cell", |v: Value, _: Kwargs, _: &State| -> String {
        markdown_text(&filter_text(&v), true)
    });
    tera.register_filter("md", |v: Value, _: Kwargs, _: &State| -> String {
        markdown_text(&filter_text(&v), false)
    });
    // A sheet column's number as its letters: 3 is `C`; empty for none.
    tera.register_filter("column", |v: Value, _: Kwargs, _: &State| -> String {
        v.as_u64()
            .map(|n| qms_core::column_letters(n as usize))
            .unwrap_or_default()
    });
    // Filters first: tera checks a template's filters when it is added.
    for (name, text) in BUILT_IN {
        let text = match template_dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
            Some(p) => std::fs::read_to_string(&p).map_err(|source| ReportError::Io {
                path: p.display().to_string(),
                source,
            })?,
            None => text.to_string(),
        };
        tera.add_raw_template(name, &text)
            .map_err(|e| ReportError::Template {
                template: name.to_string(),
                message: tera_message(&e),
            })?;
    }
    Ok(tera)
}

/// Renders the report in a format and language, with the built-in
/// templates or those of `template_dir` that override them.
pub fn render(
    report: &ReportContext,
    format: Format,
    lang: Lang,
    template_dir: Option<&Path>,
) -> Result<String, ReportError> {
    if let Some(d) = template_dir.filter(|d| !d.is_dir()) {
        return Err(ReportError::TemplateDir(d.display().to_string()));
    }
    let tera = engine(lang, template_dir)?;
    let mut ctx = tera::Context::new();
    ctx.insert("r", report);
    ctx.insert(
        "chart",
        &report.dossiers.as_ref().map(|d| chart::chart(&d.months)),
    );
    ctx.insert("t", &labels(lang, template_dir)?);
    tera.render(format.template(), &ctx)
        .map_err(|e| ReportError::Template {
            template: format.template().to_string(),
            message: tera_message(&e),
        })
}

#[cfg(test)]
mod tests {
    use super::markdown_text;

    #[test]
    fn file_text_cannot_inject_markdown() {
        assert_eq!(
            markdown_text("<script>alert(1)</script> [x](javascript:alert(1))", true),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1))"
        );
        // A carriage return or a pipe does not split a table row.
        assert_eq!(markdown_text("a\rb|c\r\nd\u{b}", true), "a b\\|c d\\u{b}");
        // In a paragraph, lines stay lines but cannot open a block.
        assert_eq!(
            markdown_text("Scope\r# Not a heading\n  > nor a quote", false),
            "Scope\n\\# Not a heading\n  &gt; nor a quote"
        );
    }
}
