import sanitizeHtml from 'sanitize-html';
import type { ListingHtmlSanitizer } from '../../ports/listing-taxonomy.ts';

/**
 * Seller-written descriptions cut down to what eBay shows and accepts: text formatting, lists,
 * tables, links and pictures over https. Scripts, forms, frames, styles and event handlers, which
 * eBay blocks as active content, are removed.
 */
export class SanitizeHtmlListingSanitizer implements ListingHtmlSanitizer {
  readonly #options: sanitizeHtml.IOptions = {
    allowedTags: [
      'p',
      'br',
      'hr',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'small',
      'sub',
      'sup',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
      'blockquote',
      'a',
      'img',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align'],
      th: ['colspan', 'rowspan', 'align'],
      p: ['align'],
      div: ['align'],
    },
    allowedSchemes: ['https'],
    allowedSchemesByTag: { a: ['https', 'http', 'mailto'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
  };

  sanitize(html: string): string {
    return sanitizeHtml(html, this.#options).trim();
  }
}
