//! The insertion modes, rule for rule as html5ever applies them (its
//! `tree_builder/rules.rs`), for the cases the fast path builds. Each rule
//! it does not build returns [`Unsupported`].

use super::Unsupported;
use super::builder::{Builder, Mode, R, Scope, Start, Tok, phantom};
use super::document::Span;
use super::names::Name;
use super::tokenizer::State;

use Name as N;

/// What a rule did with the token.
enum Step {
    Done,
    Again(Mode, Tok),
}

use Step::{Again, Done};

impl Builder<'_> {
    /// Process one token to completion.
    pub(super) fn dispatch(&mut self, t: Tok) -> R {
        if let Some(name) = self.foreign.take() {
            // Only the element's own end tag can follow an emptied <svg>.
            return match t {
                Tok::End(n, _) if n == name => {
                    self.pop();
                    Ok(())
                }
                Tok::Eof => self.dispatch(t),
                _ => Err(Unsupported::Foreign),
            };
        }
        let mut t = t;
        let mut mode = self.mode;
        loop {
            if self.stopped {
                return Ok(());
            }
            match self.step(mode, t)? {
                Done => return Ok(()),
                Again(m, t2) => {
                    self.mode = m;
                    mode = m;
                    t = t2;
                }
            }
        }
    }

    fn step(&mut self, mode: Mode, t: Tok) -> R<Step> {
        match mode {
            Mode::Initial => self.initial(t),
            Mode::BeforeHtml => self.before_html(t),
            Mode::BeforeHead => self.before_head(t),
            Mode::InHead => self.in_head(t),
            Mode::InHeadNoscript => self.in_head_noscript(t),
            Mode::AfterHead => self.after_head(t),
            Mode::InBody => self.in_body(t),
            Mode::Text => self.text_mode(t),
            Mode::InTable => self.in_table(t),
            Mode::InTableText => self.in_table_text(t),
            Mode::InCaption => self.in_caption(t),
            Mode::InColumnGroup => self.in_column_group(t),
            Mode::InTableBody => self.in_table_body(t),
            Mode::InRow => self.in_row(t),
            Mode::InCell => self.in_cell(t),
            Mode::InTemplate => self.in_template(t),
            Mode::AfterBody => self.after_body(t),
            Mode::AfterAfterBody => self.after_after_body(t),
        }
    }

    /// Leading whitespace goes to `ws`; the rest, if any, is returned for
    /// the mode's "anything else".
    fn split_text(&mut self, span: Span, ws: impl FnOnce(&mut Self, Span) -> R) -> R<Option<Tok>> {
        let (lead, rest) = self.split_ws(span);
        if !lead.is_empty() {
            ws(self, lead)?;
        }
        Ok((!rest.is_empty()).then_some(Tok::Text(rest)))
    }

    fn initial(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Text(s) => match self.split_text(s, |_, _| Ok(()))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Comment => {
                self.append_comment_to(0)?;
                return Ok(Done);
            }
            t => t,
        };
        self.quirks = true;
        Ok(Again(Mode::BeforeHtml, t))
    }

    fn before_html(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Comment => {
                self.append_comment_to(0)?;
                return Ok(Done);
            }
            Tok::Text(s) => match self.split_text(s, |_, _| Ok(()))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Start(s) if s.name == N::Html => {
                self.insert(&s, false)?;
                self.mode = Mode::BeforeHead;
                return Ok(Done);
            }
            Tok::End(n, _) if !matches!(n, N::Head | N::Body | N::Html | N::Br) => {
                return Ok(Done);
            }
            t => t,
        };
        self.insert_phantom(N::Html)?;
        Ok(Again(Mode::BeforeHead, t))
    }

    fn before_head(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Text(s) => match self.split_text(s, |_, _| Ok(()))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Comment => {
                self.append_comment()?;
                return Ok(Done);
            }
            Tok::Start(s) if s.name == N::Html => return self.in_body(t),
            Tok::Start(s) if s.name == N::Head => {
                self.head = self.insert(&s, false)?;
                self.mode = Mode::InHead;
                return Ok(Done);
            }
            Tok::End(n, _) if !matches!(n, N::Head | N::Body | N::Html | N::Br) => {
                return Ok(Done);
            }
            t => t,
        };
        self.head = self.insert_phantom(N::Head)?;
        Ok(Again(Mode::InHead, t))
    }

    fn in_head(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Text(s) => match self.split_text(s, |b, ws| b.append_text(ws))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Comment => {
                self.append_comment()?;
                return Ok(Done);
            }
            Tok::Start(s) => match s.name {
                N::Html => return self.in_body(t),
                N::Base | N::Basefont | N::Bgsound | N::Link | N::Meta => {
                    self.insert(&s, true)?;
                    if self.names_encoding(&s) {
                        // html5ever's driver resumes here, dropping a BOM.
                        self.tok.skip_bom();
                    }
                    return Ok(Done);
                }
                N::Title => {
                    self.insert(&s, false)?;
                    self.raw_text(State::Rcdata);
                    return Ok(Done);
                }
                N::Noframes | N::Style => {
                    self.insert(&s, false)?;
                    self.raw_text(State::Rawtext);
                    return Ok(Done);
                }
                N::Noscript => {
                    // Scripting is off: its content is markup.
                    self.insert(&s, false)?;
                    self.mode = Mode::InHeadNoscript;
                    return Ok(Done);
                }
                N::Script => {
                    self.insert(&s, false)?;
                    self.raw_text(State::ScriptData);
                    return Ok(Done);
                }
                N::Template => {
                    self.fmt.push(super::builder::Fmt::Marker);
                    self.mode = Mode::InTemplate;
                    self.template_modes.push(Mode::InTemplate);
                    self.insert(&s, false)?;
                    return Ok(Done);
                }
                N::Head => return Ok(Done),
                _ => t,
            },
            Tok::End(n, _) => match n {
                N::Head => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    return Ok(Done);
                }
                N::Body | N::Html | N::Br => t,
                N::Template => {
                    if self.in_stack(N::Template) {
                        self.implied_end_thorough();
                        self.pop_until(N::Template);
                        self.clear_fmt_to_marker();
                        self.template_modes.pop();
                        self.mode = self.reset_mode();
                    }
                    return Ok(Done);
                }
                _ => return Ok(Done),
            },
            t => t,
        };
        self.pop();
        Ok(Again(Mode::AfterHead, t))
    }

    fn in_head_noscript(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Start(s) if s.name == N::Html => return self.in_body(t),
            Tok::End(N::Noscript, _) => {
                self.pop();
                self.mode = Mode::InHead;
                return Ok(Done);
            }
            Tok::Text(s) => match self.split_text(s, |b, ws| b.append_text(ws))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Comment => return self.in_head(t),
            Tok::Start(s)
                if matches!(
                    s.name,
                    N::Basefont | N::Bgsound | N::Link | N::Meta | N::Noframes | N::Style
                ) =>
            {
                return self.in_head(t);
            }
            Tok::End(N::Br, _) => t,
            Tok::Start(s) if matches!(s.name, N::Head | N::Noscript) => return Ok(Done),
            Tok::End(..) => return Ok(Done),
            t => t,
        };
        self.pop();
        Ok(Again(Mode::InHead, t))
    }

    fn after_head(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Text(s) => match self.split_text(s, |b, ws| b.append_text(ws))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Comment => {
                self.append_comment()?;
                return Ok(Done);
            }
            Tok::Start(s) => match s.name {
                N::Html => return self.in_body(t),
                N::Body => {
                    self.insert(&s, false)?;
                    self.mode = Mode::InBody;
                    return Ok(Done);
                }
                N::Frameset => return Err(Unsupported::Frameset),
                N::Base
                | N::Basefont
                | N::Bgsound
                | N::Link
                | N::Meta
                | N::Noframes
                | N::Script
                | N::Style
                | N::Template
                | N::Title => {
                    // Back into the head, which the page closed.
                    let Some(head) = self.head else {
                        return Err(Unsupported::OutOfOrder);
                    };
                    self.open.push(head);
                    self.open_names.push(N::Head);
                    let r = self.in_head(t)?;
                    self.remove_open(head);
                    return Ok(r);
                }
                N::Head => return Ok(Done),
                _ => t,
            },
            Tok::End(N::Template, _) => return self.in_head(t),
            Tok::End(n, _) if !matches!(n, N::Body | N::Html | N::Br) => return Ok(Done),
            t => t,
        };
        self.insert_phantom(N::Body)?;
        Ok(Again(Mode::InBody, t))
    }

    fn text_mode(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Text(s) => self.append_text(s)?,
            Tok::Eof => {
                self.pop();
                return Ok(Again(self.orig, t));
            }
            Tok::End(n, _) => {
                self.pop();
                self.mode = self.orig;
                if n == N::Script {
                    // html5ever's driver resumes after a script, dropping a BOM.
                    self.tok.skip_bom();
                }
            }
            _ => {}
        }
        Ok(Done)
    }

    /// Whether html5ever reads an encoding from this tag (its charset,
    /// or a Content-Type `http-equiv` whose content names a charset).
    fn names_encoding(&self, s: &Start) -> bool {
        if self.tag_attr(s, "charset").is_some() {
            return true;
        }
        let content_type = self
            .tag_attr(s, "http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
        content_type && self.tag_attr(s, "content").is_some_and(meta_charset)
    }

    fn in_body(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Text(s) => {
                self.reconstruct()?;
                self.append_text(s)?;
            }
            Tok::Comment => self.append_comment()?,
            Tok::Eof => {
                if !self.template_modes.is_empty() {
                    return self.in_template(t);
                }
                self.stopped = true;
            }
            Tok::Start(s) => return self.in_body_start(s),
            Tok::End(n, span) => return self.in_body_end(n, span),
        }
        Ok(Done)
    }

    fn in_body_start(&mut self, s: Start) -> R<Step> {
        match s.name {
            N::Html => {
                if !self.in_stack(N::Template) {
                    if let Some(&html) = self.open.first() {
                        self.add_attrs(html, &s);
                    }
                }
            }
            N::Base
            | N::Basefont
            | N::Bgsound
            | N::Link
            | N::Meta
            | N::Noframes
            | N::Script
            | N::Style
            | N::Template
            | N::Title => return self.in_head(Tok::Start(s)),
            N::Body => {
                if self.open.len() > 1
                    && self.open_names.get(1) == Some(&N::Body)
                    && !self.in_stack(N::Template)
                {
                    let body = self.open[1];
                    self.add_attrs(body, &s);
                }
            }
            N::Frameset => return Err(Unsupported::Frameset),
            N::Address
            | N::Article
            | N::Aside
            | N::Blockquote
            | N::Center
            | N::Details
            | N::Dialog
            | N::Dir
            | N::Div
            | N::Dl
            | N::Fieldset
            | N::Figcaption
            | N::Figure
            | N::Footer
            | N::Header
            | N::Hgroup
            | N::Main
            | N::Nav
            | N::Ol
            | N::P
            | N::Search
            | N::Section
            | N::Summary
            | N::Ul
            | N::Menu => {
                self.close_p_in_button_scope();
                self.insert(&s, false)?;
            }
            N::H1 | N::H2 | N::H3 | N::H4 | N::H5 | N::H6 => {
                self.close_p_in_button_scope();
                if self.cur_name().is_some_and(Name::is_heading) {
                    self.pop();
                }
                self.insert(&s, false)?;
            }
            N::Pre | N::Listing => {
                self.close_p_in_button_scope();
                self.insert(&s, false)?;
                self.ignore_lf = true;
            }
            N::Form => {
                let template = self.in_stack(N::Template);
                if self.form.is_none() || template {
                    self.close_p_in_button_scope();
                    let node = self.insert(&s, false)?;
                    if !template {
                        self.form = node;
                    }
                }
            }
            N::Li | N::Dd | N::Dt => {
                let list = s.name == N::Li;
                let mut close = None;
                for i in (0..self.open.len()).rev() {
                    let n = self.open_names[i];
                    let hit = if list {
                        n == N::Li
                    } else {
                        matches!(n, N::Dd | N::Dt)
                    };
                    if hit {
                        close = Some(n);
                        break;
                    }
                    if n.is_special() && !matches!(n, N::Address | N::Div | N::P) {
                        break;
                    }
                }
                if let Some(n) = close {
                    self.implied_end(Some(n));
                    self.pop_until(n);
                }
                self.close_p_in_button_scope();
                self.insert(&s, false)?;
            }
            N::Plaintext => return Err(Unsupported::Plaintext),
            N::Button => {
                if self.in_scope(Scope::Default, N::Button) {
                    self.implied_end(None);
                    self.pop_until(N::Button);
                }
                self.reconstruct()?;
                self.insert(&s, false)?;
            }
            N::A => {
                let a = self.fmt.iter().rev().find_map(|e| match e {
                    super::builder::Fmt::Marker => Some(None),
                    super::builder::Fmt::El { node, name, .. } if *name == N::A => {
                        Some(Some(*node))
                    }
                    _ => None,
                });
                if let Some(Some(node)) = a {
                    self.adoption_agency(N::A)?;
                    if let Some(i) = self.fmt_position(node) {
                        self.fmt.remove(i);
                    }
                    self.remove_open(node);
                }
                self.reconstruct()?;
                self.insert_formatting(&s)?;
            }
            N::B
            | N::Big
            | N::Code
            | N::Em
            | N::Font
            | N::I
            | N::S
            | N::Small
            | N::Strike
            | N::Strong
            | N::Tt
            | N::U => {
                self.reconstruct()?;
                self.insert_formatting(&s)?;
            }
            N::Nobr => {
                self.reconstruct()?;
                if self.in_scope(Scope::Default, N::Nobr) {
                    self.adoption_agency(N::Nobr)?;
                    self.reconstruct()?;
                }
                self.insert_formatting(&s)?;
            }
            N::Applet | N::Marquee | N::Object => {
                self.reconstruct()?;
                self.insert(&s, false)?;
                self.fmt.push(super::builder::Fmt::Marker);
            }
            N::Table => {
                if !self.quirks {
                    self.close_p_in_button_scope();
                }
                self.insert(&s, false)?;
                self.mode = Mode::InTable;
            }
            N::Area | N::Br | N::Embed | N::Img | N::Keygen | N::Wbr => {
                self.reconstruct()?;
                self.insert(&s, true)?;
            }
            N::Input => {
                if self.in_scope(Scope::Default, N::Select) {
                    self.pop_until(N::Select);
                }
                self.reconstruct()?;
                self.insert(&s, true)?;
            }
            N::Param | N::Source | N::Track => {
                self.insert(&s, true)?;
            }
            N::Hr => {
                self.close_p_in_button_scope();
                if self.in_scope(Scope::Default, N::Select) {
                    self.implied_end(None);
                }
                self.insert(&s, true)?;
            }
            N::Image => {
                let img = Start {
                    name: N::Img,
                    span: Span::default(),
                    ..s
                };
                return self.in_body_start(img);
            }
            N::Textarea => {
                self.ignore_lf = true;
                self.insert(&s, false)?;
                self.raw_text(State::Rcdata);
            }
            N::Xmp => {
                self.close_p_in_button_scope();
                self.reconstruct()?;
                self.insert(&s, false)?;
                self.raw_text(State::Rawtext);
            }
            N::Iframe | N::Noembed => {
                self.insert(&s, false)?;
                self.raw_text(State::Rawtext);
            }
            // A <select> inside one closes it (and is dropped).
            N::Select if self.in_scope(Scope::Default, N::Select) => self.pop_until(N::Select),
            N::Select => {
                self.reconstruct()?;
                self.insert(&s, false)?;
            }
            N::Option => {
                if self.in_scope(Scope::Default, N::Select) {
                    self.implied_end(Some(N::Optgroup));
                } else if self.cur_is(N::Option) {
                    self.pop();
                }
                self.reconstruct()?;
                self.insert(&s, false)?;
            }
            N::Optgroup => {
                if self.in_scope(Scope::Default, N::Select) {
                    self.implied_end(None);
                } else if self.cur_is(N::Option) {
                    self.pop();
                }
                self.reconstruct()?;
                self.insert(&s, false)?;
            }
            N::Rb | N::Rtc => {
                if self.in_scope(Scope::Default, N::Ruby) {
                    self.implied_end(None);
                }
                self.insert(&s, false)?;
            }
            N::Rp | N::Rt => {
                if self.in_scope(Scope::Default, N::Ruby) {
                    self.implied_end(Some(N::Rtc));
                }
                self.insert(&s, false)?;
            }
            N::Math | N::Svg => {
                self.reconstruct()?;
                let leaf = s.self_closing;
                let node = self.insert(&s, leaf)?;
                if !leaf && node.is_some() {
                    self.foreign = Some(s.name);
                }
            }
            N::Caption
            | N::Col
            | N::Colgroup
            | N::Frame
            | N::Head
            | N::Tbody
            | N::Td
            | N::Tfoot
            | N::Th
            | N::Thead
            | N::Tr => {}
            _ => {
                self.reconstruct()?;
                self.insert(&s, false)?;
            }
        }
        Ok(Done)
    }

    fn in_body_end(&mut self, n: Name, span: Span) -> R<Step> {
        match n {
            N::Template => return self.in_head(Tok::End(n, span)),
            N::Body => {
                if self.in_scope(Scope::Default, N::Body) {
                    self.mode = Mode::AfterBody;
                }
            }
            N::Html => {
                if self.in_scope(Scope::Default, N::Body) {
                    return Ok(Again(Mode::AfterBody, Tok::End(n, span)));
                }
            }
            N::Address
            | N::Article
            | N::Aside
            | N::Blockquote
            | N::Button
            | N::Center
            | N::Details
            | N::Dialog
            | N::Dir
            | N::Div
            | N::Dl
            | N::Fieldset
            | N::Figcaption
            | N::Figure
            | N::Footer
            | N::Header
            | N::Hgroup
            | N::Listing
            | N::Main
            | N::Menu
            | N::Nav
            | N::Ol
            | N::Pre
            | N::Search
            | N::Section
            | N::Select
            | N::Summary
            | N::Ul => {
                if self.in_scope(Scope::Default, n) {
                    self.implied_end(None);
                    self.pop_until(n);
                }
            }
            N::Form => {
                if !self.in_stack(N::Template) {
                    let Some(node) = self.form.take() else {
                        return Ok(Done);
                    };
                    if !self.in_scope_by(Scope::Default, |i, _| self.open[i] == node) {
                        return Ok(Done);
                    }
                    self.implied_end(None);
                    self.remove_open(node);
                } else {
                    if !self.in_scope(Scope::Default, N::Form) {
                        return Ok(Done);
                    }
                    self.implied_end(None);
                    self.pop_until(N::Form);
                }
            }
            N::P => {
                if !self.in_scope(Scope::Button, N::P) {
                    self.insert_phantom(N::P)?;
                }
                self.close_p();
            }
            N::Li | N::Dd | N::Dt => {
                let scope = if n == N::Li {
                    Scope::ListItem
                } else {
                    Scope::Default
                };
                if self.in_scope(scope, n) {
                    self.implied_end(Some(n));
                    self.pop_until(n);
                }
            }
            N::H1 | N::H2 | N::H3 | N::H4 | N::H5 | N::H6 => {
                if self.in_scope_by(Scope::Default, |_, x| x.is_heading()) {
                    self.implied_end(None);
                    self.pop_until_by(Name::is_heading);
                }
            }
            N::A
            | N::B
            | N::Big
            | N::Code
            | N::Em
            | N::Font
            | N::I
            | N::Nobr
            | N::S
            | N::Small
            | N::Strike
            | N::Strong
            | N::Tt
            | N::U => self.adoption_agency(n)?,
            N::Applet | N::Marquee | N::Object => {
                if self.in_scope(Scope::Default, n) {
                    self.implied_end(None);
                    self.pop_until(n);
                    self.clear_fmt_to_marker();
                }
            }
            N::Br => return self.in_body_start(phantom(N::Br)),
            _ => self.end_tag_in_body(n, span),
        }
        Ok(Done)
    }

    /// "Any other end tag" in body.
    pub(super) fn end_tag_in_body(&mut self, n: Name, span: Span) {
        let mut hit = None;
        for i in (0..self.open.len()).rev() {
            if self.entry_is(i, n, span) {
                hit = Some(i);
                break;
            }
            if self.open_names[i].is_special() {
                return;
            }
        }
        let Some(i) = hit else { return };
        self.implied_end(Some(n));
        self.truncate_open(i);
    }

    fn in_table(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Text(_) => {
                if self.cur_name().is_some_and(foster_target) {
                    self.orig = self.mode;
                    return Ok(Again(Mode::InTableText, t));
                }
                self.foster(t)
            }
            Tok::Comment => {
                self.append_comment()?;
                Ok(Done)
            }
            Tok::Start(s) => match s.name {
                N::Caption => {
                    self.pop_to_current(table_scope);
                    self.fmt.push(super::builder::Fmt::Marker);
                    self.insert(&s, false)?;
                    self.mode = Mode::InCaption;
                    Ok(Done)
                }
                N::Colgroup => {
                    self.pop_to_current(table_scope);
                    self.insert(&s, false)?;
                    self.mode = Mode::InColumnGroup;
                    Ok(Done)
                }
                N::Col => {
                    self.pop_to_current(table_scope);
                    self.insert_phantom(N::Colgroup)?;
                    Ok(Again(Mode::InColumnGroup, t))
                }
                N::Tbody | N::Tfoot | N::Thead => {
                    self.pop_to_current(table_scope);
                    self.insert(&s, false)?;
                    self.mode = Mode::InTableBody;
                    Ok(Done)
                }
                N::Td | N::Th | N::Tr => {
                    self.pop_to_current(table_scope);
                    self.insert_phantom(N::Tbody)?;
                    Ok(Again(Mode::InTableBody, t))
                }
                N::Table => {
                    if self.in_scope(Scope::Table, N::Table) {
                        self.pop_until(N::Table);
                        return Ok(Again(self.reset_mode(), t));
                    }
                    Ok(Done)
                }
                N::Style | N::Script | N::Template => self.in_head(t),
                N::Input => {
                    let hidden = self
                        .tag_attr(&s, "type")
                        .is_some_and(|v| v.eq_ignore_ascii_case("hidden"));
                    if hidden {
                        self.insert(&s, true)?;
                        return Ok(Done);
                    }
                    self.foster(t)
                }
                N::Form => {
                    if !self.in_stack(N::Template) && self.form.is_none() {
                        self.form = self.insert(&s, true)?;
                    }
                    Ok(Done)
                }
                _ => self.foster(t),
            },
            Tok::End(n, _) => match n {
                N::Table => {
                    if self.in_scope(Scope::Table, N::Table) {
                        self.pop_until(N::Table);
                        self.mode = self.reset_mode();
                    }
                    Ok(Done)
                }
                N::Body
                | N::Caption
                | N::Col
                | N::Colgroup
                | N::Html
                | N::Tbody
                | N::Td
                | N::Tfoot
                | N::Th
                | N::Thead
                | N::Tr => Ok(Done),
                N::Template => self.in_head(t),
                _ => self.foster(t),
            },
            Tok::Eof => self.in_body(t),
        }
    }

    /// A token in a table that belongs elsewhere: the body's rules, with
    /// anything they would insert into a table element moved before the
    /// table (html5ever's foster parenting), which the fast path leaves to
    /// html5ever; the rules that insert nothing (most stray end tags) run.
    fn foster(&mut self, t: Tok) -> R<Step> {
        self.fostering = true;
        let r = self.in_body(t);
        self.fostering = false;
        r
    }

    fn in_table_text(&mut self, t: Tok) -> R<Step> {
        if let Tok::Text(s) = t {
            self.pending.push(s);
            return Ok(Done);
        }
        let pending = std::mem::take(&mut self.pending);
        let fostered = pending.iter().any(|&s| !self.all_ws(s));
        for s in pending {
            if fostered {
                self.foster(Tok::Text(s))?;
            } else {
                self.append_text(s)?;
            }
        }
        Ok(Again(self.orig, t))
    }

    fn in_caption(&mut self, t: Tok) -> R<Step> {
        let closes = match t {
            Tok::Start(s) => matches!(
                s.name,
                N::Caption
                    | N::Col
                    | N::Colgroup
                    | N::Tbody
                    | N::Td
                    | N::Tfoot
                    | N::Th
                    | N::Thead
                    | N::Tr
            ),
            Tok::End(n, _) => matches!(n, N::Table | N::Caption),
            _ => false,
        };
        if closes {
            if !self.in_scope(Scope::Table, N::Caption) {
                return Ok(Done);
            }
            self.implied_end(None);
            self.pop_until(N::Caption);
            self.clear_fmt_to_marker();
            if matches!(t, Tok::End(N::Caption, _)) {
                self.mode = Mode::InTable;
                return Ok(Done);
            }
            return Ok(Again(Mode::InTable, t));
        }
        if let Tok::End(n, _) = t {
            if matches!(
                n,
                N::Body
                    | N::Col
                    | N::Colgroup
                    | N::Html
                    | N::Tbody
                    | N::Td
                    | N::Tfoot
                    | N::Th
                    | N::Thead
                    | N::Tr
            ) {
                return Ok(Done);
            }
        }
        self.in_body(t)
    }

    fn in_column_group(&mut self, t: Tok) -> R<Step> {
        let t = match t {
            Tok::Text(s) => match self.split_text(s, |b, ws| b.append_text(ws))? {
                Some(rest) => rest,
                None => return Ok(Done),
            },
            Tok::Comment => {
                self.append_comment()?;
                return Ok(Done);
            }
            Tok::Start(s) if s.name == N::Html => return self.in_body(t),
            Tok::Start(s) if s.name == N::Col => {
                self.insert(&s, true)?;
                return Ok(Done);
            }
            Tok::End(N::Colgroup, _) => {
                if self.cur_is(N::Colgroup) {
                    self.pop();
                    self.mode = Mode::InTable;
                }
                return Ok(Done);
            }
            Tok::End(N::Col, _) => return Ok(Done),
            Tok::Start(s) if s.name == N::Template => return self.in_head(t),
            Tok::End(N::Template, _) => return self.in_head(t),
            Tok::Eof => return self.in_body(t),
            t => t,
        };
        if self.cur_is(N::Colgroup) {
            self.pop();
            return Ok(Again(Mode::InTable, t));
        }
        Ok(Done)
    }

    fn in_table_body(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Start(s) if s.name == N::Tr => {
                self.pop_to_current(table_body_context);
                self.insert(&s, false)?;
                self.mode = Mode::InRow;
                Ok(Done)
            }
            Tok::Start(s) if matches!(s.name, N::Th | N::Td) => {
                self.pop_to_current(table_body_context);
                self.insert_phantom(N::Tr)?;
                Ok(Again(Mode::InRow, t))
            }
            Tok::End(n @ (N::Tbody | N::Tfoot | N::Thead), _) => {
                if self.in_scope(Scope::Table, n) {
                    self.pop_to_current(table_body_context);
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Ok(Done)
            }
            Tok::Start(Start {
                name: N::Caption | N::Col | N::Colgroup | N::Tbody | N::Tfoot | N::Thead,
                ..
            })
            | Tok::End(N::Table, _) => {
                // html5ever's set here is table, tbody, tfoot.
                if self.in_scope_by(Scope::Table, |_, n| {
                    matches!(n, N::Table | N::Tbody | N::Tfoot)
                }) {
                    self.pop_to_current(table_body_context);
                    self.pop();
                    return Ok(Again(Mode::InTable, t));
                }
                Ok(Done)
            }
            Tok::End(
                N::Body | N::Caption | N::Col | N::Colgroup | N::Html | N::Td | N::Th | N::Tr,
                _,
            ) => Ok(Done),
            t => self.in_table(t),
        }
    }

    fn in_row(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Start(s) if matches!(s.name, N::Th | N::Td) => {
                self.pop_to_current(table_row_context);
                self.insert(&s, false)?;
                self.mode = Mode::InCell;
                self.fmt.push(super::builder::Fmt::Marker);
                Ok(Done)
            }
            Tok::End(N::Tr, _) => {
                if self.in_scope(Scope::Table, N::Tr) {
                    self.pop_to_current(table_row_context);
                    self.pop();
                    self.mode = Mode::InTableBody;
                }
                Ok(Done)
            }
            Tok::Start(Start {
                name: N::Caption | N::Col | N::Colgroup | N::Tbody | N::Tfoot | N::Thead | N::Tr,
                ..
            })
            | Tok::End(N::Table, _) => {
                if self.in_scope(Scope::Table, N::Tr) {
                    self.pop_to_current(table_row_context);
                    self.pop();
                    return Ok(Again(Mode::InTableBody, t));
                }
                Ok(Done)
            }
            Tok::End(n @ (N::Tbody | N::Tfoot | N::Thead), _) => {
                if self.in_scope(Scope::Table, n) && self.in_scope(Scope::Table, N::Tr) {
                    self.pop_to_current(table_row_context);
                    self.pop();
                    return Ok(Again(Mode::InTableBody, t));
                }
                Ok(Done)
            }
            Tok::End(N::Body | N::Caption | N::Col | N::Colgroup | N::Html | N::Td | N::Th, _) => {
                Ok(Done)
            }
            t => self.in_table(t),
        }
    }

    fn in_cell(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::End(n @ (N::Td | N::Th), _) => {
                if self.in_scope(Scope::Table, n) {
                    self.implied_end(None);
                    self.pop_until(n);
                    self.clear_fmt_to_marker();
                    self.mode = Mode::InRow;
                }
                Ok(Done)
            }
            Tok::Start(Start {
                name:
                    N::Caption
                    | N::Col
                    | N::Colgroup
                    | N::Tbody
                    | N::Td
                    | N::Tfoot
                    | N::Th
                    | N::Thead
                    | N::Tr,
                ..
            }) => {
                if self.in_scope_by(Scope::Table, |_, n| matches!(n, N::Td | N::Th)) {
                    self.close_cell();
                    return Ok(Again(Mode::InRow, t));
                }
                Ok(Done)
            }
            Tok::End(N::Body | N::Caption | N::Col | N::Colgroup | N::Html, _) => Ok(Done),
            Tok::End(n @ (N::Table | N::Tbody | N::Tfoot | N::Thead | N::Tr), _) => {
                if self.in_scope(Scope::Table, n) {
                    self.close_cell();
                    return Ok(Again(Mode::InRow, t));
                }
                Ok(Done)
            }
            t => self.in_body(t),
        }
    }

    fn close_cell(&mut self) {
        self.implied_end(None);
        self.pop_until_by(|n| matches!(n, N::Td | N::Th));
        self.clear_fmt_to_marker();
    }

    fn in_template(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::End(N::Template, _) => self.in_head(t),
            Tok::Eof => {
                if !self.in_stack(N::Template) {
                    self.stopped = true;
                    return Ok(Done);
                }
                self.pop_until(N::Template);
                self.clear_fmt_to_marker();
                self.template_modes.pop();
                self.mode = self.reset_mode();
                Ok(Again(self.mode, t))
            }
            Tok::End(..) => Ok(Done),
            // Template contents live outside the tree: html5ever builds them.
            _ => Err(Unsupported::Template),
        }
    }

    fn after_body(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Text(s) => {
                let (lead, rest) = self.split_ws(s);
                if !lead.is_empty() {
                    self.in_body(Tok::Text(lead))?;
                }
                if rest.is_empty() {
                    return Ok(Done);
                }
                Ok(Again(Mode::InBody, Tok::Text(rest)))
            }
            Tok::Comment => {
                let html = self.open.first().copied().unwrap_or(0);
                self.append_comment_to(html)?;
                Ok(Done)
            }
            Tok::Start(s) if s.name == N::Html => self.in_body(t),
            Tok::End(N::Html, _) => {
                self.mode = Mode::AfterAfterBody;
                Ok(Done)
            }
            Tok::Eof => {
                self.stopped = true;
                Ok(Done)
            }
            t => Ok(Again(Mode::InBody, t)),
        }
    }

    fn after_after_body(&mut self, t: Tok) -> R<Step> {
        match t {
            Tok::Text(s) => {
                let (lead, rest) = self.split_ws(s);
                if !lead.is_empty() {
                    self.in_body(Tok::Text(lead))?;
                }
                if rest.is_empty() {
                    return Ok(Done);
                }
                Ok(Again(Mode::InBody, Tok::Text(rest)))
            }
            Tok::Comment => {
                self.append_comment_to(0)?;
                Ok(Done)
            }
            Tok::Start(s) if s.name == N::Html => self.in_body(t),
            Tok::Eof => {
                self.stopped = true;
                Ok(Done)
            }
            t => Ok(Again(Mode::InBody, t)),
        }
    }
}

