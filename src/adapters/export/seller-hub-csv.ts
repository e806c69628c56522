import { stringify } from 'csv-stringify/sync';
import { SELLER_HUB_INFO_ROWS, type SellerHubDraftTable } from '../../domain/listing/seller-hub-drafts.ts';

/**
 * The Seller Hub drafts upload as CSV text: UTF-8 (the header declares CC=UTF-8) without a byte
 * order mark, CRLF line ends as RFC 4180 and spreadsheet exports use, fields quoted only when
 * they hold a comma, a quote or a line break. The template's `#INFO` lines come first.
 */
export function writeSellerHubCsv(
  table: Pick<SellerHubDraftTable, 'headers' | 'rows'> & Partial<Pick<SellerHubDraftTable, 'infoRows'>>,
): string {
  const infoRows = table.infoRows ?? SELLER_HUB_INFO_ROWS;
  const records: string[][] = [...infoRows.map((row) => [...row]), table.headers, ...table.rows];
  return stringify(records, {
    bom: false,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    eof: true,
  });
}
