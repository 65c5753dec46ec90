//! A small HCL (Terraform) writer for the Terraform output: blocks, attributes, comments, and the
//! expressions we need. Values are escaped as HCL template strings, so user text can never end a
//! string or start an interpolation. Layout follows `terraform fmt`: two-space indent and the `=` of
//! consecutive one-line attributes aligned.
//!
//! Escapes: HCL native syntax spec, "Template Expressions" (hashicorp/hcl `hclsyntax/spec.md`): `\\`,
//! `\"`, `\n`, `\r`, `\t`, `\uNNNN`, and `$${` / `%%{` for a literal `${` / `%{`.

/// An expression on the right of `=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A quoted string, escaped.
    Str(String),
    Num(u64),
    Bool(bool),
    /// A list; one item per line when it is long.
    List(Vec<Expr>),
    /// An object constructor `{ key = value }`, one attribute per line.
    Object(Vec<(String, Expr)>),
    /// An expression written as is (a reference such as `var.er_shared_key`, or a conditional).
    /// Only ever built from our own text, never from user input.
    Raw(String),
}

/// One line (or nested block) of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Attr(String, Expr),
    Block(Block),
    /// `# text`; each line of the text is one comment line.
    Comment(String),
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Vec<Item>,
}

impl Block {
    pub fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.to_string(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            body: Vec::new(),
        }
    }
    pub fn attr(mut self, name: &str, value: Expr) -> Block {
        self.body.push(Item::Attr(name.to_string(), value));
        self
    }
    pub fn block(mut self, block: Block) -> Block {
        self.body.push(Item::Block(block));
        self
    }
    pub fn comment(mut self, text: &str) -> Block {
        self.body.push(Item::Comment(text.to_string()));
        self
    }
    pub fn push(&mut self, item: Item) {
        self.body.push(item);
    }
    /// The nested block of this kind, created at the end when missing (always `Some`; an `Option` so
    /// the lookup needs no panic path).
    pub fn child(&mut self, kind: &str) -> Option<&mut Block> {
        let missing = !self
            .body
            .iter()
            .any(|i| matches!(i, Item::Block(b) if b.kind == kind));
        if missing {
            self.body.push(Item::Block(Block::new(kind, &[])));
        }
        self.body.iter_mut().find_map(|i| match i {
            Item::Block(b) if b.kind == kind => Some(b),
            _ => None,
        })
    }

    /// Sets `path` (`a.b.c`: blocks `a` and `b`, attribute `c`), creating the blocks on the way. An
    /// attribute goes before the nested blocks (terraform fmt's order).
    pub fn set_path(&mut self, path: &str, value: Expr) {
        match path.split_once('.') {
            None => {
                let at = self
                    .body
                    .iter()
                    .position(|i| matches!(i, Item::Block(_)))
                    .unwrap_or(self.body.len());
                self.body.insert(at, Item::Attr(path.to_string(), value));
            }
            Some((head, rest)) => {
                if let Some(child) = self.child(head) {
                    child.set_path(rest, value);
                }
            }
        }
    }
}

/// A string as an HCL quoted template that reads back as exactly `text`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A list goes on one line up to this many items and this width.
const ONE_LINE_ITEMS: usize = 4;
const ONE_LINE_WIDTH: usize = 80;

fn render_expr(expr: &Expr, indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    let end = "  ".repeat(indent);
    match expr {
        Expr::Str(s) => quote(s),
        Expr::Num(n) => n.to_string(),
        Expr::Bool(b) => b.to_string(),
        Expr::Raw(r) => r.clone(),
        Expr::List(items) => {
            let texts: Vec<String> = items.iter().map(|i| render_expr(i, indent + 1)).collect();
            let one_line = format!("[{}]", texts.join(", "));
            if items.len() <= ONE_LINE_ITEMS
                && one_line.len() <= ONE_LINE_WIDTH
                && !one_line.contains('\n')
            {
                one_line
            } else {
                let mut out = String::from("[\n");
                for t in texts {
                    out.push_str(&format!("{pad}{t},\n"));
                }
                out.push_str(&format!("{end}]"));
                out
            }
        }
        Expr::Object(fields) => {
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            let mut out = String::from("{\n");
            for (k, v) in fields {
                out.push_str(&format!(
                    "{pad}{k:width$} = {}\n",
                    render_expr(v, indent + 1)
                ));
            }
            out.push_str(&format!("{end}}}"));
            out
        }
    }
}

