//! The benchmark of `qms` against the floor (not a test): what each command
//! costs on a realistic QMS, next to the least any tool reading the same
//! files must spend.
//!
//! It writes, in a temporary directory (or `--dir`), the Mỹ An sample
//! (`procedures/`) plus generated procedures that pass every rule (the first
//! `--procedures` of them service procedures with a time limit, all listed
//! in the internal audit's scope), and a dossier register over those service
//! procedures: dates over the second half of 2011 and the first of 2012, in
//! the register's `date_format` (`--date-format dmy`, the sample's
//! `%d/%m/%Y`, or `iso`), some dossiers late with an apology and a new
//! appointment kept, the last ones still in progress. Two QMS sizes
//! (`--documents`, default 10,000 and 50,000 procedures, each with a register
//! of `--check-rows` rows) and two register sizes (`--rows` and a fifth of
//! it, default 1,000,000, over the sample and `--procedures` procedures).
//!
//! Then, each stage in a fresh process (this example re-run with `--stage`,
//! so that one stage's memory does not count in another's peak), interleaved
//! with its floor, best of `--repeat` runs (default 3), it prints the wall
//! time, the ratio and the peak resident memory (VmHWM) of:
//! - the floors: `frontmatter` (read every `documents/**.md` and parse its
//!   TOML front matter into a table) and `scan` (a bare csv-crate pass over
//!   the register);
//! - `check` (load and check, as of 2012-06-30), `stats` (load, then the
//!   2012-H1 table), `report` (load, check, the HTML report), `pack` (the
//!   evidence pack) and `verify` (of that pack).
//!
//! Run: `cargo run --release -p qms-core --example bench [-- OPTIONS]`
//! with `--documents 10000,50000 --rows 1000000 --procedures 200
//! --check-rows 6047 --date-format dmy --repeat 3 --dir DIR --only check,stats`.
//! For instruction counts (stable on a loaded machine), run one stage under
//! callgrind: `valgrind --tool=callgrind target/release/examples/bench
//! --stage check DIR`.

#[path = "common/rss.rs"]
mod rss;
use rss::{cpu_seconds, peak_rss_kib};

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use qms_core::Date;
use qms_core::registers::calendar::WorkingCalendar;
use qms_core::registers::dossier::{OPTIONAL, REQUIRED};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The check date of every stage.
const AS_OF: (i32, u32, u32) = (2012, 6, 30);
/// Where the sample keeps its dossier register (rewritten in the corpus).
const REGISTER: &str = "records/mot-cua/so-theo-doi-ho-so-2012.csv";
/// The sample's internal audit, whose scope lists every procedure.
const AUDIT: &str = "audits/DGNB-2012-01-danh-gia-noi-bo-dot-1-2012.toml";
/// The benchmark's parameters.
#[derive(Debug, Clone)]
struct Params {
    documents: Vec<usize>,
    rows: usize,
    procedures: usize,
    check_rows: usize,
    iso_dates: bool,
    repeat: usize,
    dir: Option<PathBuf>,
    only: Option<Vec<String>>,
}

impl Params {
    fn parse(args: &[String]) -> Result<Params, String> {
        let mut p = Params {
            documents: vec![10_000, 50_000],
            rows: 1_000_000,
            procedures: 200,
            check_rows: 6_047,
            iso_dates: false,
            repeat: 3,
            dir: None,
            only: None,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or(format!("{flag} needs a value"))?;
            let number = |v: &str| {
                v.replace('_', "")
                    .parse::<usize>()
                    .map_err(|_| format!("{flag}: `{v}` is not a number"))
            };
            match flag.as_str() {
                "--documents" => {
                    p.documents = value.split(',').map(number).collect::<Result<_, _>>()?;
                }
                "--rows" => p.rows = number(value)?,
                "--procedures" => p.procedures = number(value)?,
                "--check-rows" => p.check_rows = number(value)?,
                "--repeat" => p.repeat = number(value)?.max(1),
                "--date-format" => {
                    p.iso_dates = match value.as_str() {
                        "iso" => true,
                        "dmy" => false,
                        v => return Err(format!("--date-format: `{v}`; expected iso or dmy")),
                    }
                }
                "--dir" => p.dir = Some(PathBuf::from(value)),
                "--only" => p.only = Some(value.split(',').map(str::to_string).collect()),
                f => return Err(format!("unknown option {f}")),
            }
        }
        Ok(p)
    }

