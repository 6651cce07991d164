//! Reading a QMS into the model.
//!
//! [`load_from`] lists the files of a [`Source`] in walk order, classifies
//! each by its folder, and parses every file it can, in parallel. A file
//! that cannot be read or parsed becomes a `LOAD` finding with its position
//! and loading goes on; only a source that cannot be listed at all is an
//! [`Err`]. Entries the source refuses (links that lead out, unsafe zip
//! names) are `LOAD004` findings.

pub mod frontmatter;
pub(crate) mod profile;
pub mod register;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::base::code::Code;
use crate::base::finding::{Finding, RawFinding};
use crate::base::paths::{self, PathError};
use crate::base::span::{Location, Origin};
use crate::base::text::{FileId, SourceMap};
use crate::model::{
    Action, Audit, BodyTable, Document, DocumentMeta, Heading, Loaded, ManagementReview,
    Nonconformity, NonconformityConfig, NonconformityStatus, QmsConfig, RecordsList,
};
use crate::source::{Refusal, Source, SourceError};
use frontmatter::FrontMatterError;
use register::RegisterError;

/// Why a QMS could not be loaded at all (a file that cannot be read or
/// parsed is a `LOAD` finding instead, and loading goes on).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The source cannot be opened or listed: a missing directory, a file
    /// that is not a zip archive, a broken archive.
    #[error(transparent)]
    Source(#[from] SourceError),
}

/// `[nonconformity]` when qms.toml is missing or does not parse.
static NO_NONCONFORMITY_CONFIG: NonconformityConfig = NonconformityConfig {
    major_open_days: None,
    corrective_action_for: None,
    concession_needs_customer: None,
};

/// Everything read from a QMS.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Qms {
    /// Where the files are read from.
    source: Arc<dyn Source>,
    /// Entries the source refused, by path (links out of the QMS among them).
    refused: BTreeMap<String, Refusal>,
    /// The text of every file parsed.
    pub sources: SourceMap,
    /// Every regular file of the QMS, relative, with `/`, in walk order (for
    /// globs and evidence paths).
    pub files: Vec<String>,
    file_set: BTreeSet<String>,
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
    /// Registers that records.toml points at (by normalised path).
    pub registers: BTreeMap<String, RegisterFile>,
    /// Problems met while loading (`LOAD` findings).
    pub(crate) load_findings: Vec<RawFinding>,
    /// Files of a kind the QMS is made of (qms.toml, records.toml, a
    /// document, a nonconformity, an action, an audit, a review) that could
    /// not be read or parsed, relative, in walk order.
    failed: Vec<String>,
}

impl Qms {
    /// Where the files are read from.
    pub fn source(&self) -> &dyn Source {
        self.source.as_ref()
    }

    /// Whether the QMS has this file (relative, with `/`).
    pub fn has_file(&self, rel: &str) -> bool {
        self.file_set.contains(rel)
    }

