//! Categories (a tree): their rules, their guarded delete, and the tree
//! and breadcrumb that pages show.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::categories::{self, Branch, Category};
use crate::db::products::CategoryRef;
use crate::domain::fields::{add, explicit, finish};
use crate::error::{Error, FieldErrors};
use crate::ids::CategoryId;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CategoryInput {
    /// Required when creating.
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[serde(deserialize_with = "explicit")]
    pub parent_id: Option<Option<CategoryId>>,
}

fn category_name_rule(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    // CSV files write category paths as `Parent > Child`.
    if name.contains('>') {
        return Err("must not contain '>'");
    }
    match name.chars().count() {
        0 => Err("is required"),
        1..=100 => Ok(name.to_string()),
        _ => Err("must be at most 100 characters long"),
    }
}

/// Creates (`id` None) or changes a category. A category cannot move under
/// itself or one of its own subcategories, and names are unique among
/// siblings.
pub fn save(tx: &Connection, id: Option<CategoryId>, input: CategoryInput) -> Result<Category, Error> {
    let current = match id {
        Some(id) => Some(categories::find(tx, id)?),
        None => None,
    };
    let name = input
        .name
        .or_else(|| current.as_ref().map(|c| c.name.clone()))
        .unwrap_or_default();
    let parent = match input.parent_id {
        Some(parent) => parent,
        None => current.as_ref().and_then(|c| c.parent_id),
    };
    let mut errors = FieldErrors::new();
    let name = category_name_rule(&name)
        .map_err(|e| add(&mut errors, "name", e))
        .ok();
    if let Some(parent) = parent {
        if !categories::exists(tx, parent)? {
            add(&mut errors, "parent_id", "is not a category");
        } else if let Some(id) = id
            && categories::with_descendants(tx, id)?.contains(&parent)
        {
            add(
                &mut errors,
                "parent_id",
                "cannot be the category itself or one of its subcategories",
            );
        }
    }
    if let Some(name) = &name
        && categories::find_by_name(tx, name, parent)?.is_some_and(|other| Some(other) != id)
    {
        add(&mut errors, "name", "is already used by another category here");
    }
    finish(errors)?;
    let name = name.expect("validated");
    let id = match id {
        Some(id) => {
            categories::update(tx, id, &name, parent)?;
            id
        }
        None => categories::insert(tx, &name, parent)?,
    };
    let saved = categories::find(tx, id)?;
    Ok(saved)
}

/// Deletes an empty category; one with products or subcategories stays.
pub fn delete(tx: &Connection, id: CategoryId) -> Result<(), Error> {
    categories::find(tx, id)?;
    let (products, children) = categories::usage(tx, id)?;
    if products > 0 || children > 0 {
        return Err(Error::Conflict {
            code: "conflict",
            message: format!(
                "the category still has {products} products and {children} subcategories; move them first"
            ),
        });
    }
    categories::delete(tx, id)?;
    Ok(())
}

/// Where a category hangs in the tree: what `tree` needs to know of it.
pub trait InTree {
    fn id(&self) -> CategoryId;
    fn parent_id(&self) -> Option<CategoryId>;
}

impl InTree for Category {
    fn id(&self) -> CategoryId {
        self.id
    }
    fn parent_id(&self) -> Option<CategoryId> {
        self.parent_id
    }
}

impl InTree for Branch {
    fn id(&self) -> CategoryId {
        self.id
    }
    fn parent_id(&self) -> Option<CategoryId> {
        self.parent_id
    }
}

/// A category at its place in the tree: depth 0 at the top.
#[derive(Debug, Clone, Serialize)]
pub struct TreeEntry<C = Category> {
    pub depth: usize,
    #[serde(flatten)]
    pub category: C,
}

/// The categories in tree order: each followed by its subcategories,
/// siblings in the order given.
pub fn tree<C: InTree>(all: Vec<C>) -> Vec<TreeEntry<C>> {
    let ids: HashSet<CategoryId> = all.iter().map(|c| c.id()).collect();
    let mut children: HashMap<Option<CategoryId>, Vec<C>> = HashMap::new();
    for category in all {
        let parent = category.parent_id().filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(category);
    }
    let mut entries = Vec::new();
    let roots = children.remove(&None).unwrap_or_default();
    let mut stack: Vec<(usize, C)> = roots.into_iter().rev().map(|c| (0, c)).collect();
    while let Some((depth, category)) = stack.pop() {
        if let Some(below) = children.remove(&Some(category.id())) {
            stack.extend(below.into_iter().rev().map(|c| (depth + 1, c)));
        }
        entries.push(TreeEntry { depth, category });
    }
    // Only a cycle, which `save` refuses, leaves some unreached;
    // they are still listed rather than hidden.
    let mut rest: Vec<C> = children.into_values().flatten().collect();
    rest.sort_by_key(|c| c.id().0);
    entries.extend(rest.into_iter().map(|category| TreeEntry { depth: 0, category }));
    entries
}