    fn runs(&self, stage: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|o| o.iter().any(|s| s == stage))
    }
}

/// One generated service or other procedure.
struct Generated {
    id: String,
    /// Time limit in working days, for a service procedure.
    limit: Option<u32>,
    field: String,
}

/// The generated procedures: `documents` of them, at least enough that with
/// the sample's `sample_services` there are `procedures` services.
fn generated(documents: usize, procedures: usize, sample_services: usize) -> Vec<Generated> {
    let services = procedures.saturating_sub(sample_services);
    (1..=documents.max(services))
        .map(|i| Generated {
            id: format!("QT-G-{i:05}"),
            limit: (i <= services).then_some([1, 2, 3, 5, 7, 10, 15, 20][i % 8]),
            field: format!("Lĩnh vực {}", i % 20 + 1),
        })
        .collect()
}

/// The text of a generated procedure: the front matter of the sample's
/// procedures and a body with the seven sections and a step table.
fn procedure_text(g: &Generated) -> String {
    let mut s = format!(
        "+++\nid = \"{}\"\ntitle = \"Quy trình giải quyết thủ tục số {}\"\nkind = \"procedure\"\nrevision = 2\nissued = 2012-01-16\nstatus = \"current\"\nowner = \"Huỳnh Văn Phước\"\nprepared_by = \"Huỳnh Văn Phước\"\nreviewed_by = \"Nguyễn Thị Thu Hà\"\napproved_by = \"Lê Văn Bình\"\napproved_on = 2012-01-13\nnext_review = 2012-12-31\nclauses = [\"8.1\", \"8.2.3\", \"8.5.1\"]\nrecords = [\"HS-01\", \"HS-02\", \"HS-03\"]\nreferences = [\"QT-02\", \"QT-04\"]\n",
        g.id,
        &g.id[5..]
    );
    if let Some(days) = g.limit {
        let _ = write!(s, "field = \"{}\"\ntime_limit_days = {days}\n", g.field);
    }
    s.push_str(
        "\n[[history]]\nrevision = 1\ndate = 2011-03-01\nchange = \"Ban hành lần đầu\"\n\n[[history]]\nrevision = 2\ndate = 2012-01-16\nchange = \"Bổ sung người thay thế khi công chức vắng mặt\"\n+++\n\n",
    );
    let _ = write!(
        s,
        "# QUY TRÌNH GIẢI QUYẾT THỦ TỤC SỐ {}\n\n## 1. Mục đích\n\nQuy định trình tự tiếp nhận, giải quyết và trả kết quả đúng pháp luật, đúng hẹn.\n\n## 2. Phạm vi\n\nÁp dụng tại Bộ phận tiếp nhận và trả kết quả của UBND thị trấn.\n\n## 3. Tài liệu viện dẫn\n\n- Quyết định số 93/2007/QĐ-TTg về cơ chế một cửa.\n- QT-02 Kiểm soát hồ sơ; QT-04 Kiểm soát kết quả giải quyết không phù hợp.\n\n## 4. Định nghĩa và viết tắt\n\n- BPMC: Bộ phận tiếp nhận và trả kết quả.\n\n## 5. Nội dung quy trình\n\n### 5.8 Các bước thực hiện\n\n| Bước | Trách nhiệm | Thời gian | Biểu mẫu/Kết quả |\n|---|---|---|---|\n| B1. Tiếp nhận, kiểm tra hồ sơ | Cán bộ BPMC | 0,25 ngày | BM-MC-01 |\n| B2. Thẩm tra, trình ký | Công chức chuyên môn | 0,5 ngày | Dự thảo kết quả |\n| B3. Trả kết quả | Cán bộ BPMC | 0,25 ngày | Sổ theo dõi |\n\n## 6. Biểu mẫu\n\n| Mã | Tên biểu mẫu |\n|---|---|\n| BM-MC-01 | Giấy tiếp nhận hồ sơ và hẹn trả kết quả |\n\n## 7. Hồ sơ cần lưu\n\n| Hồ sơ | Mã danh mục | Nơi lưu | Thời gian lưu |\n|---|---|---|---|\n| Giấy tiếp nhận hồ sơ | HS-01 | BPMC | 5 năm |\n",
        &g.id[5..]
    );
    s
}

