/**
 * The subscriptions of a topic: `targets` (plain subscriptions, no filter)
 * then `subscriptions` (each with an optional filter policy and dead-letter
 * queue), resolved once. A filter policy is compiled against the values the
 * topic's attributes can take: for each key, a table of which value matches
 * (filter-policy.ts decides), so matching a message is a few array reads.
 */
import type { SourceContext, Target } from '../../core/engine/adapter-contract.js';
import type { TopicAttributes } from './attributes.js';
import { keyMatches, policyBranches, type FilterPolicy } from './filter-policy.js';
import type { SnsConfig, SubscriptionConfig } from './index.js';

/** Every subscription of a topic as written, targets first; `path` locates it in the source's config. */
export function subscriptionsOf(config: Readonly<SnsConfig>): { config: SubscriptionConfig; path: string }[] {
  return [
    ...(config.targets ?? []).map((target, i) => ({ config: { target }, path: `/targets/${i}` })),
    ...(config.subscriptions ?? []).map((s, i) => ({ config: s, path: `/subscriptions/${i}/target` })),
  ];
}

/** One key of one alternative: the attribute it tests, and which of its values match. */
interface KeyTest {
  /** Index of the attribute among the topic's, or -1 when the topic never sets it. */
  attribute: number;
  /** For each value of the attribute: 1 when it matches. */
  matches: Uint8Array;
  /** Whether a message without the attribute matches (`exists: false`). */
  absentMatches: boolean;
}

export class CompiledFilter {
  constructor(private readonly branches: readonly (readonly KeyTest[])[]) {}

  /** Whether the message whose value indices are `picked` passes. */
  accepts(picked: Int32Array): boolean {
    for (const branch of this.branches) {
      let all = true;
      for (const test of branch) {
        if (test.attribute < 0 ? !test.absentMatches : test.matches[picked[test.attribute]!] !== 1) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }
}

/** The policy as tables over the topic's attribute values; null when there is no policy (everything passes). */
export function compileFilter(policy: FilterPolicy | undefined, attributes: TopicAttributes): CompiledFilter | null {
  if (policy === undefined || Object.keys(policy).length === 0) return null;
  return new CompiledFilter(
    policyBranches(policy).map((branch) =>
      Object.entries(branch).map(([name, values]) => {
        const attribute = attributes.indexOfName(name);
        const choices = attribute < 0 ? [] : attributes.names[attribute]!.attributes;
        return {
          attribute,
          matches: Uint8Array.from(choices, (a) => (keyMatches(values, a) ? 1 : 0)),
          absentMatches: keyMatches(values, undefined),
        };
      }),
    ),
  );
}

/** A subscription, resolved: where copies go, which messages pass, where given-up copies go. */
export class Subscription {
  constructor(
    readonly index: number,
    readonly target: Target,
    readonly filter: CompiledFilter | null,
    readonly deadLetter: Target | null,
    /** Bytes a copy adds to the message (and its attributes): the event or the queue message around it. */
    readonly envelopeBytes: number,
  ) {}

  get toFunction(): boolean {
    return this.target.kind === 'function';
  }
}

export function resolveSubscriptions(
  ctx: SourceContext<SnsConfig>,
  attributes: TopicAttributes,
  envelope: { function: number; queue: number },
): Subscription[] {
  return subscriptionsOf(ctx.config).map(({ config }, index) => {
    const target = ctx.target(config.target);
    return new Subscription(
      index,
      target,
      compileFilter(config.filterPolicy, attributes),
      config.deadLetterTarget !== undefined ? ctx.target(config.deadLetterTarget) : null,
      target.kind === 'function' ? envelope.function : envelope.queue,
    );
  });
}
