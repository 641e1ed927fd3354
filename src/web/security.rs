//! Headers every response carries: a Content Security Policy with no inline script, no framing, no
//! referrer, no sniffing, and no caching of pages (shared school computers keep nothing).

use actix_web::middleware::DefaultHeaders;

/// The policy: only our own styles and scripts, no inline code, no frames, forms post only to us.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Default headers for every response (handlers may set their own `Cache-Control`, e.g. for CSS).
pub fn headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"))
        .add(("Cache-Control", "no-store"))
}
