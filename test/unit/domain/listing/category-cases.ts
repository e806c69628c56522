import type { AttributeName } from '../../../../src/contracts/attributes.ts';

/**
 * Real-style items as the analysis describes them (what a tag, a label or a vision model would
 * say), each with the eBay US leaf a careful seller would list it in. Used by the category
 * accuracy test and by `npm run bench:compose`.
 */
export interface CategoryCase {
  /** How a seller would title it. */
  description: string;
  attributes: Partial<Record<AttributeName, string>>;
  expectedCategoryId: string;
  /** Written after the matcher's phrase table was last tuned, and never tuned on. */
  heldOut?: true;
}

export const CATEGORY_CASES: readonly CategoryCase[] = [
  // Men's clothing
  { description: "Levi's 501 Original Fit Jeans Mens 34x32", attributes: { brand: "LEVI'S", itemType: 'Jeans', department: 'MENS', style: '501 Original Fit', size: '34x32' }, expectedCategoryId: '11483' },
  { description: 'Wrangler Cowboy Cut Jeans Men 36x34', attributes: { brand: 'Wrangler', itemType: 'Jeans', department: 'Men', style: 'Cowboy Cut' }, expectedCategoryId: '11483' },
  { description: 'Carhartt Double Knee Work Pants', attributes: { brand: 'Carhartt', itemType: 'Work Pants', department: 'Men' }, expectedCategoryId: '57989' },
  { description: 'Dockers Classic Fit Chinos', attributes: { brand: 'Dockers', itemType: 'Chinos', department: 'Mens' }, expectedCategoryId: '57989' },
  { description: 'Patagonia Baggies Shorts Mens', attributes: { brand: 'Patagonia', itemType: 'Shorts', department: 'Men' }, expectedCategoryId: '15689' },
  { description: 'Old Navy Cargo Shorts', attributes: { brand: 'Old Navy', itemType: 'Cargo Shorts', department: 'Men' }, expectedCategoryId: '15689' },
  { description: 'Nike Dri-FIT Running Shorts', attributes: { brand: 'Nike', itemType: 'Running Shorts', department: 'Men' }, expectedCategoryId: '260957' },
  { description: 'Polo Ralph Lauren Oxford Button Down Shirt', attributes: { brand: 'Polo Ralph Lauren', itemType: 'Button Down Shirt', department: 'Men', style: 'Oxford' }, expectedCategoryId: '57990' },
  { description: 'L.L.Bean Flannel Shirt Plaid', attributes: { brand: 'L.L.Bean', itemType: 'Flannel Shirt', department: 'Men', pattern: 'Plaid' }, expectedCategoryId: '57990' },
  { description: 'Brooks Brothers Non-Iron Dress Shirt 16 34/35', attributes: { brand: 'Brooks Brothers', itemType: 'Dress Shirt', department: 'Men' }, expectedCategoryId: '57991' },
  { description: 'Lacoste Pique Polo Shirt', attributes: { brand: 'Lacoste', itemType: 'Polo Shirt', department: 'Men' }, expectedCategoryId: '185101' },
  { description: 'Harley-Davidson Graphic Tee Black', attributes: { brand: 'Harley-Davidson', itemType: 'Graphic Tee', department: 'Mens', color: 'Black' }, expectedCategoryId: '15687' },
  { description: 'Hanes Pocket T-Shirt', attributes: { brand: 'Hanes', itemType: 'T-Shirt', department: 'Men', style: 'Pocket' }, expectedCategoryId: '15687' },
  { description: 'Gildan Heavy Cotton Tank Top', attributes: { brand: 'Gildan', itemType: 'Tank Top', department: 'Men' }, expectedCategoryId: '15687' },
  { description: 'Champion Reverse Weave Hoodie', attributes: { brand: 'Champion', itemType: 'Hoodie', department: 'Men' }, expectedCategoryId: '155183' },
  { description: 'Russell Athletic Crewneck Sweatshirt', attributes: { brand: 'Russell Athletic', itemType: 'Crewneck Sweatshirt', department: 'Men' }, expectedCategoryId: '155183' },
  { description: 'J.Crew Cable Knit Sweater', attributes: { brand: 'J.Crew', itemType: 'Sweater', department: 'Men', style: 'Cable Knit' }, expectedCategoryId: '11484' },
  { description: 'Pendleton Wool Cardigan Men', attributes: { brand: 'Pendleton', itemType: 'Cardigan', department: 'Men', material: 'Wool' }, expectedCategoryId: '11484' },
  { description: 'The North Face Nuptse Puffer Jacket', attributes: { brand: 'The North Face', itemType: 'Puffer Jacket', department: 'Men' }, expectedCategoryId: '57988' },
  { description: 'Columbia Full Zip Fleece Jacket', attributes: { brand: 'Columbia', itemType: 'Fleece Jacket', department: 'Men' }, expectedCategoryId: '57988' },
  { description: 'Carhartt Duck Vest', attributes: { brand: 'Carhartt', itemType: 'Vest', department: 'Men' }, expectedCategoryId: '57988' },
  { description: 'Adidas Firebird Track Jacket', attributes: { brand: 'adidas', itemType: 'Track Jacket', department: 'Men' }, expectedCategoryId: '185702' },
  { description: 'Nike Tech Fleece Joggers', attributes: { brand: 'Nike', itemType: 'Joggers', department: 'Men' }, expectedCategoryId: '260956' },
  { description: 'Hugo Boss Wool Blazer 40R', attributes: { brand: 'Hugo Boss', itemType: 'Blazer', department: 'Men' }, expectedCategoryId: '3001' },
  { description: 'Speedo Swim Trunks', attributes: { brand: 'Speedo', itemType: 'Swim Trunks', department: 'Men' }, expectedCategoryId: '15690' },
  { description: 'Flannel Pajama Pants Men', attributes: { itemType: 'Pajama Pants', department: 'Men' }, expectedCategoryId: '11510' },
  { description: 'Calvin Klein Boxer Briefs', attributes: { brand: 'Calvin Klein', itemType: 'Boxer Briefs', department: 'Men' }, expectedCategoryId: '11507' },
  { description: 'Smartwool Hiking Socks', attributes: { brand: 'Smartwool', itemType: 'Socks', department: 'Men' }, expectedCategoryId: '11511' },
  // Men's shoes
  { description: 'Nike Air Max 90 Sneakers', attributes: { brand: 'Nike', itemType: 'Sneakers', department: 'Men' }, expectedCategoryId: '15709' },
  { description: 'Brooks Ghost Running Shoes Mens', attributes: { brand: 'Brooks', itemType: 'Running Shoes', department: 'Men' }, expectedCategoryId: '15709' },
  { description: 'Red Wing Moc Toe Work Boots', attributes: { brand: 'Red Wing', itemType: 'Work Boots', department: 'Men' }, expectedCategoryId: '11498' },
  { description: 'Allen Edmonds Oxford Dress Shoes', attributes: { brand: 'Allen Edmonds', itemType: 'Oxfords', department: 'Men' }, expectedCategoryId: '53120' },
  { description: 'Sperry Top-Sider Boat Shoes', attributes: { brand: 'Sperry', itemType: 'Boat Shoes', department: 'Men' }, expectedCategoryId: '24087' },
  { description: 'Birkenstock Arizona Sandals Men', attributes: { brand: 'Birkenstock', itemType: 'Sandals', department: 'Men' }, expectedCategoryId: '11504' },
  // Women's clothing
  { description: 'Free People Peasant Blouse', attributes: { brand: 'Free People', itemType: 'Blouse', department: 'Womens' }, expectedCategoryId: '53159' },
  { description: 'Madewell Whisper Cotton Tee', attributes: { brand: 'Madewell', itemType: 'T-Shirt', department: 'Women' }, expectedCategoryId: '53159' },
  { description: 'Ann Taylor Sleeveless Tank Top', attributes: { brand: 'Ann Taylor', itemType: 'Tank Top', department: 'Ladies' }, expectedCategoryId: '53159' },
  { description: 'Lululemon Align Leggings 25"', attributes: { brand: 'lululemon', itemType: 'Leggings', department: 'Women' }, expectedCategoryId: '169001' },
  { description: 'Anthropologie Maxi Dress Floral', attributes: { brand: 'Anthropologie', itemType: 'Maxi Dress', department: 'Women', pattern: 'Floral' }, expectedCategoryId: '63861' },
  { description: 'DVF Silk Wrap Dress', attributes: { brand: 'Diane von Furstenberg', itemType: 'Wrap Dress', department: 'Women' }, expectedCategoryId: '63861' },
  { description: 'AGOLDE High Rise Skinny Jeans', attributes: { brand: 'AGOLDE', itemType: 'Skinny Jeans', department: 'Women', style: 'High Rise' }, expectedCategoryId: '11554' },
  { description: 'Banana Republic Wide Leg Trousers', attributes: { brand: 'Banana Republic', itemType: 'Trousers', department: 'Women', style: 'Wide Leg' }, expectedCategoryId: '63863' },
  { description: "Levi's Denim Cutoff Shorts Womens", attributes: { brand: "Levi's", itemType: 'Denim Shorts', department: 'Womens' }, expectedCategoryId: '11555' },
  { description: 'Zara Pleated Midi Skirt', attributes: { brand: 'Zara', itemType: 'Pleated Skirt', department: 'Women' }, expectedCategoryId: '63864' },
  { description: 'Everlane Cashmere Crew Sweater', attributes: { brand: 'Everlane', itemType: 'Sweater', department: 'Women', material: 'Cashmere' }, expectedCategoryId: '63866' },
  { description: 'Talbots Button Front Cardigan', attributes: { brand: 'Talbots', itemType: 'Cardigan', department: 'Women' }, expectedCategoryId: '63866' },
  { description: 'London Fog Trench Coat Women', attributes: { brand: 'London Fog', itemType: 'Trench Coat', department: 'Women' }, expectedCategoryId: '63862' },
  { description: 'Lululemon Define Jacket', attributes: { brand: 'lululemon', itemType: 'Jacket', department: 'Women' }, expectedCategoryId: '63862' },
  { description: 'Nike Swoosh Sports Bra', attributes: { brand: 'Nike', itemType: 'Sports Bra', department: 'Women' }, expectedCategoryId: '185083' },
  { description: 'Old Navy Jumpsuit', attributes: { brand: 'Old Navy', itemType: 'Jumpsuit', department: 'Women' }, expectedCategoryId: '3009' },
  { description: 'Floral Romper', attributes: { itemType: 'Romper', department: 'Women', pattern: 'Floral' }, expectedCategoryId: '3009' },
  { description: 'Athleta One-Piece Swimsuit', attributes: { brand: 'Athleta', itemType: 'One Piece Swimsuit', department: 'Women' }, expectedCategoryId: '63867' },
  { description: 'Victoria’s Secret Pajama Set', attributes: { brand: "Victoria's Secret", itemType: 'Pajama Set', department: 'Women' }, expectedCategoryId: '63855' },
  { description: 'Aerie Oversized Hoodie', attributes: { brand: 'Aerie', itemType: 'Hoodie', department: 'Women' }, expectedCategoryId: '155226' },
  { description: 'Theory Blazer Womens', attributes: { brand: 'Theory', itemType: 'Blazer', department: 'Women' }, expectedCategoryId: '63865' },
  { description: 'Yoga Pants Flare', attributes: { itemType: 'Yoga Pants', department: 'Women' }, expectedCategoryId: '260954' },
  // Women's shoes
  { description: 'ASICS Gel Running Shoes Women', attributes: { brand: 'ASICS', itemType: 'Running Shoes', department: 'Women' }, expectedCategoryId: '95672' },
  { description: 'Blondo Ankle Boots', attributes: { brand: 'Blondo', itemType: 'Ankle Boots', department: 'Women' }, expectedCategoryId: '53557' },
  { description: 'Tory Burch Ballet Flats', attributes: { brand: 'Tory Burch', itemType: 'Ballet Flats', department: 'Women' }, expectedCategoryId: '45333' },
  { description: 'Sam Edelman Stiletto Pumps', attributes: { brand: 'Sam Edelman', itemType: 'Pumps', department: 'Women' }, expectedCategoryId: '55793' },
  { description: 'Steve Madden Slide Sandals', attributes: { brand: 'Steve Madden', itemType: 'Slide Sandals', department: 'Women' }, expectedCategoryId: '62107' },
  { description: 'UGG Fluff Slippers', attributes: { brand: 'UGG', itemType: 'Slippers', department: 'Women' }, expectedCategoryId: '11632' },
  // Kids and baby
  { description: 'Boys Graphic Tee Minecraft', attributes: { itemType: 'Graphic Tee', department: 'Boys' }, expectedCategoryId: '260966' },
  { description: "Carter's Girls Dress", attributes: { brand: "Carter's", itemType: 'Dress', department: 'Girls' }, expectedCategoryId: '51581' },
  { description: 'Girls Leggings 3-Pack', attributes: { itemType: 'Leggings', department: 'Girls' }, expectedCategoryId: '152719' },
  { description: "Levi's 514 Boys Jeans", attributes: { brand: "Levi's", itemType: 'Jeans', department: 'Boys' }, expectedCategoryId: '77475' },
  { description: 'Youth Nike Hoodie', attributes: { brand: 'Nike', itemType: 'Hoodie', department: 'Youth' }, expectedCategoryId: '155200' },
  { description: 'Boys Winter Parka', attributes: { itemType: 'Parka', department: 'Boys' }, expectedCategoryId: '51933' },
  { description: 'Girls Two Piece Swimsuit', attributes: { itemType: 'Swimsuit', department: 'Girls' }, expectedCategoryId: '51567' },
  { description: 'Toddler T-Shirt Dinosaur', attributes: { itemType: 'T-Shirt', department: 'Toddler' }, expectedCategoryId: '260031' },
  { description: "Gerber Baby Onesie 3-Pack", attributes: { brand: 'Gerber', itemType: 'Onesie', department: 'Baby' }, expectedCategoryId: '260022' },
  { description: 'Nike Kids Sneakers Boys', attributes: { brand: 'Nike', itemType: 'Sneakers', department: 'Boys' }, expectedCategoryId: '57929' },
  // Department only in the words
  { description: "Women's Bootcut Jeans", attributes: { itemType: "Women's Jeans", style: 'Bootcut' }, expectedCategoryId: '11554' },
  { description: "Men's Pullover Hoodie", attributes: { itemType: "Men's Pullover Hoodie" }, expectedCategoryId: '155183' },
  // Held out
  { description: 'Vineyard Vines Quarter Zip Pullover', attributes: { brand: 'Vineyard Vines', itemType: 'Quarter Zip Pullover', department: 'Men' }, expectedCategoryId: '11484', heldOut: true },
  { description: 'Tommy Bahama Hawaiian Camp Shirt', attributes: { brand: 'Tommy Bahama', itemType: 'Camp Shirt', department: 'Men', style: 'Hawaiian' }, expectedCategoryId: '57990', heldOut: true },
  { description: 'Patagonia Better Sweater Fleece Vest', attributes: { brand: 'Patagonia', itemType: 'Fleece Vest', department: 'Men' }, expectedCategoryId: '57988', heldOut: true },
  { description: 'Eileen Fisher Linen Tunic', attributes: { brand: 'Eileen Fisher', itemType: 'Tunic', department: 'Women', material: 'Linen' }, expectedCategoryId: '53159', heldOut: true },
  { description: 'Spanx Faux Leather Leggings', attributes: { brand: 'Spanx', itemType: 'Leggings', department: 'Women' }, expectedCategoryId: '169001', heldOut: true },
  { description: 'J.Crew Chino Shorts Women', attributes: { brand: 'J.Crew', itemType: 'Chino Shorts', department: 'Women' }, expectedCategoryId: '11555', heldOut: true },
  { description: 'Columbia Rain Jacket Women', attributes: { brand: 'Columbia', itemType: 'Rain Jacket', department: 'Women' }, expectedCategoryId: '63862', heldOut: true },
  { description: 'Vince Camuto Knee High Boots', attributes: { brand: 'Vince Camuto', itemType: 'Knee High Boots', department: 'Women' }, expectedCategoryId: '53557', heldOut: true },
  { description: 'Converse Chuck Taylor High Top Sneakers', attributes: { brand: 'Converse', itemType: 'High Top Sneakers', department: 'Men' }, expectedCategoryId: '15709', heldOut: true },
  { description: 'Dr. Martens 1460 Boots Womens', attributes: { brand: 'Dr. Martens', itemType: 'Boots', department: 'Womens' }, expectedCategoryId: '53557', heldOut: true },
  { description: 'Girls Zip Hoodie', attributes: { itemType: 'Hoodie', department: 'Girls' }, expectedCategoryId: '152554', heldOut: true },
  { description: 'Boys Polo Shirt School', attributes: { itemType: 'Polo Shirt', department: 'Boys' }, expectedCategoryId: '260966', heldOut: true },
  { description: 'Boys Khaki Pants', attributes: { itemType: 'Khaki Pants', department: 'Boys' }, expectedCategoryId: '51920', heldOut: true },
  { description: "Women's Denim Jacket", attributes: { itemType: 'Denim Jacket', department: 'Women' }, expectedCategoryId: '63862', heldOut: true },
  { description: "Men's Corduroy Pants", attributes: { itemType: 'Corduroy Pants', department: 'Men' }, expectedCategoryId: '57989', heldOut: true },
  { description: "Women's Bike Shorts", attributes: { itemType: 'Bike Shorts', department: 'Women' }, expectedCategoryId: '260955', heldOut: true },
  { description: 'Baby Girl Smocked Dress', attributes: { itemType: 'Dress', department: 'Baby Girls' }, expectedCategoryId: '260021', heldOut: true },
  { description: "Men's Henley Long Sleeve", attributes: { itemType: 'Henley', department: 'Men', sleeveLength: 'Long Sleeve' }, expectedCategoryId: '15687', heldOut: true },
  { description: "Women's Bomber Jacket", attributes: { itemType: 'Bomber Jacket', department: 'Women' }, expectedCategoryId: '63862', heldOut: true },
  { description: 'Hurley Board Shorts', attributes: { brand: 'Hurley', itemType: 'Board Shorts', department: 'Men' }, expectedCategoryId: '15690', heldOut: true },
];
