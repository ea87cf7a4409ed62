import { KvsError, type KvsErrorType } from "./errors.ts";

/**
 * One injected failure: the next `times` calls of `operation` (an API name such as
 * "DeleteSignalingChannel", or "*" for any) fail with the AWS error `error`, or, with `drop`, have
 * their connection cut without an answer (what an unreachable endpoint looks like to the SDK).
 */
export type FaultRule = { operation: string; times?: number } & (
  | { error: KvsErrorType; message?: string }
  | { drop: true }
);

export type Fault = { kind: "error"; error: KvsError } | { kind: "drop" };

const DEFAULT_MESSAGES: Partial<Record<KvsErrorType, string>> = {
  AccessDeniedException: "User: arn:aws:iam::123456789012:user/beam is not authorized to perform this action",
  ClientLimitExceededException:
    "Your request has been throttled because you have exceeded the limit of allowed client calls. Try making the call later.",
  ResourceInUseException: "The resource is currently not available for this operation.",
};

/** Rules consumed in the order they were added; a rule is gone once its `times` are used up. */
export class FaultInjector {
  private readonly rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The fault for this call of `operation`, if a rule matches; counts it against the rule. */
  take(operation: string): Fault | null {
    const index = this.rules.findIndex(({ rule }) => rule.operation === "*" || rule.operation === operation);
    const entry = this.rules[index];
    if (!entry) return null;
    entry.left -= 1;
    if (entry.left <= 0) this.rules.splice(index, 1);
    const { rule } = entry;
    if ("drop" in rule) return { kind: "drop" };
    const message =
      rule.message ?? DEFAULT_MESSAGES[rule.error] ?? `Injected ${rule.error} for ${operation}.`;
    return { kind: "error", error: new KvsError(rule.error, message) };
  }
}
