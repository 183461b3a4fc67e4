/**
 * Who said STOP: a number that opted out gets nothing more (answers or staff replies) until it
 * texts START. Keyed by `smsCustomerKey` (a hash), never by the number itself. Adapters:
 * MemorySmsOptOutStore (memory mode, tests) and DynamoSmsOptOutStore (dynamodb/).
 */

export abstract class SmsOptOutStore {
  /** Records that `customerKey` opted out at `at` (ISO-8601). Idempotent. */
  abstract optOut(customerKey: string, at: string): Promise<void>;
  /** Removes an opt-out. Idempotent. */
  abstract optIn(customerKey: string): Promise<void>;
  abstract isOptedOut(customerKey: string): Promise<boolean>;
}

/** In-memory opt-outs (one process: local mode and tests). */
export class MemorySmsOptOutStore extends SmsOptOutStore {
  private readonly optedOut = new Map<string, string>();

  override async optOut(customerKey: string, at: string): Promise<void> {
    if (!this.optedOut.has(customerKey)) this.optedOut.set(customerKey, at);
  }

  override async optIn(customerKey: string): Promise<void> {
    this.optedOut.delete(customerKey);
  }

  override async isOptedOut(customerKey: string): Promise<boolean> {
    return this.optedOut.has(customerKey);
  }
}
