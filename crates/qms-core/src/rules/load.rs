//! Explanations of the `LOAD` findings, which the loader raises itself.

pub(crate) const LOAD001: &str = "\
A file the QMS needs could not be read: the operating system refused it, a
symbolic link is broken, or the bytes are not UTF-8. Every QMS file is UTF-8
text; a file saved in a legacy Vietnamese encoding (TCVN3, VNI) shows up here.

Why: documented information must stay legible and retrievable (ISO 9001:2015
7.5.3.1). A file the tool cannot read is a file an auditor cannot read either.

Fix: check the file's permissions, or re-save it as UTF-8.";

pub(crate) const LOAD002: &str = "\
A TOML file (qms.toml, records.toml, a nonconformity, action, audit or review,
or a document's front matter) does not parse, or does not fit its format: a
syntax error, a key the format does not have, a value of the wrong type, an
unknown enumeration value, or a missing required key. The finding points at
the offending text.

Why: an unknown key is usually a typo (`aproved_by`), and a typo must not
silently drop information the checks rely on.

Example: `revision = \"two\"` where a whole number is expected.

Fix: correct the value as the message says; docs/formats.md lists every key.";

pub(crate) const LOAD003: &str = "\
A controlled document under documents/ must begin with TOML front matter: a
line holding only `+++`, the fields, and another `+++` line. This finding
means the first line is not `+++`, or the closing `+++` is missing.

Why: the front matter carries the document's identification, revision and
approval (ISO 9001:2015 7.5.2); without it the document is uncontrolled.

Fix: add the front matter (see docs/formats.md) or close it.";

pub(crate) const LOAD004: &str = "\
A symbolic link inside the QMS directory points outside it, or a path in a
file leads out of it (`../`, an absolute path). qms never reads outside the
directory it checks, so that a check, a report and an evidence pack describe
exactly what is in the repository.

Why: evidence that lives outside the controlled repository is not under
version control and cannot be verified (ISO 9001:2015 7.5.3).

Fix: copy the file into the QMS directory and point at the copy.";

pub(crate) const LOAD005: &str = "\
The `[checks]` table of qms.toml sets rule levels: each key is a rule code
(`DOC004`) and each value is `error`, `warning` or `off`. This finding means a
key is not a known rule code or a value is not one of the three levels.

Why: a misspelt code would silently leave the rule at its default level.

Fix: `qms explain` lists every code; use one of error, warning, off.";

pub(crate) const LOAD006: &str = "\
The directory has no qms.toml. Every QMS directory starts with qms.toml: the
organisation, the scope and the profile (the standard checked against).

Why: the scope of the QMS is mandatory documented information (ISO 9001:2015
4.3); without it nothing else can be judged.

Fix: create qms.toml with `[organisation] name` and `[scope] statement`, or
point qms at the right directory.";
