//! Templates that would render forever. tera has no depth limit: a macro
//! that calls itself, or a template that includes itself, recurses until
//! the stack overflows, and that aborts the whole process (no message, no
//! cleanup, `serve` gone) because Rust cannot catch a stack overflow. So
//! the theme is refused before anything renders when its templates and
//! macros call, include or extend each other in a cycle. The site's data
//! has no trees to walk, so a recursive macro is never needed; refusing
//! every cycle is the one rule that is sure to stop every runaway.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

use crate::error::{Error, Location, Result};

/// A template as a whole, or one macro in a template file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro { file: String, name: String },
}

/// One way a unit renders another: how it reads in a message, and what to
/// look for in the file's source to name the line.
#[derive(Debug, Clone)]
struct Step {
    to: Unit,
    how: &'static str,
    look_for: String,
}

/// Refuses a theme whose templates or macros reach themselves again.
/// `sources` are the templates' (name, text), to say on which line.
pub(super) fn refuse_cycles(
    tera: &Tera,
    templates_dir: &Path,
    sources: &[(String, String)],
) -> Result<()> {
    let graph = graph(tera);
    let mut state: BTreeMap<&Unit, Visit> = BTreeMap::new();
    for unit in graph.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = find_cycle(unit, &graph, &mut state, &mut path) {
            return Err(cycle_error(&cycle, templates_dir, sources));
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Open,
    Done,
}

/// Depth-first search; the cycle as the steps from its first unit back to
/// it. The depth is bounded by the number of units (each is opened once).
fn find_cycle<'g>(
    unit: &'g Unit,
    graph: &'g BTreeMap<Unit, Vec<Step>>,
    state: &mut BTreeMap<&'g Unit, Visit>,
    path: &mut Vec<(&'g Unit, &'g Step)>,
) -> Option<Vec<(Unit, Step)>> {
    match state.get(unit) {
        Some(Visit::Done) => return None,
        Some(Visit::Open) => {
            let start = path.iter().position(|(from, _)| *from == unit)?;
            return Some(
                path[start..]
                    .iter()
                    .map(|(from, step)| ((*from).clone(), (*step).clone()))
                    .collect(),
            );
        }
        None => {}
    }
    state.insert(unit, Visit::Open);
    for step in graph.get(unit).into_iter().flatten() {
        path.push((unit, step));
        if let Some(cycle) = find_cycle(&step.to, graph, state, path) {
            return Some(cycle);
        }
        path.pop();
    }
    state.insert(unit, Visit::Done);
    None
}

fn graph(tera: &Tera) -> BTreeMap<Unit, Vec<Step>> {
    let mut graph = BTreeMap::new();
    for name in tera.get_template_names() {
        let Ok(template) = tera.get_template(name) else {
            continue;
        };
        let imports: BTreeMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let resolve = |namespace: &str, macro_name: &str| {
            let file = match namespace {
                "self" => Some(name),
                other => imports.get(other).copied(),
            };
            file.map(|file| Unit::Macro {
                file: file.to_owned(),
                name: macro_name.to_owned(),
            })
        };
        let mut steps = Vec::new();
        if let Some(parent) = &template.parent {
            steps.push(Step {
                to: Unit::Template(parent.clone()),
                how: "extends",
                look_for: parent.clone(),
            });
        }
        nodes(&template.ast, &resolve, &mut steps);
        graph.insert(Unit::Template(name.to_owned()), steps);
        for (macro_name, definition) in &template.macros {
            let mut steps = Vec::new();
            nodes(&definition.body, &resolve, &mut steps);
            let unit = Unit::Macro {
                file: name.to_owned(),
                name: macro_name.clone(),
            };
            graph.insert(unit, steps);
        }
    }
    graph
}

type Resolve<'a> = dyn Fn(&str, &str) -> Option<Unit> + 'a;

fn nodes(nodes: &[Node], resolve: &Resolve<'_>, steps: &mut Vec<Step>) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, e) => expr(e, resolve, steps),
            Node::Set(_, set) => expr(&set.value, resolve, steps),
            Node::Include(_, names, _) => {
                for name in names {
                    steps.push(Step {
                        to: Unit::Template(name.clone()),
                        how: "includes",
                        look_for: name.clone(),
                    });
                }
            }
            Node::FilterSection(_, section, _) => {
                exprs(section.filter.args.values(), resolve, steps);
                self::nodes(&section.body, resolve, steps);
            }
            Node::Block(_, block, _) => self::nodes(&block.body, resolve, steps),
            Node::Forloop(_, for_loop, _) => {
                expr(&for_loop.container, resolve, steps);
                self::nodes(&for_loop.body, resolve, steps);
                if let Some(empty) = &for_loop.empty_body {
                    self::nodes(empty, resolve, steps);
                }
            }
            Node::If(condition, _) => {
                for (_, test, body) in &condition.conditions {
                    expr(test, resolve, steps);
                    self::nodes(body, resolve, steps);
                }
                if let Some((_, body)) = &condition.otherwise {
                    self::nodes(body, resolve, steps);
                }
            }
            // A macro's body is its own unit; the rest renders nothing else.
            _ => {}
        }
    }
}

fn exprs<'e>(
    exprs: impl IntoIterator<Item = &'e Expr>,
    resolve: &Resolve<'_>,
    steps: &mut Vec<Step>,
) {
    for e in exprs {
        expr(e, resolve, steps);
    }
}

