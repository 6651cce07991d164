//! Reading a QMS directory into the model.
//!
//! [`load`] walks the directory in sorted order, classifies each file by its
//! folder, and parses every file it can, in parallel. A file that cannot be
//! read or parsed becomes a `LOAD` finding with its position and loading goes
//! on; only a root that cannot be read at all is an [`Err`]. Symbolic links
//! that lead out of the directory are refused.

pub mod frontmatter;
pub(crate) mod profile;
pub mod register;

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::base::code::Code;
use crate::base::finding::{Finding, RawFinding};
use crate::base::paths;
use crate::base::span::{Location, Origin};
use crate::base::text::{FileId, SourceMap};
use crate::model::{
    Action, Audit, BodyTable, Document, DocumentMeta, Heading, Loaded, ManagementReview,
    Nonconformity, QmsConfig, RecordsList, RegisterKind,
};
use frontmatter::FrontMatterError;
use register::RegisterScan;

/// Why a QMS directory could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The root is missing, not a directory or cannot be listed.
    #[error("cannot read the QMS directory {path}")]
    Root {
        /// The directory given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The root exists but is a file.
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
}

/// Everything read from a QMS directory.
#[derive(Debug, Clone)]
pub struct Qms {
    /// The directory, as given.
    pub root: PathBuf,
    /// The text of every file parsed.
    pub sources: SourceMap,
    /// Every regular file in the tree, relative, with `/`, sorted (for globs
    /// and evidence paths).
    pub files: Vec<String>,
    /// `qms.toml`, if it parsed.
    pub config: Option<Loaded<QmsConfig>>,
    /// `records.toml`, if present and parsed.
    pub records: Option<Loaded<RecordsList>>,
    /// Controlled documents that parsed, sorted by path.
    pub documents: Vec<Loaded<Document>>,
    /// Nonconformities that parsed.
    pub nonconformities: Vec<Loaded<Nonconformity>>,
    /// Actions that parsed.
    pub actions: Vec<Loaded<Action>>,
    /// Audits that parsed.
    pub audits: Vec<Loaded<Audit>>,
    /// Management reviews that parsed.
    pub reviews: Vec<Loaded<ManagementReview>>,
    /// The user's profile file named by `scope.profile`, when it is not a
    /// built-in profile and it parsed.
    pub user_profile: Option<crate::profile::Profile>,
    /// Registers that records.toml points at, scanned (by normalised path).
    pub registers: std::collections::BTreeMap<String, ScannedRegister>,
    /// Problems met while loading (`LOAD` findings).
    pub(crate) load_findings: Vec<RawFinding>,
}

impl Qms {
    /// The problems met while loading (`LOAD` findings: files that cannot be
    /// read or parsed, paths that leave the QMS), at their rules' default
    /// levels. [`crate::check()`] reports them too, with `[checks]` applied.
    pub fn load_findings(&self) -> Vec<Finding> {
        self.load_findings
            .iter()
            .map(|f| Finding::resolve(f.clone(), f.code.default_level(), &self.sources))
            .collect()
    }

    /// The actions that answer the nonconformity `id` ([`Action::answers`]),
    /// in file order.
    pub fn actions_answering<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = &'a Loaded<Action>> + 'a {
        self.actions.iter().filter(move |a| a.answers(id))
    }

    /// The files of the QMS that a `files` glob matches (none for an
    /// invalid glob or one that leads out of the QMS).
    pub fn files_matching(&self, pattern: &str) -> Vec<&str> {
        let Ok(norm) = paths::normalise(pattern) else {
            return Vec::new();
        };
        let Ok(glob) = globset::GlobBuilder::new(&norm)
            .literal_separator(true)
            .build()
        else {
            return Vec::new();
        };
        let m = glob.compile_matcher();
        self.files
            .iter()
            .map(String::as_str)
            .filter(|f| m.is_match(f))
            .collect()
    }