    /// A path written in a QMS file, normalised: `Ok(Some(path))` when the
    /// file exists, `Ok(None)` when it does not, `Err` when it leads outside
    /// the QMS (absolute, `..`, or through a link that leads out).
    pub fn locate(&self, written: &str) -> Result<Option<String>, PathError> {
        let rel = paths::normalise(written)?;
        let through_link_out = self.refused.iter().any(|(p, why)| {
            *why == Refusal::LinkOutside
                && (rel == *p
                    || rel
                        .strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with('/')))
        });
        if through_link_out {
            return Err(PathError::LinkEscapes(written.into()));
        }
        Ok(self.has_file(&rel).then_some(rel))
    }

    /// The files of the QMS's own kinds (qms.toml, records.toml, documents,
    /// nonconformities, actions, audits, reviews) that could not be read or
    /// parsed: what is counted from them is not measurable, and an id they
    /// hold is not unknown but unread.
    pub fn failed_files(&self) -> &[String] {
        &self.failed
    }

    /// The first file under `folder` (`nonconformities`) that failed to
    /// load, if any.
    pub fn failed_under(&self, folder: &str) -> Option<&str> {
        self.failed
            .iter()
            .map(String::as_str)
            .find(|f| f.strip_prefix(folder).is_some_and(|r| r.starts_with('/')))
    }

    /// The file that failed to load whose name is `id` or starts with it
    /// (`documents/WI-01-receiving.md` for `WI-01`), if any: a reference to
    /// `id` then names a file that exists but did not load.
    pub fn failed_file_named(&self, id: &str) -> Option<&str> {
        self.failed.iter().map(String::as_str).find(|f| {
            let name = f.rsplit('/').next().unwrap_or(f);
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            stem == id
                || stem
                    .strip_prefix(id)
                    .is_some_and(|rest| rest.starts_with(['-', '_', ' ', '.']))
        })
    }

    /// The problems met while loading (`LOAD` findings: files that cannot be
    /// read or parsed, paths that leave the QMS), at their rules' default
    /// levels. [`crate::check()`] reports them too, with `[checks]` applied.
    pub fn load_findings(&self) -> Vec<Finding> {
        self.load_findings
            .iter()
            .map(|f| f.clone().at_default_level(&self.sources))
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

    /// `[nonconformity]` of qms.toml (its defaults without a qms.toml).
    pub fn nonconformity_config(&self) -> &NonconformityConfig {
        self.config
            .as_ref()
            .map_or(&NO_NONCONFORMITY_CONFIG, |c| &c.nonconformity)
    }

    /// Whether a nonconformity needs a corrective action (NC001): its grade
    /// is one of `[nonconformity] corrective_action_for` (by default major
    /// and minor) and it was not rejected. Any other may close with a
    /// correction alone.
    pub fn needs_corrective_action(&self, n: &Nonconformity) -> bool {
        self.nonconformity_config()
            .needs_corrective_action(*n.grade.get())
            && *n.status.get() != NonconformityStatus::Rejected
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
    /// records.toml, and the evidence files of actions, nonconformities and
    /// values of objectives measured by hand (those that exist).
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
        let measured = self
            .config
            .iter()
            .flat_map(|c| &c.objectives)
            .flat_map(|o| &o.measured)
            .filter_map(|m| m.evidence.as_ref());
        out.extend(
            evidence
                .map(|p| p.get())
                .chain(measured.map(|p| p.get()))
                .filter_map(|p| paths::normalise(p).ok()),
        );
        out.sort();
        out.dedup();
        out.retain(|f| self.has_file(f));
        out
    }
}

/// A register that records.toml names: its file, or why it cannot be read.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RegisterFile {
    /// The register file (its text is not kept).
    pub file: FileId,
    /// Why it cannot be read (no such file, a path that leads out); `None`
    /// when it exists. Its rows are read during the check
    /// ([`crate::registers::dossier`], [`crate::registers::table`]).
    pub error: Option<RegisterError>,
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
    /// A symbolic link that leads out of the QMS: refused, not read.
    Outside,
    /// A zip entry named out of the QMS (absolute, `..`): refused, not read.
    UnsafeName,
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

/// Loads the QMS at `path`: a directory, or a zip archive (a zipped QMS, or
/// an evidence pack whose `qms/` folder is the QMS).
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
pub fn load(path: &Path) -> Result<Qms, LoadError> {
    load_shared(Arc::from(crate::source::open(path)?))
}

/// Loads the QMS that `source` holds: a directory, files in memory, a zip
/// archive, or a source of the caller's own.
///
/// ```
/// use qms_core::source::MemorySource;
/// let source = MemorySource::new()
///     .with_file("qms.toml", "[organisation]\nname = \"Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n");
/// let qms = qms_core::load_from(source).expect("a memory source lists");
/// assert_eq!(qms.files, ["qms.toml"]);
/// ```
pub fn load_from(source: impl Source + 'static) -> Result<Qms, LoadError> {
    load_shared(Arc::new(source))
}

