//! `/school/classes`: the psychologist manages the classes of their school.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::super::{html_page, see_other};
use crate::app::manage_classes::{self, LabelTaken};
use crate::domain::ids::ClassId;
use crate::web::auth::PsychologistUser;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FieldErrors;
use crate::web::forms::class::ClassForm;
use crate::web::page::Page;
use crate::web::session::set_flash;
use crate::web::views::school::classes::{ClassEditView, ClassListView, class_edit_page, class_list_page};
use crate::web::{AppError, AppState};

fn status(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY }
}

fn label_taken() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add("label", "class-label-taken");
    errors
}

async fn render_list(
    user: &PsychologistUser,
    page: &Page,
    state: &AppState,
    form: ClassForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let classes = state.use_case(move |conn| manage_classes::classes_of(conn, school)).await?;
    let code = status(&errors);
    Ok(html_page(code, class_list_page(&page.chrome(Some(&user.account)), &ClassListView { classes, form, errors })))
}

/// `GET /school/classes`.
pub async fn list(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render_list(&user, &page, &state, ClassForm::default(), FieldErrors::new()).await
}

/// `POST /school/classes`.
pub async fn create(
    user: PsychologistUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ClassForm>,
) -> Result<HttpResponse, AppError> {
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => return render_list(&user, &page, &state, form, errors).await,
    };
    let school = user.school;
    match state.use_case(move |conn| manage_classes::add_class(conn, school, &fields)).await? {
        Ok(_) => {
            set_flash(&session, "flash-class-created");
            Ok(see_other("/school/classes"))
        }
        Err(LabelTaken) => render_list(&user, &page, &state, form, label_taken()).await,
    }
}

async fn render_edit(
    user: &PsychologistUser,
    page: &Page,
    state: &AppState,
    id: ClassId,
    form: Option<ClassForm>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let class = state.use_case(move |conn| manage_classes::class_of(conn, school, id)).await?;
    let code = status(&errors);
    let form = form.unwrap_or_else(|| ClassForm::from_class(&class));
    Ok(html_page(code, class_edit_page(&page.chrome(Some(&user.account)), &ClassEditView { class, form, errors })))
}

/// `GET /school/classes/{id}`: only classes of the psychologist's school are found.
pub async fn edit(
    user: PsychologistUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ClassId>,
) -> Result<HttpResponse, AppError> {
    render_edit(&user, &page, &state, id.into_inner(), None, FieldErrors::new()).await
}

/// `POST /school/classes/{id}`.
pub async fn update(
    user: PsychologistUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<ClassId>,
    CsrfForm(form): CsrfForm<ClassForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let school = user.school;
    // Not found before validation, so a foreign id never learns whether its form was valid.
    state.use_case(move |conn| manage_classes::class_of(conn, school, id)).await?;
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => return render_edit(&user, &page, &state, id, Some(form), errors).await,
    };
    match state.use_case(move |conn| manage_classes::edit_class(conn, school, id, &fields)).await? {
        Ok(()) => {
            set_flash(&session, "flash-saved");
            Ok(see_other("/school/classes"))
        }
        Err(LabelTaken) => render_edit(&user, &page, &state, id, Some(form), label_taken()).await,
    }
}
