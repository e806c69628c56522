import { describe, expect, it } from 'vitest';
import {
  MAX_DESCRIPTION_LENGTH,
  buildDescriptionHtml,
  escapeHtml,
  formatShippingWeight,
  selectListingMeasurements,
  type DescriptionFacts,
} from '../../../../src/domain/listing/description-builder.ts';
import type { ListingFacts } from '../../../../src/domain/listing/listing-facts.ts';

const noFacts: ListingFacts = {
  brand: null,
  itemType: null,
  department: null,
  size: null,
  sizeType: null,
  color: null,
  material: null,
  pattern: null,
  sleeveLength: null,
  neckline: null,
  style: null,
  countryOfOrigin: null,
  rnNumber: null,
  careInstructions: null,
};

const goodCondition = { conditionId: 3000 as const, label: 'Pre-owned - Good', flaws: [] };

function describeItem(overrides: Partial<DescriptionFacts> = {}, facts: Partial<ListingFacts> = {}): string {
  return buildDescriptionHtml({
    facts: { ...noFacts, brand: "Levi's", department: 'Men', itemType: 'Jeans', size: '32x30', color: 'Blue', ...facts },
    condition: goodCondition,
    weightGrams: 570,
    ...overrides,
  });
}

/** Text between tags, with the five escapes undone, as a browser would show it. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Tag names in document order: only the builder's own markup may appear. */
function tagNames(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((match) => (match[1] ?? '').toLowerCase());
}

