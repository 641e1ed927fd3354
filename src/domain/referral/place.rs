//! Where a referral points: a school that may be named (and maybe one of its released classes), or
//! the school's region with no school named. A school whose closed wave has fewer than k
//! respondents in all is never named (docs/privacy.md#signals-domainreferraldraftsrs): its signals go to
//! the region. The type says which, so every reader (pages, API, notifications, scopes) has to handle
//! both.

use crate::domain::ids::{ClassId, SchoolId};
use crate::domain::lang::Localized;

/// Where a referral points. `S` is what a reader needs of the school: the stored record's
/// [`ReferredSchool`], or what a notice may say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralPlace<S> {
    /// A school, named.
    School(S),
    /// The region as a whole: no school, class or wave is named, and nothing says why.
    Region,
}

impl<S> ReferralPlace<S> {
    /// The school, when one is named.
    pub fn school(&self) -> Option<&S> {
        match self {
            ReferralPlace::School(school) => Some(school),
            ReferralPlace::Region => None,
        }
    }
}

/// The named school of a stored referral, with its names for pages and the class when one is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferredSchool {
    /// The school.
    pub id: SchoolId,
    /// Its code, such as `SCH-DEMO`.
    pub code: String,
    /// Its name.
    pub name: Localized,
    /// The class and its label; `None` for the school as a whole (no class is named).
    pub class: Option<(ClassId, String)>,
}
