//! Survey waves and the pupil's way in: class passwords and single-use codes, the signed single-use
//! form token that lets one pupil submit once, wave dates in Kazakhstan time, and the throttle on
//! wrong passwords. Pure logic; storage is in `db::waves` and `db::responses`.

pub mod access_secret;
pub mod catalog;
pub mod form_token;
pub mod throttle;
pub mod wave;
pub mod wave_record;