    /// Every file of the QMS an evidence pack carries, relative, sorted:
    /// the files the check read, the record files and registers of
    /// records.toml, and the evidence files of actions and nonconformities
    /// (those that exist).
    pub fn referenced_files(&self) -> Vec<String> {
        let mut out: Vec<String> = self.sources.iter().map(|(_, f)| f.path.clone()).collect();
        if let Some(list) = &self.records {
            for r in &list.records {
                if let Some(g) = &r.files {
                    out.extend(self.files_matching(g).into_iter().map(str::to_string));
                }
            }
        }
        let evidence = self.actions.iter().flat_map(|a| a.evidence.iter()).chain(
            self.nonconformities
                .iter()
                .filter_map(|n| n.effectiveness.as_ref())
                .flat_map(|e| e.evidence.iter()),
        );
        out.extend(evidence.filter_map(|p| paths::normalise(p).ok()));
        out.sort();
        out.dedup();
        let exists: std::collections::BTreeSet<&str> =
            self.files.iter().map(String::as_str).collect();
        out.retain(|f| exists.contains(f.as_str()));
        out
    }
}

/// A register that was looked for: its file and what the scan found.
#[derive(Debug, Clone)]
pub struct ScannedRegister {
    /// The register file (its text is not kept).
    pub file: FileId,
    /// The scan, or why the file could not be read; `None` for a dossier
    /// register that exists (read by [`crate::registers::dossier`] during the check).
    pub scan: Option<Result<RegisterScan, String>>,
}

/// What a file is, from where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Config,
    Records,
    Document,
    Nonconformity,
    Action,
    Audit,
    Review,
    /// A symbolic link that leads out of the directory: refused, not read.
    Outside,
}

fn classify(rel: &str) -> Option<FileKind> {
    let (top, rest) = rel.split_once('/').unwrap_or(("", rel));
    let ext = Path::new(rel).extension().and_then(|e| e.to_str());
    match (top, rest, ext) {
        ("", "qms.toml", _) => Some(FileKind::Config),
        ("", "records.toml", _) => Some(FileKind::Records),
        ("documents", _, Some("md")) => Some(FileKind::Document),
        ("nonconformities", _, Some("toml")) => Some(FileKind::Nonconformity),
        ("actions", _, Some("toml")) => Some(FileKind::Action),
        ("audits", _, Some("toml")) => Some(FileKind::Audit),
        ("reviews", _, Some("toml")) => Some(FileKind::Review),
        _ => None,
    }
}

/// One parsed file, before it joins the [`Qms`].
enum Parsed {
    Config(QmsConfig),
    Records(RecordsList),
    Document(Document, usize),
    Nonconformity(Nonconformity),
    Action(Action),
    Audit(Audit),
    Review(ManagementReview),
}

struct ParsedFile {
    text: String,
    parsed: Option<Parsed>,
    findings: Vec<RawFinding>,
}

