//! New files from templates: a whole new QMS ([`init`]) and one new
//! nonconformity, action, audit, review or document ([`create`]).

mod init;
mod new;

pub use init::{InitLang, init};
pub use new::{NewError, NewKind, create, next_id};
