//! The certification evidence pack: one reproducible zip with a hash
//! manifest.
//!
//! The pack holds the reports, the check result, the clause matrix, the
//! registers as CSV (the lists of the report, and each table register under
//! `registers/tables/`, a workbook's sheet converted), and every file of the QMS that the check read or that
//! records.toml, the actions and the nonconformities point at (under
//! `qms/`), then `manifest.json` (each entry's path, size and SHA-256, the
//! tool, the as-of date, the profile, the git commit) and `SHA256SUMS` (for
//! `sha256sum -c`). Entries are sorted, timestamps are the as-of date and
//! permissions fixed, so the same input and date give the same bytes. Files
//! are streamed into the zip while they are hashed, never held whole. The zip
//! is written atomically ([`crate::atomic`]): to a temporary file beside the
//! target, renamed into place.
//!
//! Every entry name is checked before anything is written: a name holding a
//! backslash, a control character (a newline would forge a SHA256SUMS line)
//! or a path that could escape the extraction directory, and a file whose
//! name is not UTF-8, stop the pack with [`PackError::UnsafeNames`] naming
//! each. With a [`Signer`], `manifest.json` is signed and the signature
//! packed as [`SIGNATURE_NAME`] (see [`crate::sign`]).

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::Path;

use qms_core::registers::rows::RegisterRows;
use qms_core::report::ReportContext;
use qms_core::{CheckOptions, Date, Qms, check};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::atomic::{Existing, WriteError, write_atomically_with};
use crate::sign::{SIGNATURE_NAME, SignError, Signer};
use crate::verify::{escape, unsafe_name};
use crate::{Format, Lang, ReportError, render};

/// Version of `manifest.json`.
pub const MANIFEST_VERSION: u32 = 1;

/// The state of the git work tree the QMS directory is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitInfo {
    /// The commit checked out (HEAD).
    pub commit: String,
    /// Whether the QMS directory had no uncommitted change.
    pub clean: bool,
}

impl GitInfo {
    /// The commit and cleanliness of the git work tree holding `dir`, if it
    /// is one (`None` without git or outside a work tree), read without side
    /// effects: nothing of the repository's or the user's configuration runs
    /// (hooks, fsmonitor, filters) and nothing under `.git` is written.
    pub fn of(dir: &Path) -> Option<GitInfo> {
        let run = |args: &[&str], disable: &[String]| {
            let mut c = git(dir);
            for d in disable {
                for (key, value) in [("clean", ""), ("process", ""), ("required", "false")] {
                    c.arg("-c").arg(format!("filter.{d}.{key}={value}"));
                }
            }
            c.args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        };
        let commit = run(&["rev-parse", "--verify", "HEAD"], &[])?;
        let drivers = filter_drivers(dir);
        let status = run(
            &[
                "status",
                "--porcelain",
                "--ignore-submodules=all",
                "--no-renames",
                "--",
                ".",
            ],
            &drivers,
        )?;
        Some(GitInfo {
            commit,
            clean: status.is_empty(),
        })
    }
}

/// `git` run so that nothing of the repository's or the user's
/// configuration executes and nothing under `.git` is written: no system or
/// global configuration, no hooks, no fsmonitor, no optional locks (the
/// index is not refreshed), no external diff, no submodules.
fn git(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("git");
    c.arg("-C").arg(dir);
    for setting in [
        "core.fsmonitor=false",
        "core.hooksPath=/dev/null",
        "core.untrackedCache=false",
        "core.splitIndex=false",
        "diff.external=",
        "submodule.recurse=false",
    ] {
        c.arg("-c").arg(setting);
    }
    c.env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_CONFIG_PARAMETERS")
        .env_remove("GIT_CONFIG_COUNT")
        .env_remove("GIT_EXTERNAL_DIFF")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

/// The filter drivers the repository's configuration names: `git status`
/// would run their `clean` command on a file whose stat changed.
fn filter_drivers(dir: &Path) -> Vec<String> {
    let Ok(out) = git(dir)
        .args(["config", "-z", "--get-regexp", r"^filter\."])
        .output()
    else {
        return Vec::new();
    };
    let mut drivers: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .filter_map(|item| {
            let key = item.split(|b| *b == b'\n').next()?;
            let key = std::str::from_utf8(key).ok()?.strip_prefix("filter.")?;
            key.rsplit_once('.').map(|(driver, _)| driver.to_string())
        })
        .collect();
    drivers.sort();
    drivers.dedup();
    drivers
}

/// What a pack is made of besides the directory.
#[derive(Debug, Clone)]
pub struct PackOptions {
    /// The check date (also every entry's timestamp).
    pub as_of: Date,
    /// Language of the reports.
    pub lang: Lang,
    /// The git state, when the directory is in a work tree.
    pub git: Option<GitInfo>,
    /// The key that signs the manifest, if the pack is to be signed.
    pub signer: Option<Signer>,
}

/// One entry of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Path inside the zip.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}

/// What `manifest.json` says about the pack besides its entries: written
/// by `pack`, read back by `verify` ([`crate::verify::PackInfo`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestHeader {
    /// [`MANIFEST_VERSION`].
    pub manifest_version: u32,
    /// `qms`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// The check date.
    pub as_of: String,
    /// The profile checked against.
    pub profile: String,
    /// The organisation.
    pub organisation: String,
    /// The git state, if known.
    pub git: Option<GitInfo>,
}

