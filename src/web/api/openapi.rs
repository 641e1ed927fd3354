//! `GET /api/v1/openapi.json`: the API described for clients and generators (OpenAPI 3.1), generated
//! by utoipa from the handlers' `#[utoipa::path]` attributes and the types they serialise, so the
//! document cannot drift from the answers. A test holds it to the routes [`super::configure`]
//! registers.

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

use super::group_json::{Count, GroupJson, RateJson};
use super::referral_json::{FlagJson, NoteJson, ReferralJson, ReferralList};
use super::referrals::{NoteBody, TransitionBody};
use super::summary::Summary;
use super::waves::{WaveJson, WaveList, WaveStatusJson};
use super::{referrals, summary, waves};

/// The `{id}` of a path: a wave's or a referral's id.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The id.
    #[param(format = "uuid")]
    #[allow(
        dead_code,
        reason = "only described: the handlers read the id through `web::Path<WaveId>` or `web::Path<ReferralId>`"
    )]
    id: String,
}

/// An API error as `web::errors` writes it for `/api/` paths: `{"error": key, "message": text}`.
#[derive(Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ApiErrorBody {
    /// The message key, stable across languages.
    error: String,
    /// The message in the caller's language.
    message: String,
}

/// The OpenAPI document of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(title = "Ahual API", version = "1",
        description = "k-anonymous school-climate figures. No figure about fewer than k respondents is ever returned."),
    servers((url = "/api/v1")),
    security(("bearer" = []), ("session" = [])),
    paths(waves::list, summary::summary, referrals::list, referrals::show, referrals::transition, referrals::add_note),
    components(schemas(
        WaveJson, WaveStatusJson, WaveList, Summary, GroupJson, RateJson, Count, ApiErrorBody,
        ReferralJson, ReferralList, NoteJson, FlagJson, TransitionBody, NoteBody,
    )),
    modifiers(&SecuritySchemes, &CommonErrors),
)]
pub struct ApiDoc;

/// The bearer token and the session cookie, either of which authenticates a call.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("a token created on the account page"))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
        let cookie = ApiKey::Cookie(ApiKeyValue::new("ahual_session"));
        components.add_security_scheme("session", SecurityScheme::ApiKey(cookie));
    }
}

/// The refusals every operation can answer, added to each so no path forgets them.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let refusals = [
            ("401", "no valid session or token"),
            ("403", "the role reads no figures"),
            ("404", "not found in the caller's scope"),
        ];
        let operations = openapi.paths.paths.values_mut().flat_map(|item| {
            [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten()
        });
        for operation in operations {
            for (status, description) in refusals {
                let body = Content::new(Some(RefOr::Ref(Ref::from_schema_name(ApiErrorBody::name()))));
                let response = ResponseBuilder::new().description(description).content("application/json", body);
                operation.responses.responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(response.build()));
            }
        }
    }
}

/// The OpenAPI document.
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

#[cfg(test)]
mod tests;
