//! Failures as a user reads them: one sentence on stderr, and an exit code a
//! script can branch on (0 ok, 1 error, 2 usage, 3 auth, 4 not found).

use aethex_sdk::Error as SdkError;

/// Exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Anything else that went wrong.
    Error = 1,
    /// The command line itself is wrong.
    Usage = 2,
    /// Not logged in, token expired or revoked, or a missing scope.
    Auth = 3,
    /// The thing asked for does not exist.
    NotFound = 4,
}

/// A failure with its exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CliError {
    /// Which exit code.
    pub exit: Exit,
    /// The sentence.
    pub message: String,
}

impl CliError {
    /// A general failure.
    pub fn other(message: impl Into<String>) -> Self {
        Self { exit: Exit::Error, message: message.into() }
    }
    /// A usage error the parser could not catch.
    pub fn usage(message: impl Into<String>) -> Self {
        Self { exit: Exit::Usage, message: message.into() }
    }
    /// An authentication problem.
    pub fn auth(message: impl Into<String>) -> Self {
        Self { exit: Exit::Auth, message: message.into() }
    }
    /// Print and return the exit code.
    pub fn report(&self) -> i32 {
        eprintln!("aethex: {}", self.message);
        self.exit as i32
    }
}

impl From<SdkError> for CliError {
    fn from(e: SdkError) -> Self {
        match e {
            SdkError::Unauthorized { message } => Self::auth(format!("not authorized ({message}); run `aethex login`")),
            SdkError::Forbidden { message } => Self::auth(format!("not allowed: {message}")),
            SdkError::NotFound { message } => Self { exit: Exit::NotFound, message },
            SdkError::RateLimited { retry_after } => {
                Self::other(format!("rate limited by the server; try again in {} s", retry_after.as_secs().max(1)))
            }
            SdkError::Transport(t) => {
                let what = if t.is_connect() || t.is_timeout() {
                    "could not reach the server"
                } else {
                    "the connection failed"
                };
                let at = t.url().map(|u| format!(" at {}", u.origin().ascii_serialization())).unwrap_or_default();
                Self::other(format!("{what}{at}"))
            }
            SdkError::Invalid { message } => Self::other(format!("the server refused: {message}")),
            SdkError::OAuth { error, description } => Self::auth(format!("{error}: {description}")),
            SdkError::AccessDenied => Self::auth("the login was denied in the browser"),
            SdkError::DeviceCodeExpired => {
                Self::auth("the login code expired before it was approved; run `aethex login` again")
            }
            other => Self::other(other.to_string()),
        }
    }
}

impl From<aethex_sdk::credentials::CredentialError> for CliError {
    fn from(e: aethex_sdk::credentials::CredentialError) -> Self {
        Self::other(format!("token storage: {e}"))
    }
}

/// Result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;
