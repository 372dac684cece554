import { isMap, isSeq, type LineCounter, type Node as YamlNode } from 'yaml';

/** The line in a YAML file of the value at `path` (or of its nearest parent), for `file:line` messages. */
export function yamlLine(root: YamlNode, path: (string | number)[], lc: LineCounter): number {
  let node: YamlNode | null | undefined = root;
  let best = 1;
  for (const key of path) {
    if (!node) break;
    if (node.range) best = lc.linePos(node.range[0]).line;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      const k = pair.key as YamlNode;
      if (k?.range) best = lc.linePos(k.range[0]).line;
      node = pair.value as YamlNode;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as YamlNode;
      if (node?.range) best = lc.linePos(node.range[0]).line;
    } else break;
  }
  return best;
}
