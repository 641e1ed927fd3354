//! Table definitions shared by both backends (text ids, UTC timestamps, enums as text).

diesel::table! {
    regions (code) {
        code -> Text,
        name_kk -> Text,
        name_ru -> Text,
        name_en -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    centres (region_code) {
        region_code -> Text,
        name_kk -> Text,
        name_ru -> Text,
        name_en -> Text,
        email -> Text,
    }
}

diesel::table! {
    schools (id) {
        id -> Text,
        code -> Text,
        region_code -> Text,
        name_kk -> Text,
        name_ru -> Text,
        name_en -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    classes (id) {
        id -> Text,
        school_id -> Text,
        label -> Text,
        grade -> Integer,
        roll -> Integer,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        login -> Text,
        password_hash -> Text,
        role -> Text,
        school_id -> Nullable<Text>,
        region_code -> Nullable<Text>,
        display_name -> Text,
        email -> Nullable<Text>,
        active -> Bool,
        password_changed_at -> Timestamp,
        created_at -> Timestamp,
        api_token_hash -> Nullable<Text>,
        must_change_password -> Bool,
        totp_sealed -> Nullable<Text>,
        totp_last_step -> Nullable<BigInt>,
        must_enrol_second_factor -> Bool,
    }
}

diesel::table! {
    recovery_codes (user_id, code_hash) {
        user_id -> Text,
        code_hash -> Text,
    }
}

diesel::table! {
    staff_sessions (id) {
        id -> Text,
        user_id -> Text,
        device -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    login_throttle (login) {
        login -> Text,
        failures -> Integer,
        window_started_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::joinable!(centres -> regions (region_code));
diesel::joinable!(schools -> regions (region_code));
diesel::joinable!(classes -> schools (school_id));
diesel::joinable!(users -> schools (school_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(staff_sessions -> users (user_id));

diesel::table! {
    waves (id) {
        id -> Text,
        school_id -> Text,
        instrument_id -> Text,
        instrument_version -> Integer,
        access_mode -> Text,
        opens_on -> Date,
        closes_on -> Date,
        closed_at -> Nullable<Timestamp>,
        creation_nonce -> Text,
        created_at -> Timestamp,
        aggregated_at -> Nullable<Timestamp>,
        flagged_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    wave_classes (id) {
        id -> Text,
        wave_id -> Text,
        class_id -> Text,
        grade -> Integer,
        roll -> Integer,
        password_hash -> Nullable<Text>,
        responses -> Integer,
    }
}

diesel::table! {
    access_codes (code_hash) {
        code_hash -> Text,
        wave_class_id -> Text,
        used -> Bool,
    }
}

diesel::table! {
    /// Form nonces issued and not yet spent: a submission deletes its own.
    unspent_form_tokens (nonce) {
        nonce -> Text,
        expires_on -> Date,
    }
}

diesel::table! {
    /// Keyed by wave first, so a wave's rows sit together; the random id orders them inside it.
    responses (wave_id, id) {
        id -> Text,
        wave_id -> Text,
        class_id -> Text,
        instrument_version -> Integer,
        lang -> Text,
        submitted_on -> Date,
        answers -> Text,
    }
}

diesel::table! {
    item_counts (wave_id, class_id, item_id, option_value) {
        wave_id -> Text,
        class_id -> Text,
        item_id -> Text,
        option_value -> Integer,
        responses -> Integer,
    }
}

diesel::table! {
    indicator_counts (wave_id, class_id, indicator_id) {
        wave_id -> Text,
        class_id -> Text,
        indicator_id -> Text,
        positives -> Integer,
        answered -> Integer,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        actor -> Text,
        action -> Text,
        subject -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::joinable!(waves -> schools (school_id));
diesel::joinable!(wave_classes -> waves (wave_id));
diesel::joinable!(wave_classes -> classes (class_id));
diesel::joinable!(access_codes -> wave_classes (wave_class_id));
diesel::joinable!(responses -> waves (wave_id));

diesel::table! {
    referrals (id) {
        id -> Text,
        region_code -> Text,
        school_id -> Nullable<Text>,
        class_id -> Nullable<Text>,
        wave_id -> Nullable<Text>,
        source -> Text,
        flag_key -> Nullable<Text>,
        severity -> Text,
        status -> Text,
        outcome -> Nullable<Text>,
        outcome_reason -> Nullable<Text>,
        raised_by -> Nullable<Text>,
        created_at -> Timestamp,
        acknowledge_by -> Timestamp,
        acknowledged_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    referral_flags (referral_id, indicator_id) {
        referral_id -> Text,
        indicator_id -> Text,
        severity -> Text,
    }
}

diesel::table! {
    referral_notes (id) {
        id -> Text,
        referral_id -> Text,
        author_id -> Text,
        author_side -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A notice waiting to go, or gone: about a referral or a trust box conversation, one of the two.
    outbox (id) {
        id -> Text,
        referral_id -> Nullable<Text>,
        channel -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        delivered_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        conversation_id -> Nullable<Text>,
        account_id -> Nullable<Text>,
    }
}

diesel::joinable!(referrals -> schools (school_id));
diesel::joinable!(referral_flags -> referrals (referral_id));
diesel::joinable!(referral_notes -> referrals (referral_id));
diesel::joinable!(referral_notes -> users (author_id));
diesel::joinable!(outbox -> referrals (referral_id));

diesel::allow_tables_to_appear_in_same_query!(
    regions,
    centres,
    schools,
    classes,
    users,
    recovery_codes,
    staff_sessions,
    login_throttle,
    waves,
    wave_classes,
    access_codes,
    unspent_form_tokens,
    responses,
    item_counts,
    indicator_counts,
    audit_log,
    referrals,
    referral_flags,
    referral_notes,
    outbox
);

diesel::table! {
    noise_key (id) {
        id -> Integer,
        key_hex -> Text,
    }
}

diesel::table! {
    trust_conversations (id) {
        id -> Text,
        school_id -> Text,
        region_code -> Text,
        addressee -> Text,
        holder -> Text,
        topic -> Text,
        in_danger -> Bool,
        urgent -> Bool,
        status -> Text,
        outcome -> Nullable<Text>,
        receipt_lookup -> Text,
        pin_seal -> Nullable<Text>,
        arrived_at -> Timestamp,
        due_at -> Nullable<Timestamp>,
        first_reply_at -> Nullable<Timestamp>,
        came_back -> Bool,
        escalated_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        texts_deleted_at -> Nullable<Timestamp>,
        overdue_notified_for -> Nullable<Timestamp>,
    }
}

diesel::table! {
    trust_spent_forms (token) {
        token -> Text,
        kept_until -> Date,
    }
}

diesel::table! {
    trust_messages (id) {
        id -> Text,
        conversation_id -> Text,
        seq -> Integer,
        kind -> Text,
        author_id -> Nullable<Text>,
        sealed -> Nullable<Binary>,
        written_at -> Timestamp,
    }
}

diesel::joinable!(trust_messages -> trust_conversations (conversation_id));
diesel::joinable!(trust_conversations -> schools (school_id));
diesel::allow_tables_to_appear_in_same_query!(trust_conversations, trust_messages, schools);

diesel::table! {
    roster_uploads (id) {
        id -> Text,
        owner_id -> Text,
        school_id -> Nullable<Text>,
        kind -> Text,
        file_name -> Text,
        table_sealed -> Text,
        mapping_json -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}
