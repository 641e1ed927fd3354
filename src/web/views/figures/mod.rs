//! Views of released figures: the dashboard of one wave and its trend. They read only what the disclosure engine
//! released (`Released<…>` inside the report); nothing here can see a count it was not given.

pub mod cells;
pub mod dashboard;
pub mod groups_table;
pub mod period;
pub mod rates;
pub mod side_by_side;
pub mod trends;
