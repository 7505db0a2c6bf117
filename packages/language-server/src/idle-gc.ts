/**
 * Garbage collection between analyses, in the analyzer worker. A keystroke in a 1,000-rule file
 * allocates a few MB (the moved parts of the later groups, the new text, the output's JSON), and
 * V8 collects when an allocation fails: in the middle of the next analysis, where a scavenge costs
 * 2–8 ms and a mark-compact 10–25 ms of that keystroke's latency. Collecting once the main thread
 * has published the answer and has no job for the analyzer (it says so: analysis-runner.ts), while
 * the editor reads the answer and waits for the next keystroke, moves that work off the path of a
 * keystroke (as browsers run V8's collections in idle time):
 * - a scavenge when the young generation has too little room left for the next analyses (less
 *   than `ROOM_JOBS` times what was allocated since the last call): what one analysis made and the
 *   next replaced dies young, instead of surviving two scavenges and being promoted to the old
 *   generation. Not after every analysis: a scavenge costs about 2 ms however little is young
 *   (the roots and weak tables are scanned each time), and one running when the next keystroke
 *   arrives delays it;
 * - a full collection when the heap has grown by `MAJOR_GROWTH` since the last one (large strings
 *   such as each version's text live in the old generation from the start).
 *
 * `gc` comes from V8's `--expose-gc` flag, set only long enough to read the function from a new
 * context. Without it (a V8 that refuses the flag) nothing is collected here and V8 collects as usual.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options?: { type?: 'minor' }) => void;

const MAJOR_GROWTH = 32 * 1024 * 1024;
/** scavenge when the young generation's free room is less than this many times the last allocation */
const ROOM_JOBS = 3;
/** the least allocation assumed between two calls */
const MIN_ALLOCATION = 1024 * 1024;

function youngGeneration(): { used: number; available: number } | undefined {
  const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
  return s && { used: s.space_used_size, available: s.space_available_size };
}

export class IdleCollector {
  private readonly gc: Gc | undefined;
  private heapAfterMajor = 0;
  /** the young generation's use after the last call */
  private youngAfterLast = 0;
  /** counters (tests, logs): collections, and calls that found room enough */
  readonly stats = { minor: 0, major: 0, skipped: 0 };

  constructor() {
    this.gc = exposedGc();
    if (this.gc) this.heapAfterMajor = v8.getHeapStatistics().used_heap_size;
  }

  get available(): boolean {
    return this.gc !== undefined;
  }

  /**
   * A full collection now. `gc()` without options: on Node 20 (V8 11.3), `gc({ type: 'major' })`
   * returns without collecting (a test holds `memoryAfterFullCollection` to freeing garbage).
   */
  full(): void {
    const gc = this.gc;
    if (!gc) return;
    gc();
    this.heapAfterMajor = v8.getHeapStatistics().used_heap_size;
  }

  /**
   * once an answer is published and no job waits: a scavenge when the young generation is filling
   * up, and a full collection when the heap has grown enough
   */
  collect(): void {
    const gc = this.gc;
    if (!gc) return;
    try {
      const young = youngGeneration();
      // allocated since the last call (unknown when V8 scavenged meanwhile: then all of it)
      const grown = young && young.used >= this.youngAfterLast ? young.used - this.youngAfterLast : young?.used ?? 0;
      if (!young || young.available < ROOM_JOBS * Math.max(grown, MIN_ALLOCATION)) {
        gc({ type: 'minor' });
        this.stats.minor++;
      } else this.stats.skipped++;
      this.youngAfterLast = youngGeneration()?.used ?? 0;
      if (v8.getHeapStatistics().used_heap_size > this.heapAfterMajor + MAJOR_GROWTH) {
        this.full();
        this.stats.major++;
      }
    } catch {
      // a V8 whose gc takes no options: leave collection to V8
    }
  }
}

/** a thread's memory, in bytes: its heap, and what its objects hold outside it (array buffers...) */
export interface ThreadMemory {
  heap: number;
  external: number;
}

/**
 * The thread's memory after a full collection (what it retains): for the soak's check that
 * retained memory does not grow (`promscope/workerHeaps`). Without `gc`, the memory as it is.
 */
export function memoryAfterFullCollection(collector: IdleCollector | undefined): ThreadMemory {
  collector?.full();
  const s = v8.getHeapStatistics();
  return { heap: s.used_heap_size, external: s.external_memory };
}

function exposedGc(): Gc | undefined {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (typeof existing === 'function') return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
