import { splitWords, stemWord } from './keyword-tokenizer.ts';

/** Who an item is made for, as the eBay clothing tree splits it ("Kids" is eBay's "Unisex Kids"). */
export const DEPARTMENTS = ['Men', 'Women', 'Unisex', 'Boys', 'Girls', 'Kids', 'Baby'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}

/** Reads a department from free text ("MENS", "Ladies", "Unisex Kids", "Baby Girls"); null when it says none. */
export function normalizeDepartment(text: string | null | undefined): Department | null {
  if (!text) return null;
  const stems = new Set(splitWords(text).map(stemWord));
  const has = (...words: string[]): boolean => words.some((word) => stems.has(word));
  if (has('baby', 'infant', 'toddler', 'newborn')) return 'Baby';
  if (has('boy')) return 'Boys';
  if (has('girl')) return 'Girls';
  if (has('kid', 'child', 'youth')) return 'Kids';
  if (has('unisex')) return 'Unisex';
  // US "Juniors" sizing is sold in the women's department.
  if (has('women', 'woman', 'lady', 'female', 'miss', 'junior')) return 'Women';
  if (has('men', 'man', 'male', 'gent', 'gentlemen')) return 'Men';
  return null;
}

const BRIDAL = /\b(bridal|bride|bridesmaid|wedding dress)/i;

/**
 * Department of a leaf from its path ("Clothing, Shoes & Accessories > Men > ..."). Specialty
 * leaves take the deepest path segment that names one; bridal wear is women's; the rest is unisex.
 */
export function departmentFromCategoryPath(path: string): Department {
  const segments = path.split(' > ');
  const top = segments[1] ?? '';
  switch (top) {
    case 'Men':
      return 'Men';
    case 'Women':
      return 'Women';
    case 'Baby':
      return 'Baby';
    case 'Kids': {
      const group = segments[2] ?? '';
      if (group === 'Boys') return 'Boys';
      if (group === 'Girls') return 'Girls';
      return 'Kids';
    }
    default:
      break;
  }
  for (const segment of segments.slice(2).reverse()) {
    const department = normalizeDepartment(segment);
    if (department) return department;
  }
  return BRIDAL.test(path) ? 'Women' : 'Unisex';
}

const TITLE_WORDS: Record<Department, string> = {
  Men: "Men's",
  Women: "Women's",
  Unisex: 'Unisex',
  Boys: "Boys'",
  Girls: "Girls'",
  Kids: "Kids'",
  Baby: 'Baby',
};

/** How a buyer types it in a search: "Men's", "Women's", "Girls'". */
export function formatDepartmentForTitle(department: Department): string {
  return TITLE_WORDS[department];
}

const ASPECT_VALUES: Record<Department, string> = {
  Men: 'Men',
  Women: 'Women',
  Unisex: 'Unisex Adults',
  Boys: 'Boys',
  Girls: 'Girls',
  Kids: 'Unisex Kids',
  Baby: 'Baby',
};

/** The value of eBay's "Department" item specific. */
export function toDepartmentAspectValue(department: Department): string {
  return ASPECT_VALUES[department];
}
