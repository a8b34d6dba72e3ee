//! Layout shared by the Markdown and HTML renderers: the kept blocks grouped
//! into units — a block, a code block (the blocks of one `pre`), a table
//! (the blocks of one data table). Nothing is decided here about what is
//! article text: every unit is made of kept blocks only.

use std::collections::{HashMap, HashSet};

use super::blocks::{Block, Kind};
use super::rich::{CellInfo, Container, Inline, Rich, TablePos};

/// A cell's content: pieces of inline content, joined by spaces.
pub(crate) type Parts<'b> = Vec<(&'b Rich, &'b [Inline])>;

/// One table cell after span expansion.
#[derive(Debug)]
pub(crate) struct Cell<'b> {
    pub header: bool,
    pub parts: Parts<'b>,
}

/// A data table.
#[derive(Debug)]
pub(crate) struct Table<'b> {
    /// Containers around the table (not those inside its cells).
    pub containers: &'b [Container],
    /// Its `caption` blocks.
    pub captions: Vec<&'b Block>,
    /// Rows, all of the same width.
    pub rows: Vec<Vec<Cell<'b>>>,
    /// Whether the first row is a header row on the page (th or thead).
    pub header: bool,
}

/// What the renderers lay out.
#[derive(Debug)]
pub(crate) enum Unit<'b> {
    /// A paragraph, heading, list item or figure caption.
    Block(&'b Block),
    /// A code block.
    Code {
        containers: &'b [Container],
        lang: Option<&'b str>,
        text: String,
    },
    /// A table.
    Table(Table<'b>),
}

impl<'b> Unit<'b> {
    /// Containers around the unit, outermost first.
    pub fn containers(&self) -> &'b [Container] {
        match self {
            Unit::Block(b) => b.rich.as_ref().map_or(&[], |r| r.containers.as_slice()),
            Unit::Code { containers, .. } => containers,
            Unit::Table(t) => t.containers,
        }
    }
}

const MAX_COLUMNS: usize = 64;
const MAX_CELL_BYTES: usize = 2000;
const MAX_CELL_PARTS: usize = 4;

fn outer(b: &Block) -> Option<TablePos> {
    b.rich.as_ref().and_then(|r| r.table)
}

fn inner(b: &Block) -> Option<TablePos> {
    b.rich.as_ref().and_then(|r| r.inner_table)
}

/// Group the blocks into units.
pub(crate) fn units(blocks: &[Block]) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if let Some(t) = outer(&blocks[i]) {
            let j = run_end(blocks, i, |b| outer(b).map(|p| p.table) == Some(t.table));
            let group = &blocks[i..j];
            match data_table(group, outer) {
                Some(table) => out.push(Unit::Table(table)),
                // A layout table: its blocks are ordinary text, except the
                // data tables nested in it.
                None => layout_group(group, &mut out),
            }
            i = j;
        } else {
            i = plain(blocks, i, &mut out);
        }
    }
    out
}

fn layout_group<'b>(group: &'b [Block], out: &mut Vec<Unit<'b>>) {
    let mut k = 0;
    while k < group.len() {
        if let Some(t) = inner(&group[k]) {
            let e = run_end(group, k, |b| inner(b).map(|p| p.table) == Some(t.table));
            if let Some(table) = data_table(&group[k..e], inner) {
                out.push(Unit::Table(table));
                k = e;
                continue;
            }
        }
        k = plain(group, k, out);
    }
}

/// One block, or the run of blocks of one `pre`, as a unit; returns the
/// index after it.
fn plain<'b>(blocks: &'b [Block], i: usize, out: &mut Vec<Unit<'b>>) -> usize {
    let b = &blocks[i];
    let code = b.rich.as_ref().and_then(|r| r.code.as_ref());
    let Some((pre, lang)) = code else {
        out.push(Unit::Block(b));
        return i + 1;
    };
    let j = run_end(blocks, i, |x| {
        x.rich
            .as_ref()
            .and_then(|r| r.code.as_ref())
            .is_some_and(|(p, _)| p == pre)
    });
    let mut text = String::new();
    for x in &blocks[i..j] {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&x.text);
    }
    let containers = b.rich.as_ref().map_or(&[][..], |r| {
        let n = r.containers.partition_point(|c| c.node() < *pre);
        &r.containers[..n]
    });
    out.push(Unit::Code {
        containers,
        lang: lang.as_deref(),
        text,
    });
    j
}

fn run_end(blocks: &[Block], i: usize, same: impl Fn(&Block) -> bool) -> usize {
    let mut j = i + 1;
    while j < blocks.len() && same(&blocks[j]) {
        j += 1;
    }
    j
}

struct RawCell<'b> {
    info: Option<CellInfo>,
    parts: Parts<'b>,
    bytes: usize,
}

struct RawRow<'b> {
    node: u32,
    head: bool,
    cells: Vec<RawCell<'b>>,
    /// Cell node → index in `cells`: a lookup, not a scan per cell
    /// (quadratic on a row of many thousand cells).
    by_node: HashMap<u32, usize>,
}

