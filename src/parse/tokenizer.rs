//! The HTML tokenizer: the WHATWG state machine, reading bytes of valid
//! UTF-8 and handing out tokens that point into the page (or, where a
//! character reference or NUL had to be rewritten, into a scratch buffer)
//! instead of owned strings. Runs of ordinary text, attribute values and
//! comment bodies are found with `memchr`.
//!
//! The caller normalises newlines first (CR LF and CR become LF, the
//! spec's input-stream preprocessing), so no state here sees a CR.
//!
//! Checked against html5lib's tokenizer tests (`tests/tokenizer_conformance.rs`).

use memchr::{memchr, memchr2, memchr3};

use super::charref;

/// A string a token carries: a range of the page, or of the tokenizer's
/// scratch buffer (valid until the next call to [`Tokenizer::next`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Str {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) scratch: bool,
}

impl Str {
    fn src(start: usize, end: usize) -> Str {
        Str {
            start: start as u32,
            end: end as u32,
            scratch: false,
        }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// One attribute of a tag.
#[derive(Debug, Clone, Copy)]
pub struct Attr {
    /// Lower-cased name.
    pub name: Str,
    /// Value, character references decoded.
    pub value: Str,
}

/// A DOCTYPE.
#[derive(Debug, Clone, Copy, Default)]
pub struct Doctype {
    /// Lower-cased name, if any.
    pub name: Option<Str>,
    /// Public identifier, if any.
    pub public_id: Option<Str>,
    /// System identifier, if any.
    pub system_id: Option<Str>,
    /// The force-quirks flag.
    pub force_quirks: bool,
}

/// A token. Tag attributes are in [`Tokenizer::attrs`].
#[derive(Debug, Clone, Copy)]
pub enum Token {
    /// A run of characters.
    Text(Str),
    /// A U+0000 in the data state (kept apart: the tree builder drops it).
    Null,
    /// A start tag.
    StartTag {
        /// Lower-cased name.
        name: Str,
        /// Ends in `/>`.
        self_closing: bool,
    },
    /// An end tag (attributes read and dropped).
    EndTag {
        /// Lower-cased name.
        name: Str,
    },
    /// A comment, or a bogus one (`<!x>`, `<?x>`, `</3>`).
    Comment(Str),
    /// A DOCTYPE.
    Doctype(Doctype),
    /// The end of the page.
    Eof,
}

/// Where the tokenizer is: the content states the tree builder switches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Markup and text.
    Data,
    /// `<title>`, `<textarea>`: text with character references, up to the end tag.
    Rcdata,
    /// `<style>`, `<xmp>`, `<iframe>`, …: text up to the end tag.
    Rawtext,
    /// `<script>`: text up to the end tag, with the escape rules.
    ScriptData,
    /// `<plaintext>`: the rest of the page is text.
    Plaintext,
    /// Inside `<![CDATA[` in foreign content.
    CdataSection,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b' ' | b'\r')
}

/// The HTML tokenizer over one page.
pub struct Tokenizer<'t> {
    src: &'t str,
    b: &'t [u8],
    pos: usize,
    state: State,
    scratch: String,
    attrs: Vec<Attr>,
    last_start: Vec<u8>,
    has_nul: bool,
    /// Whether `<![CDATA[` opens a CDATA section (the adjusted current
    /// node is in SVG or MathML); else it is a bogus comment.
    pub allow_cdata: bool,
    done: bool,
}

/// Text collected across character references: a range of the page while
/// nothing needed rewriting, else the scratch buffer.
struct Acc {
    start: usize,
    end: usize,
    in_scratch: bool,
    scratch_start: usize,
}

