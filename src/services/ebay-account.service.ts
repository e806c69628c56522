import {
  ebayNotConnectedError,
  ebayReconnectRequiredError,
  type ChooseEbayDefaultsRequest,
  type CreateInventoryLocationRequest,
  type EbayConnectionView,
  type InventoryLocationView,
  type LocationAddress,
  type PublishingSetup,
  type SellerPolicies,
} from '../contracts/ebay-account.ts';
import { PermanentError } from '../contracts/errors.ts';
import type { EbayAccountAuthorizer, EbayPublishingSetupSource, EbaySellerSetupApi } from '../ports/ebay-account.ts';
import type { EbayConnectionRecord, EbayEnvironmentName } from '../ports/ebay-connection-repository.ts';
import type { Logger } from '../ports/logger.ts';
import type { OAuthStateSigner } from '../ports/oauth-state-signer.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { SecretCipher } from '../ports/secret-cipher.ts';

/** The parts that exist only when eBay application keys, a RuName and an encryption key are configured. */
export interface EbayConnectionPorts {
  authorizer: EbayAccountAuthorizer;
  setup: EbaySellerSetupApi;
  cipher: SecretCipher;
  states: OAuthStateSigner;
}

export interface EbayAccountServiceOptions {
  environment: EbayEnvironmentName;
  marketplaceId: string;
  /** The scopes asked of the seller. */
  scopes: readonly string[];
  /** Where the first inventory location is, when the request gives no address. */
  defaultLocation: LocationAddress | null;
  /** How long a consent link stays usable. */
  stateTtlMs?: number;
  now?: () => number;
}

const DEFAULT_STATE_TTL_MS = 10 * 60_000;
const ACTOR = 'api';

/**
 * The seller's eBay account: connecting it through eBay's consent page, showing and removing the
 * connection, reading the business policies and inventory locations eBay has for it, choosing the
 * defaults every listing uses, and telling publishing whether it can proceed and, if not, what
 * the seller must do.
 */
export class EbayAccountService implements EbayPublishingSetupSource {
  readonly #repositories: Pick<Repositories, 'accounts' | 'ebayConnections' | 'audit'>;
  readonly #ports: EbayConnectionPorts | null;
  readonly #options: EbayAccountServiceOptions;
  readonly #logger: Logger | null;
  readonly #now: () => number;

  constructor(
    repositories: Pick<Repositories, 'accounts' | 'ebayConnections' | 'audit'>,
    ports: EbayConnectionPorts | null,
    options: EbayAccountServiceOptions,
    logger?: Logger,
  ) {
    this.#repositories = repositories;
    this.#ports = ports;
    this.#options = options;
    this.#logger = logger ?? null;
    this.#now = options.now ?? Date.now;
  }