/// `manifest.json`: its header's fields, then the entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The pack's description.
    #[serde(flatten)]
    pub header: ManifestHeader,
    /// Every other entry of the pack (not manifest.json, not SHA256SUMS).
    pub entries: Vec<ManifestEntry>,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct PackSummary {
    /// Entries written (manifest and sums included).
    pub entries: usize,
    /// Bytes of content packed (before compression).
    pub bytes: u64,
    /// The manifest.
    pub manifest: Manifest,
}

/// Why a pack could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// A file could not be read or the pack written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The zip library failed.
    #[error("writing the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A report could not be rendered.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// Generated content could not be serialised.
    #[error("{0}")]
    Encode(String),
    /// The pack could not be put in place.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Files whose names cannot be packed safely (each with why).
    #[error("files whose names cannot be packed safely (rename them): {}", .0.join("; "))]
    UnsafeNames(Vec<String>),
    /// The manifest could not be signed.
    #[error("signing the pack: {0}")]
    Sign(#[from] SignError),
}

/// Why an entry name cannot go into a pack, if it cannot: it would escape
/// or mislead an extractor, or forge a line of SHA256SUMS.
pub fn unpackable_name(name: &str) -> Option<&'static str> {
    if name.contains('\\') {
        Some("it holds a backslash, a folder separator on Windows")
    } else if name.chars().any(char::is_control) {
        Some("it holds a control character (a newline would forge a SHA256SUMS line)")
    } else if name.contains('\u{fffd}') {
        Some("its name is not UTF-8 (or holds U+FFFD)")
    } else if name.is_empty() || unsafe_name(name) {
        Some("it could be extracted outside the target directory")
    } else {
        None
    }
}

