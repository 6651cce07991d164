//! `qms`: the auditor CLI for a quality management system kept as plain files.
//!
//! Thin by design: arguments, output formats and exit codes. Everything it
//! computes comes from `qms-core`. Exit status: 0 no error-level finding,
//! 1 error-level findings, 2 the command could not run.

mod coverage;
mod formats;
mod human;
mod pack;
mod scaffold;
mod schemas;
mod stats;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{CommandFactory as _, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor;
use qms_core::model::Language;
use qms_core::scaffold::NewKind;
use qms_core::{CheckOptions, Date, Profile, RULES};

/// Quality management as code: check an ISO 9001 QMS kept as plain files.
#[derive(Debug, Parser)]
#[command(name = "qms", version, about, long_about = None)]
struct Cli {
    /// When to colour the output: `auto` (stdout is a terminal and
    /// `NO_COLOR` is unset or empty), `always` or `never`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Print only the summary line and set the exit status.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    /// When stdout is a terminal and `NO_COLOR` is unset or empty.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The options every command shares (`--color`, `--quiet`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ui {
    /// Whether to colour stdout.
    pub color: bool,
    /// Only the summary line.
    pub quiet: bool,
}

impl Ui {
    fn new(color: ColorWhen, quiet: bool) -> Ui {
        use std::io::IsTerminal as _;
        let color = colour_on(
            color,
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR"),
        );
        Ui { color, quiet }
    }
}

/// Whether to colour: `--color`, else a terminal without `NO_COLOR`, which
/// counts only when set to something (no-color.org: `NO_COLOR=` is unset).
fn colour_on(when: ColorWhen, terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a QMS directory and report every finding.
    Check(CheckArgs),
    /// The clause matrix: each clause of the profile, covered or not, and the evidence.
    Coverage(CoverageArgs),
    /// Each quality objective: its value for the period judged, its target, met or not, its trend.
    Objectives {
        /// The QMS directory; default: the nearest one up from the current directory.
        dir: Option<PathBuf>,
        /// Date the objectives are measured at (YYYY-MM-DD); default: today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Scaffold a new QMS directory that passes `qms check`.
    Init {
        /// The directory (created if missing; refused if it has a qms.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Language of the files, and of the QMS (`[organisation] lang`).
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// Issue and approval date of the first documents; default: today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Create a new file with the next free id, from a template in the QMS's language.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: NewWhat,
        /// The QMS directory; default: the nearest one up from the current directory.
        dir: Option<PathBuf>,
        /// Date for the id's year and the template's dates; default: today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Dossier statistics (a QMS with a dossier register): received, resolved, on-time rate.
    Stats {
        /// The QMS directory; default: the nearest one up from the current directory.
        dir: Option<PathBuf>,
        /// The period: 2012, 2012-H1, 2012-Q2, 2012-06 (default: --from/--to).
        #[arg(long, value_parser = parse_period, conflicts_with_all = ["from", "to"])]
        period: Option<qms_core::Period>,
        /// First day of the period.
        #[arg(long, value_parser = parse_date, requires = "to")]
        from: Option<Date>,
        /// Last day of the period.
        #[arg(long, value_parser = parse_date, requires = "from")]
        to: Option<Date>,
        /// Break the figures down.
        #[arg(long, value_enum)]
        by: Option<stats::By>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = stats::StatsFormat::Table)]
        format: stats::StatsFormat,
        /// Language of the table's labels.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// The working-day calendar: appointment dates and holidays.
    Calendar {
        #[command(subcommand)]
        action: CalendarAction,
    },
    /// The audit report: self-contained HTML or Markdown, Vietnamese or English.
    Report {
        /// The QMS directory; default: the nearest one up from the current directory.
        dir: Option<PathBuf>,
        /// Date the check is made at (YYYY-MM-DD); default: today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Language; default: qms.toml `[report] lang`, else `[organisation] lang`, else English.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// A directory whose report.html, report.md or i18n/LANG.toml override the built-in ones.
        #[arg(long, value_name = "DIR")]
        template_dir: Option<PathBuf>,
        /// Write to this file (atomically) instead of stdout; `-` is stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the certification evidence pack: one reproducible zip with a hash manifest.
    Pack {
        /// The QMS directory; default: the nearest one up from the current directory.
        dir: Option<PathBuf>,
        /// The zip to write (atomically).
        #[arg(short = 'o', long = "output", value_name = "FILE.zip")]
        output: PathBuf,
        /// Date the check is made at, and every entry's timestamp; default: today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Language of the reports; default: qms.toml `[report] lang`, else `[organisation] lang`, else English.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Sign manifest.json with this minisign secret key (`qms keygen`); its password, if any, in QMS_KEY_PASSWORD.
        #[arg(long, value_name = "KEY")]
        sign: Option<PathBuf>,
    },
    /// Verify an evidence pack: recompute every hash, name every change, check the signature.
    Verify {
        /// The pack.
        file: PathBuf,
        /// The signer's minisign public key (KEY.pub): the pack must be signed with it.
        #[arg(long, value_name = "PUB")]
        key: Option<PathBuf>,
    },
    /// Make a minisign key pair for signing packs: PATH.key (secret) and PATH.pub.
    Keygen {
        /// Where the keys go, without extension.
        path: PathBuf,
        /// Do not encrypt the secret key (a CI key, protected by its file's permissions only); otherwise the password is read from QMS_KEY_PASSWORD.
        #[arg(long)]
        no_password: bool,
    },
    /// Explain a rule (`qms explain DOC004`), or list every rule.
    Explain {
        /// A rule code such as DOC004; omit to list every rule.
        code: Option<String>,
        /// Every rule as Markdown, one section each (`docs/rules.md`).
        #[arg(long, conflicts_with = "code")]
        markdown: bool,
    },
    /// List the built-in standard profiles, or show one.
    Profiles {
        #[command(subcommand)]
        action: Option<ProfilesAction>,
    },
    /// Print a shell's completion script (`source <(qms completions bash)`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `qms man | man -l -`).
    Man,
    /// Print the JSON Schema (draft 2020-12) of a file kind or an output.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        name: schemas::SchemaName,
    },
}

#[derive(Debug, Subcommand)]
enum CalendarAction {
    /// The appointment date of a dossier received on DATE with DAYS working days.
    Due {
        /// Day received (YYYY-MM-DD).
        #[arg(value_parser = parse_date)]
        date: Date,
        /// Legal time limit in working days.
        days: u32,
        /// The QMS directory whose `[calendar]` applies (default: the current one).
        dir: Option<PathBuf>,
        /// A built-in country calendar instead of a QMS's (`VN`).
        #[arg(long, value_name = "CODE", conflicts_with = "dir")]
        country: Option<String>,
    },
    /// The non-working days and the weekend days worked in a year.
    Holidays {
        /// The year.
        year: i32,
        /// The QMS directory whose `[calendar]` applies (default: the current one).
        dir: Option<PathBuf>,
        /// A built-in country calendar instead of a QMS's (`VN`).
        #[arg(long, value_name = "CODE", conflicts_with = "dir")]
        country: Option<String>,
        /// Language of the names.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
}

#[derive(Debug, Subcommand)]
enum ProfilesAction {
    /// Print one profile: its clauses and mandatory documented information.
    Show {
        /// Profile id, e.g. iso9001:2015.
        id: String,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The QMS directory; default: the nearest one up from the current directory.
    dir: Option<PathBuf>,
    /// Date the check is made at (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    deny: Option<String>,
    /// SARIF: the repository root its paths are relative to; default: the
    /// nearest directory up from DIR with a `.git`, else DIR.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Write to this file (atomically) instead of stdout; `-` is stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CoverageArgs {
    /// The QMS directory; default: the nearest one up from the current directory.
    dir: Option<PathBuf>,
    /// Date the evidence is judged at (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Table)]
    format: CoverageFormat,
    /// Language of the clause titles.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    lang: Lang,
    /// List every clause, also those with no mandatory item and no evidence.
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CoverageFormat {
    /// An aligned table for the terminal.
    Table,
    /// The matrix as JSON (the `coverage` of `qms check --format json`).
    Json,
    /// One row per clause: clause, title, status, evidence.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// One self-contained HTML file (prints to A4).
    Html,
    /// Markdown.
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NewWhat {
    /// A nonconformity (e.g. NC-2025-001).
    Nc,
    /// An action (e.g. CA-2025-001).
    Action,
    /// An internal audit (e.g. IA-2025-01).
    Audit,
    /// A management review (e.g. MR-2025-01).
    Review,
    /// A draft procedure (e.g. P-01).
    Document,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Lang {
    /// Vietnamese.
    Vi,
    /// English.
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics with the source line and a caret, then a summary.
    Human,
    /// The check result as JSON (schema_version 1).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML: one test case per rule.
    Junit,
}

fn parse_period(s: &str) -> Result<qms_core::Period, String> {
    qms_core::Period::parse(s).map_err(|e| e.to_string())
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: qms_core::DateParseError| e.to_string())
}

fn today() -> Date {
    use chrono::Datelike as _;
    let now = chrono::Local::now().date_naive();
    Date::from_ymd(now.year(), now.month(), now.day()).expect("chrono gives a valid date")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.to_string().contains("Broken pipe")
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ui = Ui::new(cli.color, cli.quiet);
    match cli.command {
        Command::Check(mut args) => {
            args.dir = Some(qms_dir(args.dir)?);
            check(args, ui)
        }
        Command::Coverage(args) => coverage::print(
            &qms_dir(args.dir)?,
            args.as_of.unwrap_or_else(today),
            args.format,
            args.lang,
            args.all,
        ),
        Command::Objectives { dir, as_of } => {
            objectives(&qms_dir(dir)?, as_of.unwrap_or_else(today))
        }
        Command::Init { dir, lang, as_of } => {
            let lang = match lang {
                Lang::Vi => Language::Vi,
                Lang::En => Language::En,
            };
            scaffold::init(&dir, lang, as_of.unwrap_or_else(today))
        }
        Command::New { kind, dir, as_of } => {
            let kind = match kind {
                NewWhat::Nc => NewKind::Nonconformity,
                NewWhat::Action => NewKind::Action,
                NewWhat::Audit => NewKind::Audit,
                NewWhat::Review => NewKind::Review,
                NewWhat::Document => NewKind::Document,
            };
            scaffold::new(&qms_dir(dir)?, kind, as_of.unwrap_or_else(today))
        }
        Command::Stats {
            dir,
            period,
            from,
            to,
            by,
            format,
            lang,
        } => {
            let period = match (period, from, to) {
                (Some(p), _, _) => p,
                (None, Some(f), Some(t)) if f <= t => {
                    qms_core::Period::new(f, t, format!("{f}..{t}"))
                }
                (None, Some(_), Some(_)) => bail!("--from is after --to"),
                _ => {
                    let y = today().year();
                    qms_core::Period::parse(&y.to_string()).map_err(anyhow::Error::msg)?
                }
            };
            stats::stats(&qms_dir(dir)?, &period, by, format, lang)
        }
        Command::Calendar { action } => match action {
            CalendarAction::Due {
                date,
                days,
                dir,
                country,
            } => stats::due(dir.as_deref(), country.as_deref(), date, days),
            CalendarAction::Holidays {
                year,
                dir,
                country,
                lang,
            } => stats::holidays(dir.as_deref(), country.as_deref(), year, lang),
        },
        Command::Report {
            dir,
            as_of,
            lang,
            format,
            template_dir,
            output,
        } => report(
            &qms_dir(dir)?,
            as_of.unwrap_or_else(today),
            lang,
            format,
            template_dir.as_deref(),
            output.as_deref(),
        ),
        Command::Pack {
            dir,
            output,
            as_of,
            lang,
            sign,
        } => pack::pack(
            &qms_dir(dir)?,
            &output,
            as_of.unwrap_or_else(today),
            lang,
            sign.as_deref(),
        ),
        Command::Verify { file, key } => pack::verify(&file, key.as_deref()),
        Command::Keygen { path, no_password } => pack::keygen(&path, no_password),
        Command::Explain { code, markdown } => {
            if markdown {
                write_output(None, formats::rules_markdown().as_bytes())?;
                return Ok(ExitCode::SUCCESS);
            }
            explain(code.as_deref())
        }
        Command::Profiles { action } => profiles(action),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "qms", &mut out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            write_output(None, &page)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { name } => {
            let mut text = serde_json::to_string_pretty(&name.schema())?;
            text.push('\n');
            write_output(None, text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The QMS directory: the one given, else the nearest directory from the
/// current one upwards that has a `qms.toml` (as git finds `.git`), else
/// the current directory (whose missing qms.toml `check` then reports).
fn qms_dir(dir: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = dir {
        return Ok(dir);
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    Ok(cwd
        .ancestors()
        .find(|d| d.join("qms.toml").is_file())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf))
}

/// Writes a command's single output: to `path`, atomically, or to stdout
/// when there is none or it is `-`.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(p) if p != Path::new("-") => {
            pack::remove_temporary_files_on_interrupt();
            qms_report::write_atomically(p, bytes)?
        }
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}

fn check(args: CheckArgs, ui: Ui) -> anyhow::Result<ExitCode> {
    let dir = args.dir.clone().unwrap_or_default();
    let qms = qms_core::load(&dir)?;
    let options =
        CheckOptions::new(args.as_of.unwrap_or_else(today)).deny_warnings(args.deny.is_some());
    let report = qms_core::check(&qms, &options);
    let code = exit_status(&report);
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let written = (|| -> anyhow::Result<()> {
        let text = match args.format {
            Format::Human if to_stdout => {
                let color = if ui.color {
                    termcolor::ColorChoice::Always
                } else {
                    termcolor::ColorChoice::Never
                };
                let mut out = termcolor::StandardStream::stdout(color);
                return human::print(&mut out, &qms, &report, ui.quiet);
            }
            Format::Human => {
                let mut out = termcolor::NoColor::new(Vec::new());
                human::print(&mut out, &qms, &report, ui.quiet)?;
                out.into_inner()
            }
            Format::Json => json_text(&report)?,
            Format::Sarif => {
                let base = formats::qms_base(&dir, args.root.as_deref())?;
                json_text(&formats::sarif(&report, &base))?
            }
            Format::Junit => formats::junit(&report).into_bytes(),
        };
        write_output(args.output.as_deref(), &text)
    })();
    // A reader that stopped reading (`| head`) does not change the verdict.
    match written {
        Err(e) if !is_broken_pipe(&e) => Err(e),
        _ => Ok(code),
    }
}

/// Pretty JSON and a final newline.
fn json_text<T: serde::Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    Ok(text)
}

/// 0 when the check passed, 1 when it found an error.
fn exit_status(report: &qms_core::CheckReport) -> ExitCode {
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn objectives(dir: &std::path::Path, as_of: Date) -> anyhow::Result<ExitCode> {
    let qms = qms_core::load(dir)?;
    let results = qms_core::objectives(&qms, &qms_core::CheckOptions::new(as_of));
    let mut out = std::io::stdout().lock();
    if results.is_empty() {
        writeln!(out, "no [[objective]] in qms.toml")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<8} {:<10} {:<9} {:<15} {:<13} metric / title",
        "id", "value", "target", "period", "status"
    )?;
    let indent = 60;
    for r in &results {
        let value = r.shown(r.value);
        let status = match r.met {
            Some(true) => "met",
            Some(false) => "NOT MET",
            None if r.not_measurable.is_some() => "not measurable",
            None => "not measured",
        };
        let how = match (&r.metric, &r.evidence) {
            (Some(m), _) => m.clone(),
            (None, Some(e)) if r.by_hand => format!("measured by hand: {e}"),
            (None, _) if r.by_hand => "measured by hand".to_string(),
            (None, _) => "-".to_string(),
        };
        writeln!(
            out,
            "{:<8} {:<10} {:<9} {:<15} {:<13} {how}\n{:<indent$}{}",
            r.id,
            value,
            r.target.as_deref().unwrap_or("-"),
            r.period.as_ref().map_or("-", |p| p.label.as_str()),
            status,
            "",
            r.title
        )?;
        if let Some(why) = &r.not_measurable {
            writeln!(out, "{:<indent$}not measurable: {why}", "")?;
        }
        if !r.trend.is_empty() {
            let points: Vec<String> = r
                .trend
                .iter()
                .map(|t| {
                    let v = r.shown(t.value);
                    format!("{} {v}", t.period)
                })
                .collect();
            writeln!(out, "{:<indent$}trend: {}", "", points.join(", "))?;
        }
    }
    let missed = results.iter().filter(|r| r.met == Some(false)).count();
    writeln!(
        out,
        "\n{} objectives, {} met, {missed} not met, as of {as_of}",
        results.len(),
        results.iter().filter(|r| r.met == Some(true)).count()
    )?;
    Ok(if missed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn report(
    dir: &std::path::Path,
    as_of: Date,
    lang: Option<Lang>,
    format: ReportFormat,
    template_dir: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let qms = qms_core::load(dir)?;
    let lang = report_lang(&qms, lang)?;
    let format = match format {
        ReportFormat::Html => qms_report::Format::Html,
        ReportFormat::Md => qms_report::Format::Markdown,
    };
    let context = qms_core::report::ReportContext::build(&qms, as_of);
    let text = qms_report::render(&context, format, lang, template_dir)?;
    write_output(output, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The report language: asked for, else qms.toml `[report] lang`, else
/// `[organisation] lang`, else English. A `[report] lang` that is not a
/// report language is an error naming those there are.
fn report_lang(qms: &qms_core::Qms, lang: Option<Lang>) -> anyhow::Result<qms_report::Lang> {
    if let Some(l) = lang {
        return Ok(l.into());
    }
    Ok(qms_report::Lang::of(qms)?)
}

impl From<Lang> for qms_report::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Vi => qms_report::Lang::Vi,
            Lang::En => qms_report::Lang::En,
        }
    }
}

fn explain(code: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let Some(code) = code else {
        writeln!(
            out,
            "{:<8} {:<28} {:<8} {:<7} summary",
            "code", "name", "level", "clause"
        )?;
        for r in RULES {
            writeln!(
                out,
                "{:<8} {:<28} {:<8} {:<7} {}",
                r.code,
                r.name,
                r.default_level.as_str(),
                r.clause,
                r.summary
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let Some(r) = qms_core::rule(code) else {
        bail!("no rule `{code}`; `qms explain` lists every rule");
    };
    let level = r.default_level.as_str();
    writeln!(out, "{} {}", r.code, r.name)?;
    writeln!(
        out,
        "default level: {level}; ISO 9001:2015 clause: {}",
        r.clause
    )?;
    writeln!(out)?;
    writeln!(out, "{}.", capitalise(r.summary))?;
    writeln!(out)?;
    writeln!(out, "{}", r.explanation)?;
    Ok(ExitCode::SUCCESS)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn profiles(action: Option<ProfilesAction>) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match action {
        None => {
            for (id, _) in qms_core::profile::BUILT_IN {
                let p = Profile::built_in(id).context("a built-in profile does not parse")?;
                writeln!(out, "{:<14} {}", p.id, p.title_en)?;
            }
        }
        Some(ProfilesAction::Show { id }) => {
            let Some(p) = Profile::built_in(&id) else {
                bail!("no built-in profile `{id}`; `qms profiles` lists them");
            };
            writeln!(out, "{}\n{}\n{}\n", p.id, p.title_en, p.title_vi)?;
            writeln!(
                out,
                "May be declared not applicable (with their subclauses): {}",
                p.not_applicable_allowed.join(", ")
            )?;
            if let Some(why) = &p.not_applicable_reason {
                writeln!(out, "  Why: {why}")?;
            }
            writeln!(out)?;
            writeln!(out, "Clauses:")?;
            for c in &p.clauses {
                writeln!(out, "  {:<9} {} / {}", c.id, c.en, c.vi)?;
            }
            writeln!(out, "\nMandatory documented information:")?;
            for r in &p.requirements {
                let kind = qms_core::model::written_name(&r.kind);
                let cond = if r.conditional {
                    " (if applicable)"
                } else {
                    ""
                };
                writeln!(out, "  {:<9} {:<9} {}{cond}", r.clause, kind, r.en)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::{ColorWhen, colour_on};

    #[test]
    fn no_color_counts_only_when_not_empty() {
        assert!(colour_on(ColorWhen::Auto, true, None));
        assert!(colour_on(ColorWhen::Auto, true, Some("".into())));
        assert!(!colour_on(ColorWhen::Auto, true, Some("1".into())));
        assert!(!colour_on(ColorWhen::Auto, false, None));
        assert!(colour_on(ColorWhen::Always, false, Some("1".into())));
        assert!(!colour_on(ColorWhen::Never, true, None));
    }
}
