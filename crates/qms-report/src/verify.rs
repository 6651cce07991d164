//! Verifying an evidence pack: every hash recomputed, every change named,
//! the signature checked.
//!
//! The zip is read, never extracted, in bounded memory: the central
//! directory is walked one entry at a time (`ZipIterable`, never held
//! whole), `manifest.json` is parsed as a stream into a table of expected
//! hashes keyed by the entries' raw name bytes (no lossy decoding, so two
//! names that differ in invalid bytes stay two), `SHA256SUMS` is read line
//! by line, and each entry is streamed through SHA-256 once. Memory grows
//! only with that table (about 150 bytes an entry), which [`VerifyLimits`]
//! bounds with the number of entries.
//!
//! Before any content is read, the central directory is checked against the
//! limits ([`VerifyLimits`]: entries, bytes an entry declares, bytes all
//! entries declare together) and every entry against what an extractor
//! could be tricked by: names that escape a directory (`../`, absolute,
//! drive letters, backslashes), empty names, names that are not UTF-8 or
//! hold control characters, symbolic links, directories, devices, setuid
//! bits, encryption, unknown compression. While reading, an entry whose
//! bytes overlap another's (the shared-data zip bomb) is not inflated, and
//! bytes before the first entry are reported. Each is a problem in words;
//! names in every message are escaped ([`display_name`]).
//!
//! A signed pack carries `manifest.json.minisig`, a minisign signature of
//! `manifest.json` ([`crate::sign`]); with a public key the signature is
//! checked and the signer's key id named.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use sha2::{Digest, Sha256};
use zip::ZipReadOptions;
use zip::read::ZipFileEntry;
use zip::unstable::read::ZipIterable;

use crate::pack::{ManifestEntry, ManifestHeader};
use crate::sign::{SIGNATURE_NAME, key_id};

/// Entries declaring more than this are not read (a zip bomb guard).
pub const MAX_ENTRY_SIZE: u64 = 16 * 1024 * 1024 * 1024;

/// All entries together may declare at most this many bytes.
pub const MAX_TOTAL_SIZE: u64 = 64 * 1024 * 1024 * 1024;

/// A pack may hold at most this many entries (and its manifest list as many).
pub const MAX_ENTRIES: u64 = 1_000_000;

/// A signature file larger than this is not read.
const MAX_SIGNATURE_SIZE: u64 = 64 * 1024;

/// A SHA256SUMS line longer than this is malformed.
const MAX_SUMS_LINE: u64 = 64 * 1024;

/// How much a pack may hold before `verify` refuses to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyLimits {
    /// Entries in the zip, and entries the manifest lists.
    pub max_entries: u64,
    /// Bytes one entry may declare.
    pub max_entry_bytes: u64,
    /// Bytes all entries may declare together.
    pub max_total_bytes: u64,
}

impl Default for VerifyLimits {
    fn default() -> Self {
        VerifyLimits {
            max_entries: MAX_ENTRIES,
            max_entry_bytes: MAX_ENTRY_SIZE,
            max_total_bytes: MAX_TOTAL_SIZE,
        }
    }
}

/// How to verify.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// The bounds.
    pub limits: VerifyLimits,
    /// The public key the signature must be made with, if one is asked for.
    pub key: Option<minisign::PublicKey>,
}

/// What the pack's signature says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Signature {
    /// The pack has no `manifest.json.minisig`.
    Unsigned,
    /// Signed, but no key was given to check it with.
    NotChecked {
        /// The signer's key id (16 hex digits, as minisign prints it).
        key_id: String,
    },
    /// Signed by the given key, and the signature matches manifest.json.
    Valid {
        /// The signer's key id.
        key_id: String,
        /// The signed comment.
        trusted_comment: String,
    },
    /// The signature does not verify with the given key, or cannot be read.
    Invalid {
        /// The key id the signature names, if it could be read.
        key_id: Option<String>,
        /// Why, in words.
        reason: String,
    },
}

/// What `manifest.json` says about the pack: its header, and how many
/// entries it lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PackInfo {
    /// The manifest's header, as `pack` wrote it.
    #[serde(flatten)]
    pub header: ManifestHeader,
    /// How many entries the manifest lists.
    pub entries: usize,
}

