/**
 * For tests: what keeps an SVG string from being well-formed XML (unbalanced tags, a loose `<`, an
 * `&` that starts no entity, a broken attribute). Empty when there is nothing wrong.
 */
export function xmlProblems(svg: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const entity = /&(?![a-z]+;|#\d+;|#x[\da-f]+;)/i;
  for (const token of svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').split(/(<[^>]*>)/)) {
    if (token.startsWith('<')) {
      const tag = /^<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>$/.exec(token);
      if (!tag) {
        problems.push(`malformed tag: ${token}`);
        continue;
      }
      const [, closing, name, attributes, selfClosing] = tag;
      if (entity.test(attributes!)) problems.push(`bare & in ${token}`);
      if (closing) {
        const expected = open.pop();
        if (expected !== name) problems.push(`</${name}> closes <${expected}>`);
      } else if (!selfClosing) open.push(name!);
    } else {
      if (token.includes('<')) problems.push(`loose < in "${token}"`);
      if (entity.test(token)) problems.push(`bare & in "${token}"`);
    }
  }
  if (open.length) problems.push(`unclosed: ${open.join(', ')}`);
  return problems;
}
