// Raw piscina on the same no-op handler (bench/pool.ts): the task is the handler call itself.
import { handler } from './noop-handler.mjs';

export default function run(event) {
  return handler(event, {});
}
