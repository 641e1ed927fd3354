//! `GET /api/v1/openapi.json`: the API described for clients and generators (OpenAPI 3.0).

use actix_web::HttpResponse;
use serde_json::json;

/// The OpenAPI document.
pub async fn document() -> HttpResponse {
    let rate = json!({
        "type": "object",
        "properties": {
            "positives": { "oneOf": [{ "type": "integer" }, { "type": "string", "example": "2-3" }] },
            "percent": { "type": "string", "example": "20%", "description": "whole percent; rounded to 5 below 30 respondents; extremes as ≤5% / ≥95%" },
            "ci_low": { "type": "number", "example": 8.9 },
            "ci_high": { "type": "number", "example": 39.1 }
        },
        "required": ["positives", "percent", "ci_low", "ci_high"]
    });
    let group = json!({
        "type": "object",
        "properties": {
            "level": { "type": "string", "enum": ["school", "class"] },
            "school": { "type": "string", "example": "SCH-0001" },
            "class": { "type": "string", "example": "7A" },
            "respondents": { "oneOf": [{ "type": "integer" }, { "type": "string", "example": "10-19" }], "nullable": true },
            "released": { "type": "boolean" },
            "indicators": { "type": "object", "additionalProperties": { "$ref": "#/components/schemas/Rate" } },
            "acute": { "type": "string", "enum": ["≥1", "none"] }
        },
        "required": ["level", "school", "respondents", "released"]
    });
    let wave = json!({
        "type": "object",
        "properties": {
            "id": { "type": "string", "format": "uuid" },
            "school": { "type": "string" },
            "instrument": { "type": "string" },
            "instrument_version": { "type": "integer" },
            "opens_on": { "type": "string", "format": "date" },
            "closes_on": { "type": "string", "format": "date" },
            "status": { "type": "string", "enum": ["scheduled", "open", "closed"] }
        }
    });
    let error =
        json!({ "type": "object", "properties": { "error": { "type": "string" }, "message": { "type": "string" } } });
    let errors = json!({
        "401": { "description": "no valid session or token", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "the role reads no figures", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "not found in the caller's scope", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
    });
    let mut summary_responses = errors.clone();
    summary_responses["200"] = json!({ "description": "released figures (bands only while the wave is open)", "content": { "application/json": { "schema": {
        "type": "object",
        "properties": { "wave": { "$ref": "#/components/schemas/Wave" }, "k": { "type": "integer" }, "groups": { "type": "array", "items": { "$ref": "#/components/schemas/Group" } } }
    } } } });
    let mut list_responses = errors;
    list_responses["200"] = json!({ "description": "the caller's waves", "content": { "application/json": { "schema": {
        "type": "object", "properties": { "waves": { "type": "array", "items": { "$ref": "#/components/schemas/Wave" } } }
    } } } });
    HttpResponse::Ok().json(json!({
        "openapi": "3.0.3",
        "info": { "title": "Ahual API", "version": "1", "description": "k-anonymous school-climate figures. No figure about fewer than k respondents is ever returned." },
        "servers": [{ "url": "/api/v1" }],
        "security": [{ "bearer": [] }, { "session": [] }],
        "paths": {
            "/waves": { "get": { "summary": "Waves the caller may see", "responses": list_responses } },
            "/waves/{id}/summary": { "get": {
                "summary": "Released figures of one wave",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } }],
                "responses": summary_responses
            } }
        },
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "a token created on the account page" },
                "session": { "type": "apiKey", "in": "cookie", "name": "ahual_session" }
            },
            "schemas": { "Rate": rate, "Group": group, "Wave": wave, "Error": error }
        }
    }))
}
