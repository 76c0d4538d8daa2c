//! The in-order alignment ([`Config::in_order`]): of the links found freely, the longest
//! chain that never goes back in the source, and the rest of any split sentence.

use super::Links;
#[cfg(doc)]
use crate::config::Config;

/// For [`Config::in_order`]: keeps the longest chain of supported links (score at least
/// `threshold`) whose first source sentences never decrease, several summary sentences
/// sharing a source sentence where it was split; then any other link whose source sentence is
/// the one its neighbour in the summary is linked to, however weak (the rest of a split).
/// Every other link is dropped.
pub(super) fn keep_in_order(links: &mut Links, threshold: f64) {
    let chain_candidates: Vec<(usize, usize)> = links
        .iter()
        .enumerate()
        .filter_map(|(summary, link)| {
            let link = link.filter(|l| l.score >= threshold)?;
            Some((summary, link.sources[0]))
        })
        .collect();
    // Patience sorting: `tails[n]` ends the chain of length n + 1 with the lowest last source.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; chain_candidates.len()];
    for (at, &(_, source)) in chain_candidates.iter().enumerate() {
        let length = tails.partition_point(|&t| chain_candidates[t].1 <= source);
        previous[at] = length.checked_sub(1).map(|l| tails[l]);
        if length == tails.len() {
            tails.push(at);
        } else {
            tails[length] = at;
        }
    }
    let mut in_chain = vec![false; links.len()];
    let mut at = tails.last().copied();
    while let Some(index) = at {
        in_chain[chain_candidates[index].0] = true;
        at = previous[index];
    }
    // A split's rest runs on from a chain member in either direction: one sweep each way.
    let first_sources: Vec<Option<usize>> = links
        .iter()
        .map(|link| link.map(|l| l.sources[0]))
        .collect();
    let mut continue_split = |summary: usize, neighbour: usize| {
        if !in_chain[summary]
            && in_chain[neighbour]
            && first_sources[summary].is_some()
            && first_sources[summary] == first_sources[neighbour]
        {
            in_chain[summary] = true;
        }
    };
    for summary in 1..links.len() {
        continue_split(summary, summary - 1);
    }
    for summary in (0..links.len().saturating_sub(1)).rev() {
        continue_split(summary, summary + 1);
    }
    links.retain(|summary| in_chain[summary]);
}
