"""axe-core in the page under test: run it and describe its findings readably."""

SEVERE = ("serious", "critical")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.join(" "),
      html: n.html,
      summary: n.failureSummary || "",
    })),
  }));
}"""


def run_axe(page, axe_js):
    """All of axe's rules (WCAG 2.x A/AA and best practices) on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    return page.evaluate(RUN_AXE)


def severe(violations):
    return [v for v in violations if v["impact"] in SEVERE]


def describe(url, violations, max_nodes=5):
    lines = [f"{len(violations)} problema(s) de accesibilidad graves en {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:max_nodes]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    en {node['target']}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:400]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    … y {len(v['nodes']) - max_nodes} elemento(s) más")
    return "\n".join(lines)
