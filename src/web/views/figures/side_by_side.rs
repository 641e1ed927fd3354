//! One table of regions side by side (the trust box's figures, the centres' referral figures): a row
//! per region headed by its name, under the given columns, scrolling inside a region labelled by the
//! table's title.

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::web::views::components::scroll_region;

/// The table titled `title` with `columns` after the region's, one row per item of `rows` (its
/// region named by `region`, its cells drawn by `cells`).
pub fn regions_side_by_side<R>(
    lang: Lang,
    title: &str,
    columns: &[String],
    rows: &[R],
    region: impl Fn(&R) -> &str,
    cells: impl Fn(&R) -> Markup,
) -> Markup {
    scroll_region(
        title,
        html! {
            table {
                caption { (title) }
                thead { tr {
                    th scope="col" { (lang.t("trust-figures-col-region")) }
                    @for column in columns { th scope="col" { (column) } }
                } }
                tbody { @for row in rows { tr { th scope="row" { (region(row)) } (cells(row)) } } }
            }
        },
    )
}