impl<'t> Tokenizer<'t> {
    /// A tokenizer at the start of `text`, in the data state.
    pub fn new(text: &'t str) -> Tokenizer<'t> {
        let b = text.as_bytes();
        Tokenizer {
            src: text,
            b,
            pos: 0,
            state: State::Data,
            scratch: String::new(),
            attrs: Vec::new(),
            last_start: Vec::new(),
            has_nul: memchr(0, b).is_some(),
            allow_cdata: false,
            done: false,
        }
    }

    /// Switch to a content state (after a start tag, as the tree builder says).
    pub fn set_state(&mut self, state: State) {
        self.state = state;
    }

    /// Set the last start tag's name (for the tests' `lastStartTag`).
    pub fn set_last_start_tag(&mut self, name: &str) {
        self.last_start.clear();
        self.last_start.extend_from_slice(name.as_bytes());
    }

    /// Step over a U+FEFF at the current position. html5ever drops one
    /// wherever its driver resumes the tokenizer: at the start, and after
    /// a `</script>` or a `<meta>` naming a charset.
    pub fn skip_bom(&mut self) {
        if self.b.get(self.pos..self.pos + 3) == Some("\u{feff}".as_bytes()) {
            self.pos += 3;
        }
    }

    /// The current byte offset.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The attributes of the last tag returned.
    pub fn attrs(&self) -> &[Attr] {
        &self.attrs
    }

    /// The text a [`Str`] of the last token stands for.
    pub fn text(&self, s: Str) -> &str {
        let (start, end) = (s.start as usize, s.end as usize);
        if s.scratch {
            self.scratch.get(start..end).unwrap_or("")
        } else {
            self.src.get(start..end).unwrap_or("")
        }
    }

    /// The page.
    pub fn source(&self) -> &'t str {
        self.src
    }

