/**
 * The two functions markdown-it takes from the `entities` package, answered by the browser's own
 * HTML parser instead of that package's 77 kB table of named character references (vite.config.ts
 * points `entities` here in the client build only). markdown-it calls them with one reference at a
 * time, `&name;`, already matched by its own patterns. A <textarea>'s content is parsed as RCDATA:
 * character references are decoded and nothing else, so no element or attribute can come of it, and
 * the element is never attached to the document.
 */
const textarea = document.createElement('textarea');

/** As the HTML parser decodes text: a legacy reference may be decoded without its semicolon (`&notit;` → "¬it;"). */
export function decodeHTML(text: string): string {
  textarea.innerHTML = text;
  return textarea.value;
}

/**
 * Only whole references with their semicolon: where the parser decoded just a legacy prefix, the
 * rest of the name and the semicolon are left over, and the reference is not one.
 */
export function decodeHTMLStrict(text: string): string {
  const decoded = decodeHTML(text);
  return decoded.endsWith(';') && text !== '&semi;' ? text : decoded;
}
