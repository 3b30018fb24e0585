// Bodies are Markdown (HTML in it is shown as text) or HTML (sanitised on input). Only sanitised HTML is stored.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '@kitajs/html';

const SAFE: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'a', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'img', 'figure', 'figcaption', 'sub', 'sup'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], th: ['scope', 'colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: [] }, // images only from this site (relative URLs)
  allowProtocolRelative: false,
  // h1 is the page title; a body's h1 becomes h2
  transformTags: { h1: 'h2', a: sanitizeHtml.simpleTransform('a', { rel: 'noopener' }) },
  disallowedTagsMode: 'discard',
  // an image whose source was not allowed is dropped, not left empty
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

const marked = new Marked({ gfm: true, breaks: false, async: false });
marked.use({ renderer: { html: ({ text }) => escapeHtml(text) } });

export function sanitize(html: string): string {
  return sanitizeHtml(html, SAFE);
}

export function renderBody(format: string, source: string): string {
  if (!source.trim()) return '';
  return format === 'html' ? sanitize(source) : sanitize(marked.parse(source) as string);
}

/** The words of a body without markup, for search and descriptions. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
}
