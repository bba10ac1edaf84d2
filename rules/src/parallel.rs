//! Work spread over the machine's cores: `gwlint check` lints its files this
//! way, and `copy.shared` compares the reports of a batch.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work(i)` for each `i` in `0..count`, on as many scoped threads as there are
/// cores (at most one per item), the results in order. Each thread takes the
/// next item from a counter, so all stay busy whatever the mix of small and
/// large items.
pub fn map_on_all_cores<T: Send>(count: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(count).max(1);
    if workers == 1 {
        return (0..count).map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            break;
                        }
                        mine.push((i, work(i)));
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a worker does not panic")).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        assert_eq!(map_on_all_cores(101, |i| i * 2), (0..101).map(|i| i * 2).collect::<Vec<_>>());
        assert!(map_on_all_cores(0, |i| i).is_empty());
    }
}