impl<'b> RawRow<'b> {
    /// The cell `info` opens (or the row's last one when the same cell goes on).
    fn cell(&mut self, info: Option<CellInfo>) -> &mut RawCell<'b> {
        let found = match info {
            Some(c) => self.by_node.get(&c.node).copied(),
            None => self.cells.len().checked_sub(1),
        };
        let k = match found {
            Some(k) => k,
            None => {
                self.cells.push(RawCell {
                    info,
                    parts: Vec::new(),
                    bytes: 0,
                });
                let k = self.cells.len() - 1;
                if let Some(c) = info {
                    self.by_node.insert(c.node, k);
                }
                k
            }
        };
        &mut self.cells[k]
    }
}

fn add<'b>(row: &mut RawRow<'b>, info: Option<CellInfo>, rich: &'b Rich, items: &'b [Inline]) {
    if items.is_empty() {
        return;
    }
    let cell = row.cell(info);
    cell.bytes += items
        .iter()
        .map(|i| match i {
            Inline::Text(t, _) => t.len(),
            _ => 1,
        })
        .sum::<usize>();
    cell.parts.push((rich, items));
}

/// The group as a data table, or `None` when it is a layout table (long
/// cells, headings, lists or code in cells, a single cell).
fn data_table<'b>(group: &'b [Block], pos: fn(&Block) -> Option<TablePos>) -> Option<Table<'b>> {
    let first = group.first()?;
    let table_node = pos(first)?.table;
    let mut captions = Vec::new();
    let mut rows: Vec<RawRow<'b>> = Vec::new();
    let mut seen_rows: HashSet<u32> = HashSet::new();
    for b in group {
        let rich = b.rich.as_deref()?;
        if !matches!(b.kind, Kind::Row | Kind::Para) || rich.code.is_some() {
            return None;
        }
        let p = pos(b)?;
        let Some(row_node) = p.row else {
            captions.push(b);
            continue;
        };
        if rows.last().map(|r| r.node) != Some(row_node) {
            if !seen_rows.insert(row_node) {
                return None; // interleaved rows: not a simple grid
            }
            rows.push(RawRow {
                node: row_node,
                head: p.head,
                cells: Vec::new(),
                by_node: HashMap::new(),
            });
        }
        let row = rows.last_mut()?;
        // A block inside a cell (a paragraph, or a nested table's row,
        // which flattens into the outer cell) is all that cell's.
        if let Some(c) = p.cell {
            add(row, Some(c), rich, &rich.inlines);
            continue;
        }
        let mut start = 0;
        let mut current: Option<CellInfo> = None;
        for (k, item) in rich.inlines.iter().enumerate() {
            if let Inline::Cell(info) = item {
                add(row, current, rich, &rich.inlines[start..k]);
                row.cell(Some(*info));
                current = Some(*info);
                start = k + 1;
            }
        }
        add(row, current, rich, &rich.inlines[start..]);
    }
    let cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    if rows.is_empty() || cells < 2 {
        return None;
    }
    let too_big = rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.bytes > MAX_CELL_BYTES || c.parts.len() > MAX_CELL_PARTS);
    if too_big {
        return None;
    }
    let header = rows
        .first()
        .is_some_and(|r| r.head || r.cells.iter().all(|c| c.info.is_some_and(|i| i.header)));
    let containers = first.rich.as_ref().map_or(&[][..], |r| {
        let n = r.containers.partition_point(|c| c.node() < table_node);
        &r.containers[..n]
    });
    Some(Table {
        containers,
        captions,
        rows: grid(rows),
        header,
    })
}

/// Place cells on a grid: a spanned cell's other slots are left empty.
fn grid(rows: Vec<RawRow<'_>>) -> Vec<Vec<Cell<'_>>> {
    let mut pending = [0u16; MAX_COLUMNS];
    let mut out: Vec<Vec<Cell<'_>>> = Vec::with_capacity(rows.len());
    let empty = |header| Cell {
        header,
        parts: Vec::new(),
    };
    for row in rows {
        let mut line = Vec::new();
        let mut col = 0;
        for cell in row.cells {
            while col < MAX_COLUMNS && pending[col] > 0 {
                pending[col] -= 1;
                line.push(empty(false));
                col += 1;
            }
            if col >= MAX_COLUMNS {
                break;
            }
            let (colspan, rowspan, header) = cell
                .info
                .map_or((1, 1, false), |i| (i.colspan, i.rowspan, i.header));
            line.push(Cell {
                header,
                parts: cell.parts,
            });
            let span = (colspan as usize).min(MAX_COLUMNS - col);
            for k in 0..span {
                if k > 0 {
                    line.push(empty(header));
                }
                pending[col + k] = rowspan - 1;
            }
            col += span;
        }
        while col < MAX_COLUMNS && pending[col..].iter().any(|&p| p > 0) {
            if pending[col] > 0 {
                pending[col] -= 1;
            }
            line.push(empty(false));
            col += 1;
        }
        out.push(line);
    }
    let width = out.iter().map(Vec::len).max().unwrap_or(0);
    for line in &mut out {
        while line.len() < width {
            line.push(empty(false));
        }
    }
    out
}
