//! What an audit entry records someone did: one variant per kind of look or change.
//!
//! The actions were string literals at each caller, so a typo made a new kind of entry that no
//! reader looked for. The stored text is part of each entry's hash, so [`AuditAction::as_str`] is
//! frozen: a variant's text never changes once released, and a new action is a new variant.

use std::fmt;

/// A kind of audited look or change. Stored as [`AuditAction::as_str`]; read back with
/// [`AuditAction::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AuditAction {
    /// A staff page showed a wave's released figures.
    ViewFigures,
    /// A school's dashboard showed an earlier wave as part of a trend.
    ViewTrend,
    /// A page showed a region's released figures of a period.
    ViewRegion,
    /// The national overview showed every region's figures of a period.
    ViewNational,
    /// A page listed referrals of a scope.
    ViewReferralList,
    /// A page showed one referral.
    ViewReferral,
    /// The API listed referrals of a scope.
    ApiReferralList,
    /// The API returned one referral.
    ApiReferral,
    /// The API returned a wave's released figures.
    ApiSummary,
    /// A wave's released figures were downloaded as CSV.
    ExportCsv,
    /// A wave was opened.
    WaveOpened,
    /// Single-use codes were issued for a class of a wave.
    WaveCodesIssued,
    /// A wave was closed, by hand or at its last day.
    WaveClosed,
    /// A school was created.
    SchoolCreated,
    /// A school's details changed.
    SchoolChanged,
    /// A region's settings (its centre's address) changed.
    SettingsChanged,
    /// A note was added to a referral.
    ReferralNote,
    /// A referral moved to its next status.
    ReferralTransition,
    /// A referral was raised, by a flag run or by hand.
    ReferralCreated,
    /// A staff account was created.
    UserCreated,
    /// An account's role or scope changed.
    RoleChanged,
    /// An account was deactivated.
    UserDeactivated,
    /// An account was reactivated.
    UserReactivated,
    /// An account's login, name or email changed.
    UserChanged,
    /// An account's password was set.
    PasswordSet,
    /// An API token was created for an account.
    ApiTokenCreated,
    /// An account's API token was revoked.
    ApiTokenRevoked,
    /// A page listed trust box conversations of a school or a centre.
    ViewTrustInbox,
    /// A page showed one trust box conversation's words.
    ViewTrustConversation,
    /// A page showed the trust box's figures of a region (or of every region) and period.
    ViewTrustFigures,
    /// Staff replied to a pupil in the trust box.
    TrustReply,
    /// Staff added a note (school and centre) to a trust box conversation.
    TrustNote,
    /// A school passed a trust box conversation to its centre.
    TrustEscalated,
    /// A trust box conversation was closed with an outcome.
    TrustClosed,
    /// A page showed every centre's referral figures (received, acknowledged, closed) of a period.
    ViewCentreFigures,
    /// An administrator made an undelivered notification due again.
    OutboxRetried,
    /// A spreadsheet roster uploaded in the browser was imported (its schools and accounts also have
    /// their own entries; its classes only this one).
    RosterImported,
    /// An account enrolled an authenticator app as its second factor (its recovery codes came with it).
    SecondFactorEnrolled,
    /// An account's owner removed its second factor (only where their role does not require one).
    SecondFactorRemoved,
    /// An administrator (or the operator's CLI) reset an account's second factor: it must enrol a new one.
    SecondFactorReset,
    /// An account's owner replaced their recovery codes with a new set.
    RecoveryCodesRenewed,
    /// An account signed in with a recovery code instead of its authenticator.
    RecoveryCodeUsed,
    /// An account's owner ended their other sessions (or one of them) from the account page.
    SessionsEnded,
}

impl AuditAction {
    /// Every action, for reading back and for the test that keeps the texts distinct.
    pub const ALL: [AuditAction; 43] = [
        AuditAction::ViewFigures,
        AuditAction::ViewTrend,
        AuditAction::ViewRegion,
        AuditAction::ViewNational,
        AuditAction::ViewReferralList,
        AuditAction::ViewReferral,
        AuditAction::ApiReferralList,
        AuditAction::ApiReferral,
        AuditAction::ApiSummary,
        AuditAction::ExportCsv,
        AuditAction::WaveOpened,
        AuditAction::WaveCodesIssued,
        AuditAction::WaveClosed,
        AuditAction::SchoolCreated,
        AuditAction::SchoolChanged,
        AuditAction::SettingsChanged,
        AuditAction::ReferralNote,
        AuditAction::ReferralTransition,
        AuditAction::ReferralCreated,
        AuditAction::UserCreated,
        AuditAction::RoleChanged,
        AuditAction::UserDeactivated,
        AuditAction::UserReactivated,
        AuditAction::UserChanged,
        AuditAction::PasswordSet,
        AuditAction::ApiTokenCreated,
        AuditAction::ApiTokenRevoked,
        AuditAction::ViewTrustInbox,
        AuditAction::ViewTrustConversation,
        AuditAction::TrustReply,
        AuditAction::TrustNote,
        AuditAction::TrustEscalated,
        AuditAction::TrustClosed,
        AuditAction::ViewTrustFigures,
        AuditAction::ViewCentreFigures,
        AuditAction::OutboxRetried,
        AuditAction::RosterImported,
        AuditAction::SecondFactorEnrolled,
        AuditAction::SecondFactorRemoved,
        AuditAction::SecondFactorReset,
        AuditAction::RecoveryCodesRenewed,
        AuditAction::RecoveryCodeUsed,
        AuditAction::SessionsEnded,
    ];