/// What verification found. Names are shown escaped ([`display_name`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VerifyReport {
    /// Entries in the zip.
    pub entries: usize,
    /// Entries whose content differs from the manifest (or cannot be read).
    pub changed: Vec<String>,
    /// Entries of the manifest missing from the zip.
    pub removed: Vec<String>,
    /// Entries in the zip the manifest does not list.
    pub added: Vec<String>,
    /// Unsafe or malformed entries, in words.
    pub problems: Vec<String>,
    /// Limits the pack goes past; when not empty, no content was read.
    pub too_large: Vec<String>,
    /// Whether manifest.json and SHA256SUMS agree with each other.
    pub manifest_consistent: bool,
    /// The manifest, when it could be read.
    pub manifest: Option<PackInfo>,
    /// The signature.
    pub signature: Signature,
}

impl VerifyReport {
    fn new(entries: usize) -> Self {
        VerifyReport {
            entries,
            changed: Vec::new(),
            removed: Vec::new(),
            added: Vec::new(),
            problems: Vec::new(),
            too_large: Vec::new(),
            manifest_consistent: false,
            manifest: None,
            signature: Signature::Unsigned,
        }
    }

    /// Nothing changed, removed or added, no problem, nothing too large,
    /// manifest consistent. Says nothing of the signature.
    pub fn intact(&self) -> bool {
        self.changed.is_empty()
            && self.removed.is_empty()
            && self.added.is_empty()
            && self.problems.is_empty()
            && self.too_large.is_empty()
            && self.manifest_consistent
    }
}

/// Why a file is not a pack at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// It cannot be opened.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// It is not a zip.
    #[error("{0} is not a zip file: {1}")]
    NotAZip(String, String),
    /// It has no readable manifest.json.
    #[error("{0} is not a qms evidence pack: {1}")]
    NotAPack(String, String),
}

/// Whether an entry name could land outside the directory it is extracted to.
pub fn unsafe_name(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\\')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split('/').any(|c| c == "..")
        || name.contains('\0')
}

/// Text with its control characters (ESC, vertical tab, newline...) and
/// backslashes escaped, safe to print on a terminal: `a\x1b[31m`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        c if c.is_control() => {
            let n = u32::from(c);
            if n < 0x80 {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        }
        c => out.push(c),
    }
}

