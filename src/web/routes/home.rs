//! Where staff land: each role's home.

use actix_web::HttpResponse;

use crate::domain::account::RoleScope;
use crate::web::auth::CurrentUser;

/// `GET /home`: sends each role to its own home.
pub async fn role_home(user: CurrentUser) -> HttpResponse {
    let target = match user.0.scope {
        RoleScope::Admin => "/admin",
        RoleScope::CentreStaff(_) => "/centre",
        RoleScope::Psychologist(_) => "/school",
        RoleScope::National => "/national",
    };
    super::see_other(target)
}
