import bundled from './data/clothing-categories.json' with { type: 'json' };
import { isDepartment, type Department } from './department.ts';

/** One listable (leaf) eBay category under Clothing, Shoes & Accessories. */
export interface ClothingCategoryLeaf {
  id: string;
  name: string;
  /** Full path from the root, "Clothing, Shoes & Accessories > Men > Men's Clothing > Jeans". */
  path: string;
  department: Department;
  /** The name's alternatives as stems: "Coats, Jackets & Vests" → [[coat], [jacket], [vest]]. */
  terms: string[][];
  /** Stems of every path segment below the root, department words left out. */
  keywords: string[];
}

export interface ClothingCategoryCatalog {
  source: string;
  marketplaceId: string;
  categoryTreeId: string;
  categoryTreeVersion: string;
  rootCategoryId: string;
  leafCount: number;
  leaves: ClothingCategoryLeaf[];
}

function readLeaf(raw: (typeof bundled.leaves)[number]): ClothingCategoryLeaf {
  if (!isDepartment(raw.department)) {
    throw new Error(`Bundled category ${raw.id} has an unknown department "${raw.department}"`);
  }
  return { ...raw, department: raw.department };
}

/** The US clothing leaves bundled with the app, for matching without a connection to eBay. */
export const CLOTHING_CATEGORIES: ClothingCategoryCatalog = {
  ...bundled,
  leaves: bundled.leaves.map(readLeaf),
};

export function findClothingCategory(id: string): ClothingCategoryLeaf | undefined {
  return CLOTHING_CATEGORIES.leaves.find((leaf) => leaf.id === id);
}
