//! How fast one address may write to the trust box, so that one pupil (or a script) cannot bury a
//! psychologist's inbox under messages. The count lives in the process's memory only, per client
//! address, like the throttle on wrong passwords (`app::pupil_path`); the address is never stored or
//! logged.
//!
//! An address is often shared: a school's computer lab behind one, a mobile operator's many customers
//! behind another. So the limits stop a flood, not a class: a school receives a few trust box messages
//! a week, and a refused pupil is told to try again later or from another phone, and given 112 at once.

use crate::domain::survey::throttle::Rate;

/// New conversations one address may start in a burst, and then per hour (one every six minutes).
/// Ten, not fewer: after a lesson about the trust box a whole class may write from one lab's address
/// within the hour, and turning one of them away costs more than a prank that ten more messages an
/// hour cost a psychologist (who closes them as misuse).
pub const NEW_CONVERSATIONS_PER_HOUR: u32 = 10;

/// Further messages one address may write in conversations it holds receipts for, in a burst and
/// then per hour (one every three minutes): enough for a pupil writing back and forth with the
/// psychologist, and for several pupils of one lab, while a script cannot fill a conversation.
pub const MESSAGES_AGAIN_PER_HOUR: u32 = 20;

/// What a pupil writes, each kind with its own pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// A first message, which opens a conversation.
    NewConversation,
    /// A further message in a conversation, with its receipt.
    Again,
}

impl Writing {
    /// The pace of this kind of writing per address.
    pub fn rate(self) -> Rate {
        match self {
            Writing::NewConversation => Rate::per_hour(NEW_CONVERSATIONS_PER_HOUR),
            Writing::Again => Rate::per_hour(MESSAGES_AGAIN_PER_HOUR),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_writing_has_its_hourly_pace() {
        assert_eq!(Writing::NewConversation.rate(), Rate::per_hour(10));
        assert_eq!(Writing::Again.rate(), Rate::per_hour(20));
        assert!(Writing::Again.rate().burst > Writing::NewConversation.rate().burst);
    }
}