/// Writes the corpus: the sample, `documents` generated procedures (at
/// least enough for `procedures` services) and a register of `rows` rows.
/// Kept when already written with the same parameters.
fn write_corpus(
    dir: &Path,
    documents: usize,
    rows: usize,
    procedures: usize,
    iso: bool,
) -> std::io::Result<()> {
    let stamp = dir.join(".bench-corpus");
    let want = format!("corpus 3: {documents} {rows} {procedures} {iso}\n");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(());
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures");
    for entry in walkdir::WalkDir::new(&sample) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(&sample)
            .map_err(std::io::Error::other)?;
        let to = dir.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to)?;
        } else {
            std::fs::copy(entry.path(), &to)?;
        }
    }
    // The sample's service procedures as the sample declares them.
    let sample_qms = qms_core::load(&sample).map_err(std::io::Error::other)?;
    let sample_services = qms_core::registers::dossier::procedures(&sample_qms);
    let gen_ = generated(documents, procedures, sample_services.len());
    let docs = dir.join("documents/quy-trinh/sinh-ra");
    std::fs::create_dir_all(&docs)?;
    for g in &gen_ {
        std::fs::write(docs.join(format!("{}-thu-tuc.md", g.id)), procedure_text(g))?;
    }
    // Every generated procedure in the internal audit's scope (AUD001).
    let audit = std::fs::read_to_string(dir.join(AUDIT))?;
    let ids: String = gen_.iter().map(|g| format!("  \"{}\",\n", g.id)).collect();
    std::fs::write(
        dir.join(AUDIT),
        audit.replacen("scope = [\n", &format!("scope = [\n{ids}"), 1),
    )?;
    if iso {
        let records = std::fs::read_to_string(dir.join("records.toml"))?;
        std::fs::write(
            dir.join("records.toml"),
            records.replacen("date_format = \"%d/%m/%Y\"\n", "", 1),
        )?;
    }
    let mut services: Vec<Service> = sample_services
        .into_iter()
        .map(|(id, limit)| Service {
            id,
            days: limit.days,
            field: limit.field.clone(),
            limit: Some(limit),
        })
        .collect();
    services.extend(gen_.iter().filter_map(|g| {
        Some(Service {
            id: g.id.clone(),
            days: g.limit?,
            field: g.field.clone(),
            limit: None,
        })
    }));
    services.truncate(procedures.max(1));
    write_register(&dir.join(REGISTER), rows, &services, iso)?;
    std::fs::write(stamp, want)
}

/// A service procedure of the register.
struct Service {
    id: String,
    days: u32,
    field: String,
    /// How the sample counts its limit (a generated one: working days).
    limit: Option<qms_core::registers::dossier::ProcedureLimit>,
}

