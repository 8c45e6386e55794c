//! Catalog listings that stay fast on any page of a large catalog. Listings
//! and searches keep their full order of ids in memory, keyed by the
//! catalog's version, so page 4,000 is a slice and twenty primary-key reads
//! instead of an OFFSET scan, and a repeated search does not rank its
//! matches again. Price ranges (endless in number) and listings by stock
//! (which moves with every order) go to SQLite with its indexes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::db::products::{self, Filter, Product, Sort};
use crate::error::Error;

/// More distinct listings than this, or more ids in all (8 bytes each),
/// and the cache starts over.
const MAX_ENTRIES: usize = 512;
const MAX_IDS: usize = 2_000_000;

type Key = (Filter, Sort);
/// The catalog version an order was built at, and the order.
type Entry = (i64, Arc<Vec<i64>>);

#[derive(Default)]
pub struct ListingCache {
    entries: Mutex<HashMap<Key, Entry>>,
    /// One build at a time: when a change empties the cache, the requests
    /// that arrive together wait for one build instead of all doing it.
    building: Mutex<()>,
}

pub struct Page {
    pub items: Vec<Product>,
    pub total: i64,
}

impl ListingCache {
    fn cached(&self, key: &Key, version: i64) -> Option<Arc<Vec<i64>>> {
        let entries = self.entries.lock().expect("listing cache poisoned");
        entries
            .get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, ids)| ids.clone())
    }

    fn ordered(&self, conn: &Connection, filter: &Filter, sort: Sort) -> Result<Arc<Vec<i64>>, Error> {
        let version = products::catalog_version(conn)?;
        let key = (filter.clone(), sort);
        if let Some(ids) = self.cached(&key, version) {
            return Ok(ids);
        }
        let _building = self.building.lock().expect("listing cache poisoned");
        if let Some(ids) = self.cached(&key, version) {
            return Ok(ids);
        }
        let ids = Arc::new(products::ordered_ids(conn, filter, sort)?);
        let mut entries = self.entries.lock().expect("listing cache poisoned");
        entries.retain(|_, (v, _)| *v == version);
        let held: usize = entries.values().map(|(_, ids)| ids.len()).sum();
        if entries.len() >= MAX_ENTRIES || held + ids.len() > MAX_IDS {
            entries.clear();
        }
        entries.insert(key, (version, ids.clone()));
        Ok(ids)
    }

    /// One page of the listing, and how many products it has in all.
    pub fn page(
        &self,
        conn: &Connection,
        filter: &Filter,
        sort: Sort,
        limit: i64,
        offset: i64,
    ) -> Result<Page, Error> {
        // Stock moves with every order without changing the catalog's
        // version, so a listing by stock is never kept.
        let cacheable = filter.min_price.is_none()
            && filter.max_price.is_none()
            && filter.max_stock.is_none()
            && sort != Sort::Stock;
        if cacheable {
            let ids = self.ordered(conn, filter, sort)?;
            let start = usize::try_from(offset).unwrap_or(usize::MAX).min(ids.len());
            let end = start
                .saturating_add(usize::try_from(limit).unwrap_or(0))
                .min(ids.len());
            let items = products::find_many(conn, &ids[start..end])?;
            return Ok(Page {
                items,
                total: ids.len() as i64,
            });
        }
        let (ids, total) = products::page_ids(conn, filter, sort, limit, offset)?;
        Ok(Page {
            items: products::find_many(conn, &ids)?,
            total,
        })
    }
}
