//! `[[metric]]` of qms.toml: metrics the house defines over its registers,
//! checked against records.toml and the register's header (OBJ007), then
//! computed for an objective's periods.
//!
//! `register` names a record type of records.toml by its id (`QR-21`), or
//! its `[record.register] path`; the id is looked up first. The register is
//! read through [`crate::measure::register_rows`] (a CSV file or a
//! workbook's sheet), with its `date_format`.

use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::paths;
use crate::base::span::{Location, Origin, Spanned};
use crate::base::text::FileId;
use crate::load::Qms;
use crate::measure::metrics::{self, Measure};
use crate::measure::periods::ObjectivePeriod;
use crate::measure::register_rows;
use crate::measure::rows::{CellProblem, DateReader, RowCondition, RowMetric, Test};
use crate::model::{ConditionOp, MetricDefinition, MetricKind, Register};

/// A `[[metric]]` with its register, ready to compute or not.
pub(crate) struct RegisterMetric<'a> {
    /// As written.
    pub def: &'a MetricDefinition,
    /// Its register, relative to the QMS, and the register's file (for
    /// locating the cells it cannot read); `None` when not found.
    pub register: Option<(String, FileId)>,
    /// The workbook sheet of the register, when it names one.
    pub sheet: Option<String>,
    /// The register's `[record.register.headers]`.
    pub headers: register_rows::HeaderMap,
    /// What to compute; `None` when the definition is wrong (an OBJ007
    /// finding says why) or its register cannot be read (REC003).
    pub computable: Option<RowMetric>,
}

/// Every `[[metric]]` of qms.toml, and what is wrong with them.
#[derive(Default)]
pub(crate) struct Definitions<'a> {
    /// In qms.toml order; a duplicate name is left out.
    pub metrics: Vec<RegisterMetric<'a>>,
    /// OBJ007 findings.
    pub findings: Vec<RawFinding>,
}

impl Definitions<'_> {
    /// The metric of this name.
    pub(crate) fn get(&self, name: &str) -> Option<&RegisterMetric<'_>> {
        self.metrics
            .iter()
            .find(|m| m.def.name.as_ref().is_some_and(|n| n.get() == name))
    }
}

/// Checks every `[[metric]]` of qms.toml, reading each register's header.
pub(crate) fn definitions(qms: &Qms) -> Definitions<'_> {
    let mut out = Definitions::default();
    let Some(cfg) = &qms.config else { return out };
    let origin = cfg.origin;
    for def in &cfg.metrics {
        let problem = |message: String| RawFinding::new(Code::OBJ007, message);
        let Some(name_at) = def.name.as_ref().filter(|n| !n.trim().is_empty()) else {
            out.findings.push(
                problem("a `[[metric]]` has no `name`".into())
                    .at(anchor(def, origin))
                    .help("add `name = \"...\"`: what objectives write in `metric`"),
            );
            continue;
        };
        let name = name_at.get();
        if metrics::metric(name).is_some() {
            out.findings.push(
                problem(format!(
                    "`[[metric]]` `{name}` has the name of a built-in metric"
                ))
                .at(origin.at(name_at))
                .help("give it a name of its own, e.g. with the house's prefix"),
            );
            continue;
        }
        if out.get(name).is_some() {
            out.findings.push(
                problem(format!("`[[metric]]` `{name}` is defined twice"))
                    .at(origin.at(name_at))
                    .help("rename or remove one of them"),
            );
            continue;
        }
        let mut findings = Vec::new();
        let metric = check_one(qms, origin, def, name_at, &mut findings);
        out.findings.extend(findings);
        out.metrics.push(metric);
    }
    out
}

/// Where a `[[metric]]` is: its first field written.
fn anchor(def: &MetricDefinition, origin: Origin) -> Location {
    [
        def.name.as_ref().map(|v| v.span()),
        def.register.as_ref().map(|v| v.span()),
        def.date.as_ref().map(|v| v.span()),
        def.kind.as_ref().map(|v| v.span()),
        def.column.as_ref().map(|v| v.span()),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|r| r.start)
    .map_or_else(|| origin.file(), |r| origin.range(r))
}

