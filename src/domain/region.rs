//! The 20 regions of Kazakhstan (17 oblasts and the cities Astana, Almaty and Shymkent), each with one
//! regional Psychological Support Centre. They are built in because every deployment shares them and
//! referrals are routed by them. Codes follow ISO 3166-2:KZ.

use super::lang::Localized;
use std::fmt;

/// One built-in region with its centre.
#[derive(Debug, Clone, Copy)]
pub struct BuiltInRegion {
    /// ISO 3166-2:KZ code, such as `KZ-71` for Astana.
    pub code: &'static str,
    /// Region name in kk, ru, en.
    pub name: [&'static str; 3],
    /// The centre's name in kk, ru, en.
    pub centre: [&'static str; 3],
    /// Default address for referral notifications; admins replace it with the real one.
    pub centre_email: &'static str,
}

impl BuiltInRegion {
    /// The region name as a localized value.
    pub fn localized_name(&self) -> Localized {
        localized(self.name)
    }

    /// The centre name as a localized value.
    pub fn localized_centre(&self) -> Localized {
        localized(self.centre)
    }
}

fn localized([kk, ru, en]: [&'static str; 3]) -> Localized {
    Localized { kk: kk.to_owned(), ru: ru.to_owned(), en: en.to_owned() }
}

macro_rules! region {
    ($code:literal, $kk:literal, $ru:literal, $en:literal, $ckk:literal, $cru:literal, $mail:literal) => {
        BuiltInRegion {
            code: $code,
            name: [$kk, $ru, $en],
            centre: [
                concat!($ckk, " психологиялық қолдау орталығы"),
                concat!("Центр психологической поддержки ", $cru),
                concat!("Psychological Support Centre, ", $en),
            ],
            centre_email: concat!("psc-", $mail, "@example.kz"),
        }
    };
}

/// All regions, in the order lists show them (the three cities first, then oblasts alphabetically in Kazakh).
pub const REGIONS: [BuiltInRegion; 20] = [
    region!("KZ-71", "Астана қаласы", "город Астана", "Astana", "Астана қалалық", "города Астаны", "astana"),
    region!("KZ-75", "Алматы қаласы", "город Алматы", "Almaty", "Алматы қалалық", "города Алматы", "almaty"),
    region!("KZ-79", "Шымкент қаласы", "город Шымкент", "Shymkent", "Шымкент қалалық", "города Шымкента", "shymkent"),
    region!("KZ-10", "Абай облысы", "область Абай", "Abai Region", "Абай облыстық", "области Абай", "abai"),
    region!(
        "KZ-11",
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola Region",
        "Ақмола облыстық",
        "Акмолинской области",
        "akmola"
    ),
    region!(
        "KZ-15",
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe Region",
        "Ақтөбе облыстық",
        "Актюбинской области",
        "aktobe"
    ),
    region!(
        "KZ-19",
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region",
        "Алматы облыстық",
        "Алматинской области",
        "almaty-region"
    ),
    region!(
        "KZ-23",
        "Атырау облысы",
        "Атырауская область",
        "Atyrau Region",
        "Атырау облыстық",
        "Атырауской области",
        "atyrau"
    ),
    region!(
        "KZ-27",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        "Батыс Қазақстан облыстық",
        "Западно-Казахстанской области",
        "west"
    ),
    region!(
        "KZ-31",
        "Жамбыл облысы",
        "Жамбылская область",
        "Jambyl Region",
        "Жамбыл облыстық",
        "Жамбылской области",
        "jambyl"
    ),
    region!("KZ-33", "Жетісу облысы", "область Жетісу", "Jetisu Region", "Жетісу облыстық", "области Жетісу", "jetisu"),
    region!(
        "KZ-35",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
        "Қарағанды облыстық",
        "Карагандинской области",
        "karaganda"
    ),
    region!(
        "KZ-39",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region",
        "Қостанай облыстық",
        "Костанайской области",
        "kostanay"
    ),
    region!(
        "KZ-43",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region",
        "Қызылорда облыстық",
        "Кызылординской области",
        "kyzylorda"
    ),
    region!(
        "KZ-47",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
        "Маңғыстау облыстық",
        "Мангистауской области",
        "mangystau"
    ),
    region!(
        "KZ-55",
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar Region",
        "Павлодар облыстық",
        "Павлодарской области",
        "pavlodar"
    ),
    region!(
        "KZ-59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        "Солтүстік Қазақстан облыстық",
        "Северо-Казахстанской области",
        "north"
    ),
    region!(
        "KZ-61",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region",
        "Түркістан облыстық",
        "Туркестанской области",
        "turkistan"
    ),
    region!("KZ-62", "Ұлытау облысы", "область Улытау", "Ulytau Region", "Ұлытау облыстық", "области Улытау", "ulytau"),
    region!(
        "KZ-63",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        "Шығыс Қазақстан облыстық",
        "Восточно-Казахстанской области",
        "east"
    ),
];

/// A code that names one of the built-in regions; holding one proves the region exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    /// Accepts only the codes of [`REGIONS`], ignoring case and surrounding space.
    pub fn parse(input: &str) -> Option<RegionCode> {
        let wanted = input.trim().to_ascii_uppercase();
        REGIONS.iter().find(|r| r.code == wanted).map(|r| RegionCode(r.code.to_owned()))
    }

    /// The code as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The built-in entry for this code.
    pub fn built_in(&self) -> &'static BuiltInRegion {
        // A RegionCode can only be built from REGIONS, so the search always succeeds; the fallback keeps
        // this total without a panic path.
        REGIONS.iter().find(|r| r.code == self.0).unwrap_or(&REGIONS[0])
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One line per region, `KZ-71  Astana`, for `--help` texts and error messages.
pub fn region_code_list() -> String {
    REGIONS.iter().map(|r| format!("  {}  {} / {}", r.code, r.name[2], r.name[1])).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn there_are_twenty_distinct_iso_codes_with_three_names_each() {
        let codes: HashSet<_> = REGIONS.iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), 20);
        for r in REGIONS {
            assert!(r.code.starts_with("KZ-") && r.code.len() == 5, "{}", r.code);
            assert!(r.name.iter().chain(r.centre.iter()).all(|n| !n.trim().is_empty()));
        }
        let emails: HashSet<_> = REGIONS.iter().map(|r| r.centre_email).collect();
        assert_eq!(emails.len(), 20);
    }

    #[test]
    fn parses_only_built_in_codes() {
        assert_eq!(RegionCode::parse(" kz-71 ").map(|c| c.to_string()), Some("KZ-71".to_owned()));
        assert!(RegionCode::parse("KZ-99").is_none());
        assert!(RegionCode::parse("KZ-AST").is_none());
        let shymkent = RegionCode::parse("KZ-79");
        assert_eq!(shymkent.map(|c| c.built_in().name[2]), Some("Shymkent"));
    }
}