    /// The page as bytes.
    pub fn bytes(&self) -> &'t [u8] {
        self.b
    }

    /// The next token; `Eof` forever after the end.
    pub fn next_token(&mut self) -> Token {
        self.scratch.clear();
        if self.done {
            return Token::Eof;
        }
        let token = match self.state {
            State::Data => self.data(),
            State::Rcdata => self.raw(true, false),
            State::Rawtext => self.raw(false, false),
            State::ScriptData => self.raw(false, true),
            State::Plaintext => self.plaintext(),
            State::CdataSection => self.cdata(),
        };
        if matches!(token, Token::Eof) {
            self.done = true;
        }
        token
    }

    // ----- text accumulation -----

    fn acc(&self, at: usize) -> Acc {
        Acc {
            start: at,
            end: at,
            in_scratch: false,
            scratch_start: self.scratch.len(),
        }
    }

    /// Append page bytes `from..to` to the text.
    fn acc_src(&mut self, acc: &mut Acc, from: usize, to: usize) {
        if to <= from {
            return;
        }
        if !acc.in_scratch && (acc.end == from || acc.start == acc.end) {
            if acc.start == acc.end {
                acc.start = from;
            }
            acc.end = to;
            return;
        }
        self.move_to_scratch(acc);
        let s = self.src.get(from..to).unwrap_or("");
        self.scratch.push_str(s);
    }

    /// Move the text into the scratch buffer, to append rewritten characters.
    fn move_to_scratch(&mut self, acc: &mut Acc) {
        if !acc.in_scratch {
            acc.in_scratch = true;
            acc.scratch_start = self.scratch.len();
            let s = self.src.get(acc.start..acc.end).unwrap_or("");
            self.scratch.push_str(s);
        }
    }

    fn acc_str(&self, acc: &Acc) -> Str {
        if acc.in_scratch {
            Str {
                start: acc.scratch_start as u32,
                end: self.scratch.len() as u32,
                scratch: true,
            }
        } else {
            Str::src(acc.start, acc.end)
        }
    }

    fn acc_empty(&self, acc: &Acc) -> bool {
        if acc.in_scratch {
            self.scratch.len() == acc.scratch_start
        } else {
            acc.start == acc.end
        }
    }

    /// Decode a character reference whose `&` is at `amp` into the text.
    fn acc_charref(&mut self, acc: &mut Acc, amp: usize, in_attr: bool) -> usize {
        // Nearly every `&` starts a reference: move to the scratch buffer
        // first so its characters follow the text before it.
        self.move_to_scratch(acc);
        match charref::decode(self.b, amp + 1, in_attr, &mut self.scratch) {
            Some(next) => next,
            None => {
                self.scratch.push('&');
                amp + 1
            }
        }
    }

    // ----- the data state -----

    fn find_data(&self, from: usize) -> Option<usize> {
        let rest = self.b.get(from..)?;
        let off = if self.has_nul {
            memchr3(b'<', b'&', 0, rest)
        } else {
            memchr2(b'<', b'&', rest)
        };
        off.map(|o| from + o)
    }

    fn data(&mut self) -> Token {
        let mut acc = self.acc(self.pos);
        loop {
            let Some(i) = self.find_data(self.pos) else {
                let end = self.b.len();
                self.acc_src(&mut acc, self.pos, end);
                self.pos = end;
                return if self.acc_empty(&acc) {
                    Token::Eof
                } else {
                    Token::Text(self.acc_str(&acc))
                };
            };
            self.acc_src(&mut acc, self.pos, i);
            self.pos = i;
            match self.b[i] {
                b'&' => self.pos = self.acc_charref(&mut acc, i, false),
                0 => {
                    if !self.acc_empty(&acc) {
                        return Token::Text(self.acc_str(&acc));
                    }
                    self.pos = i + 1;
                    return Token::Null;
                }
                _ => {
                    let next = self.b.get(i + 1).copied();
                    let markup = match next {
                        Some(b'!' | b'?') => true,
                        Some(c) if c.is_ascii_alphabetic() => true,
                        Some(b'/') => self.b.get(i + 2).is_some(),
                        _ => false,
                    };
                    if !markup {
                        self.acc_src(&mut acc, i, i + 1);
                        self.pos = i + 1;
                        continue;
                    }
                    if !self.acc_empty(&acc) {
                        return Token::Text(self.acc_str(&acc));
                    }
                    if let Some(t) = self.markup(i) {
                        return t;
                    }
                    // `</>` is dropped: go on reading text.
                    acc = self.acc(self.pos);
                }
            }
        }
    }

    /// The markup starting at `<` at `lt`; `None` for `</>`, which is nothing.
    fn markup(&mut self, lt: usize) -> Option<Token> {
        match self.b.get(lt + 1).copied() {
            Some(b'!') => Some(self.markup_declaration(lt + 2)),
            Some(b'?') => Some(self.bogus_comment(lt + 1)),
            Some(b'/') => match self.b.get(lt + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => Some(self.tag(lt + 2, true)),
                Some(b'>') => {
                    self.pos = lt + 3;
                    None
                }
                _ => Some(self.bogus_comment(lt + 2)),
            },
            _ => Some(self.tag(lt + 1, false)),
        }
    }

    // ----- tags -----

    /// A lower-cased name from `from` up to a byte in the stop set.
    fn name(&mut self, from: usize, attr: bool) -> (Str, usize) {
        let b = self.b;
        let mut i = from;
        let mut plain = true;
        // The first character of an attribute name may be `=`.
        if attr && b.get(i) == Some(&b'=') {
            i += 1;
        }
        while let Some(&c) = b.get(i) {
            if is_ws(c) || c == b'/' || c == b'>' || (attr && c == b'=') {
                break;
            }
            if c.is_ascii_uppercase() || c == 0 {
                plain = false;
            }
            i += 1;
        }
        if plain {
            return (Str::src(from, i), i);
        }
        let start = self.scratch.len();
        let s = self.src.get(from..i).unwrap_or("");
        for ch in s.chars() {
            match ch {
                '\0' => self.scratch.push('\u{fffd}'),
                c => self.scratch.push(c.to_ascii_lowercase()),
            }
        }
        (
            Str {
                start: start as u32,
                end: self.scratch.len() as u32,
                scratch: true,
            },
            i,
        )
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.b.get(i).is_some_and(|&c| is_ws(c)) {
            i += 1;
        }
        i
    }

    /// A start or end tag whose name starts at `at`; `Eof` when the page
    /// ends inside it (the tag is dropped).
    fn tag(&mut self, at: usize, end: bool) -> Token {
        self.attrs.clear();
        let (name, mut i) = self.name(at, false);
        let mut self_closing = false;
        loop {
            // Before attribute name.
            i = self.skip_ws(i);
            match self.b.get(i).copied() {
                None => return self.eof_in_tag(),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    // Self-closing start tag state.
                    match self.b.get(i + 1).copied() {
                        Some(b'>') => {
                            self_closing = true;
                            i += 2;
                            break;
                        }
                        None => return self.eof_in_tag(),
                        // Unexpected solidus: reconsume before an attribute name.
                        Some(_) => {
                            i += 1;
                            continue;
                        }
                    }
                }
                Some(_) => {}
            }
            let (attr_name, after) = self.name(i, true);
            i = self.skip_ws(after);
            let mut value = Str::default();
            if self.b.get(i) == Some(&b'=') {
                i = self.skip_ws(i + 1);
                match self.b.get(i).copied() {
                    Some(q @ (b'"' | b'\'')) => match self.quoted_value(i + 1, q) {
                        Some((v, next)) => {
                            value = v;
                            i = next;
                        }
                        None => return self.eof_in_tag(),
                    },
                    // Missing value: the tag ends here.
                    Some(b'>') => {}
                    None => return self.eof_in_tag(),
                    Some(_) => {
                        let (v, next) = self.unquoted_value(i);
                        value = v;
                        i = next;
                    }
                }
            }
            self.add_attr(attr_name, value);
        }
        self.pos = i;
        if end {
            self.attrs.clear();
            Token::EndTag { name }
        } else {
            self.last_start.clear();
            let (from, to) = (name.start as usize, name.end as usize);
            let bytes = if name.scratch {
                self.scratch.as_bytes()
            } else {
                self.b
            };
            self.last_start
                .extend_from_slice(bytes.get(from..to).unwrap_or_default());
            Token::StartTag { name, self_closing }
        }
    }

    fn eof_in_tag(&mut self) -> Token {
        self.pos = self.b.len();
        self.attrs.clear();
        Token::Eof
    }

    /// Keep an attribute unless an earlier one has its name.
    fn add_attr(&mut self, name: Str, value: Str) {
        let n = self.text(name);
        if self.attrs.iter().any(|a| self.text(a.name) == n) {
            return;
        }
        self.attrs.push(Attr { name, value });
    }

    /// A quoted value starting at `at`, and the position after the quote.
    /// After the closing quote, anything but whitespace, `/` or `>` starts
    /// the next attribute directly (a parse error), which the caller's loop
    /// does as it is.
    fn quoted_value(&mut self, at: usize, q: u8) -> Option<(Str, usize)> {
        let mut acc = self.acc(at);
        let mut i = at;
        loop {
            let rest = self.b.get(i..)?;
            let off = if self.has_nul {
                memchr3(q, b'&', 0, rest)
            } else {
                memchr2(q, b'&', rest)
            }?;
            let j = i + off;
            self.acc_src(&mut acc, i, j);
            match self.b[j] {
                b'&' => i = self.acc_charref(&mut acc, j, true),
                0 => {
                    self.move_to_scratch(&mut acc);
                    self.scratch.push('\u{fffd}');
                    i = j + 1;
                }
                _ => return Some((self.acc_str(&acc), j + 1)),
            }
        }
    }

    /// An unquoted value from `at` to whitespace or `>`.
    fn unquoted_value(&mut self, at: usize) -> (Str, usize) {
        let mut acc = self.acc(at);
        let mut i = at;
        let mut from = at;
        while let Some(&c) = self.b.get(i) {
            match c {
                b'>' => break,
                c if is_ws(c) => break,
                b'&' => {
                    self.acc_src(&mut acc, from, i);
                    i = self.acc_charref(&mut acc, i, true);
                    from = i;
                }
                0 => {
                    self.acc_src(&mut acc, from, i);
                    self.move_to_scratch(&mut acc);
                    self.scratch.push('\u{fffd}');
                    i += 1;
                    from = i;
                }
                _ => i += 1,
            }
        }
        self.acc_src(&mut acc, from, i);
        (self.acc_str(&acc), i)
    }

    // ----- comments and declarations -----

    fn markup_declaration(&mut self, at: usize) -> Token {
        let rest = self.b.get(at..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return self.comment(at + 2);
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(at + 7);
        }
        if rest.starts_with(b"[CDATA[") {
            if self.allow_cdata {
                self.pos = at + 7;
                self.state = State::CdataSection;
                return self.cdata();
            }
            // A bogus comment whose data starts with "[CDATA[".
            return self.bogus_comment(at);
        }
        self.bogus_comment(at)
    }

    /// A bogus comment: its data from `at` to the next `>`.
    fn bogus_comment(&mut self, at: usize) -> Token {
        let end = memchr(b'>', self.b.get(at..).unwrap_or_default()).map(|o| at + o);
        let stop = end.unwrap_or(self.b.len());
        self.pos = end.map_or(stop, |e| e + 1);
        Token::Comment(self.with_nul_replaced(at, stop))
    }

    /// Page bytes `from..to` as a string, NULs replaced by U+FFFD.
    fn with_nul_replaced(&mut self, from: usize, to: usize) -> Str {
        let slice = self.b.get(from..to).unwrap_or_default();
        if !self.has_nul || memchr(0, slice).is_none() {
            return Str::src(from, to);
        }
        let start = self.scratch.len();
        let s = self.src.get(from..to).unwrap_or("");
        for ch in s.chars() {
            self.scratch.push(if ch == '\0' { '\u{fffd}' } else { ch });
        }
        Str {
            start: start as u32,
            end: self.scratch.len() as u32,
            scratch: true,
        }
    }

    /// A comment whose data starts at `at` (after `<!--`).
    fn comment(&mut self, at: usize) -> Token {
        let b = self.b;
        // Comment start: `<!-->` and `<!--->` are empty comments.
        match b.get(at..at + 1) {
            Some(b">") => {
                self.pos = at + 1;
                return Token::Comment(Str::src(at, at));
            }
            Some(b"-") if b.get(at + 1) == Some(&b'>') => {
                self.pos = at + 2;
                return Token::Comment(Str::src(at, at));
            }
            _ => {}
        }
        // The data ends at `-->` or `--!>`; `--` followed by anything else
        // (or `-` alone) is data. Everything from `at` up to the closing
        // dashes is data, so only its end needs finding.
        let mut i = at;
        loop {
            let Some(off) = memchr(b'-', b.get(i..).unwrap_or_default()) else {
                // EOF in comment: everything is data, with a `-`/`--`
                // tail counted as comment end dashes (dropped).
                let end = b.len();
                self.pos = end;
                let mut data_end = end;
                if b[at..end].ends_with(b"--") && end - at >= 2 {
                    data_end = end - 2;
                } else if b[at..end].ends_with(b"-") && end > at {
                    data_end = end - 1;
                }
                return Token::Comment(self.with_nul_replaced(at, data_end));
            };
            let d = i + off;
            // At a dash: comment end dash.
            if b.get(d + 1) != Some(&b'-') {
                if d + 1 >= b.len() {
                    self.pos = b.len();
                    return Token::Comment(self.with_nul_replaced(at, d));
                }
                i = d + 1;
                continue;
            }
            // `--`: comment end. More dashes are data.
            let mut e = d + 2;
            while b.get(e) == Some(&b'-') {
                e += 1;
            }
            match b.get(e).copied() {
                Some(b'>') => {
                    self.pos = e + 1;
                    return Token::Comment(self.with_nul_replaced(at, e - 2));
                }
                Some(b'!') => match b.get(e + 1).copied() {
                    Some(b'>') => {
                        self.pos = e + 2;
                        return Token::Comment(self.with_nul_replaced(at, e - 2));
                    }
                    None => {
                        self.pos = b.len();
                        return Token::Comment(self.with_nul_replaced(at, e - 2));
                    }
                    // `--!` then data; a following `-` starts a new end.
                    Some(_) => i = e + 1,
                },
                None => {
                    self.pos = b.len();
                    return Token::Comment(self.with_nul_replaced(at, e - 2));
                }
                Some(_) => i = e,
            }
        }
    }

    // ----- raw text, RCDATA, script data, PLAINTEXT, CDATA -----

    /// Whether `</name` at `lt` is an appropriate end tag: the last start
    /// tag's name (ASCII letters only), then whitespace, `/` or `>`.
    fn appropriate_end(&self, lt: usize) -> bool {
        let n = self.last_start.len();
        if n == 0 || self.b.get(lt + 1) != Some(&b'/') {
            return false;
        }
        let Some(cand) = self.b.get(lt + 2..lt + 2 + n) else {
            return false;
        };
        cand.eq_ignore_ascii_case(&self.last_start)
            && cand.iter().all(u8::is_ascii_alphabetic)
            && self
                .b
                .get(lt + 2 + n)
                .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
    }

    /// RCDATA (`refs`), RAWTEXT, or script data (`script`) up to the
    /// appropriate end tag, which is then returned as a tag.
    fn raw(&mut self, refs: bool, script: bool) -> Token {
        let start = self.pos;
        let end = if script {
            self.script_end(start)
        } else {
            self.raw_end(start)
        };
        if end > start {
            let s = self.raw_text(start, end, refs);
            self.pos = end;
            return Token::Text(s);
        }
        if end >= self.b.len() {
            self.pos = self.b.len();
            return Token::Eof;
        }
        // At the end tag.
        self.state = State::Data;
        self.tag(end + 2, true)
    }

    /// Where the appropriate end tag after `from` starts (or the page's end).
    fn raw_end(&self, from: usize) -> usize {
        let mut i = from;
        while let Some(off) = memchr(b'<', self.b.get(i..).unwrap_or_default()) {
            let lt = i + off;
            if self.appropriate_end(lt) {
                return lt;
            }
            i = lt + 1;
        }
        self.b.len()
    }

    /// Text from `from` to `to`, references decoded when `refs`, NULs
    /// replaced.
    fn raw_text(&mut self, from: usize, to: usize, refs: bool) -> Str {
        let slice = self.b.get(from..to).unwrap_or_default();
        let has_amp = refs && memchr(b'&', slice).is_some();
        let has_nul = self.has_nul && memchr(0, slice).is_some();
        if !has_amp && !has_nul {
            return Str::src(from, to);
        }
        let mut acc = self.acc(from);
        let mut i = from;
        while i < to {
            let rest = self.b.get(i..to).unwrap_or_default();
            let off = if refs {
                memchr2(b'&', 0, rest)
            } else {
                memchr(0, rest)
            };
            let Some(off) = off else {
                self.acc_src(&mut acc, i, to);
                break;
            };
            let j = i + off;
            self.acc_src(&mut acc, i, j);
            if self.b[j] == 0 {
                self.move_to_scratch(&mut acc);
                self.scratch.push('\u{fffd}');
                i = j + 1;
            } else {
                // A reference may not run past the end tag.
                let next = {
                    let mut decoded = String::new();
                    let bounded = self.b.get(..to).unwrap_or_default();
                    charref::decode(bounded, j + 1, false, &mut decoded).map(|n| (n, decoded))
                };
                match next {
                    Some((n, decoded)) => {
                        self.move_to_scratch(&mut acc);
                        self.scratch.push_str(&decoded);
                        i = n;
                    }
                    None => {
                        self.acc_src(&mut acc, j, j + 1);
                        i = j + 1;
                    }
                }
            }
        }
        self.acc_str(&acc)
    }

    /// Where the script's appropriate end tag starts, following the script
    /// data escape states: after `<!--`, a `<script` start makes the next
    /// `</script` part of the script, until its end or a `-->`.
    fn script_end(&self, from: usize) -> usize {
        #[derive(PartialEq, Clone, Copy)]
        enum S {
            Data,
            Escaped,
            EscapedDash,
            EscapedDashDash,
            Double,
            DoubleDash,
            DoubleDashDash,
        }
        let b = self.b;
        let mut s = S::Data;
        let mut i = from;
        loop {
            match s {
                S::Data => {
                    let Some(off) = memchr(b'<', b.get(i..).unwrap_or_default()) else {
                        return b.len();
                    };
                    let p = i + off;
                    if self.appropriate_end(p) {
                        return p;
                    }
                    if b.get(p + 1..p + 4) == Some(b"!--") {
                        // The opener's dashes count: `<!-->` closes at once.
                        s = S::EscapedDashDash;
                        i = p + 4;
                    } else {
                        i = p + 1;
                    }
                }
                S::Escaped | S::Double => {
                    let Some(off) = memchr2(b'<', b'-', b.get(i..).unwrap_or_default()) else {
                        return b.len();
                    };
                    let p = i + off;
                    if b[p] == b'-' {
                        s = if s == S::Escaped {
                            S::EscapedDash
                        } else {
                            S::DoubleDash
                        };
                        i = p + 1;
                        continue;
                    }
                    if s == S::Escaped {
                        if self.appropriate_end(p) {
                            return p;
                        }
                        if script_word(b, p + 1) {
                            s = S::Double;
                            i = p + 8;
                        } else {
                            i = p + 1;
                        }
                    } else if b.get(p + 1) == Some(&b'/') && script_word(b, p + 2) {
                        s = S::Escaped;
                        i = p + 9;
                    } else {
                        i = p + 1;
                    }
                }
                S::EscapedDash | S::EscapedDashDash | S::DoubleDash | S::DoubleDashDash => {
                    let double = matches!(s, S::DoubleDash | S::DoubleDashDash);
                    let dash_dash = matches!(s, S::EscapedDashDash | S::DoubleDashDash);
                    let back = if double { S::Double } else { S::Escaped };
                    match b.get(i).copied() {
                        None => return b.len(),
                        Some(b'-') => {
                            s = if double {
                                S::DoubleDashDash
                            } else {
                                S::EscapedDashDash
                            };
                            i += 1;
                        }
                        // Read by the plain state's less-than sign rules.
                        Some(b'<') => s = back,
                        Some(b'>') if dash_dash => {
                            s = S::Data;
                            i += 1;
                        }
                        Some(_) => {
                            s = back;
                            i += 1;
                        }
                    }
                }
            }
        }
    }

    fn plaintext(&mut self) -> Token {
        let start = self.pos;
        let end = self.b.len();
        self.pos = end;
        if start >= end {
            return Token::Eof;
        }
        Token::Text(self.with_nul_replaced(start, end))
    }

    fn cdata(&mut self) -> Token {
        let start = self.pos;
        let rest = self.b.get(start..).unwrap_or_default();
        match memchr::memmem::find(rest, b"]]>") {
            Some(off) => {
                self.pos = start + off + 3;
                self.state = State::Data;
                if off == 0 {
                    return self.next_token_keep_scratch();
                }
                Token::Text(Str::src(start, start + off))
            }
            None => {
                self.pos = self.b.len();
                if rest.is_empty() {
                    Token::Eof
                } else {
                    Token::Text(Str::src(start, self.b.len()))
                }
            }
        }
    }

    fn next_token_keep_scratch(&mut self) -> Token {
        match self.state {
            State::Data => self.data(),
            _ => self.next_token(),
        }
    }

    // ----- DOCTYPE -----

    fn doctype(&mut self, at: usize) -> Token {
        let (d, next) = super::doctype::parse(self, at);
        self.pos = next;
        Token::Doctype(d)
    }

    /// Page bytes `from..to` lower-cased (for the DOCTYPE name).
    pub(super) fn lower(&mut self, from: usize, to: usize) -> Str {
        let slice = self.b.get(from..to).unwrap_or_default();
        if !slice.iter().any(|&c| c.is_ascii_uppercase() || c == 0) {
            return Str::src(from, to);
        }
        let start = self.scratch.len();
        let s = self.src.get(from..to).unwrap_or("");
        for ch in s.chars() {
            self.scratch.push(if ch == '\0' {
                '\u{fffd}'
            } else {
                ch.to_ascii_lowercase()
            });
        }
        Str {
            start: start as u32,
            end: self.scratch.len() as u32,
            scratch: true,
        }
    }

    /// Page bytes `from..to`, NULs replaced (for DOCTYPE identifiers).
    pub(super) fn verbatim(&mut self, from: usize, to: usize) -> Str {
        self.with_nul_replaced(from, to)
    }
}

/// Whether `script` (any case) followed by whitespace, `/` or `>` is at `at`.
fn script_word(b: &[u8], at: usize) -> bool {
    b.get(at..at + 6)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"script"))
        && b.get(at + 6)
            .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
}
