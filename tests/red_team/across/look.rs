//! One look: every page, CSV and API answer that every role may read, fetched over HTTP as that
//! role, in English (so the attacker can read the item texts and region names).

use std::collections::BTreeMap;

use super::plan::{Built, NATIONAL, REGIONS, When, centre, psychologist};
use crate::common::TestApp;
use crate::common::world::PASSWORD;
use crate::views::normalised;

/// What one role fetched: path → (status, body).
pub type Views = BTreeMap<String, (u16, String)>;

/// Every role's views at one moment: login → views.
#[derive(Debug, Clone, Default)]
pub struct Look {
    pub by_role: BTreeMap<String, Views>,
}

impl Look {
    /// The body `login` got at `path` (which must have been served with 200).
    pub fn body(&self, login: &str, path: &str) -> Option<&str> {
        let (status, body) = self.by_role.get(login)?.get(path)?;
        (*status == 200).then_some(body.as_str())
    }

    /// Every view of every role, normalised (ids and anti-forgery tokens aside), for comparisons.
    pub fn normalised(&self) -> BTreeMap<(String, String), (u16, String)> {
        self.by_role
            .iter()
            .flat_map(|(login, views)| {
                views
                    .iter()
                    .map(move |(path, (status, body))| ((login.clone(), path.clone()), (*status, normalised(body))))
            })
            .collect()
    }
}

async fn fetch_as(app: &TestApp, login: &str, paths: Vec<String>) -> Views {
    app.clear_cookies();
    assert_eq!(app.login(login, PASSWORD).await.status, 303, "{login} signs in");
    assert_eq!(app.get("/lang/en").await.status, 303);
    let mut views = Views::new();
    for path in paths {
        let reply = app.get(&path).await;
        // 409: a closed wave whose counts are not ready yet has no CSV or API figures.
        assert!(reply.status == 200 || reply.status == 409, "{login} reads {path}: {} {}", reply.status, reply.body);
        views.insert(path, (reply.status, reply.body));
    }
    views
}

/// The name under which the views of someone not signed in (the open figures) are kept.
pub const PUBLIC: &str = "(public)";

/// What someone not signed in reads at `paths`, in English.
async fn fetch_public(app: &TestApp, paths: Vec<String>) -> Views {
    app.clear_cookies();
    assert_eq!(app.get("/lang/en").await.status, 303);
    let mut views = Views::new();
    for path in paths {
        let reply = app.get(&path).await;
        assert_eq!(reply.status, 200, "the public reads {path}: {}", reply.body);
        views.insert(path, (reply.status, reply.body));
    }
    views
}

/// The paths of one wave's page, CSV and API answer under `prefix` (`/school` or `/centre`).
fn wave_paths(prefix: &str, wave: impl std::fmt::Display) -> [String; 3] {
    [
        format!("{prefix}/waves/{wave}"),
        format!("{prefix}/waves/{wave}/figures.csv"),
        format!("/api/v1/waves/{wave}/summary"),
    ]
}

/// The published periods a region or national page can be asked for: the two the worlds use, the
/// one before them (empty), and the default (the last published one).
pub fn period_queries() -> Vec<String> {
    let mut queries: Vec<String> = [When::Earlier.period().previous(), When::Earlier.period(), When::Last.period()]
        .iter()
        .map(|p| format!("?period={}", p.id()))
        .collect();
    queries.push(String::new());
    queries
}

/// Every view of every psychologist, of each region's centre, of the national analyst and of
/// the public (each region's open figures).
pub async fn look(app: &TestApp, schools: &[Built]) -> Look {
    let mut look = Look::default();
    for school in schools {
        let mut paths = vec![
            "/school".to_owned(),
            "/school/waves".to_owned(),
            "/api/v1/waves".to_owned(),
            "/api/v1/referrals".to_owned(),
        ];
        for (_, wave) in school.ran() {
            paths.extend(wave_paths("/school", wave));
        }
        let login = psychologist(school.plan.code);
        let views = fetch_as(app, &login, paths).await;
        look.by_role.insert(login, views);
    }
    for region in REGIONS {
        let mut paths = vec!["/centre/waves".to_owned(), "/api/v1/waves".to_owned(), "/api/v1/referrals".to_owned()];
        paths.extend(period_queries().iter().map(|q| format!("/centre/region{q}")));
        for school in schools.iter().filter(|s| s.plan.region == region) {
            paths.push(format!("/centre/schools/{}", school.id));
            for (_, wave) in school.ran() {
                paths.extend(wave_paths("/centre", wave));
            }
        }
        look.by_role.insert(centre(region).to_owned(), fetch_as(app, centre(region), paths).await);
    }
    let paths = period_queries().iter().map(|q| format!("/national{q}")).collect();
    look.by_role.insert(NATIONAL.to_owned(), fetch_as(app, NATIONAL, paths).await);
    let public = REGIONS
        .iter()
        .flat_map(|region| period_queries().into_iter().map(move |q| (region, q)))
        .flat_map(|(region, q)| [format!("/open/{region}{q}"), format!("/open/{region}/figures.csv{q}")])
        .collect();
    look.by_role.insert(PUBLIC.to_owned(), fetch_public(app, public).await);
    look
}
