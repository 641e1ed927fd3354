//! Staff accounts and their roles. A role always comes with its scope (a centre with its region, a
//! psychologist with their school), so code that holds an account can never lose track of what it may see.

use super::ids::{SchoolId, UserId};
use super::region::RegionCode;
use super::second_factor::SecondFactorPolicy;

/// What a staff account is and how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleScope {
    /// Runs the deployment; sees no single response.
    Admin,
    /// Works for the Psychological Support Centre of one region.
    CentreStaff(RegionCode),
    /// The psychologist of one school.
    Psychologist(SchoolId),
    /// Reads the national overview: each region's released figures, side by side (for the ministry or a
    /// national coordinating centre). Sees no school, class, referral or single response.
    National,
}

/// The role name without its scope, as stored and as typed in rosters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// See [`RoleScope::Admin`].
    Admin,
    /// See [`RoleScope::CentreStaff`].
    CentreStaff,
    /// See [`RoleScope::Psychologist`].
    Psychologist,
    /// See [`RoleScope::National`].
    National,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 4] = [Role::Admin, Role::CentreStaff, Role::Psychologist, Role::National];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CentreStaff => "centre_staff",
            Role::Psychologist => "psychologist",
            Role::National => "national",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }
}

impl RoleScope {
    /// The role without its scope.
    pub fn role(&self) -> Role {
        match self {
            RoleScope::Admin => Role::Admin,
            RoleScope::CentreStaff(_) => Role::CentreStaff,
            RoleScope::Psychologist(_) => Role::Psychologist,
            RoleScope::National => Role::National,
        }
    }
}

/// A staff account as the application sees it once signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The account's id.
    pub id: UserId,
    /// The login name (lower case).
    pub login: String,
    /// The name shown in the interface.
    pub display_name: String,
    /// Optional contact address.
    pub email: Option<String>,
    /// Role and scope.
    pub scope: RoleScope,
    /// Disabled accounts cannot sign in and lose their sessions.
    pub active: bool,
    /// Its password was reset by someone else ([`NewPassword::Reset`]): until its owner chooses
    /// their own, the account may do nothing else.
    pub must_change_password: bool,
    /// It has enrolled an authenticator app (`domain::second_factor`): its sign-in asks for a code.
    pub has_second_factor: bool,
    /// An administrator reset its second factor: it must enrol a new one whatever its role.
    pub must_enrol_second_factor: bool,
}

impl Account {
    /// True when this account may do nothing until it enrols a second factor under `policy`.
    pub fn lacks_required_second_factor(&self, policy: SecondFactorPolicy) -> bool {
        !self.has_second_factor && policy.requires(self.scope.role(), self.must_enrol_second_factor)
    }
}

/// Whose choice a newly set password is. Only the owner's own choice lets them work: after a reset
/// by an administrator (or the operator's `ahual user passwd`) the owner must choose their own at
/// their next sign-in, so nobody else knows the password they work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPassword {
    /// Chosen by the account's owner.
    OwnChoice,
    /// Set for the account by someone else.
    Reset,
}

/// What an account is made of when created or edited (the password is set separately).
#[derive(Debug, Clone)]
pub struct UserFields {
    /// Login, lower case.
    pub login: String,
    /// Role and scope.
    pub scope: RoleScope,
    /// Shown name.
    pub display_name: String,
    /// Contact address.
    pub email: Option<String>,
    /// Whether it may sign in.
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(RoleScope::Psychologist(SchoolId::random()).role(), Role::Psychologist);
    }
}
