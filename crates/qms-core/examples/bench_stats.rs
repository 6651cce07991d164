//! Benchmark of the dossier statistics over a large register (not a test).
//!
//! Writes a synthetic register of N rows (default 1,000,000; seeded, so the
//! same N gives the same file) into a QMS directory under `target/`, then,
//! each in a fresh process, times:
//! - `scan`: a bare csv-crate pass over the file (the floor), and
//! - `stats`: what `qms stats --period 2012` does: load the QMS directory,
//!   stream the register, compute due dates on the calendar, classify.
//!
//! and prints rows per second, the ratio, and each process's peak resident
//! memory (VmHWM, Linux).
//!
//! With `--workbook`, the same register (default 100,000 rows) is written
//! as an `.xlsx` workbook (the dates as Excel dates), and the floor is a
//! bare calamine pass over the sheet's cells.
//!
//! Run: `cargo run --release -p qms-core --example bench_stats [-- [--workbook] ROWS]`

#[path = "common/rss.rs"]
mod rss;
use rss::peak_rss_kib;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use qms_core::Date;
use qms_core::registers::calendar::WorkingCalendar;
use qms_core::registers::dossier::{OPTIONAL, REQUIRED};
use qms_core::{Period, stats as compute};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const PROCEDURES: [(&str, u32); 4] = [
    ("QT-CT-01", 1),
    ("QT-HT-01", 3),
    ("QT-HT-03", 5),
    ("QT-TNMT-02", 10),
];

fn dir_for(rows: u64, workbook: bool) -> PathBuf {
    let kind = if workbook { "xlsx-" } else { "" };
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/bench-qms-{kind}{rows}"))
}

/// The register's file in the QMS.
fn register(workbook: bool) -> &'static str {
    if workbook {
        "records/so.xlsx"
    } else {
        "records/so.csv"
    }
}

fn write_qms(dir: &Path, rows: u64, workbook: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("documents"))?;
    std::fs::create_dir_all(dir.join("records"))?;
    std::fs::write(
        dir.join("qms.toml"),
        "[organisation]\nname = \"Bench\"\n[scope]\nstatement = \"Một cửa\"\n[calendar]\ncountry = \"VN\"\n",
    )?;
    std::fs::write(
        dir.join("records.toml"),
        format!(
            "[[record]]\nid = \"HS-01\"\ntitle = \"Sổ\"\n[record.register]\npath = \"{}\"\nkind = \"dossiers\"\n",
            register(workbook)
        ),
    )?;
    for (id, days) in PROCEDURES {
        std::fs::write(
            dir.join(format!("documents/{id}.md")),
            format!(
                "+++\nid = \"{id}\"\ntitle = \"x\"\nkind = \"instruction\"\nrevision = 1\nissued = 2011-01-03\nstatus = \"current\"\nowner = \"x\"\nfield = \"F\"\ntime_limit_days = {days}\n+++\n"
            ),
        )?;
    }
    let path = dir.join(register(workbook));
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    if workbook {
        return write_workbook(&path, rows);
    }
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(std::fs::File::create(&path)?));
    // The required columns and `channel`.
    w.write_record(REQUIRED.iter().chain(&OPTIONAL[..1]))?;
    for row in synthetic_rows(rows) {
        w.write_record([
            row.code,
            row.procedure.to_string(),
            row.received.to_string(),
            String::new(),
            row.resolved.to_string(),
            row.resolved.to_string(),
            "approved".to_string(),
            row.channel.to_string(),
        ])?;
    }
    w.flush()
}

/// One synthetic dossier.
struct SyntheticRow {
    code: String,
    procedure: &'static str,
    received: Date,
    resolved: Date,
    channel: &'static str,
}

/// The seeded rows of a register of `rows` dossiers.
fn synthetic_rows(rows: u64) -> impl Iterator<Item = SyntheticRow> {
    let cal = WorkingCalendar::country("VN").unwrap_or_default();
    let mut rng = ChaCha8Rng::seed_from_u64(rows);
    let start = Date::from_ymd(2012, 1, 3).expect("date");
    (0..rows).map(move |i| {
        let received = start.add_days(rng.random_range(0..360));
        let (procedure, days) = PROCEDURES[rng.random_range(0..PROCEDURES.len())];
        let resolved = cal.add_working_days(received, rng.random_range(0..=days + 1));
        SyntheticRow {
            code: format!("B-{i:08}"),
            procedure,
            received,
            resolved,
            channel: if i % 10 == 0 {
                "trực tuyến"
            } else {
                "trực tiếp"
            },
        }
    })
}

