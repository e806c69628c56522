/**
 * Builds src/domain/listing/data/clothing-aspects.json: the item specifics of the common US
 * clothing and shoe categories, for composing and checking listings without a connection to eBay.
 *
 *   npx tsx scripts/generate-clothing-aspects.ts
 *
 * Source: curated for EasyFlip, by hand, from the item specifics eBay's US listing form shows in
 * these categories: aspect names, which are required, selection-only or free text, single or
 * multiple values, and the size and size-type lists. Value lists are cut down to the common ones.
 * It is written in the shape of the Taxonomy API's getItemAspectsForCategory response
 * (AspectMetadata in commerce_taxonomy_v1_oas3.json) so one reader serves it and the live API.
 * It is not a capture of eBay's API: when eBay keys are configured, the live aspects replace it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EbayAspectShape, EbayAspectValueShape } from '../src/domain/listing/aspect-metadata.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(repoRoot, 'src/domain/listing/data/clothing-aspects.json');
const categoriesFile = path.join(repoRoot, 'src/domain/listing/data/clothing-categories.json');

/** A value, or a value valid only for some values of another aspect. */
type CuratedValue = string | readonly [string, Readonly<Record<string, readonly string[]>>];

interface CuratedAspect {
  name: string;
  required?: boolean;
  recommended?: boolean;
  mode: 'FREE_TEXT' | 'SELECTION_ONLY';
  multi?: boolean;
  dataType?: 'STRING' | 'NUMBER';
  values: readonly CuratedValue[];
}

const FREE_TEXT_MAX_LENGTH = 65;

const COLORS = [
  'Beige',
  'Black',
  'Blue',
  'Brown',
  'Gold',
  'Gray',
  'Green',
  'Ivory',
  'Multicolor',
  'Orange',
  'Pink',
  'Purple',
  'Red',
  'Silver',
  'White',
  'Yellow',
  'Clear',
];

const MATERIALS = [
  'Acrylic',
  'Cashmere',
  'Corduroy',
  'Cotton',
  'Cotton Blend',
  'Denim',
  'Faux Fur',
  'Faux Leather',
  'Fleece',
  'Leather',
  'Linen',
  'Nylon',
  'Polyester',
  'Rayon',
  'Silk',
  'Spandex',
  'Suede',
  'Velvet',
  'Wool',
  'Wool Blend',
];

const COUNTRIES = [
  'Bangladesh',
  'Brazil',
  'Cambodia',
  'Canada',
  'China',
  'Colombia',
  'Dominican Republic',
  'Egypt',
  'El Salvador',
  'Ethiopia',
  'France',
  'Germany',
  'Guatemala',
  'Haiti',
  'Honduras',
  'Hong Kong',
  'India',
  'Indonesia',
  'Israel',
  'Italy',
  'Japan',
  'Jordan',
  'Kenya',
  'Korea, Republic of',
  'Lesotho',
  'Macau',
  'Madagascar',
  'Malaysia',
  'Mauritius',
  'Mexico',
  'Morocco',
  'Myanmar',
  'Nicaragua',
  'Pakistan',
  'Peru',
  'Philippines',
  'Portugal',
  'Romania',
  'Spain',
  'Sri Lanka',
  'Taiwan',
  'Thailand',
  'Tunisia',
  'Turkey',
  'United Kingdom',
  'United States',
  'Vietnam',
];

const PATTERNS = [
  'Solid',
  'Striped',
  'Plaid',
  'Check',
  'Floral',
  'Graphic Print',
  'Animal Print',
  'Camouflage',
  'Polka Dot',
  'Paisley',
  'Geometric',
  'Tie-Dye',
  'Colorblock',
  'Houndstooth',
  'Abstract',
  'Logo',
];

const NECKLINES = [
  'Crew Neck',
  'V-Neck',
  'Scoop Neck',
  'Mock Neck',
  'Turtleneck',
  'Henley',
  'Collared',
  'Hooded',
  'Boat Neck',
  'Cowl Neck',
  'Square Neck',
  'Halter',
  'Off the Shoulder',
  'Sweetheart',
];

