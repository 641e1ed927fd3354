//! The layered configuration as a user meets it: which layer wins, and that every refusal is one
//! line naming where the bad value came from.

use std::path::Path;

use super::*;
use crate::notify::MailSettings;

fn inputs(
    file: Option<&Path>,
    env: &[(&str, &str)],
    flags: &[(&'static str, &str)],
    secret: SecretPolicy,
) -> ConfigInputs {
    ConfigInputs {
        config_file: file.map(Path::to_path_buf),
        env: env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        flags: flags.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        secret,
    }
}

#[test]
fn defaults_then_file_then_env_then_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ahual.toml");
    std::fs::write(&file, "k = 12\nbind = \"0.0.0.0:9000\"\nlog = \"warn\"\n").unwrap();
    let s = Settings::load(&inputs(
        Some(&file),
        &[("AHUAL_K", "15")],
        &[("bind", "127.0.0.1:7000")],
        SecretPolicy::NotNeeded,
    ))
    .unwrap();
    assert_eq!(s.k.get(), 15, "environment beats the file");
    assert_eq!(s.bind, "127.0.0.1:7000", "flags beat everything");
    assert_eq!(s.log, "warn", "the file beats defaults");
    assert_eq!(s.database_url, DatabaseUrl::Sqlite("ahual.db".into()));
    assert!(!s.secure_cookies());
}

#[test]
fn k_below_five_is_refused_naming_its_source() {
    let err = Settings::load(&inputs(None, &[("AHUAL_K", "3")], &[], SecretPolicy::NotNeeded)).unwrap_err();
    let line = err.to_string();
    assert!(line.contains("AHUAL_K") && line.contains("at least 5"), "{line}");
    assert!(!line.contains('\n'));
    let err = Settings::load(&inputs(None, &[], &[("k", "4")], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("--k"), "{err}");
}

#[test]
fn unknown_file_keys_and_bad_values_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ahual.toml");
    std::fs::write(&file, "databse_url = \"x\"\n").unwrap();
    let err = Settings::load(&inputs(Some(&file), &[], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("unknown setting `databse_url`"), "{err}");
    let err = Settings::load(&inputs(None, &[("AHUAL_DATABASE_URL", "mysql://x")], &[], SecretPolicy::NotNeeded))
        .unwrap_err();
    assert!(err.to_string().contains("AHUAL_DATABASE_URL"), "{err}");
    let err = Settings::load(&inputs(None, &[("AHUAL_BIND", "nowhere")], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("host:port"), "{err}");
}

#[test]
fn the_secret_key_is_required_outside_demo_and_generated_in_demo() {
    let err = Settings::load(&inputs(None, &[], &[], SecretPolicy::Required)).unwrap_err();
    assert!(err.to_string().contains("AHUAL_SECRET_KEY"), "{err}");
    let demo = Settings::load(&inputs(None, &[], &[], SecretPolicy::GenerateIfMissing)).unwrap();
    assert!(demo.secret_key_generated && demo.secret_key.is_some());
    let given = "cd".repeat(64);
    let s = Settings::load(&inputs(None, &[("AHUAL_SECRET_KEY", &given)], &[], SecretPolicy::Required)).unwrap();
    assert!(!s.secret_key_generated);
    let bad = Settings::load(&inputs(None, &[("AHUAL_SECRET_KEY", "short")], &[], SecretPolicy::Required)).unwrap_err();
    assert!(!bad.to_string().contains("short"), "the secret itself is never echoed: {bad}");
}

#[test]
fn notifications_are_off_by_default_and_checked_when_set() {
    let s = Settings::load(&inputs(None, &[], &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(s.notify.mail, MailSettings::Off);
    assert!(s.notify.webhook.is_none());
    let env = [("AHUAL_MAIL_DIR", "/tmp/mail"), ("AHUAL_WEBHOOK_URL", "https://hooks.example/x")];
    let err = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("webhook_secret"), "{err}");
    let env = [
        ("AHUAL_MAIL_DIR", "/tmp/mail"),
        ("AHUAL_WEBHOOK_URL", "https://hooks.example/x"),
        ("AHUAL_WEBHOOK_SECRET", "0123456789abcdef"),
    ];
    let s = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(s.notify.mail, MailSettings::Folder("/tmp/mail".into()));
    assert_eq!(s.notify.webhook.unwrap().url, "https://hooks.example/x");
    let env = [("AHUAL_MAIL_DIR", "/tmp/mail"), ("AHUAL_SMTP_URL", "smtp://mail.local")];
    let err = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("choose one"), "{err}");
    let err =
        Settings::load(&inputs(None, &[("AHUAL_SMTP_URL", "mail.local")], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("smtp://"), "{err}");
}

#[test]
fn a_bad_value_in_the_file_names_the_file_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ahual.toml");
    std::fs::write(&file, "k = 3\n").unwrap();
    let err = Settings::load(&inputs(Some(&file), &[], &[], SecretPolicy::NotNeeded)).unwrap_err();
    let line = err.to_string();
    assert!(line.contains(&format!("{}: k = \"3\"", file.display())) && line.contains("at least 5"), "{line}");
    std::fs::write(&file, "k = true\n").unwrap();
    let err = Settings::load(&inputs(Some(&file), &[], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("expected a string or a number"), "{err}");
    assert!(err.to_string().contains(&file.display().to_string()), "{err}");
}

#[test]
fn a_named_file_must_exist_and_parse() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.toml");
    let err = Settings::load(&inputs(Some(&missing), &[], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("absent.toml: cannot read"), "{err}");
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "k = \n").unwrap();
    let err = Settings::load(&inputs(Some(&broken), &[], &[], SecretPolicy::NotNeeded)).unwrap_err();
    let line = err.to_string();
    assert!(line.starts_with(&format!("configuration: {}: ", broken.display())) && !line.contains('\n'), "{line}");
}

#[test]
fn environment_values_stay_text_whatever_they_look_like() {
    // A key of digits only would become a number, and lose its leading zeros, if the environment
    // were parsed as values.
    let digits = "0".repeat(8) + &"1".repeat(120);
    let s = Settings::load(&inputs(None, &[("AHUAL_SECRET_KEY", &digits)], &[], SecretPolicy::Required)).unwrap();
    assert_eq!(s.secret_key.unwrap().bytes()[..4], [0, 0, 0, 0]);
    let s = Settings::load(&inputs(None, &[("AHUAL_LOG", "[1, 2]")], &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(s.log, "[1, 2]");
}

#[test]
fn other_ahual_variables_are_not_settings() {
    let env = [("AHUAL_TEST_POSTGRES_URL", "postgres://x"), ("AHUAL_BIN", "/bin/x")];
    let s = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(s.database_url, DatabaseUrl::Sqlite("ahual.db".into()));
}

#[test]
fn a_setting_that_needs_another_names_where_it_was_set() {
    let err =
        Settings::load(&inputs(None, &[("AHUAL_WEBHOOK_SECRET", "0123456789abcdef")], &[], SecretPolicy::NotNeeded))
            .unwrap_err();
    assert!(err.to_string().contains("webhook_secret (AHUAL_WEBHOOK_SECRET) is set without webhook_url"), "{err}");
    let err = Settings::load(&inputs(None, &[], &[("k", "x")], SecretPolicy::NotNeeded)).unwrap_err();
    assert_eq!(err.to_string(), "configuration: --k = \"x\": k must be a whole number");
}

#[test]
fn pool_sizes_default_per_backend_and_background_work_defaults_to_on() {
    let lite = Settings::load(&inputs(None, &[], &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!((lite.pool_size, lite.background), (8, true));
    let env = [("AHUAL_DATABASE_URL", "postgres://db.local/ahual")];
    let pg = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(pg.pool_size, 16);
    let env = [("AHUAL_POOL_SIZE", "3"), ("AHUAL_BACKGROUND", "off")];
    let set = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!((set.pool_size, set.background), (3, false));
    let err = Settings::load(&inputs(None, &[("AHUAL_POOL_SIZE", "0")], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("AHUAL_POOL_SIZE"), "{err}");
    let err =
        Settings::load(&inputs(None, &[("AHUAL_BACKGROUND", "maybe")], &[], SecretPolicy::NotNeeded)).unwrap_err();
    assert!(err.to_string().contains("on or off"), "{err}");
}

#[test]
fn trust_box_words_are_kept_ninety_days_unless_set_within_bounds() {
    let default = Settings::load(&inputs(None, &[], &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(default.trust_texts_kept.get(), 90);
    let env = [("AHUAL_TRUST_TEXTS_DAYS", "30")];
    let set = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(set.trust_texts_kept.get(), 30);
    for bad in ["0", "-5", "forever", "3651"] {
        let env = [("AHUAL_TRUST_TEXTS_DAYS", bad)];
        let err = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("AHUAL_TRUST_TEXTS_DAYS") && err.to_string().contains("1 to 3650"), "{err}");
    }
}

#[test]
fn without_a_public_address_links_use_the_address_bound() {
    let bound = |flags: &[(&'static str, &str)]| {
        Settings::load(&inputs(None, &[], flags, SecretPolicy::NotNeeded)).unwrap().public_url
    };
    assert_eq!(bound(&[]), "http://127.0.0.1:8080", "the default bind");
    assert_eq!(bound(&[("bind", "127.0.0.1:9000")]), "http://127.0.0.1:9000", "the port of --bind");
    assert_eq!(bound(&[("bind", "0.0.0.0:9000")]), "http://127.0.0.1:9000", "a wildcard host is not an address");
    let given = [("bind", "127.0.0.1:9000"), ("public_url", "https://ahual.example.kz/")];
    assert_eq!(bound(&given), "https://ahual.example.kz", "a configured address wins");
    assert_eq!(public_url_of_bind("[::1]:7000"), "http://[::1]:7000");
}

#[test]
fn a_second_factor_is_required_of_admins_and_centres_unless_set_for_everyone() {
    use crate::domain::second_factor::SecondFactorPolicy;
    let default = Settings::load(&inputs(None, &[], &[], SecretPolicy::NotNeeded)).unwrap();
    assert_eq!(default.second_factor, SecondFactorPolicy::AdminsAndCentres);
    let env = [("AHUAL_SECOND_FACTOR", "everyone")];
    assert_eq!(
        Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap().second_factor,
        SecondFactorPolicy::Everyone
    );
    for bad in ["nobody", "", "EVERYONE"] {
        let env = [("AHUAL_SECOND_FACTOR", bad)];
        let err = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("AHUAL_SECOND_FACTOR") && err.to_string().contains("everyone"), "{err}");
    }
}