/// An entry's raw name as shown: UTF-8 as it is, control characters and
/// backslashes escaped, invalid bytes as `\x80`.
pub fn display_name(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_escaped(&mut out, c);
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// What is wrong with an entry's name or kind, if anything; checked on the
/// central directory, before any content is read.
fn entry_problem(entry: &ZipFileEntry<'_>, limits: &VerifyLimits) -> Option<String> {
    let raw = entry.name_raw();
    let shown = display_name(raw);
    let Ok(name) = std::str::from_utf8(raw) else {
        return Some(format!("`{shown}`: the name is not UTF-8"));
    };
    if name.is_empty() {
        return Some("an entry has an empty name".into());
    }
    if unsafe_name(name) {
        return Some(format!(
            "`{shown}` is an unsafe entry name (it could be extracted outside the target directory)"
        ));
    }
    if name.chars().any(char::is_control) {
        return Some(format!("`{shown}`: the name holds control characters"));
    }
    if !name.is_ascii()
        && !entry
            .flags()
            .matching(zip::unstable::format::flags::ZipFlags::LanguageEncoding)
    {
        return Some(format!(
            "`{shown}`: the name is not marked UTF-8 (an extractor would read it as CP437)"
        ));
    }
    if entry.is_dir() {
        return Some(format!("`{shown}` is a directory entry, not a file"));
    }
    if entry.is_symlink() {
        return Some(format!(
            "`{shown}` is a symbolic link (an extractor would create a link, not a file)"
        ));
    }
    // The raw mode: the zip crate's own view clears the setuid bits.
    let raw_mode = (entry.system() == zip::System::Unix)
        .then(|| entry.external_attributes() >> 16)
        .filter(|m| *m != 0);
    if let Some(mode) = raw_mode.or_else(|| entry.unix_mode()) {
        let kind = mode & 0o170_000;
        if kind != 0 && kind != 0o100_000 {
            return Some(format!(
                "`{shown}` is a special file (mode {mode:o}), not a regular file"
            ));
        }
        if mode & 0o7000 != 0 {
            return Some(format!(
                "`{shown}` has the setuid, setgid or sticky bit (mode {mode:o})"
            ));
        }
    }
    if entry.encrypted() {
        return Some(format!("`{shown}` is encrypted"));
    }
    if !matches!(
        entry.compression(),
        zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
    ) {
        return Some(format!(
            "`{shown}` is compressed with {:?}, which qms does not read",
            entry.compression()
        ));
    }
    let declared = entry.size();
    if declared > limits.max_entry_bytes {
        return Some(format!(
            "too large: `{shown}` declares {declared} bytes, more than the {} limit; not read",
            limits.max_entry_bytes
        ));
    }
    None
}

/// What the manifest expects of one entry.
struct Listed {
    size: u64,
    sha256: [u8; 32],
    /// Seen in the zip.
    seen: bool,
    /// Seen in SHA256SUMS.
    summed: bool,
}

/// The lower-case hex of a SHA-256 (as qms writes it), read back.
fn unhex(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// Reads through to a SHA-256, counting bytes.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// A reader minisign may be handed: it never seeks when not asked to print.
struct NoSeek<R>(R);

impl<R: Read> Read for NoSeek<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R> Seek for NoSeek<R> {
    fn seek(&mut self, _: std::io::SeekFrom) -> std::io::Result<u64> {
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
}

/// Streams `manifest.json` into the table of expected entries.
struct ManifestSeed<'a> {
    listed: &'a mut HashMap<Box<[u8]>, Listed>,
    duplicates: &'a mut Vec<String>,
    max_entries: u64,
    over_limit: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for ManifestSeed<'_> {
    type Value = PackInfo;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<PackInfo, D::Error> {
        d.deserialize_map(self)
    }
}

/// The keys of a [`ManifestHeader`], gathered to be read as one; any other
/// key of manifest.json but `entries` is skipped unread (a test checks the
/// list against the struct's own serialisation).
const HEADER: [&str; 7] = [
    "manifest_version",
    "tool",
    "version",
    "as_of",
    "profile",
    "organisation",
    "git",
];

impl<'de> Visitor<'de> for ManifestSeed<'_> {
    type Value = PackInfo;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a qms manifest (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PackInfo, A::Error> {
        let mut header = serde_json::Map::new();
        let mut entries = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                entries = Some(map.next_value_seed(EntriesSeed {
                    listed: &mut *self.listed,
                    duplicates: &mut *self.duplicates,
                    max_entries: self.max_entries,
                    over_limit: &mut *self.over_limit,
                })?);
            } else if HEADER.contains(&key.as_str()) {
                header.insert(key, map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(PackInfo {
            header: serde::Deserialize::deserialize(serde_json::Value::Object(header))
                .map_err(de::Error::custom)?,
            entries: entries.ok_or_else(|| de::Error::missing_field("entries"))?,
        })
    }
}

struct EntriesSeed<'a> {
    listed: &'a mut HashMap<Box<[u8]>, Listed>,
    duplicates: &'a mut Vec<String>,
    max_entries: u64,
    over_limit: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for EntriesSeed<'_> {
    type Value = usize;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EntriesSeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0usize;
        while let Some(e) = seq.next_element::<ManifestEntry>()? {
            n += 1;
            if n as u64 > self.max_entries {
                *self.over_limit = true;
                return Err(de::Error::custom(format!(
                    "it lists more than {} entries",
                    self.max_entries
                )));
            }
            let sha256 = unhex(&e.sha256).ok_or_else(|| {
                de::Error::custom(format!(
                    "`{}`: sha256 is not 64 hex digits",
                    escape(&e.path)
                ))
            })?;
            let listed = Listed {
                size: e.size,
                sha256,
                seen: false,
                summed: false,
            };
            if self
                .listed
                .insert(e.path.as_bytes().into(), listed)
                .is_some()
            {
                self.duplicates.push(escape(&e.path));
            }
        }
        Ok(n)
    }
}

/// Verifies the pack at `path` with the default limits and no key.
pub fn verify_pack(path: &Path) -> Result<VerifyReport, VerifyError> {
    verify_pack_with(path, &VerifyOptions::default())
}

/// The entries of a pass over the central directory, each with the file
/// for reading its content.
type Archive = ZipIterable<BufReader<std::fs::File>>;

/// The `index`th entry of the central directory (a new pass up to it).
fn entry_at(zip: &mut Archive, index: usize) -> zip::result::ZipResult<ZipFileEntry<'static>> {
    zip.files()?
        .nth(index)
        .unwrap_or_else(|| Err(zip::result::ZipError::FileNotFound))
}

