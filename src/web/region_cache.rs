//! Region figures kept in this process between views, valid while the region's [`CountsStamp`] is
//! unchanged ([`StampedCache`]).

use std::sync::Arc;

use super::stamped_cache::StampedCache;
use crate::db::region_counts::CountsStamp;
use crate::domain::instrument::InstrumentKey;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::region_figures::RegionFigures;

/// A region, a questionnaire version and a reporting period.
pub type RegionKey = (RegionCode, InstrumentKey, ReportingPeriod);

/// Regions times versions this process keeps at most; 20 regions with a few versions each fit, and a
/// kept region is about a megabyte even for the largest.
pub const REGION_CAPACITY: usize = 64;

/// Disclosed region figures by region and version.
pub type RegionCache = StampedCache<RegionKey, CountsStamp, Arc<RegionFigures>>;
