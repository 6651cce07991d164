//! `qms._native`: the Python package `qms` over the Rust library.
//!
//! Each function loads a QMS (a directory, a zip archive, or files held in a
//! Python mapping through [`qms_core::source::MemorySource`]), calls the same
//! library functions as the `qms` command, and hands the typed result to
//! Python through its serde form ([`pythonize`]), so a dict holds the same
//! data as the command's `--format json`. Loading and every computation run
//! with the interpreter released ([`Python::detach`]): other Python threads
//! go on while a large QMS is read. Nothing here prints: what the command
//! writes to stderr becomes a Python warning.
//!
//! Arguments that do not parse (a date, a period, a language) raise
//! `ValueError`; a QMS that cannot be read raises `qms.LoadError`; any other
//! failure of the job (a report that cannot be rendered, a pack that cannot
//! be written) raises `qms.QmsError`, its base class.

use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString};
use qms_core::registers::calendar::WorkingCalendar;
use qms_core::source::MemorySource;
use qms_core::{Breakdown, CheckOptions, Date, Period, Qms, Rule};
use qms_report::pack::{GitInfo, PackOptions, write_pack};
use qms_report::verify::{VerifyError, verify_pack};

create_exception!(
    qms,
    QmsError,
    PyException,
    "A qms job could not be done; the message is the library's, with its cause."
);
create_exception!(
    qms,
    LoadError,
    QmsError,
    "The QMS could not be read: a missing directory, a file that is neither a directory nor a zip archive, a broken archive."
);

/// An error's message followed by each of its causes, as the command
/// prints it: `cannot read the QMS directory x: No such file or directory`.
fn message(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

fn qms_error(e: &dyn std::error::Error) -> PyErr {
    QmsError::new_err(message(e))
}

fn load_error(e: &qms_core::LoadError) -> PyErr {
    LoadError::new_err(message(e))
}

/// The Python form of a serialisable result: dicts, lists, strings, numbers.
fn to_python<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| QmsError::new_err(e.to_string()))
}

/// Where a QMS is read from.
enum Input {
    /// A directory or a zip archive on disk.
    Path(PathBuf),
    /// Files given as a mapping of path to text or bytes; never on disk.
    Files(MemorySource),
}

impl Input {
    /// A path (`str`, `os.PathLike`) or a mapping `{path: str | bytes}`.
    fn from_python(source: &Bound<'_, PyAny>) -> PyResult<Input> {
        if let Ok(files) = source.cast::<PyMapping>() {
            return Input::files(files);
        }
        source.extract::<PathBuf>().map(Input::Path).map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a path (str or os.PathLike) or a mapping of path to str or bytes, got {}",
                type_name(source)
            ))
        })
    }

    fn files(files: &Bound<'_, PyMapping>) -> PyResult<Input> {
        let mut source = MemorySource::new();
        for item in files.items()?.iter() {
            let (path, contents): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let path: String = path.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "a file's path must be a str, got {}",
                    type_name(&path)
                ))
            })?;
            let bytes = if let Ok(text) = contents.cast::<PyString>() {
                text.to_cow()?.as_bytes().to_vec()
            } else {
                contents.extract::<Vec<u8>>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "the contents of `{path}` must be str or bytes, got {}",
                        type_name(&contents)
                    ))
                })?
            };
            source.insert(&path, bytes);
        }
        Ok(Input::Files(source))
    }

    fn load(self) -> Result<Qms, qms_core::LoadError> {
        match self {
            Input::Path(path) => qms_core::load(&path),
            Input::Files(files) => qms_core::load_from(files),
        }
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an object".into(), |n| n.to_string())
}

/// Today's date as Python tells it (`datetime.date.today()`): the library
/// never reads the clock.
fn today(py: Python<'_>) -> PyResult<Date> {
    let today = py
        .import("datetime")?
        .getattr("date")?
        .call_method0("today")?;
    parse_date(&today.str()?.to_string())
}

