//! `/admin/users`: list, create and edit staff accounts, and set their passwords. Every change is
//! audited with the administrator as actor.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::super::{html_page, see_other};
use crate::app::manage_users::{self, AccountRefusal};
use crate::domain::audit::Actor;
use crate::domain::ids::UserId;
use crate::domain::password::{check_password_rule, hash_password};
use crate::web::auth::AdminUser;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FieldErrors;
use crate::web::forms::user::UserForm;
use crate::web::page::Page;
use crate::web::session::set_flash;
use crate::web::views::admin::users::{UserEditView, UserListView, user_edit_page, user_list_page};
use crate::web::{AppError, AppState};

fn status(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY }
}

/// The form's errors for a refused account: the login field, or the role field for one's own access.
fn refused(refusal: AccountRefusal) -> FieldErrors {
    let mut errors = FieldErrors::new();
    match refusal {
        AccountRefusal::LoginTaken => errors.add("login", "login-taken"),
        AccountRefusal::OwnAccess => errors.add("role", "cannot-demote-self"),
    }
    errors
}

async fn render_list(
    admin: &AdminUser,
    page: &Page,
    state: &AppState,
    form: UserForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (accounts, (schools, regions)) = state.use_case(manage_users::accounts).await?;
    let code = status(&errors);
    let view = UserListView { accounts, schools, regions, form, errors };
    Ok(html_page(code, user_list_page(&page.chrome(Some(&admin.0)), &view)))
}

/// `GET /admin/users`.
pub async fn list(admin: AdminUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let form = UserForm { role: "psychologist".into(), ..UserForm::default() };
    render_list(&admin, &page, &state, form, FieldErrors::new()).await
}

/// `POST /admin/users`.
pub async fn create(
    admin: AdminUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<UserForm>,
) -> Result<HttpResponse, AppError> {
    let schools = state.use_case(manage_users::school_ids).await?;
    let fields = match form.parse(true, &schools) {
        Ok(fields) => fields,
        Err(errors) => {
            return render_list(&admin, &page, &state, UserForm { password: String::new(), ..form }, errors).await;
        }
    };
    let password = form.password.clone();
    let hash = state
        .cpu(move || hash_password(&password))
        .await?
        .map_err(|e| AppError::failed("hashing a password", e.to_string()))?;
    let actor = admin.0.id;
    match state.use_case(move |conn| manage_users::add_user(conn, actor, &fields, &hash)).await? {
        Ok(_) => {
            set_flash(&session, "flash-user-created");
            Ok(see_other("/admin/users"))
        }
        Err(refusal) => {
            render_list(&admin, &page, &state, UserForm { password: String::new(), ..form }, refused(refusal)).await
        }
    }
}

async fn render_edit(
    admin: &AdminUser,
    page: &Page,
    state: &AppState,
    id: UserId,
    form: Option<UserForm>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (account, (schools, regions)) = state.use_case(move |conn| manage_users::account(conn, id)).await?;
    let code = status(&errors);
    let form = form.unwrap_or_else(|| UserForm::from_account(&account));
    let view = UserEditView { account, schools, regions, form, errors };
    Ok(html_page(code, user_edit_page(&page.chrome(Some(&admin.0)), &view)))
}

/// `GET /admin/users/{id}`.
pub async fn edit(
    admin: AdminUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    render_edit(&admin, &page, &state, id.into_inner(), None, FieldErrors::new()).await
}

/// `POST /admin/users/{id}`.
pub async fn update(
    admin: AdminUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    CsrfForm(form): CsrfForm<UserForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let schools = state.use_case(manage_users::school_ids).await?;
    let fields = match form.parse(false, &schools) {
        Ok(fields) => fields,
        Err(errors) => return render_edit(&admin, &page, &state, id, Some(form), errors).await,
    };
    let actor = admin.0.clone();
    match state.use_case(move |conn| manage_users::edit_user(conn, &actor, id, &fields)).await? {
        Ok(()) => {
            set_flash(&session, "flash-saved");
            Ok(see_other(&format!("/admin/users/{id}")))
        }
        Err(refusal) => render_edit(&admin, &page, &state, id, Some(form), refused(refusal)).await,
    }
}

/// The reset form carries only the token.
#[derive(serde::Deserialize)]
pub struct ResetSecondFactorForm {}

/// `POST /admin/users/{id}/two-factor/reset`: removes the account's second factor and recovery codes
/// (for a lost phone); its sessions end and it must enrol a new one at its next sign-in.
pub async fn reset_second_factor(
    admin: AdminUser,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    CsrfForm(_): CsrfForm<ResetSecondFactorForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = admin.0.id;
    let notify = state.notify.clone();
    state.use_case(move |conn| manage_users::reset_second_factor(conn, &notify, Actor::User(actor), id)).await?;
    set_flash(&session, "flash-second-factor-reset");
    Ok(see_other(&format!("/admin/users/{id}")))
}

/// The password an administrator sets for someone.
#[derive(serde::Deserialize)]
pub struct SetPasswordForm {
    password: String,
}

/// `POST /admin/users/{id}/password`: sets a new password; the account's sessions end.
pub async fn set_password(
    admin: AdminUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    CsrfForm(form): CsrfForm<SetPasswordForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if let Err(invalid) = check_password_rule(&form.password) {
        let mut errors = FieldErrors::new();
        errors.take::<()>("password", Err(invalid));
        return render_edit(&admin, &page, &state, id, None, errors).await;
    }
    let hash = state
        .cpu(move || hash_password(&form.password))
        .await?
        .map_err(|e| AppError::failed("hashing a password", e.to_string()))?;
    let actor = admin.0.id;
    let notify = state.notify.clone();
    state.use_case(move |conn| manage_users::set_password(conn, &notify, Actor::User(actor), id, &hash)).await?;
    set_flash(&session, "flash-password-set");
    Ok(see_other(&format!("/admin/users/{id}")))
}
