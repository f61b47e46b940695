// A pure function's answers kept by argument, for the few hot ones called per lead or per draft with a
// handful of distinct arguments (phrases, key spellings, zone names). Bounded: cleared when full, so an
// unusual stream of distinct arguments costs recomputation, never memory.

export function boundedMemo<A, R>(compute: (argument: A) => R, maxEntries: number): (argument: A) => R {
  const answers = new Map<A, R>();
  return (argument) => {
    if (answers.has(argument)) return answers.get(argument) as R;
    const answer = compute(argument);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(argument, answer);
    return answer;
  };
}
