//! Survey waves and the pupil's way in: class passwords and single-use codes, the signed single-use
//! form token that lets one pupil submit once (sealed into the form's address, so the URL names nothing), wave dates in Kazakhstan time, and the throttle on
//! wrong passwords. Pure logic; storage is in `db::waves` and `db::responses`.

pub mod access_secret;
pub mod admission;
pub mod catalog;
pub mod form_pass;
pub mod form_token;
pub mod throttle;
pub mod wave;
pub mod wave_record;