  /** The eBay consent page to send the seller to, with a signed state good for one use. */
  async startConnection(): Promise<{ consentUrl: string; expiresAt: string }> {
    const ports = this.#requirePorts();
    const account = await this.#repositories.accounts.ensureDefault();
    const expiresAt = new Date(this.#now() + (this.#options.stateTtlMs ?? DEFAULT_STATE_TTL_MS));
    const { state, nonce } = ports.states.issue(expiresAt);
    await this.#repositories.ebayConnections.saveOAuthState({ nonce, accountId: account.id, expiresAt });
    const consentUrl = ports.authorizer.buildConsentUrl({ state, scopes: this.#options.scopes });
    return { consentUrl, expiresAt: expiresAt.toISOString() };
  }

  /** eBay sent the seller back: check the state, trade the code for tokens, keep them encrypted. */
  async completeConnection(input: { state: string | undefined; code: string | undefined; error?: string | undefined }): Promise<EbayConnectionView> {
    const ports = this.#requirePorts();
    const now = new Date(this.#now());
    const verdict = ports.states.verify(input.state ?? '', now);
    if (!verdict.valid) {
      throw new PermanentError(
        'VALIDATION_FAILED',
        verdict.reason === 'expired'
          ? 'This eBay sign-in link has expired. Start the connection again.'
          : 'This eBay sign-in answer did not come from a connection EasyFlip started. Start the connection again.',
      );
    }
    const taken = await this.#repositories.ebayConnections.consumeOAuthState(verdict.nonce, now);
    if (!taken) throw new PermanentError('VALIDATION_FAILED', 'This eBay sign-in link was already used. Start the connection again.');
    if (input.error) throw new PermanentError('VALIDATION_FAILED', 'The eBay sign-in was declined, so no account was connected.');
    if (!input.code) throw new PermanentError('VALIDATION_FAILED', 'eBay sent the seller back without a sign-in code. Start the connection again.');

    const grant = await ports.authorizer.exchangeCode(input.code);
    const connection = await this.#repositories.ebayConnections.saveConnection({
      accountId: taken.accountId,
      environment: ports.authorizer.environment,
      scopes: [...this.#options.scopes],
      refreshToken: ports.cipher.encrypt(grant.refreshToken),
      refreshTokenExpiresAt: grant.refreshTokenExpiresAt,
      accessToken: ports.cipher.encrypt(grant.accessToken),
      accessTokenExpiresAt: grant.accessTokenExpiresAt,
    });
    await this.#repositories.audit.record({
      accountId: taken.accountId,
      actor: ACTOR,
      action: 'ebay.connected',
      subjectType: 'ebay_connection',
      subjectId: connection.id,
      details: { environment: connection.environment, scopes: connection.scopes },
    });
    this.#logger?.info({ accountId: taken.accountId, environment: connection.environment }, 'eBay account connected');
    return this.#toView(connection);
  }

  async getConnection(): Promise<EbayConnectionView> {
    const account = await this.#repositories.accounts.ensureDefault();
    return this.#toView(await this.#repositories.ebayConnections.findByAccount(account.id));
  }

  /** Forgets the connection and its tokens; eBay's own grant ends when the seller revokes it there. */
  async disconnect(): Promise<{ disconnected: boolean }> {
    const account = await this.#repositories.accounts.ensureDefault();
    const connection = await this.#repositories.ebayConnections.findByAccount(account.id);
    const disconnected = await this.#repositories.ebayConnections.deleteByAccount(account.id);
    if (connection && disconnected) {
      await this.#repositories.audit.record({
        accountId: account.id,
        actor: ACTOR,
        action: 'ebay.disconnected',
        subjectType: 'ebay_connection',
        subjectId: connection.id,
      });
      this.#logger?.info({ accountId: account.id }, 'eBay account disconnected');
    }
    return { disconnected };
  }

  async listPolicies(): Promise<SellerPolicies> {
    const { ports, connection } = await this.#requireConnection();
    return ports.setup.listPolicies(connection.accountId, this.#options.marketplaceId);
  }

  async listLocations(): Promise<InventoryLocationView[]> {
    const { ports, connection } = await this.#requireConnection();
    return ports.setup.listLocations(connection.accountId);
  }

  /**
   * Creates an inventory location on eBay from the address given, or the configured one; the
   * first location becomes the default when none was chosen.
   */
  async createLocation(request: CreateInventoryLocationRequest): Promise<InventoryLocationView> {
    const { ports, connection } = await this.#requireConnection();
    const address = request.address ?? this.#options.defaultLocation;
    if (!address) {
      throw new PermanentError(
        'VALIDATION_FAILED',
        'Give the address to ship from (country, and a postal code or a city and state), or set EBAY_LOCATION_COUNTRY and EBAY_LOCATION_POSTAL_CODE.',
      );
    }
    const existing = await ports.setup.listLocations(connection.accountId);
    const taken = new Set(existing.map((location) => location.merchantLocationKey));
    const key = request.merchantLocationKey ?? pickLocationKey(taken);
    const name = request.name ?? 'EasyFlip shipping location';
    await ports.setup.createLocation(connection.accountId, { merchantLocationKey: key, name, address });
    if (connection.defaults.merchantLocationKey === null) {
      await this.#repositories.ebayConnections.saveDefaults(connection.id, { ...connection.defaults, merchantLocationKey: key });
    }
    this.#logger?.info({ accountId: connection.accountId, merchantLocationKey: key }, 'eBay inventory location created');
    return { merchantLocationKey: key, name, status: 'ENABLED', locationTypes: ['WAREHOUSE'], address };
  }

  /** Keeps the policies and location every listing uses, once eBay confirms the seller has them. */
  async chooseDefaults(request: ChooseEbayDefaultsRequest): Promise<EbayConnectionView> {
    const { ports, connection } = await this.#requireConnection();
    const [policies, locations] = await Promise.all([
      ports.setup.listPolicies(connection.accountId, this.#options.marketplaceId),
      ports.setup.listLocations(connection.accountId),
    ]);
    const problems: string[] = [];
    const check = (kind: string, id: string, known: ReadonlyArray<{ policyId: string }>) => {
      if (!known.some((policy) => policy.policyId === id)) problems.push(`the ${kind} policy ${id} is not one of the seller's on ${this.#options.marketplaceId}`);
    };
    check('fulfillment', request.fulfillmentPolicyId, policies.fulfillment);
    check('payment', request.paymentPolicyId, policies.payment);
    check('return', request.returnPolicyId, policies.return);
    const location = locations.find((entry) => entry.merchantLocationKey === request.merchantLocationKey);
    if (!location) problems.push(`eBay has no inventory location ${request.merchantLocationKey}`);
    else if (location.status !== null && location.status !== 'ENABLED') problems.push(`the inventory location ${request.merchantLocationKey} is disabled on eBay`);
    if (problems.length > 0) throw new PermanentError('VALIDATION_FAILED', `These defaults cannot be used: ${problems.join('; ')}.`);

    const defaults = { ...request };
    await this.#repositories.ebayConnections.saveDefaults(connection.id, defaults);
    await this.#repositories.audit.record({
      accountId: connection.accountId,
      actor: ACTOR,
      action: 'ebay.defaults_chosen',
      subjectType: 'ebay_connection',
      subjectId: connection.id,
      details: { ...defaults },
    });
    return this.#toView({ ...connection, defaults });
  }

  /**
   * What publishing needs: the account's policies and location, or an error naming what the
   * seller must do first (connect, reconnect, or choose the defaults). Reads only the database.
   */
  async getPublishingSetup(accountId?: string): Promise<PublishingSetup> {
    const id = accountId ?? (await this.#repositories.accounts.ensureDefault()).id;
    const connection = await this.#repositories.ebayConnections.findByAccount(id);
    if (!connection) throw ebayNotConnectedError();
    this.#requireUsable(connection);
    const { fulfillmentPolicyId, paymentPolicyId, returnPolicyId, merchantLocationKey } = connection.defaults;
    const missing = [
      fulfillmentPolicyId ? null : 'a fulfillment (shipping) policy',
      paymentPolicyId ? null : 'a payment policy',
      returnPolicyId ? null : 'a return policy',
      merchantLocationKey ? null : 'an inventory location',
    ].filter((entry): entry is string => entry !== null);
    if (!fulfillmentPolicyId || !paymentPolicyId || !returnPolicyId || !merchantLocationKey) {
      throw new PermanentError(
        'EBAY_SETUP_INCOMPLETE',
        `Before publishing, choose ${missing.join(', ')} for your eBay listings (PUT /api/ebay/defaults; GET /api/ebay/policies and /api/ebay/locations list them, POST /api/ebay/locations creates a location).`,
      );
    }
    return {
      accountId: id,
      environment: connection.environment,
      marketplaceId: this.#options.marketplaceId,
      policies: { fulfillmentPolicyId, paymentPolicyId, returnPolicyId },
      merchantLocationKey,
    };
  }

  #requirePorts(): EbayConnectionPorts {
    if (!this.#ports) {
      throw new PermanentError(
        'PROVIDER_UNAVAILABLE',
        'Connecting an eBay account is not set up on this installation: set EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, EBAY_RU_NAME and EBAY_TOKEN_ENCRYPTION_KEY.',
      );
    }
    return this.#ports;
  }

  async #requireConnection(): Promise<{ ports: EbayConnectionPorts; connection: EbayConnectionRecord }> {
    const ports = this.#requirePorts();
    const account = await this.#repositories.accounts.ensureDefault();
    const connection = await this.#repositories.ebayConnections.findByAccount(account.id);
    if (!connection) throw ebayNotConnectedError();
    this.#requireUsable(connection);
    return { ports, connection };
  }

  #requireUsable(connection: EbayConnectionRecord): void {
    if (connection.status === 'needs_reconnection') throw ebayReconnectRequiredError(connection.statusReason ?? 'eBay refused the stored sign-in.');
    if (connection.environment !== this.#options.environment) {
      throw ebayReconnectRequiredError(`the account was connected to eBay's ${connection.environment}, and EBAY_ENVIRONMENT is now ${this.#options.environment}.`);
    }
  }

  #toView(connection: EbayConnectionRecord | null): EbayConnectionView {
    if (!connection) {
      return {
        status: 'not_connected',
        reason: null,
        environment: this.#options.environment,
        scopes: [],
        connectedAt: null,
        refreshTokenExpiresAt: null,
        defaults: { fulfillmentPolicyId: null, paymentPolicyId: null, returnPolicyId: null, merchantLocationKey: null },
      };
    }
    return {
      status: connection.status,
      reason: connection.statusReason,
      environment: connection.environment,
      scopes: connection.scopes,
      connectedAt: connection.connectedAt.toISOString(),
      refreshTokenExpiresAt: connection.refreshTokenExpiresAt?.toISOString() ?? null,
      defaults: connection.defaults,
    };
  }
}

/** The first free key of the form easyflip-1, easyflip-2... */
function pickLocationKey(taken: ReadonlySet<string>): string {
  for (let index = 1; ; index += 1) {
    const key = `easyflip-${index}`;
    if (!taken.has(key)) return key;
  }
}
