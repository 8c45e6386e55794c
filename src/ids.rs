//! Typed ids, so that one kind of id can never be passed for another.

use rocket::request::FromParam;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! typed_id {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(transparent)]
        #[schema(minimum = 1, example = 1)]
        pub struct $name(pub i64);

        /// A malformed id in a path must be a 404 like any unknown id. A
        /// failing parameter would make Rocket answer 422, so it becomes
        /// id 0, which SQLite never gives a row.
        impl<'a> FromParam<'a> for $name {
            type Error = std::convert::Infallible;
            fn from_param(param: &'a str) -> Result<Self, Self::Error> {
                Ok($name(
                    param.parse::<i64>().ok().filter(|id| *id > 0).unwrap_or(0),
                ))
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(UserId);
typed_id!(TokenId);
typed_id!(SessionId);
typed_id!(ProductId);
typed_id!(CategoryId);
typed_id!(SupplierId);
typed_id!(ImageId);
typed_id!(CouponId);
typed_id!(OrderId);
typed_id!(ReviewId);
typed_id!(CartId);
