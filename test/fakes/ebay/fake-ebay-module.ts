import type { IncomingHttpHeaders } from 'node:http';

/** What a route handler sees of a request. */
export interface FakeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes as sent (multipart uploads carry binary parts). */
  rawBody: Buffer;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection instead of answering, as a network failure would (nothing reaches the client). */
  dropConnection?: boolean;
}

/** Who may call a route: anyone (the token endpoint), or a holder of a token the fake issued. */
export type FakeAuth = 'none' | 'application' | 'user';

export interface FakeRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path template: "/commerce/taxonomy/v1/category_tree/:treeId/get_category_suggestions". */
  path: string;
  /** The operationId in eBay's OpenAPI file, for failure scripting and request logs. */
  operation: string;
  auth: FakeAuth;
  handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
}

/**
 * One eBay API as the fake serves it. Each API (OAuth, Taxonomy, and later Inventory, Account,
 * Media) is a module of its own, added to the server with `server.use(module)`.
 */
export interface FakeEbayModule {
  name: string;
  routes: FakeRoute[];
}

/** eBay's error envelope, the shape every REST API answers failures with. */
export function ebayErrorBody(errors: Array<{ errorId: number; domain: string; category: string; message: string; longMessage?: string; parameters?: Array<{ name: string; value: string }> }>): unknown {
  return { errors };
}
