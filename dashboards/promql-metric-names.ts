/**
 * The metric names a PromQL expression reads, found without a full PromQL parser: what
 * is left of the expression once strings, label matchers, range and subquery brackets,
 * grouping clauses, Grafana variables and numbers are taken out is functions (followed
 * by `(`), keywords and metric names. Good enough for the expressions graphlb ships,
 * which the unit tests and promtool both check.
 */

const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'atan2']);

export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\boffset\s+\S+/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w.:])([A-Za-z_:][\w:]*)(?=\s*(\()?)/g)) {
    const name = match[1] as string;
    if (match[2] !== undefined || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}
