//! The pages of the second factor: the sign-in's second step, enrolling an authenticator app (with
//! its QR code drawn here as SVG), and the recovery codes shown once.

use maud::{Markup, PreEscaped, html};
use qrcode::QrCode;
use qrcode::render::svg;

use super::components::csrf_field;
use super::layout::{Chrome, page};
use crate::domain::lang::Lang;
use crate::domain::second_factor::RecoveryCode;

/// The field where a code is typed: six digits from the app, or a recovery code, so the keyboard is
/// not forced to digits; browsers that know `one-time-code` may offer it.
pub fn code_field(lang: Lang, name: &'static str, label: &'static str, problem: Option<&'static str>) -> Markup {
    let error_id = format!("{name}-error");
    html! {
        div.field.invalid[problem.is_some()] {
            label for=(name) { (lang.t(label)) }
            input id=(name) name=(name) type="text" autocomplete="one-time-code" spellcheck="false"
                autocapitalize="characters" maxlength="32" required
                aria-invalid=[problem.map(|_| "true")] aria-describedby=[problem.map(|_| error_id.as_str())];
            @if let Some(key) = problem {
                p.error id=(error_id) role="alert" { (lang.t(key)) }
            }
        }
    }
}

/// `GET /login/code`: the second step of a sign-in.
pub fn code_page(chrome: &Chrome<'_>, problem: Option<&'static str>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("code-title"),
        html! {
            p { (lang.t("code-intro")) }
            form.card method="post" action="/login/code" novalidate {
                (csrf_field(chrome.csrf))
                (code_field(lang, "code", "field-code", problem))
                button type="submit" { (lang.t("sign-in")) }
            }
            p { (lang.t("code-lost")) }
        },
    )
}

/// `otpauth` as a QR code: an inline SVG (no image file, no outside service), or nothing if it does
/// not fit a QR code (it always does: the address is short).
fn qr_svg(otpauth: &str) -> Option<String> {
    let code = QrCode::new(otpauth.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(220, 220)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // An XML declaration has no place inside an HTML page.
    Some(image.split_once("?>").map_or(image.clone(), |(_, svg)| svg.to_owned()))
}

/// What the enrolment page shows.
pub struct EnrolView<'a> {
    /// The `otpauth://` address of the secret being enrolled.
    pub otpauth: &'a str,
    /// The same secret for typing by hand.
    pub secret_text: &'a str,
    /// The account already has a second factor: this replaces it, and asks for a code of the old one.
    pub replacing: bool,
    /// The account may do nothing else until it enrols.
    pub required_now: bool,
    /// Why the last attempt was refused, per field: `code` (the new app's) or `current`.
    pub problem: Option<(&'static str, &'static str)>,
}

/// `GET /account/two-factor`: scan, type the code the app shows, get recovery codes.
pub fn enrol_page(chrome: &Chrome<'_>, view: &EnrolView<'_>) -> Markup {
    let lang = chrome.lang;
    let problem_of = |field: &str| view.problem.filter(|(f, _)| *f == field).map(|(_, key)| key);
    page(
        chrome,
        &lang.t("enrol-title"),
        html! {
            @if view.required_now {
                p.notice role="status" { (lang.t("second-factor-required-notice")) }
            }
            p { (lang.t("enrol-intro")) }
            ol.steps {
                li {
                    p { (lang.t("enrol-scan")) }
                    @if let Some(svg) = qr_svg(view.otpauth) {
                        figure.qr role="img" aria-label=(lang.t("enrol-qr-label")) { (PreEscaped(svg)) }
                    }
                    p { (lang.t("enrol-type-instead")) }
                    p { code.secret-token data-secret { (view.secret_text) } }
                }
                li {
                    form.card method="post" action="/account/two-factor" novalidate {
                        (csrf_field(chrome.csrf))
                        (code_field(lang, "code", "field-code-new-app", problem_of("code")))
                        @if view.replacing {
                            (code_field(lang, "current", "field-code-current", problem_of("current")))
                        }
                        button type="submit" { (lang.t("enrol-confirm")) }
                    }
                }
            }
        },
    )
}

/// The recovery codes, shown once after an enrolment or a renewal.
pub fn recovery_codes_page(chrome: &Chrome<'_>, codes: &[RecoveryCode]) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("recovery-codes-title"),
        html! {
            p.notice role="status" { (lang.t("recovery-codes-shown-once")) }
            ul.recovery-codes {
                @for code in codes {
                    li { code { (code.as_str()) } }
                }
            }
            p { (lang.t("recovery-codes-how")) }
            p { a href="/account/security" { (lang.t("recovery-codes-done")) } }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_inline_svg_without_an_xml_declaration() {
        let svg = qr_svg("otpauth://totp/Ahual:admin?secret=JBSWY3DPEHPK3PXP&issuer=Ahual").unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("<path") && svg.ends_with("</svg>"));
    }
}
