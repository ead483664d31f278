/**
 * The notification configuration against S3's rules: event-type patterns
 * (with and without `s3:`, family wildcards), overlaps as the S3 User Guide's
 * examples judge them, and routing by key shape, which must agree with the
 * definition (the key starts with the prefix and ends with the suffix) for
 * every key, including filters that reach into a key's unique part.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { EVENT_NAMES, maskNames, patternMask } from './events.js';
import { KeyShape, NO_RULE, notificationRules, overlap, PER_KEY, type NotificationConfig } from './notifications.js';

const rules = (...notifications: NotificationConfig[]) => notificationRules({ notifications });
const overlaps = (a: NotificationConfig, b: NotificationConfig) => overlap(...(rules(a, b) as [never, never]));

describe('event-type patterns', () => {
  it('read s3: prefixes and family wildcards', () => {
    expect(maskNames(patternMask('s3:ObjectCreated:*'))).toStrictEqual([
      'ObjectCreated:Put',
      'ObjectCreated:Post',
      'ObjectCreated:Copy',
      'ObjectCreated:CompleteMultipartUpload',
    ]);
    expect(maskNames(patternMask('ObjectRemoved:*'))).toStrictEqual(['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated']);
    expect(maskNames(patternMask('s3:LifecycleTransition'))).toStrictEqual(['LifecycleTransition']);
    expect(patternMask('ObjectCreated:Puts')).toBe(0);
    expect(patternMask('LifecycleTransition:*')).toBe(0); // not a family S3 offers
  });

  it('default to every event type', () => {
    expect(maskNames(rules({ target: 'a' })[0]!.mask)).toStrictEqual([...EVENT_NAMES]);
  });
});

describe('overlapping configurations (S3 User Guide examples)', () => {
  it.each<[string, NotificationConfig, NotificationConfig, boolean]>([
    ['two without filters', { target: 'a' }, { target: 'b' }, true],
    ['the same prefix', { target: 'a', prefix: 'images/' }, { target: 'b', prefix: 'images/' }, true],
    ['a prefix inside another', { target: 'a', prefix: 'images/' }, { target: 'b', prefix: 'images/thumbs/' }, true],
    ['suffixes jpg and .jpg', { target: 'a', suffix: 'jpg' }, { target: 'b', suffix: '.jpg' }, true],
    ['a prefix and a suffix one key has both of', { target: 'a', prefix: 'images/' }, { target: 'b', suffix: '.jpg' }, true],
    ['a wildcard and one of its types', { target: 'a', events: ['s3:ObjectCreated:*'] }, { target: 'b', events: ['ObjectCreated:Put'] }, true],
    ['the same prefix, suffixes .jpg and .png', { target: 'a', prefix: 'images/', suffix: '.jpg' }, { target: 'b', prefix: 'images/', suffix: '.png' }, false],
    ['prefixes images/ and logs/', { target: 'a', prefix: 'images/' }, { target: 'b', prefix: 'logs/' }, false],
    ['created and removed', { target: 'a', events: ['ObjectCreated:*'] }, { target: 'b', events: ['ObjectRemoved:*'] }, false],
  ])('%s: %s', (_what, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});

describe('routing by key shape', () => {
  const configuration = rules(
    { target: 'created-in', events: ['ObjectCreated:*'], prefix: 'in/' },
    { target: 'removed', events: ['ObjectRemoved:*'] },
    { target: 'hex', events: ['ObjectCreated:*'], prefix: 'out/00000000000', suffix: '.png' },
    { target: 'dot-x', events: ['ObjectCreated:*'], prefix: 'out/', suffix: 'f.x' },
  );
  const PUT = 0;
  const DELETE = 4;
  const TAGGING = EVENT_NAMES.indexOf('ObjectTagging:Put');

  it('decides once per shape when the filters stop inside the prefix and suffix', () => {
    const shape = new KeyShape('in/', '.jpg', configuration);
    expect(shape.routes[PUT]).toBe(0);
    expect(shape.routes[DELETE]).toBe(1);
    expect(shape.routes[TAGGING]).toBe(NO_RULE);
    expect(new KeyShape('out/', '.jpg', configuration).routes[PUT]).toBe(NO_RULE);
  });

  it('decides per key when a filter reaches into the unique part, and never when it cannot match hex digits', () => {
    const png = new KeyShape('out/', '.png', configuration);
    expect(png.routes[PUT]).toBe(PER_KEY);
    expect(png.routeOf(PUT, 5)).toBe(2); // out/000000000005.png
    expect(png.routeOf(PUT, 16)).toBe(NO_RULE); // out/000000000010.png
    expect(new KeyShape('out/', '.x', configuration).routes[PUT]).toBe(PER_KEY); // ...f.x: keys whose unique part ends in f
    expect(new KeyShape('in', '.png', configuration).routes[PUT]).toBe(NO_RULE); // "in/" needs a "/" where the unique part has hex
  });

  it('agrees with the definition for every key of random shapes and counters', () => {
    const random = new Random(7);
    const parts = ['', 'in/', 'out/', 'out/0', 'in', '.png', 'f.x', '.x', 'a', '0'];
    for (let trial = 0; trial < 400; trial++) {
      const shape = new KeyShape(parts[random.int(parts.length)]!, parts[random.int(parts.length)]!, configuration);
      const n = random.int(40);
      const key = shape.encodedKey(n);
      for (let event = 0; event < EVENT_NAMES.length; event++) {
        const expected = configuration.findIndex((r) => (r.mask & (1 << event)) !== 0 && key.startsWith(r.prefix) && key.endsWith(r.suffix));
        const route = shape.routes[event]!;
        expect(route === PER_KEY ? shape.routeOf(event, n) : route, `${key} ${EVENT_NAMES[event]}`).toBe(expected);
      }
    }
  });
});
