//! `ahual user add|passwd`: staff accounts from the command line (the first admin, or a reset).
//! Passwords are read from the terminal without echo, or from one line of standard input. Both actions
//! are audited as `cli`.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;

use super::{Cli, setup};
use crate::config::SecretPolicy;
use crate::db::{account_changes, schools, users};
use crate::domain::account::{Role, RoleScope};
use crate::domain::audit::Actor;
use crate::domain::organisation::Invalid;
use crate::domain::organisation::{Email, Login, SchoolCode, parse_name};
use crate::domain::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, check_password, hash_password};
use crate::domain::region::RegionCode;
use crate::notify::NotifyPlan;

/// Account actions.
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account; the password is asked for (or read from stdin)
    Add {
        /// Login name (3-40 characters a-z 0-9 . _ -)
        login: String,
        /// admin | centre_staff | psychologist
        #[arg(long)]
        role: String,
        /// School code, for a psychologist
        #[arg(long)]
        school: Option<String>,
        /// Region code, for centre staff (see `ahual import --help`)
        #[arg(long)]
        region: Option<String>,
        /// Name shown in the interface
        #[arg(long)]
        name: String,
        /// Contact e-mail
        #[arg(long)]
        email: Option<String>,
    },
    /// Set a new password for an account; its sessions end
    Passwd {
        /// Login name
        login: String,
    },
    /// Remove an account's second factor (a lost phone, or the last administrator locked out); its
    /// sessions end and it must enrol a new one at its next sign-in
    ResetSecondFactor {
        /// Login name
        login: String,
    },
}

/// Reads a password for the account `login` and checks the rule (with the login as a known word).
fn read_password(login: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Password (at least {MIN_PASSWORD_CHARS} characters): "))?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    match check_password(&password, &[login]) {
        Ok(()) => {}
        Err(Invalid("password-too-guessable")) => bail!(
            "the password is too easy to guess (a common or breached password, a word, a name, a keyboard or repeated pattern, or the login); use a longer phrase of unrelated words"
        ),
        Err(Invalid("password-too-long")) => bail!("the password must have at most {MAX_PASSWORD_CHARS} characters"),
        Err(_) => bail!("the password must have at least {MIN_PASSWORD_CHARS} characters"),
    }
    Ok(password)
}

/// Runs a user action.
pub fn run(cli: &Cli, action: &UserCommand) -> anyhow::Result<ExitCode> {
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    match action {
        UserCommand::Add { login, role, school, region, name, email } => {
            let login =
                Login::parse(login).map_err(|_| anyhow::anyhow!("login: use 3-40 characters a-z, 0-9, . _ -"))?;
            let display_name = parse_name(name).map_err(|_| anyhow::anyhow!("--name must not be empty"))?;
            let email = match email {
                Some(e) => Some(
                    Email::parse(e).map_err(|_| anyhow::anyhow!("--email: not an e-mail address"))?.as_str().to_owned(),
                ),
                None => None,
            };
            let scope = match (Role::parse(role), school, region) {
                (Some(Role::Admin), None, None) => RoleScope::Admin,
                (Some(Role::National), None, None) => RoleScope::National,
                (Some(Role::CentreStaff), None, Some(r)) => RoleScope::CentreStaff(
                    RegionCode::parse(r).with_context(|| format!("--region {r}: not a built-in region code"))?,
                ),
                (Some(Role::Psychologist), Some(s), None) => {
                    let code = SchoolCode::parse(s).map_err(|_| anyhow::anyhow!("--school {s}: not a school code"))?;
                    RoleScope::Psychologist(
                        schools::find_by_code(&mut conn, &code).with_context(|| format!("school {code} not found"))?.id,
                    )
                }
                (None, _, _) => bail!("--role must be admin, centre_staff, psychologist or national"),
                _ => {
                    bail!("admin and national take no scope; centre_staff needs --region; psychologist needs --school")
                }
            };
            let hash =
                hash_password(&read_password(login.as_str())?).map_err(|e| anyhow::anyhow!("cannot hash: {e}"))?;
            let fields = crate::domain::account::UserFields {
                login: login.as_str().to_owned(),
                scope,
                display_name,
                email,
                active: true,
            };
            account_changes::create(&mut conn, Actor::Cli, &fields, &hash)
                .with_context(|| format!("cannot create {}", login.as_str()))?;
            println!("created {}", login.as_str());
        }
        UserCommand::Passwd { login } => {
            let login = login.trim().to_lowercase();
            let id = users::find_id_by_login(&mut conn, &login)?.with_context(|| format!("no account {login}"))?;
            let hash = hash_password(&read_password(&login)?).map_err(|e| anyhow::anyhow!("cannot hash: {e}"))?;
            let notify = NotifyPlan::new(&settings.public_url, &settings.notify);
            crate::app::manage_users::set_password(&mut conn, &notify, Actor::Cli, id, &hash)?;
            println!("password changed for {login}");
        }
        UserCommand::ResetSecondFactor { login } => {
            let login = login.trim().to_lowercase();
            let id = users::find_id_by_login(&mut conn, &login)?.with_context(|| format!("no account {login}"))?;
            let notify = NotifyPlan::new(&settings.public_url, &settings.notify);
            crate::app::manage_users::reset_second_factor(&mut conn, &notify, Actor::Cli, id)?;
            println!("second factor reset for {login}: it enrols a new one at its next sign-in");
        }
    }
    Ok(ExitCode::SUCCESS)
}
