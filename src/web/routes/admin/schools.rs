//! `/admin/schools`: list, create and edit schools; creations and changes are audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::super::{html_page, see_other};
use crate::app::manage_schools::{self, CodeTaken};
use crate::domain::ids::SchoolId;
use crate::domain::school::SchoolFields;
use crate::web::auth::AdminUser;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FieldErrors;
use crate::web::forms::school::SchoolForm;
use crate::web::page::Page;
use crate::web::session::set_flash;
use crate::web::views::admin::schools::{SchoolEditView, SchoolListView, school_edit_page, school_list_page};
use crate::web::{AppError, AppState};

fn code_taken() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add("code", "school-code-taken");
    errors
}

async fn render_list(
    admin: &AdminUser,
    page: &Page,
    state: &AppState,
    form: SchoolForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let (schools, regions) = state.use_case(manage_schools::schools_and_regions).await?;
    let view = SchoolListView { schools, regions, form, errors };
    Ok(html_page(status, school_list_page(&page.chrome(Some(&admin.0)), &view)))
}

/// `GET /admin/schools`.
pub async fn list(admin: AdminUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render_list(&admin, &page, &state, SchoolForm::default(), FieldErrors::new()).await
}

/// `POST /admin/schools`.
pub async fn create(
    admin: AdminUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<SchoolForm>,
) -> Result<HttpResponse, AppError> {
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => return render_list(&admin, &page, &state, form, errors).await,
    };
    let actor = admin.0.id;
    match state.use_case(move |conn| manage_schools::add_school(conn, actor, &fields)).await? {
        Ok(_) => {
            set_flash(&session, "flash-school-created");
            Ok(see_other("/admin/schools"))
        }
        Err(CodeTaken) => render_list(&admin, &page, &state, form, code_taken()).await,
    }
}

async fn render_edit(
    admin: &AdminUser,
    page: &Page,
    state: &AppState,
    id: SchoolId,
    form: Option<SchoolForm>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let (school, classes, regions) = state.use_case(move |conn| manage_schools::school_and_regions(conn, id)).await?;
    let form = form.unwrap_or_else(|| {
        SchoolForm::from_fields(&SchoolFields {
            code: school.code.clone(),
            region: school.region.clone(),
            name: school.name.clone(),
        })
    });
    let view = SchoolEditView { school, classes, regions, form, errors };
    Ok(html_page(status, school_edit_page(&page.chrome(Some(&admin.0)), &view)))
}

/// `GET /admin/schools/{id}`.
pub async fn edit(
    admin: AdminUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<SchoolId>,
) -> Result<HttpResponse, AppError> {
    render_edit(&admin, &page, &state, id.into_inner(), None, FieldErrors::new()).await
}

/// `POST /admin/schools/{id}`.
pub async fn update(
    admin: AdminUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<SchoolId>,
    CsrfForm(form): CsrfForm<SchoolForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => return render_edit(&admin, &page, &state, id, Some(form), errors).await,
    };
    let actor = admin.0.id;
    match state.use_case(move |conn| manage_schools::edit_school(conn, actor, id, &fields)).await? {
        Ok(()) => {
            set_flash(&session, "flash-saved");
            Ok(see_other(&format!("/admin/schools/{id}")))
        }
        Err(CodeTaken) => render_edit(&admin, &page, &state, id, Some(form), code_taken()).await,
    }
}