fn parse_date(text: &str) -> PyResult<Date> {
    text.parse::<Date>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A date given as `"2012-06-30"` or a `datetime.date`; `None` is today.
fn date(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
    let Some(value) = value else {
        return today(py);
    };
    if let Ok(text) = value.cast::<PyString>() {
        return parse_date(&text.to_cow()?);
    }
    let datetime = py.import("datetime")?;
    // A datetime is a date too, but a check is made on a day, not an instant.
    if value.is_instance(&datetime.getattr("date")?)?
        && !value.is_instance(&datetime.getattr("datetime")?)?
    {
        return parse_date(&value.str()?.to_string());
    }
    Err(PyTypeError::new_err(format!(
        "a date must be a str such as \"2012-06-30\" or a datetime.date, got {}",
        type_name(value)
    )))
}

fn report_lang(lang: Option<&str>, qms: &Qms) -> PyResult<qms_report::Lang> {
    match lang {
        None => qms_report::Lang::of(qms).map_err(|e| PyValueError::new_err(e.to_string())),
        Some(code) => qms_report::Lang::parse(code).ok_or_else(|| {
            PyValueError::new_err(format!("no report language `{code}`; use \"vi\" or \"en\""))
        }),
    }
}

/// Checks a QMS and returns the result: the same data as
/// `qms check --format json` (`schema_version`, `as_of`, `profile`,
/// `summary` with `errors`, `warnings` and `files`, `findings` each with
/// `code`, `level`, `message`, `file`, `line`, `column`, and `coverage`).
///
/// `source` is a directory, a zip archive (a zipped QMS or an evidence
/// pack), or a mapping of path to `str`/`bytes` as `check_files` takes.
/// `as_of` is the check date (`"2012-06-30"` or a `datetime.date`; default
/// today: pass it for a reproducible check). `deny_warnings` treats warnings
/// as errors, as `--deny warnings` does. A QMS with error findings is not an
/// exception: read `result["summary"]["errors"]`. Raises `qms.LoadError`
/// when the QMS cannot be read.
#[pyfunction]
#[pyo3(signature = (source, as_of=None, deny_warnings=false))]
fn check<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    deny_warnings: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::from_python(source)?;
    let options = CheckOptions::new(date(py, as_of)?).deny_warnings(deny_warnings);
    let report = py
        .detach(move || input.load().map(|qms| qms_core::check(&qms, &options)))
        .map_err(|e| load_error(&e))?;
    to_python(py, &report)
}

/// Checks a QMS held in memory, never touching the disk: `files` maps each
/// path relative to the QMS (`"qms.toml"`, `"documents/P-01.md"`) to its
/// text (`str`) or its bytes (UTF-8, or a workbook). Returns what `check`
/// returns; findings name the file and line as given here.
///
/// For an upload or files kept in a database. A path that would lead out
/// of the QMS (`../x`, `/etc/x`) is refused and reported as a finding.
#[pyfunction]
#[pyo3(signature = (files, as_of=None, deny_warnings=false))]
fn check_files<'py>(
    py: Python<'py>,
    files: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    deny_warnings: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let files = files.cast::<PyMapping>().map_err(|_| {
        PyTypeError::new_err(format!(
            "files must be a mapping of path to str or bytes, got {}",
            type_name(files)
        ))
    })?;
    check(py, files.as_any(), as_of, deny_warnings)
}

/// The clause matrix (gap analysis): the same data as
/// `qms coverage --format json`: `profile`, `clause_numbering` and
/// `clauses`, each with `clause`, `title_en`, `title_vi`, `status`
/// (covered, partial, missing, not-applicable, not-required) and `evidence`.
/// `source` and `as_of` as for `check`.
#[pyfunction]
#[pyo3(signature = (source, as_of=None))]
fn coverage<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::from_python(source)?;
    let options = CheckOptions::new(date(py, as_of)?);
    let coverage = py
        .detach(move || {
            input
                .load()
                .map(|qms| qms_core::check(&qms, &options).coverage)
        })
        .map_err(|e| load_error(&e))?;
    to_python(py, &coverage)
}

