//! Reconciling date candidates: reading ambiguous visible dates the way the
//! machine dates have them, setting aside update stamps shown unlabelled,
//! and picking the best-supported day.

use chrono::NaiveDate;

use super::Stamp;
use crate::metadata::evidence::{DateEvidence, DateSource, Group, Standing};

/// The calendar day of a stamp.
fn day(s: &Stamp) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(s.year, s.month, s.day)
}

/// Pick the best-supported day, then its most specific value. A day's
/// support is the strongest witness of each independent group, summed:
/// JSON-LD repeating the meta tags is one witness, a dateline agreeing with
/// them is a second.
pub(super) fn best(cands: &[DateEvidence]) -> Option<Stamp> {
    let mut best: Option<(u32, u32, Stamp)> = None;
    for c in cands {
        let key = c.stamp.day_key();
        let mut groups: [u32; 3] = [0; 3];
        let mut top = 0;
        let mut chosen = c.stamp;
        let mut chosen_w = 0;
        for d in cands.iter().filter(|d| d.stamp.day_key() == key) {
            let g = match d.source.group() {
                Group::Machine => 0,
                Group::Visible => 1,
                Group::Url => 2,
            };
            if let Some(w) = groups.get_mut(g) {
                *w = (*w).max(d.weight());
            }
            top = top.max(d.weight());
            if (d.stamp.precision(), d.weight()) > (chosen.precision(), chosen_w) {
                chosen = d.stamp;
                chosen_w = d.weight();
            }
        }
        let score: u32 = groups.iter().sum();
        let better = match best {
            None => true,
            Some((s, t, _)) => (score, top) > (s, t),
        };
        if better {
            best = Some((score, top, chosen));
        }
    }
    let chosen = best.map(|(_, _, s)| s)?;
    // A machine stamp in UTC may fall on the next or previous calendar day
    // from the page's own: a local date a day away names the local day.
    if chosen.offset == Some(0) {
        if let Some(d0) = day(&chosen) {
            let local = cands
                .iter()
                .filter(|c| !c.source.standard_markup() && c.stamp.offset.is_none())
                .find(|c| day(&c.stamp).is_some_and(|d| (d - d0).num_days().abs() == 1));
            if let Some(c) = local {
                return Some(c.stamp);
            }
        }
    }
    Some(chosen)
}

/// Visible dates read against the machine ones: an ambiguous 03/04 read
/// the way the metadata has it.
pub(super) fn read_ambiguous_as_machine(
    pubs: &mut [DateEvidence],
    mods: &[DateEvidence],
    machine_elems: &[(usize, Stamp)],
) {
    let machine_pub: Vec<Stamp> = pubs
        .iter()
        .filter(|c| !c.source.read_from_text())
        .map(|c| c.stamp)
        .chain(machine_elems.iter().map(|(_, s)| *s))
        .collect();
    let machine_mod: Vec<Stamp> = mods
        .iter()
        .filter(|c| c.source.standard_markup())
        .map(|c| c.stamp)
        .collect();
    for c in pubs.iter_mut().filter(|c| c.source.read_from_text()) {
        let s = c.stamp;
        if s.day <= 12 && s.month <= 12 && s.day != s.month {
            let swapped = (s.year, s.day, s.month);
            if machine_pub
                .iter()
                .chain(&machine_mod)
                .any(|m| m.day_key() == swapped)
            {
                c.stamp = Stamp {
                    month: s.day,
                    day: s.month,
                    ..s
                };
            }
        }
    }
}

/// A visible date that is the machine modification day and no machine
/// publication day is the page showing when it was updated, unlabelled:
/// it moves to the modification candidates.
pub(super) fn set_aside_unlabelled_updates(
    pubs: &mut Vec<DateEvidence>,
    mods: &mut Vec<DateEvidence>,
) {
    let machine_days = |list: &[DateEvidence]| -> Vec<(Stamp, bool)> {
        list.iter()
            .filter(|c| c.source.group() == Group::Machine)
            .map(|c| (c.stamp, c.stamp.time.is_some() && c.stamp.offset == Some(0)))
            .collect()
    };
    let machine_pub_days = machine_days(pubs);
    let machine_mod_days = machine_days(mods);
    // A UTC stamp may name the next or previous local day.
    let near_day = |days: &[(Stamp, bool)], s: Stamp| {
        let d = day(&s);
        days.iter().any(|(m, utc)| match (d, day(m)) {
            (Some(d), Some(md)) => {
                let gap = (d - md).num_days().abs();
                gap == 0 || (*utc && gap == 1)
            }
            _ => false,
        })
    };
    pubs.retain(|c| {
        let updated = c.source.group() == Group::Visible
            && !machine_pub_days.is_empty()
            && near_day(&machine_mod_days, c.stamp)
            && !near_day(&machine_pub_days, c.stamp);
        if updated {
            mods.push(DateEvidence {
                stamp: c.stamp,
                source: DateSource::Element(Standing::Plain),
            });
        }
        !updated
    });
}
