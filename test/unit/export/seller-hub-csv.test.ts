import { describe, expect, it } from 'vitest';
import { writeSellerHubCsv } from '../../../src/adapters/export/seller-hub-csv.ts';
import type { ListingDraft } from '../../../src/contracts/item.ts';
import { toSellerHubDraftRows } from '../../../src/domain/listing/seller-hub-drafts.ts';

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with a line break');
  return records;
}

const awkwardDescription =
  '<div><p>Çà et là: "vintage" 1990s, size 10, naïve print 😀</p>\n<ul>\r\n<li>Pit, to pit: 21"</li></ul>\n</div>';

function draftWith(overrides: Partial<ListingDraft>): ListingDraft {
  return {
    title: 'Title',
    descriptionHtml: '<p>x</p>',
    categoryId: '15687',
    categoryName: 'T-Shirts',
    conditionId: 3000,
    conditionDescription: null,
    aspects: {},
    productCode: null,
    ...overrides,
  };
}

const table = toSellerHubDraftRows([
  {
    sku: 'A,1',
    draft: draftWith({
      title: 'Señor Frog\'s "Cancún" Tee, Men\'s Size L',
      descriptionHtml: awkwardDescription,
      aspects: { Brand: ['Señor Frog\'s'], Color: ['Black, White'] },
      productCode: '012345678905',
    }),
    photoUrls: ['https://example.com/a.jpg', 'https://example.com/b.jpg'],
    price: 19.99,
    weightGrams: 200,
  },
  {
    sku: 'B2',
    draft: draftWith({ title: 'Plain Tee', aspects: { Brand: ['Gap'] } }),
    photoUrls: [],
    price: null,
    weightGrams: null,
  },
]);

describe('writeSellerHubCsv', () => {
  const csv = writeSellerHubCsv(table);

  it('reads back to the same headers and cells, commas, quotes, line breaks and unicode included', () => {
    const records = parseCsv(csv);
    const headerAt = records.findIndex((record) => record[0] === table.headers[0]);
    expect(headerAt).toBeGreaterThan(0);
    expect(records.slice(headerAt)).toEqual([table.headers, ...table.rows]);
    expect(records.slice(headerAt + 1)[0]?.[table.headers.indexOf('Description')]).toBe(awkwardDescription);
  });

  it('starts with the template #INFO lines, which the uploader skips', () => {
    const records = parseCsv(csv);
    expect(records[0]?.[0]).toBe('#INFO');
    expect(records[0]).toContain('Template= eBay-draft-listings-template_US');
    const headerAt = records.findIndex((record) => record[0] === table.headers[0]);
    expect(records.slice(0, headerAt).every((record) => record[0]?.startsWith('#INFO'))).toBe(true);
  });

  it('is UTF-8 text without a byte order mark, with CRLF line ends', () => {
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes).not.toMatch(/[^\r]\n/);
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });

  it('quotes only the fields that need it', () => {
    expect(csv).toContain('\r\nDraft,"A,1",15687,');
    expect(csv).toContain('"Señor Frog\'s ""Cancún"" Tee, Men\'s Size L"');
    expect(csv).toContain('\r\nDraft,B2,15687,Plain Tee,,,1,,3000,<p>x</p>,FixedPrice,Gap,\r\n');
  });

  it('writes the template #INFO lines even when handed only headers and rows', () => {
    const bare = writeSellerHubCsv({ headers: table.headers, rows: table.rows });
    expect(bare).toBe(csv);
  });
});