/// Verifies the pack at `path`.
pub fn verify_pack_with(path: &Path, options: &VerifyOptions) -> Result<VerifyReport, VerifyError> {
    let shown = path.display().to_string();
    let limits = &options.limits;
    let mut file = std::fs::File::open(path).map_err(|source| VerifyError::Io {
        path: shown.clone(),
        source,
    })?;
    let mut magic = [0u8; 4];
    let starts_with_entry = file.read_exact(&mut magic).is_ok() && magic == *b"PK\x03\x04";
    let mut zip = ZipIterable::try_new(BufReader::new(file), zip::read::Config::default())
        .map_err(|e| VerifyError::NotAZip(shown.clone(), e.to_string()))?;
    let mut report = VerifyReport::new(zip.len());
    if zip.len() as u64 > limits.max_entries {
        report.too_large.push(format!(
            "the pack holds {} entries, more than the {} limit; nothing was read",
            zip.len(),
            limits.max_entries
        ));
        return Ok(report);
    }
    if !starts_with_entry {
        report.problems.push(
            "the file does not start with a zip entry: bytes were put before the pack".into(),
        );
    }

    // Pass 1, the central directory only: names, kinds, sizes, the budget.
    let mut special: [Option<usize>; 3] = [None; 3];
    let specials: [&[u8]; 3] = [b"manifest.json", b"SHA256SUMS", SIGNATURE_NAME.as_bytes()];
    let mut total = 0u64;
    let mut flagged = Vec::new();
    let files = zip
        .files()
        .map_err(|e| VerifyError::NotAZip(shown.clone(), e.to_string()))?;
    for (i, entry) in files.enumerate() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                report.problems.push(format!(
                    "entry {i} of the central directory cannot be read: {e}"
                ));
                break;
            }
        };
        total = total.saturating_add(entry.size());
        if let Some(p) = entry_problem(&entry, limits) {
            report.problems.push(p);
            flagged.push(i);
            continue;
        }
        if let Some(k) = specials.iter().position(|s| *s == entry.name_raw()) {
            if special[k].is_some() {
                report.problems.push(format!(
                    "the zip holds two entries with the same name `{}`",
                    display_name(specials[k])
                ));
            }
            special[k] = Some(i);
        }
    }
    if total > limits.max_total_bytes {
        report.too_large.push(format!(
            "the entries declare {total} bytes in all, more than the {} limit; nothing was read",
            limits.max_total_bytes
        ));
        return Ok(report);
    }

    // The manifest, streamed into the table of expected entries.
    let Some(manifest_index) = special[0] else {
        return Err(VerifyError::NotAPack(
            shown,
            "it has no manifest.json".into(),
        ));
    };
    let not_a_pack = |why: String| VerifyError::NotAPack(shown.clone(), why);
    let mut listed: HashMap<Box<[u8]>, Listed> = HashMap::new();
    let mut duplicates = Vec::new();
    let mut over_limit = false;
    let entry = entry_at(&mut zip, manifest_index)
        .map_err(|e| not_a_pack(format!("manifest.json cannot be read: {e}")))?;
    let declared = entry.size();
    let (parsed, manifest_sha) = {
        let reader = zip
            .files()
            .map_err(|e| not_a_pack(e.to_string()))?
            .reader_mut();
        let content = entry
            .with_reader(reader, ZipReadOptions::new())
            .map_err(|e| not_a_pack(format!("manifest.json cannot be read: {e}")))?;
        let mut hashing = Hashing {
            inner: content.take(declared + 1),
            hasher: Sha256::new(),
            bytes: 0,
        };
        // serde_json reads a byte at a time: buffer above the inflater.
        let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(
            64 * 1024,
            &mut hashing,
        ));
        let parsed = ManifestSeed {
            listed: &mut listed,
            duplicates: &mut duplicates,
            max_entries: limits.max_entries,
            over_limit: &mut over_limit,
        }
        .deserialize(&mut de)
        .and_then(|info| de.end().map(|()| info));
        drop(de);
        // Trailing whitespace, if any, is part of what SHA256SUMS hashes.
        let drained = std::io::copy(&mut hashing, &mut std::io::sink());
        let sha = (parsed.is_ok() && drained.is_ok() && hashing.bytes == declared)
            .then(|| <[u8; 32]>::from(hashing.hasher.finalize()));
        (parsed, sha)
    };
    let info = match parsed {
        Ok(info) => info,
        Err(e) if over_limit => {
            report.too_large.push(format!("manifest.json: {e}"));
            return Ok(report);
        }
        Err(e) => return Err(not_a_pack(format!("manifest.json does not parse: {e}"))),
    };
    for d in duplicates {
        report
            .problems
            .push(format!("manifest.json lists `{d}` twice"));
    }

    // Pass 2: every other entry streamed through SHA-256, none twice.
    let mut ranges: BTreeMap<u64, u64> = BTreeMap::new();
    let mut added: HashSet<Box<[u8]>> = HashSet::new();
    let files = zip
        .files()
        .map_err(|e| VerifyError::NotAZip(shown.clone(), e.to_string()))?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut flagged = flagged.into_iter().peekable();
    let mut i = 0usize;
    while let Some(entry) = files.next() {
        let index = i;
        i += 1;
        let Ok(entry) = entry else { break };
        if flagged.next_if_eq(&index).is_some() {
            continue;
        }
        let raw: Box<[u8]> = entry.name_raw().into();
        let shown = display_name(&raw);
        let declared = entry.size();
        let compressed = entry.compressed_size();
        let header_start = entry.header_start();
        let mut content = match entry.with_reader(files.reader_mut(), ZipReadOptions::new()) {
            Ok(c) => c,
            Err(e) => {
                report
                    .problems
                    .push(format!("`{shown}` cannot be read: {e}"));
                continue;
            }
        };
        let end = content
            .data_start()
            .unwrap_or(header_start)
            .saturating_add(compressed);
        let before = ranges.range(..=header_start).next_back();
        let after = ranges.range(header_start..).next();
        if before.is_some_and(|(_, e)| *e > header_start) || after.is_some_and(|(s, _)| *s < end) {
            report.problems.push(format!(
                "`{shown}` shares its bytes with another entry (a zip bomb or a hidden entry); not read"
            ));
            continue;
        }
        ranges.insert(header_start, end);
        if content
            .extra_data_fields()
            .any(|f| matches!(f, zip::ExtraField::UnicodePath(_)))
        {
            report.problems.push(format!(
                "`{shown}` carries a second name (a Unicode path field) that extractors would use"
            ));
            continue;
        }
        if special.contains(&Some(index)) {
            continue;
        }
        let mut hasher = Sha256::new();
        let mut n = 0u64;
        let mut limited = (&mut content).take(declared + 1);
        let read = loop {
            match limited.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(k) => {
                    n += k as u64;
                    hasher.update(&buf[..k]);
                }
                Err(e) => break Err(e),
            }
        };
        let actual = read.ok().filter(|()| n == declared).map(|()| {
            let sha: [u8; 32] = hasher.finalize().into();
            sha
        });
        match listed.get_mut(&raw) {
            None if !added.insert(raw) => report.problems.push(format!(
                "the zip holds two entries with the same name `{shown}`"
            )),
            None => report.added.push(shown),
            Some(l) if l.seen => report.problems.push(format!(
                "the zip holds two entries with the same name `{shown}`"
            )),
            Some(l) => {
                l.seen = true;
                if actual != Some(l.sha256) || n != l.size {
                    report.changed.push(shown);
                }
            }
        }
    }

    // SHA256SUMS must list exactly the manifest's entries with its hashes,
    // and the manifest itself with the hash it has.
    report.manifest_consistent = match (special[1], manifest_sha) {
        (Some(index), Some(manifest_sha)) => {
            sums_agree(&mut zip, index, &mut listed, &manifest_sha).unwrap_or(false)
        }
        _ => false,
    };
    let mut removed: Vec<String> = listed
        .iter()
        .filter(|(_, l)| !l.seen)
        .map(|(name, _)| display_name(name))
        .collect();
    removed.sort();
    report.removed = removed;
    report.changed.sort();
    report.added.sort();
    report.manifest = Some(info);
    if let Some(index) = special[2] {
        report.signature = check_signature(&mut zip, index, manifest_index, options.key.as_ref());
    }
    Ok(report)
}