fn load_shared(source: Arc<dyn Source>) -> Result<Qms, LoadError> {
    let listing = source.list()?;
    let mut findings = Vec::new();
    let mut to_parse = Vec::new();
    let mut refused = BTreeMap::new();
    for r in listing.refused {
        match &r.reason {
            Refusal::Unreadable(message) => findings.push(RawFinding::new(
                Code::LOAD001,
                format!("cannot read `{}`: {message}", r.path),
            )),
            Refusal::LinkOutside => to_parse.push((r.path.clone(), FileKind::Outside)),
            Refusal::UnsafeName => to_parse.push((r.path.clone(), FileKind::UnsafeName)),
            // Reported where something needs it: a file of the QMS's own
            // kinds here, a profile or a register when it is named.
            Refusal::NotRegular(kind) if classify(&r.path).is_some() => {
                findings.push(not_regular(&r.path, kind))
            }
            Refusal::NotRegular(_) => {}
        }
        refused.insert(r.path, r.reason);
    }
    let files = listing.files;
    for rel in &files {
        if let Some(kind) = classify(rel) {
            to_parse.push((rel.clone(), kind));
        }
    }
    to_parse.sort_by(|a, b| crate::source::walk_order(&a.0, &b.0));

    // FileIds are the positions in `to_parse`, so parsing can run in parallel.
    let parsed: Vec<ParsedFile> = to_parse
        .par_iter()
        .enumerate()
        .map(|(i, (rel, kind))| parse_file(source.as_ref(), FileId(i), rel, *kind))
        .collect();

    let mut qms = Qms {
        source,
        refused,
        sources: SourceMap::default(),
        file_set: files.iter().cloned().collect(),
        files,
        config: None,
        records: None,
        documents: Vec::new(),
        nonconformities: Vec::new(),
        actions: Vec::new(),
        audits: Vec::new(),
        reviews: Vec::new(),
        user_profile: None,
        registers: BTreeMap::new(),
        load_findings: findings,
        failed: Vec::new(),
    };
    let mut saw_config = false;
    for ((rel, kind), pf) in to_parse.into_iter().zip(parsed) {
        if pf.parsed.is_none() {
            qms.failed.push(rel.clone());
        }
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
    find_registers(&mut qms);
    load_user_profile(&mut qms);
    if !saw_config {
        qms.load_findings.push(
            RawFinding::new(Code::LOAD006, "no `qms.toml` in the QMS directory")
                .help("run `qms init` or create qms.toml with [organisation] and [scope]"),
        );
    }
    Ok(qms)
}

/// Finds every register records.toml names (their rows are read during
/// the check); a path that leads out of the directory is refused.
fn find_registers(qms: &mut Qms) {
    let Some(records) = &qms.records else { return };
    let origin = records.origin;
    let mut wanted = Vec::new();
    for r in &records.records {
        let Some(reg) = &r.register else { continue };
        match paths::normalise(reg.path.get()) {
            Ok(rel) => wanted.push(rel),
            Err(e) => qms.load_findings.push(
                RawFinding::new(Code::LOAD004, e.to_string())
                    .at(origin.at(&reg.path))
                    .help("registers live inside the QMS directory, usually under records/"),
            ),
        }
    }
    for rel in wanted {
        if qms.registers.contains_key(&rel) {
            continue;
        }
        let error = match qms.locate(&rel) {
            Err(e) => Some(RegisterError::Path(e)),
            Ok(None) => Some(match qms.refused.get(&rel) {
                Some(Refusal::NotRegular(kind)) => RegisterError::NotRegular(kind.clone()),
                _ => RegisterError::Missing,
            }),
            Ok(Some(_)) => None,
        };
        let file = qms.sources.add(rel.clone(), String::new());
        qms.registers.insert(rel, RegisterFile { file, error });
    }
}

fn parse_file(source: &dyn Source, file: FileId, rel: &str, kind: FileKind) -> ParsedFile {
    let whole = Location::file(file);
    if kind == FileKind::UnsafeName {
        return ParsedFile {
            text: String::new(),
            parsed: None,
            findings: vec![
                RawFinding::new(
                    Code::LOAD004,
                    format!("`{rel}` is an entry whose name leads outside the QMS; it is not read"),
                )
                .at(whole),
            ],
        };
    }
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
    let bytes = match source.read(rel) {
        Ok(b) => b,
        Err(e) => {
            let message = match e {
                SourceError::Io { source, .. } => format!("cannot read `{rel}`: {source}"),
                // these name the file themselves
                e @ (SourceError::TooLarge { .. } | SourceError::NotRegular { .. }) => {
                    e.to_string()
                }
                other => format!("cannot read `{rel}`: {other}"),
            };
            return ParsedFile {
                text: String::new(),
                parsed: None,
                findings: vec![RawFinding::new(Code::LOAD001, message).at(whole)],
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
        FileKind::Outside | FileKind::UnsafeName => None, // refused before reading
    };
    ParsedFile {
        text,
        parsed,
        findings,
    }
}

/// Reads the profile file that `scope.profile` names, when it is not built in.
fn load_user_profile(qms: &mut Qms) {
    let Some(cfg) = &qms.config else { return };
    let Some(p) = &cfg.scope.profile else { return };
    if crate::profile::Profile::is_built_in(p.get()) {
        return;
    }
    let at = cfg.origin.at(p);
    let rel = match paths::normalise(p.get()) {
        Ok(rel) => rel,
        Err(e) => {
            qms.load_findings
                .push(RawFinding::new(Code::LOAD004, e.to_string()).at(at));
            return;
        }
    };
    let rel = match qms.locate(&rel) {
        Ok(Some(rel)) => rel,
        Ok(None) => {
            if let Some(Refusal::NotRegular(kind)) = qms.refused.get(&rel) {
                let f = not_regular(&rel, kind).at(at);
                qms.load_findings.push(f);
            }
            return; // resolve() reports an unknown profile
        }
        Err(_) => {
            qms.load_findings.push(
                RawFinding::new(
                    Code::LOAD004,
                    format!("`{rel}` leads outside the QMS directory"),
                )
                .at(at),
            );
            return;
        }
    };
    let text = match qms.source().read(&rel).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            let f = RawFinding::new(Code::LOAD001, format!("`{rel}` is not valid UTF-8"))
                .at(at)
                .help("save the profile file as UTF-8");
            qms.load_findings.push(f);
            return;
        }
        Err(e) => {
            let f =
                RawFinding::new(Code::LOAD001, format!("cannot read the profile file: {e}")).at(at);
            qms.load_findings.push(f);
            return;
        }
    };
    let file = qms.sources.add(rel, text.clone());
    let mut findings = Vec::new();
    if let Some(profile) = from_toml::<crate::profile::Profile>(&text, file, 0, &mut findings) {
        findings.extend(crate::profile::validate(&profile, &text, file));
        qms.user_profile = Some(profile);
    }
    qms.load_findings.extend(findings);
}

/// LOAD001 for a path that is a FIFO, a device or a socket.
fn not_regular(rel: &str, kind: &str) -> RawFinding {
    RawFinding::new(
        Code::LOAD001,
        format!("`{rel}` is {kind}, not a regular file; it is not read"),
    )
    .help("qms reads only regular files: put the file itself in the QMS directory")
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
                RawFinding::new(Code::LOAD002, toml_message(e.message()))
                    .at(Location::span(file, span.unwrap_or(base..base))),
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
                    trim_in_place(&mut h.text);
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
            Event::End(TagEnd::TableCell) => row.extend(cell.take().map(|mut c| {
                trim_in_place(&mut c);
                c
            })),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    // The next row has as many cells: one allocation for it.
                    let width = row.len();
                    t.rows
                        .push(std::mem::replace(&mut row, Vec::with_capacity(width)));
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

/// `s.trim()` without a second allocation (one per heading and cell).
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
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
