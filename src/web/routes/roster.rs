//! `/admin/roster` and `/school/roster`: importing a roster from a spreadsheet (see
//! `docs/rosters.md`). One set of handlers serves both roles; each is registered once per role with
//! that role's extractor (`roster::show::<AdminUser>`), so the route table stays the access table.
//! An administrator imports any kind; a psychologist only their school's classes, and only their own
//! uploads are ever found.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};

use super::{html_page, see_other};
use crate::app::import_upload::{self, Imported};
use crate::app::roster_upload::{self, Chosen, Importer, Step};
use crate::domain::account::Account;
use crate::domain::ids::RosterUploadId;
use crate::domain::lang::Lang;
use crate::domain::roster::headers::{Kind, Mapping, MappingProblem};
use crate::domain::roster::problem::Field;
use crate::domain::roster::sheet::CellError;
use crate::domain::roster::staged::Upload;
use crate::domain::roster::table::{FileError, column_letter, read_table_preferring};
use crate::domain::roster::template::template_csv;
use crate::i18n::roster::file_error_text;
use crate::web::auth::{AdminUser, PsychologistUser};
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::roster_form::{UploadedFile, declared_too_large, read_upload};
use crate::web::views::roster::mapping::{MappingColumn, MappingView, mapping_page};
use crate::web::views::roster::preview::{PreviewView, preview_page};
use crate::web::views::roster::upload::{UploadView, upload_page};
use crate::web::views::roster::{ResultView, expired_page, result_page};
use crate::web::{AppError, AppState};

/// Staff who may import rosters, as their role's extractor gives them.
pub trait RosterImporter: FromRequest + 'static {
    /// The signed-in account.
    fn account(&self) -> &Account;
    /// What they may import.
    fn importer(&self) -> Importer;
    /// Where their import pages are.
    const BASE: &'static str;
}

impl RosterImporter for AdminUser {
    fn account(&self) -> &Account {
        &self.0
    }
    fn importer(&self) -> Importer {
        Importer::Admin(self.0.id)
    }
    const BASE: &'static str = "/admin/roster";
}

impl RosterImporter for PsychologistUser {
    fn account(&self) -> &Account {
        &self.account
    }
    fn importer(&self) -> Importer {
        Importer::Psychologist { user: self.account.id, school: self.school }
    }
    const BASE: &'static str = "/school/roster";
}

fn kinds(importer: Importer) -> Vec<Kind> {
    Kind::ALL.into_iter().filter(|k| importer.allows(*k)).collect()
}

fn upload_form<U: RosterImporter>(
    user: &U,
    page: &Page,
    status: StatusCode,
    chosen: Option<Kind>,
    error: Option<String>,
) -> HttpResponse {
    let view = UploadView { base: U::BASE, kinds: kinds(user.importer()), chosen, error };
    html_page(status, upload_page(&page.chrome(Some(user.account())), &view))
}

/// `GET /admin/roster`, `GET /school/roster`: the upload form and the templates.
pub async fn show<U: RosterImporter>(user: U, page: Page) -> HttpResponse {
    upload_form(&user, &page, StatusCode::OK, None, None)
}

/// `GET …/roster/templates/{kind}-{lang}.csv`: a template with headers in that language.
pub async fn template<U: RosterImporter>(user: U, name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (kind, lang) = name
        .strip_suffix(".csv")
        .and_then(|stem| stem.rsplit_once('-'))
        .and_then(|(kind, lang)| Some((Kind::parse(kind)?, Lang::parse(lang)?)))
        .filter(|(kind, _)| user.importer().allows(*kind))
        .ok_or(AppError::NotFound)?;
    let file_name = crate::domain::roster::template::template_name(kind, lang);
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")))
        .body(template_csv(kind, lang)))
}

/// `POST /admin/roster`, `POST /school/roster`: reads the file and keeps its table for the next step.
pub async fn upload<U: RosterImporter>(
    req: HttpRequest,
    user: U,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let refuse = |status, chosen, error: &FileError| {
        Ok(upload_form(&user, &page, status, chosen, Some(file_error_text(page.lang, error))))
    };
    if declared_too_large(&req) {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, None, &FileError::TooLarge);
    }
    let form = read_upload(multipart, &session).await?;
    let importer = user.importer();
    let Some(kind) = Kind::parse(&form.kind).filter(|k| importer.allows(*k)) else {
        let error = page.lang.t("roster-bad-kind");
        return Ok(upload_form(&user, &page, StatusCode::UNPROCESSABLE_ENTITY, None, Some(error)));
    };
    let (file_name, bytes) = match form.file {
        UploadedFile::Read(name, bytes) => (name, bytes),
        UploadedFile::TooLarge => return refuse(StatusCode::PAYLOAD_TOO_LARGE, Some(kind), &FileError::TooLarge),
        UploadedFile::Missing => {
            let error = page.lang.t("roster-no-file");
            return Ok(upload_form(&user, &page, StatusCode::UNPROCESSABLE_ENTITY, Some(kind), Some(error)));
        }
    };
    let read = web::block(move || read_table_preferring(&bytes, &kind.sheet_names()))
        .await
        .map_err(|e| AppError::failed("reading a roster", e))?;
    let table = match read {
        Ok(table) => table,
        Err(error) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, Some(kind), &error),
    };
    let now = chrono::Utc::now().naive_utc();
    let seal = state.roster_seal.clone();
    let staged =
        state.use_case(move |conn| roster_upload::stage(conn, &seal, importer, kind, &file_name, table, now)).await?;
    let id = staged.ok_or(AppError::Forbidden)?;
    Ok(see_other(&format!("{}/{id}", U::BASE)))
}