    /// The text stored in the `action` column and covered by the entry's hash; frozen once released.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ViewFigures => "view_figures",
            AuditAction::ViewTrend => "view_trend",
            AuditAction::ViewRegion => "view_region",
            AuditAction::ViewNational => "view_national",
            AuditAction::ViewReferralList => "view_referral_list",
            AuditAction::ViewReferral => "view_referral",
            AuditAction::ApiReferralList => "api_referral_list",
            AuditAction::ApiReferral => "api_referral",
            AuditAction::ApiSummary => "api_summary",
            AuditAction::ExportCsv => "export_csv",
            AuditAction::WaveOpened => "wave_opened",
            AuditAction::WaveCodesIssued => "wave_codes_issued",
            AuditAction::WaveClosed => "wave_closed",
            AuditAction::SchoolCreated => "school_created",
            AuditAction::SchoolChanged => "school_changed",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::ReferralNote => "referral_note",
            AuditAction::ReferralTransition => "referral_transition",
            AuditAction::ReferralCreated => "referral_created",
            AuditAction::UserCreated => "user_created",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::UserDeactivated => "user_deactivated",
            AuditAction::UserReactivated => "user_reactivated",
            AuditAction::UserChanged => "user_changed",
            AuditAction::PasswordSet => "password_set",
            AuditAction::ApiTokenCreated => "api_token_created",
            AuditAction::ApiTokenRevoked => "api_token_revoked",
            AuditAction::ViewTrustInbox => "view_trust_inbox",
            AuditAction::ViewTrustConversation => "view_trust_conversation",
            AuditAction::ViewTrustFigures => "view_trust_figures",
            AuditAction::TrustReply => "trust_reply",
            AuditAction::TrustNote => "trust_note",
            AuditAction::TrustEscalated => "trust_escalated",
            AuditAction::TrustClosed => "trust_closed",
            AuditAction::ViewCentreFigures => "view_centre_figures",
            AuditAction::OutboxRetried => "outbox_retried",
            AuditAction::RosterImported => "roster_imported",
            AuditAction::SecondFactorEnrolled => "second_factor_enrolled",
            AuditAction::SecondFactorRemoved => "second_factor_removed",
            AuditAction::SecondFactorReset => "second_factor_reset",
            AuditAction::RecoveryCodesRenewed => "recovery_codes_renewed",
            AuditAction::RecoveryCodeUsed => "recovery_code_used",
            AuditAction::SessionsEnded => "sessions_ended",
        }
    }

    /// The action a stored text names; `None` for a text no release wrote (the chain still
    /// verifies such an entry, since it hashes the stored text, not the variant).
    pub fn parse(text: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|action| action.as_str() == text)
    }
}

/// The stored text, so logs and messages show what the audit log holds.
impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The texts written before the enum existed, as the callers spelled them: stored entries carry
    /// them and their hashes cover them, so none may change.
    const RELEASED: [&str; 43] = [
        "view_figures",
        "view_trend",
        "view_region",
        "view_national",
        "view_referral_list",
        "view_referral",
        "api_referral_list",
        "api_referral",
        "api_summary",
        "export_csv",
        "wave_opened",
        "wave_codes_issued",
        "wave_closed",
        "school_created",
        "school_changed",
        "settings_changed",
        "referral_note",
        "referral_transition",
        "referral_created",
        "user_created",
        "role_changed",
        "user_deactivated",
        "user_reactivated",
        "user_changed",
        "password_set",
        "api_token_created",
        "api_token_revoked",
        "view_trust_inbox",
        "view_trust_conversation",
        "trust_reply",
        "trust_note",
        "trust_escalated",
        "trust_closed",
        "view_trust_figures",
        "view_centre_figures",
        "outbox_retried",
        "roster_imported",
        "second_factor_enrolled",
        "second_factor_removed",
        "second_factor_reset",
        "recovery_codes_renewed",
        "recovery_code_used",
        "sessions_ended",
    ];

    #[test]
    fn every_action_keeps_the_text_it_was_stored_under() {
        let texts: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(texts, RELEASED);
    }

    #[test]
    fn every_text_is_distinct_and_reads_back_as_its_action() {
        let distinct: BTreeSet<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(distinct.len(), AuditAction::ALL.len(), "two actions share a stored text");
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert_eq!(action.to_string(), action.as_str());
        }
    }

    #[test]
    fn texts_no_release_wrote_are_not_actions() {
        for text in ["", "VIEW_FIGURES", "view_figures ", "view-figures", "wave.close"] {
            assert_eq!(AuditAction::parse(text), None, "{text:?}");
        }
    }
}