/// Loads the QMS directory at `root`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("qms.toml"),
///     "[organisation]\nname = \"Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n")?;
/// let qms = qms_core::load(dir.path())?;
/// assert!(qms.config.is_some());
/// assert!(qms.load_findings().is_empty());
/// # Ok(()) }
/// ```
pub fn load(root: &Path) -> Result<Qms, LoadError> {
    let meta = std::fs::metadata(root).map_err(|source| LoadError::Root {
        path: root.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(LoadError::NotADirectory(root.to_path_buf()));
    }
    std::fs::read_dir(root).map_err(|source| LoadError::Root {
        path: root.to_path_buf(),
        source,
    })?;
    let canonical_root = root.canonicalize().map_err(|source| LoadError::Root {
        path: root.to_path_buf(),
        source,
    })?;

    let mut findings = Vec::new();
    let mut files = Vec::new();
    let mut to_parse = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_dir(e));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let rel = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| ".".into());
                findings.push(RawFinding::new(
                    Code::LOAD001,
                    format!("cannot read `{rel}`: {}", io_message(&err)),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = relative(root, entry.path());
        let ft = entry.file_type();
        if ft.is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if !target.is_file() {
                        continue;
                    }
                }
                Ok(_) => {
                    to_parse.push((rel, entry.path().to_path_buf(), FileKind::Outside));
                    continue;
                }
                Err(e) => {
                    findings.push(RawFinding::new(
                        Code::LOAD001,
                        format!("cannot read `{rel}`: broken symbolic link ({e})"),
                    ));
                    continue;
                }
            }
        } else if !ft.is_file() {
            continue;
        }
        if let Some(kind) = classify(&rel) {
            to_parse.push((rel.clone(), entry.path().to_path_buf(), kind));
        }
        files.push(rel);
    }

    // FileIds are the positions in `to_parse`, so parsing can run in parallel.
    let parsed: Vec<ParsedFile> = to_parse
        .par_iter()
        .enumerate()
        .map(|(i, (rel, path, kind))| parse_file(FileId(i), rel, path, *kind))
        .collect();

    let mut qms = Qms {
        root: root.to_path_buf(),
        sources: SourceMap::default(),
        files,
        config: None,
        records: None,
        documents: Vec::new(),
        nonconformities: Vec::new(),
        actions: Vec::new(),
        audits: Vec::new(),
        reviews: Vec::new(),
        user_profile: None,
        registers: std::collections::BTreeMap::new(),
        load_findings: findings,
    };
    let mut saw_config = false;
    for ((rel, _, kind), pf) in to_parse.into_iter().zip(parsed) {
        let file = qms.sources.add(rel, pf.text);
        saw_config |= kind == FileKind::Config;
        qms.load_findings.extend(pf.findings);
        let origin = |base| Origin { file, base };
        match pf.parsed {
            None => {}
            Some(Parsed::Config(c)) => {
                qms.config = Some(Loaded {
                    item: c,
                    origin: origin(0),
                })
            }
            Some(Parsed::Records(r)) => {
                qms.records = Some(Loaded {
                    item: r,
                    origin: origin(0),
                })
            }
            Some(Parsed::Document(d, base)) => qms.documents.push(Loaded {
                item: d,
                origin: origin(base),
            }),
            Some(Parsed::Nonconformity(n)) => qms.nonconformities.push(Loaded {
                item: n,
                origin: origin(0),
            }),
            Some(Parsed::Action(a)) => qms.actions.push(Loaded {
                item: a,
                origin: origin(0),
            }),
            Some(Parsed::Audit(a)) => qms.audits.push(Loaded {
                item: a,
                origin: origin(0),
            }),
            Some(Parsed::Review(r)) => qms.reviews.push(Loaded {
                item: r,
                origin: origin(0),
            }),
        }
    }
    scan_registers(&mut qms);
    profile::load_user_profile(&mut qms);
    if !saw_config {
        qms.load_findings.push(
            RawFinding::new(Code::LOAD006, "no `qms.toml` in the QMS directory")
                .help("run `qms init` or create qms.toml with [organisation] and [scope]"),
        );
    }
    Ok(qms)
}

/// Scans every register records.toml names (a dossier register is read by
/// [`crate::registers::dossier`] instead, in one pass with its checks); a path that leads
/// out of the directory is refused.
fn scan_registers(qms: &mut Qms) {
    let Some(records) = &qms.records else { return };
    let origin = records.origin;
    let mut wanted = Vec::new();
    for r in &records.records {
        let Some(reg) = &r.register else { continue };
        let is_dossiers = reg
            .kind
            .as_ref()
            .is_some_and(|k| *k.get() == RegisterKind::Dossiers);
        match paths::normalise(reg.path.get()) {
            Ok(rel) => wanted.push((rel, is_dossiers)),
            Err(e) => qms.load_findings.push(
                RawFinding::new(Code::LOAD004, e.to_string())
                    .at(origin.at(&reg.path))
                    .help("registers live inside the QMS directory, usually under records/"),
            ),
        }
    }
    for (rel, is_dossiers) in wanted {
        if qms.registers.contains_key(&rel) {
            continue;
        }
        let scan = match paths::resolve(&qms.root, &rel) {
            Err(e) => Some(Err(e.to_string())),
            Ok(path) if !path.is_file() => Some(Err("no such file".to_string())),
            Ok(_) if is_dossiers => None,
            Ok(path) => Some(register::scan(&path).map_err(|e| e.to_string())),
        };
        let file = qms.sources.add(rel.clone(), String::new());
        qms.registers.insert(rel, ScannedRegister { file, scan });
    }
}

fn is_ignored_dir(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target")
}

fn io_message(err: &walkdir::Error) -> String {
    err.io_error()
        .map_or_else(|| err.to_string(), |e| e.to_string())
}

