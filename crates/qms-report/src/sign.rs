//! Signing the evidence pack: minisign-compatible Ed25519 keys.
//!
//! `qms pack --sign KEY` signs `manifest.json` with a minisign secret key and
//! puts the signature in the pack as [`SIGNATURE_NAME`]; because the manifest
//! holds every other entry's SHA-256, the signature covers the whole pack.
//! The files are minisign's own (the `minisign` crate, by minisign's
//! author), so `minisign -Vm manifest.json -p KEY.pub` verifies an extracted
//! pack too. A secret key is either encrypted with a password (scrypt, as
//! minisign does) or, for a CI runner with no one to type it, stored
//! without one: then the file's permissions (0600) are its only protection.

use std::io::Read;
use std::path::Path;

/// The signature's name inside the pack.
pub const SIGNATURE_NAME: &str = "manifest.json.minisig";

/// Why a key could not be made, read or used.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The key file cannot be read.
    #[error("cannot read the key {path}: {source}")]
    Io {
        /// The key file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The key file is not a minisign key, or the password is wrong.
    #[error("{path}: {message}")]
    Key {
        /// The key file.
        path: String,
        /// What minisign said.
        message: String,
    },
    /// minisign failed to make a key or a signature.
    #[error("{0}")]
    Minisign(String),
}

/// A minisign key id as minisign prints it: 16 upper-case hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut le = [0u8; 8];
    for (d, s) in le.iter_mut().zip(keynum) {
        *d = *s;
    }
    format!("{:016X}", u64::from_le_bytes(le))
}

/// A new key pair, as the text of its two files.
#[derive(Debug, Clone)]
pub struct KeyFiles {
    /// The public key file (`KEY.pub`), to give to whoever verifies.
    pub public: String,
    /// The secret key file (`KEY.key`), to keep.
    pub secret: String,
    /// The key id both name.
    pub key_id: String,
}

/// Makes a key pair; the secret key is encrypted with `password`, or not
/// encrypted at all when there is none.
pub fn generate(password: Option<String>) -> Result<KeyFiles, SignError> {
    let m = |e: minisign::PError| SignError::Minisign(e.to_string());
    let pair = match password {
        Some(p) => minisign::KeyPair::generate_encrypted_keypair(Some(p)),
        None => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(m)?;
    let id = key_id(pair.pk.keynum());
    Ok(KeyFiles {
        public: pair.pk.to_box().map_err(m)?.into_string(),
        secret: pair
            .sk
            .to_box(Some(&format!("qms secret key {id}")))
            .map_err(m)?
            .into_string(),
        key_id: id,
    })
}

/// A secret key ready to sign with, and its public half.
#[derive(Debug, Clone)]
pub struct Signer {
    secret: minisign::SecretKey,
    public: minisign::PublicKey,
}

impl Signer {
    /// Reads a minisign secret key file, decrypting it with `password` if
    /// it is encrypted.
    pub fn from_file(path: &Path, password: Option<String>) -> Result<Signer, SignError> {
        let (shown, text) = read_key_file(path)?;
        let key_error = |message: String| SignError::Key {
            path: shown.clone(),
            message,
        };
        let sk_box =
            minisign::SecretKeyBox::from_string(&text).map_err(|e| key_error(e.to_string()))?;
        let hint = if password.is_some() {
            ""
        } else {
            "; if it is encrypted, give its password (QMS_KEY_PASSWORD)"
        };
        let secret = match password {
            Some(p) => minisign::SecretKey::from_box(sk_box, Some(p)),
            None => minisign::SecretKey::from_unencrypted_box(sk_box),
        }
        .map_err(|e| key_error(format!("not a usable minisign secret key ({e}){hint}")))?;
        if secret.is_encrypted() {
            return Err(key_error(
                "the key is encrypted: give its password (QMS_KEY_PASSWORD)".into(),
            ));
        }
        let public =
            minisign::PublicKey::from_secret_key(&secret).map_err(|e| key_error(e.to_string()))?;
        Ok(Signer { secret, public })
    }

    /// The key id.
    pub fn key_id(&self) -> String {
        key_id(self.public.keynum())
    }

    /// The signature file of `data` (minisign's text format), with
    /// `trusted_comment` signed along.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> Result<String, SignError> {
        minisign::sign(
            Some(&self.public),
            &self.secret,
            data,
            Some(trusted_comment),
            Some(&format!("signature from qms secret key {}", self.key_id())),
        )
        .map(|b| b.into_string())
        .map_err(|e| SignError::Minisign(e.to_string()))
    }
}

/// A key file's text (at most 64 KiB: a key is a few lines) and its path
/// as shown in messages.
fn read_key_file(path: &Path) -> Result<(String, String), SignError> {
    let shown = path.display().to_string();
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64 * 1024).read_to_string(&mut text))
        .map_err(|source| SignError::Io {
            path: shown.clone(),
            source,
        })?;
    Ok((shown, text))
}

/// Reads a minisign public key file (`KEY.pub`), or the key itself in base64.
pub fn read_public_key(path: &Path) -> Result<minisign::PublicKey, SignError> {
    let (shown, text) = read_key_file(path)?;
    let parsed = if text.trim_start().starts_with("untrusted comment:") {
        minisign::PublicKeyBox::from_string(&text).and_then(|b| b.into_public_key())
    } else {
        minisign::PublicKey::from_base64(text.trim())
    };
    parsed.map_err(|e| SignError::Key {
        path: shown,
        message: format!("not a minisign public key ({e})"),
    })
}
