//! Pure domain logic: no HTTP, no SQL. The privacy, statistics and organisation rules live here so they
//! can be unit- and property-tested alone; `web` and `db` depend on this module, never the reverse.

pub mod account;
pub mod api_token;
pub mod audit;
pub mod client_address;
pub mod disclosure;
pub mod figures;
pub mod flagging;
pub mod ids;
pub mod instrument;
pub mod lang;
pub mod login_throttle;
pub mod organisation;
pub mod password;
pub mod period;
pub mod recount;
pub mod referral;
pub mod region;
pub mod region_figures;
pub mod roster;
pub mod school;
pub mod sealing;
pub mod second_factor;
pub mod staff_session;
pub mod statistics;
pub mod survey;
pub mod trust_box;