const brand: CuratedAspect = {
  name: 'Brand',
  required: true,
  recommended: true,
  mode: 'FREE_TEXT',
  values: ['Unbranded', 'adidas', 'Nike', "Levi's", 'Ralph Lauren', 'Tommy Hilfiger', 'The North Face', 'Patagonia', 'Carhartt', 'Gap'],
};
const color: CuratedAspect = { name: 'Color', required: true, recommended: true, mode: 'FREE_TEXT', values: COLORS };
const material: CuratedAspect = { name: 'Material', recommended: true, mode: 'FREE_TEXT', multi: true, values: MATERIALS };
const pattern: CuratedAspect = { name: 'Pattern', recommended: true, mode: 'FREE_TEXT', values: PATTERNS };
const country: CuratedAspect = { name: 'Country/Region of Manufacture', mode: 'SELECTION_ONLY', values: COUNTRIES };
const vintage: CuratedAspect = { name: 'Vintage', recommended: true, mode: 'SELECTION_ONLY', values: ['Yes', 'No'] };
const sleeveLength: CuratedAspect = {
  name: 'Sleeve Length',
  recommended: true,
  mode: 'SELECTION_ONLY',
  values: ['Sleeveless', 'Short Sleeve', '3/4 Sleeve', 'Long Sleeve', 'Cap Sleeve'],
};
const neckline: CuratedAspect = { name: 'Neckline', recommended: true, mode: 'FREE_TEXT', values: NECKLINES };
const fit: CuratedAspect = {
  name: 'Fit',
  recommended: true,
  mode: 'FREE_TEXT',
  values: ['Regular', 'Slim', 'Relaxed', 'Classic', 'Athletic', 'Loose', 'Oversized', 'Skinny', 'Straight', 'Tailored', 'Muscle'],
};
const closure: CuratedAspect = {
  name: 'Closure',
  mode: 'FREE_TEXT',
  multi: true,
  values: ['Button', 'Zip', 'Snap', 'Hook & Eye', 'Drawstring', 'Pull On', 'Tie', 'Buckle', 'Lace Up', 'Toggle', 'Hook & Loop'],
};
const rise: CuratedAspect = { name: 'Rise', recommended: true, mode: 'SELECTION_ONLY', values: ['Low Rise', 'Mid Rise', 'High Rise', 'Extra High Rise'] };
const inseam: CuratedAspect = {
  name: 'Inseam',
  recommended: true,
  mode: 'FREE_TEXT',
  values: ['26 in', '27 in', '28 in', '29 in', '30 in', '31 in', '32 in', '33 in', '34 in', '35 in', '36 in'],
};
const fabricWash: CuratedAspect = {
  name: 'Fabric Wash',
  mode: 'FREE_TEXT',
  values: ['Light', 'Medium', 'Dark', 'Black', 'Stonewashed', 'Acid Wash', 'Distressed', 'Raw', 'Rinse'],
};
const outerShell: CuratedAspect = { name: 'Outer Shell Material', recommended: true, mode: 'FREE_TEXT', values: MATERIALS };
const lining: CuratedAspect = { name: 'Lining Material', mode: 'FREE_TEXT', values: ['Polyester', 'Nylon', 'Fleece', 'Cotton', 'Satin', 'Sherpa', 'Unlined'] };
const upperMaterial: CuratedAspect = {
  name: 'Upper Material',
  recommended: true,
  mode: 'FREE_TEXT',
  values: ['Leather', 'Suede', 'Canvas', 'Mesh', 'Synthetic', 'Knit', 'Nubuck', 'Patent Leather', 'Rubber', 'Textile', 'Faux Leather'],
};
const shoeWidth: CuratedAspect = { name: 'Shoe Width', recommended: true, mode: 'FREE_TEXT', values: ['Narrow', 'Medium', 'Wide', 'Extra Wide'] };
const dressLength: CuratedAspect = {
  name: 'Dress Length',
  recommended: true,
  mode: 'FREE_TEXT',
  values: ['Mini', 'Short', 'Knee Length', 'Midi', 'Long', 'Maxi'],
};