enum Entry {
    Bytes(Vec<u8>),
    /// A file of the QMS, read through its source.
    Qms(String),
    /// A workbook register's sheet, converted to CSV as it is packed.
    Sheet {
        /// The workbook, relative to the QMS.
        rel: String,
        /// The sheet.
        sheet: String,
    },
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes the evidence pack of `qms` to `out`. `progress` is told the bytes
/// done and the total as files are packed.
pub fn write_pack(
    qms: &Qms,
    out: &Path,
    options: &PackOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<PackSummary, PackError> {
    let as_of = options.as_of;
    let report = check(qms, &CheckOptions::new(as_of));
    let findings =
        serde_json::to_vec_pretty(&report).map_err(|e| PackError::Encode(e.to_string()))?;
    let profile = report.profile.clone();
    let context = ReportContext::from_check(qms, report);

    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    entries.insert(
        "report.html".into(),
        Entry::Bytes(render(&context, Format::Html, options.lang, None)?.into_bytes()),
    );
    entries.insert(
        "report.md".into(),
        Entry::Bytes(render(&context, Format::Markdown, options.lang, None)?.into_bytes()),
    );
    entries.insert("findings.json".into(), Entry::Bytes(findings));
    entries.insert("coverage.csv".into(), Entry::Bytes(coverage_csv(&context)?));
    for (name, bytes) in registers_csv(&context)? {
        entries.insert(format!("registers/{name}"), Entry::Bytes(bytes));
    }
    for g in context.registers.iter().filter(|g| g.readable) {
        let (name, entry) = table_entry(&g.path, g.sheet.as_deref());
        entries.insert(name, entry);
    }
    for rel in qms.referenced_files() {
        entries.insert(format!("qms/{rel}"), Entry::Qms(rel));
    }
    let refused: Vec<String> = entries
        .keys()
        .filter_map(|name| unpackable_name(name).map(|why| format!("`{}`: {why}", escape(name))))
        .collect();
    if !refused.is_empty() {
        return Err(PackError::UnsafeNames(refused));
    }

    let total: u64 = entries
        .values()
        .map(|s| match s {
            Entry::Bytes(b) => b.len() as u64,
            Entry::Qms(rel) | Entry::Sheet { rel, .. } => qms.source().size(rel).unwrap_or(0),
        })
        .sum();

    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| PackError::Io { path, source }
    };
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(as_of.year()).unwrap_or(1980).max(1980),
        u8::try_from(as_of.month()).unwrap_or(1),
        u8::try_from(as_of.day()).unwrap_or(1),
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(stamp)
        .unix_permissions(0o644)
        .system(zip::System::Unix)
        .large_file(total > u64::from(u32::MAX));

    let (done, manifest) = write_atomically_with(out, Existing::ReplaceFile, |file| {
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let mut done = 0u64;
        let mut manifest_entries = Vec::new();
        for (name, source) in &entries {
            zip.start_file(name.as_str(), opts)?;
            let (size, sha) = match source {
                Entry::Bytes(b) => {
                    zip.write_all(b).map_err(io(Path::new(name)))?;
                    (b.len() as u64, hex(&Sha256::digest(b)))
                }
                Entry::Qms(rel) => {
                    let path = Path::new(rel);
                    let file = qms.source().open(rel).map_err(|e| PackError::Io {
                        path: rel.clone(),
                        source: std::io::Error::other(e),
                    })?;
                    let mut hashing = HashingReader {
                        inner: file,
                        hasher: Sha256::new(),
                        bytes: 0,
                    };
                    std::io::copy(&mut hashing, &mut zip).map_err(io(path))?;
                    (hashing.bytes, hex(&hashing.hasher.finalize()))
                }
                Entry::Sheet { rel, sheet } => {
                    let mut hashing = HashingWriter {
                        inner: &mut zip,
                        hasher: Sha256::new(),
                        bytes: 0,
                    };
                    RegisterRows::new(qms.source(), rel, Some(sheet))
                        .write_csv(&mut hashing)
                        .map_err(|e| PackError::Io {
                            path: rel.clone(),
                            source: std::io::Error::other(e.to_string()),
                        })?;
                    (hashing.bytes, hex(&hashing.hasher.finalize()))
                }
            };
            done += size;
            progress(done, total);
            manifest_entries.push(ManifestEntry {
                path: name.clone(),
                size,
                sha256: sha,
            });
        }
        let manifest = Manifest {
            header: ManifestHeader {
                manifest_version: MANIFEST_VERSION,
                tool: "qms".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                as_of: as_of.to_string(),
                profile,
                organisation: context.organisation.name.clone(),
                git: options.git.clone(),
            },
            entries: manifest_entries,
        };
        let manifest_bytes =
            serde_json::to_vec_pretty(&manifest).map_err(|e| PackError::Encode(e.to_string()))?;
        zip.start_file("manifest.json", opts)?;
        zip.write_all(&manifest_bytes)
            .map_err(io(Path::new("manifest.json")))?;
        let mut sums = String::new();
        for e in &manifest.entries {
            sums.push_str(&format!("{}  {}\n", e.sha256, e.path));
        }
        sums.push_str(&format!(
            "{}  manifest.json\n",
            hex(&Sha256::digest(&manifest_bytes))
        ));
        zip.start_file("SHA256SUMS", opts)?;
        zip.write_all(sums.as_bytes())
            .map_err(io(Path::new("SHA256SUMS")))?;
        if let Some(signer) = &options.signer {
            let comment = format!(
                "qms evidence pack manifest.json, as of {as_of}, sha256 {}",
                hex(&Sha256::digest(&manifest_bytes))
            );
            let signature = signer.sign(&manifest_bytes, &comment)?;
            zip.start_file(SIGNATURE_NAME, opts)?;
            zip.write_all(signature.as_bytes())
                .map_err(io(Path::new(SIGNATURE_NAME)))?;
        }
        zip.finish()?.flush().map_err(io(out))?;
        Ok::<_, PackError>((done, manifest))
    })?;
    Ok(PackSummary {
        entries: entries.len() + 2 + usize::from(options.signer.is_some()),
        bytes: done,
        manifest,
    })
}

/// Where a table register goes in the pack: `registers/tables/` and its
/// path; a workbook's sheet converted to CSV as
/// `registers/tables/<path without extension>.<sheet>.csv`.
fn table_entry(rel: &str, sheet: Option<&str>) -> (String, Entry) {
    match sheet {
        None => (
            format!("registers/tables/{rel}"),
            Entry::Qms(rel.to_string()),
        ),
        Some(sheet) => {
            let stem = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
            let safe: String = sheet
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            (
                format!("registers/tables/{stem}.{safe}.csv"),
                Entry::Sheet {
                    rel: rel.to_string(),
                    sheet: sheet.to_string(),
                },
            )
        }
    }
}

/// Writes through to a hasher.
struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Reads through to a hasher.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

fn csv_bytes(
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, PackError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let enc = |e: csv::Error| PackError::Encode(e.to_string());
    w.write_record(header).map_err(enc)?;
    for r in rows {
        w.write_record(&r).map_err(enc)?;
    }
    w.into_inner().map_err(|e| PackError::Encode(e.to_string()))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn coverage_csv(r: &ReportContext) -> Result<Vec<u8>, PackError> {
    csv_bytes(
        &["clause", "title_en", "title_vi", "status", "evidence"],
        r.coverage.clauses.iter().map(|c| {
            vec![
                c.clause.clone(),
                c.title_en.clone(),
                c.title_vi.clone(),
                c.status.as_str().to_string(),
                c.evidence.join(" "),
            ]
        }),
    )
}

fn registers_csv(r: &ReportContext) -> Result<Vec<(&'static str, Vec<u8>)>, PackError> {
    let documents = csv_bytes(
        &[
            "id",
            "title",
            "kind",
            "revision",
            "issued",
            "status",
            "owner",
            "approved_by",
            "next_review",
            "field",
            "time_limit_days",
            "file",
        ],
        r.documents.iter().map(|d| {
            vec![
                d.id.clone(),
                d.title.clone(),
                d.kind.clone(),
                opt(d.revision.as_ref()),
                opt(d.issued),
                d.status.clone(),
                d.owner.clone(),
                d.approved_by.clone(),
                opt(d.next_review),
                d.field.clone(),
                opt(d.time_limit_days),
                d.file.clone(),
            ]
        }),
    )?;
    let records = csv_bytes(
        &[
            "id",
            "title",
            "owner",
            "location",
            "retention",
            "disposition",
            "clauses",
            "source",
            "count",
        ],
        r.records.iter().map(|x| {
            vec![
                x.id.clone(),
                x.title.clone(),
                x.owner.clone(),
                x.location.clone(),
                x.retention.clone(),
                x.disposition.clone(),
                x.clauses.join(" "),
                x.source.clone(),
                x.count.to_string(),
            ]
        }),
    )?;
    let nonconformities = csv_bytes(
        &[
            "id",
            "title",
            "grade",
            "source",
            "status",
            "raised",
            "closed",
            "root_cause",
            "effectiveness",
            "verified_by",
            "verified_on",
            "actions",
            "product",
            "disposition",
            "quantity",
            "unit",
            "authorised_by",
            "authorised_on",
            "customer_authorisation",
        ],
        r.nonconformities.iter().map(|n| {
            vec![
                n.id.clone(),
                n.title.clone(),
                n.grade.clone(),
                n.source.clone(),
                n.status.clone(),
                n.raised.to_string(),
                opt(n.closed),
                n.root_cause.clone(),
                n.effectiveness.clone(),
                n.verified_by.clone(),
                opt(n.verified_on),
                n.actions
                    .iter()
                    .map(|a| a.id.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
                n.product.to_string(),
                n.disposition.clone(),
                n.quantity.map(|q| q.to_string()).unwrap_or_default(),
                n.unit.clone(),
                n.authorised_by.clone(),
                opt(n.authorised_on),
                n.customer_authorisation.clone(),
            ]
        }),
    )?;
    // Each action once, in the order first met, with every nonconformity it
    // answers (an action may serve several), space-separated as
    // nonconformities.csv lists its actions.
    let mut order = Vec::new();
    let mut answered: HashMap<&str, Vec<&str>> = HashMap::new();
    for n in &r.nonconformities {
        for a in &n.actions {
            let ncs = answered.entry(a.id.as_str()).or_insert_with(|| {
                order.push(a);
                Vec::new()
            });
            if !ncs.contains(&n.id.as_str()) {
                ncs.push(n.id.as_str());
            }
        }
    }
    for a in &r.other_actions {
        answered.entry(a.id.as_str()).or_insert_with(|| {
            order.push(a);
            Vec::new()
        });
    }
    let actions = csv_bytes(
        &[
            "id",
            "kind",
            "nonconformity",
            "description",
            "owner",
            "due",
            "status",
            "done_on",
            "overdue",
        ],
        order.into_iter().map(|a| {
            vec![
                a.id.clone(),
                a.kind.clone(),
                answered
                    .get(a.id.as_str())
                    .map(|ncs| ncs.join(" "))
                    .unwrap_or_default(),
                a.description.clone(),
                a.owner.clone(),
                opt(a.due),
                a.status.clone(),
                opt(a.done_on),
                a.overdue.to_string(),
            ]
        }),
    )?;
    Ok(vec![
        ("actions.csv", actions),
        ("documents.csv", documents),
        ("nonconformities.csv", nonconformities),
        ("records.csv", records),
    ])
}
