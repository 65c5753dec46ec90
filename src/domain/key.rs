//! The BGP shared key (§6). CONTRACT: the type below is shared with `emit`; parsing is added here.

use super::findings::Code;
use std::fmt;
use std::str::FromStr;

/// 1-25 ASCII letters and digits. Deliberately no `Display`, so it is never formatted by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SharedKey(String);

impl SharedKey {
    /// TF's and the service's documented limit (§6).
    pub const MAX_LEN: usize = 25;

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// §6 policy: 1-25 characters, `[A-Za-z0-9]` only. Never trimmed: a space is `key.charset`.
    /// Messages never repeat the key (it is a secret); they give a position instead.
    pub fn parse(text: &str) -> Result<SharedKey, KeyError> {
        let chars = text.chars().count();
        if chars == 0 || chars > Self::MAX_LEN {
            return Err(KeyError::Length { chars });
        }
        if let Some((index, ch)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            return Err(KeyError::Charset {
                position: index + 1,
                whitespace: ch.is_whitespace(),
            });
        }
        Ok(SharedKey(text.to_string()))
    }

    /// Warning `key.leading_digit`: Cisco IOS reads a leading digit as an encryption type (§6).
    pub fn starts_with_digit(&self) -> bool {
        self.0.starts_with(|c: char| c.is_ascii_digit())
    }
}

impl FromStr for SharedKey {
    type Err = KeyError;
    fn from_str(text: &str) -> Result<SharedKey, KeyError> {
        SharedKey::parse(text)
    }
}

impl std::fmt::Debug for SharedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedKey(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// 0 or more than 25 characters.
    Length { chars: usize },
    /// 1-based position of the first character that is not an ASCII letter or digit.
    Charset { position: usize, whitespace: bool },
}

impl KeyError {
    pub fn code(&self) -> Code {
        match self {
            KeyError::Length { .. } => Code::KeyLength,
            KeyError::Charset { .. } => Code::KeyCharset,
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Length { chars: 0 } => f.write_str(
                "the shared key is empty: type 1 to 25 letters and digits, or leave the key out.",
            ),
            KeyError::Length { chars } => write!(
                f,
                "the shared key has {chars} characters: use 1 to 25 letters and digits (it is the BGP password itself, not an MD5 digest)."
            ),
            KeyError::Charset { position, whitespace: true } => write!(
                f,
                "the shared key has a space or other blank at character {position}: use only letters and digits (A-Z, a-z, 0-9); the key is never trimmed."
            ),
            KeyError::Charset { position, whitespace: false } => write!(
                f,
                "the shared key has a character that is not an ASCII letter or digit at position {position}: use only A-Z, a-z and 0-9 (special characters are not supported)."
            ),
        }
    }
}

impl std::error::Error for KeyError {}

/// The message of `key.leading_digit`.
pub const LEADING_DIGIT_MESSAGE: &str =
    "the shared key starts with a digit: Cisco IOS reads a leading digit as an encryption type; start the key with a letter.";
