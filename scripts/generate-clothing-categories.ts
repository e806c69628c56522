/**
 * Builds src/domain/listing/data/clothing-categories.json from the derived CSV of eBay US leaf
 * categories under "Clothing, Shoes & Accessories" (11450), category tree version 134.
 *
 *   npx tsx scripts/generate-clothing-categories.ts [path/to/clothing_..._tree134.csv]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClothingCategoryLeaf } from '../src/domain/listing/clothing-category-catalog.ts';
import { departmentFromCategoryPath } from '../src/domain/listing/department.ts';
import { extractNameTerms, tokenizeProductWords } from '../src/domain/listing/keyword-tokenizer.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultInput = path.resolve(
  repoRoot,
  '../shared/data/ebay-categories/clothing_shoes_accessories_11450_leaves_tree134.csv',
);
const output = path.join(repoRoot, 'src/domain/listing/data/clothing-categories.json');
const rootName = 'Clothing, Shoes & Accessories';

/** RFC 4180 fields of one line (the source has no line breaks inside fields). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
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
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

function toLeaf(id: string, name: string, fullPath: string): ClothingCategoryLeaf {
  const belowRoot = fullPath.split(' > ').slice(1);
  const keywords = [...new Set(belowRoot.flatMap((segment) => tokenizeProductWords(segment)))].sort();
  return {
    id,
    name,
    path: fullPath,
    department: departmentFromCategoryPath(fullPath),
    terms: extractNameTerms(name),
    keywords,
  };
}

function readLeaves(csvPath: string): ClothingCategoryLeaf[] {
  const lines = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const [header, ...records] = lines;
  const columns = parseCsvLine(header ?? '');
  const at = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`${csvPath} has no "${name}" column`);
    return index;
  };
  const [idAt, nameAt, pathAt] = [at('categoryId'), at('categoryName'), at('path')];
  return records.map((line) => {
    const fields = parseCsvLine(line);
    const id = fields[idAt] ?? '';
    const name = fields[nameAt] ?? '';
    const fullPath = fields[pathAt] ?? '';
    if (!/^\d+$/.test(id) || !fullPath.startsWith(`${rootName} > `)) {
      throw new Error(`Unexpected category row: ${line}`);
    }
    return toLeaf(id, name, fullPath);
  });
}

function writeCatalog(leaves: ClothingCategoryLeaf[]): void {
  const header = {
    source:
      'eBay Taxonomy API getCategoryTree (EBAY_US), leaf categories under 11450 Clothing, Shoes & Accessories, ' +
      'as published in naokijodan/ebay-category-finder data/categories.json (commit a06ed8b1, generated 2026-05-23)',
    marketplaceId: 'EBAY_US',
    categoryTreeId: '0',
    categoryTreeVersion: '134',
    rootCategoryId: '11450',
    leafCount: leaves.length,
  };
  const headerJson = JSON.stringify(header).slice(0, -1);
  // One leaf per line keeps the file small and its diffs readable.
  const body = leaves.map((leaf) => JSON.stringify(leaf)).join(',\n');
  writeFileSync(output, `${headerJson},"leaves":[\n${body}\n]}\n`);
}

const input = process.argv[2] ?? defaultInput;
const leaves = readLeaves(input).sort((a, b) => a.path.localeCompare(b.path, 'en'));
writeCatalog(leaves);
console.log(`Wrote ${leaves.length} leaves to ${path.relative(repoRoot, output)}`);
