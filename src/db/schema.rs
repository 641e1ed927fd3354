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

diesel::allow_tables_to_appear_in_same_query!(regions, centres, schools, classes, users, login_throttle);
