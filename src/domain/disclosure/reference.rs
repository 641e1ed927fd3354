//! When a region's released figures may be drawn as reference lines on one school's wave page.
//!
//! A line is a figure shown beside the school's own, so it must not say more than the two apart: it
//! is the region of a published reporting period only (figures that rolled with every closed wave
//! gave each newly counted school away), it must count this very wave (else the page sets the school
//! beside a region that holds another of its waves), and it must hold someone beyond the school (else
//! the line is the school's own figure again, or the region less the school by subtraction).

use crate::domain::ids::WaveId;

/// What a region's released figures say about one school in them: the facts the rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionBeside {
    /// The school's wave the region's figures counted, if they counted one.
    pub counted_wave: Option<WaveId>,
    /// The region's released respondents, or `None` when the region as a whole is withheld.
    pub region_respondents: Option<u32>,
    /// The school's released respondents in the region's figures (0 when withheld or absent).
    pub school_respondents: u32,
}

/// Whether the region's lines are drawn, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionLines {
    /// Drawn beside the school's figures.
    Drawn,
    /// The wave's reporting period is not published: no region figures exist for it yet.
    NotPublished,
    /// The region as a whole is withheld.
    Withheld,
    /// The region counted another wave of the school, or none.
    OtherWave,
    /// The region holds no one beyond the school.
    SchoolAlone,
}

/// Decides whether the region's lines may stand beside wave `wave` of a school, from what the
/// region's figures of the wave's period say about the school (`None`: the period is not published).
pub fn region_lines(wave: WaveId, region: Option<&RegionBeside>) -> RegionLines {
    let Some(region) = region else { return RegionLines::NotPublished };
    let Some(respondents) = region.region_respondents else { return RegionLines::Withheld };
    if region.counted_wave != Some(wave) {
        RegionLines::OtherWave
    } else if respondents <= region.school_respondents {
        RegionLines::SchoolAlone
    } else {
        RegionLines::Drawn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beside(wave: WaveId) -> RegionBeside {
        RegionBeside { counted_wave: Some(wave), region_respondents: Some(120), school_respondents: 40 }
    }

    #[test]
    fn a_region_of_a_published_period_that_counts_this_wave_and_others_is_drawn() {
        let wave = WaveId::random();
        assert_eq!(region_lines(wave, Some(&beside(wave))), RegionLines::Drawn);
    }

    #[test]
    fn nothing_is_drawn_before_the_period_is_published() {
        assert_eq!(region_lines(WaveId::random(), None), RegionLines::NotPublished);
    }

    #[test]
    fn a_withheld_region_is_not_drawn() {
        let wave = WaveId::random();
        let region = RegionBeside { region_respondents: None, ..beside(wave) };
        assert_eq!(region_lines(wave, Some(&region)), RegionLines::Withheld);
    }

    #[test]
    fn a_region_that_counted_another_wave_of_the_school_or_none_is_not_drawn() {
        let wave = WaveId::random();
        let other = RegionBeside { counted_wave: Some(WaveId::random()), ..beside(wave) };
        assert_eq!(region_lines(wave, Some(&other)), RegionLines::OtherWave);
        let none = RegionBeside { counted_wave: None, ..beside(wave) };
        assert_eq!(region_lines(wave, Some(&none)), RegionLines::OtherWave);
    }

    #[test]
    fn a_region_that_is_the_school_alone_is_not_drawn() {
        let wave = WaveId::random();
        let alone = RegionBeside { region_respondents: Some(40), ..beside(wave) };
        assert_eq!(region_lines(wave, Some(&alone)), RegionLines::SchoolAlone);
        let one_more = RegionBeside { region_respondents: Some(41), ..beside(wave) };
        assert_eq!(region_lines(wave, Some(&one_more)), RegionLines::Drawn);
    }
}