fn expr(e: &Expr, resolve: &Resolve<'_>, steps: &mut Vec<Step>) {
    value(&e.val, resolve, steps);
    for filter in &e.filters {
        exprs(filter.args.values(), resolve, steps);
    }
}

fn value(v: &ExprVal, resolve: &Resolve<'_>, steps: &mut Vec<Step>) {
    match v {
        ExprVal::MacroCall(call) => {
            if let Some(to) = resolve(&call.namespace, &call.name) {
                steps.push(Step {
                    to,
                    how: "calls",
                    look_for: format!("{}::{}", call.namespace, call.name),
                });
            }
            exprs(call.args.values(), resolve, steps);
        }
        ExprVal::Math(m) => exprs([&*m.lhs, &*m.rhs], resolve, steps),
        ExprVal::Logic(l) => exprs([&*l.lhs, &*l.rhs], resolve, steps),
        ExprVal::In(i) => exprs([&*i.lhs, &*i.rhs], resolve, steps),
        ExprVal::Test(t) => exprs(&t.args, resolve, steps),
        ExprVal::FunctionCall(f) => exprs(f.args.values(), resolve, steps),
        ExprVal::Array(items) => exprs(items, resolve, steps),
        ExprVal::StringConcat(c) => {
            for v in &c.values {
                value(v, resolve, steps);
            }
        }
        _ => {}
    }
}

fn file_of(unit: &Unit) -> &str {
    match unit {
        Unit::Template(file) | Unit::Macro { file, .. } => file,
    }
}

fn describe(unit: &Unit) -> String {
    match unit {
        Unit::Template(file) => file.clone(),
        Unit::Macro { file, name } => format!("macro `{name}` ({file})"),
    }
}

/// "template X recurses: macro `a` (m.html) calls macro `b` (m.html),
/// which calls macro `a` (m.html)", at the line of the first step.
fn cycle_error(
    cycle: &[(Unit, Step)],
    templates_dir: &Path,
    sources: &[(String, String)],
) -> Error {
    let (first, first_step) = &cycle[0];
    let mut chain = describe(first);
    for (i, (_, step)) in cycle.iter().enumerate() {
        let which = if i == 0 { "" } else { ", which" };
        chain.push_str(&format!("{which} {} {}", step.how, describe(&step.to)));
    }
    let file = file_of(first);
    let path = templates_dir.join(file);
    let line = sources
        .iter()
        .find(|(name, _)| name == file)
        .and_then(|(_, text)| {
            let at = text.find(&first_step.look_for)?;
            Some(crate::error::line_column(text.as_bytes(), at).0)
        });
    let location = match line {
        Some(line) => Location::at(path, line, 1),
        None => Location::file(path),
    };
    Error::input(
        location,
        format!(
            "template {file} recurses without end: {chain}. tera has no depth limit, so \
             this would overflow the stack; accord refuses templates and macros that \
             reach themselves again"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(templates: &[(&str, &str)]) -> std::result::Result<(), String> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied())
            .expect("templates parse");
        let sources: Vec<(String, String)> = templates
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        refuse_cycles(&tera, Path::new("t"), &sources).map_err(|e| e.to_string())
    }

    #[test]
    fn a_macro_calling_itself_is_refused_at_the_call() {
        let err = check(&[(
            "m.html",
            "{% macro down(n) %}\n{{ self::down(n=n+1) }}\n{% endmacro down %}",
        )])
        .unwrap_err();
        assert!(
            err.starts_with("t/m.html:2:1: template m.html recurses"),
            "{err}"
        );
        assert!(
            err.contains("macro `down` (m.html) calls macro `down` (m.html)"),
            "{err}"
        );
    }

    #[test]
    fn macros_calling_each_other_through_an_import_are_refused() {
        let err = check(&[
            (
                "a.html",
                "{% import \"b.html\" as b %}{% macro ping() %}{% if true %}{{ b::pong() | upper }}{% endif %}{% endmacro %}",
            ),
            (
                "b.html",
                "{% import \"a.html\" as a %}{% macro pong() %}{% for x in [1] %}{{ a::ping() }}{% endfor %}{% endmacro %}",
            ),
        ])
        .unwrap_err();
        assert!(
            err.contains("calls macro `pong` (b.html), which calls macro `ping` (a.html)"),
            "{err}"
        );
    }

    #[test]
    fn a_template_including_itself_through_its_parent_is_refused() {
        let err = check(&[
            ("base.html", "<main>{% include \"page.html\" %}</main>"),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block x %}{% endblock %}",
            ),
        ])
        .unwrap_err();
        assert!(
            err.contains("base.html includes page.html, which extends base.html")
                || err.contains("page.html extends base.html, which includes page.html"),
            "{err}"
        );
    }

    #[test]
    fn macros_and_includes_without_a_cycle_pass() {
        check(&[
            (
                "m.html",
                "{% macro a() %}{{ self::b() }}{% endmacro %}{% macro b() %}b{% endmacro %}",
            ),
            (
                "p.html",
                "{% import \"m.html\" as m %}{% include \"q.html\" %}{{ m::a() }}{{ m::b() }}",
            ),
            ("q.html", "{% import \"m.html\" as m %}{{ m::b() }}"),
        ])
        .unwrap();
    }
}