function department(values: readonly string[]): CuratedAspect {
  return { name: 'Department', required: true, recommended: true, mode: 'SELECTION_ONLY', values };
}
function type(values: readonly string[]): CuratedAspect {
  return { name: 'Type', required: true, recommended: true, mode: 'FREE_TEXT', values };
}
function style(values: readonly string[]): CuratedAspect {
  return { name: 'Style', recommended: true, mode: 'FREE_TEXT', values };
}
function sizeType(values: readonly string[]): CuratedAspect {
  return { name: 'Size Type', required: true, recommended: true, mode: 'SELECTION_ONLY', values };
}

/** Every size with the size types it belongs to, in the order the lists give them. */
function sizes(bySizeType: Readonly<Record<string, readonly string[]>>): CuratedAspect {
  const owners = new Map<string, string[]>();
  for (const [kind, list] of Object.entries(bySizeType)) {
    for (const size of list) owners.set(size, [...(owners.get(size) ?? []), kind]);
  }
  const values: CuratedValue[] = [...owners].map(([size, kinds]) => [size, { 'Size Type': kinds }] as const);
  return { name: 'Size', required: true, recommended: true, mode: 'SELECTION_ONLY', values };
}
function plainSizes(values: readonly string[]): CuratedAspect {
  return { name: 'Size', required: true, recommended: true, mode: 'SELECTION_ONLY', values };
}
function range(from: number, to: number, step = 1): string[] {
  const values: string[] = [];
  for (let value = from; value <= to; value += step) values.push(String(value));
  return values;
}
function halves(from: number, to: number): string[] {
  return range(from * 2, to * 2).map((doubled) => String(Number(doubled) / 2));
}

const LETTERS = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const MEN_TOP_SIZES = sizes({
  Regular: [...LETTERS, '3XL'],
  'Big & Tall': ['LT', 'XLT', '2XLT', '3XLT', '4XLT', '3XL', '4XL', '5XL', '6XL', '2XB', '3XB', '4XB'],
});
const MEN_BOTTOM_SIZES = sizes({
  Regular: [...range(26, 36), '38', '40', '42', '44', ...LETTERS],
  'Big & Tall': ['38', '40', ...range(42, 60, 2), '3XL', '4XL', '5XL', '6XL'],
});
const WOMEN_NUMBERS = ['00', ...range(0, 20, 2)];
const WOMEN_PLUS = ['0X', '1X', '2X', '3X', '4X', '5X', ...range(14, 28, 2).map((size) => `${size}W`), ...range(14, 28, 2)];
const WOMEN_TOP_SIZES = sizes({
  Regular: ['XXS', ...LETTERS, ...WOMEN_NUMBERS],
  Petite: ['XXS', 'XS', 'S', 'M', 'L', 'XL', ...range(0, 16, 2)],
  Plus: WOMEN_PLUS,
  Tall: [...LETTERS, ...range(2, 20, 2)],
});
const WOMEN_BOTTOM_SIZES = sizes({
  Regular: ['XXS', ...LETTERS, ...WOMEN_NUMBERS, ...range(23, 34)],
  Petite: ['XS', 'S', 'M', 'L', 'XL', ...range(0, 16, 2), ...range(24, 32)],
  Plus: WOMEN_PLUS,
  Tall: [...LETTERS, ...range(2, 20, 2), ...range(26, 34)],
});
const KID_SIZES = plainSizes(['XS', 'S', 'M', 'L', 'XL', '4', '5', '6', '7', '8', '10', '12', '14', '16', '18', '20']);
const KID_SIZE_TYPES = sizeType(['Regular', 'Husky', 'Slim', 'Plus']);
const BABY_SIZES = plainSizes([
  'Newborn',
  '0-3 Months',
  '3-6 Months',
  '6-9 Months',
  '9-12 Months',
  '12-18 Months',
  '18-24 Months',
  '2T',
  '3T',
  '4T',
  '5T',
]);
const MEN_SHOE_SIZES: CuratedAspect = { name: 'US Shoe Size', required: true, recommended: true, mode: 'SELECTION_ONLY', values: [...halves(4, 15), '16'] };
const WOMEN_SHOE_SIZES: CuratedAspect = { name: 'US Shoe Size', required: true, recommended: true, mode: 'SELECTION_ONLY', values: halves(4, 13) };