/// Comment lines wrap at this width (a word longer than the line stays whole).
const COMMENT_WIDTH: usize = 100;

fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn render_body(body: &[Item], indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let mut i = 0;
    while i < body.len() {
        match &body[i] {
            Item::Attr(..) => {
                // A run of consecutive attributes aligns its `=` (terraform fmt).
                let run: Vec<(&String, String)> = body[i..]
                    .iter()
                    .map_while(|item| match item {
                        Item::Attr(k, v) => Some((k, render_expr(v, indent))),
                        _ => None,
                    })
                    .collect();
                let width = run.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                i += run.len();
                for (k, v) in run {
                    out.push_str(&format!("{pad}{k:width$} = {v}\n"));
                }
            }
            Item::Block(b) => {
                render_block(b, indent, out);
                i += 1;
            }
            Item::Comment(text) => {
                for line in text.lines() {
                    if line.is_empty() {
                        out.push_str(&format!("{pad}#\n"));
                    }
                    for part in wrap(line, COMMENT_WIDTH.saturating_sub(pad.len() + 2)) {
                        out.push_str(&format!("{pad}# {part}\n"));
                    }
                }
                i += 1;
            }
            Item::Blank => {
                out.push('\n');
                i += 1;
            }
        }
    }
}

fn render_block(block: &Block, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    out.push_str(&pad);
    out.push_str(&block.kind);
    for label in &block.labels {
        out.push(' ');
        out.push_str(&quote(label));
    }
    if block.body.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {\n");
    render_body(&block.body, indent + 1, out);
    out.push_str(&pad);
    out.push_str("}\n");
}

/// A whole file: the top-level items in order.
pub fn render(items: &[Item]) -> String {
    let mut out = String::new();
    render_body(items, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_what_would_end_the_string_or_interpolate() {
        let cases = [
            ("plain", "\"plain\""),
            ("a\"b", "\"a\\\"b\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("${var.x}", "\"$${var.x}\""),
            ("%{ if }", "\"%%{ if }\""),
            ("$ and % alone", "\"$ and % alone\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("bell\u{7}", "\"bell\\u0007\""),
        ];
        for (input, want) in cases {
            assert_eq!(quote(input), want, "{input:?}");
        }
    }

    #[test]
    fn comments_wrap_at_the_width() {
        let long = "word ".repeat(40);
        let text = render(&[Item::Comment(long.trim().to_string())]);
        assert!(text
            .lines()
            .all(|l| l.len() <= COMMENT_WIDTH && l.starts_with("# ")));
        assert_eq!(text.matches("word").count(), 40);
    }

    #[test]
    fn attributes_align_and_long_lists_break() {
        let mut b = Block::new("resource", &["t", "n"]);
        b.set_path("a", Expr::Num(1));
        b.set_path("longer_name", Expr::Bool(true));
        b.set_path("inner.x", Expr::Str("y".into()));
        b.set_path(
            "inner.list",
            Expr::List((1..=5).map(|n| Expr::Str(format!("p{n}"))).collect()),
        );
        let text = render(&[Item::Block(b)]);
        assert_eq!(
            text,
            "resource \"t\" \"n\" {\n  a           = 1\n  longer_name = true\n  inner {\n    x    = \"y\"\n    list = [\n      \"p1\",\n      \"p2\",\n      \"p3\",\n      \"p4\",\n      \"p5\",\n    ]\n  }\n}\n"
        );
    }
}
