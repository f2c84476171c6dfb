/** Makes micromark's batch edits of its event list take time in proportion to the edited tail,
 * not to the whole document.
 *
 * micromark (4.0.3, with micromark-util-edit-map 1.0.0) applies a batch of edits with
 * `EditMap.prototype.consume`, which copies the entire event list even when every edit sits near
 * its end. Two parsers call it once per occurrence, so a document's parse grew with the square of
 * its length:
 * - the setext heading resolver, once per underlined heading (`Title` over `---`): 20,000 such
 *   headings (341 KB) took 66 s;
 * - the document tokenizer, each time a list or block quote is closed by a line that follows a
 *   blank line (`1. question`, blank, `Answer`): 10,000 questions (368 KB) took 35 s.
 * The replacement below leaves the events before the first edit where they are and rebuilds only
 * the rest, with the same result (test/robustness/parser.test.ts compares the two on random
 * edits). It is installed once, when the engine's parser is loaded. */
import { EditMap } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';

type Edit = [at: number, remove: number, add: Event[]];
interface EditMapInternals {
  map: Edit[];
  index: Map<number, Edit>;
}

/** micromark's own implementation, kept for the equivalence test. */
export const copyingConsume: (this: EditMap, events: Event[]) => undefined = EditMap.prototype.consume;

/** Applies the edits (sorted by position; each removes `remove` events at `at` and puts `add`
 * there) to `events` in place, touching only the events from the first edit on. */
export function tailConsume(this: EditMap, events: Event[]): undefined {
  const self = this as unknown as EditMapInternals;
  self.map.sort((a, b) => a[0] - b[0]);
  if (self.map.length === 0) return undefined;
  const first = self.map[0][0];
  const tail = events.splice(first);
  const end = first + tail.length;
  let cursor = first;
  for (const [at, remove, add] of self.map) {
    for (let i = cursor; i < at && i < end; i++) events.push(tail[i - first]);
    for (const e of add) events.push(e);
    cursor = at + remove;
  }
  for (let i = cursor; i < end; i++) events.push(tail[i - first]);
  self.map.length = 0;
  self.index.clear();
  return undefined;
}

EditMap.prototype.consume = tailConsume;