/// The record type's register that `register` names, by id or by path.
fn find_register<'a>(qms: &'a Qms, written: &str) -> Result<&'a Register, String> {
    let records = qms.records.iter().flat_map(|l| &l.records);
    if let Some(r) = records.clone().find(|r| r.id.get() == written) {
        return r.register.as_ref().ok_or_else(|| {
            format!("record type `{written}` keeps files, not a register (`[record.register]`)")
        });
    }
    let wanted = paths::normalise(written).ok();
    records
        .filter_map(|r| r.register.as_ref())
        .find(|reg| wanted.is_some() && paths::normalise(reg.path.get()).ok() == wanted)
        .ok_or_else(|| {
            format!(
                "`{written}` is neither a record type id nor the path of a register in records.toml"
            )
        })
}

fn check_one<'a>(
    qms: &Qms,
    origin: Origin,
    def: &'a MetricDefinition,
    name_at: &Spanned<String>,
    out: &mut Vec<RawFinding>,
) -> RegisterMetric<'a> {
    let name = name_at.get();
    let mut metric = RegisterMetric {
        def,
        register: None,
        sheet: None,
        headers: register_rows::HeaderMap::new(),
        computable: None,
    };
    let bad = |message: String, at: Location| RawFinding::new(Code::OBJ007, message).at(at);
    let (Some(register), Some(date), Some(kind_at)) = (&def.register, &def.date, &def.kind) else {
        let missing: Vec<&str> = [
            ("`register`", def.register.is_none()),
            ("`date`", def.date.is_none()),
            ("`kind`", def.kind.is_none()),
        ]
        .into_iter()
        .filter_map(|(f, gone)| gone.then_some(f))
        .collect();
        out.push(
            bad(
                format!("metric `{name}` has no {}", missing.join(", ")),
                origin.at(name_at),
            )
            .help("a `[[metric]]` names its `register`, its `date` column and its `kind`"),
        );
        return metric;
    };
    let reg = match find_register(qms, register.get()) {
        Ok(reg) => reg,
        Err(message) => {
            out.push(
                bad(format!("metric `{name}`: {message}"), origin.at(register))
                    .help("name a record type of records.toml that has a `[record.register]`"),
            );
            return metric;
        }
    };
    // A path that leads out is a LOAD004 of records.toml.
    let Ok(rel) = paths::normalise(reg.path.get()) else {
        return metric;
    };
    let Some(scanned) = qms.registers.get(&rel) else {
        return metric;
    };
    metric.register = Some((rel.clone(), scanned.file));
    let mut ok = true;
    let sheet = reg.sheet.as_ref().map(|s| s.get().clone());
    metric.sheet = sheet.clone();
    metric.headers = reg
        .headers
        .iter()
        .map(|(c, h)| (c.clone(), h.get().clone()))
        .collect();
    let format = reg.date_format.as_ref().map(|f| f.get().clone());
    if let Some(f) = &format {
        let valid = !chrono::format::StrftimeItems::new(f)
            .any(|i| matches!(i, chrono::format::Item::Error));
        if !valid {
            out.push(
                bad(
                    format!("metric `{name}`: register `{rel}` has `date_format` `{f}`, which is not a chrono date format"),
                    origin.at(register),
                )
                .help("write the register's `date_format` like `%d/%m/%Y`"),
            );
            ok = false;
        }
    }
    let kind = *kind_at.get();
    match (kind, &def.column) {
        (MetricKind::Sum | MetricKind::Mean, None) => {
            out.push(
                bad(
                    format!(
                        "metric `{name}` is a {} and names no `column`",
                        kind_word(kind)
                    ),
                    origin.at(kind_at),
                )
                .help("add `column = \"...\"`: the numeric column to add up or average"),
            );
            ok = false;
        }
        (MetricKind::Count | MetricKind::Rate, Some(c)) => {
            out.push(
                bad(
                    format!(
                        "metric `{name}` is a {}: `column` is only for a sum or a mean",
                        kind_word(kind)
                    ),
                    origin.at(c),
                )
                .help("remove `column`, or use `where` to choose the rows"),
            );
            ok = false;
        }
        _ => {}
    }
    let mut conditions = Vec::new();
    for c in &def.conditions {
        let op = c.op.as_ref().map(|o| *o.get());
        let given = [
            c.value.is_some(),
            c.other.is_some(),
            c.any_of.is_some(),
            c.not_in.is_some(),
        ];
        let shape_problem = if given.iter().filter(|g| **g).count() != 1 {
            Some("needs exactly one of `value`, `other`, `in`, `not_in`")
        } else if op.is_some() && (c.any_of.is_some() || c.not_in.is_some()) {
            Some("takes no `op` with `in` or `not_in`")
        } else {
            None
        };
        if let Some(p) = shape_problem {
            out.push(
                bad(
                    format!("metric `{name}`: the condition on `{}` {p}", c.column.get()),
                    origin.at(&c.column),
                )
                .help("e.g. { column = \"delivered\", op = \"<=\", other = \"promised\" } or { column = \"status\", in = [\"shipped\"] }"),
            );
            ok = false;
            continue;
        }
        let op = op.unwrap_or(ConditionOp::Equal);
        let texts = |v: &[crate::model::WrittenValue]| v.iter().map(|v| v.0.clone()).collect();
        let test = if let Some(v) = &c.value {
            Test::Value(op, v.get().0.clone())
        } else if let Some(o) = &c.other {
            Test::Other(op, o.get().clone())
        } else if let Some(list) = &c.any_of {
            Test::AnyOf(texts(list.get()))
        } else if let Some(list) = &c.not_in {
            Test::NoneOf(texts(list.get()))
        } else {
            continue; // one of them is given (checked above)
        };
        conditions.push(RowCondition {
            column: c.column.get().clone(),
            test,
        });
    }
    // The header: every column named must be there.
    let Ok(header) = register_rows::columns(qms, &rel, sheet.as_deref(), &metric.headers) else {
        return metric; // REC003 says why
    };
    let named = std::iter::once(date)
        .chain(&def.column)
        .chain(def.conditions.iter().map(|c| &c.column))
        .chain(def.conditions.iter().filter_map(|c| c.other.as_ref()));
    for column in named {
        if !header.iter().any(|h| h == column.get()) {
            out.push(
                bad(
                    format!(
                        "metric `{name}`: register `{rel}` has no column `{}`",
                        column.get()
                    ),
                    origin.at(column),
                )
                .help(format!(
                    "its columns: {}; or map the export's header to `{}` in `[record.register.headers]`",
                    header.join(", "),
                    column.get()
                )),
            );
            ok = false;
        }
    }
    if ok {
        metric.computable = Some(RowMetric {
            kind,
            date: date.get().clone(),
            column: def.column.as_ref().map(|c| c.get().clone()),
            conditions,
            dates: DateReader::new(format),
        });
    }
    metric
}

fn kind_word(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Count => "count",
        MetricKind::Rate => "rate",
        MetricKind::Sum => "sum",
        MetricKind::Mean => "mean",
    }
}

/// What a register metric measured for each period, and the cells it
/// could not read (with the register's file).
pub(crate) struct Measured {
    /// One value per period asked for.
    pub values: Vec<Option<Measure>>,
    /// The cells left out.
    pub problems: Vec<CellProblem>,
}

impl RegisterMetric<'_> {
    /// Computes the metric for each of `periods` in one pass over the
    /// register; `None` when it cannot be computed (see `computable`).
    pub(crate) fn measure(&self, qms: &Qms, periods: &[ObjectivePeriod]) -> Option<Measured> {
        let metric = self.computable.as_ref()?;
        let (rel, _) = self.register.as_ref()?;
        let mut problems = Vec::new();
        let mut read = Ok(());
        let values = metric.measure_streamed(
            periods,
            |each| {
                read = register_rows::for_each_row(
                    qms,
                    rel,
                    self.sheet.as_deref(),
                    &self.headers,
                    each,
                )
            },
            &mut problems,
        );
        read.ok()?;
        Some(Measured { values, problems })
    }
}