const MEN = department(['Men', 'Unisex Adults']);
const WOMEN = department(['Women', 'Unisex Adults']);
const BOYS = department(['Boys', 'Unisex Kids']);
const GIRLS = department(['Girls', 'Unisex Kids']);
const UNISEX_KIDS = department(['Unisex Kids', 'Boys', 'Girls']);
const BABY = department(['Baby Boys', 'Baby Girls', 'Unisex Baby']);

const CLOTHING_CONDITIONS = [1000, 1500, 1750, 2990, 3000, 3010];
const SHOE_CONDITIONS = [1000, 1500, 1750, 3000];
const SHOE_CONDITION_LABELS = { 1000: 'New with box', 1500: 'New without box', 1750: 'New with defects', 3000: 'Pre-owned' };

interface CuratedCategory {
  aspects: readonly CuratedAspect[];
  conditions: readonly number[];
  conditionLabels?: Readonly<Record<number, string>>;
}

function menTop(types: readonly string[], styles: readonly string[] = []): CuratedCategory {
  return {
    aspects: [brand, MEN, type(types), sizeType(['Regular', 'Big & Tall']), MEN_TOP_SIZES, color, style(styles), material, pattern, sleeveLength, neckline, fit, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  };
}
function menOuterwear(types: readonly string[]): CuratedCategory {
  return {
    aspects: [brand, MEN, type(types), sizeType(['Regular', 'Big & Tall']), MEN_TOP_SIZES, color, style([]), outerShell, lining, pattern, closure, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  };
}
function menBottom(types: readonly string[], styles: readonly string[], extra: readonly CuratedAspect[] = []): CuratedCategory {
  return {
    aspects: [brand, MEN, type(types), sizeType(['Regular', 'Big & Tall']), MEN_BOTTOM_SIZES, color, inseam, style(styles), fit, rise, material, ...extra, closure, pattern, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  };
}
function womenTop(types: readonly string[], styles: readonly string[] = []): CuratedCategory {
  return {
    aspects: [brand, WOMEN, type(types), sizeType(['Regular', 'Petite', 'Plus', 'Tall']), WOMEN_TOP_SIZES, color, style(styles), material, pattern, sleeveLength, neckline, fit, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  };
}
function womenBottom(types: readonly string[], styles: readonly string[], extra: readonly CuratedAspect[] = []): CuratedCategory {
  return {
    aspects: [brand, WOMEN, type(types), sizeType(['Regular', 'Petite', 'Plus', 'Tall']), WOMEN_BOTTOM_SIZES, color, inseam, rise, style(styles), material, ...extra, closure, pattern, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  };
}
function kidsClothing(departmentAspect: CuratedAspect, types: readonly string[]): CuratedCategory {
  return {
    aspects: [brand, departmentAspect, type(types), KID_SIZE_TYPES, KID_SIZES, color, style([]), material, pattern, sleeveLength, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  };
}
function babyClothing(types: readonly string[]): CuratedCategory {
  return { aspects: [brand, BABY, type(types), BABY_SIZES, color, material, pattern, sleeveLength, country], conditions: CLOTHING_CONDITIONS };
}
function shoes(departmentAspect: CuratedAspect, shoeSizes: CuratedAspect, types: readonly string[], styles: readonly string[]): CuratedCategory {
  return {
    aspects: [brand, departmentAspect, type(types), shoeSizes, color, style(styles), upperMaterial, shoeWidth, { name: 'Model', mode: 'FREE_TEXT', values: [] }, country, vintage],
    conditions: SHOE_CONDITIONS,
    conditionLabels: SHOE_CONDITION_LABELS,
  };
}

const TOP_TYPES = ['T-Shirt', 'Tank Top', 'Henley', 'Jersey'];
const SWEATER_TYPES = ['Pullover', 'Cardigan', 'Sweater Vest'];
const HOODIE_TYPES = ['Hoodie', 'Sweatshirt'];
const COAT_TYPES = [
  'Jacket',
  'Coat',
  'Vest',
  'Parka',
  'Puffer Jacket',
  'Windbreaker',
  'Bomber Jacket',
  'Denim Jacket',
  'Fleece Jacket',
  'Rain Jacket',
  'Peacoat',
  'Trench Coat',
  'Overcoat',
  'Shirt Jacket',
];
const JEAN_STYLES = ['Straight', 'Slim', 'Skinny', 'Bootcut', 'Relaxed', 'Tapered', 'Loose', 'Baggy', 'Carpenter', 'Flared', 'Wide Leg'];
const PANT_TYPES = ['Pants', 'Chinos', 'Cargo', 'Dress Pants', 'Khakis', 'Corduroys'];

const CATEGORIES: Readonly<Record<string, CuratedCategory>> = {
  // Men's clothing
  '15687': menTop(['T-Shirt', 'Tank Top', 'Henley', 'Undershirt'], ['Basic Tee', 'Graphic Tee', 'Pocket Tee', 'Ringer Tee']),
  '57990': menTop(['Button-Up'], ['Oxford', 'Flannel', 'Hawaiian', 'Western', 'Chambray', 'Denim']),
  '57991': menTop(['Dress Shirt'], ['Oxford', 'Spread Collar', 'Button-Down Collar']),
  '185101': menTop(['Polo'], ['Rugby', 'Golf']),
  '11484': menTop(SWEATER_TYPES, ['Cable Knit', 'Fisherman', 'Quarter Zip', 'Fair Isle']),
  '155183': menTop(HOODIE_TYPES, ['Pullover', 'Full Zip', 'Quarter Zip', 'Crewneck']),
  '185076': menTop(TOP_TYPES, ['Compression', 'Jersey', 'Training']),
  '57988': menOuterwear(COAT_TYPES),
  '185702': menOuterwear(['Track Jacket', 'Windbreaker', 'Running Jacket', 'Jacket']),
  '11483': menBottom(['Jeans'], JEAN_STYLES, [fabricWash]),
  '57989': menBottom(PANT_TYPES, ['Straight', 'Slim', 'Relaxed', 'Tapered', 'Pleated', 'Flat Front']),
  '15689': menBottom(['Shorts', 'Chino Shorts', 'Cargo Shorts', 'Denim Shorts'], ['Flat Front', 'Pleated', 'Cargo']),
  '260956': menBottom(['Joggers', 'Sweatpants', 'Track Pants'], ['Tapered', 'Straight', 'Relaxed']),
  '260957': menBottom(['Athletic Shorts', 'Running Shorts', 'Gym Shorts'], ['Running', 'Training', 'Basketball']),
  // Women's clothing
  '53159': womenTop(['Blouse', 'T-Shirt', 'Tank Top', 'Tunic', 'Camisole', 'Crop Top', 'Button-Up', 'Polo', 'Henley', 'Bodysuit']),
  '63866': womenTop(SWEATER_TYPES, ['Cable Knit', 'Cropped', 'Oversized', 'Wrap']),
  '155226': womenTop(HOODIE_TYPES, ['Pullover', 'Full Zip', 'Cropped', 'Crewneck']),
  '185082': womenTop(['T-Shirt', 'Tank Top', 'Crop Top', 'Jersey'], ['Compression', 'Training', 'Running']),
  '63861': {
    aspects: [
      brand,
      WOMEN,
      type(['Dress']),
      sizeType(['Regular', 'Petite', 'Plus', 'Tall']),
      WOMEN_TOP_SIZES,
      color,
      style(['A-Line', 'Sheath', 'Shift', 'Wrap', 'Maxi', 'Bodycon', 'Shirt Dress', 'Sweater Dress', 'Slip Dress', 'Fit & Flare', 'Sundress']),
      dressLength,
      sleeveLength,
      neckline,
      material,
      pattern,
      country,
      vintage,
    ],
    conditions: CLOTHING_CONDITIONS,
  },
  '63862': {
    aspects: [brand, WOMEN, type(COAT_TYPES), sizeType(['Regular', 'Petite', 'Plus', 'Tall']), WOMEN_TOP_SIZES, color, style([]), outerShell, lining, pattern, closure, country, vintage],
    conditions: CLOTHING_CONDITIONS,
  },
  '11554': womenBottom(['Jeans'], ['Straight', 'Skinny', 'Bootcut', 'Flared', 'Mom', 'Boyfriend', 'Wide Leg', 'Relaxed', 'Slim'], [fabricWash]),
  '63863': womenBottom(['Pants', 'Chinos', 'Cargo', 'Dress Pants', 'Wide Leg Pants', 'Trousers'], ['Straight', 'Wide Leg', 'Cropped', 'Slim']),
  '11555': womenBottom(['Shorts', 'Denim Shorts', 'Bermuda Shorts', 'Chino Shorts'], ['Mom', 'Cutoff', 'Bermuda', 'High Waisted']),
  '63864': womenBottom(['Skirt'], ['A-Line', 'Pencil', 'Pleated', 'Maxi', 'Mini', 'Midi', 'Wrap']),
  '169001': womenBottom(['Leggings'], ['Full Length', 'Cropped', 'Capri', 'High Waisted']),
  '260954': womenBottom(['Leggings', 'Joggers', 'Yoga Pants', 'Sweatpants'], ['Full Length', 'Cropped', 'Flared']),
  // Shoes
  '15709': shoes(MEN, MEN_SHOE_SIZES, ['Athletic'], ['Sneaker', 'Running Shoe', 'Basketball Shoe', 'Training Shoe', 'Skate Shoe', 'Walking Shoe']),
  '24087': shoes(MEN, MEN_SHOE_SIZES, ['Casual'], ['Loafer', 'Boat Shoe', 'Slip-On', 'Sneaker', 'Moccasin', 'Derby']),
  '11498': shoes(MEN, MEN_SHOE_SIZES, ['Boot'], ['Work Boot', 'Chelsea Boot', 'Chukka Boot', 'Cowboy Boot', 'Hiking Boot', 'Combat Boot']),
  '53120': shoes(MEN, MEN_SHOE_SIZES, ['Dress'], ['Oxford', 'Derby', 'Loafer', 'Monk Strap', 'Brogue']),
  '95672': shoes(WOMEN, WOMEN_SHOE_SIZES, ['Athletic'], ['Sneaker', 'Running Shoe', 'Training Shoe', 'Walking Shoe']),
  '53557': shoes(WOMEN, WOMEN_SHOE_SIZES, ['Boot'], ['Ankle Boot', 'Knee High Boot', 'Chelsea Boot', 'Combat Boot', 'Riding Boot', 'Bootie']),
  '45333': shoes(WOMEN, WOMEN_SHOE_SIZES, ['Flat'], ['Ballet Flat', 'Loafer', 'Mule', 'Slip-On', 'Moccasin']),
  '55793': shoes(WOMEN, WOMEN_SHOE_SIZES, ['Heel'], ['Pump', 'Stiletto', 'Block Heel', 'Slingback', 'Kitten Heel', 'Wedge']),
  '62107': shoes(WOMEN, WOMEN_SHOE_SIZES, ['Sandal'], ['Slide', 'Flip Flop', 'Strappy', 'Gladiator', 'Platform']),
  // Kids and baby
  '260966': kidsClothing(BOYS, ['T-Shirt', 'Polo', 'Button-Up', 'Tank Top', 'Henley']),
  '260965': kidsClothing(GIRLS, ['T-Shirt', 'Blouse', 'Tank Top', 'Polo', 'Tunic']),
  '155199': kidsClothing(UNISEX_KIDS, ['T-Shirt', 'Tank Top', 'Polo']),
  '57916': kidsClothing(BOYS, HOODIE_TYPES),
  '152554': kidsClothing(GIRLS, HOODIE_TYPES),
  '155200': kidsClothing(UNISEX_KIDS, HOODIE_TYPES),
  '77475': kidsClothing(BOYS, ['Jeans']),
  '77411': kidsClothing(GIRLS, ['Jeans']),
  '51920': kidsClothing(BOYS, ['Pants', 'Joggers', 'Chinos', 'Cargo']),
  '51568': kidsClothing(GIRLS, ['Pants', 'Leggings', 'Joggers']),
  '15615': kidsClothing(BOYS, ['Shorts', 'Athletic Shorts', 'Cargo Shorts']),
  '15648': kidsClothing(GIRLS, ['Shorts', 'Denim Shorts', 'Athletic Shorts']),
  '51933': kidsClothing(BOYS, COAT_TYPES),
  '51580': kidsClothing(GIRLS, COAT_TYPES),
  '51581': kidsClothing(GIRLS, ['Dress']),
  '260031': babyClothing(['T-Shirt', 'Top', 'Polo', 'Blouse']),
  '260020': babyClothing(['Pants', 'Leggings', 'Shorts', 'Jeans']),
  '260022': babyClothing(['Bodysuit', 'Romper', 'Footed Pajama']),
};

function toValue(value: CuratedValue): EbayAspectValueShape {
  if (typeof value === 'string') return { localizedValue: value };
  const [localizedValue, requires] = value;
  return {
    localizedValue,
    valueConstraints: Object.entries(requires).map(([name, values]) => ({
      applicableForLocalizedAspectName: name,
      applicableForLocalizedAspectValues: [...values],
    })),
  };
}

/** An aspect exactly as getItemAspectsForCategory returns one. */
function toEbayAspect(aspect: CuratedAspect): EbayAspectShape {
  const freeText = aspect.mode === 'FREE_TEXT';
  return {
    localizedAspectName: aspect.name,
    aspectConstraint: {
      aspectDataType: aspect.dataType ?? 'STRING',
      aspectMode: aspect.mode,
      aspectRequired: aspect.required === true,
      aspectUsage: aspect.required || aspect.recommended ? 'RECOMMENDED' : 'OPTIONAL',
      itemToAspectCardinality: aspect.multi ? 'MULTI' : 'SINGLE',
      aspectEnabledForVariations: aspect.name === 'Size' || aspect.name === 'Color' || aspect.name === 'US Shoe Size',
      ...(freeText ? { aspectMaxLength: FREE_TEXT_MAX_LENGTH } : {}),
    },
    aspectValues: aspect.values.map(toValue),
  };
}

/** Every distinct aspect once, under a key its categories refer to. */
function collectAspects(): { dictionary: Record<string, EbayAspectShape>; categories: Record<string, unknown> } {
  const dictionary: Record<string, EbayAspectShape> = {};
  const keys = new Map<string, string>();
  const categories: Record<string, unknown> = {};
  const knownLeaves = readKnownLeaves();
  for (const [categoryId, category] of Object.entries(CATEGORIES).sort(([a], [b]) => Number(a) - Number(b))) {
    const leafPath = knownLeaves.get(categoryId);
    if (!leafPath) throw new Error(`Category ${categoryId} is not a bundled clothing leaf`);
    const aspectKeys = category.aspects.map((aspect) => {
      const shape = toEbayAspect(aspect);
      const json = JSON.stringify(shape);
      let key = keys.get(json);
      if (!key) {
        const base = aspect.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        let suffix = 1;
        key = base;
        while (dictionary[key]) key = `${base}-${(suffix += 1)}`;
        keys.set(json, key);
        dictionary[key] = shape;
      }
      return key;
    });
    categories[categoryId] = {
      path: leafPath,
      aspects: aspectKeys,
      conditions: category.conditions,
      ...(category.conditionLabels ? { conditionLabels: category.conditionLabels } : {}),
    };
  }
  return { dictionary, categories };
}

function readKnownLeaves(): Map<string, string> {
  const catalog = JSON.parse(readFileSync(categoriesFile, 'utf8')) as { leaves: Array<{ id: string; path: string }> };
  return new Map(catalog.leaves.map((leaf) => [leaf.id, leaf.path]));
}

const { dictionary, categories } = collectAspects();
const header = {
  source:
    'Curated for EasyFlip from the item specifics eBay shows in its US listing form for these categories ' +
    '(names, required, selection-only or free text, single or multiple values, size and size-type lists, ' +
    'accepted conditions); value lists trimmed to the common ones. Written in the shape of the Taxonomy API ' +
    'getItemAspectsForCategory response. Not a capture of the API: with eBay keys configured the live aspects replace it.',
  marketplaceId: 'EBAY_US',
  generatedBy: 'scripts/generate-clothing-aspects.ts',
};
// One aspect and one category per line keeps the file small and its diffs readable.
const lines = (entries: Record<string, unknown>): string =>
  Object.entries(entries)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join(',\n');
writeFileSync(
  output,
  `${JSON.stringify(header).slice(0, -1)},\n"aspects":{\n${lines(dictionary)}\n},\n"categories":{\n${lines(categories)}\n}}\n`,
);
console.log(
  `Wrote ${Object.keys(categories).length} categories and ${Object.keys(dictionary).length} aspects to ${path.relative(repoRoot, output)}`,
);