/// The dossier register: `rows` dossiers received on working days of
/// 2011-07-01 to 2012-06-30 over `services`; about 1 in 200 resolved late
/// with an apology and a new appointment kept, those due after the check
/// date still in progress.
fn write_register(
    path: &Path,
    rows: usize,
    services: &[Service],
    iso: bool,
) -> std::io::Result<()> {
    let cal = WorkingCalendar::country("VN").unwrap_or_default();
    let as_of = Date::from_ymd(AS_OF.0, AS_OF.1, AS_OF.2).expect("a date");
    let mut days = Vec::new();
    let mut d = Date::from_ymd(2011, 7, 1).expect("a date");
    while d <= as_of {
        if cal.is_working_day(d) {
            days.push(d);
        }
        d = d.add_days(1);
    }
    let text = |d: Date| {
        if iso {
            d.to_string()
        } else {
            format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
        }
    };
    let mut rng = ChaCha8Rng::seed_from_u64(rows as u64);
    let file = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(path)?);
    let mut w = csv::Writer::from_writer(file);
    w.write_record(REQUIRED.iter().chain(&OPTIONAL))?;
    for i in 0..rows {
        // Received in order through the year, as a register is kept.
        let received = days[i * days.len() / rows.max(1)];
        let service = &services[rng.random_range(0..services.len())];
        let (id, limit, field) = (&service.id, service.days, &service.field);
        let due = match &service.limit {
            Some(l) => l
                .due(&cal, received, None, limit, 0)
                .unwrap_or_else(|_| cal.add_working_days(received, limit)),
            None => cal.add_working_days(received, limit),
        };
        // Late (then with an apology and a new appointment kept) only when
        // resolved by the check date: none in progress past its due date.
        let late = rng.random_range(0..200) == 0 && cal.add_working_days(due, 2) <= as_of;
        let (resolved, apology, new_due) = if late {
            let new_due = cal.add_working_days(due, 2);
            (cal.add_working_days(due, 1), Some(due), Some(new_due))
        } else {
            (
                cal.add_working_days(received, rng.random_range(0..=limit))
                    .min(due),
                None,
                None,
            )
        };
        let in_progress = resolved > as_of;
        let opt = |d: Option<Date>| d.map(text).unwrap_or_default();
        w.write_record([
            format!("MA-{i:08}"),
            id.clone(),
            text(received),
            text(due),
            if in_progress {
                String::new()
            } else {
                text(resolved)
            },
            if in_progress {
                String::new()
            } else {
                text(resolved)
            },
            if in_progress {
                String::new()
            } else {
                "approved".into()
            },
            if i % 10 == 0 {
                "trực tuyến"
            } else {
                "trực tiếp"
            }
            .into(),
            field.clone(),
            String::new(),
            opt(apology.filter(|_| !in_progress)),
            opt(new_due.filter(|_| !in_progress)),
        ])?;
    }
    w.flush()
}

fn as_of() -> Date {
    Date::from_ymd(AS_OF.0, AS_OF.1, AS_OF.2).expect("a date")
}

/// Runs one stage in this process and prints `seconds units peak_kib
/// cpu_seconds`; `units` is what the stage counted (files, rows, findings,
/// entries), the CPU time is all threads'.
fn stage(name: &str, dir: &Path, work: &Path) -> Result<(), String> {
    let t = Instant::now();
    let cpu = cpu_seconds();
    let err = |e: &dyn std::fmt::Display| format!("{name}: {e}");
    let units: u64 = match name {
        "frontmatter" => {
            let mut n = 0;
            for entry in walkdir::WalkDir::new(dir.join("documents")) {
                let entry = entry.map_err(|e| err(&e))?;
                if entry.path().extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path()).map_err(|e| err(&e))?;
                let front = text
                    .strip_prefix("+++\n")
                    .and_then(|t| t.split_once("\n+++"))
                    .map_or("", |(f, _)| f);
                let table: toml::Table = toml::from_str(front).map_err(|e| err(&e))?;
                n += u64::from(table.contains_key("id"));
            }
            n
        }
        "scan" => {
            let mut r = csv::Reader::from_path(dir.join(REGISTER)).map_err(|e| err(&e))?;
            let mut rec = csv::StringRecord::new();
            let mut n = 0u64;
            while r.read_record(&mut rec).map_err(|e| err(&e))? {
                n += 1;
            }
            n
        }
        "check" => {
            let qms = qms_core::load(dir).map_err(|e| err(&e))?;
            let report = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of()));
            report.summary.files as u64
        }
        "stats" => {
            let qms = qms_core::load(dir).map_err(|e| err(&e))?;
            let (cal, _) = WorkingCalendar::of(&qms);
            let period = qms_core::Period::parse("2012-H1").map_err(|e| err(&e))?;
            let (report, problems) = qms_core::stats(&qms, &cal, &period, None);
            if let Some(p) = problems.first() {
                return Err(err(&format!("{p:?}")));
            }
            report.total.total
        }
        "report" => {
            let qms = qms_core::load(dir).map_err(|e| err(&e))?;
            let context = qms_core::report::ReportContext::build(&qms, as_of());
            let html = qms_report::render(
                &context,
                qms_report::Format::Html,
                qms_report::Lang::Vi,
                None,
            )
            .map_err(|e| err(&e))?;
            qms_report::write_atomically(&work.join("report.html"), html.as_bytes())
                .map_err(|e| err(&e))?;
            html.len() as u64
        }
        "pack" => {
            let qms = qms_core::load(dir).map_err(|e| err(&e))?;
            let options = qms_report::pack::PackOptions {
                as_of: as_of(),
                lang: qms_report::Lang::Vi,
                git: None,
                signer: None,
            };
            let summary = qms_report::pack::write_pack(
                &qms,
                &work.join("pack.zip"),
                &options,
                &mut |_, _| {},
            )
            .map_err(|e| err(&e))?;
            summary.entries as u64
        }
        "verify" => {
            let report =
                qms_report::verify::verify_pack(&work.join("pack.zip")).map_err(|e| err(&e))?;
            if !report.intact() {
                return Err(err(&"the pack is not intact"));
            }
            report.entries as u64
        }
        other => return Err(format!("unknown stage {other}")),
    };
    println!(
        "{} {units} {} {}",
        t.elapsed().as_secs_f64(),
        peak_rss_kib(),
        cpu_seconds() - cpu
    );
    Ok(())
}