/// Whether a `<meta>` content value names a charset ("extract a character
/// encoding from a meta element", as html5ever does it).
fn meta_charset(content: &str) -> bool {
    let b = content.as_bytes();
    let mut i = 0;
    loop {
        let Some(off) = b.get(i..).and_then(|r| {
            r.windows(7)
                .position(|w| w.eq_ignore_ascii_case(b"charset"))
        }) else {
            return false;
        };
        i += off + 7;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) == Some(&b'=') {
            break;
        }
    }
    i += 1;
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    match b.get(i) {
        None => false,
        Some(&q @ (b'"' | b'\'')) => b.get(i + 1..).is_some_and(|r| r.contains(&q)),
        Some(_) => true,
    }
}

/// Elements whose children foster parenting moves before the table.
pub(super) fn foster_target(n: Name) -> bool {
    matches!(n, N::Table | N::Tbody | N::Tfoot | N::Thead | N::Tr)
}

fn table_scope(n: Name) -> bool {
    matches!(n, N::Html | N::Table | N::Template)
}

fn table_body_context(n: Name) -> bool {
    matches!(n, N::Tbody | N::Tfoot | N::Thead | N::Template | N::Html)
}

fn table_row_context(n: Name) -> bool {
    matches!(n, N::Tr | N::Template | N::Html)
}
