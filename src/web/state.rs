//! What every handler shares: the connection pool and the settings.

use std::sync::Arc;

use actix_web::web;

use super::errors::AppError;
use super::school_dashboard::{DASHBOARD_CAPACITY, DashboardCache};
use super::survey_pages::SurveyPages;
use crate::app::pupil_path::PupilPath;
use crate::app::region_figures::{REGION_CAPACITY, RegionCache};
use crate::app::run_flags::FlagContext;
use crate::app::wave_figures::FigureContext;
use crate::config::Settings;
use crate::db::group_commit::Submitter;
use crate::db::supervision::ThreadWatch;
use crate::db::{DbConnection, DbError, Pool, noise_key};
use crate::domain::disclosure::Noise;
use crate::domain::roster::staged::UploadSeal;
use crate::domain::second_factor::SecretSeal;
use crate::domain::survey::catalog::Catalog;
use crate::domain::trust_box::receipt::TrustBoxKey;
use crate::notify::{Deliverer, NotifyPlan};

/// Shared, cheap to clone; no other in-process state must be shared between instances.
#[derive(Clone)]
pub struct AppState {
    /// Database connections.
    pub pool: Pool,
    /// Stores pupils' responses (grouped into shared commits on SQLite).
    pub submitter: Submitter,
    /// Effective configuration.
    pub settings: Arc<Settings>,
    /// The instruments, checked at start.
    pub catalog: Arc<Catalog>,
    /// Which notifications new referrals and the trust box get.
    pub notify: Arc<NotifyPlan>,
    /// Delivers queued notifications with the configured transports.
    pub deliverer: Deliverer,
    /// Region figures already disclosed, valid until another wave of the region is counted.
    pub region_cache: RegionCache,
    /// Closed waves' figures sections as drawn, valid until another wave of the region is counted.
    pub dashboards: DashboardCache,
    /// What the pupil's use cases share in this process: the signing key, the throttle on wrong
    /// passwords and the memories of the hot path.
    pub pupil: PupilPath,
    /// The questionnaire pages rendered so far, each waiting only for a pupil's token.
    pub survey_pages: SurveyPages,
    /// The deployment's noise on released figures, keyed by the key stored with the data.
    pub noise: Arc<Noise>,
    /// The trust box's key, derived from the deployment's secret key and never stored in the
    /// database: it finds conversations by receipt and seals their words.
    pub trust_box: TrustBoxKey,
    /// How often the submission writers and the checkpoint thread failed and carried on, for
    /// `/healthz` (the threads' starter shares it with them; `new` starts with an empty one).
    pub threads: Arc<ThreadWatch>,
    /// The key that seals spreadsheet rosters waiting between their steps, derived from the
    /// deployment's secret key (`domain::roster::staged::UploadSeal`).
    pub roster_seal: Arc<UploadSeal>,
    /// The key that seals staff accounts' TOTP secrets, derived from the deployment's secret key
    /// (`domain::second_factor::SecretSeal`).
    pub second_factor_seal: Arc<SecretSeal>,
}

impl AppState {
    /// State for a server over `pool` with `settings`, the checked `catalog` and a `submitter`. Starts
    /// nothing: the writer threads behind the submitter, and every other thread or task, belong to
    /// whoever started them (`startup::Application`), which stops them.
    ///
    /// # Errors
    /// When the noise key cannot be read or stored (see [`noise_key::ensure`]).
    pub fn new(pool: Pool, settings: Settings, catalog: Catalog, submitter: Submitter) -> Result<AppState, DbError> {
        let noise = Noise::keyed(&noise_key::ensure(&mut *pool.get()?)?);
        let notify = Arc::new(NotifyPlan::new(&settings.public_url, &settings.notify));
        let deliverer = Deliverer::new(settings.notify.clone());
        let pupil = PupilPath::new(settings.secret_key.as_ref().map_or(&[], |k| k.bytes()));
        let trust_box = TrustBoxKey::derived_from(settings.secret_key.as_ref().map_or(&[], |k| k.bytes()));
        let roster_seal = Arc::new(UploadSeal::derived_from(settings.secret_key.as_ref().map_or(&[], |k| k.bytes())));
        let second_factor_seal =
            Arc::new(SecretSeal::derived_from(settings.secret_key.as_ref().map_or(&[], |k| k.bytes())));
        Ok(AppState {
            submitter,
            pool,
            notify,
            deliverer,
            settings: Arc::new(settings),
            catalog: Arc::new(catalog),
            region_cache: RegionCache::new(REGION_CAPACITY),
            dashboards: DashboardCache::new(DASHBOARD_CAPACITY),
            pupil,
            survey_pages: SurveyPages::default(),
            noise: Arc::new(noise),
            trust_box,
            threads: Arc::default(),
            roster_seal,
            second_factor_seal,
        })
    }

    /// What closing a wave or running flags needs.
    pub fn flag_context(&self) -> FlagContext {
        FlagContext { catalog: self.catalog.clone(), k: self.settings.k, notify: self.notify.clone() }
    }

    /// What making figures needs: the questionnaires, the threshold, the noise and the kept regions.
    pub fn figure_context(&self) -> FigureContext {
        FigureContext {
            catalog: self.catalog.clone(),
            k: self.settings.k,
            noise: self.noise.clone(),
            regions: self.region_cache.clone(),
        }
    }

    /// Runs a use case of `app` with a pooled connection on the blocking thread pool, where its
    /// queries and its disclosure work never stall the async workers; its error becomes the page's.
    pub async fn use_case<T, E, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: Into<AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let result = web::block(move || pool.get().map(|mut conn| work(&mut conn)))
            .await
            .map_err(|e| AppError::failed("a blocking use case failed", e))?;
        result.map_err(DbError::from)?.map_err(Into::into)
    }

    /// Runs CPU-heavy work (password hashing) off the async workers.
    pub async fn cpu<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        web::block(work).await.map_err(|e| AppError::failed("a blocking task failed", e))
    }
}
