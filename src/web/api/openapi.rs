//! `GET /api/v1/openapi.json`: the API described for clients and generators (OpenAPI 3.0).

use actix_web::HttpResponse;
use serde_json::json;

/// The OpenAPI document.
pub async fn document() -> HttpResponse {
    let rate = json!({
        "type": "object",
        "properties": {
            "positives": { "oneOf": [{ "type": "integer" }, { "type": "string", "example": "2-3" }] },
            "percent": { "type": "string", "example": "20%", "description": "whole percent; rounded to 5 below 30 respondents; extremes as ≤5% / ≥95%; a school (any group with parts) shows the range its classes and its withheld remainder add up to, such as 11-14%" },
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
    let mut list_responses = errors.clone();
    list_responses["200"] = json!({ "description": "the caller's waves", "content": { "application/json": { "schema": {
        "type": "object", "properties": { "waves": { "type": "array", "items": { "$ref": "#/components/schemas/Wave" } } }
    } } } });
    let referral = json!({
        "type": "object",
        "properties": {
            "id": { "type": "string", "format": "uuid" },
            "region": { "type": "string", "example": "KZ-71" },
            "place": { "type": "string", "enum": ["school", "region"], "description": "region: the region as a whole, no school, class or wave named" },
            "school": { "type": "string", "nullable": true, "description": "the school's code; null for a referral of the region" },
            "class": { "type": "string", "nullable": true, "description": "null: the school as a whole, or a referral of the region" },
            "wave_id": { "type": "string", "format": "uuid", "nullable": true, "description": "null for a manual referral and for a referral of the region" },
            "source": { "type": "string", "enum": ["flag", "manual"] },
            "severity": { "type": "string", "enum": ["urgent", "elevated", "watch"] },
            "status": { "type": "string", "enum": ["new", "acknowledged", "in_progress", "closed"] },
            "flags": { "type": "array", "items": { "type": "object", "properties": { "indicator": { "type": "string" }, "severity": { "type": "string" } } } },
            "outcome": { "type": "string", "enum": ["intervention_held", "referred_on", "no_action"], "nullable": true },
            "outcome_reason": { "type": "string", "nullable": true },
            "created_at": { "type": "string", "format": "date-time" },
            "acknowledge_by": { "type": "string", "format": "date-time" },
            "acknowledged_at": { "type": "string", "format": "date-time", "nullable": true },
            "closed_at": { "type": "string", "format": "date-time", "nullable": true },
            "overdue": { "type": "boolean" },
            "notes": { "type": "array", "items": { "$ref": "#/components/schemas/Note" }, "description": "only on a single referral" }
        },
        "required": ["id", "region", "place", "school", "source", "severity", "status", "flags", "created_at", "acknowledge_by", "overdue"]
    });
    let note = json!({
        "type": "object",
        "properties": {
            "id": { "type": "string", "format": "uuid" },
            "author": { "type": "string" },
            "side": { "type": "string", "enum": ["centre", "school"] },
            "body": { "type": "string" },
            "at": { "type": "string", "format": "date-time" }
        }
    });
    let id_parameter =
        json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } }]);
    let one_referral = json!({ "application/json": { "schema": { "$ref": "#/components/schemas/Referral" } } });
    let mut referral_list_responses = errors.clone();
    referral_list_responses["200"] = json!({ "description": "the caller's referrals, most severe first, then by deadline", "content": { "application/json": { "schema": {
        "type": "object", "properties": { "referrals": { "type": "array", "items": { "$ref": "#/components/schemas/Referral" } } }
    } } } });
    let mut referral_responses = errors.clone();
    referral_responses["200"] = json!({ "description": "the referral with its notes", "content": one_referral });
    let mut transition_responses = errors.clone();
    transition_responses["200"] =
        json!({ "description": "moved; the referral as it now stands", "content": one_referral });
    transition_responses["400"] = json!({ "description": "not JSON, an unknown field or status", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    transition_responses["409"] = json!({ "description": "not the next step of new → acknowledged → in_progress → closed, or closing without an outcome (no_action needs a reason)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let mut note_responses = errors.clone();
    note_responses["201"] = json!({ "description": "added; the referral with its notes", "content": one_referral });
    note_responses["400"] = json!({ "description": "empty or longer than 4,000 characters", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
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
            } },
            "/referrals": { "get": { "summary": "Referrals in the caller's scope (a centre: its region; a psychologist: their school)", "responses": referral_list_responses } },
            "/referrals/{id}": { "get": { "summary": "One referral with its notes", "parameters": id_parameter, "responses": referral_responses } },
            "/referrals/{id}/transition": { "post": {
                "summary": "Move a referral one step (centre staff only)",
                "parameters": id_parameter,
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object",
                    "properties": {
                        "to": { "type": "string", "enum": ["acknowledged", "in_progress", "closed"] },
                        "outcome": { "type": "string", "enum": ["intervention_held", "referred_on", "no_action"] },
                        "reason": { "type": "string", "description": "required with no_action" },
                        "note": { "type": "string", "maxLength": 4000 }
                    },
                    "required": ["to"]
                } } } },
                "responses": transition_responses
            } },
            "/referrals/{id}/notes": { "post": {
                "summary": "Add a note (centre staff or the school's psychologist)",
                "parameters": id_parameter,
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "body": { "type": "string", "maxLength": 4000 } }, "required": ["body"]
                } } } },
                "responses": note_responses
            } }
        },
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "a token created on the account page" },
                "session": { "type": "apiKey", "in": "cookie", "name": "ahual_session" }
            },
            "schemas": { "Rate": rate, "Group": group, "Wave": wave, "Error": error, "Referral": referral, "Note": note }
        }
    }))
}