fn mapping_view(base: &'static str, upload: &Upload, mapping: &Mapping, problems: Vec<MappingProblem>) -> MappingView {
    let first = upload.table.rows.first().map(|r| r.cells.as_slice()).unwrap_or_default();
    let columns = upload
        .table
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| MappingColumn {
            letter: column_letter(i),
            header: header.clone(),
            example: first.get(i).cloned().unwrap_or_default(),
            chosen: mapping.0.get(i).copied().flatten(),
        })
        .collect();
    MappingView {
        base,
        id: upload.id.to_string(),
        file_name: upload.file_name.clone(),
        kind: upload.kind,
        columns,
        problems,
    }
}

fn preview_view(
    base: &'static str,
    upload: Upload,
    errors: Vec<CellError>,
    planned: Vec<roster_upload::PlannedRow>,
) -> PreviewView {
    PreviewView {
        base,
        id: upload.id.to_string(),
        file_name: upload.file_name,
        kind: upload.kind,
        rows: upload.table.rows.len(),
        headers: upload.table.headers,
        errors,
        planned,
    }
}

fn step_page<U: RosterImporter>(user: &U, page: &Page, step: Step, status: StatusCode) -> HttpResponse {
    let chrome = page.chrome(Some(user.account()));
    let markup = match step {
        Step::Mapping(upload, mapping, problems) => {
            mapping_page(&chrome, &mapping_view(U::BASE, &upload, &mapping, problems))
        }
        Step::Invalid(upload, errors) => preview_page(&chrome, &preview_view(U::BASE, upload, errors, Vec::new())),
        Step::Ready(upload, planned) => preview_page(&chrome, &preview_view(U::BASE, upload, Vec::new(), planned)),
    };
    html_page(status, markup)
}

fn gone<U: RosterImporter>(user: &U, page: &Page) -> HttpResponse {
    html_page(StatusCode::NOT_FOUND, expired_page(&page.chrome(Some(user.account())), U::BASE))
}

/// `GET …/roster/{id}`: the mapping step or the preview of the reader's own upload.
pub async fn step<U: RosterImporter>(
    user: U,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<RosterUploadId>,
) -> Result<HttpResponse, AppError> {
    let (importer, id, now) = (user.importer(), id.into_inner(), chrono::Utc::now().naive_utc());
    let seal = state.roster_seal.clone();
    match state.use_case(move |conn| roster_upload::step(conn, &seal, importer, id, now)).await? {
        Some(step) => Ok(step_page(&user, &page, step, StatusCode::OK)),
        None => Ok(gone(&user, &page)),
    }
}

/// `POST …/roster/{id}/mapping`: the columns chosen (`col0`, `col1`, … each a field key or empty).
pub async fn map<U: RosterImporter>(
    user: U,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<RosterUploadId>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let mut columns: Vec<Option<Field>> = Vec::new();
    for (name, value) in &fields {
        let Some(index) = name.strip_prefix("col").and_then(|i| i.parse::<usize>().ok()) else { continue };
        if index >= crate::domain::roster::table::MAX_COLUMNS {
            return Err(AppError::BadRequest("error-bad-request"));
        }
        let field = if value.is_empty() {
            None
        } else {
            Some(Field::parse(value).ok_or(AppError::BadRequest("error-bad-request"))?)
        };
        if columns.len() <= index {
            columns.resize(index + 1, None);
        }
        columns[index] = field;
    }
    let (importer, id, now) = (user.importer(), id.into_inner(), chrono::Utc::now().naive_utc());
    let seal = state.roster_seal.clone();
    match state.use_case(move |conn| roster_upload::choose_mapping(conn, &seal, importer, id, columns, now)).await? {
        Chosen::Saved => Ok(see_other(&format!("{}/{id}", U::BASE))),
        Chosen::Refused(step) => Ok(step_page(&user, &page, step, StatusCode::UNPROCESSABLE_ENTITY)),
        Chosen::Gone => Ok(gone(&user, &page)),
    }
}

/// `POST …/roster/{id}/import`: imports the reader's valid upload, once.
pub async fn import<U: RosterImporter>(
    user: U,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<RosterUploadId>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (importer, id, now) = (user.importer(), id.into_inner(), chrono::Utc::now().naive_utc());
    let seal = state.roster_seal.clone();
    match state.use_case(move |conn| import_upload::import(conn, &seal, importer, id, now)).await? {
        Imported::Done(c) => {
            let created = c.schools_created + c.classes_created + c.users_created;
            let updated = c.schools_updated + c.classes_updated + c.users_updated;
            let view = ResultView { base: U::BASE, created, updated };
            Ok(html_page(StatusCode::OK, result_page(&page.chrome(Some(user.account())), &view)))
        }
        Imported::NotReady => Ok(see_other(&format!("{}/{id}", U::BASE))),
        Imported::Gone => Ok(gone(&user, &page)),
    }
}