/// The way down to `id`, for a breadcrumb: the top category first, `id`
/// itself last.
pub fn trail(all: &[Branch], id: CategoryId) -> Vec<CategoryRef> {
    let by_id: HashMap<CategoryId, &Branch> = all.iter().map(|c| (c.id, c)).collect();
    let Ok(trail) = trail_by(id, all.len(), |id| {
        Ok::<_, std::convert::Infallible>(by_id.get(&id).map(|c| (*c).clone()))
    });
    trail
}

/// The way from the top of the tree down to category `id`, read from the
/// database one parent at a time: a product page needs only its own
/// category's ancestors, not the whole tree sorted for a menu.
pub fn trail_in(conn: &Connection, id: CategoryId) -> Result<Vec<CategoryRef>, Error> {
    trail_by(id, DEEPEST, |id| categories::find_branch(conn, id))
}

/// Deeper than any real shop's category tree.
const DEEPEST: usize = 1_000;

/// The trail to `id`, following `parent_id` through `lookup`, at most
/// `bound` steps long.
fn trail_by<E>(
    id: CategoryId,
    bound: usize,
    mut lookup: impl FnMut(CategoryId) -> Result<Option<Branch>, E>,
) -> Result<Vec<CategoryRef>, E> {
    let mut trail = Vec::new();
    let mut next = Some(id);
    // Saving a category refuses loops; the bound keeps a broken file from
    // hanging a page all the same.
    while let Some(id) = next
        && trail.len() < bound
    {
        let Some(c) = lookup(id)? else { break };
        next = c.parent_id;
        trail.push(CategoryRef {
            id: c.id,
            name: c.name,
        });
    }
    trail.reverse();
    Ok(trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn branch(id: i64, name: &str, parent: Option<i64>) -> Branch {
        Branch {
            id: CategoryId(id),
            name: name.into(),
            parent_id: parent.map(CategoryId),
        }
    }

    #[test]
    fn the_trail_leads_down_to_a_category() {
        let all = vec![
            branch(3, "Books", None),
            branch(1, "Computers", None),
            branch(4, "Laptops", Some(1)),
            branch(5, "Gaming", Some(4)),
        ];
        let path: Vec<String> = trail(&all, CategoryId(5)).into_iter().map(|c| c.name).collect();
        assert_eq!(path, ["Computers", "Laptops", "Gaming"]);
        assert!(trail(&all, CategoryId(99)).is_empty());
        let order: Vec<usize> = tree(all).into_iter().map(|e| e.depth).collect();
        assert_eq!(order, [0, 0, 1, 2], "branches make a tree too");

        let looped = [branch(1, "A", Some(2)), branch(2, "B", Some(1))];
        assert_eq!(trail(&looped, CategoryId(1)).len(), 2, "a loop ends");
    }

    #[test]
    fn the_tree_puts_subcategories_under_their_parent() {
        let all = vec![
            Category::sample(3, "Boots", Some(2)),
            Category::sample(1, "Hats", None),
            Category::sample(4, "Sandals", Some(2)),
            Category::sample(2, "Shoes", None),
            Category::sample(5, "Winter boots", Some(3)),
        ];
        let order: Vec<(usize, String)> = tree(all)
            .into_iter()
            .map(|e| (e.depth, e.category.name))
            .collect();
        let expected = [
            (0, "Hats"),
            (0, "Shoes"),
            (1, "Boots"),
            (2, "Winter boots"),
            (1, "Sandals"),
        ]
        .map(|(d, n)| (d, n.to_string()));
        assert_eq!(order, expected);
    }

    #[test]
    fn a_cycle_still_lists_every_category() {
        let all = vec![
            Category::sample(1, "A", Some(2)),
            Category::sample(2, "B", Some(1)),
        ];
        assert_eq!(tree(all).len(), 2);
    }
}