const ALLOWED_TAGS = new Set(['div', 'p', 'h3', 'ul', 'li', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

describe('buildDescriptionHtml', () => {
  it('starts with a short summary of the item', () => {
    expect(describeItem()).toContain("<p>Pre-owned Levi&#39;s Men&#39;s Jeans in Blue, size 32x30.</p>");
  });

  it('lists the item specifics it has and no others', () => {
    const html = describeItem({}, { material: '100% Cotton', countryOfOrigin: 'Mexico' });
    expect(html).toContain('<li><strong>Brand:</strong> Levi&#39;s</li>');
    expect(html).toContain('<li><strong>Made in:</strong> Mexico</li>');
    expect(html).not.toContain('Pattern:');
  });

  it('shows a measurements table only when there are measurements', () => {
    expect(describeItem()).not.toContain('<table>');
    const html = describeItem({
      measurements: [
        { name: 'Waist', value: 16, unit: 'in', source: 'measured' },
        { name: 'Inseam', value: 76.2, unit: 'cm', source: 'tag' },
      ],
    });
    expect(html).toContain('<tr><td>Waist</td><td>16 in</td><td>40.6 cm</td><td>Measured flat</td></tr>');
    expect(html).toContain('<tr><td>Inseam</td><td>30 in</td><td>76.2 cm</td><td>From tag</td></tr>');
  });

  it('states the condition and every flaw', () => {
    const html = describeItem({
      condition: { conditionId: 3010, label: 'Pre-owned - Fair', flaws: ['Small hole near hem', 'Faded knees'] },
    });
    expect(html).toContain('Pre-owned - Fair');
    expect(html).toContain('<li>Small hole near hem</li><li>Faded knees</li>');
  });

  it('notes materials, care and the shipping weight', () => {
    const html = describeItem({ weightGrams: 570 }, { material: '99% Cotton 1% Elastane', careInstructions: 'Machine wash cold' });
    expect(html).toContain('<h3>Materials</h3><p>99% Cotton 1% Elastane</p>');
    expect(html).toContain('<h3>Care</h3><p>Machine wash cold</p>');
    expect(html).toContain('1 lb 4.1 oz (570 g)');
  });

  it('leaves out the shipping note when the weight is unknown', () => {
    expect(describeItem({ weightGrams: null })).not.toContain('Shipping');
  });

  it.each([
    { field: 'brand', value: '<script>alert("x")</script>' },
    { field: 'itemType', value: '<img src=x onerror=alert(1)>' },
    { field: 'color', value: 'Red" onmouseover="steal()' },
    { field: 'careInstructions', value: "</p><iframe src='//evil'></iframe>" },
    { field: 'material', value: 'Cotton & <b>Silk</b>' },
    { field: 'rnNumber', value: '<a href="javascript:void(0)">RN</a>' },
  ] as const)('escapes markup read into $field', ({ field, value }) => {
    const html = describeItem({}, { [field]: value });
    expect(tagNames(html).every((tag) => ALLOWED_TAGS.has(tag))).toBe(true);
    expect(html).not.toMatch(/<(script|img|iframe|a|b)\b/i);
    expect(visibleText(html)).toContain(value);
  });

  it('escapes markup in flaws, measurement names and the SKU', () => {
    const html = describeItem({
      condition: { conditionId: 3000, label: 'Pre-owned - Good', flaws: ['<b>stain</b>'] },
      measurements: [{ name: '<i>Chest</i>', value: 20, unit: 'in', source: 'measured' }],
      sku: '<SKU&1>',
    });
    expect(tagNames(html).every((tag) => ALLOWED_TAGS.has(tag))).toBe(true);
    expect(html).toContain('&lt;b&gt;stain&lt;/b&gt;');
    expect(html).toContain('&lt;SKU&amp;1&gt;');
  });

  it('stays under 4000 characters with huge values, keeping the summary and condition', () => {
    const long = (word: string): string => `${word} `.repeat(400);
    const html = describeItem(
      {
        condition: { conditionId: 3010, label: 'Pre-owned - Fair', flaws: Array.from({ length: 40 }, () => long('"stain"')) },
        measurements: Array.from({ length: 30 }, (_, i) => ({ name: long(`M${i}`), value: 10, unit: 'in' as const, source: 'measured' as const })),
        sku: long('SKU'),
      },
      { brand: long('<Brand>'), itemType: long('"Jeans"'), careInstructions: long('&care&'), material: long("'wool'") },
    );
    expect(html.length).toBeLessThan(MAX_DESCRIPTION_LENGTH);
    expect(html).toContain('<h3>Condition</h3>');
    expect(html).toContain('<li>More in the photos.</li>');
    expect(html.startsWith('<div><p>Pre-owned')).toBe(true);
    expect(html.endsWith('</div>')).toBe(true);
  });

  it('drops whole sections in a fixed order as flaws grow: reference, care, materials, shipping, measurements, specifics', () => {
    const trimOrder = ['Ref: ', '<h3>Care</h3>', '<h3>Materials</h3>', '<h3>Shipping</h3>', '<h3>Measurements</h3>', '<h3>Item specifics</h3>'];
    const droppedCounts = new Set<number>();
    for (let flawCount = 0; flawCount <= 30; flawCount += 1) {
      const html = describeItem(
        {
          sku: 'SKU-1',
          measurements: [{ name: 'Waist', value: 16, unit: 'in', source: 'measured' }],
          condition: {
            conditionId: 3000,
            label: 'Pre-owned - Good',
            flaws: Array.from({ length: flawCount }, (_, i) => `flaw ${i} ${'x'.repeat(130)}`),
          },
        },
        { careInstructions: 'Machine wash cold, tumble dry low, do not bleach. '.repeat(6), material: '100% Cotton' },
      );
      expect(html.length).toBeLessThan(MAX_DESCRIPTION_LENGTH);
      const present = trimOrder.map((marker) => html.includes(marker));
      const dropped = present.indexOf(true) === -1 ? present.length : present.indexOf(true);
      // Everything after the first section still present is present too: drops are a prefix of the order.
      expect(present.slice(dropped).every(Boolean)).toBe(true);
      droppedCounts.add(dropped);
    }
    expect(droppedCounts.has(0)).toBe(true);
    expect(droppedCounts.has(2)).toBe(true);
    expect(Math.max(...droppedCounts)).toBe(trimOrder.length);
  });

  it('is the same for the same facts', () => {
    expect(describeItem()).toBe(describeItem());
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('formatShippingWeight', () => {
  it.each([
    { grams: 570, text: '1 lb 4.1 oz (570 g)' },
    { grams: 350, text: '12.3 oz (350 g)' },
    { grams: 453.6, text: '1 lb 0 oz (454 g)' },
    { grams: 1000, text: '2 lb 3.3 oz (1000 g)' },
  ])('writes $grams g as "$text"', ({ grams, text }) => {
    expect(formatShippingWeight(grams)).toBe(text);
  });
});

describe('selectListingMeasurements', () => {
  it('keeps the most confident claim of each measurement, in the order buyers read them', () => {
    const selected = selectListingMeasurements([
      { name: 'inseam', inches: 30, source: 'tag', confidence: 0.6 },
      { name: 'pitToPit', inches: 21.5, source: 'measured', confidence: 0.9 },
      { name: 'inseam', inches: 31, source: 'measured', confidence: 0.95 },
      { name: 'length', inches: 28, source: 'measured', confidence: 0.1 },
    ]);
    expect(selected).toEqual([
      { name: 'Pit to pit', value: 21.5, unit: 'in', source: 'measured' },
      { name: 'Inseam', value: 31, unit: 'in', source: 'measured' },
    ]);
  });
});