/// The same register as a workbook: one sheet, the dates as Excel dates.
fn write_workbook(path: &Path, rows: u64) -> std::io::Result<()> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, name) in REQUIRED.iter().chain(&OPTIONAL[..1]).enumerate() {
        sheet.write_string(0, c as u16, *name).map_err(fail)?;
    }
    let excel = |d: Date| {
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(fail)
    };
    for (r, row) in synthetic_rows(rows).enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, row.code).map_err(fail)?;
        sheet.write_string(r, 1, row.procedure).map_err(fail)?;
        sheet
            .write_datetime_with_format(r, 2, excel(row.received)?, &date)
            .map_err(fail)?;
        sheet
            .write_datetime_with_format(r, 4, excel(row.resolved)?, &date)
            .map_err(fail)?;
        sheet
            .write_datetime_with_format(r, 5, excel(row.resolved)?, &date)
            .map_err(fail)?;
        sheet.write_string(r, 6, "approved").map_err(fail)?;
        sheet.write_string(r, 7, row.channel).map_err(fail)?;
    }
    book.save(path).map_err(fail)
}

/// Runs one measurement in this process; prints `seconds rows peak_kib`.
fn measure(mode: &str, dir: &Path) {
    let t = Instant::now();
    let rows = match mode {
        "calamine" => {
            use calamine::Reader;
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook(dir.join(register(true))).expect("open");
            let name = book.sheet_names()[0].clone();
            let mut cells = book.worksheet_cells_reader(&name).expect("sheet");
            let mut last_row = 0;
            while let Some(cell) = cells.next_cell().expect("read") {
                last_row = cell.get_position().0;
            }
            u64::from(last_row)
        }
        "scan" => {
            let mut r = csv::Reader::from_path(dir.join("records/so.csv")).expect("open");
            let mut rec = csv::StringRecord::new();
            let mut n = 0u64;
            while r.read_record(&mut rec).expect("read") {
                n += 1;
            }
            n
        }
        _ => {
            let qms = qms_core::load(dir).expect("load");
            let (cal, _) = WorkingCalendar::of(&qms);
            let (report, problems) =
                compute(&qms, &cal, &Period::parse("2012").expect("period"), None);
            assert!(problems.is_empty(), "{:?}", problems.first());
            report.total.total
        }
    };
    println!("{} {rows} {}", t.elapsed().as_secs_f64(), peak_rss_kib());
}

fn run_child(mode: &str, dir: &Path) -> (f64, u64, u64) {
    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args(["--measure", mode])
        .arg(dir)
        .output()
        .expect("run the measurement");
    let s = String::from_utf8_lossy(&out.stdout);
    let v: Vec<&str> = s.split_whitespace().collect();
    assert!(
        v.len() == 3,
        "measurement failed: {s} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        v[0].parse().unwrap_or(0.0),
        v[1].parse().unwrap_or(0),
        v[2].parse().unwrap_or(0),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--measure") {
        measure(&args[2], Path::new(&args[3]));
        return;
    }
    let workbook = args.iter().any(|a| a == "--workbook");
    let rows: u64 = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(if workbook { 100_000 } else { 1_000_000 });
    let dir = dir_for(rows, workbook);
    write_qms(&dir, rows, workbook).expect("write the synthetic QMS");
    let file = dir.join(register(workbook));
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "register: {rows} rows, {:.1} MB ({})",
        size as f64 / 1e6,
        file.display()
    );
    let best = |mode: &str| {
        (0..5)
            .map(|_| run_child(mode, &dir))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((0.0, 0, 0))
    };
    let (floor, floor_name) = if workbook {
        ("calamine", "bare calamine ")
    } else {
        ("scan", "bare csv scan ")
    };
    let (scan_s, scan_rows, scan_kib) = best(floor);
    let (stats_s, stats_rows, stats_kib) = best("stats");
    let _ = writeln!(
        out,
        "{floor_name}: {scan_rows} rows in {scan_s:.3} s = {:.0} rows/s, peak RSS {:.1} MB",
        scan_rows as f64 / scan_s,
        scan_kib as f64 / 1024.0
    );
    let _ = writeln!(
        out,
        "qms stats     : {stats_rows} rows in {stats_s:.3} s = {:.0} rows/s, peak RSS {:.1} MB",
        stats_rows as f64 / stats_s,
        stats_kib as f64 / 1024.0
    );
    if workbook {
        let _ = writeln!(
            out,
            "ratio         : {:.2}x the bare calamine pass; peak RSS target < 100 MB",
            stats_s / scan_s
        );
    } else {
        let _ = writeln!(
            out,
            "ratio         : {:.2}x the bare scan (target <= 1.5x); peak RSS target < 100 MB",
            stats_s / scan_s
        );
    }
}