/// Whether SHA256SUMS (entry `index`) lists each entry of `listed` once with
/// its hash, and manifest.json with `manifest_sha`, and nothing else.
fn sums_agree(
    zip: &mut Archive,
    index: usize,
    listed: &mut HashMap<Box<[u8]>, Listed>,
    manifest_sha: &[u8; 32],
) -> zip::result::ZipResult<bool> {
    let entry = entry_at(zip, index)?;
    let declared = entry.size();
    let content = entry.with_reader(zip.files()?.reader_mut(), ZipReadOptions::new())?;
    // One byte past the declared size: reading to the end checks the CRC.
    let mut reader = BufReader::new(content.take(declared + 1));
    let mut line = Vec::new();
    let mut manifest_seen = false;
    let mut bytes = 0u64;
    loop {
        line.clear();
        let n = (&mut reader)
            .take(MAX_SUMS_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        if line.pop() != Some(b'\n') {
            return Ok(false);
        }
        let (Some(sha), Some(b"  ")) = (
            line.get(..64)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(unhex),
            line.get(64..66),
        ) else {
            return Ok(false);
        };
        let name = &line[66..];
        if name == b"manifest.json" {
            if manifest_seen || sha != *manifest_sha {
                return Ok(false);
            }
            manifest_seen = true;
            continue;
        }
        match listed.get_mut(name) {
            Some(l) if !l.summed && l.sha256 == sha => l.summed = true,
            _ => return Ok(false),
        }
    }
    Ok(bytes == declared && manifest_seen && listed.values().all(|l| l.summed))
}

/// Checks `manifest.json.minisig` (entry `index`) against manifest.json
/// (entry `manifest_index`) with `key`, if one is given.
fn check_signature(
    zip: &mut Archive,
    index: usize,
    manifest_index: usize,
    key: Option<&minisign::PublicKey>,
) -> Signature {
    let invalid = |key_id: Option<String>, reason: String| Signature::Invalid { key_id, reason };
    let text = (|| -> Result<String, String> {
        let entry = entry_at(zip, index).map_err(|e| e.to_string())?;
        if entry.size() > MAX_SIGNATURE_SIZE {
            return Err(format!(
                "{SIGNATURE_NAME} is larger than {MAX_SIGNATURE_SIZE} bytes"
            ));
        }
        let reader = zip.files().map_err(|e| e.to_string())?.reader_mut();
        let content = entry
            .with_reader(reader, ZipReadOptions::new())
            .map_err(|e| e.to_string())?;
        let mut text = String::new();
        content
            .take(MAX_SIGNATURE_SIZE)
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        Ok(text)
    })();
    let text = match text {
        Ok(t) => t,
        Err(e) => return invalid(None, format!("{SIGNATURE_NAME} cannot be read: {e}")),
    };
    let sig = match minisign::SignatureBox::from_string(&text) {
        Ok(s) => s,
        Err(e) => return invalid(None, format!("{SIGNATURE_NAME} does not parse: {e}")),
    };
    let signer = key_id(sig.keynum());
    let Some(key) = key else {
        return Signature::NotChecked { key_id: signer };
    };
    let cannot = |e: zip::result::ZipError| {
        invalid(
            Some(signer.clone()),
            format!("manifest.json cannot be read: {e}"),
        )
    };
    let entry = match entry_at(zip, manifest_index) {
        Ok(e) => e,
        Err(e) => return cannot(e),
    };
    let files = match zip.files() {
        Ok(f) => f,
        Err(e) => return cannot(e),
    };
    let manifest = match entry.with_reader(files.reader_mut(), ZipReadOptions::new()) {
        Ok(m) => m,
        Err(e) => return cannot(e),
    };
    match minisign::verify(key, &sig, NoSeek(manifest), true, false, false) {
        Ok(()) => Signature::Valid {
            key_id: signer,
            trusted_comment: sig
                .trusted_comment()
                .map(|c| escape(&c))
                .unwrap_or_default(),
        },
        Err(e) => invalid(Some(signer), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_header_keys_are_the_manifest_headers_fields() {
        let header = crate::pack::ManifestHeader {
            manifest_version: 1,
            tool: "qms".into(),
            version: "0.1.0".into(),
            as_of: "2012-06-30".into(),
            profile: "iso9001:2015".into(),
            organisation: "Mỹ An".into(),
            git: Some(crate::pack::GitInfo {
                commit: "0".repeat(40),
                clean: true,
            }),
        };
        let value = serde_json::to_value(&header).expect("serialises");
        let mut keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = super::HEADER.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }

    use super::*;
    use crate::pack::hex;

    #[test]
    fn names_are_shown_escaped() {
        assert_eq!(display_name(b"qms/\x80.md"), "qms/\\x80.md");
        assert_eq!(
            display_name("a\x1b[31m\u{b}b".as_bytes()),
            "a\\x1b[31m\\x0bb"
        );
        assert_eq!(display_name("x\\y\u{85}".as_bytes()), "x\\\\y\\u{85}");
        assert_eq!(escape("Mỹ An"), "Mỹ An");
    }

    #[test]
    fn hex_reads_back() {
        let sha: [u8; 32] = Sha256::digest(b"x").into();
        assert_eq!(unhex(&hex(&sha)), Some(sha));
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex(&"g".repeat(64)), None);
        assert_eq!(unhex(&hex(&sha).to_uppercase()), None);
    }
}
