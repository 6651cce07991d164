//! The in-memory example checks a QMS without touching the disk: every read
//! goes through a source that fails on any path outside its map.

use std::sync::Mutex;

use qms_core::source::{Listing, MemorySource, Source, SourceError};
use qms_core::{Code, Level};

/// A finding as the test compares it: code, level, file, line, message.
type Row<'a> = (Code, Level, Option<&'a str>, Option<usize>, &'a str);

#[path = "../examples/in_memory.rs"]
mod example;

/// A memory source that records every request for a path it does not hold.
#[derive(Debug)]
struct Strict {
    inner: MemorySource,
    strays: Mutex<Vec<String>>,
}

impl Strict {
    fn stray(&self, path: &str) -> SourceError {
        self.strays.lock().expect("lock").push(path.to_string());
        SourceError::NotFound(path.to_string())
    }
}

impl Source for Strict {
    fn list(&self) -> Result<Listing, SourceError> {
        self.inner.list()
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, SourceError> {
        self.inner.read(path).map_err(|_| self.stray(path))
    }
}

#[test]
fn the_example_is_checked_from_memory_alone() {
    let strict = std::sync::Arc::new(Strict {
        inner: example::files().into_iter().collect(),
        strays: Mutex::new(Vec::new()),
    });
    let qms = qms_core::load_from(SharedStrict(strict.clone())).expect("lists");
    assert!(qms.source().directory().is_none());
    let report = qms_core::check(&qms, &qms_core::CheckOptions::new(example::as_of()));
    let got: Vec<Row<'_>> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.code,
                f.level,
                f.file.as_deref(),
                f.line,
                f.message.as_str(),
            )
        })
        .collect();
    let file = Some("documents/P-01-document-control.md");
    assert_eq!(
        got,
        [
            (
                Code::DOC005,
                Level::Error,
                file,
                Some(10),
                "`P-01` was approved on 2024-02-05, after it was issued on 2024-02-01"
            ),
            (
                Code::DOC004,
                Level::Error,
                file,
                Some(11),
                "`P-01` was due for review on 2024-12-31 and is 90 days overdue"
            ),
        ]
    );
    assert_eq!(report.summary.files, 3);
    assert_eq!(*strict.strays.lock().expect("lock"), Vec::<String>::new());
}

#[test]
fn a_request_outside_the_map_is_caught() {
    let probe = Strict {
        inner: MemorySource::new(),
        strays: Mutex::new(Vec::new()),
    };
    assert!(probe.read("/etc/passwd").is_err());
    assert_eq!(*probe.strays.lock().expect("lock"), ["/etc/passwd"]);

    // A register that is not in the map is reported as missing (REC003).
    let mut inner: MemorySource = example::files().into_iter().collect();
    inner.insert(
        "records.toml",
        "[[record]]\nid = \"R-01\"\ntitle = \"Calibration\"\nowner = \"Jane Holt\"\nretention = \"5 years\"\ndisposition = \"shred\"\nregister = { path = \"records/cal.csv\" }\n",
    );
    let strict = std::sync::Arc::new(Strict {
        inner,
        strays: Mutex::new(Vec::new()),
    });
    let qms = qms_core::load_from(SharedStrict(strict.clone())).expect("lists");
    let report = qms_core::check(&qms, &qms_core::CheckOptions::new(example::as_of()));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code == Code::REC003 && f.message.contains("records/cal.csv")),
        "{:?}",
        report.findings
    );
    // A missing file is answered from the listing, without asking the source.
    assert_eq!(*strict.strays.lock().expect("lock"), Vec::<String>::new());
}

#[test]
fn files_in_memory_load_like_files_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, text) in example::files() {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    let options = qms_core::CheckOptions::new(example::as_of());
    let from_disk = qms_core::check(&qms_core::load(dir.path()).expect("loads"), &options);
    let source: MemorySource = example::files().into_iter().collect();
    let from_memory = qms_core::check(&qms_core::load_from(source).expect("lists"), &options);
    assert_eq!(from_disk.findings, from_memory.findings);
    assert_eq!(from_disk.summary, from_memory.summary);
}

/// The strict source shared with the test, so it can look at the strays.
#[derive(Debug)]
struct SharedStrict(std::sync::Arc<Strict>);

impl Source for SharedStrict {
    fn list(&self) -> Result<Listing, SourceError> {
        self.0.list()
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, SourceError> {
        self.0.read(path)
    }
}
