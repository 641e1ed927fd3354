//! The roster upload form (`multipart/form-data`, the only one of its kind): its anti-forgery token,
//! the kind chosen and the file. The file is read into memory up to `MAX_UPLOAD_BYTES`; a larger one
//! is read to its end and dropped, so the browser gets the page saying it is too large instead of a
//! connection closed under it. A body whose declared length is far beyond that is refused at once.

use std::future::poll_fn;
use std::pin::Pin;

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_LENGTH;
use futures_core::Stream;

use super::AppError;
use super::csrf::token_matches;
use super::session::stored_csrf_token;
use crate::domain::roster::table::MAX_UPLOAD_BYTES;

/// A body declared longer than this is not read at all: draining it to answer politely would cost
/// more than the politeness is worth.
const MAX_DRAINED_BYTES: usize = 4 * MAX_UPLOAD_BYTES;

/// The longest text field read (the token, the kind).
const TEXT_LIMIT: usize = 1024;

/// What the upload form sent.
#[derive(Debug)]
pub enum UploadedFile {
    /// No file, or an empty one.
    Missing,
    /// Over `MAX_UPLOAD_BYTES`.
    TooLarge,
    /// The file's name and bytes.
    Read(String, Vec<u8>),
}

/// The upload form, its token checked.
#[derive(Debug)]
pub struct UploadForm {
    /// The kind chosen (a `Kind` key, unchecked).
    pub kind: String,
    /// The file.
    pub file: UploadedFile,
}

/// Whether the request says its body is larger than anything worth reading.
pub fn declared_too_large(req: &HttpRequest) -> bool {
    let length = req.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    length.is_some_and(|n| n > MAX_DRAINED_BYTES)
}

/// Reads every part of the form, then checks its token against the session's.
pub async fn read_upload(mut multipart: Multipart, session: &Session) -> Result<UploadForm, AppError> {
    let mut token = None;
    let mut kind = String::new();
    let mut file = UploadedFile::Missing;
    let mut read = 0usize;
    while let Some(part) = poll_fn(|cx| Pin::new(&mut multipart).poll_next(cx)).await {
        let mut part = part.map_err(|_| AppError::BadRequest("error-bad-request"))?;
        let name = part.name().unwrap_or_default().to_owned();
        let limit = if name == "file" { MAX_UPLOAD_BYTES } else { TEXT_LIMIT };
        let bytes = match part.bytes(limit).await {
            Ok(Ok(bytes)) => Some(bytes),
            Ok(Err(_)) => return Err(AppError::BadRequest("error-bad-request")),
            Err(_) => None,
        };
        read += bytes.as_ref().map_or(limit, |b| b.len());
        if read > MAX_DRAINED_BYTES {
            return Err(AppError::BadRequest("error-too-large"));
        }
        let text = || bytes.as_ref().map(|b| String::from_utf8_lossy(b).into_owned());
        match name.as_str() {
            "csrf" => token = text(),
            "kind" => kind = text().unwrap_or_default(),
            "file" => {
                let file_name =
                    part.content_disposition().and_then(|d| d.get_filename()).unwrap_or_default().to_owned();
                file = match bytes {
                    None => UploadedFile::TooLarge,
                    Some(b) if b.is_empty() => UploadedFile::Missing,
                    Some(b) => UploadedFile::Read(file_name, b.to_vec()),
                };
            }
            _ => {}
        }
    }
    if !token_matches(token.as_deref(), stored_csrf_token(session).as_deref()) {
        return Err(AppError::Csrf);
    }
    Ok(UploadForm { kind, file })
}
