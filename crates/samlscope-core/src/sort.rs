//! One stable sort for the whole crate (and the page).
//!
//! Every `slice::sort_by` is a new copy of the standard library's sort (quicksort, driftsort,
//! small-sort networks: 2 to 4 KB of wasm each). [`sort_by`] sorts indices instead, through
//! one non-generic function, and then moves the items into place: the page carries the
//! standard sort once, not once per item type and comparison. The extra cost is one `u32`
//! per item and a call through a pointer per comparison: nothing next to the work around it.
//! Short slices (an element's attributes and namespaces, sorted for every element by C14N)
//! are sorted in place by insertion, with no allocation.

use std::cmp::Ordering;

/// Up to this many items are sorted by insertion.
const SHORT: usize = 16;

/// Sorts `items` by `compare`, stably (equal items keep their order), in O(n log n).
pub(crate) fn sort_by<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let Ok(len) = u32::try_from(items.len()) else {
        // More than 4 G items cannot be in memory in the page; natively, sort in place.
        items.sort_by(|a, b| compare(a, b));
        return;
    };
    let mut order: Vec<u32> = (0..len).collect();
    sort_indices(&mut order, &|a, b| compare(&items[a], &items[b]));
    apply(items, &mut order);
}

/// Sorts `items` by their natural order, stably.
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, &T::cmp);
}

/// The one instance of the standard sort: indices, compared through `compare`.
fn sort_indices(order: &mut [u32], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a as usize, b as usize));
}

/// Moves `items[order[i]]` to position `i` for every `i`, following each cycle of the
/// permutation once (`order` is used up: each position is reset to itself when done).
fn apply<T>(items: &mut [T], order: &mut [u32]) {
    for start in 0..order.len() {
        let mut current = start;
        loop {
            let next = order[current] as usize;
            order[current] = current as u32;
            if next == start || next == current {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_u32;
        for len in [0usize, 1, 2, 3, 7, 20, 33, 100, 1000] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 7) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|item| item.0);
            assert_eq!(ours, std, "length {len}");
        }
    }

    #[test]
    fn natural_order_and_reverse() {
        let mut words = vec!["b", "c", "a", "b"];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "b", "c"]);
        sort_by(&mut words, &|a, b| b.cmp(a));
        assert_eq!(words, ["c", "b", "b", "a"]);
    }
}
