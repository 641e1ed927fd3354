//! The document against the server: every registered API route is documented with its method and
//! nothing else is, the router answers exactly those, and the document keeps its meaning (paths,
//! parameters, schemas, security).

use std::collections::BTreeSet;

use actix_web::http::{Method, StatusCode};
use actix_web::{App, test as actix_test};
use serde_json::{Value, json};

use super::ApiDoc;
use crate::web::api::configure;
use utoipa::OpenApi;

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).expect("the document serialises")
}

fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    let pairs = paths.iter().flat_map(|(path, item)| {
        let methods = METHODS.into_iter().filter(|m| item.get(*m).is_some());
        methods.map(move |m| (m.to_owned(), path.clone()))
    });
    pairs.collect()
}

/// The API routes as [`configure`] registers them, read from its source the way the route fuzz
/// reads every route file, less the document itself.
fn registered() -> Vec<(String, String)> {
    // Comments are left out: the doc comment of `configure` mentions `.route(..)` itself.
    let code = include_str!("../mod.rs").lines().filter(|line| !line.trim_start().starts_with("//"));
    let source: String = code.flat_map(str::split_whitespace).collect();
    let calls = source.split(".route(").skip(1).map(|call| {
        let (pattern, rest) = call.split_once(",web::").expect("`.route(\"pattern\", web::method()...)`");
        let method = rest.split_once("()").expect("a method").0;
        (method.to_owned(), pattern.trim_matches('"').to_owned())
    });
    calls.filter(|(_, path)| path != "/openapi.json").collect()
}

#[test]
fn every_registered_route_is_documented_with_its_method_and_nothing_else() {
    let routes = registered();
    assert!(routes.len() >= 6, "the routes were read: {routes:?}");
    let unique: BTreeSet<_> = routes.iter().cloned().collect();
    assert_eq!(unique.len(), routes.len(), "no route is registered twice");
    assert_eq!(documented(&document()), unique);
}

#[actix_web::test]
async fn the_router_answers_exactly_the_documented_operations() {
    let app = actix_test::init_service(App::new().configure(configure)).await;
    let operations = documented(&document());
    let paths: BTreeSet<&str> = operations.iter().map(|(_, path)| path.as_str()).collect();
    for path in paths {
        let uri = format!("/api/v1{}", path.replace("{id}", "5f0c3e9e-2b7a-4a55-9d43-0c1f7f0a9b11"));
        for method in METHODS {
            let request = actix_test::TestRequest::default()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method"))
                .uri(&uri)
                .to_request();
            let status = actix_test::call_service(&app, request).await.status();
            // Without application state every routed call fails in its extractor, never as "no such route".
            let routed = ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&status);
            let operation = (method.to_owned(), path.to_owned());
            assert_eq!(routed, operations.contains(&operation), "{method} {uri} answered {status}");
        }
    }
    let unknown = actix_test::TestRequest::get().uri("/api/v1/schools").to_request();
    assert_eq!(actix_test::call_service(&app, unknown).await.status(), StatusCode::NOT_FOUND);
}

#[test]
fn the_document_names_its_server_and_both_ways_to_authenticate() {
    let doc = document();
    assert_eq!(doc["servers"], json!([{ "url": "/api/v1" }]));
    assert_eq!(doc["security"], json!([{ "bearer": [] }, { "session": [] }]));
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["type"], "http");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"], json!({ "type": "apiKey", "in": "cookie", "name": "ahual_session" }));
    assert_eq!(doc["info"]["title"], "Ahual API");
}

#[test]
fn every_operation_can_refuse_and_every_id_is_a_uuid_in_the_path() {
    let doc = document();
    for (method, path) in documented(&doc) {
        let operation = &doc["paths"][&path][&method];
        let responses = &operation["responses"];
        for status in ["401", "403", "404"] {
            assert!(responses[status]["content"]["application/json"].is_object(), "{method} {path} answers {status}");
        }
        assert!(responses["200"].is_object() || responses["201"].is_object(), "{method} {path} has a success");
        let params = operation["parameters"].as_array().cloned().unwrap_or_default();
        assert_eq!(params.len(), usize::from(path.contains("{id}")), "{method} {path}");
        for param in params {
            assert_eq!((param["name"].as_str(), param["in"].as_str()), (Some("id"), Some("path")));
            assert_eq!(param["required"], true);
            assert_eq!(param["schema"]["format"], "uuid");
        }
    }
}

fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    &doc["components"]["schemas"][name]
}

fn required(schema: &Value) -> BTreeSet<String> {
    let names = schema["required"].as_array().cloned().unwrap_or_default();
    names.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

#[test]
fn the_schemas_say_what_the_answers_hold() {
    let doc = document();
    for name in ["Rate", "Group", "Wave", "Error", "Referral", "Note", "TransitionBody", "NoteBody"] {
        assert!(schema(&doc, name)["properties"].is_object(), "{name} is described");
    }
    let group = schema(&doc, "Group");
    assert!(required(group).is_superset(&["level", "school", "respondents", "released"].map(String::from).into()));
    assert!(!required(group).contains("indicators"), "a withheld group has no indicators");
    assert_eq!(group["properties"]["level"]["enum"], json!(["school", "class"]));
    assert_eq!(group["properties"]["acute"]["enum"], json!(["≥1", "none"]));
    let referral = schema(&doc, "Referral");
    assert_eq!(referral["properties"]["severity"]["enum"], json!(["watch", "elevated", "urgent"]));
    assert_eq!(referral["properties"]["status"]["enum"], json!(["new", "acknowledged", "in_progress", "closed"]));
    assert!(required(referral).contains("school"), "school is always there, null for a region's referral");
    let transition = schema(&doc, "TransitionBody");
    assert_eq!(required(transition), BTreeSet::from(["to".to_owned()]));
    assert_eq!(transition["properties"]["to"]["enum"], json!(["acknowledged", "in_progress", "closed"]));
    assert_eq!(transition["properties"]["note"]["maxLength"], 4000);
    assert_eq!(required(schema(&doc, "NoteBody")), BTreeSet::from(["body".to_owned()]));
    let bodies = &doc["paths"]["/referrals/{id}/transition"]["post"]["requestBody"];
    assert_eq!(bodies["required"], true);
    for (name, field) in [("Group", "class"), ("Group", "indicators"), ("Referral", "notes")] {
        assert_ne!(
            schema(&doc, name)["properties"][field]["type"][1],
            "null",
            "{name}.{field} is left out, never null"
        );
    }
}

#[test]
fn every_operation_has_its_own_id() {
    let doc = document();
    let ids: Vec<String> = documented(&doc)
        .into_iter()
        .filter_map(|(method, path)| doc["paths"][&path][&method]["operationId"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), documented(&doc).len(), "{ids:?}");
}
