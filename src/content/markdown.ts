/** The one markdown-it instance: CommonMark with raw HTML (Hugo content is full of it) and autolinks. */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

/** Renders Markdown to (not yet sanitized) HTML. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