/// A path relative to the root, with `/`.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn parse_file(file: FileId, rel: &str, path: &Path, kind: FileKind) -> ParsedFile {
    let whole = Location::file(file);
    if kind == FileKind::Outside {
        return ParsedFile {
            text: String::new(),
            parsed: None,
            findings: vec![
                RawFinding::new(
                    Code::LOAD004,
                    format!("`{rel}` is a symbolic link that leads outside the QMS directory; it is not read"),
                )
                .at(whole)
                .help("copy the file into the QMS directory instead of linking to it"),
            ],
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return ParsedFile {
                text: String::new(),
                parsed: None,
                findings: vec![
                    RawFinding::new(Code::LOAD001, format!("cannot read `{rel}`: {e}")).at(whole),
                ],
            };
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // The lossy text agrees with the bytes up to `at`, then holds U+FFFD.
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return ParsedFile {
                text,
                parsed: None,
                findings: vec![
                    RawFinding::new(
                        Code::LOAD001,
                        format!("`{rel}` is not valid UTF-8 (invalid byte at offset {at})"),
                    )
                    .at(Location::span(file, at..at + '\u{fffd}'.len_utf8()))
                    .help("save the file as UTF-8"),
                ],
            };
        }
    };
    let mut findings = Vec::new();
    let parsed = match kind {
        FileKind::Config => from_toml(&text, file, 0, &mut findings).map(Parsed::Config),
        FileKind::Records => from_toml(&text, file, 0, &mut findings).map(Parsed::Records),
        FileKind::Nonconformity => {
            from_toml(&text, file, 0, &mut findings).map(Parsed::Nonconformity)
        }
        FileKind::Action => from_toml(&text, file, 0, &mut findings).map(Parsed::Action),
        FileKind::Audit => from_toml(&text, file, 0, &mut findings).map(Parsed::Audit),
        FileKind::Review => from_toml(&text, file, 0, &mut findings).map(Parsed::Review),
        FileKind::Document => parse_document(&text, file, &mut findings),
        FileKind::Outside => None, // refused before reading
    };
    ParsedFile {
        text,
        parsed,
        findings,
    }
}

pub(crate) fn from_toml<T: DeserializeOwned>(
    text: &str,
    file: FileId,
    base: usize,
    findings: &mut Vec<RawFinding>,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().map(|r| r.start + base..r.end + base);
            findings.push(
                RawFinding::new(Code::LOAD002, toml_message(e.message())).at(Location {
                    file,
                    span: span.or(Some(base..base)),
                    line: None,
                }),
            );
            None
        }
    }
}

/// toml's messages are good; make the first letter lower-case to fit ours.
fn toml_message(m: &str) -> String {
    let m = m.trim_end();
    let mut c = m.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => "invalid TOML".into(),
    }
}

fn parse_document(text: &str, file: FileId, findings: &mut Vec<RawFinding>) -> Option<Parsed> {
    let fm = match frontmatter::split(text) {
        Ok(fm) => fm,
        Err(FrontMatterError::Missing) => {
            findings.push(
                RawFinding::new(
                    Code::LOAD003,
                    "expected TOML front matter between `+++` lines at the start of the document",
                )
                .at(Location::span(file, 0..text.lines().next().map_or(0, str::len)))
                .help("start the file with a `+++` line, the fields (id, title, ...), and another `+++` line"),
            );
            return None;
        }
        Err(FrontMatterError::Unterminated(opening)) => {
            findings.push(
                RawFinding::new(
                    Code::LOAD003,
                    "the front matter opened here is never closed",
                )
                .at(Location::span(file, opening))
                .help("add a line holding only `+++` after the last field"),
            );
            return None;
        }
    };
    let meta: DocumentMeta = from_toml(&text[fm.toml.clone()], file, fm.toml.start, findings)?;
    let (headings, tables) = outline(text, fm.body.start);
    Some(Parsed::Document(
        Document {
            meta,
            headings,
            tables,
            opening: fm.opening,
        },
        fm.toml.start,
    ))
}

/// The headings and tables of a Markdown body that starts at byte `base`
/// of `text`.
fn outline(text: &str, base: usize) -> (Vec<Heading>, Vec<BodyTable>) {
    let mut headings = Vec::new();
    let mut tables = Vec::new();
    let mut heading: Option<Heading> = None;
    let mut table: Option<BodyTable> = None;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for (event, range) in Parser::new_ext(&text[base..], Options::ENABLE_TABLES).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading {
                    level: heading_level(level),
                    text: String::new(),
                    offset: base + range.start,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = heading.take() {
                    h.text = h.text.trim().to_string();
                    headings.push(h);
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(BodyTable {
                    offset: base + range.start,
                    header: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => tables.extend(table.take()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.extend(cell.take().map(|c| c.trim().to_string())),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                } else if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    (headings, tables)
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
