import { SaxesParser } from 'saxes';

/** The first error a strict XML parser finds in the text, or null when it is well-formed XML. */
export function xmlError(text: string): string | null {
  const parser = new SaxesParser();
  let error: string | null = null;
  parser.on('error', (found) => {
    error ??= found.message;
  });
  parser.write(text).close();
  return error;
}

/** The SVG elements written inline in a page, each as its own text. */
export function inlineSvgsOf(html: string): string[] {
  return html.match(/<svg[\s>][\s\S]*?<\/svg>/g) ?? [];
}
