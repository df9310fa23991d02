/**
 * Renders exercise pack Markdown. Raw HTML, bare-URL linking and images are all off, so pack text
 * can only produce plain formatting and ordinary links; that is what makes unsafeHTML safe here.
 */
import MarkdownIt from 'markdown-it';
import type { TemplateResult } from 'lit';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

const markdown = new MarkdownIt({ html: false, linkify: false });
markdown.disable('image');

// The page heading is the only h1, so Markdown headings start at h2.
markdown.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + 1, 6)}`;
  }
  return true;
});

export function renderMarkdown(source: string): TemplateResult {
  return html`${unsafeHTML(markdown.render(source))}`;
}

/**
 * The first paragraph of pack Markdown as plain text, formatting marks removed: for a hint, which
 * a screen reader reads as a description, where a table or list would not make sense.
 */
export function firstParagraphText(source: string): string {
  const tokens = markdown.parse(source, {});
  const start = tokens.findIndex((token) => token.type === 'paragraph_open');
  const inline = start < 0 ? undefined : tokens[start + 1];
  if (!inline?.children) return '';
  return inline.children
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? ' ' : ''))
    .join('');
}
