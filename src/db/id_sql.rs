//! The typed ids of `domain::ids` as SQL text, on SQLite, PostgreSQL and the combined backend, so that
//! queries bind a `SchoolId` and rows read one back without a `.to_string()` or a re-parse in between.
//! The domain stays free of diesel: the impls live here (the crate owns both the traits' users and the
//! types, so the orphan rule allows them anywhere in it). Both backends store ids as TEXT (see
//! `migrations/`); a stored text that is not a UUID is a deserialization error, which `DbError` reports
//! as a corrupt row, never a panic.

use std::io::Write;

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Nullable, SingleValue, Text};
use diesel::sqlite::Sqlite;
// The derive `AsExpression` expands to this same type; it is diesel's one bound-value expression.
use diesel::internal::derives::as_expression::Bound;

use super::connection::{MultiBackend, MultiRawValue};
use crate::domain::ids::{
    ClassId, ConversationId, NoteId, OutboxId, ReferralId, RosterUploadId, SchoolId, TrustMessageId, UserId,
    WaveClassId, WaveId,
};

/// The longest stretch of a bad stored value that an error repeats (ids are 36 characters).
const SHOWN: usize = 48;

/// Parses stored text as the id `name`, or explains why it is not one.
fn parse_stored<T>(text: &str, name: &str, parse: impl Fn(&str) -> Option<T>) -> deserialize::Result<T> {
    parse(text).ok_or_else(|| {
        let shown: String = text.chars().take(SHOWN).collect();
        format!("stored {name} is not a UUID: {shown:?}").into()
    })
}

/// Implements, for each id type: binding as `Text` and `Nullable<Text>` (by value and by reference),
/// writing on each backend, and reading back from a `Text` column on each backend.
macro_rules! sql_text_id {
    ($($id:ident),+ $(,)?) => {$(
        impl AsExpression<Text> for $id {
            type Expression = Bound<Text, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl AsExpression<Nullable<Text>> for $id {
            type Expression = Bound<Nullable<Text>, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl<'a> AsExpression<Text> for &'a $id {
            type Expression = Bound<Text, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl<'a> AsExpression<Nullable<Text>> for &'a $id {
            type Expression = Bound<Nullable<Text>, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl<DB: Backend> ToSql<Nullable<Text>, DB> for $id
        where
            $id: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                ToSql::<Text, DB>::to_sql(self, out)
            }
        }

        impl ToSql<Text, Pg> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
                out.write_all(self.uuid().hyphenated().encode_lower(&mut text).as_bytes())?;
                Ok(IsNull::No)
            }
        }

        impl ToSql<Text, Sqlite> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                out.set_value(self.to_string());
                Ok(IsNull::No)
            }
        }

        impl ToSql<Text, MultiBackend> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self));
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, Pg> for $id {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                let text = std::str::from_utf8(value.as_bytes())?;
                parse_stored(text, stringify!($id), $id::parse)
            }
        }

        impl FromSql<Text, Sqlite> for $id {
            fn from_sql(value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
                parse_stored(&text, stringify!($id), $id::parse)
            }
        }

        impl FromSql<Text, MultiBackend> for $id {
            fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
                value.from_sql::<Self, Text>()
            }
        }

        impl<DB, ST> Queryable<ST, DB> for $id
        where
            DB: Backend,
            ST: SingleValue,
            $id: FromSql<ST, DB>,
        {
            type Row = Self;
            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }
    )+};
}

sql_text_id!(
    SchoolId,
    RosterUploadId,
    ClassId,
    UserId,
    WaveId,
    WaveClassId,
    ReferralId,
    NoteId,
    OutboxId,
    ConversationId,
    TrustMessageId,
);
