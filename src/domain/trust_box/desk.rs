//! Whose trust box a member of staff works, and what each desk may do with a conversation: one rule
//! for the pages, the API, the notices and the tests. A school reads the conversations addressed to
//! it (also once it has escalated one, to follow it); a centre reads those it holds; only the holder
//! works one. A message to the centre only never reaches the school.

use super::lifecycle::Holder;
use super::record::ConversationRecord;
use super::topic::Addressee;
use crate::domain::ids::SchoolId;
use crate::domain::region::RegionCode;

/// Whose trust box a member of staff works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Desk {
    /// A school's psychologist.
    School(SchoolId),
    /// A regional centre's staff.
    Centre(RegionCode),
}

impl Desk {
    /// The desk that holds `record` now: its school's, or its region's centre.
    pub fn holding(record: &ConversationRecord) -> Desk {
        match record.state.holder {
            Holder::School => Desk::School(record.school),
            Holder::Centre => Desk::Centre(record.region.clone()),
        }
    }

    /// Whether this desk may read `record`: a school the conversations addressed to it (also once
    /// escalated, to follow them); a centre those it holds. A message to the centre only never
    /// reaches the school.
    pub fn may_read(&self, record: &ConversationRecord) -> bool {
        match self {
            Desk::School(school) => record.school == *school && record.addressee == Addressee::School,
            Desk::Centre(region) => record.region == *region && record.state.holder == Holder::Centre,
        }
    }

    /// Whether this desk may reply, escalate or close: only the holder.
    pub fn may_work(&self, record: &ConversationRecord) -> bool {
        self.may_read(record)
            && match self {
                Desk::School(_) => record.state.holder == Holder::School,
                Desk::Centre(_) => true,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ConversationId;
    use crate::domain::trust_box::lifecycle::Step;
    use crate::domain::trust_box::record::Opening;
    use crate::domain::trust_box::topic::Topic;
    use chrono::NaiveDate;

    fn region(code: &str) -> RegionCode {
        RegionCode::parse(code).expect("a region")
    }

    fn written(school: SchoolId, addressee: Addressee) -> ConversationRecord {
        let now = NaiveDate::from_ymd_opt(2026, 12, 7).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("a time");
        let opening = Opening { topic: Topic::Bullying, addressee, in_danger: false };
        ConversationRecord::open(ConversationId::random(), school, region("KZ-71"), opening, now)
    }

    #[test]
    fn a_school_reads_and_works_what_was_written_to_it_and_nothing_of_another_school() {
        let (school, other) = (SchoolId::random(), SchoolId::random());
        let record = written(school, Addressee::School);
        assert!(Desk::School(school).may_read(&record) && Desk::School(school).may_work(&record));
        assert!(!Desk::School(other).may_read(&record) && !Desk::School(other).may_work(&record));
        assert!(!Desk::Centre(region("KZ-71")).may_read(&record), "the centre reads it once escalated");
        assert_eq!(Desk::holding(&record), Desk::School(school));
    }

    #[test]
    fn a_message_to_the_centre_only_never_reaches_the_school() {
        let school = SchoolId::random();
        let record = written(school, Addressee::CentreOnly);
        assert!(!Desk::School(school).may_read(&record) && !Desk::School(school).may_work(&record));
        assert!(Desk::Centre(region("KZ-71")).may_work(&record));
        assert!(!Desk::Centre(region("KZ-75")).may_read(&record), "another region's centre reads nothing");
        assert_eq!(Desk::holding(&record), Desk::Centre(region("KZ-71")));
    }

    #[test]
    fn once_escalated_the_centre_works_it_and_the_school_only_follows() {
        let school = SchoolId::random();
        let record = written(school, Addressee::School);
        let escalated = record.after(Step::Escalated, record.arrived_at).expect("escalated");
        assert!(Desk::School(school).may_read(&escalated) && !Desk::School(school).may_work(&escalated));
        assert!(Desk::Centre(region("KZ-71")).may_work(&escalated));
        assert!(!Desk::Centre(region("KZ-75")).may_read(&escalated));
        assert_eq!(Desk::holding(&escalated), Desk::Centre(region("KZ-71")));
    }
}