/// One measurement: wall seconds, units, peak KiB, CPU seconds (all
/// threads: `check` runs on every core, the floors on one).
#[derive(Debug, Clone, Copy)]
struct Run {
    seconds: f64,
    units: u64,
    kib: u64,
    cpu: f64,
}

fn run_child(name: &str, dir: &Path, work: &Path) -> Run {
    let out = std::process::Command::new(std::env::current_exe().expect("this example"))
        .arg("--stage")
        .arg(name)
        .arg(dir)
        .arg(work)
        .output()
        .expect("run a stage");
    let s = String::from_utf8_lossy(&out.stdout);
    let v: Vec<&str> = s.split_whitespace().collect();
    assert!(
        out.status.success() && v.len() == 4,
        "stage {name} failed: {s} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        seconds: v[0].parse().unwrap_or(0.0),
        units: v[1].parse().unwrap_or(0),
        kib: v[2].parse().unwrap_or(0),
        cpu: v[3].parse().unwrap_or(0.0),
    }
}

/// The best of `repeat` runs of each stage, the stages interleaved so that
/// the machine's load falls on all of them alike: the run of least wall
/// time, with the least CPU time of all the runs.
fn best_of(repeat: usize, stages: &[&str], dir: &Path, work: &Path) -> Vec<Run> {
    let mut best: Vec<Option<Run>> = vec![None; stages.len()];
    for _ in 0..repeat {
        for (i, s) in stages.iter().enumerate() {
            let r = run_child(s, dir, work);
            let cpu = best[i].map_or(r.cpu, |b| b.cpu.min(r.cpu));
            if best[i].is_none_or(|b| r.seconds < b.seconds) {
                best[i] = Some(r);
            }
            if let Some(b) = &mut best[i] {
                b.cpu = cpu;
            }
        }
    }
    best.into_iter().flatten().collect()
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--stage") && args.len() >= 3 {
        let work = args.get(3).map_or_else(std::env::temp_dir, PathBuf::from);
        if let Err(e) = stage(&args[1], Path::new(&args[2]), &work) {
            eprintln!("{e}");
            std::process::exit(1);
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--findings") && args.len() == 2 {
        // What the check of a corpus finds, by code (a corpus should pass).
        let qms = qms_core::load(Path::new(&args[1])).expect("load");
        let report = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of()));
        let mut by_code = std::collections::BTreeMap::new();
        for f in &report.findings {
            *by_code.entry(f.code.as_str()).or_insert(0) += 1;
            if by_code[f.code.as_str()] == 1 {
                println!("{} {}", f.code, f.message);
            }
        }
        println!("{by_code:?} {:?}", report.summary);
        return;
    }
    let p = match Params::parse(&args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    let temp = tempfile::tempdir().expect("a temporary directory");
    let root = p.dir.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let mut out = std::io::stdout().lock();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let _ = writeln!(
        out,
        "qms bench: {} CPUs, load average {}",
        std::thread::available_parallelism().map_or(0, usize::from),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let _ = writeln!(
        out,
        "{:<44} {:>9} {:>9} {:>7} {:>9}",
        "stage", "qms s", "floor s", "ratio", "peak MB"
    );

    // check, report, pack, verify at each QMS size.
    let mut first_check: Option<(usize, f64)> = None;
    for &documents in &p.documents {
        let dir = root.join(format!("qms-{documents}"));
        let t = Instant::now();
        write_corpus(&dir, documents, p.check_rows, p.procedures, p.iso_dates)
            .expect("write the corpus");
        let work = root.join(format!("work-{documents}"));
        std::fs::create_dir_all(&work).expect("a work directory");
        eprintln!(
            "corpus of {documents} procedures ready in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        if p.runs("check") {
            let r = best_of(p.repeat, &["frontmatter", "check"], &dir, &work);
            let (floor, check) = (r[0], r[1]);
            let _ = writeln!(
                out,
                "{:<44} {:>9.3} {:>9.3} {:>6.2}x {:>9.1}   (CPU {:.3} s against {:.3} s: {:.2}x; floor: front matter of {} files, {:.1} MB)",
                format!("check, {documents} procedures, {} files", check.units),
                check.seconds,
                floor.seconds,
                check.seconds / floor.seconds,
                mb(check.kib),
                check.cpu,
                floor.cpu,
                check.cpu / floor.cpu,
                floor.units,
                mb(floor.kib)
            );
            match first_check {
                None => first_check = Some((documents, check.seconds)),
                Some((n, s)) => {
                    let _ = writeln!(
                        out,
                        "{:<44} {:>9.3} {:>9.3} {:>6.2}x   ({:.1}x the input; linear is {:.1}x)",
                        format!("check, {documents} against {n} procedures"),
                        check.seconds,
                        s,
                        check.seconds / s,
                        documents as f64 / n as f64,
                        documents as f64 / n as f64
                    );
                }
            }
        }
        for name in ["report", "pack", "verify"] {
            if !p.runs(name) {
                continue;
            }
            if name == "verify" && !work.join("pack.zip").exists() {
                run_child("pack", &dir, &work);
            }
            let r = best_of(p.repeat, &[name], &dir, &work)[0];
            let _ = writeln!(
                out,
                "{:<44} {:>9.3} {:>9} {:>7} {:>9.1}   ({} {})",
                format!("{name}, {documents} procedures"),
                r.seconds,
                "",
                "",
                mb(r.kib),
                r.units,
                if name == "report" {
                    "bytes of HTML"
                } else {
                    "entries"
                }
            );
        }
    }

    // stats at a fifth of the rows and at the rows asked for.
    if p.runs("stats") {
        for rows in [p.rows / 5, p.rows] {
            let dir = root.join(format!("register-{rows}"));
            write_corpus(&dir, 0, rows, p.procedures, p.iso_dates).expect("write the corpus");
            let work = root.join(format!("work-register-{rows}"));
            std::fs::create_dir_all(&work).expect("a work directory");
            let r = best_of(p.repeat, &["scan", "stats"], &dir, &work);
            let (scan, stats) = (r[0], r[1]);
            let size = std::fs::metadata(dir.join(REGISTER)).map_or(0, |m| m.len());
            let _ = writeln!(
                out,
                "{:<44} {:>9.3} {:>9.3} {:>6.2}x {:>9.1}   (CPU {:.3} s against {:.3} s: {:.2}x; floor: csv scan, {:.1} MB; {:.1} MB file, {} dossiers in 2012-H1)",
                format!("stats 2012-H1, {rows} rows, {} procedures", p.procedures),
                stats.seconds,
                scan.seconds,
                stats.seconds / scan.seconds,
                mb(stats.kib),
                stats.cpu,
                scan.cpu,
                stats.cpu / scan.cpu,
                mb(scan.kib),
                size as f64 / 1e6,
                stats.units
            );
        }
    }
}
