//! Password hashing (argon2id) and the rules a new password must meet.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

pub const MIN_LENGTH: usize = 10;

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of nothing anyone can type, verified against when the email is unknown so that
/// sign-in takes as long either way and gives no hint whether an account exists.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored =
        DUMMY.get_or_init(|| hash("not a real password, never matches").unwrap_or_default());
    let _ = verify(password, stored);
}

/// Why a new password can't be used, in words for the form; `None` when it is fine.
/// Common and guessable passwords are found with zxcvbn's dictionaries, which include the
/// well-known leaked-password lists; the user's own email and name count against it.
pub fn problem_with(password: &str, email: &str, display_name: &str) -> Option<String> {
    if password.chars().count() < MIN_LENGTH {
        return Some(format!("Use at least {MIN_LENGTH} characters."));
    }
    if password.len() > 1024 {
        return Some("That password is too long.".into());
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let squashed = squash(password);
    let local = squash(email.split('@').next().unwrap_or(""));
    let name = squash(display_name);
    if (local.chars().count() >= 4 && squashed.contains(&local))
        || (name.chars().count() >= 4 && squashed.contains(&name))
    {
        return Some("Don't use your name or email address in your password.".into());
    }
    let inputs: Vec<&str> = email
        .split(['@', '.'])
        .chain(display_name.split_whitespace())
        .chain(["commonroom", "teaching", "assistant", "school"])
        .filter(|s| !s.is_empty())
        .collect();
    let strength = zxcvbn::zxcvbn(password, &inputs);
    if (strength.score() as u8) < 3 {
        return Some(
            "That password is too common or easy to guess. Try three or four unrelated words."
                .into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_wrong_passwords_fail() {
        let h = hash("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", &h));
        assert!(!verify("correct horse battery stapler", &h));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert!(problem_with("short", "a@b.example", "A").is_some());
        assert!(problem_with("password123", "a@b.example", "A").is_some());
        assert!(problem_with("qwertyuiop", "a@b.example", "A").is_some());
        assert!(problem_with("1234567890", "a@b.example", "A").is_some());
        assert!(problem_with("janesmith2024", "jane.smith@school.example", "Jane Smith").is_some());
        assert!(problem_with("violet lantern orchard 42", "a@b.example", "A").is_none());
    }
}
