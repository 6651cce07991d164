//! `qms stats` and `qms calendar`: the dossier figures of a period, and the
//! working-day calendar behind every due date.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use qms_core::Date;
use qms_core::model::written_name;
use qms_core::registers::calendar::{BUILT_IN_COUNTRIES, WorkingCalendar};
use qms_core::{Breakdown, DossierStats, Period};

use crate::Lang;

/// Output formats of `qms stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// A table for the terminal.
    Table,
    /// The figures as JSON.
    Json,
    /// One row per group.
    Csv,
}

/// How to break the figures down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// By field (lĩnh vực).
    Field,
    /// By procedure.
    Procedure,
    /// By month.
    Month,
}

fn calendar_of(dir: &Path) -> anyhow::Result<(qms_core::Qms, WorkingCalendar)> {
    let qms = qms_core::load(dir)?;
    let (cal, findings) = WorkingCalendar::of(&qms);
    for f in findings {
        eprintln!("warning: {}", f.message);
    }
    Ok((qms, cal))
}

fn n(v: u64, lang: Lang) -> String {
    qms_report::format_count(v, lang.into())
}

fn rate(r: Option<f64>, lang: Lang) -> String {
    qms_report::format_rate(r, lang.into())
}

const HEAD_EN: [&str; 14] = [
    "",
    "carried over",
    "new",
    "received",
    "resolved",
    "early",
    "on time",
    "late",
    "in progress",
    "not yet due",
    "overdue",
    "on-time rate",
    "late with apology",
    "new appointment missed",
];
const HEAD_VI: [&str; 14] = [
    "",
    "kỳ trước chuyển qua",
    "tiếp nhận trong kỳ",
    "tổng số nhận",
    "đã giải quyết",
    "trước hạn",
    "đúng hạn",
    "quá hạn",
    "đang giải quyết",
    "chưa đến hạn",
    "quá hạn",
    "tỉ lệ đúng hạn",
    "trễ hạn có xin lỗi",
    "trễ hạn hẹn lại",
];

fn cells(s: &DossierStats, lang: Lang) -> [String; 13] {
    [
        n(s.carried_over, lang),
        n(s.received_new, lang),
        n(s.total, lang),
        n(s.resolved, lang),
        n(s.early, lang),
        n(s.on_time, lang),
        n(s.late, lang),
        n(s.in_progress, lang),
        n(s.not_yet_due, lang),
        n(s.overdue, lang),
        rate(s.on_time_rate, lang),
        n(s.late_with_apology, lang),
        n(s.new_appointment_missed, lang),
    ]
}

