/** Serialises the Seller Hub "Create new drafts" table to the CSV file eBay accepts. */
export interface SellerHubCsvWriter {
  write(table: { headers: string[]; rows: string[][] }): string;
}
