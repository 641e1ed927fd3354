//! The staff account form: login, name, address, role with its scope, and (on creation) a password.

use serde::Deserialize;

use super::{FieldErrors, optional_id};
use crate::domain::account::UserFields;
use crate::domain::account::{Account, Role, RoleScope};
use crate::domain::ids::SchoolId;
use crate::domain::organisation::{Email, Login, parse_name};
use crate::domain::password::check_password;
use crate::domain::region::RegionCode;

/// The account form as typed. Region and school are both offered; the role decides which counts.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct UserForm {
    /// Login name.
    pub login: String,
    /// Shown name.
    pub display_name: String,
    /// Optional e-mail.
    pub email: String,
    /// admin, centre_staff or psychologist.
    pub role: String,
    /// Region code, for centre staff.
    pub region: String,
    /// School, for psychologists (none when nothing, or nothing that is a school id, was chosen).
    #[serde(deserialize_with = "optional_id")]
    pub school: Option<SchoolId>,
    /// Initial password (creation only).
    pub password: String,
    /// "on" when the account may sign in (edit only).
    pub active: Option<String>,
}

impl UserForm {
    /// The stored fields, or every problem by field. `with_password` checks the password rule too;
    /// `schools` are the ids that exist.
    pub fn parse(&self, with_password: bool, schools: &[SchoolId]) -> Result<UserFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let login = errors.take("login", Login::parse(&self.login));
        let display_name = errors.take("display_name", parse_name(&self.display_name));
        let email = match self.email.trim() {
            "" => Some(None),
            text => errors.take("email", Email::parse(text)).map(|e| Some(e.as_str().to_owned())),
        };
        let scope = self.scope(schools, &mut errors);
        if with_password {
            errors.take("password", check_password(&self.password, &[&self.login, &self.display_name]));
        }
        // New accounts are active; when editing, the box decides.
        let active = with_password || self.active.is_some();
        match (login, display_name, email, scope) {
            (Some(login), Some(display_name), Some(email), Some(scope)) if errors.is_empty() => {
                Ok(UserFields { login: login.as_str().to_owned(), scope, display_name, email, active })
            }
            _ => Err(errors),
        }
    }

    fn scope(&self, schools: &[SchoolId], errors: &mut FieldErrors) -> Option<RoleScope> {
        match Role::parse(&self.role) {
            Some(Role::Admin) => Some(RoleScope::Admin),
            Some(Role::National) => Some(RoleScope::National),
            Some(Role::CentreStaff) => match RegionCode::parse(&self.region) {
                Some(region) => Some(RoleScope::CentreStaff(region)),
                None => {
                    errors.add("region", "invalid-region");
                    None
                }
            },
            Some(Role::Psychologist) => match self.school.filter(|id| schools.contains(id)) {
                Some(school) => Some(RoleScope::Psychologist(school)),
                None => {
                    errors.add("school", "invalid-school");
                    None
                }
            },
            None => {
                errors.add("role", "invalid-role");
                None
            }
        }
    }

    /// The form filled from a stored account.
    pub fn from_account(account: &Account) -> Self {
        let (region, school) = match &account.scope {
            RoleScope::Admin | RoleScope::National => (String::new(), None),
            RoleScope::CentreStaff(region) => (region.to_string(), None),
            RoleScope::Psychologist(school) => (String::new(), Some(*school)),
        };
        UserForm {
            login: account.login.clone(),
            display_name: account.display_name.clone(),
            email: account.email.clone().unwrap_or_default(),
            role: account.scope.role().as_str().to_owned(),
            region,
            school,
            password: String::new(),
            active: account.active.then(|| "on".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(role: &str) -> UserForm {
        UserForm {
            login: "Psy1".into(),
            display_name: "Айгүл".into(),
            role: role.into(),
            password: "long enough pw".into(),
            ..UserForm::default()
        }
    }

    #[test]
    fn the_role_decides_which_scope_field_counts() {
        let school = SchoolId::random();
        let mut psy = form("psychologist");
        psy.school = Some(school);
        psy.region = "KZ-71".into();
        let fields = psy.parse(true, &[school]).unwrap();
        assert_eq!(fields.scope, RoleScope::Psychologist(school));
        assert_eq!(fields.login, "psy1");
        assert!(fields.active, "new accounts are active");
        let errors = form("centre_staff").parse(true, &[school]).unwrap_err();
        assert_eq!(errors.get("region"), Some("invalid-region"));
        let mut stranger = form("psychologist");
        stranger.school = Some(SchoolId::random());
        assert_eq!(stranger.parse(true, &[school]).unwrap_err().get("school"), Some("invalid-school"));
    }

    #[test]
    fn editing_reads_the_active_box_and_skips_the_password() {
        let mut admin = form("admin");
        admin.password = String::new();
        assert!(!admin.parse(false, &[]).unwrap().active, "an unticked box disables the account");
        admin.active = Some("on".into());
        assert!(admin.parse(false, &[]).unwrap().active);
        assert_eq!(admin.parse(true, &[]).unwrap_err().get("password"), Some("password-too-short"));
    }
}