/// The period `stats` counts: `"2012-H1"` (also `"2012"`, `"2012-Q2"`,
/// `"2012-06"`), a pair of dates `(first, last)`, or `None` for this year.
fn period(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Period> {
    let label = match value {
        None => today(py)?.year().to_string(),
        Some(v) if v.is_instance_of::<PyString>() => v.extract::<String>()?,
        Some(v) => {
            let (from, to): (Bound<'_, PyAny>, Bound<'_, PyAny>) = v.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "a period is a str such as \"2012-H1\" or a pair of dates (first, last), got {}",
                    type_name(v)
                ))
            })?;
            let (from, to) = (date(py, Some(&from))?, date(py, Some(&to))?);
            if from > to {
                return Err(PyValueError::new_err(format!(
                    "the period starts on {from}, after its last day {to}"
                )));
            }
            return Ok(Period::new(from, to, format!("{from}..{to}")));
        }
    };
    Period::parse(&label).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Dossier statistics of a period, for a QMS with a dossier register: the
/// same data as `qms stats --format json`: `period`, `total` (with
/// `carried_over`, `received_new`, `total`, `resolved`, `early`, `on_time`,
/// `late`, `in_progress`, `not_yet_due`, `overdue`, `on_time_rate`), `rows`
/// when `by` is `"field"`, `"procedure"` or `"month"`, and `bad_rows`.
///
/// `period` is `"2012-H1"`, `"2012"`, `"2012-Q2"`, `"2012-06"` or a pair of
/// dates `(first, last)`; default this year. Rows that cannot be read are
/// left out, counted in `bad_rows` and named in a `UserWarning`
/// (`check` lists them all). Raises `qms.QmsError` when the QMS declares no
/// dossier register.
#[pyfunction]
#[pyo3(signature = (source, period=None, by=None))]
fn stats<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    period: Option<&Bound<'py, PyAny>>,
    by: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::from_python(source)?;
    let period = self::period(py, period)?;
    let by = match by {
        None => None,
        Some("field") => Some(Breakdown::Field),
        Some("procedure") => Some(Breakdown::Procedure),
        Some("month") => Some(Breakdown::Month),
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "no breakdown `{other}`; use \"field\", \"procedure\" or \"month\""
            )));
        }
    };
    let (report, warnings) = py
        .detach(move || -> Result<_, PyErr> {
            let qms = input.load().map_err(|e| load_error(&e))?;
            if !qms_core::registers::dossier::is_declared(&qms) {
                return Err(QmsError::new_err(
                    "the QMS declares no dossier register: stats counts the dossiers of a `[record.register]` with `kind = \"dossiers\"` in records.toml (docs/formats.md)",
                ));
            }
            let (calendar, findings) = WorkingCalendar::of(&qms);
            let (report, problems) = qms_core::stats(&qms, &calendar, &period, by);
            let mut warnings: Vec<String> = findings.into_iter().map(|f| f.message).collect();
            warnings.extend(problems.iter().take(20).map(|(file, p)| {
                format!("{file}:{}: {} (row left out)", p.place(), p.message)
            }));
            if problems.len() > 20 {
                warnings.push(format!(
                    "{} more rows left out; qms.check() lists them all",
                    problems.len() - 20
                ));
            }
            Ok((report, warnings))
        })?;
    for w in warnings {
        PyErr::warn(
            py,
            &py.get_type::<PyUserWarning>(),
            &std::ffi::CString::new(w)?,
            1,
        )?;
    }
    to_python(py, &report)
}

/// The audit report as text: one self-contained HTML page
/// (`format="html"`) or Markdown (`format="md"`), as `qms report` writes
/// it. `lang` is `"vi"` or `"en"`; default the QMS's `[report] lang`, else
/// its `[organisation] lang`, else English. `template_dir` holds a
/// `report.html`, `report.md` or `i18n/LANG.toml` that overrides the
/// built-in one. Raises `qms.QmsError` when a template does not render.
#[pyfunction]
#[pyo3(signature = (source, as_of=None, lang=None, format="html", template_dir=None))]
fn report<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
    format: &str,
    template_dir: Option<PathBuf>,
) -> PyResult<String> {
    let input = Input::from_python(source)?;
    let as_of = date(py, as_of)?;
    let format = match format {
        "html" => qms_report::Format::Html,
        "md" | "markdown" => qms_report::Format::Markdown,
        other => {
            return Err(PyValueError::new_err(format!(
                "no report format `{other}`; use \"html\" or \"md\""
            )));
        }
    };
    let lang = lang.map(str::to_owned);
    py.detach(move || {
        let qms = input.load().map_err(|e| load_error(&e))?;
        let lang = report_lang(lang.as_deref(), &qms)?;
        let context = qms_core::report::ReportContext::build(&qms, as_of);
        qms_report::render(&context, format, lang, template_dir.as_deref())
            .map_err(|e| qms_error(&e))
    })
}

