// Whether a parallel fit's helper threads are worth waiting for, judged tree by tree as the fit
// goes (parallel-fit.ts asks it before handing out each job).
/**
 * A fit judges its helpers over every JUDGED_TREES trees it grows with them: it grows trees alone for
 * a while when at least SLOW_TREES of them waited for the helpers longer than this thread's own part
 * of the shared jobs, or when they took longer on average than the trees of its last rest.
 */
const JUDGED_TREES = 4;
const SLOW_TREES = 3;
/** Trees grown alone after the first judgement against the helpers, 4 times as many after each next, up to LONGEST_REST. */
const FIRST_REST = 10;
const LONGEST_REST = 160;

/**
 * Whether a fit's helpers are worth waiting for. A helper kept from its core by other work makes
 * the fit wait for it at every job: with CI running beside it, a 51k-row fit took 26 s on 2 threads
 * against 5 s on 1. Over a tree's jobs given to helpers, this thread's own part took `own` and its
 * wait for theirs `waited`; alone, it would have done their parts too, about `own` again (the parts
 * are even), so past waited = own a helper costs time. When most trees of a window are past it, the
 * fit rests: it grows trees alone, then tries the helpers again, and from then on also compares the
 * time of trees grown with them against those of the rest (with two busy processes beside it, many
 * trees waited less than their own part, this thread being descheduled too, yet took 2–10 times
 * as long as trees grown alone). Measured with two such processes, a 51k × 14 fit took 1.0–2.0 s on
 * 2 threads this way, 1.3–4.9 s before, and 0.7–1.3 s on 1. On a quiet machine it keeps the
 * helpers: single trees waited up to 8 times their own part (a helper descheduled for 25 ms), so one
 * slow tree is not enough (judging each tree alone made 21–25 rests of 10 trees per 200k-row fit,
 * and those fits 20–40% slower); with the window, 200k flights rows fitted as fast as without any
 * judgement. Every thread count grows the same model, so this changes only the time. Without
 * `judge` the helpers are always worth it: the warm-up's fits (TrainOptions.keepHelpers) are there
 * to run their code, however slow it is at first.
 */
export function helpersPaying(judge = true) {
  let own = 0;
  let waited = 0;
  let mark = 0;
  // The tree being grown: when it began (0 before the first).
  let treeStart = 0;
  // The trees of the judged window: how many, their time, how many waited too long.
  let judged = 0;
  let judgedMs = 0;
  let slowTrees = 0;
  // A rest's trees and time; the last rest's time per tree (0 before any).
  let restLeft = 0;
  let rest = FIRST_REST;
  let aloneMs = 0;
  let aloneTrees = 0;
  let msAlone = 0;
  let alone = 0;
  const state = {
    resting: false,
    began() {
      mark = performance.now();
    },
    waiting() {
      const t = performance.now();
      own += t - mark;
      mark = t;
    },
    answered() {
      waited += performance.now() - mark;
    },
    treesAlone: () => alone,
    /** Called as each tree begins: counts the tree before it, and judges the helpers at a window's end. */
    treeBegins() {
      const now = performance.now();
      if (treeStart > 0 && state.resting) {
        aloneMs += now - treeStart;
        aloneTrees++;
      } else if (treeStart > 0) {
        judged++;
        judgedMs += now - treeStart;
        if (own > 0 && waited > own) slowTrees++;
      }
      treeStart = now;
      own = waited = 0;
      if (state.resting) {
        if (--restLeft === 0) {
          state.resting = false;
          msAlone = aloneMs / aloneTrees;
          aloneMs = aloneTrees = 0;
        }
      } else if (judged === JUDGED_TREES && judge) {
        const slower = msAlone > 0 && judgedMs / judged > msAlone;
        if (slowTrees >= SLOW_TREES || slower) {
          state.resting = true;
          restLeft = rest;
          rest = Math.min(4 * rest, LONGEST_REST);
        } else rest = FIRST_REST;
        judged = judgedMs = slowTrees = 0;
      }
      if (state.resting) alone++;
    },
  };
  return state;
}
