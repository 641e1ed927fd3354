//! Assembles the actix application: middleware order, limits, routes.

use std::net::TcpListener;

use actix_web::cookie::Key;
use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};

use super::csrf::FORM_LIMIT;
use super::errors::{AppError, render_error_pages};
use super::request_log;
use super::routes;
use super::security;
use super::session;
use super::state::AppState;

/// Builds the HTTP server on an already bound listener (port 0 in tests).
pub fn build_server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let key = state
        .settings
        .secret_key
        .as_ref()
        .map(|k| Key::from(k.bytes()))
        .ok_or_else(|| std::io::Error::other("a secret key is required to serve"))?;
    let secure = state.settings.secure_cookies();
    let hours = state.settings.session_hours;
    let workers = state.settings.workers;
    // Blocking tasks are database work: more threads than pooled connections only wait for one, and
    // under a rush of pupils hundreds of them cost more in switching than the queries themselves.
    let blocking_threads = (state.pool.max_size() as usize).div_ceil(workers.max(1)).max(2);
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(web::PayloadConfig::new(FORM_LIMIT))
            .app_data(web::FormConfig::default().limit(FORM_LIMIT))
            .app_data(
                web::JsonConfig::default()
                    .limit(FORM_LIMIT)
                    .error_handler(|_, _| AppError::BadRequest("error-bad-request").into()),
            )
            // A path segment that is not what the route reads (an id that is not a UUID) names nothing:
            // "not found", as a page in the request's language or the API's JSON error.
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .wrap(from_fn(render_error_pages))
            .wrap(session::middleware(key.clone(), secure, hours))
            .wrap(security::headers(secure))
            .wrap(Compress::default())
            .wrap(from_fn(request_log::staff_spans))
            .configure(routes::configure)
            .default_service(web::to(routes::not_found))
    })
    .workers(workers)
    .worker_max_blocking_threads(blocking_threads)
    // Without it a compressed page, written in more than one piece, waits for the client's delayed
    // ACK (40 ms on Linux) before its last piece is sent: every gzip page took 40+ ms on a client
    // that does not ask for quick ACKs, whatever the server's own time.
    .tcp_nodelay(true)
    .listen(listener)?
    .run();
    Ok(server)
}
