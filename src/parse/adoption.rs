//! The adoption agency algorithm (mis-nested formatting end tags such as
//! `<b>1<p>2</b>3`), step for step as html5ever runs it.
//!
//! Its tree changes touch only the end of the node array: the furthest
//! block is an open element, so it and everything after it (its subtree)
//! sit at the end, and the algorithm moves that subtree up to the common
//! ancestor, inside clones of the formatting elements. So the array is
//! rebuilt from the furthest block on, which costs the size of that
//! subtree; a page that makes this add up to more than a few times its own
//! length goes to html5ever instead.

use super::Unsupported;
use super::builder::{Builder, Fmt, R, Scope};
use super::document::{Kind, RawNode, Span};
use super::names::Name;

/// Ids for elements the algorithm creates before they have a place.
const TEMP: u32 = u32::MAX - 8;
const TEMP_NEW: u32 = u32::MAX - 1;

enum Bookmark {
    Replace(u32),
    InsertAfter(u32),
}

#[derive(Clone, Copy)]
struct Cloned {
    name: Name,
    attr_start: u32,
    attr_len: u32,
}

impl Builder<'_> {
    /// Run the adoption agency for an end tag of formatting element `subject`.
    pub(super) fn adoption_agency(&mut self, subject: Name) -> R {
        if self.cur_is(subject) && self.fmt_position(self.cur()).is_none() {
            self.pop();
            return Ok(());
        }
        for _ in 0..8 {
            let mut found = None;
            for i in (0..self.fmt.len()).rev() {
                match self.fmt[i] {
                    Fmt::Marker => break,
                    Fmt::El {
                        node,
                        name,
                        attr_start,
                        attr_len,
                    } if name == subject => {
                        found = Some((i, node, attr_start, attr_len));
                        break;
                    }
                    Fmt::El { .. } => {}
                }
            }
            let Some((fmt_index, fmt_node, fa, fl)) = found else {
                self.end_tag_in_body(subject, Span::default());
                return Ok(());
            };
            let Some(fmt_stack) = self.open.iter().rposition(|&n| n == fmt_node) else {
                self.fmt.remove(fmt_index);
                return Ok(());
            };
            if !self.in_scope_by(Scope::Default, |i, _| self.open[i] == fmt_node) {
                return Ok(());
            }
            let Some(fb_stack) =
                (fmt_stack..self.open.len()).find(|&i| self.open_names[i].is_special())
            else {
                self.truncate_open(fmt_stack);
                self.fmt.remove(fmt_index);
                return Ok(());
            };
            let furthest = self.open[fb_stack];
            if fmt_stack == 0 {
                return Err(Unsupported::OutOfOrder);
            }
            let ancestor = self.open[fmt_stack - 1];
            let mut bookmark = Bookmark::Replace(fmt_node);
            let mut node_index = fb_stack;
            let mut last_node = furthest;
            let mut inner = 0;
            let mut chain: Vec<Cloned> = Vec::new();
            loop {
                inner += 1;
                node_index -= 1;
                let node = self.open[node_index];
                if node == fmt_node {
                    break;
                }
                if inner > 3 {
                    if let Some(p) = self.fmt_position(node) {
                        self.fmt.remove(p);
                    }
                    self.open.remove(node_index);
                    self.open_names.remove(node_index);
                    continue;
                }
                let Some(nf) = self.fmt_position(node) else {
                    self.open.remove(node_index);
                    self.open_names.remove(node_index);
                    continue;
                };
                let Fmt::El {
                    name,
                    attr_start,
                    attr_len,
                    ..
                } = self.fmt[nf]
                else {
                    return Err(Unsupported::OutOfOrder);
                };
                let id = TEMP + chain.len() as u32;
                chain.push(Cloned {
                    name,
                    attr_start,
                    attr_len,
                });
                self.open[node_index] = id;
                self.fmt[nf] = Fmt::El {
                    node: id,
                    name,
                    attr_start,
                    attr_len,
                };
                if last_node == furthest {
                    bookmark = Bookmark::InsertAfter(id);
                }
                last_node = id;
            }
            let entry = Fmt::El {
                node: TEMP_NEW,
                name: subject,
                attr_start: fa,
                attr_len: fl,
            };
            match bookmark {
                Bookmark::Replace(old) => {
                    if let Some(i) = self.fmt_position(old) {
                        self.fmt[i] = entry;
                    }
                }
                Bookmark::InsertAfter(prev) => {
                    if let Some(i) = self.fmt_position(prev) {
                        self.fmt.insert(i + 1, entry);
                    }
                    if let Some(i) = self.fmt_position(fmt_node) {
                        self.fmt.remove(i);
                    }
                }
            }
            self.remove_open(fmt_node);
            if let Some(i) = self.open.iter().position(|&n| n == furthest) {
                self.open.insert(i + 1, TEMP_NEW);
                self.open_names.insert(i + 1, subject);
            }
            self.place(ancestor, furthest, &chain, subject, fa, fl)?;
            if self.stopped {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Rebuild the array from the furthest block `fb` on: the clones
    /// (outermost first) under `ancestor`, then `fb`, then the new
    /// formatting element holding what `fb` held.
    fn place(
        &mut self,
        ancestor: u32,
        fb: u32,
        chain: &[Cloned],
        name: Name,
        attr_start: u32,
        attr_len: u32,
    ) -> R {
        let Some(sp_fb) = self.spine.iter().rposition(|&n| n == fb) else {
            return Err(Unsupported::OutOfOrder);
        };
        let Some(sp_anc) = self.spine[..sp_fb].iter().rposition(|&n| n == ancestor) else {
            return Err(Unsupported::OutOfOrder);
        };
        self.check_parent(ancestor)?;
        let k = chain.len() as u32;
        if self.nodes.len() + k as usize + 1 > self.max_nodes {
            self.truncated = true;
            self.stopped = true;
            return Ok(());
        }
        self.moved += self.nodes.len() - fb as usize;
        if self.moved > self.move_limit {
            return Err(Unsupported::Cost);
        }
        // Where every index goes.
        let map = |i: u32| -> u32 {
            if i >= TEMP_NEW {
                fb + k + 1
            } else if i >= TEMP {
                fb + (k - 1 - (i - TEMP))
            } else if i < fb {
                i
            } else if i == fb {
                fb + k
            } else {
                i + k + 1
            }
        };
        let tail = self.nodes.split_off(fb as usize);
        for (j, c) in chain.iter().enumerate().rev() {
            let j = j as u32;
            let parent = if j + 1 == k {
                ancestor
            } else {
                fb + (k - 2 - j)
            };
            self.nodes.push(RawNode {
                parent,
                kind: Kind::Element,
                name: c.name,
                attr_start: c.attr_start,
                attr_len: c.attr_len,
                text: Span::default(),
            });
        }
        let mut first = true;
        for mut n in tail {
            if first {
                first = false;
                n.parent = if k > 0 { fb + k - 1 } else { ancestor };
                self.nodes.push(n);
                self.nodes.push(RawNode {
                    parent: fb + k,
                    kind: Kind::Element,
                    name,
                    attr_start,
                    attr_len,
                    text: Span::default(),
                });
                continue;
            }
            n.parent = if n.parent == fb {
                fb + k + 1
            } else {
                map(n.parent)
            };
            self.nodes.push(n);
        }
        for n in self.open.iter_mut() {
            *n = map(*n);
        }
        for e in self.fmt.iter_mut() {
            if let Fmt::El { node, .. } = e {
                *node = map(*node);
            }
        }
        self.form = self.form.map(map);
        self.head = self.head.map(map);
        let rest: Vec<u32> = self.spine[sp_fb + 1..].iter().map(|&n| map(n)).collect();
        self.spine.truncate(sp_anc + 1);
        for j in 0..k {
            self.spine.push(fb + j);
        }
        self.spine.push(fb + k);
        self.spine.push(fb + k + 1);
        self.spine.extend(rest);
        Ok(())
    }
}
