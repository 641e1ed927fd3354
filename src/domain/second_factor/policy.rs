//! Who must sign in with a second factor. Administrators can make and re-scope accounts, and centre
//! staff read every referral of a region, so theirs is required; psychologists and the national
//! analyst may choose it. A deployment can require it of everyone, and an administrator who reset
//! someone's second factor requires a new one of that account whatever its role.

use crate::domain::account::Role;

/// The deployment's rule (`second_factor` in the settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecondFactorPolicy {
    /// Required of administrators and centre staff, optional for the others.
    #[default]
    AdminsAndCentres,
    /// Required of every staff account.
    Everyone,
}

impl SecondFactorPolicy {
    /// Parses the setting's value: `admins-and-centres` or `everyone`.
    pub fn parse(text: &str) -> Option<SecondFactorPolicy> {
        match text.trim() {
            "admins-and-centres" => Some(SecondFactorPolicy::AdminsAndCentres),
            "everyone" => Some(SecondFactorPolicy::Everyone),
            _ => None,
        }
    }

    /// The setting's value, as [`SecondFactorPolicy::parse`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            SecondFactorPolicy::AdminsAndCentres => "admins-and-centres",
            SecondFactorPolicy::Everyone => "everyone",
        }
    }

    /// True when an account of `role` must have a second factor before it may do anything;
    /// `reset_by_admin` is true after an administrator reset the account's second factor.
    pub fn requires(self, role: Role, reset_by_admin: bool) -> bool {
        reset_by_admin || self == SecondFactorPolicy::Everyone || matches!(role, Role::Admin | Role::CentreStaff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_and_centre_staff_always_need_one_the_others_when_the_deployment_says() {
        let by_default = SecondFactorPolicy::default();
        assert!(by_default.requires(Role::Admin, false));
        assert!(by_default.requires(Role::CentreStaff, false));
        assert!(!by_default.requires(Role::Psychologist, false));
        assert!(!by_default.requires(Role::National, false));
        for role in Role::ALL {
            assert!(SecondFactorPolicy::Everyone.requires(role, false), "{role:?}");
            assert!(by_default.requires(role, true), "a reset requires a new one of {role:?}");
        }
    }

    #[test]
    fn the_setting_round_trips_and_refuses_anything_else() {
        for policy in [SecondFactorPolicy::AdminsAndCentres, SecondFactorPolicy::Everyone] {
            assert_eq!(SecondFactorPolicy::parse(policy.as_str()), Some(policy));
        }
        assert_eq!(SecondFactorPolicy::parse("nobody"), None);
        assert_eq!(SecondFactorPolicy::parse(""), None);
    }
}