/// Prints the statistics.
pub fn stats(
    dir: &Path,
    period: &Period,
    by: Option<By>,
    format: StatsFormat,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let (qms, cal) = calendar_of(dir)?;
    if !qms_core::registers::dossier::is_declared(&qms) {
        bail!(
            "{} declares no dossier register: `qms stats` counts the dossiers of a `[record.register]` with `kind = \"dossiers\"` in records.toml (docs/formats.md)",
            dir.display()
        );
    }
    let by = by.map(|b| match b {
        By::Field => Breakdown::Field,
        By::Procedure => Breakdown::Procedure,
        By::Month => Breakdown::Month,
    });
    let (report, problems) = qms_core::stats(&qms, &cal, period, by);
    for (file, p) in problems.iter().take(20) {
        let at = match p.sheet {
            Some(_) => format!("{file}: {}", p.place()),
            None => format!("{file}:{}", p.line),
        };
        eprintln!("warning: {at}: {} (row left out)", p.message);
    }
    if problems.len() > 20 {
        eprintln!(
            "warning: {} more rows left out; `qms check` lists them all",
            problems.len() - 20
        );
    }
    let mut out = std::io::stdout().lock();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        StatsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "group",
                "carried_over",
                "received_new",
                "total",
                "resolved",
                "early",
                "on_time",
                "late",
                "in_progress",
                "not_yet_due",
                "overdue",
                "on_time_rate",
                // added last, so the columns before keep their places
                "late_with_apology",
                "new_appointment_missed",
            ])?;
            let mut row = |key: &str, s: &DossierStats| {
                let mut r = vec![key.to_string()];
                r.extend(
                    [
                        s.carried_over,
                        s.received_new,
                        s.total,
                        s.resolved,
                        s.early,
                        s.on_time,
                        s.late,
                        s.in_progress,
                        s.not_yet_due,
                        s.overdue,
                    ]
                    .map(|v| v.to_string()),
                );
                r.push(
                    s.on_time_rate
                        .map_or_else(String::new, |v| format!("{v:.6}")),
                );
                r.extend([s.late_with_apology, s.new_appointment_missed].map(|v| v.to_string()));
                w.write_record(&r)
            };
            row("total", &report.total)?;
            for r in &report.rows {
                row(&r.key, &r.stats)?;
            }
            w.flush()?;
        }
        StatsFormat::Table => {
            let t = &report.total;
            let (head, total_label) = match lang {
                Lang::En => (HEAD_EN, "total"),
                Lang::Vi => (HEAD_VI, "tổng"),
            };
            match lang {
                Lang::En => writeln!(
                    out,
                    "Dossiers, {} ({} to {})\n",
                    period.label, period.from, period.to
                )?,
                Lang::Vi => writeln!(
                    out,
                    "Tình hình giải quyết hồ sơ, {} (từ {} đến {})\n",
                    period.label, period.from, period.to
                )?,
            }
            let mut rows: Vec<(String, [String; 13])> =
                vec![(total_label.to_string(), cells(t, lang))];
            rows.extend(
                report
                    .rows
                    .iter()
                    .map(|r| (r.key.clone(), cells(&r.stats, lang))),
            );
            // One line per figure, one column per group: fits a terminal
            // whatever the number of groups up to a dozen.
            let w0 = head.iter().map(|h| h.chars().count()).max().unwrap_or(10);
            let widths: Vec<usize> = rows
                .iter()
                .map(|(k, c)| {
                    c.iter()
                        .map(|s| s.chars().count())
                        .chain([k.chars().count()])
                        .max()
                        .unwrap_or(5)
                        .min(40)
                })
                .collect();
            let pad = |s: &str, w: usize| {
                format!("{}{s}", " ".repeat(w.saturating_sub(s.chars().count())))
            };
            let mut line = format!("{:w0$}", "");
            for ((k, _), w) in rows.iter().zip(&widths) {
                let k: String = k.chars().take(*w).collect();
                line.push_str("  ");
                line.push_str(&pad(&k, *w));
            }
            writeln!(out, "{}", line.trim_end())?;
            for (i, h) in head.iter().enumerate().skip(1) {
                let mut line = format!("{h}{}", " ".repeat(w0 - h.chars().count()));
                for ((_, c), w) in rows.iter().zip(&widths) {
                    line.push_str("  ");
                    line.push_str(&pad(&c[i - 1], *w));
                }
                writeln!(out, "{line}")?;
            }
            if !t.received_by_channel.is_empty() {
                let parts: Vec<String> = t
                    .received_by_channel
                    .iter()
                    .map(|(k, v)| format!("{k} {}", n(*v, lang)))
                    .collect();
                match lang {
                    Lang::En => writeln!(out, "\nnew receipts by channel: {}", parts.join(", "))?,
                    Lang::Vi => writeln!(
                        out,
                        "\ntiếp nhận trong kỳ theo hình thức: {}",
                        parts.join(", ")
                    )?,
                }
            }
            if report.bad_rows > 0 {
                writeln!(
                    out,
                    "({} rows could not be read and are not counted)",
                    report.bad_rows
                )?;
            }
        }
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The calendar a `qms calendar` command uses: the built-in one of
/// `country`, else the `[calendar]` of the QMS at `dir` (default: the
/// current directory), which must then hold one.
fn calendar_for(dir: Option<&Path>, country: Option<&str>) -> anyhow::Result<WorkingCalendar> {
    let built_in = BUILT_IN_COUNTRIES.join(", ");
    if let Some(code) = country {
        return WorkingCalendar::country(code).with_context(|| {
            format!("no built-in calendar for country `{code}`; built-in calendars: {built_in}")
        });
    }
    let holds_qms = |d: &Path| d.is_file() || d.join("qms.toml").is_file();
    match dir {
        Some(d) if holds_qms(d) => Ok(calendar_of(d)?.1),
        Some(d) => bail!(
            "{} holds no qms.toml: give a QMS directory whose [calendar] applies, or --country instead (built-in calendars: {built_in})",
            d.display()
        ),
        None if holds_qms(Path::new(".")) => Ok(calendar_of(Path::new("."))?.1),
        None => bail!(
            "which calendar? give --country (built-in calendars: {built_in}) or a QMS directory; the current directory holds no qms.toml"
        ),
    }
}

/// `qms calendar due DATE DAYS`.
pub fn due(
    dir: Option<&Path>,
    country: Option<&str>,
    date: Date,
    days: u32,
) -> anyhow::Result<ExitCode> {
    let cal = calendar_for(dir, country)?;
    println!("{}", cal.add_working_days(date, days));
    Ok(ExitCode::SUCCESS)
}

/// `qms calendar holidays YEAR`.
pub fn holidays(
    dir: Option<&Path>,
    country: Option<&str>,
    year: i32,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let cal = calendar_for(dir, country)?;
    let mut out = std::io::stdout().lock();
    let name = |d: &qms_core::registers::calendar::CalendarDay| {
        if lang == Lang::Vi {
            d.name_vi.clone()
        } else {
            d.name_en.clone()
        }
    };
    let weekday = |d: Date| d.weekday().short_name();
    for d in cal.days_off_in(year) {
        let kind = d.kind.map(|k| written_name(&k)).unwrap_or_default();
        let off = if cal.is_working_day(d.date) {
            ""
        } else {
            "off"
        };
        writeln!(
            out,
            "{} {}  {:<3} {:<9} {}",
            d.date,
            weekday(d.date),
            off,
            kind,
            name(d)
        )?;
    }
    for d in cal.working_weekend_days_in(year) {
        writeln!(
            out,
            "{} {}  {:<3} {:<9} {}",
            d.date,
            weekday(d.date),
            "",
            "worked",
            name(d)
        )?;
    }
    if let Some(y) = cal.year_note(year) {
        if !y.verified {
            writeln!(
                out,
                "\nnote: {year} follows the statutory rules; the government notice for the year was not checked"
            )?;
        }
    } else if cal.country_code().is_some() {
        writeln!(
            out,
            "\nnote: the built-in calendar has no data for {year}: weekends only"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
