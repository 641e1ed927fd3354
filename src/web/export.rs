//! CSV export of released figures: the same suppression as the pages, with a header naming k and the
//! instrument version, one row per released group and measure.

use actix_web::HttpResponse;

use super::errors::AppError;
use crate::app::wave_figures::{NotYet, WaveFigures};
use crate::domain::disclosure::GroupFigures;

fn rows(writer: &mut csv::Writer<Vec<u8>>, level: &str, class: &str, figures: &GroupFigures) -> csv::Result<()> {
    let respondents = figures.respondents().to_string();
    for (measure, rate) in figures.indicators().iter().filter(|(name, _)| !name.starts_with("item:")) {
        writer.write_record([
            level,
            class,
            respondents.as_str(),
            measure,
            &rate.percent().to_string(),
            &format!("{:.1}", rate.ci_low()),
            &format!("{:.1}", rate.ci_high()),
            &rate.positives().to_string(),
        ])?;
    }
    if let Some(signal) = figures.acute() {
        let shown = serde_json::to_value(signal).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        writer.write_record([level, class, respondents.as_str(), "acute_signal", &shown, "", "", ""])?;
    }
    Ok(())
}

/// The CSV text of a wave's released figures.
pub fn figures_csv(figures: &WaveFigures) -> csv::Result<String> {
    let wave = &figures.wave;
    let mut header = format!(
        "# Ahual released figures\n# wave={} instrument={} version={} k={}\n# groups below k and their complements are left out; percentages are rounded as on screen\n",
        wave.id,
        wave.instrument.code(),
        wave.instrument.version(),
        figures.k.get()
    );
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["level", "class", "respondents", "measure", "percent", "ci_low", "ci_high", "positives"])?;
    if let Some(school) = figures.report.figures() {
        rows(&mut writer, "school", "", school.get())?;
    }
    for part in figures.report.parts() {
        if let Some(class) = part.figures() {
            rows(&mut writer, "class", &figures.label(part.key()), class.get())?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    header.push_str(&String::from_utf8_lossy(&bytes));
    Ok(header)
}

/// The download response for a wave's figures (or 409 while they are not released yet).
pub fn csv_response(loaded: Result<WaveFigures, NotYet>) -> Result<HttpResponse, AppError> {
    let loaded = loaded.map_err(|_| AppError::Conflict("figures-not-yet"))?;
    let csv = figures_csv(&loaded).map_err(|e| AppError::failed("writing the figures as CSV", e))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"ahual-wave-{}.csv\"", loaded.wave.id)))
        .body(csv))
}
