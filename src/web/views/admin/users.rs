//! Staff accounts for administrators.

use maud::{Markup, html};

use crate::domain::account::{Account, Role, RoleScope};
use crate::domain::lang::Lang;
use crate::domain::school::Region;
use crate::domain::school::SchoolSummary;
use crate::web::forms::FieldErrors;
use crate::web::forms::user::UserForm;
use crate::web::views::components::{TextField, csrf_field, form_problems, scroll_region, select_field};
use crate::web::views::layout::{Chrome, page};

/// The account list with the creation form.
pub struct UserListView {
    /// Every account.
    pub accounts: Vec<Account>,
    /// Schools for names and the select.
    pub schools: Vec<SchoolSummary>,
    /// Regions for names and the select.
    pub regions: Vec<Region>,
    /// The creation form as typed (password never kept).
    pub form: UserForm,
    /// Its problems.
    pub errors: FieldErrors,
}

/// One account's edit page.
pub struct UserEditView {
    /// The stored account.
    pub account: Account,
    /// Schools for the select.
    pub schools: Vec<SchoolSummary>,
    /// Regions for the select.
    pub regions: Vec<Region>,
    /// The form as typed or stored.
    pub form: UserForm,
    /// Its problems.
    pub errors: FieldErrors,
}

/// The message key naming a role.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Admin => "role-admin",
        Role::CentreStaff => "role-centre-staff",
        Role::Psychologist => "role-psychologist",
        Role::National => "role-national",
    }
}

fn scope_text(lang: Lang, scope: &RoleScope, schools: &[SchoolSummary], regions: &[Region]) -> String {
    match scope {
        RoleScope::Admin => lang.t("scope-deployment"),
        RoleScope::National => lang.t("scope-country"),
        RoleScope::CentreStaff(code) => {
            regions.iter().find(|r| &r.code == code).map(|r| r.name.get(lang).to_owned()).unwrap_or_default()
        }
        RoleScope::Psychologist(id) => schools
            .iter()
            .find(|s| &s.school.id == id)
            .map(|s| format!("{} {}", s.school.code, s.school.name.get(lang)))
            .unwrap_or_default(),
    }
}

fn scope_fields(
    lang: Lang,
    form: &UserForm,
    errors: &FieldErrors,
    schools: &[SchoolSummary],
    regions: &[Region],
) -> Markup {
    let roles: Vec<(String, String)> =
        Role::ALL.iter().map(|r| (r.as_str().to_owned(), lang.t(role_key(*r)))).collect();
    let mut region_options = vec![(String::new(), lang.t("choose-region"))];
    region_options.extend(regions.iter().map(|r| (r.code.to_string(), r.name.get(lang).to_owned())));
    let mut school_options = vec![(String::new(), lang.t("choose-school"))];
    school_options.extend(
        schools.iter().map(|s| (s.school.id.to_string(), format!("{} {}", s.school.code, s.school.name.get(lang)))),
    );
    html! {
        (select_field(lang, errors, "role", "field-role", &roles, &form.role))
        p.hint { (lang.t("user-scope-hint")) }
        (select_field(lang, errors, "region", "field-region", &region_options, &form.region))
        (select_field(lang, errors, "school", "field-school", &school_options, &form.school.map(|s| s.to_string()).unwrap_or_default()))
    }
}

fn identity_fields(lang: Lang, form: &UserForm, errors: &FieldErrors) -> Markup {
    html! {
        (TextField { name: "login", label: "field-login", value: &form.login, kind: "text", required: true }.render(lang, errors))
        (TextField { name: "display_name", label: "field-display-name", value: &form.display_name, kind: "text", required: true }.render(lang, errors))
        (TextField { name: "email", label: "field-email", value: &form.email, kind: "email", required: false }.render(lang, errors))
    }
}

/// `GET /admin/users`.
pub fn user_list_page(chrome: &Chrome<'_>, view: &UserListView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("users-title"),
        html! {
            (scroll_region(&lang.t("users-title"), html! { table {
                thead { tr {
                    th scope="col" { (lang.t("field-login")) }
                    th scope="col" { (lang.t("field-display-name")) }
                    th scope="col" { (lang.t("field-role")) }
                    th scope="col" { (lang.t("col-scope")) }
                    th scope="col" { (lang.t("col-status")) }
                } }
                tbody {
                    @for a in &view.accounts {
                        tr {
                            td { a href=(format!("/admin/users/{}", a.id)) { (a.login) } }
                            td { (a.display_name) }
                            td { (lang.t(role_key(a.scope.role()))) }
                            td { (scope_text(lang, &a.scope, &view.schools, &view.regions)) }
                            td { (lang.t(if a.active { "status-active" } else { "status-disabled" })) }
                        }
                    }
                }
            } }))
            h2 { (lang.t("users-add")) }
            form.card method="post" action="/admin/users" novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, &view.errors))
                (identity_fields(lang, &view.form, &view.errors))
                (scope_fields(lang, &view.form, &view.errors, &view.schools, &view.regions))
                (TextField { name: "password", label: "field-initial-password", value: "", kind: "password", required: true }.render(lang, &view.errors))
                button type="submit" { (lang.t("action-create")) }
            }
        },
    )
}

/// `GET /admin/users/{id}`.
pub fn user_edit_page(chrome: &Chrome<'_>, view: &UserEditView) -> Markup {
    let lang = chrome.lang;
    let action = format!("/admin/users/{}", view.account.id);
    page(
        chrome,
        &view.account.login,
        html! {
            form.card method="post" action=(action) novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, &view.errors))
                (identity_fields(lang, &view.form, &view.errors))
                (scope_fields(lang, &view.form, &view.errors, &view.schools, &view.regions))
                div.field.check {
                    input #active type="checkbox" name="active" value="on" checked[view.form.active.is_some()];
                    label for="active" { (lang.t("field-active")) }
                }
                button type="submit" { (lang.t("action-save")) }
            }
            h2 { (lang.t("users-set-password")) }
            form.card method="post" action=(format!("{action}/password")) novalidate {
                (csrf_field(chrome.csrf))
                (TextField { name: "password", label: "field-new-password", value: "", kind: "password", required: true }.render(lang, &view.errors))
                button type="submit" { (lang.t("action-set-password")) }
            }
            h2 { (lang.t("users-second-factor")) }
            @if view.account.has_second_factor {
                p { (lang.t("users-second-factor-on")) }
                form.card method="post" action=(format!("{action}/two-factor/reset")) {
                    (csrf_field(chrome.csrf))
                    p { (lang.t("users-second-factor-reset-explained")) }
                    button.secondary type="submit" { (lang.t("action-reset-second-factor")) }
                }
            } @else {
                p { (lang.t(if view.account.must_enrol_second_factor { "users-second-factor-reset-pending" } else { "users-second-factor-off" })) }
            }
        },
    )
}
