//! Catalog listings that stay fast on any page of a large catalog. Listings
//! and searches keep their full order of ids in memory, keyed by the
//! catalog's version, so page 4,000 is a slice and twenty primary-key reads
//! instead of an OFFSET scan, and a repeated search does not rank its
//! matches again. Price ranges (endless in number) and listings by stock
//! (which moves with every order) go to SQLite with its indexes. The
//! catalog's vocabulary and what each search text became (see
//! `domain::search`) are kept the same way, so that a repeated search
//! neither reads the vocabulary nor corrects its words again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::db::products::{self, Filter, Product, Sort};
use crate::domain::search::{self, Plan, Vocabulary};
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
    /// The vocabulary at a catalog version, read when a search first
    /// needs it.
    vocabulary: Mutex<Option<(i64, Arc<Vocabulary>)>>,
    /// What each search text became, at a catalog version.
    plans: Mutex<HashMap<String, (i64, Arc<Plan>)>>,
}

pub struct Page {
    pub items: Vec<Product>,
    pub total: i64,
    /// The search with its misspelt words corrected, if any.
    pub suggestion: Option<String>,
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

    fn vocabulary(&self, conn: &Connection, version: i64) -> Result<Arc<Vocabulary>, Error> {
        let mut held = self.vocabulary.lock().expect("vocabulary poisoned");
        if let Some((v, vocabulary)) = held.as_ref()
            && *v == version
        {
            return Ok(vocabulary.clone());
        }
        let vocabulary = Arc::new(Vocabulary::load(conn)?);
        *held = Some((version, vocabulary.clone()));
        Ok(vocabulary)
    }

    /// The FTS5 queries of a search text (see `domain::search::plan`).
    pub fn plan(&self, conn: &Connection, text: &str) -> Result<Arc<Plan>, Error> {
        let version = products::catalog_version(conn)?;
        let key = search::words(text).join(" ");
        {
            let plans = self.plans.lock().expect("search plans poisoned");
            if let Some((v, plan)) = plans.get(&key)
                && *v == version
            {
                return Ok(plan.clone());
            }
        }
        let vocabulary = self.vocabulary(conn, version)?;
        let plan = Arc::new(search::plan(&vocabulary, &key));
        let mut plans = self.plans.lock().expect("search plans poisoned");
        plans.retain(|_, (v, _)| *v == version);
        if plans.len() >= MAX_ENTRIES * 8 {
            plans.clear();
        }
        plans.insert(key, (version, plan.clone()));
        Ok(plan)
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
                suggestion: None,
            });
        }
        let (ids, total) = products::page_ids(conn, filter, sort, limit, offset)?;
        Ok(Page {
            items: products::find_many(conn, &ids)?,
            total,
            suggestion: None,
        })
    }
}