/// Writes the certification evidence pack to `out`, as `qms pack` does:
/// one reproducible zip (reports, check result, clause matrix, registers,
/// every file the QMS references, `manifest.json` with each entry's SHA-256,
/// `SHA256SUMS`), written atomically. When `source` is a directory in a git
/// work tree, the manifest records its commit. Returns `path`, `entries`,
/// `bytes` (of content, before compression) and `manifest`.
#[pyfunction]
#[pyo3(signature = (source, out, as_of=None, lang=None))]
fn pack<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    out: PathBuf,
    as_of: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::from_python(source)?;
    let as_of = date(py, as_of)?;
    let lang = lang.map(str::to_owned);
    let target = out.clone();
    let summary = py.detach(move || {
        let git = match &input {
            Input::Path(dir) => GitInfo::of(dir),
            Input::Files(_) => None,
        };
        let qms = input.load().map_err(|e| load_error(&e))?;
        let options = PackOptions {
            as_of,
            lang: report_lang(lang.as_deref(), &qms)?,
            git,
            signer: None,
        };
        write_pack(&qms, &target, &options, &mut |_, _| {}).map_err(|e| qms_error(&e))
    })?;
    let result = PyDict::new(py);
    result.set_item("path", out.to_string_lossy())?;
    result.set_item("entries", summary.entries)?;
    result.set_item("bytes", summary.bytes)?;
    result.set_item("manifest", to_python(py, &summary.manifest)?)?;
    Ok(result.into_any())
}

/// Verifies an evidence pack, as `qms verify` does: every hash recomputed.
/// Returns `intact` (nothing changed, removed or added, no unsafe entry),
/// `entries`, `changed`, `removed`, `added`, `problems`,
/// `manifest_consistent` and `manifest`. A tampered pack is not an
/// exception; a file that is not a pack raises `qms.QmsError`, one that
/// cannot be read `qms.LoadError`.
#[pyfunction]
fn verify<'py>(py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyAny>> {
    let report = py.detach(move || verify_pack(&path)).map_err(|e| match e {
        VerifyError::Io { .. } => LoadError::new_err(message(&e)),
        e => qms_error(&e),
    })?;
    let result = to_python(py, &report)?;
    result.set_item("intact", report.intact())?;
    Ok(result)
}

fn rule_dict<'py>(py: Python<'py>, rule: &Rule) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", rule.code.to_string())?;
    d.set_item("name", rule.name)?;
    d.set_item("level", rule.default_level.as_str())?;
    d.set_item("clause", rule.clause)?;
    d.set_item("summary", rule.summary)?;
    d.set_item("explanation", rule.explanation)?;
    Ok(d)
}

/// A rule, as `qms explain CODE` shows it: `code`, `name`, `level` (its
/// default level), `clause` (of ISO 9001:2015), `summary` and
/// `explanation`. Raises `qms.QmsError` for an unknown code.
#[pyfunction]
fn explain<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyDict>> {
    let rule = qms_core::rule(code).ok_or_else(|| {
        QmsError::new_err(format!("no rule `{code}`; qms.rules() lists every rule"))
    })?;
    rule_dict(py, rule)
}

/// Every rule, in code order, each as `explain` returns it.
#[pyfunction]
fn rules<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let rules = qms_core::RULES
        .iter()
        .map(|r| rule_dict(py, r))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, rules)
}

/// The native part of the `qms` package; import `qms`, not this module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("QmsError", py.get_type::<QmsError>())?;
    m.add("LoadError", py.get_type::<LoadError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", qms_core::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_files, m)?)?;
    m.add_function(wrap_pyfunction!(coverage, m)?)?;
    m.add_function(wrap_pyfunction!(stats, m)?)?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    m.add_function(wrap_pyfunction!(pack, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    Ok(())
}
