//! New files from templates: a whole new QMS ([`init()`]) and one new
//! nonconformity, action, audit, review or document ([`new_file()`]), in
//! the QMS's language and with its id prefixes.
//!
//! Like the rest of the library, this module never writes: it returns each
//! file as a [`NewFile`] (a relative path and its text) and the caller puts
//! it on disk. The `qms` CLI writes them atomically and never over an
//! existing file.

mod file;
mod ids;
mod init;
mod new;
mod templates;

pub use file::NewFile;
pub use init::{InitLang, init};
pub use new::{NewKind, new_file, next_id};
