//! The Mỹ An sample's dossiers of the law's cases (procedures/README.md):
//! six rows received in July 2012, each accepted, each a DOS003 at its line
//! with its due date one working day later; the first half of 2012 counts
//! as the article has it, and July counts the six.

use std::path::{Path, PathBuf};

use qms_core::registers::calendar::WorkingCalendar;
use qms_core::source::{DirSource, MemorySource, Source};
use qms_core::{CheckOptions, Date, Period, stats};

const BOOK: &str = "records/mot-cua/so-theo-doi-ho-so-2012.csv";

/// The examples' lines and codes, and each one's due date one working day
/// later than the rules allow.
const LATER: [(usize, &str, &str, &str); 6] = [
    (6049, "MA-120702-0001", "02/07/2012", "03/07/2012"),
    (6050, "MA-120702-0002", "03/07/2012", "04/07/2012"),
    (6051, "MA-120702-0003", "16/07/2012", "17/07/2012"),
    (6052, "MA-120702-0004", "16/07/2012", "17/07/2012"),
    (6053, "MA-120703-0001", "06/07/2012", "09/07/2012"),
    (6054, "MA-120706-0001", "06/08/2012", "07/08/2012"),
];

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures")
}

/// The sample in memory, its dossier book replaced by `book`.
fn sample_with_book(book: &str) -> qms_core::Qms {
    let dir = DirSource::open(&sample()).expect("the sample");
    let mut memory = MemorySource::new();
    for path in dir.list().expect("listing").files {
        memory.insert(&path, dir.read(&path).expect("readable"));
    }
    memory.insert(BOOK, book);
    qms_core::load_from(memory).expect("loads")
}

/// The DOS findings at 2012-08-31 (the examples resolved), as `CODE line`.
fn dossier_findings(qms: &qms_core::Qms) -> Vec<String> {
    let as_of = Date::from_ymd(2012, 8, 31).expect("date");
    qms_core::check(qms, &CheckOptions::new(as_of))
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with("DOS") && f.line.is_some_and(|l| l > 6048))
        .map(|f| format!("{} {}", f.code, f.line.unwrap_or(0)))
        .collect()
}

#[test]
fn each_case_is_accepted_and_a_day_later_is_a_finding_at_its_line() {
    let book = std::fs::read_to_string(sample().join(BOOK)).expect("the book");
    let lines: Vec<&str> = book.lines().collect();
    for (line, code, _, _) in LATER {
        assert!(lines[line - 1].starts_with(code), "{}", lines[line - 1]);
    }
    assert!(dossier_findings(&sample_with_book(&book)).is_empty());

    let later: String = lines
        .iter()
        .enumerate()
        .map(
            |(i, l)| match LATER.iter().find(|(line, ..)| *line == i + 1) {
                Some((_, _, due, one_later)) => {
                    // the due date is the fourth column (no cell of these rows holds a comma)
                    let mut cells: Vec<&str> = l.split(',').collect();
                    assert_eq!(cells[3], *due, "{l}");
                    cells[3] = one_later;
                    format!("{}\n", cells.join(","))
                }
                None => format!("{l}\n"),
            },
        )
        .collect();
    assert_ne!(later, book);
    assert_eq!(
        dossier_findings(&sample_with_book(&later)),
        LATER.map(|(line, ..)| format!("DOS003 {line}"))
    );
}

#[test]
fn the_first_half_counts_as_the_article_and_july_counts_the_cases() {
    let qms = qms_core::load(&sample()).expect("loads");
    let (cal, _) = WorkingCalendar::of(&qms);
    let (h1, problems) = stats(&qms, &cal, &Period::parse("2012-H1").expect("period"), None);
    assert!(problems.is_empty(), "{problems:?}");
    let t = &h1.total;
    assert_eq!(
        (t.received_new, t.resolved, t.early + t.on_time, t.late),
        (6047, 6035, 6035, 0)
    );
    assert_eq!((t.in_progress, t.not_yet_due, t.overdue), (12, 12, 0));
    assert_eq!((t.late_with_apology, t.new_appointment_missed), (0, 0));

    let (july, _) = stats(&qms, &cal, &Period::parse("2012-07").expect("period"), None);
    let t = &july.total;
    // the six cases, and the twelve dossiers carried over from June
    assert_eq!((t.carried_over, t.received_new, t.total), (12, 6, 18));
    assert_eq!((t.resolved, t.early, t.on_time, t.late), (5, 1, 3, 1));
    assert_eq!((t.in_progress, t.not_yet_due, t.overdue), (13, 1, 12));
    assert_eq!(
        (t.apologies, t.late_with_apology, t.new_appointment_missed),
        (1, 1, 0)
    );
}
